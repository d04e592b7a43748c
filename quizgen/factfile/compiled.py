"""The compiled fact base: a fact file read once, then loaded again in a fraction of the time.

Parsing and checking 100,000 facts takes seconds, and nothing of it changes
between two runs unless someone edits the file. So, as Anki keeps a
collection, the first load of a fact file without problems writes what was
read (the :class:`~quizgen.facts.FactBase`) to quizgen's cache folder, named
by the SHA-256 of the file's bytes; the next load of the same bytes by the
same build of quizgen reads that instead of the YAML.

An entry is used only when all of this holds, and is otherwise a miss (the
file is parsed as usual and the entry written again):

- its header says it is a compiled fact base (the magic), made by this build
  of quizgen (:func:`build_id`: the format, quizgen's version, the shape of the
  model and the source of the code that reads fact files), from exactly these
  bytes (the content digest, which its name must match too);
- its payload hashes to the digest its header gives, so a damaged or cut-short
  entry is never decoded;
- it is a regular file (not a link) owned by the user running quizgen and
  writable by no one else, so what is decoded is only ever what quizgen wrote.

The payload is :mod:`marshal` data of plain tuples, strings, integers and
None, which cannot run code when read (never pickle), and marshal sees it only
after the digest check. A miss for a reason other than "not there" (damaged,
made by another build, not ours) comes with a note; an edited file is simply
a new key.

Never needed: a cache folder that cannot be made, read or written (read-only,
full, a file in its place) only costs the time of a parse. Never in the way
of an error message: a file with problems is never compiled, so every problem
comes from the parser with its exact position.

Generic over the model: the payload is what :mod:`.codec` makes of the fact
base, and the model's shape is part of :func:`build_id`, so a new field needs
no change here and retires every entry made before it.
"""

from __future__ import annotations

import errno
import marshal
import os
import stat
from collections.abc import Callable, Mapping
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import NamedTuple

from quizgen import cores
from quizgen.errors import FactFileError, Problem
from quizgen.factfile import codec
from quizgen.facts import FactBase
from quizgen.inputs import MAX_FACT_FILE_BYTES, Refused, env_path, read_through

CACHE_ENV = "QUIZGEN_CACHE"
OFF = "off"
SUFFIX = ".factbase"
FORMAT = 1
"""Raised when the layout of an entry (not the model) changes."""
MAGIC = b"quizgen compiled fact base\n"
_DIGEST = 32
_HEADER = len(MAGIC) + 3 * _DIGEST + 8
SOURCES = ("factfile", "facts", "language")
"""The packages whose code makes a fact base from a file (besides the ground modules, which
change with quizgen's version): see :func:`build_id`."""
MAX_ENTRIES = 16
"""Entries kept in the folder; the least recently used go first."""
MAX_TOTAL_BYTES = 512 << 20
"""Bytes of entries kept in the folder (the newest entry is kept whatever its size)."""
MAX_ENTRY_BYTES = 3 * MAX_FACT_FILE_BYTES
"""Largest entry read: compiled, a fact file takes about two thirds of its YAML's size."""


class Compiled(NamedTuple):
    """A loaded fact base, whether it came from the cache, and notes for the user."""

    base: FactBase
    from_cache: bool
    notes: list[str]


@cache
def build_id() -> bytes:
    """What an entry must have been made by: the format, quizgen's version, the model's
    shape, and the source of every module that reading a fact file runs.

    The source counts because an entry holds what the reader made of a file: a
    quizgen whose reader ties entities differently must not be handed the old
    result, whatever its version says. Each source file is known by its name,
    size and modification time, which a stat tells at once (an edit, a
    reinstall or a checkout changes them); reading them all would cost more.
    """
    import hashlib

    from quizgen import __version__

    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{codec.base_record().shape}\0".encode())
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for folder in SOURCES:
        where = os.path.join(package, folder)
        try:
            with os.scandir(where) as listing:
                found = sorted((e.name, e.stat()) for e in listing if e.name.endswith(".py"))
        except OSError:
            found = []
        for name, info in found:
            digest.update(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}\0".encode())
    return digest.digest()


def folder(environ: Mapping[str, str] | None = None) -> Path | None:
    """Where compiled fact bases go: ``$QUIZGEN_CACHE``, else quizgen's user cache folder;
    None (read every file afresh) when ``$QUIZGEN_CACHE`` is ``off``."""
    env = os.environ if environ is None else environ
    if env.get(CACHE_ENV) == OFF:
        return None
    found = env_path(env, CACHE_ENV)
    if found is not None:
        return found
    from platformdirs import user_cache_path

    return user_cache_path("quizgen", appauthor=False)


def load(path: str | Path, cache_folder: Path | None, *, pure: bool = False) -> Compiled:
    """The fact file at ``path``, from its compiled copy in ``cache_folder`` when there is a
    good one, else parsed (and then compiled there, when it has no problems).

    ``cache_folder`` None reads the file as :func:`quizgen.factfile.load` does.
    Problems with the fact file are :class:`FactFileError`, as ever; problems
    with the cache are at most a note.
    """
    import hashlib

    shown = str(path)
    notes: list[str] = []
    if cache_folder is not None:  # no cache, nothing to look up: the file is read once
        digest = hashlib.sha256()
        _read(path, shown, digest.update)
        entry = _entry(cache_folder, digest.digest())
        found = _read_entry(entry, digest.digest(), shown)
        if isinstance(found, FactBase):
            with suppress(OSError):
                os.utime(entry)  # recently used: pruned last
            return Compiled(found, True, notes)
        if found:
            notes.append(found)
    from quizgen.factfile import reader, split

    # Read again, now to keep: what is parsed is hashed again, so that an entry is only
    # ever written under the digest of exactly the bytes it was made from.
    chunks: list[bytes] = []
    _read(path, shown, chunks.append)
    data = b"".join(chunks)
    del chunks
    with (
        cores.collector_paused()
    ):  # see cores.collector_paused: a fifth of the read at 100,000 facts
        parts = None if pure else split.load(data, shown, payload=cache_folder is not None)
        base, payload = parts if parts is not None else (reader.loads(data, shown, pure=pure), None)
    if cache_folder is not None:
        content = hashlib.sha256(data).digest()
        del data
        _write_entry(_entry(cache_folder, content), content, base, payload)
    return Compiled(base, False, notes)


