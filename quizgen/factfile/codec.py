"""A fact base as plain data and back: tuples, strings, integers and None, nothing else.

What :mod:`marshal` writes and reads (so the compiled fact base, :mod:`.compiled`,
and the parts of a file read on several processes, :mod:`.split`, use it), and
what can run no code when read. Generic over the model: how each value is
written is worked out from the dataclasses' type hints (:func:`_codec`), so a
new field of a plain type, an enum, a tuple, an optional or another dataclass
needs no change here, and changes :attr:`_Record.shape`, which the compiled
fact base's build id includes, retiring every entry made before it. A type this
module cannot write makes the codec fail to build, and a test with it. A list
of records is written as one tuple per field (columns): it reads back faster,
and smaller, than one tuple per record.
"""

from __future__ import annotations

import dataclasses
import operator
import types
import typing
from collections.abc import Callable, Iterable
from enum import Enum
from functools import cache
from typing import Any, NamedTuple

from quizgen.facts import Entities, Entity, FactBase

Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


class Codec(NamedTuple):
    """How values of one type are written as plain data and read back.

    ``encode`` and ``decode`` are None where the value is plain data already;
    ``shape`` names the type, fields and all (the compiled fact base's build id has it).
    """

    encode: Encode | None
    decode: Decode | None
    shape: str


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
        self.getters = tuple(map(operator.attrgetter, attrs))
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
        rows = values if isinstance(values, tuple | list) else list(values)
        columns = (tuple(map(get, rows)) for get in self.getters)  # a field at a time, in C
        return len(rows), tuple(
            _shared(col if e is None else tuple(map(e, col)))
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


def _shared(column: tuple[Any, ...]) -> tuple[Any, ...]:
    """``column`` with its equal strings and tuples made one object: :mod:`marshal` then
    writes each once and every later use as a reference, and a large base (its topics,
    sources, tags and dates repeated thousands of times) reads back as that many objects
    fewer. A tuple is shared only with one of the same element types all through, so
    ``(1,)`` never stands for ``(True,)``, which compares equal."""
    known: dict[Any, Any] = {}
    kinds = set(map(type, column))
    if kinds <= _TEXTS:  # texts (and None, itself one object): one look-up each, in C
        return tuple(map(known.setdefault, column, column))
    if kinds <= _TUPLES:
        firsts: list[Any] = list(map(known.setdefault, column, column))
        # Equal to a tuple of texts only, a tuple is one of texts too (a text equals only a
        # text): alike without a look at its types, as most tuples of a base are (tags).
        texts = {id(t) for t in known.values() if t is not None and all(type(x) is str for x in t)}
        return tuple(
            [
                f if f is v or id(f) in texts or _alike(f, v) else v
                for f, v in zip(firsts, column, strict=True)
            ]
        )
    out = []
    for value in column:
        kind = type(value)
        if kind is str:
            value = known.setdefault(value, value)
        elif kind is tuple:
            found = known.setdefault(value, value)
            if found is not value and _alike(found, value):
                value = found
        out.append(value)
    return tuple(out)


_TEXTS = frozenset({str, type(None)})
_TUPLES = frozenset({tuple, type(None)})


def _alike(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Whether two equal tuples hold values of the same types, all through."""
    types = tuple(map(type, a))
    if types != tuple(map(type, b)):  # types compare as themselves: one is the other
        return False
    return tuple not in types or all(
        _alike(x, y) for x, y in zip(a, b, strict=True) if type(x) is tuple
    )


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
