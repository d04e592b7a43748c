"""``quizgen questions`` and ``quizgen audit``: the question bank, for teachers and tools."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quizgen.cli.options import (
    AllOption,
    DeckOption,
    FactsOption,
    HomeOption,
    JsonOutOption,
    NewSeedOption,
    NumberOption,
    QuestionsOption,
    TagOption,
    TopicOption,
    all_kinds,
    count,
    kinds_option,
    path_option,
)
from quizgen.generation import selection

if TYPE_CHECKING:
    from quizgen.generation.audit import Report

app = typer.Typer()

MAX_QUIZZES = 10_000
"""Most quizzes ``audit --quizzes`` samples: each takes a few milliseconds, so this is about a
minute; a billion would run for weeks."""


@app.command(epilog="Example: quizgen questions -n 5 --kinds mc,typed --topic TOPIC --seed 7")
def questions(
    kinds: Annotated[str | None, kinds_option()] = None,
    deck: DeckOption = None,
    topic: TopicOption = None,
    tag: TagOption = None,
    n: NumberOption = 10,
    all_items: AllOption = False,
    seed: NewSeedOption = None,
    as_json: JsonOutOption = False,
    facts_path: FactsOption = None,
) -> None:
    """Print questions with their answers and sources (a bank for teachers and tools).

    With -n, the set a quiz, a worksheet, an export and a live game take for the same
    seed, kinds and facts: no fact twice, and no question shows another's answer."""
    made = selection.questions(
        selection.Which(facts_path, deck, topic, tag),
        kinds=all_kinds() if kinds is None else kinds,
        n=None if all_items else n,
        seed=seed,
        allow_empty=True,
    )
    if as_json:
        if made.fewer:
            typer.echo(made.fewer, err=True)  # stdout is the document
        from quizgen.generation.documents import document, dumps

        typer.echo(dumps(document(made.base, items=made.items, seed=made.seed)))
        return
    from quizgen.generation.present import question_text

    total = len(made.items)
    if made.fewer:
        typer.echo(made.fewer + "\n")
    typer.echo(
        "\n\n".join(
            question_text(made.base, q, i, total) for i, q in enumerate(made.items, start=1)
        )
    )
    typer.echo(
        f"\n{count(total, 'question')} · seed {made.seed} "
        f"(quizgen questions --seed {made.seed} repeats them)"
    )


@app.command(
    epilog="Example: quizgen audit --seed 3 --quizzes 1000 · "
    "quizgen audit --results results.csv · "
    "quizgen audit --overruled --from quizgen-overruled-SET.json"
)
def audit(
    seed: Annotated[
        str | None,
        typer.Option(
            metavar="SEED",
            show_default=False,
            help="Seed for the bank and the sampled quizzes (default 0); with --results, the "
            "seed the questions were made with.",
        ),
    ] = None,
    results: Annotated[
        list[Path] | None,
        path_option(
            "--results",
            metavar="FILE",
            help="Check the bank against class results instead (as 'quizgen analyse' reads "
            "them): fail on an item flagged as a possible key error or for negative "
            "discrimination, naming its fact. Repeatable.",
        ),
    ] = None,
    questions: QuestionsOption = None,
    quizzes: Annotated[
        int,
        typer.Option(
            min=1,
            metavar="N",
            help="Seeded 10-question quizzes "
            "to sample for the key-position and length figures "
            f"(at most {MAX_QUIZZES:,}).",
        ),
    ] = 700,
    facts_path: FactsOption = None,
    overruled: Annotated[
        bool,
        typer.Option(
            "--overruled",
            help='Instead, list every answer learners overruled ("I was right"), with its '
            "fact and the name to add to its entity.",
        ),
    ] = False,
    files: Annotated[
        list[Path] | None,
        path_option(
            "--from",
            metavar="FILE",
            help="With --overruled: also a file a study page saved (repeat for several).",
        ),
    ] = None,
    home: HomeOption = None,
) -> None:
    """Check the question bank against item-writing rules; exit 1 if one fails."""
    from quizgen.errors import SelectionError
    from quizgen.generation.audit import run_audit

    if overruled and results:
        raise SelectionError("--overruled and --results are two audits: give one of them")
    if overruled:
        from quizgen.progress import resolve_home
        from quizgen.study.overruled import lines, overruled_answers

        found = overruled_answers(selection.load(facts_path), resolve_home(home), files or [])
        typer.echo("\n".join(lines(found)))
        return
    if files:
        raise SelectionError("--from FILE goes with --overruled")

    if quizzes > MAX_QUIZZES:
        raise SelectionError(
            f"--quizzes {quizzes:,} is more than the {MAX_QUIZZES:,} quizgen "
            "samples (about a minute; 700, the default, is enough for the "
            "figures)"
        )

    if results:
        _audit_results(results, questions or [], seed, facts_path)
        return
    report = run_audit(selection.load(facts_path), seed=seed or "0", quizzes=quizzes)
    _print(report)
    if not report.passed:
        raise typer.Exit(1)


def _audit_results(
    results: list[Path], questions: list[Path], seed: str | None, facts_path: Path | None
) -> None:
    """``audit --results``: exit 1 on items whose results say the bank may be wrong."""
    from quizgen.analysis.classroom import ClassRequest, audit_lines, gather

    report = gather(
        ClassRequest(tuple(results), tuple(questions), seed=seed), selection.load(facts_path)
    )
    test = report.analysis.test
    typer.echo(
        f"Results audit: {count(test.students, 'student')}, {count(test.items, 'item')} "
        f"({', '.join(str(p) for p in results)})"
    )
    failed = audit_lines(report)
    for line in failed:
        typer.echo(line)
    if not failed:
        typer.echo("No item is flagged as a possible key error or for negative discrimination.")
        return
    typer.echo(f"{count(len(failed), 'item')} failed: the bank may be wrong there.")
    raise typer.Exit(1)


def _print(report: Report) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from quizgen.cli.options import no_color

    table = Table(
        title=f"Item-writing audit: {report.items} bank items, {report.sampled} sampled quiz items",
        title_justify="left",
    )
    for column in ("Check", "Figure", "Limit", "Result"):
        table.add_column(column)
    for check in report.checks:
        verdict = Text("ok", style="green") if check.passed else Text("FAIL", style="bold red")
        figure = check.figure + (f" (e.g. {', '.join(check.examples)})" if check.examples else "")
        table.add_row(Text(check.name), Text(figure), Text(check.limit), verdict)
    Console(no_color=no_color()).print(table)
    failed = sum(1 for c in report.checks if not c.passed)
    typer.echo("All checks passed." if not failed else f"{failed} check(s) failed.")
