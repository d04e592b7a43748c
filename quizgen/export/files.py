"""Writing export files safely and reproducibly, into whatever the path names.

A regular file is replaced atomically (a temporary file beside it, then a
rename), so a reader never sees half a file and a failure leaves the old one.
But a rename replaces the *name*, not what it names, and people point ``-o``
at other things on purpose; so :func:`write_atomic` writes through instead:

- a symbolic link: the file it points to is replaced (atomically, beside the
  target), and the link stays a link;
- a file with several hard links: written in place, so every name still
  shows the same, new content (a rename would split the links);
- a device, FIFO or socket (``/dev/null``, ``/dev/stdout``, a pipe): written
  through with a plain open, never replaced by a regular file;
- an existing file keeps its permission bits (and its owner, where allowed),
  where a fresh temporary file would have 0644.

It returns a note saying which of these it did, for the command to print.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from quizgen.errors import WriteError

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""Every zip entry gets this time, so the same content gives the same bytes."""


def write_atomic(path: Path, data: bytes) -> str:
    """Write ``data`` to what ``path`` names; return a note on how ('' for a plain write)."""
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        info = os.stat(target) if target.exists() else None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    via = [f"through the symbolic link to {target}"] if target != path else []
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise WriteError(f"cannot write {path}: it is a folder; name a file")
        _write_through(path, target, data)
        return f"written through to the {_kind(info.st_mode)} {target}"
    if info is not None and info.st_nlink > 1:
        _write_through(path, target, data)
        return "; ".join([f"written in place, keeping its {info.st_nlink} hard links", *via])
    _replace(path, target, data, info)
    if info is not None and stat.S_IMODE(info.st_mode) != _default_mode():
        return "; ".join([f"kept its mode {stat.S_IMODE(info.st_mode):04o}", *via])
    return "; ".join(via)


def _kind(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISFIFO(mode):
        return "pipe"
    return "socket" if stat.S_ISSOCK(mode) else "special file"


def _write_through(path: Path, target: Path, data: bytes) -> None:
    try:
        with open(target, "wb") as out:
            out.write(data)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None


def _replace(path: Path, target: Path, data: bytes, info: os.stat_result | None) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes the file private (0600); an existing file keeps its own mode,
        # a new one gets the mode a plain open() would give it.
        os.chmod(temp, stat.S_IMODE(info.st_mode) if info is not None else _default_mode())
        if info is not None:
            with contextlib.suppress(OSError):  # only root may give a file away
                os.chown(temp, info.st_uid, info.st_gid)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _default_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def zip_bytes(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A deflated zip of ``entries``, sorted by name, with fixed times and permissions."""
    import io

    buffer = io.BytesIO()
    # Level 1: most of the saving of deflate at a fraction of the time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=1)
    return buffer.getvalue()
