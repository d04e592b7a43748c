"""The ``quizgen`` command: parse arguments, call one core function, print.

Heavy modules (yaml, rich, and later genanki, questionary, fsrs) are imported
inside the commands that use them, so ``quizgen --help`` stays as fast as typer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from quizgen import __version__
from quizgen.errors import FactFileError, QuizgenError, SelectionError

if TYPE_CHECKING:
    from quizgen.audit import Report
    from quizgen.decks import DeckDef
    from quizgen.facts import Fact, FactBase
    from quizgen.stats import Stats

app = typer.Typer(
    name="quizgen",
    help=(
        "Study the Imam Ali military base (Abu Kamal, Syria, 2018–2024) from a curated, "
        "sourced fact file: quizzes, spaced-repetition review, Anki decks and study sets."
    ),
    epilog=(
        "Examples: quizgen quiz · quizgen review · quizgen flashcards · quizgen stats · "
        "quizgen questions -n 5 · quizgen audit · quizgen facts --topic strikes · "
        "quizgen validate"
    ),
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

ALL_KIND_NAMES = "mc,tf,typed,cloze,timeline,match"

TopicOption = Annotated[Optional[str], typer.Option(help="Only facts of this topic.")]  # noqa: UP045
TagOption = Annotated[Optional[str], typer.Option(help="Only facts with this tag.")]  # noqa: UP045
DeckOption = Annotated[Optional[str], typer.Option(  # noqa: UP045
    help="Only the facts of this deck definition (its file name or its name).")]
JsonResultsOption = Annotated[bool, typer.Option("--json", help="Write the results as JSON to "
                                                 "standard output at the end.")]

FactsOption = Annotated[
    Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
    typer.Option(
        "--facts",
        metavar="PATH",
        help="Fact file to use. Default: $QUIZGEN_FACTS, else ./facts.yaml, else the bundled one.",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quizgen {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Show the version and exit."),
    ] = False,
) -> None:
    """Study the Imam Ali military base from a curated, sourced fact file."""


@contextmanager
def _errors() -> Iterator[None]:
    """Turn quizgen's own errors into plain lines on stderr and exit status 1."""
    try:
        yield
    except FactFileError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        count = len(exc.problems)
        if count > 1:
            typer.echo(f"{count} problems found.", err=True)
        raise typer.Exit(1) from None
    except QuizgenError as exc:
        typer.echo(f"quizgen: error: {exc}", err=True)
        raise typer.Exit(1) from None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _load(path: Path | None) -> FactBase:
    from quizgen import factfile
    from quizgen.paths import resolve_facts

    return factfile.load(resolve_facts(path))


@app.command(epilog="Example: quizgen validate facts.yaml")
def validate(
    path: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Argument(help="Fact file to check. Default: as for --facts.", show_default=False),
    ] = None,
) -> None:
    """Check a fact file (and the deck definitions beside it); report every problem."""
    from quizgen.paths import resolve_facts

    with _errors():
        base = _load(path)
        folder = _decks_folder(resolve_facts(path), None, required=False)
        definitions = _load_decks(folder, base) if folder else []
    decks = f", {_count(len(definitions), 'deck')}" if folder else ""
    typer.echo(f"OK: {_count(len(base.facts), 'fact')} ({_count(len(base.topics), 'topic')})"
               f"{decks}")


