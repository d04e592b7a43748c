"""Issue 12 acceptance: a FIFO, a directory, a device, a symlink loop, a dangling link, an
unreadable or a huge file at every path quizgen reads, through the real command in a
process of its own: one line on stderr and exit status 1 within 2 seconds (after
quizgen's own start-up), never a hang or a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quizgen.inputs import MAX_FACT_FILE_BYTES, MAX_PROGRESS_BYTES
from quizgen.progress import DB_NAME
from tests.conftest import TINY
from tests.hostile_paths import KINDS, huge, unprivileged, unreadable
from tests.test_issue12_cli import DECK, LIMIT, one_line, quizgen

# Where quizgen reads, and a command that reads there: (path to spoil, argv, env, cwd).
Role = Callable[[Path], tuple[Path, list[str | Path], dict[str, str], Path | None]]


def _project(tmp_path: Path) -> Path:
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "deck.yaml").write_text(DECK, encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(TINY, encoding="utf-8")
    return tmp_path / "facts.yaml"


def fact_file(tmp: Path) -> tuple[Path, list[str | Path], dict[str, str], Path | None]:
    return tmp / "other.yaml", ["validate", tmp / "other.yaml"], {}, None


def facts_option(tmp: Path) -> tuple[Path, list[str | Path], dict[str, str], Path | None]:
    return tmp / "other.yaml", ["questions", "-n", "1", "--facts", tmp / "other.yaml"], {}, None


def facts_env(tmp: Path) -> tuple[Path, list[str | Path], dict[str, str], Path | None]:
    return tmp / "other.yaml", ["facts"], {"QUIZGEN_FACTS": str(tmp / "other.yaml")}, None


def facts_here(tmp: Path) -> tuple[Path, list[str | Path], dict[str, str], Path | None]:
    (tmp / "facts.yaml").unlink()
    return tmp / "facts.yaml", ["facts"], {}, tmp


def deck_entry(tmp: Path) -> tuple[Path, list[str | Path], dict[str, str], Path | None]:
    return (
        tmp / "decks" / "bad.yaml",
        [
            "quiz",
            "--deck",
            "deck",
            "--plain",
            "--facts",
            tmp / "facts.yaml",
            "--home",
            tmp / "home",
        ],
        {},
        None,
    )


def decks_option(tmp: Path) -> tuple[Path, list[str | Path], dict[str, str], Path | None]:
    (tmp / "mine").mkdir()
    return (
        tmp / "mine" / "bad.yaml",
        [
            "export",
            "anki",
            "--facts",
            tmp / "facts.yaml",
            "--decks",
            tmp / "mine",
            "-o",
            tmp / "out",
        ],
        {},
        None,
    )


def deck_folder(tmp: Path) -> tuple[Path, list[str | Path], dict[str, str], Path | None]:
    for entry in (tmp / "decks").iterdir():
        entry.unlink()
    (tmp / "decks").rmdir()
    return (
        tmp / "decks",
        ["export", "anki", "--facts", tmp / "facts.yaml", "-o", tmp / "out"],
        {},
        None,
    )


def progress(tmp: Path) -> tuple[Path, list[str | Path], dict[str, str], Path | None]:
    (tmp / "home").mkdir()
    return (
        tmp / "home" / DB_NAME,
        ["review", "--plain", "--facts", tmp / "facts.yaml", "--home", tmp / "home"],
        {},
        None,
    )


def progress_read(tmp: Path) -> tuple[Path, list[str | Path], dict[str, str], Path | None]:
    path, _, env, cwd = progress(tmp)
    return path, ["stats", "--facts", tmp / "facts.yaml", "--home", tmp / "home"], env, cwd


ROLES: dict[str, Role] = {
    "validate PATH": fact_file,
    "--facts": facts_option,
    "$QUIZGEN_FACTS": facts_env,
    "./facts.yaml": facts_here,
    "decks/ entry": deck_entry,
    "decks/ itself": deck_folder,
    "--decks entry": decks_option,
    "progress database": progress,
    "progress database, read": progress_read,
}
HUGE = {
    "progress database": MAX_PROGRESS_BYTES + 1,
    "progress database, read": MAX_PROGRESS_BYTES + 1,
}


@pytest.mark.parametrize("kind", [*sorted(KINDS), "huge", "unreadable"])
@pytest.mark.parametrize("role", sorted(ROLES))
def test_hostile_path(role: str, kind: str, tmp_path: Path) -> None:
    _project(tmp_path)
    path, argv, env, cwd = ROLES[role](tmp_path)
    prefix: list[str] = []
    if role == "decks/ itself" and kind in ("huge", "directory"):
        pytest.skip("a folder is what decks/ should be, and has no size to refuse")
    if kind == "huge":
        huge(HUGE.get(role, MAX_FACT_FILE_BYTES + 1))(path)
    elif kind == "unreadable":
        if role == "decks/ itself":
            path.mkdir()
            path.chmod(0)
        elif role.startswith("progress"):
            path.write_bytes(b"SQLite format 3\x00")
            path.chmod(0)
        else:
            unreadable(path)
        prefix = unprivileged()
    else:
        KINDS[kind](path)
    try:
        run = quizgen(*argv, env=env, cwd=cwd, prefix=prefix, timeout=LIMIT, stdin=b"")
    finally:
        if kind == "unreadable":
            path.chmod(0o700)
    line = one_line(run)
    shown = path.name if role == "./facts.yaml" else str(path)  # named as it was found
    assert shown in line, line
