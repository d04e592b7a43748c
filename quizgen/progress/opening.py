"""Finding, opening and migrating the progress file, and refusing files that are not ours.

A file that is not ours (another program's database, or damaged) is reported
with what to do and never touched: quizgen marks its databases with a SQLite
``application_id`` and reads that before anything else. Before SQLite sees
the path, it is looked at (:mod:`quizgen.inputs`): a named pipe, a folder, a
device, a dangling link or a loop, or a file past
:data:`~quizgen.inputs.MAX_PROGRESS_BYTES` is refused at once, where SQLite
would block, create a file through the link, or check gigabytes page by page.
Opening waits for another quizgen (two terminals may start at once) rather
than calling that damage; every other SQLite error is told as what it is
(:mod:`.failures`). Commands that only read (``stats``) open the file
read-only (:func:`connect_readonly`), so they work in a read-only folder.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

from quizgen.inputs import MAX_PROGRESS_BYTES, Refused, env_path, kind_of, look, user_path
from quizgen.progress import integrity
from quizgen.progress.failures import (
    ELSEWHERE,
    HOME_ENV,
    ProgressBusy,
    ProgressError,
    explain,
    explained,
    not_ours,
)
from quizgen.progress.migrations import LATEST, MIGRATIONS, statements

__all__ = [
    "APPLICATION_ID",
    "DB_NAME",
    "HOME_ENV",
    "ProgressError",
    "connect",
    "connect_readonly",
    "default_home",
    "not_ours",
    "resolve_home",
    "transaction",
]

DB_NAME = "progress.sqlite3"
APPLICATION_ID = 0x515A474E  # "QZGN"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_COMPANIONS = ("-wal", "-shm", "-journal")


def default_home() -> Path:
    from platformdirs import user_data_path

    return user_data_path("quizgen", appauthor=False)


def resolve_home(
    explicit: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """``--home``, else ``$QUIZGEN_HOME``, else the platform's user data folder.

    A path holding a control character is refused (:class:`~quizgen.errors.InputError`)
    rather than made into a folder of that name.
    """
    env = os.environ if environ is None else environ
    if explicit:
        return user_path(explicit, "--home")
    return env_path(env, HOME_ENV) or default_home()


def connect(home: Path) -> tuple[Path, sqlite3.Connection]:
    """The progress file of ``home``, made if need be, checked, migrated to the latest
    schema. Errors are :class:`ProgressError` with what to do."""
    path = home / DB_NAME
    _check_folder(home)
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProgressError(
            f"{home}: cannot create the progress folder ({exc.strerror}); {ELSEWHERE}"
        ) from None
    _check_file(path)
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise explain(path, exc, "") from None
    with reported(path, conn):
        _prepare_when_free(path, conn)
    return path, conn


def connect_readonly(home: Path) -> tuple[Path, sqlite3.Connection]:
    """The progress file of ``home`` for reading only: nothing is created or changed.

    No file yet gives an empty in-memory store of the latest schema (so ``stats``
    says "no answers yet" without making a folder). A file of an older schema is
    opened by :func:`connect` instead, which upgrades it, since the queries need
    the latest; in a read-only folder that fails with a message saying so.
    """
    path = home / DB_NAME
    _check_folder(home)
    if not os.path.lexists(path):
        conn = sqlite3.connect(":memory:", isolation_level=None)
        for number, script in MIGRATIONS:
            for statement in statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        return path, conn
    _check_file(path)
    uri = f"file:{quote(str(path.resolve()))}"
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:  # not a database, damaged, or WAL without -shm
        # WAL needs its -shm file beside the database; in a read-only folder with
        # none there, the file is read as it stands (no process can write it).
        if not isinstance(exc, sqlite3.OperationalError) or not getattr(
            exc, "sqlite_errorname", ""
        ).startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN")):
            conn.close()
            raise explain(path, exc, "") from None
        conn.close()
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
    with reported(path, conn):
        version, _ = _check(path, conn)
    if version < LATEST:
        conn.close()
        return connect(home)
    return path, conn


def _check_folder(home: Path) -> None:
    if os.path.lexists(home) and not os.path.isdir(home):
        try:
            kind = kind_of(os.stat(home).st_mode) or "a file"
        except OSError:
            kind = "a broken link"
        raise ProgressError(f"progress folder {home} is {kind}, not a folder; {ELSEWHERE}")


def _check_file(path: Path) -> None:
    """Refuse what SQLite should not open: anything but a regular file (or nothing) at
    ``path`` and its journal files, a file past the size limit, or one not SQLite."""
    if not os.path.lexists(path):
        for suffix in _COMPANIONS:
            _check_companion(Path(f"{path}{suffix}"))
        return
    _look(path, "progress database", "{path} {why}. quizgen has not changed it: move it aside")
    for suffix in _COMPANIONS:
        _check_companion(Path(f"{path}{suffix}"))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            head = os.read(fd, 16)
        finally:
            os.close(fd)
    except OSError as exc:
        raise ProgressError(
            f"{path}: cannot be read ({exc.strerror}); make it readable or {ELSEWHERE}"
        ) from None
    if head and head != _SQLITE_MAGIC:
        raise not_ours(path, "it is not a SQLite database")


def _look(path: Path, what: str, advice: str) -> None:
    """Refuse what is no regular file of a sane size, saying so and what to do."""
    try:
        look(path, what, MAX_PROGRESS_BYTES)
    except Refused as why:
        raise ProgressError(advice.format(path=path, why=why) + f" or {ELSEWHERE}") from None


def _check_companion(path: Path) -> None:
    """SQLite opens ``-wal``, ``-shm`` and ``-journal`` itself: a pipe there would block it."""
    if not os.path.lexists(path):
        return
    _look(path, "SQLite journal", "{path} {why}; move it aside (it is not quizgen's)")


@contextmanager
def reported(path: Path, conn: sqlite3.Connection) -> Iterator[None]:
    """While opening: SQLite's errors as :class:`ProgressError`, and the connection closed."""
    try:
        with explained(path):
            yield
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
        except (sqlite3.OperationalError, ProgressBusy) as exc:
            busy = isinstance(exc, ProgressBusy) or "locked" in str(exc) or "busy" in str(exc)
            if not busy or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _check(path: Path, c: sqlite3.Connection) -> tuple[int, int | None]:
    """Refuse a file that is not ours or is damaged; else its schema version, and its
    page count if a full check just passed that is worth recording (:mod:`.integrity`).

    One read transaction, so these agree with each other even while another
    process is creating the schema (its id and its tables arrive together).
    """
    c.execute("BEGIN")
    try:
        app_id = c.execute("PRAGMA application_id").fetchone()[0]
        tables = c.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        version = c.execute("PRAGMA user_version").fetchone()[0]
        ours = app_id == APPLICATION_ID or (app_id == 0 and not tables)
        pages = c.execute("PRAGMA page_count").fetchone()[0]
        due = ours and integrity.due(pages, integrity.last_checked(c, version))
        check = c.execute("PRAGMA quick_check").fetchone()[0] if due else "ok"
    except BaseException:
        if c.in_transaction:  # else COMMIT would hide the error ("no transaction is active")
            with suppress(sqlite3.Error):
                c.execute("ROLLBACK")
        raise
    c.execute("COMMIT")
    if not ours:
        raise not_ours(path, "it belongs to another program")
    if check != "ok":
        raise not_ours(path, f"it is damaged ({check})")
    if version > LATEST:
        raise ProgressError(
            f"{path}: made by a newer quizgen (schema {version}, this "
            f"one knows up to {LATEST}); upgrade quizgen to use it"
        )
    return int(version), pages if due and integrity.worth_recording(pages) else None