def _read(path: str | Path, shown: str, each: Callable[[bytes], object]) -> None:
    """The fact file's bytes, piece by piece, to ``each``; FactFileError if it cannot be."""
    try:
        read_through(path, "fact file", MAX_FACT_FILE_BYTES, each, "split it into smaller files")
    except Refused as why:
        raise FactFileError([Problem(shown, 0, 0, "", str(why))]) from None


def _entry(cache_folder: Path, content: bytes) -> Path:
    """Where the entry of a file's content is kept: named by the content's digest and by
    the build, so that two quizgens sharing a cache folder (a virtualenv's and a user's,
    or an upgrade beside the old one) each keep their own entry rather than replace the
    other's on every run, a note each time. Their old entries are pruned like any."""
    return cache_folder / f"{content.hex()}-{build_id().hex()[:16]}{SUFFIX}"


def _read_entry(entry: Path, content: bytes, shown: str) -> FactBase | str | None:
    """The fact base in ``entry``; else why it cannot be used (a note), or None if there
    is simply no entry."""
    data = _read_own(entry)
    if data is None:
        return None
    if isinstance(data, str):
        return f"{entry} {data}; ignored it and read {shown}"
    view = memoryview(data)
    if bytes(view[: len(MAGIC)]) != MAGIC:
        return f"{entry} is not a compiled fact base; read {shown} and replaced it"
    at = len(MAGIC)
    made_by, made_from, payload_digest = (
        bytes(view[at + i * _DIGEST : at + (i + 1) * _DIGEST]) for i in range(3)
    )
    length = int.from_bytes(view[at + 3 * _DIGEST : _HEADER], "big")
    damaged = f"{entry} was damaged; read {shown} again and replaced it"
    if made_from != content:
        return f"{entry} was compiled from another file; read {shown} and replaced it"
    if made_by != build_id():
        return (
            f"{entry} was compiled by another build of quizgen; read {shown} again and replaced it"
        )
    payload = view[_HEADER:]
    import hashlib

    if len(payload) != length or hashlib.sha256(payload).digest() != payload_digest:
        return damaged
    with cores.collector_paused():  # plain values only, no cycles
        try:
            plain = marshal.loads(payload)
            del payload, view, data  # the entry's bytes go before the facts are made
            return codec.decode(plain, shown)
        except Exception:  # verified bytes that do not decode are damage all the same
            return damaged


def _read_own(entry: Path) -> bytes | str | None:
    """The bytes of ``entry`` if it is a regular file of ours that no one else may write;
    a reason if it is there but not that; None if it is not there (or not readable)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(entry, flags)
    except OSError as exc:  # not there, or the folder is not one: nothing to say
        return "is a symbolic link" if exc.errno == errno.ELOOP else None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return "is not a regular file"
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            return "belongs to another user"
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return "may be written by other users"
        if info.st_size > MAX_ENTRY_BYTES:
            return f"is larger than {MAX_ENTRY_BYTES:,} bytes"
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _write_entry(entry: Path, content: bytes, base: FactBase, payload: bytes | None) -> bool:
    """Write the compiled ``base`` (``payload``, if already made) to ``entry`` atomically;
    False (and nothing left behind) if it cannot be written, which only costs the next
    load a parse."""
    import hashlib

    if payload is None:
        try:
            payload = marshal.dumps(codec.encode(base), 4)
        except ValueError:  # a value marshal cannot hold: then this base is not cached
            return False
    header = (
        MAGIC
        + build_id()
        + content
        + hashlib.sha256(payload).digest()
        + len(payload).to_bytes(8, "big")
    )
    import tempfile

    folder = entry.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:  # mkstemp's file: ours, mode 0600
            out.write(header)
            out.write(payload)
        os.replace(temp, entry)
    except OSError:
        with suppress(OSError):
            os.unlink(temp)
        return False
    _prune(folder, entry)
    return True


def _prune(folder: Path, keep: Path) -> None:
    """Drop the least recently used entries past :data:`MAX_ENTRIES` or
    :data:`MAX_TOTAL_BYTES`, and temporary files a killed quizgen left an hour ago."""
    import time

    found: list[tuple[float, int, Path]] = []
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                with suppress(OSError):
                    info = item.stat(follow_symlinks=False)
                    if item.name.endswith(SUFFIX) and item.path != str(keep):
                        found.append((info.st_mtime, info.st_size, Path(item.path)))
                    elif item.name.endswith(".tmp") and info.st_mtime < time.time() - 3600:
                        os.unlink(item.path)
    except OSError:
        return
    found.sort(reverse=True)
    try:
        total = keep.stat().st_size
    except OSError:
        total = 0
    for number, (_, size, path) in enumerate(found, start=2):
        total += size
        if number > MAX_ENTRIES or total > MAX_TOTAL_BYTES:
            with suppress(OSError):
                path.unlink()
