"""The ``quizgen`` command: a module per command group, imported when its command runs.

Layout (as hatch's CLI): ``fact_commands.py`` (validate, facts),
``question_commands.py`` (questions, audit), ``study_commands.py`` (quiz,
review, flashcards, stats), ``export_commands.py`` (the export group),
``revise_command.py`` (revise), ``analysis_commands.py`` (analyse, optimize),
``live_command.py`` (live), ``options.py`` (options shared by many commands),
``lazy.py`` (the group that imports a module only for the command run, and turns
quizgen's errors into one line). A command parses its arguments, calls one core
function and prints; the rules live in the core.

May import: everything (the top layer), but only inside the command that needs it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from quizgen import __version__
from quizgen.cli.lazy import Entry, LazyGroup

COMMANDS = (
    Entry(
        "validate",
        "quizgen.cli.fact_commands",
        "Check a fact file (and the deck definitions beside it); report every problem.",
    ),
    Entry("facts", "quizgen.cli.fact_commands", "List the facts, with their dates and sources."),
    Entry(
        "revise",
        "quizgen.cli.revise_command",
        "Raise the revision of every fact changed since the lock; record the lock.",
    ),
    Entry(
        "questions",
        "quizgen.cli.question_commands",
        "Print questions with their answers and sources (a bank for teachers and tools).",
    ),
    Entry(
        "audit",
        "quizgen.cli.question_commands",
        "Check the question bank against item-writing rules; exit 1 if one fails.",
    ),
    Entry(
        "quiz",
        "quizgen.cli.study_commands",
        "Take a quiz: mixed questions, instant feedback with the source, a summary.",
    ),
    Entry(
        "review",
        "quizgen.cli.study_commands",
        "Spaced repetition (FSRS): the facts due today first, then new ones.",
    ),
    Entry(
        "flashcards",
        "quizgen.cli.study_commands",
        "Flashcards like Anki: see the question, reveal, grade yourself Again to Easy.",
    ),
    Entry(
        "stats",
        "quizgen.cli.study_commands",
        "Your progress: answers and accuracy per day, topic and kind; what is due; streak.",
    ),
    Entry(
        "optimize",
        "quizgen.cli.analysis_commands",
        "Fit FSRS to your own reviews, as Anki's optimizer does; review uses it from then on.",
    ),
    Entry(
        "analyse",
        "quizgen.cli.analysis_commands",
        "Item analysis of class results: facility, discrimination, options, and flags.",
    ),
    Entry(
        "export",
        "quizgen.cli.export_commands",
        "Export decks and study sets for other tools.",
        group=True,
    ),
    Entry(
        "live",
        "quizgen.cli.live_command",
        "A live classroom game on the local network: phones answer, the projector shows.",
    ),
)
"""Every command, in the order ``quizgen --help`` lists them; a test checks each one-liner
against its command's own docstring."""


class Quizgen(LazyGroup):
    entries = COMMANDS


app = typer.Typer(
    name="quizgen",
    cls=Quizgen,
    help="Quizzes, spaced-repetition review, Anki decks and classroom study sets from a "
    "curated, sourced fact file.",
    epilog="Examples: quizgen quiz · quizgen review · quizgen flashcards · quizgen stats · "
    "quizgen questions -n 5 · quizgen audit · quizgen facts --topic TOPIC · quizgen validate",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quizgen {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """The root's own options; the commands come from COMMANDS, each imported when run."""
