"""``quizgen export``: Anki decks, and a command for every format in the export registry.

The group lists :func:`quizgen.export.names` when it is made, so a format
registered by a plugin or a test is a command like the built-in ones, and
only the module of the format run is imported. Every format's command takes
the same options (which facts, which kinds, how many, the seed, the file);
its default ``--kinds`` are the kinds of the shapes the format declares, and
the fields of the format's own options dataclass come after them. Nothing
here names a format: what one needs beyond that (a PDF beside its HTML, say) is its
own ``saver``. ``anki`` exports deck definitions rather than questions, so it
is a command of its own.
"""

from __future__ import annotations

import dataclasses
import inspect
import typing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from quizgen.cli.lazy import Command, Entry, LazyGroup
from quizgen.cli.options import (
    AllOption,
    DeckOption,
    ExportSeedOption,
    FactsOption,
    NumberOption,
    OutputOption,
    TagOption,
    TopicOption,
    count,
    kinds_option,
    path_option,
)
from quizgen.generation import selection

if TYPE_CHECKING:
    from quizgen.export import Content, Format, Rendered
    from quizgen.items import Item

KINDS_HELP = (
    "Question kinds, comma-separated, any case, of {kinds}. Default: the kinds the "
    "format can write."
)


class ExportGroup(LazyGroup):
    """``anki``, then one command per registered format, each built when run."""

    def make_entries(self) -> Sequence[Entry]:
        from quizgen import export

        own = "Write Anki decks (.apkg): import once, re-import to take in corrections."
        return (
            Entry("anki", __name__, own, attr="commands"),
            *(Entry(name, __name__, "") for name in export.names()),
        )

    def entry_help(self, entry: Entry) -> str:
        from quizgen import export

        return entry.help or export.get(entry.name).help

    def build(self, entry: Entry) -> Command:
        if entry.attr == "commands":
            return super().build(entry)
        return _format_command(entry.name, self.rich_markup_mode)


app = typer.Typer(
    cls=ExportGroup, help="Export decks and study sets for other tools.", no_args_is_help=True
)
commands = typer.Typer()
"""The commands that are not a format's: anki."""


def _format_command(name: str, rich_markup_mode: object) -> Command:
    """``quizgen export NAME`` for a registered format, built when it runs."""
    from quizgen import export
    from quizgen.cli.lazy import PlainCommand

    fmt = export.get(name)
    sub = typer.Typer()
    sub.command(
        name,
        help=fmt.help,
        cls=PlainCommand,
        epilog=f"Example: quizgen export {name} -n 20 -o {fmt.filename}",
    )(_callback(fmt, ",".join(export.kinds_for(fmt))))
    return typer.main.get_command_from_info(
        sub.registered_commands[0],
        pretty_exceptions_short=True,
        rich_markup_mode=rich_markup_mode,  # type: ignore[arg-type]
    )


def _shared(
    n: NumberOption = 20,
    all_items: AllOption = False,
    kinds: Annotated[str, kinds_option(KINDS_HELP, every=False)] = "",
    deck: DeckOption = None,
    topic: TopicOption = None,
    tag: TagOption = None,
    seed: ExportSeedOption = "1",
    output: OutputOption = None,
    facts_path: FactsOption = None,
) -> None:
    """The options every format's command takes; the format's own go after ``kinds``."""


def _option_parameter(field: dataclasses.Field[Any], hints: dict[str, Any]) -> inspect.Parameter:
    """A format's option field as a typer parameter: ``key_only`` is ``--key-only``, with its
    help and limits; a bool is a flag."""
    meta = dict(field.metadata)
    info = typer.Option(f"--{field.name.replace('_', '-')}", help=meta.pop("help", None), **meta)
    return inspect.Parameter(
        field.name,
        inspect.Parameter.KEYWORD_ONLY,
        default=field.default,
        annotation=Annotated[hints[field.name], info],
    )


def _callback(fmt: Format, default_kinds: str) -> Callable[..., None]:
    """The command's function: the shared options and the format's own (its signature is
    made here, for typer to read), then one export."""
    shared = inspect.signature(_shared, eval_str=True)
    params = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in shared.parameters.values()]
    params[2] = params[2].replace(default=default_kinds)
    own = [f.name for f in dataclasses.fields(fmt.options)] if fmt.options else []
    if fmt.options is not None:
        hints = typing.get_type_hints(fmt.options)
        params[3:3] = [_option_parameter(f, hints) for f in dataclasses.fields(fmt.options)]

    def command(**given: Any) -> None:
        options = fmt.options(**{k: given.pop(k) for k in own}) if fmt.options else None
        n, all_items = given.pop("n"), given.pop("all_items")
        which = selection.Which(*(given.pop(k) for k in ("facts_path", "deck", "topic", "tag")))
        _export(fmt, options, which, n=None if all_items else n, **given)

    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    return command


