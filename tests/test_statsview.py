"""stats as a picture at a terminal and as tables elsewhere; weak spots from the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizgen.facts import FactBase
from quizgen.progress import AnswerRow, ProgressStore
from quizgen.scheduling.cards import Rating, after_review, new_card
from quizgen.study import statsview
from quizgen.study.stats import Weak, compute, weak_spots

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)


def figures(base: FactBase):  # type: ignore[no-untyped-def]
    rows = [
        AnswerRow(
            "q",
            "mc",
            "base",
            (f.id,),
            "x",
            i % 3 != 0,
            3.0,
            None,
            (NOW - timedelta(days=i % 40, hours=i % 5)).isoformat(),
        )
        for i, f in enumerate(base.facts * 8)
    ]
    cards = {
        f.id: after_review(
            new_card(f.id, NOW - timedelta(days=i)), Rating(1 + i % 4), NOW - timedelta(days=i)
        )
        for i, f in enumerate(base.facts)
    }
    return compute(rows, cards, NOW, [f.id for f in base.facts])


def test_columns_scale_to_the_highest() -> None:
    assert statsview.columns([0, 1, 2, 4], height=2) == ["   █", " ▄██"]
    assert statsview.columns([0, 0], height=2) == ["  ", "▁▁"]
    assert statsview.columns([8, 1], height=1) == ["█▁"]


@pytest.mark.parametrize("charts", [True, False])
@pytest.mark.parametrize("width", [39, 79, 119])
def test_every_line_fits(small: FactBase, charts: bool, width: int) -> None:
    weak = Weak([("town", 3, 5)], [("capital", 2)])
    lines = statsview.render(small, figures(small), weak, charts=charts, width=width)
    assert all(len(line) <= width for line in lines), [x for x in lines if len(x) > width]
    text = "\n".join(lines)
    assert "Most missed" in text and "town: missed 3 of 5" in text and "2 lapses" in text
    if charts:
        assert "Due in the next 30 days (most: " in text and "█" in text
        assert "today  +7" in text and "Accuracy per week" in text
    else:
        assert "█" not in text and "Week" in text


def test_the_tables_hold_the_forecast(small: FactBase) -> None:
    stats = figures(small)
    lines = statsview.render(small, stats, Weak([], []), charts=False, width=None)
    start = lines.index("Due in the next 30 days")
    shown = lines[start + 2 : lines.index("", start)]
    assert shown == [f"  {d.isoformat()}  {n}" for d, n in stats.forecast if n]
    assert sum(n for _, n in stats.forecast) == len(small.facts)
    assert stats.forecast[0][1] == stats.due_today


def test_weak_spots_from_the_store(small: FactBase, tmp_path: Path) -> None:
    with ProgressStore.for_facts(tmp_path, small) as store:
        session = store.start_session("quiz", None, NOW)

        def answer(fact: str, correct: bool, minutes: int) -> None:
            store.record(
                session,
                question_id=f"q-{fact}",
                kind="typed",
                topic="base",
                fact_ids=[fact],
                response="x",
                correct=correct,
                seconds=3,
                answered_at=NOW + timedelta(minutes=minutes),
            )

        for i, (fact, correct) in enumerate(
            [
                ("town", False),
                ("town", False),
                ("leader", False),
                ("capital", False),
                ("capital", True),
                ("town", True),
                ("town", False),
            ]
        ):
            answer(fact, correct, i)
        store.record(
            session,
            question_id="timeline",
            kind="timeline",
            topic="base",
            fact_ids=["town", "leader"],
            response="x",
            correct=False,
            seconds=3,
            answered_at=NOW,
        )
        # A card learnt, then forgotten: a lapse.
        for rating, day in ((Rating.EASY, 0), (Rating.AGAIN, 9)):
            when = NOW + timedelta(days=day)
            store.record(
                session,
                question_id="q",
                kind="typed",
                topic="base",
                fact_ids=["builder"],
                response="x",
                correct=rating > 1,
                seconds=3,
                answered_at=when,
                rating=int(rating),
                rate=lambda f, c, r=rating, w=when: after_review(  # type: ignore[misc]
                    c or new_card(f, w), r, w
                ),
            )
        weak = weak_spots(store, [f.id for f in small.facts])
        assert weak.missed[:3] == [("town", 3, 4), ("builder", 1, 2), ("capital", 1, 2)]
        assert weak.lapsed == [("builder", 1)]
        assert store.last_missed() == ["builder", "town", "leader"]
