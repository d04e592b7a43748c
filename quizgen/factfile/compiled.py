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

Generic over the model: how each value is written is worked out from the
dataclasses' type hints (:func:`_codec`), so a new field of a plain type, an
enum, a tuple, an optional or another dataclass needs no change here and
changes :func:`build_id`, which retires every entry made before it. A type
this module cannot write makes the codec fail to build, and a test with it.
"""

from __future__ import annotations

import dataclasses
import errno
import marshal
import operator
import os
import stat
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from quizgen.errors import FactFileError, Problem
from quizgen.facts import Entities, Entity, FactBase
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

Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


class Codec(NamedTuple):
    """How values of one type are written as plain data and read back.

    ``encode`` and ``decode`` are None where the value is plain data already;
    ``shape`` names the type, fields and all, for :func:`build_id`.
    """

    encode: Encode | None
    decode: Decode | None
    shape: str


class Compiled(NamedTuple):
    """A loaded fact base, whether it came from the cache, and notes for the user."""

    base: FactBase
    from_cache: bool
    notes: list[str]


_PLAIN: tuple[type, ...] = (str, int, bool, float, type(None))

CONSTRUCTED: dict[type, tuple[tuple[str, str, Any], ...]] = {
    Entities: (
        ("entities", "all", tuple[Entity, ...]),
        ("ambiguous", "ambiguous", tuple[str, ...]),
    ),
}
"""Classes of the model that are not dataclasses: each constructor parameter, the attribute
that holds it, and its type. A test checks this against each constructor's signature."""


def _codec(tp: Any, within: frozenset[Any] = frozenset()) -> Codec:
    """The codec of a type annotation; TypeError for a type this module cannot write."""
    if tp in _PLAIN:
        return Codec(None, None, tp.__name__)
    if tp in within:
        raise TypeError(f"{tp.__qualname__} contains itself")
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _union(tp, within)
    if origin is tuple:
        return _tuple(tp, within)
    if isinstance(tp, type) and issubclass(tp, Enum):
        members = {m.value: m for m in tp}
        if not all(type(v) in _PLAIN for v in members):
            raise TypeError(f"{tp.__qualname__} has values that are not plain data")
        shape = f"{tp.__module__}.{tp.__qualname__}{{{','.join(map(str, members))}}}"
        return Codec(operator.attrgetter("value"), members.__getitem__, shape)
    if isinstance(tp, type) and (dataclasses.is_dataclass(tp) or tp in CONSTRUCTED):
        record = _Record(tp, within | {tp})
        return Codec(record.encode, record.decode, record.shape)
    raise TypeError(f"the compiled fact base cannot hold values of type {tp!r}")


def _union(tp: Any, within: frozenset[Any]) -> Codec:
    args = typing.get_args(tp)
    codecs = [_codec(a, within) for a in args]
    shape = " | ".join(c.shape for c in codecs)
    if all(c.encode is None and c.decode is None for c in codecs):
        return Codec(None, None, shape)
    rich = [c for a, c in zip(args, codecs, strict=True) if a is not type(None)]
    if len(rich) != 1 or len(args) != 2:
        raise TypeError(f"the compiled fact base cannot hold values of type {tp!r}")
    encode, decode = rich[0].encode or _same, rich[0].decode or _same
    return Codec(
        lambda v: None if v is None else encode(v),
        lambda v: None if v is None else decode(v),
        shape,
    )


def _same(value: Any) -> Any:
    return value


def _tuple(tp: Any, within: frozenset[Any]) -> Codec:
    args = typing.get_args(tp)
    if len(args) != 2 or args[1] is not Ellipsis:
        raise TypeError(f"the compiled fact base holds tuple[X, ...] only, not {tp!r}")
    item = args[0]
    if isinstance(item, type) and dataclasses.is_dataclass(item):
        record = _Record(item, within | {item})
        return Codec(record.encode_many, record.decode_many, f"tuple[{record.shape}, ...]")
    codec = _codec(item, within)
    shape = f"tuple[{codec.shape}, ...]"
    if codec.encode is None and codec.decode is None:
        return Codec(tuple, None, shape)  # marshal keeps tuples; tuple() makes sure of it
    encode, decode = codec.encode or _same, codec.decode or _same
    return Codec(lambda vs: tuple(map(encode, vs)), lambda vs: tuple(map(decode, vs)), shape)


