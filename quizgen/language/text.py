"""Comparing answers the way a person would: one normalisation, shared.

Validation uses it to catch a wrong answer that is really the answer; grading
(typed answers) uses it so that 'the Quds Force' and 'Quds force' agree.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

_ARTICLES = re.compile(r"^(?:the|a|an)\s+")
_APOSTROPHES = re.compile(r"['’‘ʼ`]")
DIGIT_SEPARATORS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
"""A comma or dot between thousands ('74,100', '74.100'): one rule for folding and grading."""
_PUNCT = re.compile(r"[^\w\s]")
_SEPARATOR_HINT = re.compile(rb"[,.]\d{3}\b")
_DIGIT_SEPARATORS_B = re.compile(DIGIT_SEPARATORS.pattern.encode("ascii"))
"""DIGIT_SEPARATORS for the ASCII path's bytes, the rule written once."""
_ASCII_FOLD = bytes(
    ord(c.lower()) if c.isalnum() or c.isspace() or c == "_" else ord(" ")
    for c in map(chr, range(128))
) + bytes(range(128, 256))
"""ASCII upper case to lower; what is neither a word character nor a space to a space."""
_ARTICLE_STARTS = ("the ", "a ", "an ")
_ASCII_FOLD_LINES = bytes(
    10 if c == 10 else 32 if c < 128 and chr(c).isspace() else c for c in _ASCII_FOLD
)
"""_ASCII_FOLD, then every space but the line break a plain space (as ``str.split`` sees them)."""


def fold(text: str) -> str:
    """Lower-case, strip diacritics, punctuation, a leading article and extra spaces."""
    if not text.isascii():
        standing_in = _ascii_twin(text)
        if standing_in is None:
            return _fold_unicode(text)
        text = standing_in
    # The common case: byte tables do it all, several times faster.
    raw = text.encode("ascii").translate(None, b"'`")
    if _SEPARATOR_HINT.search(raw):  # a quick look: sub() costs more than the rest
        raw = _DIGIT_SEPARATORS_B.sub(b"", raw)
    words = " ".join(raw.translate(_ASCII_FOLD).decode("ascii").split())
    if words.startswith(_ARTICLE_STARTS):
        return words.split(" ", 1)[1] if " " in words else words
    return words


def _fold_unicode(text: str) -> str:
    """:func:`fold`, step by step, for any text (the definition the ASCII path keeps)."""
    decomposed = unicodedata.normalize("NFKD", text)
    marks = {ord(c): None for c in set(decomposed) if unicodedata.combining(c)}
    plain = decomposed.translate(marks) if marks else decomposed
    joined = DIGIT_SEPARATORS.sub("", _APOSTROPHES.sub("", plain.casefold()))
    words = " ".join(_PUNCT.sub(" ", joined).split())
    if words.startswith(_ARTICLE_STARTS):
        return words.split(" ", 1)[1] if " " in words else words
    return words


_STAND_INS: dict[str, str | None] = {}
"""A character outside ASCII (after NFKD) -> the ASCII text that folds as it does, or None:
a combining mark is dropped, an apostrophe is one, a space a space, a mark that is neither
a word character nor a space (and the same in lower case) any ASCII mark that is none of
them either and no digit separator (';'). A letter has none (it is kept, lower-cased)."""


def _ascii_twin(text: str) -> str | None:
    """``text`` with each character outside ASCII replaced by its stand-in (NFKD first), a
    text the ASCII path folds to what :func:`_fold_unicode` folds ``text`` to; None if a
    character has none. Most texts are English with a curly quote or a dash in them."""
    decomposed = unicodedata.normalize("NFKD", text)
    table: dict[int, str] = {}
    for c in set(decomposed):
        if c.isascii():
            continue
        if c in _STAND_INS:
            stand_in = _STAND_INS[c]
        else:
            stand_in = _STAND_INS[c] = _stand_in(c)
        if stand_in is None:
            return None
        table[ord(c)] = stand_in
    return decomposed.translate(table)


_SPACE = re.compile(r"\s")
"""Whitespace as the folding regexes read it: a character ``isspace`` calls a space but
``\\s`` does not gets no stand-in, and keeps the step-by-step path."""


def _stand_in(c: str) -> str | None:
    if unicodedata.combining(c):
        return ""
    if c.casefold() != c:
        return None
    if _APOSTROPHES.fullmatch(c):
        return "'"
    if c.isspace() and _SPACE.fullmatch(c):
        return " "
    if _PUNCT.fullmatch(c):
        return ";"
    return None


def fold_all(texts: Sequence[str]) -> list[str]:
    """``[fold(t) for t in texts]``, the ASCII texts folded together: each step of
    :func:`fold` done once over them all, joined by line breaks, then split. Indexes over
    every name of a large base (100,000 facts give some 200,000) fold them this way in a
    fraction of the time."""
    out = list(texts)
    bulk = [i for i, t in enumerate(texts) if t.isascii() and "\n" not in t]
    if bulk:
        raw = "\n".join([texts[i] for i in bulk]).encode("ascii").translate(None, b"'`")
        if _SEPARATOR_HINT.search(raw):
            raw = _DIGIT_SEPARATORS_B.sub(b"", raw)
        raw = raw.translate(_ASCII_FOLD_LINES)  # every space a plain one, but line breaks
        while b"  " in raw:
            raw = raw.replace(b"  ", b" ")
        raw = b"\n" + raw.replace(b" \n", b"\n").replace(b"\n ", b"\n").strip(b" ")
        for article in (b"\nthe ", b"\na ", b"\nan "):  # one article, as fold() takes
            raw = raw.replace(article, b"\n\0")  # (no NUL is left after the table)
        lines = raw.replace(b"\0", b"").decode("ascii").split("\n")
        for i, line in zip(bulk, lines[1:], strict=True):
            out[i] = line
    if len(bulk) < len(texts):
        done = set(bulk)
        for i, t in enumerate(texts):
            if i not in done:
                out[i] = fold(t)
    return out


@lru_cache(maxsize=1 << 20)
def folded(text: str) -> str:
    """fold(), remembered: generation compares the same names and texts again and again."""
    return fold(text)


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` stands in ``haystack`` as whole words, after folding both.

    Folding is remembered: generation asks this of the same few texts often.
    """
    n = folded(needle)
    return bool(n) and f" {n} " in f" {folded(haystack)} "


def suggest(word: str, choices: Iterable[object]) -> str:
    """' (did you mean 'x'?)' for a near miss among ``choices``, else ''."""
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def join_letters(words: list[str]) -> list[str]:
    """Runs of two or more one-letter words (a-z) joined: ['u', 's', 'forces'] is
    ['us', 'forces'], so an acronym reads alike with or without its dots."""
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and "a" <= word <= "z":
            run.append(word)
            continue
        if len(run) > 1:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out


def name_key(text: str) -> str:
    """fold(), with an acronym's letters joined: 'P.L.O.', 'P L O' and 'PLO' are one name.

    Names are compared by this key wherever two of them must be told apart or
    found to be one (a name on two entities, a reply naming another thing).
    """
    words = fold(text)
    if " " not in words:
        return words
    return " ".join(join_letters(words.split(" ")))
