"""Question kinds: one module each, found through this registry.

A kind module defines its item dataclass (a subclass of one of the shapes in
:mod:`quizgen.items.base`), a ``make`` function that builds an item from a
fact, and registers a :class:`Kind`. Nothing outside the kind modules names a
kind: generation, the CLI, review and the exporters look kinds up here, and
front ends and exporters go by the item's shape. Adding a kind is adding a
module (and listing it in ``BUILTIN`` or calling :func:`register`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from random import Random
from typing import TYPE_CHECKING

from quizgen.errors import SelectionError
from quizgen.items.base import Item, Shape

if TYPE_CHECKING:
    from quizgen.facts import Fact
    from quizgen.items.context import Context

Maker = Callable[["Context", "Fact", Random, frozenset[str]], "Item | None"]
"""(context, fact, rng, facts to avoid) -> an item about the fact, or None if it allows none."""

BUILTIN = ("mc", "tf", "typed", "cloze", "timeline", "match")
"""The modules of quizgen's own kinds, in the order quizgen lists them."""


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    label: str
    shape: Shape
    make: Maker
    single_fact: bool = True
    """Asks about one fact, so it can stand for that fact in spaced-repetition review."""
    recall: bool = False
    """The learner produces the answer rather than recognising it (preferred in review)."""


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add (or replace) a kind; returns it, so a module can write ``KIND = register(...)``."""
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    _KINDS.pop(name, None)


_builtin_loaded = False


def _load_builtin() -> None:
    global _builtin_loaded
    if not _builtin_loaded:  # asked once per item made: a flag, not a scan
        for name in BUILTIN:
            importlib.import_module(f"quizgen.items.{name}")
        _builtin_loaded = True


def kinds() -> tuple[Kind, ...]:
    """Every registered kind, quizgen's own first in ``BUILTIN`` order, then the others.

    The order is fixed whatever order the modules happened to be imported in:
    a quiz's seeded order depends on it.
    """
    _load_builtin()
    rank = {name: i for i, name in enumerate(BUILTIN)}
    return tuple(sorted(_KINDS.values(), key=lambda k: rank.get(k.name, len(rank))))


def names() -> tuple[str, ...]:
    return tuple(k.name for k in kinds())


def kind(name: str) -> Kind:
    _load_builtin()
    try:
        return _KINDS[name]
    except KeyError:
        raise SelectionError(f"unknown question kind '{name}'; choose from "
                             f"{','.join(names())}") from None


def review_kinds() -> tuple[str, ...]:
    """Kinds that can stand for one fact, recall kinds first (the default for review)."""
    single = [k for k in kinds() if k.single_fact]
    return tuple(k.name for k in sorted(single, key=lambda k: not k.recall))


def parse_kinds(text: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """'mc,TF' -> ('mc', 'tf'); an unknown or disallowed name is a SelectionError."""
    wanted = [k.strip().lower() for k in text.split(",") if k.strip()]
    valid = allowed if allowed is not None else names()
    bad = [n for n in wanted if n not in valid]
    if bad or not wanted:
        raise SelectionError(f"unknown question kind(s): {', '.join(bad) or '(none given)'}; "
                             f"choose from {','.join(valid)}")
    return tuple(dict.fromkeys(wanted))


__all__ = ["BUILTIN", "Item", "Kind", "Shape", "kind", "kinds", "names", "parse_kinds",
           "register", "review_kinds", "unregister"]
