"""The clock sessions and stats read: the real one, or one set by ``$QUIZGEN_NOW``.

``QUIZGEN_NOW=2026-03-08T09:00`` (ISO 8601; without an offset, in the local zone)
makes quizgen run as if it were that moment: review and flashcards show what is
due then and schedule from it, stats count from it. For previews ("what will be due
next week?") and for tests, which set it rather than patch a clock. The clock still
moves from there as real time passes, so answers keep their real durations (a fast
answer is still fast).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from quizgen.errors import InputError
from quizgen.scheduling.localzone import LOCAL

NOW_ENV = "QUIZGEN_NOW"


def utc_now() -> datetime:
    return datetime.now(UTC)


def parse_now(text: str) -> datetime:
    """``$QUIZGEN_NOW`` as an aware time; InputError, saying how to write it, otherwise."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"{NOW_ENV}: {text!r} is not a date and time; write it as 2026-03-08T09:00 "
            "(local time) or 2026-03-08T09:00+01:00"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=LOCAL)


def clock(environ: dict[str, str] | None = None) -> Callable[[], datetime]:
    """The real UTC clock, or one that starts at ``$QUIZGEN_NOW`` and runs from there."""
    text = (os.environ if environ is None else environ).get(NOW_ENV, "")
    if not text.strip():
        return utc_now
    start, began = parse_now(text).astimezone(UTC), time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - began)
