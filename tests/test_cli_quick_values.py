"""Option values read without pydantic (``quizgen.cli.lazy._Quick``) read as typer reads them.

Every parameter of every command that has the quick reading is given the same
values both ways: typer's own reading (built as typer builds it) and the quick
one must return equal values of the same type, or fail with the same message.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import typer.main

from quizgen.cli import COMMANDS, app
from quizgen.cli.lazy import _Quick

# typer's reading of values by pydantic, which the quick one stands in for (typer 0.2x)
build_runtime_param = pytest.importorskip("typer._coercion").build_runtime_param
errors = pytest.importorskip("typer._click.exceptions")
BadParameter, UsageError = errors.BadParameter, errors.UsageError

VALUES: tuple[Any, ...] = (
    None,
    "",
    "abc",
    "10",
    "1",
    "0",
    "-3",
    "007",
    " 5",
    "5 ",
    "+5",
    "1_000",
    "٣",  # an Arabic-Indic digit: typer's reading says what it makes of it
    "9" * 30,
    "facts.yaml",
    "-",
    "~/x",
    "a\0b",
    Path("p"),
    5,
    0,
    True,
    False,
    2.5,
)


@cache
def _params() -> tuple[tuple[str, Any, Any], ...]:
    """(command name, parameter, context) of every parameter with the quick reading."""
    root = typer.main.get_command(app)
    found = []
    for entry in COMMANDS:
        command = root.get_command(None, entry.name)  # type: ignore[attr-defined]
        commands = [command, *getattr(command, "commands", {}).values()]
        for each in commands:
            ctx = each.make_context(each.name, [], resilient_parsing=True)
            for param in [*each.params, each.get_help_option(ctx)]:
                if param is not None and isinstance(param._runtime_param, _Quick):
                    found.append((f"{entry.name}:{param.name}", param, ctx))
    return tuple(found)


def _read(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        made = runtime.coerce(value, param=param, ctx=ctx)
    except (BadParameter, UsageError) as exc:
        return "error", exc.format_message()
    return type(made).__name__, made


def test_every_plain_option_has_the_quick_reading() -> None:
    names = {name.split(":")[1] for name, _, _ in _params()}
    assert {"n", "kinds", "seed", "facts_path", "home", "help"} <= names


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_the_quick_reading_is_typers(value: Any) -> None:
    for name, param, ctx in _params():
        quick = param._runtime_param
        real = build_runtime_param(param.type_descriptor)
        assert _read(quick, value, param, ctx) == _read(real, value, param, ctx), name
        param._runtime_param = quick  # a value typer reads itself puts its reading there


def test_a_value_it_does_not_read_goes_to_typer() -> None:
    """Out of bounds: typer's own message (and its reading stays on the parameter)."""
    name, param, ctx = next(p for p in _params() if p[0].endswith(":n"))
    quick = param._runtime_param
    with pytest.raises(BadParameter) as raised:
        quick.coerce("0", param=param, ctx=ctx)
    assert "greater than or equal to 1" in raised.value.format_message(), name
    assert not isinstance(param._runtime_param, _Quick)
    param._runtime_param = quick
