"""Options shared by several commands, defined once (as sqlite-utils shares its decorators).

Each is an ``Annotated`` type a command's parameter uses as is, so ``--facts``
or ``--deck`` reads and helps the same in every command that takes it.
Booleans are single flags (``--json``), never ``--json/--no-json``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer


def path_option(*names: str, metavar: str = "PATH", help: str) -> Any:
    """A file or folder option as quizgen takes every one, for
    ``Annotated[Path | None, path_option("--name", help=...)] = None``: the default is
    not shown (there is none, or the help says what it is), and ``readable=False``,
    because typer's own check would answer an unreadable file with a usage box where
    quizgen's loader says what it is in one line (see :mod:`quizgen.inputs`)."""
    return typer.Option(*names, metavar=metavar, show_default=False, readable=False, help=help)


FactsOption = Annotated[
    Path | None,
    path_option(
        "--facts",
        help="Fact file to use. Default: $QUIZGEN_FACTS, else ./facts.yaml, else the bundled one.",
    ),
]
TopicOption = Annotated[str | None, typer.Option(metavar="TOPIC", help="Only facts of this topic.")]
TagOption = Annotated[str | None, typer.Option(metavar="TAG", help="Only facts with this tag.")]
DeckOption = Annotated[
    str | None,
    typer.Option(
        metavar="NAME", help="Only the facts of this deck definition (its file name or its name)."
    ),
]
NumberOption = Annotated[
    int, typer.Option("-n", "--number", min=1, metavar="N", help="How many questions.")
]
NewSeedOption = Annotated[
    str | None,
    typer.Option(
        metavar="SEED",
        show_default=False,
        help="Same seed, same questions. Default: a new one, printed.",
    ),
]
AllOption = Annotated[
    bool,
    typer.Option("--all", help="The whole bank: every kind for every chosen fact (ignores -n)."),
]
ExportSeedOption = Annotated[
    str,
    typer.Option(
        metavar="SEED", help="Same seed, same questions and the same file, byte for byte."
    ),
]
OutputOption = Annotated[
    Path | None,
    path_option("-o", "--output", help="File to write. Default: the format's own file name, here."),
]
HomeOption = Annotated[
    Path | None,
    path_option(
        "--home",
        metavar="DIR",
        help="Folder for your progress. Default: $QUIZGEN_HOME, else your user data folder.",
    ),
]
QuestionsOption = Annotated[
    list[Path] | None,
    path_option(
        "--questions",
        metavar="FILE",
        help="The GIFT, Moodle XML or QTI file quizgen exported for the quiz (needed for "
        "Moodle's and Canvas's reports, which name questions by their text). Repeatable.",
    ),
]
PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Plain numbered lines, answers read from standard input (for scripts and "
        "screen readers); automatic when not at a terminal.",
    ),
]
JsonOutOption = Annotated[
    bool, typer.Option("--json", help="Print JSON instead of text, for other tools.")
]
JsonResultsOption = Annotated[
    bool, typer.Option("--json", help="Write the results as JSON to standard output at the end.")
]
NewOption = Annotated[
    int,
    typer.Option(
        "--new",
        min=0,
        metavar="N",
        help="New facts a study day may take, after the due ones "
        "(counting those taken earlier today): a number given here is today's limit.",
    ),
]


def _hour(text: str | int) -> int:
    """typer hands the default (an int) through the parser too."""
    from quizgen.scheduling.days import parse_rollover

    return parse_rollover(str(text))


DayStartsOption = Annotated[
    int,
    typer.Option(
        "--day-starts",
        metavar="HOUR",
        parser=_hour,
        envvar="QUIZGEN_DAY_STARTS",
        help="The hour (0-23, local) a new study day starts, for the new limit and what is "
        "due today; as Anki's 'next day starts at'.",
    ),
]


def kinds_option(
    help: str = "Question kinds, comma-separated, any case: {kinds}.", every: bool = True
) -> Any:
    """The ``--kinds`` option, its help naming every registered kind (``{kinds}``), for
    ``Annotated[str | None, kinds_option()] = None``; with ``every``, None (the option
    left out) means every kind, as its help shows. typer reads the annotation when it
    builds the command, so only a command that takes ``--kinds`` loads the kinds, and
    only when it runs (``quizgen --help`` and ``quizgen validate`` never do)."""
    names = all_kinds()
    return typer.Option(
        metavar="KINDS", help=help.format(kinds=names), show_default=names if every else True
    )


def all_kinds() -> str:
    """Every registered kind, quizgen's own and any plugin's: what ``--kinds`` left out
    means."""
    from quizgen import items

    return ",".join(items.names())


def count(n: int, noun: str) -> str:
    """'1 fact', '2 facts'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def no_color() -> bool | None:
    """What rich's ``Console(no_color=...)`` needs to honour NO_COLOR (https://no-color.org)."""
    return bool(os.environ.get("NO_COLOR")) or None
