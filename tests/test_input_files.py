"""Files quizgen reads: a pipe, a folder, a device, a dangling link, a loop, an unreadable
or a huge file wherever quizgen reads one gives one true message at once, never a hang
or a traceback: the fact file, ``$QUIZGEN_FACTS``, ./facts.yaml, a deck definition, the
decks/ folder, the progress database and its journal files. First through the core,
then through the real command in a process of its own."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.errors import FactFileError
from quizgen.factfile import decks
from quizgen.factfile.paths import bundled_facts, resolve_facts
from quizgen.inputs import (
    MAX_DECK_FILE_BYTES,
    MAX_DECK_FILES,
    MAX_FACT_FILE_BYTES,
    MAX_PROGRESS_BYTES,
)
from quizgen.progress import DB_NAME, ProgressError, ProgressStore
from tests.support.cli import DECK, HANG, one_line, project, run_quizgen
from tests.support.data import TINY
from tests.support.special_files import (
    KINDS,
    huge,
    python_as_user,
    unprivileged,
    unreadable,
    within,
)

# What each kind is called, after "PATH " (or "PATH: " in a fact file problem).
SAID = {
    "fifo": "is a named pipe (FIFO), not a {what}; quizgen reads only regular files",
    "directory": "is a directory, not a {what}",
    "device": "is a device, not a {what}; quizgen reads only regular files",
    "dangling": "is a symbolic link to '{dir}/nowhere.yaml', which does not exist",
    "loop": "is a symbolic link that loops back on itself; remove or fix the link",
}


def said(kind: str, what: str, path: Path) -> str:
    return SAID[kind].format(what=what, dir=path.parent)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fact_file(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    KINDS[kind](path)
    with within(HANG), pytest.raises(FactFileError) as info:
        factfile.load(path)
    assert str(info.value) == f"{path}: {said(kind, 'fact file', path)}"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_facts_named_by_the_environment_or_found_here_are_the_ones_refused(
    kind: str, tmp_path: Path
) -> None:
    path = tmp_path / "facts.yaml"
    KINDS[kind](path)
    assert resolve_facts(environ={"QUIZGEN_FACTS": str(path)}) == path
    # A ./facts.yaml that is there but no file is refused, not passed over for the bundled one.
    assert resolve_facts(environ={}, cwd=tmp_path) == path != bundled_facts()
    with within(HANG), pytest.raises(FactFileError, match=r"not a fact file|symbolic link"):
        factfile.load(resolve_facts(environ={"QUIZGEN_FACTS": str(path)}))


def test_huge_fact_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    huge(MAX_FACT_FILE_BYTES + 1)(path)
    with within(HANG), pytest.raises(FactFileError) as info:
        factfile.load(path)
    assert str(info.value) == (
        f"{path}: is {MAX_FACT_FILE_BYTES + 1:,} bytes; a fact file may be at most "
        f"{MAX_FACT_FILE_BYTES:,} bytes (48 MiB): split it into smaller files"
    )


def test_a_link_to_a_real_file_is_followed(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(TINY, encoding="utf-8")
    (tmp_path / "facts.yaml").symlink_to(real)
    assert len(factfile.load(tmp_path / "facts.yaml").facts) == 2


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_deck_entry(kind: str, tmp_path: Path) -> None:
    base = factfile.loads(TINY)
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "good.yaml").write_text(DECK, encoding="utf-8")
    entry = folder / "bad.yaml"
    KINDS[kind](entry)
    with within(HANG), pytest.raises(FactFileError) as info:
        decks.load_definitions(folder, base)
    assert str(info.value) == f"{entry}: {said(kind, 'deck definition', entry)}"


def test_huge_deck_entry_and_too_many_entries(tmp_path: Path) -> None:
    base = factfile.loads(TINY)
    folder = tmp_path / "decks"
    folder.mkdir()
    huge(MAX_DECK_FILE_BYTES + 1)(folder / "big.yaml")
    with within(HANG), pytest.raises(FactFileError, match="a deck definition may be at most"):
        decks.load_definitions(folder, base)
    (folder / "big.yaml").unlink()
    for i in range(MAX_DECK_FILES + 1):
        (folder / f"d{i}.yaml").touch()
    with within(HANG), pytest.raises(FactFileError, match="quizgen reads at most 1,000"):
        decks.load_definitions(folder, base)


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("readonly", [False, True], ids=["write", "read"])
def test_progress_database(kind: str, readonly: bool, tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    KINDS[kind](path)
    with within(HANG), pytest.raises(ProgressError) as info:
        ProgressStore.open(tmp_path, set_id="s", readonly=readonly)
    what = "progress database"
    assert str(info.value) == (
        f"{path} {said(kind, what, path)}. quizgen has not changed it: move it aside or "
        "choose another folder with --home DIR or $QUIZGEN_HOME"
    )
    assert not (tmp_path / "nowhere.yaml").exists()  # nothing made through the dangling link


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_pipe_beside_the_database_is_refused_too(suffix: str, tmp_path: Path) -> None:
    ProgressStore.open(tmp_path, set_id="s").close()
    os.mkfifo(tmp_path / f"{DB_NAME}{suffix}")
    with within(HANG), pytest.raises(ProgressError, match=f"{suffix} is a named pipe"):
        ProgressStore.open(tmp_path, set_id="s")


def test_huge_progress_database_is_refused_at_once(tmp_path: Path) -> None:
    huge(MAX_PROGRESS_BYTES + 1)(tmp_path / DB_NAME)
    with within(HANG), pytest.raises(ProgressError, match="a progress database may be at most"):
        ProgressStore.open(tmp_path, set_id="s")


def test_a_home_that_is_no_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    os.mkfifo(home)
    for readonly in (False, True):
        with within(HANG), pytest.raises(ProgressError) as info:
            ProgressStore.open(home, set_id="s", readonly=readonly)
        assert str(info.value) == (
            f"progress folder {home} is a named pipe (FIFO), not a "
            "folder; choose another folder with --home DIR or "
            "$QUIZGEN_HOME"
        )


UNREADABLE = """
import sys
from quizgen import factfile
from quizgen.factfile import decks
from quizgen.errors import QuizgenError
from quizgen.progress import ProgressStore
from tests.support.data import TINY
for job in (lambda: factfile.load(sys.argv[1]),
            lambda: decks.load_definitions(__import__("pathlib").Path(sys.argv[2]),
                                           factfile.loads(TINY)),
            lambda: ProgressStore.open(__import__("pathlib").Path(sys.argv[3]), set_id="s")):
    try:
        job()
    except QuizgenError as exc:
        print(exc)
