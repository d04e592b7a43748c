"""When opening the progress file checks all of it, and why not every time.

``PRAGMA quick_check`` reads every page, so running it at each open makes
start-up grow with the history (32 ms at 18 MB, and a learner's file only
grows). The trade taken here:

- a small file (up to :data:`ALWAYS_PAGES`, 1 MiB, about 2 ms to check) is
  checked at every open, as before;
- a larger one is checked when it has grown by half since the last recorded
  check (or shrunk, or was never checked by this schema), so the checks add up
  to a constant share of the writing and a typical open costs nothing;
- in between, damage is still found where it matters: SQLite verifies each
  b-tree page as it reads it and reports "database disk image is malformed",
  which the store turns into the same "damaged, move it aside" message
  (:func:`quizgen.progress.opening.damage_reported`) instead of a traceback;
  ``ProgressStore.check()`` runs the full check on demand (for a ``--check``
  option).

What is given up: damage to pages that no command reads (the old answers of a
fact set not studied lately) is reported at the next full check rather than at
the next open.
"""

from __future__ import annotations

import sqlite3

ALWAYS_PAGES = 256
"""Files of at most this many pages are checked at every open."""
GROWTH = 1.5
"""A larger file is checked again once it has grown past this factor of its last check."""
_KEY = "checked_pages"


def last_checked(conn: sqlite3.Connection, version: int) -> int | None:
    """The page count at the last recorded full check, if this schema records one."""
    if version < 3:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_KEY,)).fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else None


def due(pages: int, checked: int | None) -> bool:
    """Whether opening a file of ``pages`` pages should run the full check now."""
    if pages <= ALWAYS_PAGES or checked is None:
        return True
    return not checked <= pages <= checked * GROWTH


def worth_recording(pages: int) -> bool:
    """Small files are checked anyway: recording their checks would be a write per open."""
    return pages > ALWAYS_PAGES


def remember(conn: sqlite3.Connection, pages: int) -> None:
    """Record a passed check; the caller holds a write transaction."""
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
        "SET value = excluded.value",
        (_KEY, str(pages)),
    )
