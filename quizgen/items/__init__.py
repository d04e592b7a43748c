"""Question kinds: one module each, found through this registry.

A kind is its item class: a subclass of one of the shapes in
:mod:`quizgen.items.shapes` that carries the kind's name (``kind``), its
``label``, its ``shape``, whether it asks about one fact (``single_fact``) and
whether the learner recalls the answer (``recall``), and builds its items from
facts in its classmethod ``make``. The module calls :func:`register` with the
class, and that is all: nothing outside the kind modules names a kind
(generation, the CLI, review and the exporters look kinds up here; front ends
and exporters go by the item's shape).

quizgen's own kinds are the modules in :data:`BUILTIN`, imported the first time
any kind is asked for; other packages add kinds through the ``quizgen.kinds``
entry points (:mod:`quizgen.plugins`), loaded at the same moment, once.

Also here: :mod:`.base` and :mod:`.shapes` (what every item is),
:mod:`.context` (what the kinds share while making items of one fact base),
:mod:`.distractors` (wrong answers), :mod:`.cues` (what gives an item away),
:mod:`.shuffles` (seeded orders drawn as far as used), :mod:`.flashcard` (the
self-graded card, not a quiz kind).

May import: the ground modules, :mod:`quizgen.language`, :mod:`quizgen.scheduling`,
:mod:`quizgen.facts`, :mod:`quizgen.factfile`, :mod:`quizgen.grading`.
"""

from __future__ import annotations

import importlib
from typing import Any, TypeVar

from quizgen.errors import SelectionError
from quizgen.items.base import Item, Shape

BUILTIN = ("mc", "tf", "typed", "cloze", "timeline", "match")
"""The modules of quizgen's own kinds, in the order quizgen lists them."""

ItemClass = TypeVar("ItemClass", bound=type[Item])

_KINDS: dict[str, type[Item]] = {}
_loaded = False


def register(cls: ItemClass) -> ItemClass:
    """Add (or replace) a kind: its item class, which carries everything about it.

    Returns the class, so a module may write ``register(MyKind)`` or use it as a
    decorator. A class without a name or a shape is a TypeError (a bug of the kind's).
    """
    if not (isinstance(cls, type) and issubclass(cls, Item)):
        raise TypeError(f"{cls!r} is not an item class")
    if not cls.kind or not isinstance(getattr(cls, "shape", None), Shape):
        raise TypeError(f"{cls.__name__} needs a kind name and a shape to be registered")
    _KINDS[cls.kind] = cls
    return cls


def unregister(name: str) -> None:
    _KINDS.pop(name, None)


def _accept_plugin(name: str, loaded: Any) -> str | None:
    """Register an entry point's item class (a module registers its own on import)."""
    if isinstance(loaded, type) and issubclass(loaded, Item):
        register(loaded)
    return None if name in _KINDS else f"it registered no kind named '{name}'"


def _load() -> None:
    """quizgen's own kinds, then the plugins', once per process."""
    global _loaded
    if not _loaded:  # asked once per item made: a flag, not a scan
        _loaded = True  # first: a plugin asking for the kinds while it loads must not loop
        for name in BUILTIN:
            importlib.import_module(f"quizgen.items.{name}")
        from quizgen import plugins

        plugins.load(plugins.KINDS, _accept_plugin)


def kinds() -> tuple[type[Item], ...]:
    """Every registered kind, quizgen's own first in ``BUILTIN`` order, then the others by
    name.

    The order is fixed whatever order the modules happened to be imported in:
    a quiz's seeded order depends on it.
    """
    _load()
    rank = {name: i for i, name in enumerate(BUILTIN)}
    return tuple(sorted(_KINDS.values(), key=lambda k: (rank.get(k.kind, len(rank)), k.kind)))


def names() -> tuple[str, ...]:
    return tuple(k.kind for k in kinds())


def kind(name: str) -> type[Item]:
    _load()
    try:
        return _KINDS[name]
    except KeyError:
        raise SelectionError(
            f"unknown question kind '{name}'; choose from {','.join(names())}"
        ) from None


def review_kinds() -> tuple[str, ...]:
    """Kinds that can stand for one fact, recall kinds first (the default for review)."""
    single = [k for k in kinds() if k.single_fact]
    return tuple(k.kind for k in sorted(single, key=lambda k: not k.recall))


def parse_kinds(text: str, *, review: bool = False) -> tuple[str, ...]:
    """'mc,TF' -> ('mc', 'tf'); an unknown name is a SelectionError.

    With ``review``, only kinds that ask about one fact: review reschedules the
    fact an answer is about.
    """
    wanted = [k.strip().lower() for k in text.split(",") if k.strip()]
    valid = names()
    bad = [n for n in wanted if n not in valid]
    if bad or not wanted:
        raise SelectionError(
            f"unknown question kind(s): {', '.join(bad) or '(none given)'}; "
            f"choose from {','.join(valid)}"
        )
    allowed = review_kinds()
    if review and any(k not in allowed for k in wanted):
        raise SelectionError(f"review asks one fact at a time: use kinds from {','.join(allowed)}")
    return tuple(dict.fromkeys(wanted))


__all__ = [
    "BUILTIN",
    "Item",
    "Shape",
    "kind",
    "kinds",
    "names",
    "parse_kinds",
    "register",
    "review_kinds",
    "unregister",
]
