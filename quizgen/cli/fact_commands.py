"""``quizgen validate`` and ``quizgen facts``: the fact file itself.

``validate`` is what an editor of the fact file runs after every change, so
this module imports only the loader at the top; rich is imported by the
facts table alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quizgen.cli.options import FactsOption, JsonOutOption, TagOption, TopicOption, count
from quizgen.generation import selection

if TYPE_CHECKING:
    from quizgen.facts import Fact, FactBase

app = typer.Typer()


@app.command(epilog="Example: quizgen validate facts.yaml · quizgen validate --facts mine.yaml")
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Fact file to check. Default: as for --facts.", show_default=False, readable=False
        ),
    ] = None,
    facts_path: FactsOption = None,
) -> None:
    """Check a fact file (and the deck definitions beside it); report every problem."""
    from quizgen.errors import FactFileError
    from quizgen.factfile.revise import lock_problems

    checked = selection.check(selection.one_path(path, facts_path))
    base = checked.base
    problems, notes = lock_problems(base, selection.decks_folder(base, required=False))
    if problems:
        raise FactFileError(problems)
    if not base.id_declared:
        typer.echo(
            f"Warning: {base.path} has no 'id': its progress is kept under '{base.id}', made "
            "from its title, so a new title would leave that progress behind; add the line "
            f"'id: {base.id}' at the top to keep it",
            err=True,
        )
    for note in notes:
        typer.echo(f"Note: {note}", err=True)
    decks = f", {count(len(checked.decks), 'deck')}" if checked.decks is not None else ""
    typer.echo(f"OK: {count(len(base.facts), 'fact')} ({count(len(base.topics), 'topic')}){decks}")


@app.command(epilog="Example: quizgen facts --topic TOPIC")
def facts(
    topic: TopicOption = None,
    tag: TagOption = None,
    as_json: JsonOutOption = False,
    facts_path: FactsOption = None,
) -> None:
    """List the facts, with their dates and sources."""
    chosen = selection.choose(selection.Which(facts_path, topic=topic, tag=tag))
    if as_json:
        from quizgen.generation.documents import document, dumps

        typer.echo(dumps(document(chosen.base, facts=chosen.facts)))
        return
    _print_table(chosen.base, chosen.facts)


def _print_table(base: FactBase, chosen: list[Fact]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from quizgen.cli.options import no_color

    # Text objects, not strings: a title like "[Summary: ...]" must not be read as markup.
    table = Table(
        title=Text(f"{base.title}: {count(len(chosen), 'fact')}"),
        title_justify="left",
        expand=True,
        caption=Text(
            f"{base.license}: {base.attribution.rstrip('.')}. "
            "Run 'quizgen facts --json' for every field."
        ),
        caption_justify="left",
    )
    table.add_column("Fact", ratio=1)
    table.add_column("Date", no_wrap=True)
    table.add_column("Source", max_width=24)
    for f in chosen:
        fact = Text(f.id, style="cyan")
        fact.append(f"  ({f.topic})\n", style="dim")
        fact.append(f.statement)
        table.add_row(
            fact,
            Text(f.date.iso() if f.date else ""),
            Text(", ".join(base.source_label(s, short=True) for s in f.source)),
        )
    Console(no_color=no_color()).print(table)
