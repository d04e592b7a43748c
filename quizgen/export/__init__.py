"""Export formats: one module each, found through this registry.

A format module registers a :class:`Format` at import: its name, the file it
writes by default, the item shapes it can write, a line of help, and a pure
``render(bank) -> Rendered`` that never touches a file (the CLI writes, with
:func:`quizgen.export.files.write_atomic`). Quizgen's own formats are listed
here by module name only, so nothing is imported until a format is used;
another format is added by calling :func:`register` (a test does, with a toy
one). Anki decks are not here: they export deck definitions, not a bank.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.errors import SelectionError

if TYPE_CHECKING:
    from quizgen.facts import FactBase
    from quizgen.items import Item, Shape

BUILTIN = {
    "worksheet": "quizgen.export.worksheet",
    "gift": "quizgen.export.gift",
    "qti": "quizgen.export.qti",
    "kahoot": "quizgen.export.kahoot",
    "moodle-xml": "quizgen.export.moodle_xml",
    "quizlet": "quizgen.export.quizlet",
    "csv": "quizgen.export.table",
    "json": "quizgen.export.table",
    "html": "quizgen.export.html",
}
"""Quizgen's own formats and the module that registers each, in the order help lists them."""


@dataclass(frozen=True, slots=True)
class Bank:
    """What a format renders: the items, where they come from, and the format's options.

    ``versions``, ``paper``, ``key_only``, ``instructions`` and ``points`` are
    the worksheet's, ``excel`` the CSV's; a format that has no use for an
    option ignores it.
    """

    base: FactBase
    items: Sequence[Item]
    seed: str
    title: str
    versions: int = 1
    paper: str = "a4"
    key_only: bool = False
    instructions: str | None = None
    points: int | None = None
    excel: bool = False


@dataclass(frozen=True, slots=True)
class Rendered:
    """A file's bytes, and (item id, reason) for each item it could not take."""

    data: bytes
    left_out: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    filename: str
    """The file written when no ``-o`` is given."""
    shapes: frozenset[Shape]
    """The item shapes it can write; the kinds of these shapes are its default --kinds."""
    help: str
    render: Callable[[Bank], Rendered]
    why_not: Callable[[Item], str | None] | None = None
    """The format's limits: why it cannot take an item (a kind it has no question for, a
    text over its length limit), or None if it can. The export draws further items of
    the same seeded sequence in place of those it cannot take (quizgen.export.draw)."""


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add (or replace) a format; returns it, so a module can write ``FORMAT = register(...)``."""
    _FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> Format | None:
    """Take a format out (a test's toy, say); returns it, or None if there was none."""
    return _FORMATS.pop(name, None)


def names() -> tuple[str, ...]:
    """Every format's name, quizgen's own first, without importing any format module."""
    return tuple(dict.fromkeys([*BUILTIN, *_FORMATS]))


def get(name: str) -> Format:
    """The format called ``name``, importing its module the first time."""
    if name not in _FORMATS and name in BUILTIN:
        importlib.import_module(BUILTIN[name])
    try:
        return _FORMATS[name]
    except KeyError:
        raise SelectionError(f"no export format '{name}'; formats: {', '.join(names())}"
                             ) from None


def kinds_for(fmt: Format) -> tuple[str, ...]:
    """The registered question kinds whose items ``fmt`` can write."""
    from quizgen import items

    return tuple(k.name for k in items.kinds() if k.shape in fmt.shapes)


def render(name: str, bank: Bank) -> Rendered:
    """The file for ``bank`` in format ``name``; SelectionError if it would hold no item."""
    fmt = get(name)
    rendered = fmt.render(bank)
    if bank.items and len(rendered.left_out) >= len(bank.items):
        reasons = list(dict.fromkeys(reason for _, reason in rendered.left_out))
        raise SelectionError(
            f"{name} can take none of the {len(bank.items)} items chosen "
            f"({'; '.join(reasons[:3])}{'; …' if len(reasons) > 3 else ''}); "
            f"it writes {', '.join(sorted(fmt.shapes))} items: try --kinds "
            f"{','.join(kinds_for(fmt))}")
    return rendered
