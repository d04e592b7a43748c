"""Where a fact's answer stands in its own statement.

Cloze items, false true/false variants, timeline labels and (later) Anki
cloze notes all blank or swap the *same* words, so they agree with each
other; this module is the one place that finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.facts import Fact
from quizgen.language.dates import date_forms

BLANK = "_____"
HIDDEN_DATE = "…"
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a statement: ``statement[start:end] == text``."""

    start: int
    end: int
    text: str
    is_answer: bool  # the answer itself, not one of its aliases


def _find(statement: str, lowered: str, needle: str) -> tuple[int, int] | None:
    """First whole-word, case-insensitive occurrence of ``needle``."""
    target = needle.lower()
    if not target:
        return None
    at = lowered.find(target)
    while at >= 0:
        end = at + len(target)
        before = lowered[at - 1] if at else " "
        after = lowered[end] if end < len(lowered) else " "
        if not before.isalnum() and not after.isalnum():
            return at, end
        at = lowered.find(target, at + 1)
    return None


def find_answer(fact: Fact) -> Span | None:
    """The answer as written in the statement: the answer itself, else its shortest alias.

    The shortest alias wins so that qualifiers stay visible: in "left at least
    nine fighters dead" the blank replaces "nine", not "at least nine".
    """
    statement = fact.statement
    lowered = statement.lower()
    if len(lowered) != len(statement):  # a rare character whose lower case is longer
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in statement)
    for i, candidate in enumerate([fact.answer, *sorted(fact.aliases, key=len)]):
        found = _find(statement, lowered, candidate)
        if found:
            start, end = found
            return Span(start, end, statement[start:end], i == 0)
    return None


def blank(fact: Fact, span: Span | None = None, filler: str = BLANK) -> str | None:
    """The statement with the answer replaced by ``filler``; None if it is not written there."""
    span = span or find_answer(fact)
    if span is None:
        return None
    return fact.statement[: span.start] + filler + fact.statement[span.end:]


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _replace_words(text: str, old: str, new: str) -> str:
    """``old`` replaced by ``new`` wherever it stands as whole words (case as written).

    A plain scan, not a regular expression: compiling one per fact would cost
    more than all the rest of making a timeline.
    """
    out: list[str] = []
    start = 0
    at = text.find(old)
    while at >= 0:
        end = at + len(old)
        if (at == 0 or not _word(text[at - 1])) and (end == len(text) or not _word(text[end])):
            out.append(text[start:at])
            out.append(new)
            start = end
            at = text.find(old, end)
        else:
            at = text.find(old, at + 1)
    out.append(text[start:])
    return "".join(out)


def without_date(fact: Fact) -> str | None:
    """The statement with its own date hidden, for ordering events on a timeline.

    None when the fact has no date, or when a year would still show (the date
    is written in a form not recognised, or another date gives it away).
    """
    if fact.date is None:
        return None
    text = fact.statement
    for form in date_forms(fact.date):
        if form in text:  # a cheap look first: most forms are not there
            text = _replace_words(text, form, HIDDEN_DATE)
    if text == fact.statement or _YEAR.search(text):
        return None
    return text
