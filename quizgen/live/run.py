"""Starting a live game: code, host token, pages, results files, uvicorn; Ctrl-C stops it.

:func:`prepare_game` makes everything a game needs from a fact base and its items
(no network); :func:`serve` runs it with uvicorn until Ctrl-C, then writes the
results one last time. Tests and the bench use :func:`prepare_game` and run the
app on 127.0.0.1 themselves.
"""

from __future__ import annotations

import secrets
import threading
import time
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.applications import Starlette

from quizgen.errors import QuizgenError
from quizgen.facts import FactBase
from quizgen.grading import Grader
from quizgen.items import Item
from quizgen.live import pages
from quizgen.live.game import Game
from quizgen.live.protocol import FRAME_MAX
from quizgen.live.questions import live_questions
from quizgen.live.results import Results
from quizgen.live.server import Hub, create_app

UVICORN: dict[str, Any] = {
    "ws_max_size": FRAME_MAX,
    "ws_per_message_deflate": False,
    "ws_ping_interval": 20,
    "ws_ping_timeout": 20,
    "log_level": "warning",
    "timeout_graceful_shutdown": 3,
    "access_log": False,
}
"""How uvicorn serves a game: small frames only; no compression (messages are a few hundred
bytes, and compressing each for each phone costs more time than it saves on a LAN)."""


@dataclass(frozen=True, slots=True)
class Live:
    game: Game
    hub: Hub
    app: Starlette
    join_url: str
    host_url: str
    results: Results


def prepare_game(
    base: FactBase,
    items: Sequence[Item],
    *,
    title: str,
    address: str,
    port: int,
    output: Path,
    seconds: float = 20.0,
    code: str | None = None,
    host_token: str | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Live:
    """A game ready to serve at ``address:port``, writing its results under ``output``."""
    shown = f"[{address}]" if ":" in address else address
    join_url = f"http://{shown}:{port}/"
    code = code or f"{secrets.randbelow(900_000) + 100_000}"
    host_token = host_token or secrets.token_urlsafe(24)
    game = Game(
        live_questions(base, items),
        code=code,
        host_token=host_token,
        clock=clock,
        new_token=lambda: secrets.token_urlsafe(18),
        grader=Grader(base.facts),
        seconds=seconds,
        title=title,
    )
    stem = datetime.now().strftime("live-%Y%m%d-%H%M%S")
    results = Results(output, stem)
    hub = Hub(game, results, clock=clock)
    app = create_app(
        hub,
        player_page=pages.player_page(title=title),
        host_page=pages.host_page(
            title=title,
            join_url=join_url,
            code=code,
            results=[results.csv_path.name, results.json_path.name],
        ),
    )
    return Live(game, hub, app, join_url, f"{join_url}host#{host_token}", results)


def check_port(bind: str, port: int) -> None:
    """A one-line error now, rather than uvicorn's log line later, if the port is taken."""
    import socket

    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((bind, port))
        except OSError as exc:
            raise QuizgenError(
                f"cannot listen on {bind}:{port}: {exc.strerror or exc} "
                "(choose another with --port, or an address with --host)"
            ) from None


def serve(
    live: Live, *, bind: str, port: int, open_browser: bool, echo: Callable[[str], None]
) -> None:
    """Serve until Ctrl-C (uvicorn stops cleanly), keeping every result written."""
    import uvicorn

    config = uvicorn.Config(live.app, host=bind, port=port, **UVICORN)
    server = uvicorn.Server(config)
    if open_browser:

        def opener() -> None:
            for _ in range(100):
                if server.started:
                    webbrowser.open(live.host_url)
                    return
                time.sleep(0.05)

        threading.Thread(target=opener, daemon=True).start()
    echo(f"Students join at {live.join_url} with code {live.game.code}")
    echo(f"Host page (keep it to yourself; it controls the game): {live.host_url}")
    echo(f"Results: {live.results.csv_path} and {live.results.json_path}")
    echo("Ctrl-C stops the game; the results are kept.")
    try:
        server.run()
    except KeyboardInterrupt:
        pass  # uvicorn has shut down cleanly and re-raised Ctrl-C: stopping is the normal end
    finally:
        live.hub.writer.shutdown(wait=True)
        live.results.snapshot(live.game.results())
        live.results.close()
    answered = sum(len(a) for a in live.game.answers)
    players = len(live.game.players)
    echo(
        f"Stopped. {answered} answer{'s' * (answered != 1)} from {players} "
        f"player{'s' * (players != 1)} saved to {live.results.csv_path} and "
        f"{live.results.json_path}"
    )
