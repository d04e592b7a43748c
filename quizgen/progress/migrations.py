"""The progress database's schema as numbered migrations, and the adoption of old progress.

Each migration runs once, in one transaction together with its ``user_version``
bump, so a file is always at exactly one numbered schema, whichever process got
there first. Migrations are append-only: a released one is never edited, since
files in the wild were made by it (a test keeps a frozen copy of migration 1).

Migration 2 keys progress by fact set: a card belongs to (set id, fact id), and
each answer and session names its set, so two fact files with the same fact ids
keep separate schedules and stats. Files made before it cannot say which fact
file their rows were for, so the migration gives them the empty set id
(:data:`UNCLAIMED`) and :func:`claim` hands them to the first fact set that
opens the store and contains every fact they name. Nothing is ever deleted: a
row that fits no fact set stays unclaimed, and so still on disk.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

UNCLAIMED = ""
"""The set id of progress recorded before stores knew fact sets, until a set claims it."""

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            seed TEXT,
            started_at TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            question_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            topic TEXT NOT NULL,
            fact_ids TEXT NOT NULL,
            response TEXT NOT NULL,
            correct INTEGER NOT NULL,
            seconds REAL NOT NULL,
            rating INTEGER,
            answered_at TEXT NOT NULL
        );
        CREATE INDEX answers_by_time ON answers(answered_at);
        CREATE TABLE cards (
            fact_id TEXT PRIMARY KEY,
            card TEXT NOT NULL,
            due TEXT NOT NULL,
            reps INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX cards_by_due ON cards(due);
    """,
    ),
    # Progress per fact set. SQLite cannot change a primary key in place, so cards
    # are copied into a table keyed by (set_id, fact_id), every old row kept.
    (
        2,
        """
        ALTER TABLE sessions ADD COLUMN set_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE answers ADD COLUMN set_id TEXT NOT NULL DEFAULT '';
        DROP INDEX answers_by_time;
        CREATE INDEX answers_by_set ON answers(set_id, answered_at);
        CREATE TABLE cards_by_set (
            set_id TEXT NOT NULL,
            fact_id TEXT NOT NULL,
            card TEXT NOT NULL,
            due TEXT NOT NULL,
            reps INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (set_id, fact_id)
        );
        INSERT INTO cards_by_set (set_id, fact_id, card, due, reps, updated_at)
            SELECT '', fact_id, card, due, reps, updated_at FROM cards;
        DROP TABLE cards;
        ALTER TABLE cards_by_set RENAME TO cards;
        CREATE INDEX cards_by_due ON cards(set_id, due);
    """,
    ),
    # Small facts about the file itself; today only the size at the last integrity
    # check, so that opening need not re-check a file that has barely changed.
    (
        3,
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
    """,
    ),
    # Study sessions at Anki's standard: which new facts each session has taken on
    # which study day (the per-day new limit, and two sessions at once never taking
    # the same new fact), lapses per card (a graduated card forgotten), and an index
    # that finds each fact's misses without reading every answer. It leads with
    # `correct` so that queries by set alone keep to answers_by_set (in time order,
    # which reads the table far faster than in fact order).
    (
        4,
        """
        CREATE TABLE taken (
            set_id TEXT NOT NULL,
            fact_id TEXT NOT NULL,
            day TEXT NOT NULL,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            PRIMARY KEY (set_id, day, fact_id)
        );
        ALTER TABLE cards ADD COLUMN lapses INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX answers_missed ON answers(correct, set_id, fact_ids);
    """,
    ),
    # "I was right": an answer the grader marked wrong and the learner overruled is
    # recorded as right and marked, so the audit can list every overruled reply (and
    # the name an entity is missing) and review can rate it Hard, not Again.
    (
        5,
        """
        ALTER TABLE answers ADD COLUMN overruled INTEGER NOT NULL DEFAULT 0;
    """,
    ),
    # FSRS fitted to the learner (quizgen optimize), per fact set: the parameters review
    # and flashcards schedule with (NULL: fsrs's defaults), the desired retention (NULL:
    # 90%), and the last fit's figures as JSON (NULL: never fitted), which stats and
    # optimize report; and the rated answers by fact in time order, so that stats counts
    # the reviews a fit could use from the index alone (a quarter of the time of a scan
    # on 100,000 answers; see bench/optimize.py).
    (
        6,
        """
        CREATE TABLE tuning (
            set_id TEXT PRIMARY KEY,
            parameters TEXT,
            retention REAL,
            fit TEXT,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX answers_rated ON answers(set_id, fact_ids, answered_at)
            WHERE rating IS NOT NULL;
    """,
    ),
]
LATEST = MIGRATIONS[-1][0]


def statements(script: str) -> list[str]:
    """A migration's statements (they hold no ';' inside literals)."""
    return [s for s in script.split(";") if s.strip()]


def claimable(
    conn: sqlite3.Connection, set_id: str, fact_ids: Collection[str]
) -> tuple[list[tuple[int, int]], list[str]]:
    """The unclaimed answers (row id, session id) and cards (fact id) that fit this set.

    The rule: an unclaimed answer fits when every fact id it names is in the set;
    an unclaimed card fits when its fact is and the set has no card for that fact
    yet (one it has was made since the upgrade, so it is newer and is kept). Only
    unclaimed rows are read (the set-first indexes find them), so once a file's
    old progress has been adopted this costs two empty index look-ups.
    """
    answers = [
        (row_id, session)
        for row_id, session, ids in conn.execute(
            "SELECT id, session_id, fact_ids FROM answers WHERE set_id = ?", (UNCLAIMED,)
        )
        if all(f in fact_ids for f in str(ids).split())
    ]  # str(): a damaged row is text too
    cards = [
        f
        for (f,) in conn.execute(
            "SELECT fact_id FROM cards AS old WHERE set_id = ? AND NOT EXISTS "
            "(SELECT 1 FROM cards WHERE set_id = ? AND fact_id = old.fact_id)",
            (UNCLAIMED, set_id),
        )
        if f in fact_ids
    ]
    return answers, cards


def claim(conn: sqlite3.Connection, set_id: str, fact_ids: Collection[str]) -> int:
    """Give the unclaimed rows that fit (see :func:`claimable`) to ``set_id``.

    The caller holds a write transaction, so the rows read are the rows changed
    even when another process claims at the same time. A session goes with its
    answers. Returns how many answers were claimed.
    """
    if not set_id:
        raise ValueError("a fact set id cannot be empty")
    answers, cards = claimable(conn, set_id, fact_ids)
    conn.executemany(
        "UPDATE answers SET set_id = ? WHERE id = ?", [(set_id, row_id) for row_id, _ in answers]
    )
    conn.executemany(
        "UPDATE cards SET set_id = ? WHERE set_id = ? AND fact_id = ?",
        [(set_id, UNCLAIMED, f) for f in cards],
    )
    conn.executemany(
        "UPDATE sessions SET set_id = ? WHERE set_id = ? AND id = ?",
        [(set_id, UNCLAIMED, s) for s in sorted({s for _, s in answers})],
    )
    return len(answers)
