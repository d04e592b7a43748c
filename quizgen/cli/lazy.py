"""A typer group that imports a command's module only when that command runs.

``quizgen --help`` needs each command's name and one line about it, nothing
more; keeping those as data (:class:`Entry`) means start-up imports typer and
this package only, and ``quizgen validate`` pays for the loader but not for
rich tables, fsrs, questionary or the exporters. The group is also the one
place where quizgen's own errors become one line on stderr and exit status 1,
so no command repeats that handling.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import typer
import typer.main
from typer.core import TyperCommand, TyperGroup

Command = Any
"""A click command as typer builds it (typer's vendored click has no public type to name)."""


class Entry:
    """A command as the command list shows it, and the module that defines it.

    ``module`` holds a ``typer.Typer`` named ``app`` (or ``attr``): the command is
    the one registered there under ``name`` or, with ``group``, the whole app.
    (A plain class: a dataclass costs a millisecond of start-up to build.)
    """

    __slots__ = ("attr", "group", "help", "module", "name")

    def __init__(
        self, name: str, module: str, help: str, *, group: bool = False, attr: str = "app"
    ) -> None:
        self.name, self.module, self.help, self.group = name, module, help, group
        self.attr = attr


class _Commands(MutableMapping[str, Command]):
    """The group's commands by name, each built the first time it is looked up."""

    def __init__(self, entries: Sequence[Entry], build: Callable[[Entry], Command]) -> None:
        self.entries = {e.name: e for e in entries}
        self.built: dict[str, Command] = {}
        self.build = build

    def __getitem__(self, name: str) -> Command:
        if name not in self.built:
            self.built[name] = self.build(self.entries[name])
        return self.built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        self.entries.pop(name, None)
        self.built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self.entries, *self.built]))

    def __len__(self) -> int:
        return len(set(self.entries) | set(self.built))


def _name(info: Any) -> str:
    return str(info.name or typer.main.get_command_name(info.callback.__name__))


class _PlainFlags:
    """Boolean flags shown as bare flags in help: ``--plain``, not ``--plain <bool>``; and
    plain values (a text, a whole number, a path) taken without pydantic (:class:`_Quick`)."""

    params: list[Any]

    def plain_flags(self) -> None:
        for param in self.params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
            _Quick.install(param)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.metavar = ""
            _Quick.install(option)
        return option


class _Quick:
    """Typer's own reading of an option's value, for the values where it is plain: none, a
    text or a flag as it is, a whole number in decimal digits within its bounds, a path to
    ``Path``.

    Typer (0.2x) reads every value given or defaulted through a pydantic
    ``TypeAdapter``, and importing pydantic for that is 12 MB and a fifth of
    quizgen's start-up; the ``--number 10`` and ``--facts FILE`` of nearly every
    run need none of it. Any other value (a number in another form, one out of
    bounds, an empty path) goes to typer's own coercion, built then, so its
    result and its error messages are typer's, word for word. Installed only on
    parameters whose type and settings leave nothing else to check, and only
    where typer has the hook (``_runtime_param``, built lazily); else nothing
    changes. A test compares both readings on every command's parameters.
    """

    __slots__ = ("high", "kind", "low")

    def __init__(self, kind: type, low: float | None, high: float | None) -> None:
        self.kind, self.low, self.high = kind, low, high

    @classmethod
    def install(cls, param: Any) -> None:
        """Put a quick reading on ``param`` where it reads a plain value; else leave it."""
        quick = cls.fitting(param)
        if quick is not None:
            param._runtime_param = quick

    @classmethod
    def fitting(cls, param: Any) -> _Quick | None:
        """The quick reading ``param`` can have, or None."""
        described: Any = getattr(param, "type_descriptor", None)
        info = getattr(described, "parameter_info", None)
        if (
            info is None
            or getattr(param, "_runtime_param", False) is not None
            or param.multiple
            or param.nargs != 1
            or getattr(info, "parser", None) is not None
            or getattr(info, "click_type", None) is not None
        ):
            return None
        kind = described.annotation
        if kind in (str, bool):  # a flag's True or False is taken as it is before this
            return cls(kind, None, None)
        if kind is int and not getattr(info, "clamp", False):
            return cls(int, getattr(info, "min", None), getattr(info, "max", None))
        plain_path = (
            not info.exists
            and not info.readable
            and not info.writable
            and info.file_okay
            and info.dir_okay
            and not info.resolve_path
            and info.path_type is None
        )
        if kind is Path and plain_path:
            return cls(Path, None, None)
        return None

    def quick(self, value: Any) -> Any:
        """``value`` read, or :data:`_NOT_PLAIN` where typer's own reading is needed."""
        kind = type(value)
        if self.kind in (str, bool):
            return value if kind is self.kind else _NOT_PLAIN
        if self.kind is Path:
            if kind is _PATH:
                return value
            return _PATH(value) if kind is str and value and "\0" not in value else _NOT_PLAIN
        if kind is str and _DIGITS.fullmatch(value):
            value, kind = int(value), int
        if kind is not int or (self.low is not None and value < self.low):
            return _NOT_PLAIN
        return value if self.high is None or value <= self.high else _NOT_PLAIN

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """What typer's own reading gives for ``value`` (as typer calls it)."""
        if value is None:  # as typer's reading of a single value has it
            return None
        quick = self.quick(value)
        if quick is not _NOT_PLAIN:
            return quick
        from typer._coercion import build_runtime_param

        param._runtime_param = real = build_runtime_param(param.type_descriptor)
        return real.coerce(value, param=param, ctx=ctx)


