"""The machine's local time zone as a ``tzinfo`` that follows its rules, DST included.

``datetime.astimezone()`` without an argument gives a *fixed* offset (today's),
so answers given before a change to or from summer time would be counted on the
wrong day. :data:`LOCAL` asks the C library for the offset at each instant, the
same way SQLite's ``'localtime'`` modifier does, which lets the progress store
count answers per local day in SQL and agree with Python to the answer.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo


class SystemLocal(tzinfo):
    """Local time as ``time.localtime`` sees it (``$TZ``, else the system's zone)."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        # A naive datetime's timestamp() reads it as local time, minding ``fold``.
        stamp = time.time() if dt is None else dt.replace(tzinfo=None).timestamp()
        return timedelta(seconds=time.localtime(stamp).tm_gmtoff)

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None  # the C library tells the whole offset, not its summer-time part

    def tzname(self, dt: datetime | None) -> str:
        stamp = time.time() if dt is None else dt.replace(tzinfo=None).timestamp()
        return time.localtime(stamp).tm_zone

    def fromutc(self, dt: datetime) -> datetime:
        seconds = (dt.replace(tzinfo=UTC) - _EPOCH) // timedelta(seconds=1)
        # fromtimestamp() of a whole second sets ``fold`` on the repeated hour itself.
        local = datetime.fromtimestamp(seconds)
        return local.replace(microsecond=dt.microsecond, tzinfo=self)

    def __repr__(self) -> str:
        return "LOCAL"


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

LOCAL = SystemLocal()
"""The one instance; the progress store recognises it and counts days with SQLite's
``'localtime'``."""
