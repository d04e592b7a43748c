"""Stats with a fixed clock: per day, topic and kind; due counts; the streak."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from quizgen.progress import AnswerRow
from quizgen.scheduling.cards import Rating, after_review, new_card
from quizgen.study.stats import bar, compute

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def row(days_ago: int, topic: str = "base", kind: str = "mc", correct: bool = True) -> AnswerRow:
    when = (NOW - timedelta(days=days_ago)).isoformat()
    return AnswerRow("q", kind, topic, ("f",), "x", correct, 3.0, None, when)


def test_tallies_and_streak() -> None:
    answers = [row(0), row(0, correct=False), row(1, "places", "typed"), row(2), row(4)]
    figures = compute(answers, {}, NOW)
    assert (figures.total.answered, figures.total.correct) == (5, 4)
    assert figures.streak == 3  # today, yesterday, the day before; not 4 days ago
    assert figures.by_day["2026-03-10"].answered == 2
    assert figures.by_topic["places"].accuracy == 1.0
    assert figures.by_kind["mc"].answered == 4


def test_streak_survives_until_today_ends() -> None:
    assert compute([row(1), row(2)], {}, NOW).streak == 2
    assert compute([row(2)], {}, NOW).streak == 0


def test_due_counts_only_facts_still_in_the_file() -> None:
    easy = after_review(new_card("a", NOW), Rating.EASY, NOW)  # due in 8 days
    soon = after_review(new_card("b", NOW), Rating.AGAIN, NOW)  # due in a minute
    gone = after_review(new_card("c", NOW), Rating.AGAIN, NOW)
    figures = compute([], {"a": easy, "b": soon, "c": gone}, NOW, fact_ids=["a", "b"])
    assert (figures.due_today, figures.due_week, figures.studied) == (1, 1, 2)
    later = compute([], {"a": easy, "b": soon}, NOW + timedelta(days=2), fact_ids=["a", "b"])
    assert later.due_week == 2


def test_bar() -> None:
    assert bar(0.5, 10) == "█████░░░░░" and bar(0, 4) == "░░░░" and bar(2, 4) == "████"
