"""Starting a live game: code, host token, pages, results files, uvicorn; Ctrl-C stops it.

:func:`prepare_game` makes everything a game needs from a fact base and its items
(no network); :func:`serve` runs it with uvicorn until Ctrl-C, then writes the
results one last time. Tests and the bench use :func:`prepare_game` and
:func:`server_config` and run the app on 127.0.0.1 themselves.

The teacher's browser is opened on a *one-time* host link
(``/host#once=...``): a browser's command line can be read by every user of
the machine (``ps``), so what it carries is spent the moment the page uses
it; the page then holds the real token in its tab's session storage. The
full host address, token and all, is printed only to the terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import threading
import time
import webbrowser
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute

from quizgen.errors import QuizgenError
from quizgen.facts import FactBase
from quizgen.grading import Grader
from quizgen.items import Item
from quizgen.live import pages
from quizgen.live.game import Game
from quizgen.live.guard import (
    BACKLOG,
    Gate,
    Guard,
    Limits,
    allowed_hosts,
    protocol_class,
    quiet_accept_errors,
)
from quizgen.live.pages import Page
from quizgen.live.protocol import FRAME_MAX
from quizgen.live.questions import live_questions
from quizgen.live.results import Results
from quizgen.live.server import Hub
from quizgen.live.watch import OneTime

if TYPE_CHECKING:
    import uvicorn

UVICORN: dict[str, Any] = {
    "ws_max_size": FRAME_MAX,
    "ws_per_message_deflate": False,
    "ws_ping_interval": 20,
    "ws_ping_timeout": 20,
    "log_level": "error",
    "timeout_graceful_shutdown": 3,
    "access_log": False,
    "timeout_keep_alive": 5,
    "backlog": BACKLOG,
    "proxy_headers": False,
    "server_header": False,
}
"""How uvicorn serves a game: small frames only; no compression (messages are a few hundred
bytes, and compressing each for each phone costs more time than it saves on a LAN); the
peer's own address, never one a header claims (the limits are per address); of uvicorn's
own log only errors: its warnings are about what clients sent ('Invalid HTTP request
received.' for any stray bytes), noise on the teacher's console, where quizgen says
what matters itself."""
ONE_TIME_SECONDS = 300.0


@dataclass(frozen=True, slots=True)
class Live:
    game: Game
    hub: Hub
    app: Any
    join_url: str
    host_url: str
    results: Results
    guard: Guard
    once_url: str = ""
    """The one-time host link for the browser (empty when none was made)."""


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
    limits: Limits | None = None,
    clock: Callable[[], float] = time.monotonic,
    one_time: bool = False,
) -> Live:
    """A game ready to serve at ``address:port``, writing its results under ``output``."""
    limits = limits or Limits()
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
        grader=Grader(base.facts, base.entities),
        seconds=seconds,
        title=title,
        per_address=limits.players_per_address,
    )
    stem = datetime.now().strftime("live-%Y%m%d-%H%M%S")
    results = Results(output, stem)
    guard = Guard(limits, clock=clock)
    once = (
        OneTime(secrets.token_urlsafe(16), clock() + ONE_TIME_SECONDS, clock) if one_time else None
    )
    hub = Hub(
        game,
        results,
        clock=clock,
        limits=limits,
        guard=guard,
        once=once,
        join={"url": join_url, "code": code, "qr": pages.qr_rows(f"{join_url}#{code}")},
    )
    app = create_app(
        hub,
        player_page=pages.player_page(title=title),
        host_page=pages.host_page(title=title),
        hosts=allowed_hosts(address, port),
        home=join_url,
    )
    return Live(
        game,
        hub,
        app,
        join_url,
        f"{join_url}host#{host_token}",
        results,
        guard,
        f"{join_url}host#once={once.value}" if once else "",
    )


def create_app(
    hub: Hub,
    *,
    host_page: Page,
    player_page: Page,
    hosts: frozenset[str] | None = None,
    home: str = "",
) -> Any:
    """The ASGI app: the phone page at /, the host page at /host, the game at /ws; behind
    the :class:`~quizgen.live.guard.Gate` when ``hosts`` are given."""

    def page(which: Page) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            return Response(
                which.body, media_type="text/html; charset=utf-8", headers=which.headers()
            )

        return endpoint

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        quiet_accept_errors(asyncio.get_running_loop())
        hub.save(now=True)
        yield
        if hub.timer is not None:
            hub.timer.cancel()
        if hub.guard is not None:
            hub.guard.stop()
        if hub.saver is not None:
            hub.saver.stop()

    app = Starlette(
        routes=[
            Route("/", page(player_page)),
            Route("/host", page(host_page)),
            WebSocketRoute("/ws", hub.serve),
        ],
        lifespan=lifespan,
    )
    if hosts is None or hub.guard is None:
        return app
    return Gate(app, hub.guard, hosts, home)


def server_config(live: Live, bind: str, port: int) -> uvicorn.Config:
    """uvicorn's settings for ``live``: its guarded HTTP protocol, small frames, no logs
    of each request."""
    import uvicorn

    return uvicorn.Config(
        live.app, host=bind, port=port, http=protocol_class(live.guard), **UVICORN
    )


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

    from quizgen.live.guard import raise_file_limit

    raise_file_limit()
    server = uvicorn.Server(server_config(live, bind, port))
    if open_browser:
        url = live.once_url or live.host_url

        def opener() -> None:
            for _ in range(100):
                if server.started:
                    webbrowser.open(url)
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
        if live.hub.saver is not None:
            live.hub.saver.stop()
        live.results.close()
    answered = sum(len(a) for a in live.game.answers)
    players = len(live.game.players)
    results = live.results
    echo(
        f"Stopped. {answered} answer{'s' * (answered != 1)} from {players} "
        f"player{'s' * (players != 1)}; results in {results.csv_path} and {results.json_path}"
    )
    if results.waiting:  # the disk is still full: the terminal keeps what it would not
        echo(
            f"quizgen: warning: {results.problem}; the {results.waiting} answers it did not "
            "take follow as CSV lines, to add to the file by hand:"
        )
        echo(results.unwritten().rstrip("\r\n"))