"""


def test_unreadable_files(tmp_path: Path) -> None:
    facts, folder, home = tmp_path / "facts.yaml", tmp_path / "decks", tmp_path / "home"
    folder.mkdir()
    home.mkdir()
    unreadable(facts)
    unreadable(folder / "x.yaml")
    (home / DB_NAME).write_bytes(b"SQLite format 3\x00")
    (home / DB_NAME).chmod(0)
    done = python_as_user(
        UNREADABLE, str(facts), str(folder), str(home), cwd=Path(__file__).parent.parent
    )
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        f"{facts}: cannot be read: permission denied",
        f"{folder / 'x.yaml'}: cannot be read: permission denied",
        f"{home / DB_NAME}: cannot be read (Permission denied); make it readable or choose "
        "another folder with --home DIR or $QUIZGEN_HOME",
    ]


def test_fixture_kinds_really_are_what_they_say(tmp_path: Path) -> None:
    """The hostile makers themselves: a test of a hang needs a real pipe."""
    makers: dict[str, Callable[[Path], None]] = dict(KINDS)
    for kind, make in makers.items():
        make(tmp_path / kind)
    assert (tmp_path / "fifo").is_fifo() and (tmp_path / "device").is_char_device()
    assert (tmp_path / "dangling").is_symlink() and not (tmp_path / "dangling").exists()
    assert (tmp_path / "directory").is_dir() and not (tmp_path / "loop").exists()


@pytest.mark.parametrize("kind", ["fifo", "device", "dangling", "loop"])
def test_a_decks_folder_that_is_no_folder(kind: str, tmp_path: Path) -> None:
    """decks/ beside the fact file is found (not passed over as absent) and refused."""
    folder = tmp_path / "decks"
    KINDS[kind](folder)
    assert decks.decks_dir_for(tmp_path / "facts.yaml") == folder
    with within(HANG), pytest.raises(FactFileError) as info:
        decks.load_definitions(folder, factfile.loads(TINY))
    message = str(info.value)
    assert message.startswith(f"{folder}: ")
    assert (
        "not a folder of deck definitions" in message
        or "a symbolic link that leads nowhere" in message
    )


# -- the same through the command, as a user meets it --------------------------------
# Where quizgen reads, and a command that reads there: (path to spoil, argv, env, cwd).
Role = Callable[[Path], tuple[Path, list[str | Path], dict[str, str], Path | None]]


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


SPOILED = [
    (role, kind)
    for role in sorted(ROLES)
    for kind in [*sorted(KINDS), "huge", "unreadable"]
    # a folder is what decks/ should be, and has no size to refuse
    if not (role == "decks/ itself" and kind in ("huge", "directory"))
]


@pytest.mark.slow
@pytest.mark.parametrize(("role", "kind"), SPOILED)
def test_every_path_quizgen_reads_through_the_command(role: str, kind: str, tmp_path: Path) -> None:
    """Through the real command in a process of its own: one line on stderr and exit
    status 1, never a hang (see HANG) or a traceback."""
    project(tmp_path)
    path, argv, env, cwd = ROLES[role](tmp_path)
    prefix: list[str] = []
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
        run = run_quizgen(*argv, env=env, cwd=cwd, prefix=prefix, timeout=HANG, stdin=b"")
    finally:
        if kind == "unreadable":
            path.chmod(0o700)
    line = one_line(run)
    shown = path.name if role == "./facts.yaml" else str(path)  # named as it was found
    assert shown in line, line
