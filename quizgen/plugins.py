"""Kinds and formats from other packages, found through entry points and loaded once.

A distribution adds a question kind by declaring an entry point in the group
``quizgen.kinds`` (its name the kind's name, its value a module that calls
:func:`quizgen.items.register`, or the item class itself), and an export format
in ``quizgen.formats`` (its name the format's, its value a module that calls
:func:`quizgen.export.register`, or the :class:`~quizgen.export.Format`). The
registries ask here the first time they need more than quizgen's own.

A plugin that fails to load (not installed right, an error in its module) must
not take quizgen down with it, nor print a traceback: it is left out, with one
line on standard error that names it and says why, and everything else works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from quizgen.errors import printable
from quizgen.stdio import say_error

KINDS = "quizgen.kinds"
FORMATS = "quizgen.formats"


def _entry_points(group: str) -> list[Any]:
    """The group's entry points, by name (a name twice: the first found, as Python's own
    ``entry_points`` selection gives them)."""
    # Imported here: importlib.metadata costs more to import than most commands take,
    # and only a command that lists kinds or a format by name needs it.
    from importlib.metadata import entry_points

    found: dict[str, Any] = {}
    for point in entry_points(group=group):
        found.setdefault(point.name, point)
    return [found[name] for name in sorted(found)]


def names(group: str) -> list[str]:
    """The names the group's entry points declare, sorted, without loading any of them."""
    return [point.name for point in _entry_points(group)]


def warn(group: str, name: str, why: str) -> None:
    """The one line a broken plugin gets."""
    say_error(printable(f"quizgen: warning: plugin '{name}' ({group}) is left out: {why}"))


def load(
    group: str,
    accept: Callable[[str, Any], str | None],
    only: str | None = None,
) -> None:
    """Load the group's plugins (or the one called ``only``), handing each loaded object to
    ``accept``, which registers it and returns why it cannot be used, or None.

    Whatever goes wrong while loading becomes the one line of :func:`warn`.
    """
    for point in _entry_points(group):
        if only is not None and point.name != only:
            continue
        dist = getattr(point, "dist", None)
        source = f"{point.value}" + (f" in {dist.name} {dist.version}" if dist else "")
        try:
            why = accept(point.name, point.load())
        except Exception as exc:  # a plugin's own error, whatever it is: one line, go on
            why = f"{source} could not be loaded ({type(exc).__name__}: {exc})"
        if why is not None:
            warn(group, point.name, why)
