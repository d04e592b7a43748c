"""``quizgen export``: Anki decks, and a command for every format in the export registry.

The group lists :func:`quizgen.export.names` when it is made, so a format
registered by a plugin or a test is a command like the built-in ones, and
only the module of the format run is imported. Every format's command takes
the same options (which facts, which kinds, how many, the seed, the file);
its default ``--kinds`` are the kinds of the shapes the format declares. The
worksheet's command adds its own options; ``anki`` exports deck definitions
rather than a question bank, so it is a command of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from quizgen.cli.lazy import Command, Entry, LazyGroup
from quizgen.cli.options import (
    DeckOption,
    ExportSeedOption,
    FactsOption,
    NumberOption,
    OutputOption,
    TagOption,
    TopicOption,
    count,
)
from quizgen.generation import selection

if TYPE_CHECKING:
    from quizgen.export import Rendered
    from quizgen.items import Item

AllOption = Annotated[bool, typer.Option(
    "--all", help="The whole bank: every kind for every chosen fact (ignores -n).")]
KINDS_HELP = "Question kinds, comma-separated, any case. Default: the kinds the format can write."


class ExportGroup(LazyGroup):
    """``anki``, then one command per registered format, each built when run."""

    def make_entries(self) -> Sequence[Entry]:
        from quizgen import export

        own = "Write Anki decks (.apkg): import once, re-import to take in corrections."
        return (Entry("anki", __name__, own, attr="commands"),
                *(Entry(name, __name__, "") for name in export.names()))

    def entry_help(self, entry: Entry) -> str:
        from quizgen import export

        return entry.help or export.get(entry.name).help

    def build(self, entry: Entry) -> Command:
        if entry.attr == "commands":
            return super().build(entry)
        return _format_command(entry.name, self.rich_markup_mode)


app = typer.Typer(cls=ExportGroup, help="Export decks and study sets for other tools.",
                  no_args_is_help=True)
commands = typer.Typer()
"""The commands that are not a format's: anki."""


def _format_command(name: str, rich_markup_mode: object) -> Command:
    """``quizgen export NAME`` for a registered format, built when it runs."""
    from quizgen import export
    from quizgen.cli.lazy import PlainCommand

    fmt = export.get(name)
    kinds = ",".join(export.kinds_for(fmt))
    callback = _worksheet(kinds) if name == "worksheet" else _generic(name, kinds)
    sub = typer.Typer()
    sub.command(name, help=fmt.help, cls=PlainCommand,
                epilog=f"Example: quizgen export {name} -n 20 -o {fmt.filename}")(callback)
    return typer.main.get_command_from_info(
        sub.registered_commands[0], pretty_exceptions_short=True,
        rich_markup_mode=rich_markup_mode)  # type: ignore[arg-type]


def _generic(name: str, default_kinds: str) -> Callable[..., None]:
    """The command of a format that needs nothing but the bank: parse, one render, write."""
    from quizgen import export

    def command(
        n: NumberOption = 20,
        all_items: AllOption = False,
        kinds: Annotated[str, typer.Option(metavar="KINDS", help=KINDS_HELP)] = default_kinds,
        deck: DeckOption = None, topic: TopicOption = None, tag: TagOption = None,
        seed: ExportSeedOption = "1", output: OutputOption = None,
        facts_path: FactsOption = None,
    ) -> None:
        _export(name, output, facts_path, kinds=kinds, n=None if all_items else n, seed=seed,
                topic=topic, tag=tag, deck=deck)

    def csv_command(
        n: NumberOption = 20,
        all_items: AllOption = False,
        kinds: Annotated[str, typer.Option(metavar="KINDS", help=KINDS_HELP)] = default_kinds,
        excel: Annotated[bool, typer.Option(
            "--excel", help="Start the file with the byte-order mark Excel needs to read "
            "UTF-8 (else it garbles – and …).")] = False,
        deck: DeckOption = None, topic: TopicOption = None, tag: TagOption = None,
        seed: ExportSeedOption = "1", output: OutputOption = None,
        facts_path: FactsOption = None,
    ) -> None:
        _export(name, output, facts_path, kinds=kinds, n=None if all_items else n, seed=seed,
                topic=topic, tag=tag, deck=deck, excel=excel)

    del export
    return csv_command if name == "csv" else command


def _export(name: str, output: Path | None, facts_path: Path | None, **options: Any) -> None:
    from quizgen import export

    made, rendered, left_out = _render(name, facts_path, **options)
    written = len(made.items) - len(rendered.left_out)
    _write(output or Path(export.get(name).filename), rendered.data,
           count(written, "question"), left_out)


def _render(name: str, facts_path: Path | None, *, kinds: str, n: int | None, seed: str,
            topic: str | None, tag: str | None, deck: str | None, **options: Any,
            ) -> tuple[selection.Questions, Rendered, list[tuple[str, str]]]:
    """The questions written, the file ``name`` makes of them, and every item left out.

    ``options`` are the Bank's. A format that declares its limits (``why_not``)
    gets ``n`` items it can take, drawn further along the seed's sequence; the
    items passed over are left out with the format's reason.
    """
    from quizgen import export
    from quizgen.errors import SelectionError
    from quizgen.export.draw import draw

    fmt = export.get(name)
    passed: list[tuple[str, str]] = []
    tried: list[Item] = []
    if fmt.why_not is None:
        made = selection.questions(facts_path, kinds=kinds, n=n, seed=seed, topic=topic,
                                   tag=tag, deck=deck)
    else:
        chosen = selection.choose(facts_path, topic=topic, tag=tag, deck=deck)
        drawn = draw(chosen.base, selection.parse_kinds(kinds), n, seed, fmt.why_not,
                     facts=chosen.facts)
        if not drawn.items and not drawn.passed:
            raise SelectionError("no questions of those kinds can be made from those facts")
        made = selection.Questions(chosen.base, drawn.items, seed)
        passed, tried = drawn.left_out, drawn.passed
    title = options.pop("title", None) or f"{made.base.title}: quiz"
    # With nothing it can take, render is given what was passed over: it says why.
    bank = export.Bank(made.base, made.items or tried, seed, title, **options)
    rendered = export.render(name, bank)
    return made, rendered, [*passed, *rendered.left_out]


