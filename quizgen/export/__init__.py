"""Export formats: one module each, found through this registry.

A format module registers a :class:`Format` at import: its name, the file it
writes by default, the item shapes it can write, a line of help, a pure
``render(content) -> Rendered`` that never touches a file (the CLI writes, with
:func:`quizgen.export.files.write_atomic`), and optionally its limits
(``why_not``), its own options (a dataclass of :func:`option` fields, which the
CLI turns into command-line options and hands back as ``Content.options``) and a
``saver`` for a format that writes more than its one file (the worksheet's PDF).
Quizgen's own formats are listed here by module name only, so nothing is
imported until a format is used; other packages add formats through the
``quizgen.formats`` entry points (:mod:`quizgen.plugins`), each loaded when it
is first asked for by name. Anki decks are not here: they export deck
definitions, not questions.

Also here: :mod:`.draw` (n items a format can take), :mod:`.safe` (fact text
made harmless in files), :mod:`.files` (writes that respect what the path is),
:mod:`.pdf` (Chromium), :mod:`.anki` and :mod:`.anki_text` (Anki decks).

May import: everything below it, up to :mod:`quizgen.web` (the study page is a format).
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
class Content:
    """What a format renders: the items, the fact base they come from, the seed that makes
    them again, the title, and the format's own options (an instance of its ``options``
    dataclass, or None for a format that has none)."""

    base: FactBase
    items: Sequence[Item]
    seed: str
    title: str
    options: Any = None


def option(default: Any, help: str, **limits: Any) -> Any:
    """A field of a format's options dataclass, as the CLI will offer it.

    ``help`` is the option's line of help; ``limits`` are what typer checks before the
    format sees the value (``min``, ``max``, ``case_sensitive``, ``metavar``,
    ``show_default``). A field named ``key_only`` is ``--key-only``; a bool is a flag.
    """
    return dataclasses.field(default=default, metadata={"help": help, **limits})


@dataclass(frozen=True, slots=True)
class Rendered:
    """A file's bytes, and (item id, reason) for each item it could not take; ``forms``:
    (item id, what of it was left out and why) for an item written without a part the
    format cannot hold faithfully (an accepted answer GIFT would misread)."""

    data: bytes
    left_out: list[tuple[str, str]]
    forms: list[tuple[str, str]] = dataclasses.field(default_factory=list)


Write = Callable[[Path, bytes, str, bool], None]
"""How a saver writes a file: (path, data, what it holds, whether to list the items left
out after it). The CLI's: atomically, then 'Wrote PATH: WHAT' on standard output."""
Save = Callable[[Rendered, Content, Write], None]
"""A format's own saving, after rendering: it writes what it makes through ``Write``."""


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    filename: str
    """The file written when no ``-o`` is given."""
    shapes: frozenset[Shape]
    """The item shapes it can write; the kinds of these shapes are its default --kinds."""
    help: str
    render: Callable[[Content], Rendered]
    why_not: Callable[[Item], str | None] | None = None
    """The format's limits: why it cannot take an item (a kind it has no question for, a
    text over its length limit), or None if it can. The export draws further items of
    the same seeded sequence in place of those it cannot take (quizgen.export.draw)."""
    options: type[Any] | None = None
    """The dataclass of the format's own options (each field an :func:`option`)."""
    saver: Callable[[Path | None, Any], Save] | None = None
    """For a format that writes more than its one file: given ``-o`` (or None) and the
    options, before anything is made, it checks that it can save (raising a
    :class:`~quizgen.errors.QuizgenError` if not) and returns how it will. Without one,
    the CLI writes the rendered bytes to ``-o`` or :attr:`filename`."""


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add (or replace) a format; returns it, so a module can write ``FORMAT = register(...)``."""
    _FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> Format | None:
    """Take a format out (a test's toy, say); returns it, or None if there was none."""
    return _FORMATS.pop(name, None)


def names() -> tuple[str, ...]:
    """Every format's name, quizgen's own first, then the others by name, without importing
    any format module (a plugin's name is its entry point's)."""
    from quizgen import plugins

    return tuple(dict.fromkeys([*BUILTIN, *sorted({*_FORMATS, *plugins.names(plugins.FORMATS)})]))


def _accept_plugin(name: str, loaded: Any) -> str | None:
    """Register an entry point's Format (a module registers its own on import)."""
    if isinstance(loaded, Format):
        register(loaded)
    return None if name in _FORMATS else f"it registered no format named '{name}'"


def get(name: str) -> Format:
    """The format called ``name``, importing its module (or its plugin) the first time."""
    if name not in _FORMATS and name in BUILTIN:
        importlib.import_module(BUILTIN[name])
    elif name not in _FORMATS:
        from quizgen import plugins

        plugins.load(plugins.FORMATS, _accept_plugin, only=name)
    try:
        return _FORMATS[name]
    except KeyError:
        raise SelectionError(f"no export format '{name}'; formats: {', '.join(names())}") from None


def kinds_for(fmt: Format) -> tuple[str, ...]:
    """The registered question kinds whose items ``fmt`` can write."""
    from quizgen import items

    return tuple(k.kind for k in items.kinds() if k.shape in fmt.shapes)


def render(name: str, content: Content) -> Rendered:
    """The file for ``content`` in format ``name``; SelectionError if it would hold no item."""
    fmt = get(name)
    rendered = fmt.render(content)
    if content.items and len(rendered.left_out) >= len(content.items):
        reasons = list(dict.fromkeys(reason for _, reason in rendered.left_out))
        raise SelectionError(
            f"{name} can take none of the {len(content.items)} items chosen "
            f"({'; '.join(reasons[:3])}{'; …' if len(reasons) > 3 else ''}); "
            f"it writes {', '.join(sorted(fmt.shapes))} items: try --kinds "
            f"{','.join(kinds_for(fmt))}"
        )
    return rendered
