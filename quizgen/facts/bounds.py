"""Numbers a fact gives as a bound ("more than 170 attacks", "at least nine").

With a lower bound every smaller figure is true as well ("more than 140"), so
wrong answers must lie beyond it, and no false statement can be made from a
figure; the distractors and the audit's rules both ask here.
"""

from __future__ import annotations

import re

from quizgen.facts import AnswerKind, Fact
from quizgen.facts.spans import find_answer
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