def _prepare(path: Path, c: sqlite3.Connection) -> None:
    c.execute("PRAGMA busy_timeout = 30000")
    version, checked = _check(path, c)
    c.execute("PRAGMA journal_mode = WAL")
    c.execute("PRAGMA synchronous = FULL")
    c.execute("PRAGMA foreign_keys = ON")
    for number, script in MIGRATIONS:
        if number > version:
            _migrate(path, c, number, script)
    if checked is not None:
        with transaction(path, c):
            integrity.remember(c, checked)


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
def transaction(
    path: Path,
    conn: sqlite3.Connection,
    doing: str = "",
) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all or nothing.

    A SQLite error (a full disk, a read-only file, a damaged page, a lock held
    too long) is a :class:`ProgressError` saying which, and ``doing``: what it
    means for the user ('the last answer was not saved').
    """
    with explained(path, doing):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite rolls back by itself after some errors
                with suppress(sqlite3.Error):  # the first error is the one to report
                    conn.execute("ROLLBACK")
            raise


def damage_reported(path: Path) -> contextlib.AbstractContextManager[None]:
    """While reading: a page found damaged is reported like a file found damaged at
    open (opening checks the whole file only now and then, see :mod:`.integrity`), and
    any other SQLite error as what it is, not as a traceback."""
    return explained(path)
