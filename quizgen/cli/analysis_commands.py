"""``quizgen analyse`` (item analysis of a class's results) and ``quizgen optimize`` (FSRS
fitted to the learner): the two loops that learn from learners.

The work is :mod:`quizgen.analysis`'s (:mod:`~quizgen.analysis.classroom`,
:mod:`~quizgen.analysis.learner`); these commands parse, call, and print or write.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quizgen.cli.options import (
    DayStartsOption,
    FactsOption,
    HomeOption,
    JsonOutOption,
    QuestionsOption,
    path_option,
)
from quizgen.generation import selection

if TYPE_CHECKING:
    from quizgen.analysis.classroom import ClassReport
    from quizgen.analysis.learner import Optimized

app = typer.Typer()

ResultsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="RESULTS",
        show_default=False,
        help="Class results: a live game's CSV or JSON, a long CSV (student,item,response"
        "[,correct,seconds]), Moodle's quiz Responses report (CSV, Excel, JSON) or Canvas's "
        "Student Analysis CSV.",
    ),
]
HomesOption = Annotated[
    list[Path] | None,
    path_option(
        "--home",
        metavar="DIR",
        help="A learner's progress folder: their answers count as one student's. Repeatable.",
    ),
]
SeedOption = Annotated[
    str | None,
    typer.Option(
        metavar="SEED",
        show_default=False,
        help="The seed the questions were made with (the game's or export's): the options "
        "shown. Without it, options are read from the replies.",
    ),
]


@app.command(
    epilog="Example: quizgen analyse live-20261125-101500.csv -o report.html · "
    "quizgen analyse responses.csv --questions questions.xml"
)
def analyse(
    results: ResultsArgument = None,
    questions: QuestionsOption = None,
    home: HomesOption = None,
    seed: SeedOption = None,
    min_responses: Annotated[
        int,
        typer.Option(
            "--min-responses", min=2, metavar="N", help="Flag no item with fewer replies."
        ),
    ] = 20,
    as_json: JsonOutOption = False,
    output: Annotated[
        Path | None,
        path_option(
            "-o",
            "--output",
            help="Also write the report as one offline HTML page, with plots.",
        ),
    ] = None,
    facts_path: FactsOption = None,
) -> None:
    """Item analysis of class results: facility, discrimination, options, and flags."""
    import json

    from quizgen.analysis.classroom import ClassRequest, gather
    from quizgen.analysis.itemstats import Thresholds

    request = ClassRequest(
        tuple(results or ()),
        tuple(questions or ()),
        tuple(home or ()),
        seed,
        Thresholds(min_responses=min_responses),
    )
    report = gather(request, selection.load(facts_path))
    if output is not None:
        from quizgen.export.files import write_atomic
        from quizgen.web.report import render

        note = write_atomic(output, render(report))
        typer.echo(f"Wrote {output}" + (f" ({note})" if note else ""), err=as_json)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    _print(report)


def _titled(title: str, lines: list[str]) -> list[str]:
    """A section with its title and a blank line after it, or nothing when it is empty."""
    return [title, *lines, ""] if lines else []


def _print(report: ClassReport) -> None:
    """The summary at the terminal's width (not wrapped when output is not a terminal)."""
    import sys

    from quizgen.analysis import summary
    from quizgen.language.wrapping import terminal_width, wrap_all

    width = terminal_width() if sys.stdout.isatty() else None
    flagged = summary.flag_lines(report)
    lines = [
        summary.headline(report),
        *(f"Read {source}" for source in report.sources),
        "",
        *summary.table_lines(report, width),
        "",
        f"Flagged ({len(report.analysis.flagged())}):" if flagged else "No item is flagged.",
        *flagged,
        "",
        *_titled(
            "Replies learners overruled (forms the grader may lack):",
            summary.overruled_lines(report),
        ),
        summary.distribution_line(report),
        *summary.footer_lines(report),
    ]
    for line in wrap_all(lines, width):
        typer.echo(line)


@app.command(
    epilog="Example: quizgen optimize · quizgen optimize --retention 0.85 · "
    "quizgen optimize --reset"
)
def optimize(
    retention: Annotated[
        float | None,
        typer.Option(
            "--retention",
            metavar="R",
            show_default=False,
            help="Desired retention, 0.70-0.99 (0.90: remember 90% of the facts when due); "
            "kept for this fact set.",
        ),
    ] = None,
    reset: Annotated[
        bool, typer.Option("--reset", help="Back to FSRS's default parameters and retention.")
    ] = False,
    as_json: JsonOutOption = False,
    day_starts: DayStartsOption = 4,
    home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Fit FSRS to your own reviews, as Anki's optimizer does; review uses it from then on."""
    import json

    from quizgen.analysis import learner
    from quizgen.errors import SelectionError
    from quizgen.progress import ProgressStore, resolve_home
    from quizgen.scheduling.clock import clock
    from quizgen.scheduling.localzone import LOCAL

    if retention is not None:
        try:
            learner.check_retention(retention)
        except ValueError as exc:
            raise SelectionError(str(exc)) from None
    base = selection.load(facts_path)
    with ProgressStore.for_facts(resolve_home(home), base) as store:
        done = learner.optimize(
            store,
            now=clock()(),
            zone=LOCAL,
            rollover=day_starts,
            facts=len(base.facts),
            retention=retention,
            reset=reset,
        )
    if as_json:
        typer.echo(json.dumps(done.to_dict(), indent=2))
        return
    for line in optimize_lines(done):
        typer.echo(line)


def optimize_lines(done: Optimized) -> list[str]:
    """What ``optimize`` says: the fit before and after, what is kept, the workload."""
    out: list[str] = []
    fit = done.fit
    if done.reset:
        out.append("Back to FSRS's default parameters; review and flashcards use them now.")
    elif done.refusal is not None:
        out.append(f"Not fitted yet: {done.refusal}. The schedule is unchanged.")
    elif fit is not None:
        out += [
            f"Fitted FSRS to your reviews with Anki's optimizer: {fit.items:,} of your "
            f"{fit.reviews:,} reviews can be used (each a later day's review of a fact).",
            "",
            f"  {'':24}{'log loss':>10}{'RMSE (bins)':>14}",
            f"  {'before: ' + ('the defaults' if done.from_defaults else 'your last fit'):24}"
            f"{fit.before.log_loss:>10.4f}{fit.before.rmse:>14.2%}",
            f"  {'after: fitted':24}{fit.after.log_loss:>10.4f}{fit.after.rmse:>14.2%}",
            "",
            "The fitted parameters predict your reviews better: review and flashcards "
            "schedule with them from now on."
            if fit.improved
            else "The fit is not better than the parameters in use, which stay (as Anki "
            "keeps them).",
        ]
    if done.workloads:
        out += ["", f"Workload for {done.facts} facts over a year, as the simulator expects it:"]
        for w in done.workloads:
            mark = "  (yours)" if abs(w.retention - done.retention) < 1e-9 else ""
            out.append(
                f"  desired retention {w.retention:.0%}: {w.reviews_per_day:.1f} reviews a "
                f"day, about {w.minutes_per_day:.0f} min{mark}"
            )
    return out
