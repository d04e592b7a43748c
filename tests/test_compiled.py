"""The compiled fact base: the same fact base from the cache as from the file, whatever
state the cache is in (missing, damaged, stale, foreign, unwritable), a note at most."""

from __future__ import annotations

import marshal
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quizgen import factfile
from quizgen.errors import FactFileError
from quizgen.factfile import compiled
from tests.support.cli import one_line, run_quizgen
from tests.support.data import PANAMA, SHIPPED, SMALL, SPECIAL, TINY, edit
from tests.support.deep import same

FILES = [SHIPPED, SMALL, SPECIAL, PANAMA]


def entry_of(folder: Path) -> Path:
    entries = list(folder.glob(f"*{compiled.SUFFIX}"))
    assert len(entries) == 1, entries
    return entries[0]


def copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "facts.yaml"
    shutil.copy(source, target)
    return target


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.name)
def test_the_cache_gives_the_base_the_file_gives(source: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first = compiled.load(source, folder)
    second = compiled.load(source, folder)
    assert (first.from_cache, second.from_cache) == (False, True)
    assert first.notes == second.notes == []
    parsed = factfile.load(source)
    same(first.base, parsed)
    same(second.base, parsed)
    assert second.base.path == str(source)


def test_the_same_bytes_elsewhere_share_the_entry_and_keep_their_own_path(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cache"
    compiled.load(SMALL, folder)
    moved = copy(SMALL, tmp_path)
    again = compiled.load(moved, folder)
    assert again.from_cache and again.base.path == str(moved)
    assert again.base.fact(again.base.facts[0].id) is again.base.facts[0]


def test_an_edited_file_is_read_again_without_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    compiled.load(path, folder)
    path.write_text(TINY.replace("The base was near Abu Kamal.", "It was near Abu Kamal."))
    edited = compiled.load(path, folder)
    assert not edited.from_cache and edited.notes == []
    assert edited.base.facts[0].statement == "It was near Abu Kamal."
    assert len(list(folder.glob(f"*{compiled.SUFFIX}"))) == 2


def test_a_file_with_problems_is_never_compiled_and_keeps_exact_positions(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "cache"
    path = tmp_path / "tiny.yaml"
    path.write_text(edit(22, "    answer: ''"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(FactFileError) as info:
            compiled.load(path, folder)
        assert [str(p) for p in info.value.problems] == [f"{path}:22:13: answer: must not be empty"]
    assert not folder.exists() or not list(folder.iterdir())


def test_a_missing_fact_file_is_the_loaders_error(tmp_path: Path) -> None:
    with pytest.raises(FactFileError, match="file not found"):
        compiled.load(tmp_path / "none.yaml", tmp_path / "cache")


def damage(entry: Path, at: int) -> None:
    data = bytearray(entry.read_bytes())
    data[at] ^= 0xFF
    entry.write_bytes(bytes(data))


CORRUPTIONS = {
    "a flipped payload byte": lambda e: damage(e, -5),
    "a flipped header byte": lambda e: damage(e, len(compiled.MAGIC) + 3 * 32 + 7),
    "cut short": lambda e: e.write_bytes(e.read_bytes()[:-100]),
    "cut inside the header": lambda e: e.write_bytes(e.read_bytes()[:40]),
    "emptied": lambda e: e.write_bytes(b""),
    "a payload that hashes right but does not decode": lambda e: rewrite(
        e, payload=marshal.dumps(("not", "a", "fact", "base"))
    ),
}


def rewrite(entry: Path, *, payload: bytes | None = None, made_by: bytes | None = None) -> None:
    """The entry with a new payload (its digest and length made right) or a new build id."""
    import hashlib

    data = entry.read_bytes()
    at = len(compiled.MAGIC)
    old_by, made_from = data[at : at + 32], data[at + 32 : at + 64]
    body = data[compiled._HEADER :] if payload is None else payload
    entry.write_bytes(
        compiled.MAGIC
        + (made_by or old_by)
        + made_from
        + hashlib.sha256(body).digest()
        + len(body).to_bytes(8, "big")
        + body
    )


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=list(CORRUPTIONS))
def test_a_damaged_entry_is_read_again_with_a_note_and_replaced(
    corrupt: Any, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    compiled.load(SMALL, folder)
    entry = entry_of(folder)
    corrupt(entry)
    again = compiled.load(SMALL, folder)
    assert not again.from_cache
    assert len(again.notes) == 1 and str(entry) in again.notes[0]
    assert "damaged" in again.notes[0] or "not a compiled fact base" in again.notes[0]
    same(again.base, factfile.load(SMALL))
    healed = compiled.load(SMALL, folder)
    assert healed.from_cache and healed.notes == []


def test_an_entry_from_another_build_is_stale(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    compiled.load(SMALL, folder)
    rewrite(entry_of(folder), made_by=bytes(32))
    again = compiled.load(SMALL, folder)
    assert not again.from_cache
    assert again.notes == [
        f"{entry_of(folder)} was compiled by another build of quizgen; read {SMALL} again "
        "and replaced it"
    ]
    assert compiled.load(SMALL, folder).from_cache


def test_two_builds_sharing_a_folder_keep_an_entry_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A virtualenv's quizgen and a user's, run in turn: each reads its own entry, neither
    replaces the other's, and no note is printed."""
    folder = tmp_path / "cache"
    ours = compiled.build_id()
    assert compiled.load(SMALL, folder).notes == []
    monkeypatch.setattr(compiled, "build_id", lambda: bytes(32))
    other = compiled.load(SMALL, folder)
    assert (other.from_cache, other.notes) == (False, [])
    assert compiled.load(SMALL, folder).from_cache
    monkeypatch.setattr(compiled, "build_id", lambda: ours)
    again = compiled.load(SMALL, folder)
    assert (again.from_cache, again.notes) == (True, [])
    assert len(list(folder.glob(f"*{compiled.SUFFIX}"))) == 2


FOREIGN = {
    "another program's file": lambda e, other: e.write_bytes(b"SQLite format 3\x00" + bytes(200)),
    "another fact file's entry under this name": lambda e, other: shutil.copy(other, e),
}


@pytest.mark.parametrize("plant", FOREIGN.values(), ids=list(FOREIGN))
def test_a_foreign_entry_is_never_trusted(plant: Any, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    compiled.load(PANAMA, folder)
    other = entry_of(folder)
    compiled.load(SMALL, folder)
    entry = next(e for e in folder.glob(f"*{compiled.SUFFIX}") if e != other)
    plant(entry, other)
    again = compiled.load(SMALL, folder)
    assert not again.from_cache and len(again.notes) == 1
    same(again.base, factfile.load(SMALL))


def test_a_link_in_place_of_an_entry_is_not_followed(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    compiled.load(SMALL, folder)
    entry = entry_of(folder)
    real = tmp_path / "elsewhere.factbase"
    entry.rename(real)
    entry.symlink_to(real)
    again = compiled.load(SMALL, folder)
    assert not again.from_cache and "link" in again.notes[0]
    assert real.exists()  # the link was replaced by an entry of quizgen's own, not written through
    assert not entry.is_symlink()


def test_an_entry_others_may_write_is_not_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    compiled.load(SMALL, folder)
    entry = entry_of(folder)
    entry.chmod(0o666)
    again = compiled.load(SMALL, folder)
    assert not again.from_cache and "other users" in again.notes[0]
    assert entry.stat().st_mode & 0o077 == 0  # written again as quizgen's own


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_an_entry_of_another_user_is_not_trusted(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    compiled.load(SMALL, folder)
    entry = entry_of(folder)
    os.chown(entry, 65534, 65534)
    again = compiled.load(SMALL, folder)
    assert not again.from_cache and "another user" in again.notes[0]


def test_a_cache_folder_that_cannot_be_made_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for _ in range(2):
        loaded = compiled.load(SMALL, blocker / "cache")
        assert not loaded.from_cache and loaded.notes == []
        same(loaded.base, factfile.load(SMALL))


def test_a_full_disk_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    folder = tmp_path / "cache"

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    loaded = compiled.load(SMALL, folder)
    assert not loaded.from_cache and loaded.notes == []
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anyway")
def test_a_read_only_cache_folder_only_costs_speed(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        loaded = compiled.load(SMALL, folder)
        assert not loaded.from_cache and loaded.notes == []
    finally:
        folder.chmod(0o700)


def test_old_entries_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "MAX_ENTRIES", 2)
    folder = tmp_path / "cache"
    path = tmp_path / "tiny.yaml"
    for n in range(4):
        path.write_text(TINY.replace("title: Tiny", f"title: Tiny {n}"), encoding="utf-8")
        compiled.load(path, folder)
        os.utime(entry_for(path, folder), (1000 + n, 1000 + n))
    left = sorted(folder.glob(f"*{compiled.SUFFIX}"))
    assert len(left) == 2 and entry_for(path, folder) in left


def entry_for(path: Path, folder: Path) -> Path:
    import hashlib

    return compiled._entry(folder, hashlib.sha256(path.read_bytes()).digest())


def spoil_stale(folder: Path, facts: Path) -> None:
    rewrite(entry_of(folder), made_by=bytes(32))


def spoil_foreign(folder: Path, facts: Path) -> None:
    entry_of(folder).write_bytes(b"SQLite format 3\x00" + bytes(200))


def spoil_unwritable(folder: Path, facts: Path) -> None:
    shutil.rmtree(folder)
    folder.write_text("a file where the cache folder should be")


def spoil_damaged(folder: Path, facts: Path) -> None:
    damage(entry_of(folder), -3)


CLI_STATES: dict[str, tuple[Callable[[Path, Path], None], str | None]] = {
    "damaged": (spoil_damaged, "was damaged"),
    "stale": (spoil_stale, "was compiled by another build of quizgen"),
    "foreign": (spoil_foreign, "is not a compiled fact base"),
    "unwritable": (spoil_unwritable, None),
}


@pytest.mark.parametrize("state", list(CLI_STATES))
def test_every_command_gives_the_same_output_whatever_state_the_cache_is_in(
    state: str, tmp_path: Path
) -> None:
    """As a user meets it: the commands print what they print with no cache at all, plus
    one note at most on stderr, never a traceback, and exit as they would."""
    spoil, note = CLI_STATES[state]
    folder = tmp_path / "cache"
    facts = copy(SMALL, tmp_path)
    commands = [
        ("validate", facts),
        ("questions", "-n", "3", "--seed", "4", "--facts", facts),
    ]
    plain = [run_quizgen(*c, env={"QUIZGEN_CACHE": "off"}) for c in commands]
    env = {"QUIZGEN_CACHE": str(folder)}
    run_quizgen("validate", facts, env=env)  # fills the cache
    for command, expected in zip(commands, plain, strict=True):
        if folder.is_dir():
            spoil(folder, facts)
        run = run_quizgen(*command, env=env)
        assert (run.returncode, run.stdout) == (expected.returncode, expected.stdout)
        assert b"Traceback" not in run.stderr
        extra = run.stderr.decode().splitlines()
        for line in expected.stderr.decode().splitlines():
            extra.remove(line)
        if note is None:
            assert extra == []
        else:
            assert len(extra) == 1 and extra[0].startswith("Note: ") and note in extra[0], extra
            assert str(facts) in extra[0]


def test_off_reads_every_file_afresh(tmp_path: Path) -> None:
    assert compiled.folder({"QUIZGEN_CACHE": "off"}) is None
    assert compiled.folder({"QUIZGEN_CACHE": str(tmp_path)}) == tmp_path
    assert compiled.folder({"HOME": str(tmp_path)}) is not None


def test_a_cache_path_with_a_control_character_is_refused() -> None:
    run = run_quizgen("validate", env={"QUIZGEN_CACHE": "bad\x01"})
    one_line(run)


def test_the_collector_is_paused_while_a_base_is_made_and_resumed_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fact base holds no cycles, and the collector walking it as it grows cost a fifth
    of a large file's read: paused while the file is read and while an entry is decoded."""
    import gc

    from quizgen.factfile import codec, reader

    seen: list[bool] = []

    def spy(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(reader, "loads", spy(reader.loads))
    monkeypatch.setattr(codec, "decode", spy(codec.decode))
    folder = tmp_path / "cache"
    assert gc.isenabled()
    assert not compiled.load(SMALL, folder).from_cache
    assert compiled.load(SMALL, folder).from_cache
    assert seen == [False, False] and gc.isenabled()
    assert not compiled.load(SMALL, None).from_cache
    assert seen == [False, False, False] and gc.isenabled()
