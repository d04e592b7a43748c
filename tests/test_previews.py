"""Grade choices show the next interval, computed by fsrs itself for that card and time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from quizgen.scheduling.cards import Rating, after_review, choices, interval_text, new_card, preview

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def cards() -> list[tuple[fsrs.Card, datetime]]:
    """A new card, one on each learning step, a graduated one, a lapsed one, an overdue one."""
    new = new_card("f", NOW)
    step1 = after_review(new, Rating.GOOD, NOW)
    graduated = after_review(step1, Rating.GOOD, step1.due)
    lapsed = after_review(graduated, Rating.AGAIN, graduated.due)
    return [
        (new, NOW),
        (after_review(new, Rating.AGAIN, NOW), NOW + timedelta(minutes=1)),
        (step1, step1.due),
        (graduated, graduated.due),
        (graduated, graduated.due + timedelta(days=30)),
        (lapsed, lapsed.due),
    ]


@pytest.mark.parametrize("index", range(6))
def test_previews_equal_fsrs_own_scheduler(index: int) -> None:
    card, when = cards()[index]
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    for rating, delta in preview(card, when).items():
        theirs, _ = scheduler.review_card(card, fsrs.Rating(int(rating)), when)
        assert when + delta == theirs.due


def test_a_new_card_shows_ankis_familiar_intervals() -> None:
    assert choices(new_card("f", NOW), NOW) == ("Again 1m", "Hard 6m", "Good 10m", "Easy 8d")


@pytest.mark.parametrize(
    "delta,text",
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=5, seconds=30), "6m"),
        (timedelta(minutes=59), "59m"),
        (timedelta(minutes=90), "2h"),
        (timedelta(hours=23), "23h"),
        (timedelta(days=1), "1d"),
        (timedelta(days=8), "8d"),
        (timedelta(days=29), "29d"),
        (timedelta(days=45), "1.5mo"),
        (timedelta(days=60), "2mo"),
        (timedelta(days=400), "1.1y"),
        (timedelta(days=730), "2y"),
    ],
)
def test_interval_text(delta: timedelta, text: str) -> None:
    assert interval_text(delta) == text
