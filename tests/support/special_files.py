"""Hostile things to put where quizgen expects a file, and a guard against hangs.

Each maker puts one kind of non-file (or unusable file) at a path; the tests
put them wherever quizgen reads: the fact file, ``$QUIZGEN_FACTS``, a deck
definition, the progress database. ``within`` turns a hang (a named pipe
opened for reading blocks until a writer comes) into a test failure.
(``tests/support/hostile.py`` holds hostile fact *text*, for the exports.)
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def fifo(path: Path) -> None:
    os.mkfifo(path)


def directory(path: Path) -> None:
    path.mkdir()


def device(path: Path) -> None:
    path.symlink_to("/dev/zero")  # reading it never ends


def dangling(path: Path) -> None:
    path.symlink_to(path.parent / "nowhere.yaml")


def loop(path: Path) -> None:
    other = path.parent / f"{path.name}.other"
    path.symlink_to(other)
    other.symlink_to(path)


def unreadable(path: Path) -> None:
    path.write_text("title: x\n")
    path.chmod(0)


def huge(size: int) -> Callable[[Path], None]:
    """A sparse file of ``size`` bytes: big on paper, nothing on disk."""

    def make(path: Path) -> None:
        with path.open("wb") as handle:
            handle.truncate(size)

    return make


KINDS: dict[str, Callable[[Path], None]] = {
    "fifo": fifo,
    "directory": directory,
    "device": device,
    "dangling": dangling,
    "loop": loop,
}
"""What every user can make; ``unreadable`` needs a user the permissions bind (see
:func:`unprivileged`) and ``huge`` a size."""

ROOT = os.geteuid() == 0


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail (rather than hang) if the block takes longer than ``seconds``."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: a hang")

    old = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def unprivileged() -> list[str]:
    """A command prefix under which file permissions bind: none for an ordinary user; for
    root, a user namespace without root mapped (``unshare --user``), where root's files
    are the owner's and no capability overrides their modes. Skips if neither works."""
    if not ROOT:
        return []
    tool = shutil.which("unshare")
    if (
        tool is None
        or subprocess.run([tool, "--user", "true"], capture_output=True, check=False).returncode
        != 0
    ):
        pytest.skip("running as root without user namespaces: permissions cannot bind")
    return [tool, "--user"]


def python_as_user(
    code: str, *args: str, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter under :func:`unprivileged`."""
    return subprocess.run(
        [*unprivileged(), sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        check=False,
    )
