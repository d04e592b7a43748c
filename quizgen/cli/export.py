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

from quizgen import selection
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

if TYPE_CHECKING:
    from quizgen.export import Rendered

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
    kinds = ",".join(export.kinds(fmt))
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
        all_items: Annotated[bool, typer.Option("--all", help="The whole bank: every kind for "
                                                "every chosen fact (ignores -n).")] = False,
        kinds: Annotated[str, typer.Option(metavar="KINDS", help=KINDS_HELP)] = default_kinds,
        deck: DeckOption = None, topic: TopicOption = None, tag: TagOption = None,
        seed: ExportSeedOption = "1", output: OutputOption = None,
        facts_path: FactsOption = None,
    ) -> None:
        made, rendered = _render(name, facts_path, kinds=kinds, n=None if all_items else n,
                                 seed=seed, topic=topic, tag=tag, deck=deck)
        written = len(made.items) - len(rendered.left_out)
        _write(output or Path(export.get(name).filename), rendered.data,
               count(written, "question"), rendered.left_out)

    return command


def _render(name: str, facts_path: Path | None, *, kinds: str, n: int | None, seed: str,
            topic: str | None, tag: str | None, deck: str | None, **options: Any,
            ) -> tuple[selection.Questions, Rendered]:
    """The chosen questions, and the file ``name`` makes of them (``options``: the Bank's)."""
    from quizgen import export

    made = selection.questions(facts_path, kinds=kinds, n=n, seed=seed, topic=topic, tag=tag,
                               deck=deck)
    bank = export.Bank(made.base, made.items, seed, f"{made.base.title}: quiz", **options)
    return made, export.render(name, bank)


def _write(path: Path, data: bytes, what: str,
           left_out: Sequence[tuple[str, str]] = ()) -> None:
    from quizgen.export.files import write_atomic

    write_atomic(path, data)
    typer.echo(f"Wrote {path}: {what}")
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
        versions: Annotated[int, typer.Option(
            min=1, max=26, metavar="N",
            help="Per-student versions: the same questions, shuffled, each with its own key.")
        ] = 1,
        paper: Annotated[Literal["a4", "letter"], typer.Option(
            case_sensitive=False, help="Paper size.")] = "a4",
        key_only: Annotated[bool, typer.Option("--key-only",
                                               help="Write only the answer keys.")] = False,
        pdf: Annotated[bool, typer.Option(
            "--pdf", help="Also write a PDF (needs Chromium or Chrome).")] = False,
        deck: DeckOption = None, topic: TopicOption = None, tag: TagOption = None,
        seed: ExportSeedOption = "1", output: OutputOption = None,
        facts_path: FactsOption = None,
    ) -> None:
        made, rendered = _render("worksheet", facts_path, kinds=kinds, n=n, seed=seed,
                                 topic=topic, tag=tag, deck=deck, versions=versions,
                                 paper=paper, key_only=key_only)
        path = output or Path("worksheet-key.html" if key_only
                              else export.get("worksheet").filename)
        what = (f"{count(versions, 'version')} of {count(len(made.items), 'question')}"
                + (", keys only" if key_only else ", with answer keys"))
        _write(path, rendered.data, what, rendered.left_out)
        if pdf:
            from quizgen.export.files import write_atomic
            from quizgen.export.worksheet import to_pdf

            pdf_path = path.with_suffix(".pdf")
            write_atomic(pdf_path, to_pdf(rendered.data.decode("utf-8")))
            typer.echo(f"Wrote {pdf_path}")

    return worksheet


@commands.command("anki", epilog="Example: quizgen export anki --deck classroom-starter -o out")
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