def _write(path: Path, data: bytes, what: str,
           left_out: Sequence[tuple[str, str]] = ()) -> None:
    from quizgen.export.files import write_atomic

    note = write_atomic(path, data)
    typer.echo(f"Wrote {path}: {what}" + (f" ({note})" if note else ""))
    if left_out:
        typer.echo(f"Left out {count(len(left_out), 'item')}:")
        for item_id, reason in left_out:
            typer.echo(f"  {item_id}: {reason}")


def _worksheet(default_kinds: str) -> Callable[..., None]:
    """The worksheet's command: the bank's options and its own (versions, paper, keys, PDF)."""
    from quizgen import export

    def worksheet(
        n: NumberOption = 20,
        kinds: Annotated[str, typer.Option(metavar="KINDS", help=KINDS_HELP)] = default_kinds,
        title: Annotated[str | None, typer.Option(
            metavar="TEXT", show_default=False,
            help="The heading. Default: the fact file's title and \"quiz\".")] = None,
        instructions: Annotated[str | None, typer.Option(
            metavar="TEXT", show_default=False,
            help="A line for the students under the name line.")] = None,
        points: Annotated[int | None, typer.Option(
            min=1, metavar="N", show_default=False,
            help="Points per question, shown beside each, with the total.")] = None,
        versions: Annotated[int, typer.Option(
            min=1, max=26, metavar="N",
            help="Per-student versions: the same questions, shuffled, each with its own key.")
        ] = 1,
        paper: Annotated[Literal["a4", "letter"], typer.Option(
            case_sensitive=False, help="Paper size.")] = "a4",
        key_only: Annotated[bool, typer.Option("--key-only",
                                               help="Write only the answer keys.")] = False,
        pdf: Annotated[bool, typer.Option(
            "--pdf", help="Also write a PDF beside the HTML (needs Chromium or Chrome); "
            "-o NAME.pdf writes only the PDF.")] = False,
        seed: ExportSeedOption = "1", output: OutputOption = None,
        deck: DeckOption = None, topic: TopicOption = None, tag: TagOption = None,
        facts_path: FactsOption = None,
    ) -> None:
        from quizgen.export import worksheet as sheet

        html_path, pdf_path = sheet.targets(output, Path(
            "worksheet-key.html" if key_only else export.get("worksheet").filename), pdf)
        browser = sheet.find_browser()
        if html_path is None and browser is None:
            raise sheet.PdfError(
                f"cannot write {pdf_path}: no Chromium or Chrome was found to make a PDF; "
                f"write the HTML with -o {Path(str(pdf_path)).with_suffix('.html')} and print "
                "it from a browser, or install chromium (or set $QUIZGEN_BROWSER)")
        made, rendered, left_out = _render(
            "worksheet", facts_path, kinds=kinds, n=n, seed=seed, topic=topic, tag=tag,
            deck=deck, versions=versions, paper=paper, key_only=key_only, title=title,
            instructions=instructions, points=points)
        what = (f"{count(versions, 'version')} of {count(len(made.items), 'question')}"
                + (", keys only" if key_only else ", with answer keys"))
        if html_path is not None:
            _write(html_path, rendered.data, what, left_out)
        if pdf_path is not None:
            data = sheet.to_pdf(rendered.data.decode("utf-8"), browser)
            _write(pdf_path, data, "PDF" if html_path is not None else f"PDF, {what}",
                   left_out if html_path is None else ())

    return worksheet


@commands.command("anki", epilog="Example: quizgen export anki --deck classroom-starter -o out")
def export_anki(
    deck: Annotated[str | None, typer.Option(
        metavar="NAME", help="Only this deck: its file name (without .yaml) or its name.")
    ] = None,
    all_decks: Annotated[bool, typer.Option("--all", help="Every deck (the default).")] = False,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="DIR", readable=False,
                                         help="Folder to write the .apkg files to.")] = Path("."),
    decks_dir: Annotated[Path | None, typer.Option(
        "--decks", metavar="DIR", show_default=False, readable=False,
        help="Deck definitions. Default: the decks/ folder beside the fact file.")] = None,
    facts_path: FactsOption = None,
) -> None:
    """Write Anki decks (.apkg): import once, re-import to take in corrections."""
    from quizgen.errors import SelectionError
    from quizgen.export import anki
    from quizgen.factfile.decks import plan

    if deck is not None and all_decks:
        raise SelectionError("give --deck NAME or --all, not both")
    base = selection.load(facts_path)
    folder = selection.decks_folder(base, decks_dir)
    definitions = selection.deck_definitions(base, folder, only=deck)
    from quizgen.errors import FactFileError
    from quizgen.factfile.revise import lock_problems

    stale, _ = lock_problems(base, folder)
    if stale:  # their notes would not update in Anki: the correction would be lost
        raise FactFileError(stale)
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
