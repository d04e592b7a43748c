"""Study days, as Anki counts them: a day that ends at a set hour of the night, not midnight.

Someone studying at 1 a.m. is still in "yesterday": the per-day limit on new
facts and the due counts ("later today", "tomorrow") go by the study day,
which starts at :data:`DEFAULT_ROLLOVER` (4 a.m. local, Anki's default) unless
the learner sets another hour. Pure: every function takes ``now``, an aware
datetime in the learner's zone, and the hour.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

DEFAULT_ROLLOVER = 4
"""The hour (local, 0-23) at which a new study day starts."""


@dataclass(frozen=True, slots=True)
class StudyDay:
    """One study day: from ``start`` (at the rollover hour) to ``end`` (the next one)."""

    start: datetime
    """When the day begins, in the learner's zone (the rollover hour, 4 a.m. by default)."""
    end: datetime

    @property
    def date(self) -> date:
        """The calendar date the day starts on: its name in the store."""
        return self.start.date()

    @property
    def key(self) -> str:
        return self.date.isoformat()

    def next(self) -> StudyDay:
        return study_day(self.end, self.start.hour)


def parse_rollover(text: str) -> int:
    """'4', '04', '4:00' -> 4; ValueError for anything but a whole hour from 0 to 23."""
    hour, _, minutes = text.strip().partition(":")
    if not hour.isdigit() or (minutes and minutes.strip("0")) or not 0 <= int(hour) <= 23:
        raise ValueError(f"'{text}' is not an hour from 0 to 23")
    return int(hour)


def study_day(now: datetime, rollover: int = DEFAULT_ROLLOVER) -> StudyDay:
    """The study day ``now`` falls in, in ``now``'s zone."""
    if now.tzinfo is None:
        raise ValueError("now must be aware: the day rolls over at a local hour")
    first = (now.replace(tzinfo=None) - timedelta(hours=rollover)).date()
    zone = now.tzinfo
    return StudyDay(
        datetime.combine(first, time(rollover), zone),
        datetime.combine(first + timedelta(days=1), time(rollover), zone),
    )


@dataclass(frozen=True, slots=True)
class DueCounts:
    """What is due, as the end of a session tells it."""

    now: int
    later_today: int
    tomorrow: int
    next_due: datetime | None
    """The first due time after ``now``, if any (for "next at 14:05")."""

    def line(self, now: datetime) -> str:
        """'Due now: 1 · later today: 2 (next at 14:05) · tomorrow: 5.', and when nothing
        comes back by tomorrow, when the next one does."""
        later = f"later today: {self.later_today}"
        when = self.next_due.astimezone(now.tzinfo) if self.next_due is not None else None
        if self.later_today and when is not None:
            later += f" (next at {when:%H:%M})"
        tail = (
            f" · next review: {when:%Y-%m-%d %H:%M}"
            if when is not None and not (self.later_today or self.tomorrow)
            else ""
        )
        return f"Due now: {self.now} · {later} · tomorrow: {self.tomorrow}{tail}."


def due_counts(
    dues: Iterable[datetime] | Mapping[str, datetime],
    now: datetime,
    rollover: int = DEFAULT_ROLLOVER,
) -> DueCounts:
    """Count due times: by ``now``, later in this study day, in the next study day."""
    values = list(dues.values()) if isinstance(dues, Mapping) else list(dues)
    today = study_day(now, rollover)
    tomorrow = today.next()
    later = [d for d in values if now < d]
    return DueCounts(
        now=sum(1 for d in values if d <= now),
        later_today=sum(1 for d in later if d < today.end),
        tomorrow=sum(1 for d in later if tomorrow.start <= d < tomorrow.end),
        next_due=min(later, default=None),
    )


def forecast(
    dues: Iterable[datetime], now: datetime, days: int = 30, rollover: int = DEFAULT_ROLLOVER
) -> list[tuple[date, int]]:
    """Cards due on each of the next ``days`` study days; today's count includes the overdue."""
    today = study_day(now, rollover)
    counts = [0] * days
    for due in dues:
        index = (
            0
            if due < today.end
            else (study_day(due.astimezone(now.tzinfo), rollover).date - today.date).days
        )
        if 0 <= index < days:
            counts[index] += 1
    return [(today.date + timedelta(days=i), n) for i, n in enumerate(counts)]
