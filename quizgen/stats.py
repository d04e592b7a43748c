"""Progress figures from the store: per day, topic and kind; what is due; the streak.

Pure functions of the recorded answers, the cards and ``now``, so they are
tested with a fixed clock and printed by the CLI as tables and bars.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from quizgen.progress import AnswerRow


@dataclass(frozen=True, slots=True)
class Tally:
    answered: int
    correct: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(frozen=True, slots=True)
class Stats:
    total: Tally
    by_day: dict[str, Tally]
    by_topic: dict[str, Tally]
    by_kind: dict[str, Tally]
    due_today: int
    due_week: int
    studied: int
    streak: int

    def to_dict(self) -> dict[str, Any]:
        def table(rows: Mapping[str, Tally]) -> dict[str, dict[str, float | int]]:
            return {k: {"answered": t.answered, "correct": t.correct,
                        "accuracy": round(t.accuracy, 4)} for k, t in rows.items()}

        return {
            "answered": self.total.answered, "correct": self.total.correct,
            "accuracy": round(self.total.accuracy, 4), "by_day": table(self.by_day),
            "by_topic": table(self.by_topic), "by_kind": table(self.by_kind),
            "due_today": self.due_today, "due_next_7_days": self.due_week,
            "facts_studied": self.studied, "streak_days": self.streak,
        }


def _tally(rows: Iterable[AnswerRow], key: Any) -> dict[str, Tally]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        entry = counts[key(row)]
        entry[0] += 1
        entry[1] += row.correct
    return {k: Tally(a, c) for k, (a, c) in sorted(counts.items())}


def compute(answers: list[AnswerRow], cards: Mapping[str, Any], now: datetime,
            fact_ids: Iterable[str] | None = None) -> Stats:
    """Figures as of ``now`` (local days are the days of ``now``'s time zone)."""
    tz = now.tzinfo
    scheduled = set(fact_ids) if fact_ids is not None else None

    def day(row: AnswerRow) -> str:
        return datetime.fromisoformat(row.answered_at).astimezone(tz).date().isoformat()

    end_of_today = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tz)
    live = {f: c for f, c in cards.items() if scheduled is None or f in scheduled}
    due_today = sum(1 for c in live.values() if c.due < end_of_today)
    due_week = sum(1 for c in live.values() if c.due < end_of_today + timedelta(days=7))
    days = {day(r) for r in answers}
    streak, cursor = 0, now.date()
    if cursor.isoformat() not in days:
        cursor -= timedelta(days=1)  # a streak survives until today is over
    while cursor.isoformat() in days:
        streak += 1
        cursor -= timedelta(days=1)
    return Stats(
        total=Tally(len(answers), sum(r.correct for r in answers)),
        by_day=_tally(answers, day), by_topic=_tally(answers, lambda r: r.topic),
        by_kind=_tally(answers, lambda r: r.kind), due_today=due_today, due_week=due_week,
        studied=len(live), streak=streak,
    )


def bar(fraction: float, width: int = 20) -> str:
    """A text bar that also reads without colour: '██████░░░░'."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)
