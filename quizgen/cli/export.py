"""``quizgen export``: Anki decks, and classroom formats of a question bank."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Literal

import typer

from quizgen import selection
from quizgen.cli.lazy import PlainGroup
from quizgen.cli.options import (
    ALL_KINDS,
    DeckOption,
    ExportSeedOption,
    FactsOption,
    KindsOption,
    NumberOption,
    OutputOption,
    TagOption,
    TopicOption,
    count,
)

app = typer.Typer(cls=PlainGroup, help="Export decks and study sets for other tools.",
                  no_args_is_help=True)


@app.command("anki", epilog="Example: quizgen export anki --deck classroom-starter -o out")
def export_anki(
    deck: Annotated[str | None, typer.Option(
        metavar="NAME", help="Only this deck: its file name (without .yaml) or its name.")
    ] = None,
    all_decks: Annotated[bool, typer.Option("--all", help="Every deck (the default).")] = False,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="DIR",
                                         help="Folder to write the .apkg files to.")] = Path("."),
    decks_dir: Annotated[Path | None, typer.Option(
        "--decks", metavar="DIR", show_default=False,
        help="Deck definitions. Default: the decks/ folder beside the fact file.")] = None,
    facts_path: FactsOption = None,
) -> None:
    """Write Anki decks (.apkg): import once, re-import to take in corrections."""
    from quizgen.decks import plan
    from quizgen.errors import SelectionError
    from quizgen.export import anki

    if deck is not None and all_decks:
        raise SelectionError("give --deck NAME or --all, not both")
    base = selection.load(facts_path)
    definitions = selection.deck_definitions(base, selection.decks_folder(base, decks_dir),
                                             only=deck)
    total = sum(len(p.facts) for d in definitions for p in plan(d, base))
    with _progress(total) as advance:
        for definition in definitions:
            written = anki.export(definition, base, output, advance)
            typer.echo(f"Wrote {written.path}: {count(written.decks, 'deck')}, "
                       f"{count(written.notes, 'note')}, {count(written.cards, 'card')}")


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


def _write(path: Path, data: bytes, what: str,
           left_out: Sequence[tuple[str, str]] = ()) -> None:
    from quizgen.export.files import write_atomic

    write_atomic(path, data)
    typer.echo(f"Wrote {path}: {what}")
    if left_out:
        typer.echo(f"Left out {count(len(left_out), 'item')}:")
        for item_id, reason in left_out:
            typer.echo(f"  {item_id}: {reason}")


@app.command("worksheet", epilog="Example: quizgen export worksheet -n 15 --versions 3 "
             "--pdf -o class.html")
def export_worksheet(
    n: NumberOption = 20,
    kinds: KindsOption = ALL_KINDS,
    versions: Annotated[int, typer.Option(min=1, max=26, metavar="N", help="Per-student "
                                          "versions: the same questions, shuffled, each with "
                                          "its own key.")] = 1,
    paper: Annotated[Literal["a4", "letter"], typer.Option(
        case_sensitive=False, help="Paper size.")] = "a4",
    key_only: Annotated[bool, typer.Option("--key-only", help="Write only the answer keys.")
                        ] = False,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also write a PDF (needs Chromium or "
                                      "Chrome).")] = False,
    deck: DeckOption = None, topic: TopicOption = None, tag: TagOption = None,
    seed: ExportSeedOption = "1", output: OutputOption = None, facts_path: FactsOption = None,
) -> None:
    """A printable worksheet (HTML) with answer keys, in one or more versions."""
    from quizgen.export import worksheet

    made = selection.questions(facts_path, kinds=kinds, n=n, seed=seed, topic=topic, tag=tag,
                               deck=deck)
    path = output or Path("worksheet-key.html" if key_only else "worksheet.html")
    page = worksheet.render(made.base, made.items, title=f"{made.base.title}: quiz", seed=seed,
                            count=versions, paper=paper, key_only=key_only)
    what = (f"{count(versions, 'version')} of {count(len(made.items), 'question')}"
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
        n: NumberOption = 20, kinds: KindsOption = default_kinds,
        deck: DeckOption = None, topic: TopicOption = None, tag: TagOption = None,
        seed: ExportSeedOption = "1", output: OutputOption = None,
        facts_path: FactsOption = None,
    ) -> None:
        from quizgen.export import gift, kahoot, qti, quizlet, table

        made = selection.questions(facts_path, kinds=kinds, n=n, seed=seed, topic=topic,
                                   tag=tag, deck=deck)
        base, questions = made.base, made.items
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
        _write(output or Path(default_name), data, count(kept, "question"), skipped)

    command.__doc__ = doc
    app.command(fmt, epilog=f"Example: {example}")(command)


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
_simple_export("csv", ALL_KINDS, "questions.csv", "The question bank as CSV.",
               "quizgen export csv -n 100")
_simple_export("json", ALL_KINDS, "questions.json", "The question bank as JSON.",
               "quizgen export json -n 100")
