"""``quizgen quiz``, ``review``, ``flashcards`` and ``stats``: studying, and the progress it leaves.

The sessions themselves (front end, store, summary, retry) are
:mod:`quizgen.study.terminal`'s; these commands choose the facts, hand them over,
and turn Ctrl-C outside a question into exit status 130 without a traceback.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from quizgen import items
from quizgen.cli.options import (
    DayStartsOption,
    DeckOption,
    FactsOption,
    HomeOption,
    JsonOutOption,
    JsonResultsOption,
    NewOption,
    NewSeedOption,
    NumberOption,
    PlainOption,
    TagOption,
    TopicOption,
    all_kinds,
    kinds_option,
)
from quizgen.generation import selection

if TYPE_CHECKING:
    from pathlib import Path

    from quizgen.progress import ProgressStore
    from quizgen.study.terminal import Spaced

app = typer.Typer()

LimitOption = Annotated[int, typer.Option(min=1, metavar="N", help="At most this many facts.")]


def _order(text: str) -> str:
    if text not in ("file", "random"):
        raise typer.BadParameter(f"{text!r} is not one of 'file', 'random'")
    return text


OrderOption = Annotated[
    str,
    typer.Option(
        "--order",
        metavar="file|random",
        parser=_order,
        help="The order new facts are taken in: random (fixed per fact, so one card does "
        "not give the next away, as Anki offers) or as in the fact file.",
    ),
]


def _run(job: Callable[[], int]) -> None:
    """Run a session; Ctrl-C outside a question (at the retry offer, say) exits 130 quietly."""
    try:
        code = job()
    except KeyboardInterrupt:
        typer.echo("\nStopped; every answer given is saved.", err=True)
        code = 130
    if code:
        raise typer.Exit(code)


def _not_review() -> str:
    """'; not timeline,match': the kinds review cannot ask, named in its help too."""
    others = [k for k in items.names() if k not in items.review_kinds()]
    return f"; not {','.join(others)}" if others else ""


MissedOption = Annotated[
    bool,
    typer.Option(
        "--missed",
        help="Drill the facts you missed most recently (up to -n), each asked until "
        "it is answered right once, in the kinds of --kinds that ask about one fact.",
    ),
]


@app.command(epilog="Example: quizgen quiz -n 5 --topic TOPIC --seed 7 · quizgen quiz --missed")
def quiz(
    n: NumberOption = 10,
    kinds: Annotated[str | None, kinds_option()] = None,
    topic: TopicOption = None,
    tag: TagOption = None,
    deck: DeckOption = None,
    seed: NewSeedOption = None,
    missed: MissedOption = False,
    plain: PlainOption = False,
    as_json: JsonResultsOption = False,
    home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Take a quiz: mixed questions, instant feedback with the source, a summary."""
    from quizgen.progress import resolve_home
    from quizgen.study import terminal

    if missed:
        single = set(items.review_kinds())
        wanted = [
            k for k in items.parse_kinds(all_kinds() if kinds is None else kinds) if k in single
        ] or list(items.review_kinds())
        chosen = selection.choose(selection.Which(facts_path, deck, topic, tag))
        used = selection.new_seed(seed)
        _run(
            lambda: terminal.drill(
                terminal.Terminal.real(plain, as_json),
                chosen.base,
                chosen.facts,
                resolve_home(home),
                n=n,
                kinds=wanted,
                seed=used,
            )
        )
        return
    made = selection.questions(
        selection.Which(facts_path, deck, topic, tag),
        kinds=all_kinds() if kinds is None else kinds,
        n=n,
        seed=seed,
    )
    _run(
        lambda: terminal.quiz(
            terminal.Terminal.real(plain, as_json),
            made.base,
            made.items,
            resolve_home(home),
            made.seed,
            fewer=made.fewer,
        )
    )


def _spaced(
    chosen: selection.Chosen, home: Path | None, new: int, limit: int, order: str
) -> Spaced:
    """What a spaced-repetition session studies: the chosen facts, the folder of the
    learner's progress and the day's limits."""
    from quizgen.progress import resolve_home
    from quizgen.study.terminal import Spaced

    return Spaced(chosen.base, chosen.facts, resolve_home(home), new, limit, order)


