"""Progress figures of one fact set: per day, topic and kind; what is due; the streak.

:func:`compute` is a pure function of the answers (one by one, or already
counted by the store), the due dates and ``now``, so it is tested with a fixed
clock; :func:`summarize` feeds it from the store, where SQLite does the
counting (Python gets a row per day, topic and kind, not an object per answer:
on 100k answers that is the difference between 7x and about 1.2x a bare SQL
GROUP BY; see ``bench/stats.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from quizgen.progress import AnswerRow, Counts

if TYPE_CHECKING:
    import fsrs

    from quizgen.progress import ProgressStore


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


def summarize(store: ProgressStore, now: datetime,
              fact_ids: Iterable[str] | None = None) -> Stats:
    """The figures of the store's fact set as of ``now``, counted by days of ``now``'s
    time zone (give it :data:`quizgen.localzone.LOCAL` for the machine's, DST and all)."""
    assert now.tzinfo is not None, "now must be aware: days are counted in its zone"
    return compute(store.counts(now.tzinfo), store.due_dates(), now, fact_ids)


def count(answers: Iterable[AnswerRow], zone: tzinfo | None) -> Counts:
    """What :meth:`ProgressStore.counts` gives, from answers one by one."""
    tables: tuple[dict[str, tuple[int, int]], ...] = ({}, {}, {})
    for row in answers:
        day = datetime.fromisoformat(row.answered_at).astimezone(zone).date().isoformat()
        for table, key in zip(tables, (day, row.topic, row.kind), strict=True):
            answered, correct = table.get(key, (0, 0))
            table[key] = (answered + 1, correct + row.correct)
    return Counts(*tables)


def compute(answers: Iterable[AnswerRow] | Counts,
            cards: Mapping[str, fsrs.Card] | Mapping[str, datetime], now: datetime,
            fact_ids: Iterable[str] | None = None) -> Stats:
    """Figures as of ``now``; local days are the days of ``now``'s time zone.

    ``answers`` one by one, or already counted by the store; ``cards`` are fsrs
    cards or just their due dates, by fact id; with ``fact_ids``, cards of facts
    no longer in the file are left out.
    """
    tz = now.tzinfo
    counts = answers if isinstance(answers, Counts) else count(answers, tz)
    by_day, by_topic, by_kind = ({k: Tally(*v) for k, v in sorted(table.items())}
                                 for table in (counts.by_day, counts.by_topic, counts.by_kind))
    scheduled = set(fact_ids) if fact_ids is not None else None
    due = [c if isinstance(c, datetime) else c.due for f, c in cards.items()
           if scheduled is None or f in scheduled]
    today = now.date()
    end_of_today = datetime.combine(today + timedelta(days=1), time.min, tz)
    streak, cursor = 0, today
    if cursor.isoformat() not in by_day:
        cursor -= timedelta(days=1)  # a streak survives until today is over
    while cursor.isoformat() in by_day:
        streak += 1
        cursor -= timedelta(days=1)
    return Stats(
        total=Tally(sum(t.answered for t in by_day.values()),
                    sum(t.correct for t in by_day.values())),
        by_day=by_day, by_topic=by_topic, by_kind=by_kind,
        due_today=sum(1 for d in due if d < end_of_today),
        due_week=sum(1 for d in due if d < end_of_today + timedelta(days=7)),
        studied=len(due), streak=streak,
    )


def bar(fraction: float, width: int = 20) -> str:
    """A text bar that also reads without colour: '██████░░░░'."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)
