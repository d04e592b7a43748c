"""Finding, opening and migrating the progress file, and refusing files that are not ours.

A file that is not ours (another program's database, or damaged) is reported
with what to do and never touched: quizgen marks its databases with a SQLite
``application_id`` and reads that before anything else. Opening waits for
another quizgen (two terminals may start at once) rather than calling that
damage.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from quizgen.errors import QuizgenError
from quizgen.progress import integrity
from quizgen.progress.migrations import LATEST, MIGRATIONS, statements

HOME_ENV = "QUIZGEN_HOME"
DB_NAME = "progress.sqlite3"
APPLICATION_ID = 0x515A474E  # "QZGN"
_SQLITE_MAGIC = b"SQLite format 3\x00"


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


def connect(home: Path) -> tuple[Path, sqlite3.Connection]:
    """The progress file of ``home``, made if need be, checked, migrated to the latest
    schema. Errors are :class:`ProgressError` with what to do."""
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
    with reported(path, conn):
        _prepare_when_free(path, conn)
    return path, conn


@contextmanager
def reported(path: Path, conn: sqlite3.Connection) -> Iterator[None]:
    """While opening: SQLite's errors as :class:`ProgressError`, and the connection closed."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        conn.close()
        raise ProgressError(f"{path}: {exc}; another quizgen may be holding it, try "
                            "again") from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise not_ours(path, f"SQLite says: {exc}") from None
    except BaseException:
        conn.close()
        raise


def _prepare_when_free(path: Path, conn: sqlite3.Connection, patience: float = 30.0) -> None:
    """Prepare, waiting while another process holds the file.

    Switching a new file to WAL can fail at once with "database is locked"
    (SQLite's busy timeout does not cover it), e.g. when two terminals
    start quizgen together; that is a wait, not damage.
    """
    deadline = time.monotonic() + patience
    delay = 0.02
    while True:
        try:
            _prepare(path, conn)
            return
        except sqlite3.OperationalError as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _prepare(path: Path, c: sqlite3.Connection) -> None:
    c.execute("PRAGMA busy_timeout = 30000")
    # One read transaction, so these agree with each other even while another
    # process is creating the schema (its id and its tables arrive together).
    c.execute("BEGIN")
    try:
        app_id = c.execute("PRAGMA application_id").fetchone()[0]
        tables = c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        version = c.execute("PRAGMA user_version").fetchone()[0]
        ours = app_id == APPLICATION_ID or (app_id == 0 and not tables)
        pages = c.execute("PRAGMA page_count").fetchone()[0]
        due = ours and integrity.due(pages, integrity.last_checked(c, version))
        check = c.execute("PRAGMA quick_check").fetchone()[0] if due else "ok"
    finally:
        c.execute("COMMIT")
    if not ours:
        raise not_ours(path, "it belongs to another program")
    if check != "ok":
        raise not_ours(path, f"it is damaged ({check})")
    if version > LATEST:
        raise ProgressError(f"{path}: made by a newer quizgen (schema {version}, this "
                            f"one knows up to {LATEST}); upgrade quizgen to use it")
    c.execute("PRAGMA journal_mode = WAL")
    c.execute("PRAGMA synchronous = FULL")
    c.execute("PRAGMA foreign_keys = ON")
    for number, script in MIGRATIONS:
        if number > version:
            _migrate(path, c, number, script)
    if due and integrity.worth_recording(pages):
        with transaction(path, c):
            integrity.remember(c, pages)


def _migrate(path: Path, c: sqlite3.Connection, number: int, script: str) -> None:
    with transaction(path, c):
        # Another process may have migrated while this one waited for the lock.
        if c.execute("PRAGMA user_version").fetchone()[0] >= number:
            return
        for statement in statements(script):
            c.execute(statement)
        c.execute(f"PRAGMA user_version = {number}")
        c.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@contextmanager
def transaction(path: Path, conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all or nothing."""
    with damage_reported(path):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # SQLite rolls back by itself after some errors
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


@contextmanager
def damage_reported(path: Path) -> Iterator[None]:
    """A page found damaged while reading or writing is reported like a file found
    damaged at open, not as a traceback: opening checks the whole file only now and
    then (see :mod:`quizgen.progress.integrity`)."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if type(exc) is not sqlite3.DatabaseError:  # locked, constraint, ...: not damage
            raise
        raise not_ours(path, f"it is damaged ({exc})") from None


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
        raise not_ours(path, "it is not a SQLite database")


def not_ours(path: Path, why: str) -> ProgressError:
    return ProgressError(
        f"{path} is not a usable quizgen progress database: {why}. quizgen has not changed "
        f"it. Move it aside (your progress starts afresh) or choose another folder with "
        f"--home DIR or ${HOME_ENV}.")
