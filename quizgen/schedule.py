"""Spaced repetition with FSRS (the ``fsrs`` package, as Anki uses), kept pure.

Every function takes the time it should consider "now"; nothing reads the
clock. Interval fuzzing is off so that the same answers at the same times give
the same schedule (Anki fuzzes to spread load; a single learner's deck of a
hundred or so facts does not need it, and reproducibility is worth more).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import IntEnum
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # fsrs ships its own types (py.typed); at run time it is imported only when a card
    # is made or read, so commands that schedule nothing do not pay for it.
    import fsrs


class Rating(IntEnum):
    """FSRS's four grades, with the numbers people press for them."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


def rating_for(correct: bool, seconds: float, fast_seconds: float, typo: bool = False) -> Rating:
    """How an answered question grades the fact: the rule the README documents.

    Wrong is Again; right but only with a forgiven typo is Hard; right and fast
    is Easy; right otherwise is Good.
    """
    if not correct:
        return Rating.AGAIN
    if typo:
        return Rating.HARD
    return Rating.EASY if seconds <= fast_seconds else Rating.GOOD


def card_id(fact_id: str) -> int:
    """A stable card id from the fact id (FSRS otherwise takes the clock)."""
    return int.from_bytes(hashlib.sha1(fact_id.encode()).digest()[:6], "big")


@cache
def _scheduler() -> fsrs.Scheduler:
    """One scheduler per process: its parameters never change, so building it per review
    would only repeat the parameter validation."""
    import fsrs

    return fsrs.Scheduler(enable_fuzzing=False)


def new_card(fact_id: str, now: datetime) -> fsrs.Card:
    import fsrs

    return fsrs.Card(card_id=card_id(fact_id), due=now)


def review(card: fsrs.Card, rating: Rating, now: datetime) -> fsrs.Card:
    """The card after a review at ``now``; the input card is not changed.

    fsrs's ``ReviewLog`` is dropped: the answers table already keeps each review.
    """
    import fsrs

    updated, _log = _scheduler().review_card(card, fsrs.Rating(int(rating)), now)
    return updated


def card_to_json(card: fsrs.Card) -> str:
    import json

    return json.dumps(card.to_dict(), sort_keys=True)


def card_from_json(text: str) -> fsrs.Card:
    import json

    import fsrs

    return fsrs.Card.from_dict(json.loads(text))
