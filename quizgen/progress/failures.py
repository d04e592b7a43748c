"""What went wrong with the progress file, in true words and with what to do.

SQLite reports a read-only folder, another user's file, a full disk and a
lock held by another process all as ``OperationalError``; saying "another
quizgen may be holding it, try again" for all of them sends people the wrong
way. :func:`explain` turns each SQLite error into a :class:`ProgressError`
that says which it is, looking at the file system where SQLite's code leaves
it open (whose file, which part is read-only), and what happened to the
answer being saved.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from quizgen.errors import QuizgenError

HOME_ENV = "QUIZGEN_HOME"
ELSEWHERE = f"choose another folder with --home DIR or ${HOME_ENV}"


class ProgressError(QuizgenError):
    """The progress database cannot be used as it is; the message says what to do."""


class ProgressBusy(ProgressError):
    """Another process holds the file; opening waits and tries again on this one."""


def not_ours(path: Path, why: str) -> ProgressError:
    return ProgressError(
        f"{path} is not a usable quizgen progress database: {why}. quizgen has not changed "
        f"it. Move it aside (your progress starts afresh) or {ELSEWHERE}."
    )


def _owner(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


def not_writable(path: Path) -> str | None:
    """Why the progress file (or its folder) cannot be written, if the file system says so.

    A file whose owner may write it but this process may not is another user's, even
    where user namespaces hide whose (both then show as the overflow uid).
    """
    folder = path.parent
    try:
        st: os.stat_result | None = os.stat(path)
    except OSError:
        st = None
    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return (
                f"progress folder {folder} is on a read-only file system; quizgen cannot "
                f"save your answers there: {ELSEWHERE}"
            )
    if (
        st is not None
        and not os.access(path, os.W_OK)
        and (st.st_uid != getattr(os, "geteuid", lambda: st.st_uid)() or st.st_mode & 0o200)
    ):
        return (
            f"progress file {path} belongs to another user ({_owner(st.st_uid)}); "
            f"quizgen cannot save your answers in it: {ELSEWHERE}"
        )
    if not os.access(folder, os.W_OK):
        return (
            f"progress folder {folder} is read-only; quizgen cannot save your answers "
            f"there: make it writable or {ELSEWHERE}"
        )
    if st is not None and not os.access(path, os.W_OK):
        return (
            f"progress file {path} is read-only (mode {st.st_mode & 0o777:03o}); "
            f"make it writable (chmod u+w) or {ELSEWHERE}"
        )
    return None


def explain(path: Path, exc: sqlite3.Error, doing: str) -> ProgressError:
    """The true message for a SQLite error met while ``doing`` (e.g. 'the last answer was
    not saved'); a lock held elsewhere is a :class:`ProgressBusy`, damage is :func:`not_ours`."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    then = f": {doing}" if doing else ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc):
        return ProgressBusy(
            f"{path}: {exc}; another quizgen may be holding it, try again"
            f"{' (' + doing + ')' if doing else ''}"
        )
    if name.startswith("SQLITE_FULL"):
        return ProgressError(
            f"disk full{then} ({path}); free some space and go on: every earlier answer is kept"
        )
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM", "SQLITE_AUTH")):
        why = not_writable(path)
        if why is not None:
            return ProgressError(why + (f" ({doing})" if doing else ""))
        return ProgressError(
            f"{path}: {exc}{then}; check the folder and the file can be written, or {ELSEWHERE}"
        )
    if name.startswith("SQLITE_IOERR"):
        return ProgressError(
            f"{path}: the disk failed to read or write ({name}){then}; "
            "check that the disk has space and is still there, then go "
            "on: every earlier answer is kept"
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or type(exc) is sqlite3.DatabaseError:
        return not_ours(path, f"it is damaged ({exc})")
    return ProgressError(f"{path}: {exc}{then}")


@contextmanager
def explained(path: Path, doing: str = "") -> Iterator[None]:
    """A SQLite error inside as the :class:`ProgressError` :func:`explain` gives; misuse
    of the API (``ProgrammingError``, ``InterfaceError``) is a bug and stays as it is."""
    try:
        yield
    except sqlite3.ProgrammingError:
        raise
    except sqlite3.DatabaseError as exc:
        raise explain(path, exc, doing) from None
