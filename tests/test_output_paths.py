"""-o PATH writes into what the path names: links stay links, modes stay, devices are written
through, and the command is told what was done."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from quizgen.errors import WriteError
from quizgen.export.files import write_atomic


def test_a_new_file_gets_the_usual_mode_and_no_note(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "q.gift"
    assert write_atomic(path, b"one") == ""
    mask = os.umask(0)
    os.umask(mask)
    assert path.read_bytes() == b"one" and stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    assert sorted(p.name for p in path.parent.iterdir()) == ["q.gift"]


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "q.gift"
    path.write_bytes(b"old")
    path.chmod(0o600)
    assert write_atomic(path, b"new") == "kept its mode 0600"
    assert path.read_bytes() == b"new" and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    target = tmp_path / "real" / "q.gift"
    target.parent.mkdir()
    target.write_bytes(b"old")
    link = tmp_path / "link.gift"
    link.symlink_to(target)
    note = write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new" and note == f"through the symbolic link to {target}"
    dangling = tmp_path / "dangling.gift"
    dangling.symlink_to(tmp_path / "nowhere.gift")
    write_atomic(dangling, b"made")
    assert dangling.is_symlink() and (tmp_path / "nowhere.gift").read_bytes() == b"made"


def test_a_hard_link_is_not_split(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_bytes(b"old")
    second = tmp_path / "b.csv"
    os.link(first, second)
    assert write_atomic(first, b"new") == "written in place, keeping its 2 hard links"
    assert second.read_bytes() == b"new" and first.stat().st_ino == second.stat().st_ino


def test_a_device_is_written_through_not_replaced() -> None:
    devnull = Path("/dev/null")
    before = devnull.stat()
    assert write_atomic(devnull, b"anything") == "written through to the character device /dev/null"
    after = devnull.stat()
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="it is a folder"):
        write_atomic(tmp_path, b"x")
