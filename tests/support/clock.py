"""Clocks that tick as a test says: quizgen takes ``now`` (or a clock) everywhere, so a test
decides what time it is and how long each answer takes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Ticking:
    """A wall clock that moves ``seconds`` at each reading, from ``start``; ``last`` is the
    latest reading (a session's "now" at its end, say)."""

    def __init__(self, start: datetime = START, seconds: float = 5.0) -> None:
        self.step = timedelta(seconds=seconds)
        self.last = start - self.step

    def __call__(self) -> datetime:
        self.last += self.step
        return self.last


class Stopped:
    """A monotonic clock (seconds, as ``time.monotonic``) that moves only when a test sets
    or advances ``now``."""

    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