_NOT_PLAIN = object()
_PATH = type(Path())
_DIGITS = re.compile(r"-?[0-9]{1,18}")


class PlainCommand(_PlainFlags, TyperCommand):
    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.plain_flags()


class PlainGroup(_PlainFlags, TyperGroup):
    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.plain_flags()


class LazyGroup(PlainGroup):
    """The root group: commands listed from :attr:`entries`, imported when run."""

    entries: Sequence[Entry] = ()

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.lazy = _Commands(self.make_entries(), self.build)
        self.commands = self.lazy
        self._listing = False

    def make_entries(self) -> Sequence[Entry]:
        """The commands to list; a subclass may work them out when the group is made."""
        return self.entries

    def entry_help(self, entry: Entry) -> str:
        """The line the command list shows; a subclass may look up an entry left blank."""
        return entry.help

    def build(self, entry: Entry) -> Command:
        """The command itself: the one ``entry`` names in its module's typer app."""
        sub: typer.Typer = getattr(importlib.import_module(entry.module), entry.attr)
        for info in sub.registered_commands:  # typer's default class, ours instead
            info.cls = PlainCommand if info.cls is TyperCommand else info.cls
        if entry.group:  # its app is made with cls=PlainGroup (or a LazyGroup)
            group = typer.main.get_group(sub)
            group.name = entry.name
            return group
        info = next(c for c in sub.registered_commands if _name(c) == entry.name)
        return typer.main.get_command_from_info(
            info,
            pretty_exceptions_short=sub.pretty_exceptions_short,
            rich_markup_mode=self.rich_markup_mode,
        )

    def get_command(self, ctx: Any, cmd_name: str) -> Command | None:
        if self._listing and cmd_name in self.lazy.entries:
            entry = self.lazy.entries[cmd_name]
            return TyperCommand(name=entry.name, short_help=self.entry_help(entry))
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.lazy)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The command list from the entries' one-liners, without importing any command."""
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False

    def invoke(self, ctx: Any) -> Any:
        """Run the command at the edge :mod:`quizgen.stdio` draws: standard streams made safe
        first, its output flushed last; quizgen's own errors, and output that cannot be
        written, become one line each on stderr and exit status 1; notes one line each."""
        # Imported here: --help never needs it, and every module here costs start-up.
        from quizgen import stdio

        resume_collector()

        try:
            stdio.prepare()
            try:
                with stdio.notes_shown():
                    return super().invoke(ctx)
            finally:
                stdio.flush()
        except Exception as exc:
            code = stdio.report(exc)
            if code is None:
                raise
            raise typer.Exit(code) from None


def resume_collector() -> None:
    """Turn the cyclic garbage collector back on if the program paused it to start.

    Importing typer, click and quizgen makes some 100,000 objects and almost no
    garbage, yet the collector, counting allocations, walks them all again and
    again: a sixth of the time to start. So the program (:mod:`quizgen.__main__`)
    pauses it before importing anything, and a command runs with it on (a live
    game or a long review makes cycles to collect), everything made so far frozen
    out of its walks (``gc.freeze``): it held no garbage and lives as long as the
    process. Where nothing paused it (a test invoking the app), nothing changes.
    """
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()
