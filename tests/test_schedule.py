"""FSRS through quizgen matches the fsrs package's own results, with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from quizgen.scheduling.cards import (
    Rating,
    after_review,
    card_from_json,
    card_id,
    card_to_json,
    new_card,
    rating_for,
)

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("rating", list(Rating))
def test_first_review_matches_fsrs(rating: Rating) -> None:
    ours = after_review(new_card("f", NOW), rating, NOW)
    theirs, _ = fsrs.Scheduler(enable_fuzzing=False).review_card(
        fsrs.Card(card_id=card_id("f"), due=NOW), fsrs.Rating(int(rating)), NOW
    )
    assert ours.to_dict() == theirs.to_dict()


def test_due_dates_after_again_good_easy() -> None:
    card = new_card("f", NOW)
    assert after_review(card, Rating.AGAIN, NOW).due == NOW + timedelta(minutes=1)
    assert after_review(card, Rating.GOOD, NOW).due == NOW + timedelta(minutes=10)
    assert after_review(card, Rating.EASY, NOW).due == NOW + timedelta(days=8)


def test_a_sequence_of_reviews_matches_fsrs() -> None:
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    theirs = fsrs.Card(card_id=card_id("seq"), due=NOW)
    ours = new_card("seq", NOW)
    when = NOW
    for rating in (Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.EASY):
        ours = after_review(ours, rating, when)
        theirs, _ = scheduler.review_card(theirs, fsrs.Rating(int(rating)), when)
        assert ours.to_dict() == theirs.to_dict()
        when = ours.due
    assert ours.due > NOW + timedelta(days=5)


def test_review_does_not_change_its_input() -> None:
    card = new_card("f", NOW)
    before = card.to_dict()
    after_review(card, Rating.GOOD, NOW)
    assert card.to_dict() == before


def test_card_json_round_trip_and_stable_ids() -> None:
    card = after_review(new_card("base-country", NOW), Rating.GOOD, NOW)
    assert card_from_json(card_to_json(card)).to_dict() == card.to_dict()
    assert card_id("base-country") == card_id("base-country") != card_id("base-owner")


@pytest.mark.parametrize(
    "correct,seconds,fast,typo,expected",
    [
        (False, 2.0, 8.0, False, Rating.AGAIN),
        (False, 60.0, 15.0, False, Rating.AGAIN),
        (True, 5.0, 8.0, False, Rating.EASY),
        (True, 8.0, 8.0, False, Rating.EASY),
        (True, 9.0, 8.0, False, Rating.GOOD),
        (True, 14.0, 15.0, False, Rating.EASY),
        (True, 16.0, 15.0, False, Rating.GOOD),
        (True, 3.0, 15.0, True, Rating.HARD),
    ],
)
def test_rating_rule(
    correct: bool, seconds: float, fast: float, typo: bool, expected: Rating
) -> None:
    assert rating_for(correct, seconds, fast, typo) is expected
