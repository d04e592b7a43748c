"""``quizgen quiz``, ``review``, ``flashcards`` and ``stats``: studying, and the progress it leaves.

The sessions themselves (front end, store, summary, retry) are
:mod:`quizgen.terminal`'s; these commands choose the facts, hand them over,
and turn Ctrl-C outside a question into exit status 130 without a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from quizgen import selection
from quizgen.cli.options import (
    ALL_KINDS,
    DeckOption,
    FactsOption,
    HomeOption,
    JsonOutOption,
    JsonResultsOption,
    KindsOption,
    NewOption,
    NewSeedOption,
    NumberOption,
    PlainOption,
    TagOption,
    TopicOption,
)
from quizgen.items import review_kinds

if TYPE_CHECKING:
    from quizgen.facts import FactBase
    from quizgen.stats import Stats

app = typer.Typer()

LimitOption = Annotated[int, typer.Option(min=1, metavar="N", help="At most this many facts.")]


def _run(job: Callable[[], int]) -> None:
    """Run a session; Ctrl-C outside a question (at the retry offer, say) exits 130 quietly."""
    try:
        code = job()
    except KeyboardInterrupt:
        typer.echo("\nStopped; every answer given is saved.", err=True)
        code = 130
    if code:
        raise typer.Exit(code)


@app.command(epilog="Example: quizgen quiz -n 5 --topic TOPIC --seed 7")
def quiz(
    n: NumberOption = 10, kinds: KindsOption = ALL_KINDS, topic: TopicOption = None,
    tag: TagOption = None, deck: DeckOption = None, seed: NewSeedOption = None,
    plain: PlainOption = False, as_json: JsonResultsOption = False, home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Take a quiz: mixed questions, instant feedback with the source, a summary."""
    from quizgen import terminal
    from quizgen.progress import resolve_home

    made = selection.questions(facts_path, kinds=kinds, n=n, seed=seed, topic=topic, tag=tag,
                               deck=deck)
    _run(lambda: terminal.quiz(terminal.Terminal.real(plain, as_json), made.base, made.items,
                               resolve_home(home), made.seed))


@app.command(epilog="Example: quizgen review --new 5 --topic TOPIC")
def review(
    new: NewOption = 10, limit: LimitOption = 50,
    kinds: Annotated[str, typer.Option(
        metavar="KINDS", help="Kinds to ask, taking turns, any case: any that asks about one "
        f"fact ({','.join(review_kinds())}).")] = "typed,cloze,mc",
    topic: TopicOption = None, tag: TagOption = None, deck: DeckOption = None,
    seed: Annotated[str | None, typer.Option(metavar="SEED", show_default=False,
                                             help="Seed for the wrong answers shown.")] = None,
    plain: PlainOption = False, as_json: JsonResultsOption = False, home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Spaced repetition (FSRS): the facts due today first, then new ones."""
    from quizgen import terminal
    from quizgen.progress import resolve_home

    wanted = selection.parse_kinds(kinds, review=True)
    chosen = selection.choose(facts_path, topic=topic, tag=tag, deck=deck)
    _run(lambda: terminal.review(
        terminal.Terminal.real(plain, as_json), chosen.base, chosen.facts, resolve_home(home),
        new=new, limit=limit, kinds=wanted, seed=selection.new_seed(seed)))


@app.command(epilog="Example: quizgen flashcards --new 5 --tag TAG")
def flashcards(
    new: NewOption = 10, limit: LimitOption = 50, topic: TopicOption = None,
    tag: TagOption = None, deck: DeckOption = None, plain: PlainOption = False,
    home: HomeOption = None, facts_path: FactsOption = None,
) -> None:
    """Flashcards like Anki: see the question, reveal, grade yourself Again to Easy."""
    from quizgen import terminal
    from quizgen.progress import resolve_home

    chosen = selection.choose(facts_path, topic=topic, tag=tag, deck=deck)
    _run(lambda: terminal.flashcards(terminal.Terminal.real(plain, False), chosen.base,
                                     chosen.facts, resolve_home(home), new=new, limit=limit))


@app.command(epilog="Example: quizgen stats --json")
def stats(as_json: JsonOutOption = False, home: HomeOption = None,
          facts_path: FactsOption = None) -> None:
    """Your progress: answers and accuracy per day, topic and kind; what is due; streak."""
    import json

    from quizgen import stats as figures_of
    from quizgen.localzone import LOCAL
    from quizgen.progress import ProgressStore, resolve_home
    from quizgen.terminal import utc_now

    base = selection.load(facts_path)
    with ProgressStore.for_facts(resolve_home(home), base) as store:
        figures = figures_of.summarize(store, utc_now().astimezone(LOCAL),
                                       [f.id for f in base.facts])
    if as_json:
        typer.echo(json.dumps(figures.to_dict(), indent=2))
        return
    _print_stats(base, figures)


def _print_stats(base: FactBase, figures: Stats) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from quizgen.cli.options import no_color
    from quizgen.stats import bar

    console = Console(no_color=no_color(), highlight=False)
    total = figures.total
    console.print(Text(f"Answers: {total.answered}, correct: {total.correct} "
                       f"({total.accuracy:.0%}) · facts studied: {figures.studied} · "
                       f"streak: {figures.streak} day{'s' if figures.streak != 1 else ''}"))
    console.print(Text(f"Due today: {figures.due_today} · due in the next 7 days: "
                       f"{figures.due_week}"))
    for title, rows, label in (("Last 14 days", dict(list(figures.by_day.items())[-14:]), str),
                               ("By topic", figures.by_topic, base.topic_name),
                               ("By question kind", figures.by_kind, str)):
        if not rows:
            continue
        table = Table(title=title, title_justify="left")
        for column in ("", "Answers", "Correct", "Accuracy", ""):
            table.add_column(column)
        for key, tally in rows.items():
            table.add_row(Text(label(key)), str(tally.answered), str(tally.correct),
                          f"{tally.accuracy:.0%}", Text(bar(tally.accuracy)))
        console.print(table)
    if not total.answered:
        console.print(Text("No answers yet: start with 'quizgen quiz' or 'quizgen review'."))
