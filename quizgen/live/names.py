"""Players' names: what a name may hold, and when two names are one.

A name is shown to the whole class, so it must be plain, visible text: letters
(with their accents and vowel signs), digits, spaces, apostrophes, dots and
hyphens, at most :data:`NAME_MAX` characters, and never an invisible
character (a Hangul filler passes as a letter in Unicode yet shows nothing).

Two names are *one* when they look alike, not only when they are equal:
``Alice``, ``alice``, Cyrillic ``Аlice``, full-width ``Ａｌｉｃｅ``, ``Alice.``
and ``AIice`` (a capital i) share a key (:func:`keys`). A key is the name after
NFKC normalisation, the folding of confusable characters (Unicode's
confusables data, from the ``confusable-homoglyphs`` package, made into
classes of characters that look alike), case folding, and dropping what is
not a letter, digit or mark.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

from quizgen.live.questions import Rejected

NAME_MAX = 20
MARKS_IN_A_ROW = 3
"""More accents than this on one letter is decoration piled up (Zalgo text), not a name."""
_PUNCTUATION = frozenset(" .'’-")
_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
"""Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt), and the
Braille blank: characters that show nothing, or nothing of their own."""


def invisible(char: str) -> bool:
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _IGNORABLE)


def check_name(name: Any) -> str:
    """A name as shown: NFC, trimmed, single-spaced; Rejected if empty, too long, not plain
    text, or holding an invisible character."""
    if not isinstance(name, str):
        raise Rejected("Enter a name.")
    clean = " ".join(unicodedata.normalize("NFC", name).split())
    if any(invisible(c) for c in clean):
        raise Rejected("Names may not hold invisible characters.")
    if not clean:
        raise Rejected("Enter a name.")
    if len(clean) > NAME_MAX:
        raise Rejected(f"Names are at most {NAME_MAX} characters.")
    marks = 0
    for i, char in enumerate(clean):
        kind = unicodedata.category(char)[0]
        marks = marks + 1 if kind == "M" else 0
        if kind in "LN" or char in _PUNCTUATION:
            continue
        if kind == "M" and i > 0 and marks <= MARKS_IN_A_ROW:
            continue
        raise Rejected("Names may use letters, digits, spaces, apostrophes, dots and hyphens.")
    if not any(unicodedata.category(c)[0] in "LN" for c in clean):
        raise Rejected("Names need a letter or a digit.")
    return clean


@cache
def _folding() -> dict[str, str]:
    """Each confusable character -> one character standing for all that look like it.

    The data lists, for each character, the single characters it can be taken
    for; those pairs are joined into classes (union-find), and each class is
    written as its ASCII member where it has one (``l`` for ``1 I l |``, ``O``
    for ``0 O``), else its lowest code point."""
    raw = resources.files("confusable_homoglyphs").joinpath("confusables.json")
    data: dict[str, list[dict[str, str]]] = json.loads(raw.read_text(encoding="utf-8"))
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        parent.setdefault(c, c)
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for char, looks in data.items():
        if len(char) != 1:
            continue
        for look in looks:
            other = look.get("c", "")
            if len(other) == 1:
                a, b = find(char), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    members: dict[str, list[str]] = {}
    for char in list(parent):
        members.setdefault(find(char), []).append(char)

    def rank(c: str) -> tuple[int, int]:
        ascii_ = c.isascii() and c.isprintable()
        order = (
            0
            if ascii_ and c.islower()
            else 1
            if ascii_ and c.isalpha()
            else 2
            if ascii_ and c.isdigit()
            else 3
            if ascii_
            else 4
        )
        return order, ord(c)

    folding: dict[str, str] = {}
    for group in members.values():
        first = min(group, key=rank)
        folding.update((c, first) for c in group if c != first)
    return folding


def keys(name: str) -> frozenset[str]:
    """What a name has in common with every name that looks like it: two names are one
    when their keys meet. Folding before case folding catches ``AIice`` (a capital i,
    drawn as an l); case folding first catches ``ivan`` for ``Ivan``."""
    folding = _folding()
    text = unicodedata.normalize("NFKC", name)

    def fold(s: str) -> str:
        return "".join(folding.get(c, c) for c in s)

    def letters(s: str) -> str:
        s = unicodedata.normalize("NFD", fold(s))
        return "".join(c for c in s if unicodedata.category(c)[0] in "LNM" and not invisible(c))

    return frozenset({letters(fold(text).casefold()), letters(text.casefold())})