@app.command(epilog="Example: quizgen facts --topic strikes")
def facts(
    topic: TopicOption = None,
    tag: TagOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    facts_path: FactsOption = None,
) -> None:
    """List the facts, with their dates and sources."""
    with _errors():
        base = _load(facts_path)
        chosen = base.select(topic=topic, tag=tag)
    if as_json:
        doc = {
            "title": base.title,
            "version": base.version,
            "license": base.license,
            "attribution": base.attribution,
            "count": len(chosen),
            "facts": [f.to_dict() for f in chosen],
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    _print_table(base, chosen)


def _print_table(base: FactBase, chosen: list[Fact]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Text objects, not strings: a title like "[Summary: ...]" must not be read as markup.
    table = Table(title=f"{base.title}: {_count(len(chosen), 'fact')}", title_justify="left",
                  caption=f"{base.license}: derived from Wikipedia. Run 'quizgen facts --json' "
                  "for every field.", caption_justify="left", expand=True)
    table.add_column("Fact", ratio=1)
    table.add_column("Date", no_wrap=True)
    table.add_column("Source", max_width=24)
    for f in chosen:
        fact = Text(f.id, style="cyan")
        fact.append(f"  ({f.topic})\n", style="dim")
        fact.append(f.statement)
        table.add_row(fact, Text(f.date.iso() if f.date else ""),
                      Text(", ".join(base.source_label(s, short=True) for s in f.source)))
    Console(no_color=bool(os.environ.get("NO_COLOR")) or None).print(table)


def _seed(seed: str | None) -> str:
    """The seed to use: the user's, or a fresh one printed so the run can be repeated."""
    if seed is not None:
        return seed
    import secrets

    return str(secrets.randbelow(1_000_000))


@app.command(epilog="Example: quizgen questions -n 5 --kinds mc,typed --topic strikes --seed 7")
def questions(
    kinds: Annotated[str, typer.Option(help="Question kinds, comma-separated: "
                                       "mc,tf,typed,cloze,timeline,match.")] = ALL_KIND_NAMES,
    topic: TopicOption = None,
    tag: TagOption = None,
    n: Annotated[int, typer.Option("-n", "--number", min=1, help="How many questions.")] = 10,
    all_items: Annotated[bool, typer.Option("--all", help="The whole bank: every kind for "
                                            "every fact (ignores -n).")] = False,
    seed: Annotated[Optional[str], typer.Option(help="Same seed, same questions. "  # noqa: UP045
                                                "Default: a new one, printed.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    facts_path: FactsOption = None,
) -> None:
    """Print questions with their answers and sources (a bank for teachers and tools)."""
    from quizgen.bank import generate
    from quizgen.items import parse_kinds
    from quizgen.present import question_text

    with _errors():
        base = _load(facts_path)
        chosen = base.select(topic=topic, tag=tag)
        wanted = parse_kinds(kinds)
    used_seed = _seed(seed)
    items = generate(base, wanted, None if all_items else n, used_seed, facts=chosen)
    if as_json:
        doc = {
            "title": base.title,
            "seed": used_seed,
            "count": len(items),
            "license": base.license,
            "attribution": base.attribution,
            "questions": [q.to_dict() | {"source_labels": [base.source_label(s)
                                                           for s in q.source]}
                          for q in items],
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    blocks = [question_text(base, q, i + 1, len(items)) for i, q in enumerate(items)]
    typer.echo("\n\n".join(blocks))
    typer.echo(f"\n{len(items)} questions · seed {used_seed} "
               f"(quizgen questions --seed {used_seed} repeats them)")


@app.command(epilog="Example: quizgen audit --seed 3 --quizzes 1000")
def audit(
    seed: Annotated[str, typer.Option(help="Seed for the bank and the sampled quizzes.")] = "0",
    quizzes: Annotated[int, typer.Option(min=1, help="Seeded 10-question quizzes to sample "
                                         "for the key-position and length figures.")] = 700,
    facts_path: FactsOption = None,
) -> None:
    """Check the question bank against item-writing rules; exit 1 if one fails."""
    from quizgen.audit import run_audit

    with _errors():
        base = _load(facts_path)
    report = run_audit(base, seed=seed, quizzes=quizzes)
    _print_audit(report)
    if not report.passed:
        raise typer.Exit(1)


def _print_audit(report: Report) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Item-writing audit: {report.items} bank items, "
                  f"{report.sampled} sampled quiz items", title_justify="left")
    for column in ("Check", "Figure", "Limit", "Result"):
        table.add_column(column)
    for check in report.checks:
        verdict = Text("ok", style="green") if check.passed else Text("FAIL", style="bold red")
        figure = check.figure + (f" (e.g. {', '.join(check.examples)})" if check.examples else "")
        table.add_row(Text(check.name), Text(figure), Text(check.limit), verdict)
    Console(no_color=bool(os.environ.get("NO_COLOR")) or None).print(table)
    failed = sum(1 for c in report.checks if not c.passed)
    typer.echo("All checks passed." if not failed else f"{failed} check(s) failed.")


HomeOption = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--home", metavar="DIR", show_default=False,
                 help="Folder for your progress. Default: $QUIZGEN_HOME, else your user "
                 "data folder."),
]
PlainOption = Annotated[bool, typer.Option("--plain", help="Plain numbered lines, answers "
                                           "read from standard input (for scripts and screen "
                                           "readers); automatic when not at a terminal.")]


def _study_facts(facts_path: Path | None, topic: str | None, tag: str | None,
                 deck: str | None = None) -> tuple[FactBase, list[Fact]]:
    """The fact base, and the facts chosen by --topic, --tag and --deck (all that are given)."""
    from quizgen.paths import resolve_facts

    base = _load(facts_path)
    chosen = base.select(topic=topic, tag=tag)
    if deck is not None:
        from quizgen.decks import plan

        folder = _decks_folder(resolve_facts(facts_path), None)
        assert folder is not None
        definitions = _load_decks(folder, base)
        found = _find_deck(definitions, deck)
        in_deck = list(dict.fromkeys(f for p in plan(found, base) for f in p.facts))
        keep = {f.id for f in chosen}
        chosen = [f for f in in_deck if f.id in keep]
    return base, chosen


def _kinds(text: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    from quizgen.items import parse_kinds

    kinds = parse_kinds(text)
    if allowed is not None and any(k not in allowed for k in kinds):
        raise SelectionError(f"review asks one fact at a time: use kinds from "
                             f"{','.join(allowed)}")
    return kinds


def _finish(code: int) -> None:
    if code:
        raise typer.Exit(code)


@app.command(epilog="Example: quizgen quiz -n 5 --topic strikes --seed 7")
def quiz(
    n: Annotated[int, typer.Option("-n", "--number", min=1, help="How many questions.")] = 10,
    kinds: Annotated[str, typer.Option(help="Question kinds, comma-separated: "
                                       "mc,tf,typed,cloze,timeline,match.")] = ALL_KIND_NAMES,
    topic: TopicOption = None,
    tag: TagOption = None,
    deck: DeckOption = None,
    seed: Annotated[Optional[str], typer.Option(help="Same seed, same quiz.")] = None,  # noqa: UP045
    plain: PlainOption = False,
    as_json: JsonResultsOption = False,
    home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Take a quiz: mixed questions, instant feedback with the source, a summary."""
    from quizgen import terminal
    from quizgen.progress import resolve_home

    with _errors():
        used_seed = _seed(seed)
        base, questions = _question_bank(facts_path, deck, topic, tag, kinds, n, used_seed)
        code = _interruptible(lambda: terminal.quiz(
            terminal.Terminal.real(plain, as_json), base, questions, resolve_home(home),
            used_seed))
    _finish(code)


@app.command(epilog="Example: quizgen review --new 5 --topic places")
def review(
    new: Annotated[int, typer.Option("--new", min=0, help="New facts to add after the "
                                     "due ones.")] = 10,
    limit: Annotated[int, typer.Option(min=1, help="At most this many facts.")] = 50,
    kinds: Annotated[str, typer.Option(help="Kinds to ask, taking turns: typed,cloze,mc,tf."
                                       )] = "typed,cloze,mc",
    topic: TopicOption = None,
    tag: TagOption = None,
    deck: DeckOption = None,
    seed: Annotated[Optional[str], typer.Option(help="Seed for the wrong answers shown."  # noqa: UP045
                                                )] = None,
    plain: PlainOption = False,
    as_json: JsonResultsOption = False,
    home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Spaced repetition (FSRS): the facts due today first, then new ones."""
    from quizgen import terminal
    from quizgen.progress import resolve_home

    with _errors():
        base, chosen = _study_facts(facts_path, topic, tag, deck)
        wanted = _kinds(kinds, ("typed", "cloze", "mc", "tf"))
        code = _interruptible(lambda: terminal.review(
            terminal.Terminal.real(plain, as_json), base, chosen, resolve_home(home),
            new=new, limit=limit, kinds=wanted, seed=_seed(seed)))
    _finish(code)


@app.command(epilog="Example: quizgen flashcards --new 5 --tag airstrike")
def flashcards(
    new: Annotated[int, typer.Option("--new", min=0, help="New facts to add after the "
                                     "due ones.")] = 10,
    limit: Annotated[int, typer.Option(min=1, help="At most this many cards.")] = 50,
    topic: TopicOption = None,
    tag: TagOption = None,
    deck: DeckOption = None,
    plain: PlainOption = False,
    home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Flashcards like Anki: see the question, reveal, grade yourself Again to Easy."""
    from quizgen import terminal
    from quizgen.progress import resolve_home

    with _errors():
        base, chosen = _study_facts(facts_path, topic, tag, deck)
        code = _interruptible(lambda: terminal.flashcards(
            terminal.Terminal.real(plain, False), base, chosen, resolve_home(home),
            new=new, limit=limit))
    _finish(code)


@app.command(epilog="Example: quizgen stats --json")
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    home: HomeOption = None,
    facts_path: FactsOption = None,
) -> None:
    """Your progress: answers and accuracy per day, topic and kind; what is due; streak."""
    from quizgen import stats as stats_module
    from quizgen.localzone import LOCAL
    from quizgen.progress import ProgressStore, resolve_home
    from quizgen.terminal import utc_now

    with _errors():
        base = _load(facts_path)
        with ProgressStore.for_facts(resolve_home(home), base) as store:
            figures = stats_module.summarize(store, utc_now().astimezone(LOCAL),
                                             [f.id for f in base.facts])
    if as_json:
        typer.echo(json.dumps(figures.to_dict(), indent=2))
        return
    _print_stats(base, figures)


def _interruptible(job: Callable[[], int]) -> int:
    """Ctrl-C outside a question (at the retry offer, say) still exits 130, quietly."""
    try:
        return job()
    except KeyboardInterrupt:
        typer.echo("\nStopped; every answer given is saved.", err=True)
        return 130


def _print_stats(base: FactBase, figures: Stats) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from quizgen.stats import bar

    console = Console(no_color=bool(os.environ.get("NO_COLOR")) or None, highlight=False)
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


export_app = typer.Typer(help="Export decks and study sets for other tools.",
                         no_args_is_help=True)
app.add_typer(export_app, name="export")


def _decks_folder(facts: Path, explicit: Path | None, *, required: bool = True) -> Path | None:
    """--decks, else the decks/ folder beside the fact file."""
    from quizgen.decks import decks_dir_for

    if explicit is not None:
        if not explicit.is_dir():
            raise SelectionError(f"{explicit}: no such folder of deck definitions")
        return explicit
    folder = decks_dir_for(facts)
    if folder is None and required:
        raise SelectionError(f"no decks/ folder beside {facts}; name one with --decks DIR")
    return folder


def _find_deck(definitions: list[DeckDef], wanted: str) -> DeckDef:
    """A definition by its file name or its deck name; an error suggests the nearest."""
    from quizgen.text import suggest

    found = next((d for d in definitions if wanted in (d.key, d.name)), None)
    if found is None:
        keys = [d.key for d in definitions]
        raise SelectionError(f"no deck '{wanted}'{suggest(wanted, keys)}; decks: "
                             f"{', '.join(keys)}")
    return found


def _load_decks(folder: Path, base: FactBase) -> list[DeckDef]:
    from quizgen import decks

    return decks.load(folder, base)


@export_app.command("anki", epilog="Example: quizgen export anki --deck classroom-starter -o out")
def export_anki(
    deck: Annotated[Optional[str], typer.Option(help="Only this deck: its file name "  # noqa: UP045
                                                "(without .yaml) or its name.")] = None,
    all_decks: Annotated[bool, typer.Option("--all", help="Every deck (the default).")] = False,
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write the .apkg "
                                         "files to.")] = Path("."),
    decks_dir: Annotated[Optional[Path], typer.Option("--decks", metavar="DIR",  # noqa: UP045
                                                      help="Deck definitions. Default: the "
                                                      "decks/ folder beside the fact file.")
                         ] = None,
    facts_path: FactsOption = None,
) -> None:
    """Write Anki decks (.apkg): import once, re-import to take in corrections."""
    from quizgen.decks import plan
    from quizgen.export import anki
    from quizgen.paths import resolve_facts

    with _errors():
        if deck is not None and all_decks:
            raise SelectionError("give --deck NAME or --all, not both")
        base = _load(facts_path)
        folder = _decks_folder(resolve_facts(facts_path), decks_dir)
        assert folder is not None
        definitions = _load_decks(folder, base)
        if deck is not None:
            definitions = [_find_deck(definitions, deck)]
        total = sum(len(p.facts) for d in definitions for p in plan(d, base))
        with _progress(total) as advance:
            for definition in definitions:
                written = anki.export(definition, base, output, advance)
                typer.echo(f"Wrote {written.path}: {_count(written.decks, 'deck')}, "
                           f"{_count(written.notes, 'note')}, {_count(written.cards, 'card')}")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for large builds at a terminal; nothing otherwise."""
    import sys

    if total < 2000 or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("Building notes", total=total)
        yield lambda n: bar.advance(task, n)


NumberOption = Annotated[int, typer.Option("-n", "--number", min=1, help="How many questions.")]
ExportSeedOption = Annotated[str, typer.Option(help="Same seed, same questions and the same "
                                               "file, byte for byte.")]
OutputOption = Annotated[Optional[Path], typer.Option(  # noqa: UP045
    "-o", "--output", help="File to write.", show_default=False)]


def _question_bank(facts_path: Path | None, deck: str | None, topic: str | None,
                   tag: str | None, kinds: str, n: int, seed: str,
                   ) -> tuple[FactBase, list[Any]]:
    """The questions a quiz or an export asks: chosen facts, chosen kinds, never none."""
    from quizgen.bank import generate

    base, chosen = _study_facts(facts_path, topic, tag, deck)
    questions = generate(base, _kinds(kinds), n, seed, facts=chosen)
    if not questions:
        raise SelectionError("no questions of those kinds can be made from those facts")
    return base, questions


def _write(path: Path, data: bytes, what: str,
           skipped: Sequence[tuple[str, str]] = ()) -> None:
    from quizgen.export.files import write_atomic

    write_atomic(path, data)
    typer.echo(f"Wrote {path}: {what}")
    if skipped:
        typer.echo(f"Left out {_count(len(skipped), 'item')}:")
        for item_id, reason in skipped:
            typer.echo(f"  {item_id}: {reason}")


@export_app.command("worksheet", epilog="Example: quizgen export worksheet -n 15 --versions 3 "
                    "--pdf -o class.html")
def export_worksheet(
    n: NumberOption = 20,
    kinds: Annotated[str, typer.Option(help="Question kinds, comma-separated.")] = ALL_KIND_NAMES,
    versions: Annotated[int, typer.Option(min=1, max=26, help="Per-student versions: the same "
                                          "questions, shuffled, each with its own key.")] = 1,
    paper: Annotated[str, typer.Option(help="a4 or letter.")] = "a4",
    key_only: Annotated[bool, typer.Option("--key-only", help="Write only the answer keys.")
                        ] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write a PDF (needs Chromium or "
                                      "Chrome).")] = False,
    deck: DeckOption = None, topic: TopicOption = None, tag: TagOption = None,
    seed: ExportSeedOption = "1", output: OutputOption = None, facts_path: FactsOption = None,
) -> None:
    """A printable worksheet (HTML) with answer keys, in one or more versions."""
    from quizgen.export import worksheet

    with _errors():
        if paper not in worksheet.PAPERS:
            raise SelectionError(f"paper must be one of: {', '.join(worksheet.PAPERS)}")
        base, questions = _question_bank(facts_path, deck, topic, tag, kinds, n, seed)
        path = output or Path("worksheet-key.html" if key_only else "worksheet.html")
        title = f"{base.title}: quiz"
        page = worksheet.render(base, questions, title=title, seed=seed, count=versions,
                                paper=paper, key_only=key_only)
        what = (f"{_count(versions, 'version')} of {_count(len(questions), 'question')}"
                + (", keys only" if key_only else ", with answer keys"))
        _write(path, page.encode("utf-8"), what)
        if pdf:
            from quizgen.export.files import write_atomic

            pdf_path = path.with_suffix(".pdf")
            write_atomic(pdf_path, worksheet.to_pdf(page))
            typer.echo(f"Wrote {pdf_path}")


def _simple_export(fmt: str, default_kinds: str, default_name: str,
                   doc: str, example: str) -> None:
    """Register `quizgen export FORMAT` for a format whose writer takes the bank only."""

    def command(
        n: NumberOption = 20,
        kinds: Annotated[str, typer.Option(help="Question kinds, comma-separated.")
                         ] = default_kinds,
        deck: DeckOption = None, topic: TopicOption = None, tag: TagOption = None,
        seed: ExportSeedOption = "1", output: OutputOption = None,
        facts_path: FactsOption = None,
    ) -> None:
        from quizgen.export import gift, kahoot, qti, quizlet, table

        with _errors():
            base, questions = _question_bank(facts_path, deck, topic, tag, kinds, n, seed)
            title = f"{base.title}: quiz"
            skipped: list[tuple[str, str]] = []
            if fmt == "gift":
                data, skipped = gift.render(base, questions)
            elif fmt == "qti":
                data, skipped = qti.render(base, questions, title)
            elif fmt == "kahoot":
                data, skipped = kahoot.render(questions, title)
            elif fmt == "quizlet":
                data, skipped = quizlet.render(questions)
            elif fmt == "csv":
                data = table.render_csv(base, questions)
            else:
                data = table.render_json(base, questions, seed)
            kept = len(questions) - len(skipped)
            _write(output or Path(default_name), data, _count(kept, "question"), skipped)

    command.__doc__ = doc
    export_app.command(fmt, epilog=f"Example: {example}")(command)


_simple_export("gift", "mc,tf,typed,cloze,match", "questions.gift",
               "Moodle GIFT: categories from topics, feedback from the explanation.",
               "quizgen export gift -n 30 -o unit.gift")
_simple_export("qti", "mc,tf,typed,cloze", "questions-qti.zip",
               "A QTI 1.2 package that Canvas imports as a quiz.",
               "quizgen export qti --deck classroom-starter")
_simple_export("kahoot", "mc,tf", "kahoot.xlsx",
               "Kahoot's quiz spreadsheet (multiple choice and true/false).",
               "quizgen export kahoot -n 15")
_simple_export("quizlet", "typed", "quizlet.txt",
               "Quizlet import text: term TAB definition, one card a line.",
               "quizgen export quizlet -n 50")
_simple_export("csv", ALL_KIND_NAMES, "questions.csv", "The question bank as CSV.",
               "quizgen export csv -n 100")
_simple_export("json", ALL_KIND_NAMES, "questions.json", "The question bank as JSON.",
               "quizgen export json -n 100")
