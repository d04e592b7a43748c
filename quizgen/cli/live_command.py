"""``quizgen live``: the typer command (parse options, choose questions, serve).

Registered in the CLI's lazy command list, so ``quizgen --help`` does not
import Starlette or uvicorn; the game itself is :mod:`quizgen.live`. Its fact
and selection options are the shared ones of :mod:`quizgen.cli.options`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quizgen.cli.options import DeckOption, FactsOption, TagOption, TopicOption, path_option

if TYPE_CHECKING:
    from quizgen.facts import FactBase
    from quizgen.generation.selection import Which
    from quizgen.items import Item

app = typer.Typer(add_completion=False, context_settings={"help_option_names": ["-h", "--help"]})

PER_ADDRESS = 4
"""The default of ``--per-address`` (the game's own, :data:`quizgen.live.game.PER_ADDRESS`,
is not imported here: ``--help`` stays free of the game's imports)."""


def live_kinds() -> str:
    """Every registered kind a live game can ask (all but self-graded ones), for the help."""
    from quizgen import items
    from quizgen.live.questions import LIVE_SHAPES

    return ",".join(k.kind for k in items.kinds() if k.shape in LIVE_SHAPES)


def _bank(which: Which, kinds: str, n: int, seed: str) -> tuple[FactBase, list[Item]]:
    """The fact base and the game's questions."""
    from quizgen.generation import selection

    chosen = selection.questions(which, kinds=kinds, n=n, seed=seed)
    if chosen.fewer:
        typer.echo(chosen.fewer, err=True)
    return chosen.base, list(chosen.items)


def results_folder(output: Path | None) -> Path:
    """``-o``, else ``live/`` in quizgen's data folder (``$QUIZGEN_HOME``, else the
    platform's, where progress is kept too): never beside the fact file, which may be a
    git checkout, and never wherever the command happened to be started."""
    from quizgen.progress.opening import resolve_home

    return output if output is not None else resolve_home() / "live"


@app.command(
    "live",
    epilog="Example: quizgen live -n 10 --kinds mc,tf,typed "
    "(students open the address shown and type the code)",
)
def live(
    deck: DeckOption = None,
    topic: TopicOption = None,
    tag: TagOption = None,
    n: Annotated[
        int, typer.Option("-n", "--number", min=1, max=100, metavar="N", help="How many questions.")
    ] = 10,
    kinds: Annotated[
        str,
        typer.Option(
            metavar="KINDS",
            help=f"Question kinds, comma-separated: {live_kinds().replace(',', ', ')}.",
        ),
    ] = "mc,tf,typed",
    seed: Annotated[
        str | None,
        typer.Option(metavar="SEED", show_default=False, help="Same seed, same questions."),
    ] = None,
    seconds: Annotated[
        float, typer.Option(min=5, max=300, metavar="SECONDS", help="Seconds per question.")
    ] = 20.0,
    host: Annotated[
        str | None,
        typer.Option(
            metavar="ADDRESS",
            show_default=False,
            help="Address to listen on. Default: this machine's local-network address; "
            "127.0.0.1 for this machine only.",
        ),
    ] = None,
    port: Annotated[
        int, typer.Option(min=1, max=65535, metavar="PORT", help="Port to listen on.")
    ] = 8765,
    per_address: Annotated[
        int,
        typer.Option(
            "--per-address",
            min=1,
            max=300,
            metavar="N",
            help="Players who may join from one network address (raise it when a class "
            "shares one, behind a router); above 10 it also lets that address mistype the "
            "code N times at once, as N players may.",
        ),
    ] = PER_ADDRESS,
    output: Annotated[
        Path | None,
        path_option(
            "-o",
            "--output",
            metavar="DIR",
            help="Folder for the results (CSV and JSON). Default: live/ in quizgen's data "
            "folder ($QUIZGEN_HOME, else your user data folder); printed at the start.",
        ),
    ] = None,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open the host page.")
    ] = False,
    facts: FactsOption = None,
) -> None:
    """A live classroom game on the local network: phones answer, the projector shows."""
    import secrets

    from quizgen.generation.selection import Which
    from quizgen.live.guard import limits_for
    from quizgen.live.net import lan_address
    from quizgen.live.run import check_port, prepare_game, serve

    seed = seed or str(secrets.randbelow(10_000))
    base, items = _bank(Which(facts, deck, topic, tag), kinds, n, seed)
    address = host or lan_address()
    check_port(address, port)
    shown = lan_address() if address in ("0.0.0.0", "::") else address  # all: show the LAN's
    game = prepare_game(
        base,
        items,
        title=base.title,
        address=shown,
        port=port,
        output=results_folder(output),
        seconds=seconds,
        limits=limits_for(per_address),
        one_time=not no_browser,
    )
    serve(game, bind=address, port=port, open_browser=not no_browser, echo=_say)


def _say(line: str) -> None:
    typer.echo(line)
    sys.stdout.flush()
