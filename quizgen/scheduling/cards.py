"""Spaced repetition with FSRS (the ``fsrs`` package, as Anki uses), kept pure.

Every function takes the time it should consider "now"; nothing reads the
clock. Interval fuzzing is off so that the same answers at the same times give
the same schedule (Anki fuzzes to spread load; a single learner's deck of a
hundred or so facts does not need it, and reproducibility is worth more).
A learner's own parameters and desired retention (``quizgen optimize``) come in as a
:class:`Tuning`; without one, FSRS's defaults at 90% retention.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from functools import lru_cache
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


DEFAULT_RETENTION = 0.9


@dataclass(frozen=True, slots=True)
class Tuning:
    """What the scheduler runs with: FSRS parameters fitted to the learner (None: the
    defaults) and the desired retention."""

    parameters: tuple[float, ...] | None = None
    retention: float = DEFAULT_RETENTION


DEFAULTS = Tuning()


@lru_cache(maxsize=8)
def _scheduler(tuning: Tuning = DEFAULTS) -> fsrs.Scheduler:
    """One scheduler per tuning per process: building it per review would only repeat the
    parameter validation."""
    import fsrs

    if tuning.parameters is None:
        return fsrs.Scheduler(desired_retention=tuning.retention, enable_fuzzing=False)
    return fsrs.Scheduler(
        parameters=tuning.parameters, desired_retention=tuning.retention, enable_fuzzing=False
    )


def check_tuning(tuning: Tuning) -> Tuning:
    """``tuning`` if fsrs accepts it; ValueError with fsrs's reason if not (a stored one
    edited by hand, say)."""
    if not 0 < tuning.retention < 1:
        raise ValueError(f"desired retention {tuning.retention} is not between 0 and 1")
    _scheduler(tuning)
    return tuning


def new_card(fact_id: str, now: datetime) -> fsrs.Card:
    import fsrs

    return fsrs.Card(card_id=card_id(fact_id), due=now.astimezone(UTC))


def after_review(
    card: fsrs.Card, rating: Rating, now: datetime, tuning: Tuning = DEFAULTS
) -> fsrs.Card:
    """The card after a review at ``now``; the input card is not changed.

    A ``now`` before the card's last review (two terminals whose answers reach the
    store out of order by a moment) is taken as that review's time: fsrs would
    otherwise count negative days since it. fsrs's ``ReviewLog`` is dropped: the
    answers table already keeps each review.
    """
    import fsrs

    now = now.astimezone(UTC)  # fsrs takes UTC only; any aware time is the same instant
    if card.last_review is not None and now < card.last_review:
        now = card.last_review
    updated, _log = _scheduler(tuning).review_card(card, fsrs.Rating(int(rating)), now)
    return updated


def preview(card: fsrs.Card, now: datetime, tuning: Tuning = DEFAULTS) -> dict[Rating, timedelta]:
    """How long until the card is due again after each rating at ``now``: what the grade
    choices show ("Again 1m · Hard 6m · Good 10m · Easy 8d"), from fsrs itself."""
    return {r: after_review(card, r, now, tuning).due - now for r in Rating}


def interval_text(delta: timedelta) -> str:
    """An interval as Anki writes it on its buttons: '<1m', '6m', '3h', '8d', '1.5mo', '2.1y'.

    Minutes, hours and days are rounded to whole units; months (30 days) and years
    (365 days) keep one decimal, as Anki's do.
    """
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    minutes = seconds / 60
    if round(minutes) < 60:
        return f"{round(minutes)}m"
    hours = minutes / 60
    if round(hours) < 24:
        return f"{round(hours)}h"
    days = hours / 24
    if round(days) < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}".rstrip("0").rstrip(".") + "mo"
    return f"{days / 365:.1f}".rstrip("0").rstrip(".") + "y"


def choices(card: fsrs.Card, now: datetime, tuning: Tuning = DEFAULTS) -> tuple[str, ...]:
    """The four grades with their next intervals: ('Again 1m', 'Hard 6m', ...)."""
    return tuple(
        f"{r.name.capitalize()} {interval_text(d)}" for r, d in preview(card, now, tuning).items()
    )


def learning(card: fsrs.Card) -> bool:
    """Still on its (re)learning steps, minutes apart: Anki shows it again in the session."""
    import fsrs

    return card.state in (fsrs.State.Learning, fsrs.State.Relearning)


def lapsed(before: fsrs.Card | None, after: fsrs.Card) -> bool:
    """Whether this review forgot a card that had graduated (Review to Relearning): a lapse."""
    import fsrs

    return (
        before is not None
        and before.state is fsrs.State.Review
        and after.state is fsrs.State.Relearning
    )


def card_to_json(card: fsrs.Card) -> str:
    import json

    return json.dumps(card.to_dict(), sort_keys=True)


def card_from_json(text: str) -> fsrs.Card:
    import json

    import fsrs

    return fsrs.Card.from_dict(json.loads(text))