def _export(
    fmt: Format, options: Any, which: selection.Which, *, output: Path | None, **choice: Any
) -> None:
    """Check the format can save, draw and render the items, then save what it makes."""
    save = fmt.saver(output, options) if fmt.saver is not None else None
    made, content, rendered, left_out = _render(fmt, options, which, **choice)
    if made.fewer:
        typer.echo(made.fewer, err=True)

    def write(path: Path, data: bytes, what: str, with_left_out: bool) -> None:
        _write(path, data, what, left_out if with_left_out else (), rendered.forms)

    if save is not None:
        save(rendered, content, write)
        return
    written = len(made.items) - len(rendered.left_out)
    write(output or Path(fmt.filename), rendered.data, count(written, "question"), True)


def _render(
    fmt: Format,
    options: Any,
    which: selection.Which,
    *,
    kinds: str,
    n: int | None,
    seed: str,
) -> tuple[selection.Questions, Content, Rendered, list[tuple[str, str]]]:
    """The questions written, what the format renders of them, the file it makes, and every
    item left out.

    A format that declares its limits (``why_not``) gets ``n`` items it can take, drawn
    further along the seed's sequence; the items passed over are left out with the
    format's reason.
    """
    from quizgen import export, items
    from quizgen.errors import SelectionError
    from quizgen.export.draw import draw

    passed: list[tuple[str, str]] = []
    tried: list[Item] = []
    if fmt.why_not is None:
        made = selection.questions(which, kinds=kinds, n=n, seed=seed)
    else:
        chosen = selection.choose(which)
        wanted = items.parse_kinds(kinds)
        drawn = draw(
            chosen.base,
            wanted,
            n,
            seed,
            fmt.why_not,
            facts=chosen.facts,
        )
        if not drawn.items and not drawn.passed:
            raise SelectionError("no questions of those kinds can be made from those facts")
        short = selection.fewer(drawn.items, n, wanted, len(chosen.facts), drawn.refused)
        made = selection.Questions(chosen.base, drawn.items, seed, short)
        passed, tried = drawn.left_out, drawn.passed
    # With nothing it can take, render is given what was passed over: it says why.
    content = export.Content(
        made.base, made.items or tried, seed, f"{made.base.title}: quiz", options
    )
    rendered = export.render(fmt.name, content)
    return made, content, rendered, [*passed, *rendered.left_out]


def _write(
    path: Path,
    data: bytes,
    what: str,
    left_out: Sequence[tuple[str, str]] = (),
    forms: Sequence[tuple[str, str]] = (),
) -> None:
    from quizgen.export.files import write_atomic

    note = write_atomic(path, data)
    typer.echo(f"Wrote {path}: {what}" + (f" ({note})" if note else ""))
    if left_out:
        typer.echo(f"Left out {count(len(left_out), 'item')}:")
        for item_id, reason in left_out:
            typer.echo(f"  {item_id}: {reason}")
    if forms:
        typer.echo(f"Written without {count(len(forms), 'part')} the format cannot hold:")
        for item_id, what_and_why in forms:
            typer.echo(f"  {item_id}: {what_and_why}")


@commands.command("anki", epilog="Example: quizgen export anki --deck classroom-starter -o out")
def export_anki(
    deck: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="Only this deck: its file name (without .yaml) or its name."
        ),
    ] = None,
    all_decks: Annotated[bool, typer.Option("--all", help="Every deck (the default).")] = False,
    output: Annotated[
        Path,
        typer.Option(
            "-o",
            "--output",
            metavar="DIR",
            readable=False,
            help="Folder to write the .apkg files to.",
        ),
    ] = Path("."),
    decks_dir: Annotated[
        Path | None,
        path_option(
            "--decks",
            metavar="DIR",
            help="Deck definitions. Default: the decks/ folder beside the fact file.",
        ),
    ] = None,
    facts_path: FactsOption = None,
) -> None:
    """Write Anki decks (.apkg): import once, re-import to take in corrections."""
    from quizgen.errors import SelectionError
    from quizgen.export import anki
    from quizgen.factfile.decks import plan, whole_file

    if deck is not None and all_decks:
        raise SelectionError("give --deck NAME or --all, not both")
    base = selection.load(facts_path)
    folder = selection.decks_folder(base, decks_dir, required=deck is not None)
    if folder is None:  # a fact file of one's own, with no deck definitions: one deck
        definitions = [whole_file(base)]
        typer.echo(
            f"No deck definitions beside {base.path}: one deck, '{base.title}', of all "
            f"{count(len(base.facts), 'fact')} (question and answer, and cloze cards). "
            "Deck definitions in a decks/ folder beside it choose others (see the README)."
        )
    else:
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
            typer.echo(
                f"Wrote {written.path}: {count(written.decks, 'deck')}, "
                f"{count(written.notes, 'note')}, {count(written.cards, 'card')}"
            )


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
