"""What a fact's text becomes in an Anki field: shown as written, never as Anki syntax.

Anki reads a field as HTML, finds cloze deletions (``{{c1::...}}``) in the
raw field text, plays ``[sound:...]`` tags, renders ``[latex]`` and MathJax
(``\\(...\\)``); a fact may contain any of these as plain prose. So every
field is HTML-escaped and the characters that start Anki's own syntax
(``{ } [ \\``) are written as numeric entities, which the card shows as the
characters and Anki's parsers do not see. Control and bidi characters are
replaced (:mod:`quizgen.export.safe`).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

from quizgen.export.safe import clean
from quizgen.facts import Fact, spans
from quizgen.language.text import fold

_ANKI_SYNTAX = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "\\": "&#92;"})


def escape(text: str) -> str:
    """A field that shows ``text`` as written: no HTML, cloze, sound, LaTeX or MathJax."""
    return html.escape(clean(text), quote=True).translate(_ANKI_SYNTAX)


def cloze_text(fact: Fact) -> str | None:
    """The statement with ``{{c1::...}}`` round the words the quiz's cloze blanks, by the
    same function (:func:`quizgen.facts.spans.blanked`); None where the quiz has no blank.

    Every part is escaped, so the only cloze deletion is the one made here.
    """
    found = spans.blanked(fact)
    if found is None:
        return None
    hidden = escape(found.hidden).replace("::", ":&#58;")
    return escape(found.before) + "{{c1::" + hidden + "}}" + escape(found.after)


def contexts(facts: Iterable[Fact], topic_name: Callable[[str], str]) -> dict[str, str]:
    """fact id -> the context a reversed card's front needs, for facts sharing an answer.

    A fact whose answer no other fact of the deck has needs none. For a group
    that shares one, the first of these that tells every front apart is used:
    the topic; the topic and year; the topic, year and tags; the question.
    """
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        groups.setdefault(fold(fact.answer), []).append(fact)
    out: dict[str, str] = {}

    def year(f: Fact) -> str:
        return f", {f.date.year}" if f.date else ""

    def tags(f: Fact) -> str:
        return f" ({', '.join(f.tags)})"

    for group in (g for g in groups.values() if len(g) > 1):
        for cue in (
            lambda f: topic_name(f.topic),
            lambda f: topic_name(f.topic) + year(f),
            lambda f: topic_name(f.topic) + year(f) + tags(f),
            lambda f: f.question,
        ):
            cues = [cue(f) for f in group]
            if len(set(cues)) == len(cues):
                break
        out.update((f.id, c) for f, c in zip(group, cues, strict=True))
    return out