@app.command(epilog="Example: quizgen review --new 5 --topic TOPIC")
def review(
    new: NewOption = 10,
    limit: LimitOption = 50,
    kinds: Annotated[
        str,
        typer.Option(
            metavar="KINDS",
            help="Kinds to ask, taking turns, any case: any that asks about one "
            f"fact ({','.join(items.review_kinds())}{_not_review()}).",
        ),
    ] = "typed,cloze,mc",
    topic: TopicOption = None,
    tag: TagOption = None,
    deck: DeckOption = None,
    seed: Annotated[
        str | None,
        typer.Option(metavar="SEED", show_default=False, help="Seed for the wrong answers shown."),
    ] = None,
    order: OrderOption = "random",
    day_starts: DayStartsOption = 4,
    plain: PlainOption = False,
    as_json: JsonResultsOption = False,
    home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Spaced repetition (FSRS): the facts due today first, then new ones."""
    from quizgen.study import terminal

    wanted = items.parse_kinds(kinds, review=True)
    term = terminal.Terminal.real(plain, as_json, day_starts)
    chosen = selection.choose(selection.Which(facts_path, deck, topic, tag))
    used = selection.new_seed(seed)
    _run(
        lambda: terminal.review(
            term, _spaced(chosen, home, new, limit, order), kinds=wanted, seed=used
        )
    )


@app.command(epilog="Example: quizgen flashcards --new 5 --tag TAG")
def flashcards(
    new: NewOption = 10,
    limit: LimitOption = 50,
    topic: TopicOption = None,
    tag: TagOption = None,
    deck: DeckOption = None,
    order: OrderOption = "random",
    day_starts: DayStartsOption = 4,
    plain: PlainOption = False,
    home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Flashcards like Anki: see the question, reveal, grade yourself Again to Easy."""
    from quizgen.study import terminal

    term = terminal.Terminal.real(plain, False, day_starts)
    chosen = selection.choose(selection.Which(facts_path, deck, topic, tag))
    _run(lambda: terminal.flashcards(term, _spaced(chosen, home, new, limit, order)))


@app.command(epilog="Example: quizgen stats · quizgen stats --plain · quizgen stats --json")
def stats(
    as_json: JsonOutOption = False,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Tables instead of charts (automatic when not at a terminal).",
        ),
    ] = False,
    day_starts: DayStartsOption = 4,
    home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Your progress: answers and accuracy per day, topic and kind; what is due; streak."""
    import json
    import sys

    from quizgen.analysis import learner
    from quizgen.language.wrapping import terminal_width, wrap_all
    from quizgen.progress import HOME_ENV, ProgressStore, resolve_home
    from quizgen.scheduling.clock import clock
    from quizgen.scheduling.localzone import LOCAL
    from quizgen.study import stats as figures_of

    base = selection.load(facts_path)
    folder = resolve_home(home)
    # A --home (or $QUIZGEN_HOME) that does not exist is a mistake to report; the default
    # folder not existing yet only means nothing was saved.
    named = home is not None or bool(os.environ.get(HOME_ENV))
    store = ProgressStore.for_reading(folder, base) if named or folder.is_dir() else None
    with store or _nothing() as opened:
        ids = [f.id for f in base.facts]
        now = clock()().astimezone(LOCAL)
        figures = (
            figures_of.summarize(opened, now, ids, day_starts)
            if opened
            else figures_of.compute([], {}, now, ids, day_starts)
        )
        weak = figures_of.weak_spots(opened, ids) if opened else figures_of.Weak([], [])
        fitting = learner.note(opened, day_starts, LOCAL)
    if as_json:
        document = figures.to_dict() | weak.to_dict() | {"fsrs": fitting.to_dict()}
        typer.echo(json.dumps(document, indent=2))
        return
    from quizgen.study import statsview

    tty = sys.stdout.isatty()
    for line in statsview.render(
        base,
        figures,
        weak,
        charts=tty and not plain,
        width=terminal_width() if tty else None,
    ):
        typer.echo(line)
    if fitting.line:
        for line in wrap_all(["", fitting.line], terminal_width() if tty else None):
            typer.echo(line)


def _nothing() -> contextlib.nullcontext[ProgressStore | None]:
    return contextlib.nullcontext(None)
