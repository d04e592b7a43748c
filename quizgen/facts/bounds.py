"""Numbers a fact gives as a bound ("more than 170 attacks", "at least nine").

With a lower bound every smaller figure is true as well ("more than 140"), so
wrong answers must lie beyond it, and no false statement can be made from a
figure; the distractors and the audit's rules both ask here.
"""

from __future__ import annotations

import re

from quizgen.facts import AnswerKind, Fact
from quizgen.facts.spans import Span, find_answer
from quizgen.language.numbers import normalize

_BOUND_BEFORE = re.compile(
    r"\b(no (?:more|fewer|less) than|more than|over|at least|upwards of|in excess of"
    r"|fewer than|less than|under|at most|up to)\s+$",
    re.IGNORECASE,
)
_BOUND_ASKED = re.compile(
    r"\b(no (?:more|fewer|less) than|more than|over|at least|fewer than|less than|under"
    r"|at most|up to) how (?:many|much|far|long)\b",
    re.IGNORECASE,
)
_LOWER_BOUNDS = frozenset(
    {"more than", "over", "at least", "upwards of", "in excess of", "no fewer than", "no less than"}
)
_DIGIT_RUN = re.compile(r"\d+")
_APPROXIMATE_BEFORE = re.compile(
    r"\b(about|approximately|nearly|almost|around|roughly|some|an estimated|close to"
    r"|circa|c\.|~)\s+$",
    re.IGNORECASE,
)
_APPROXIMATE_ASKED = re.compile(
    r"\b(about|approximately|nearly|almost|around|roughly) how (?:many|much|far|long)\b",
    re.IGNORECASE,
)


def number_bound(fact: Fact) -> int:
    """1 if the fact gives its number as a lower bound, -1 as an upper bound, else 0.

    "More than 170 attacks": every smaller figure is then true as well ("more
    than 140"), so wrong answers must lie above it; "fewer than 10", below.
    "About" and "nearly" bind nothing: "nearly 440 km" does not follow from
    "nearly 400 km".
    """
    if fact.answer_kind is not AnswerKind.NUMBER:
        return 0
    span = find_answer(fact)
    found = _BOUND_BEFORE.search(fact.statement[: span.start]) if span else None
    found = found or _BOUND_ASKED.search(fact.question)
    if found is None:
        return 0
    return 1 if " ".join(found.group(1).lower().split()) in _LOWER_BOUNDS else -1


def number_in(text: str) -> int | None:
    """The first whole number a text gives, in digits or words ('nine', '74,100')."""
    found = _DIGIT_RUN.search(normalize(text))
    return int(found.group()) if found else None


def approximate(fact: Fact) -> bool:
    """Whether the fact gives its number as approximate ("about 74,100", "nearly 400 km").

    Wrong options must then lie well away from it: "about 74,100" leaves
    "74,000" true as well.
    """
    if fact.answer_kind is not AnswerKind.NUMBER:
        return False
    span = find_answer(fact)
    before = fact.statement[: span.start] if span else ""
    return bool(_APPROXIMATE_BEFORE.search(before) or _APPROXIMATE_ASKED.search(fact.question))


_HEDGE_START = re.compile(
    r"^(no (?:more|fewer|less) than|more than|over|at least|upwards of|in excess of"
    r"|fewer than|less than|under|at most|up to)\s+",
    re.IGNORECASE,
)


def hedged_span(fact: Fact) -> Span | None:
    """The bound and its number as the statement writes them ("at least nine"), for a
    fact that gives its number as a bound in its statement; else None."""
    if fact.answer_kind is not AnswerKind.NUMBER:
        return None
    span = find_answer(fact)
    found = _BOUND_BEFORE.search(fact.statement[: span.start]) if span else None
    if span is None or found is None:
        return None
    return Span(found.start(), span.end, fact.statement[found.start() : span.end], False)


def turned_round(bound: int) -> str:
    """The words of the opposite bound: a lower bound ("at least nine") is contradicted
    by an upper one at or below it ("fewer than five")."""
    return "fewer than" if bound > 0 else "more than"


def hedge_of(text: str) -> tuple[int, int | None]:
    """The direction (1 lower, -1 upper, 0 none) and the number of a bound as written
    ("fewer than five" -> (-1, 5))."""
    found = _HEDGE_START.match(text.strip())
    if found is None:
        return 0, number_in(text)
    words = " ".join(found.group(1).lower().split())
    return (1 if words in _LOWER_BOUNDS else -1), number_in(text[found.end() :])