class _Record:
    """A dataclass (or a class in :data:`CONSTRUCTED`) as the tuple of its constructor's
    arguments; many of them as one tuple per field (columns), which reads back faster
    and smaller than one tuple per value."""

    def __init__(self, cls: type, within: frozenset[Any]) -> None:
        if cls in CONSTRUCTED:
            params = CONSTRUCTED[cls]
            self.names = tuple(p[0] for p in params)
            attrs = tuple(p[1] for p in params)
            codecs = [_codec(p[2], within) for p in params]
        else:
            hints = typing.get_type_hints(cls)
            fields = [f for f in dataclasses.fields(cls) if f.init]
            self.names = attrs = tuple(f.name for f in fields)
            codecs = [_codec(hints[f.name], within) for f in fields]
        self.cls = cls
        twin = _twin(cls, self.names)
        self.one: Callable[..., Any] = cls if twin is None else twin[0]
        self.many = None if twin is None else twin[1]
        self.encoders = tuple(c.encode for c in codecs)
        self.decoders = tuple(c.decode for c in codecs)
        self.plain = all(d is None for d in self.decoders)
        get = operator.attrgetter(*attrs)
        self.get: Callable[[Any], tuple[Any, ...]] = get if len(attrs) > 1 else lambda v: (get(v),)
        inner = ", ".join(f"{n}: {c.shape}" for n, c in zip(self.names, codecs, strict=True))
        self.shape = f"{cls.__module__}.{cls.__qualname__}({inner})"

    def encode(self, value: Any) -> tuple[Any, ...]:
        return tuple(
            x if e is None else e(x) for e, x in zip(self.encoders, self.get(value), strict=True)
        )

    def decode(self, data: Any) -> Any:
        if self.plain:
            return self.one(*data)
        return self.one(*self.arguments(data))

    def arguments(self, data: Any) -> list[Any]:
        return [x if d is None else d(x) for d, x in zip(self.decoders, data, strict=True)]

    def encode_many(self, values: Iterable[Any]) -> tuple[int, tuple[Any, ...]]:
        rows = [self.get(v) for v in values]
        columns = zip(*rows, strict=True) if rows else ((),) * len(self.names)
        return len(rows), tuple(
            tuple(col) if e is None else tuple(map(e, col))
            for e, col in zip(self.encoders, columns, strict=True)
        )

    def decode_many(self, data: Any) -> tuple[Any, ...]:
        count, columns = data
        if len(columns) != len(self.names) or any(len(c) != count for c in columns):
            raise ValueError("columns of unequal length")
        decoded = [
            c if d is None else map(d, c) for d, c in zip(self.decoders, columns, strict=True)
        ]
        if not count:
            return ()
        return self.many(*decoded) if self.many else tuple(map(self.cls, *decoded))


def _twin(
    cls: type, names: tuple[str, ...]
) -> tuple[Callable[..., Any], Callable[..., tuple[Any, ...]]] | None:
    """Faster ways to make one and many instances of a frozen, slotted dataclass; None if
    ``cls`` is not one that allows it.

    A frozen dataclass sets each field through ``object.__setattr__``, which is
    most of the time a compiled fact base takes to load (0.3 s for 100,000
    facts). Its twin, a plain class with the same ``__slots__``, sets them
    directly, four times as fast; each instance then becomes the real class by
    ``__class__`` assignment, which Python allows between classes whose slots
    are the same. Only for a class with no ``__post_init__`` and no field
    outside the constructor, so that the result is exactly what ``cls(...)``
    makes (the round-trip tests compare every attribute).
    """
    slots = cls.__dict__.get("__slots__")
    if (
        not dataclasses.is_dataclass(cls)
        or cls.__bases__ != (object,)
        or slots is None
        or tuple(slots) != names
        or hasattr(cls, "__post_init__")
        or not all(n.isidentifier() for n in names)
    ):
        return None
    scope: dict[str, Any] = {}
    exec(  # field names of quizgen's own model, checked above: no text from a file
        f"def __init__(self, {', '.join(names)}):\n"
        + "".join(f"    self.{n} = {n}\n" for n in names),
        scope,
    )
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": names, "__init__": scope["__init__"]})
    try:
        twin(*names).__class__ = cls
    except TypeError:  # a layout Python will not swap: make them the ordinary way
        return None

    def one(*values: Any) -> Any:
        made = twin(*values)
        made.__class__ = cls
        return made

    def many(*columns: Any) -> tuple[Any, ...]:
        made = list(map(twin, *columns))
        for value in made:
            value.__class__ = cls
        return tuple(made)

    return one, many


@cache
def base_record() -> _Record:
    return _Record(FactBase, frozenset({FactBase}))


def encode(base: FactBase) -> tuple[Any, ...]:
    """The fact base as plain data (its path left out: the same bytes may be read from
    anywhere)."""
    record = base_record()
    values = list(record.encode(base))
    values[record.names.index("path")] = ""
    return tuple(values)


def decode(data: Any, path: str) -> FactBase:
    """What :func:`encode` wrote, as the fact base read from ``path``."""
    record = base_record()
    arguments = record.arguments(data)
    arguments[record.names.index("path")] = path
    base: FactBase = record.cls(*arguments)
    return base


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

    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{base_record().shape}\0".encode())
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
    digest = hashlib.sha256()
    _read(path, shown, digest.update)
    notes: list[str] = []
    entry = None if cache_folder is None else _entry(cache_folder, digest.digest())
    if entry is not None:
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
    parts = None if pure else split.load(data, shown)
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
    return cache_folder / f"{content.hex()}{SUFFIX}"


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
    import gc

    paused = gc.isenabled()
    gc.disable()  # plain values only, no cycles: a collection mid-way would walk them all
    try:
        plain = marshal.loads(payload)
        del payload, view, data  # the entry's bytes go before the facts are made
        return decode(plain, shown)
    except Exception:  # verified bytes that do not decode are damage all the same
        return damaged
    finally:
        if paused:
            gc.enable()


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
            payload = marshal.dumps(encode(base), 4)
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
