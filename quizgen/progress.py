"""Learners' progress in SQLite: every answer is committed the moment it is given.

One file in the user data folder (or ``--home`` / ``$QUIZGEN_HOME``). Each
answer, and the card it reschedules, is written in one transaction with
``synchronous=FULL`` in WAL mode, so killing the process (even SIGKILL) loses
at most the question not yet answered, two terminals can study at once, and
the file is never left half-written. Progress is keyed by fact id, so editing
a fact's wording keeps its history.

A file that is not ours (another program's database, or damaged) is reported
with what to do and never touched: quizgen marks its databases with a SQLite
``application_id`` and reads that before anything else.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from quizgen.errors import QuizgenError

HOME_ENV = "QUIZGEN_HOME"
DB_NAME = "progress.sqlite3"
APPLICATION_ID = 0x515A474E  # "QZGN"
_SQLITE_MAGIC = b"SQLite format 3\x00"

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
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
    """),
]
LATEST = MIGRATIONS[-1][0]


class ProgressError(QuizgenError):
    """The progress database cannot be used as it is; the message says what to do."""


def default_home() -> Path:
    from platformdirs import user_data_path

    return user_data_path("quizgen", appauthor=False)


def resolve_home(explicit: str | Path | None = None,
                 environ: Mapping[str, str] | None = None) -> Path:
    """``--home``, else ``$QUIZGEN_HOME``, else the platform's user data folder."""
    env = os.environ if environ is None else environ
    if explicit:
        return Path(explicit)
    if env.get(HOME_ENV):
        return Path(env[HOME_ENV])
    return default_home()


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One recorded answer, as stats read them back."""

    question_id: str
    kind: str
    topic: str
    fact_ids: tuple[str, ...]
    response: str
    correct: bool
    seconds: float
    rating: int | None
    answered_at: str


class ProgressStore:
    """The progress database of one learner. Use :meth:`open`; close when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, home: Path) -> ProgressStore:
        path = home / DB_NAME
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProgressError(f"{home}: cannot create the progress folder ({exc.strerror}); "
                                "choose another with --home DIR") from None
        _check_header(path)
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise ProgressError(f"{path}: cannot open ({exc}); choose another folder with "
                                "--home DIR") from None
        store = cls(path, conn)
        try:
            store._prepare_when_free()
        except sqlite3.OperationalError as exc:
            conn.close()
            raise ProgressError(f"{path}: {exc}; another quizgen may be holding it, try "
                                "again") from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _not_ours(path, f"SQLite says: {exc}") from None
        except ProgressError:
            conn.close()
            raise
        return store

    def _prepare_when_free(self, patience: float = 30.0) -> None:
        """Prepare, waiting while another process holds the file.

        Switching a new file to WAL can fail at once with "database is locked"
        (SQLite's busy timeout does not cover it), e.g. when two terminals
        start quizgen together; that is a wait, not damage.
        """
        import time

        deadline = time.monotonic() + patience
        delay = 0.02
        while True:
            try:
                self._prepare()
                return
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.5)

    def _prepare(self) -> None:
        c = self.conn
        c.execute("PRAGMA busy_timeout = 30000")
        # One read transaction, so these agree with each other even while another
        # process is creating the schema (its id and its tables arrive together).
        c.execute("BEGIN")
        try:
            app_id = c.execute("PRAGMA application_id").fetchone()[0]
            tables = c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            version = c.execute("PRAGMA user_version").fetchone()[0]
            check = c.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            c.execute("COMMIT")
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
            raise _not_ours(self.path, "it belongs to another program")
        if check != "ok":
            raise _not_ours(self.path, f"it is damaged ({check})")
        if version > LATEST:
            raise ProgressError(f"{self.path}: made by a newer quizgen (schema {version}, this "
                                f"one knows up to {LATEST}); upgrade quizgen to use it")
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = FULL")
        c.execute("PRAGMA foreign_keys = ON")
        for number, script in MIGRATIONS:
            if number > version:
                self._migrate(number, script)

    def _migrate(self, number: int, script: str) -> None:
        with self.transaction():
            # Another process may have migrated while this one waited for the lock.
            if self.conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                return
            for statement in script.split(";"):
                if statement.strip():
                    self.conn.execute(statement)
            self.conn.execute(f"PRAGMA user_version = {number}")
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all or nothing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------
    def start_session(self, command: str, seed: str | None, now: datetime) -> int:
        with self.transaction() as c:
            cur = c.execute("INSERT INTO sessions (command, seed, started_at) VALUES (?, ?, ?)",
                            (command, seed, iso(now)))
            return int(cur.lastrowid or 0)

    def finish_session(self, session_id: int, now: datetime) -> None:
        with self.transaction() as c:
            c.execute("UPDATE sessions SET finished_at = ? WHERE id = ?", (iso(now), session_id))

    def record(self, session_id: int, *, question_id: str, kind: str, topic: str,
               fact_ids: Iterable[str], response: str, correct: bool, seconds: float,
               answered_at: datetime, rating: int | None = None,
               cards: Mapping[str, Any] | None = None) -> None:
        """One answer and the cards it reschedules, committed together, now."""
        from quizgen.schedule import card_to_json

        with self.transaction() as c:
            c.execute(
                "INSERT INTO answers (session_id, question_id, kind, topic, fact_ids, response,"
                " correct, seconds, rating, answered_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (session_id, question_id, kind, topic, " ".join(fact_ids), response,
                 int(correct), seconds, rating, iso(answered_at)))
            for fact_id, card in (cards or {}).items():
                c.execute(
                    "INSERT INTO cards (fact_id, card, due, reps, updated_at) VALUES (?,?,?,1,?)"
                    " ON CONFLICT(fact_id) DO UPDATE SET card = excluded.card,"
                    " due = excluded.due, reps = reps + 1, updated_at = excluded.updated_at",
                    (fact_id, card_to_json(card), iso(card.due), iso(answered_at)))

    # -- reading ---------------------------------------------------------------------
    def cards(self, fact_ids: Iterable[str] | None = None) -> dict[str, Any]:
        """fact id -> fsrs Card, for the facts that have been studied."""
        from quizgen.schedule import card_from_json

        rows = self.conn.execute("SELECT fact_id, card FROM cards").fetchall()
        wanted = None if fact_ids is None else set(fact_ids)
        return {f: card_from_json(text) for f, text in rows if wanted is None or f in wanted}

    def answers(self) -> list[AnswerRow]:
        rows = self.conn.execute(
            "SELECT question_id, kind, topic, fact_ids, response, correct, seconds, rating,"
            " answered_at FROM answers ORDER BY id").fetchall()
        return [AnswerRow(q, k, t, tuple(f.split()), r, bool(c), s, rt, at)
                for q, k, t, f, r, c, s, rt, at in rows]


def _check_header(path: Path) -> None:
    """Refuse a non-empty file that is not SQLite before SQLite opens it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise ProgressError(f"{path} is a folder; move it away or choose another folder "
                            "with --home DIR") from None
    except OSError as exc:
        raise ProgressError(f"{path}: cannot be read ({exc.strerror})") from None
    if head and head != _SQLITE_MAGIC:
        raise _not_ours(path, "it is not a SQLite database")


def _not_ours(path: Path, why: str) -> ProgressError:
    return ProgressError(
        f"{path} is not a usable quizgen progress database: {why}. quizgen has not changed "
        f"it. Move it aside (your progress starts afresh) or choose another folder with "
        f"--home DIR or ${HOME_ENV}.")
