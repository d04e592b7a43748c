"""The live game's server: Starlette routes and WebSockets around :class:`~quizgen.live.game.Game`.

A thin shell. Each WebSocket message is checked by :mod:`~quizgen.live.protocol`,
rate-limited, and becomes one game call; after a change every screen gets its
own view (a phone's view never holds an answer before the reveal). Refusals
go back to the sender as ``{"type": "error", "message": ...}`` and change
nothing; a wrong host token, repeated wrong codes or a flood close the
connection. Everything runs on one event loop, so game calls never overlap.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from quizgen.live import protocol
from quizgen.live.game import Game, Phase, WrongCode
from quizgen.live.pages import Page
from quizgen.live.protocol import Bucket
from quizgen.live.questions import Rejected
from quizgen.live.results import Results

WRONG_CODES_PER_CONNECTION = 5
FLOOD_STRIKES = 20
SEND_TIMEOUT = 5.0
POLICY_VIOLATION = 1008


@dataclass(slots=True)
class Conn:
    """One WebSocket: who it speaks for (after its first message) and its limits."""

    bucket: Bucket
    role: str = ""
    token: str = ""
    player: str = ""
    wrong_codes: int = 0
    strikes: int = 0


@dataclass(slots=True)
class Hub:
    game: Game
    results: Results | None
    clock: Callable[[], float] = time.monotonic
    hosts: set[WebSocket] = field(default_factory=set)
    phones: dict[str, WebSocket] = field(default_factory=dict)
    timer: asyncio.TimerHandle | None = None
    snapshot_due: bool = False
    host_due: bool = False
    tasks: set[asyncio.Future[None]] = field(default_factory=set)
    writer: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="quizgen-results")
    )
    guesses: Bucket = field(init=False)
    """Wrong join codes across all connections: guessing the code takes days, not minutes."""

    def __post_init__(self) -> None:
        self.guesses = Bucket(rate=0.5, burst=30, clock=self.clock)

    def refund(self) -> None:
        """A join that was not a wrong code does not count as a guess."""
        self.guesses.tokens = min(self.guesses.burst, self.guesses.tokens + 1)

    # ---- sending -------------------------------------------------------------------------
    @staticmethod
    async def send(ws: WebSocket, message: dict[str, Any]) -> None:
        await Hub._send_text(ws, json.dumps(message, ensure_ascii=False))

    @staticmethod
    async def _send_text(ws: WebSocket, text: str) -> None:
        with contextlib.suppress(Exception):  # a phone gone away is not the game's problem
            async with asyncio.timeout(SEND_TIMEOUT):
                await ws.send_text(text)

    async def broadcast(self, *, players: bool = True) -> None:
        """Every host its view and (with ``players``) every phone its own, all at once."""
        self.host_due = False
        host = json.dumps({"type": "state", "view": self.game.host_view()}, ensure_ascii=False)
        sends = [self._send_text(ws, host) for ws in list(self.hosts)]
        if players:
            views = self.game.player_views()
            sends += [
                self._send_text(
                    ws, json.dumps({"type": "state", "view": views[pid]}, ensure_ascii=False)
                )
                for pid, ws in list(self.phones.items())
            ]
        await asyncio.gather(*sends)

    def host_soon(self) -> None:
        """The hosts' view, at most every 0.1 s: a class answering at once is one update."""
        if not self.host_due:
            self.host_due = True
            asyncio.get_running_loop().call_later(0.1, self._host_now)

    def _host_now(self) -> None:
        if self.host_due:
            self.host_due = False
            self._spawn(self.broadcast(players=False))

    def _spawn(self, job: Coroutine[Any, Any, None]) -> None:
        """Run ``job`` in the background, keeping a reference until it is done."""
        task = asyncio.ensure_future(job)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def save(self, *, now: bool = False) -> None:
        """Write the JSON results: now, or at most once a second while answers come in.

        The document is encoded here, between two game calls (so it is consistent),
        and written by a worker thread, so the event loop never waits for the disk.
        (The CSV, appended per answer, is what a crash can never lose.)"""
        results = self.results
        if results is None:
            return
        if now:
            self.snapshot_due = False
            data = results.encode(self.game.results())
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # at shutdown, outside the loop
                results.write(data)
                return
            loop.run_in_executor(self.writer, results.write, data)  # one thread: in order
        elif not self.snapshot_due:
            self.snapshot_due = True
            asyncio.get_running_loop().call_later(
                1.0, lambda: self.save(now=True) if self.snapshot_due else None
            )

    # ---- the timer -----------------------------------------------------------------------
    def _arm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if self.game.phase is Phase.QUESTION:
            self.timer = asyncio.get_running_loop().call_later(
                self.game.remaining() + 0.05, lambda: self._spawn(self._time_up())
            )

    async def _time_up(self) -> None:
        if self.game.tick():
            self.save(now=True)
            await self.broadcast()
        elif self.game.phase is Phase.QUESTION:
            self._arm()

    # ---- one connection ------------------------------------------------------------------
    async def serve(self, ws: WebSocket) -> None:
        origin = ws.headers.get("origin")
        if origin and urlsplit(origin).netloc != ws.headers.get("host"):
            await ws.close(POLICY_VIOLATION, "This game only takes connections from its own pages.")
            return
        await ws.accept()
        conn = Conn(Bucket(rate=5.0, burst=20.0, clock=self.clock))
        try:
            while True:
                event = await ws.receive()
                if event["type"] == "websocket.disconnect":
                    break
                raw = event.get("text")
                raw = raw if raw is not None else event.get("bytes") or b""
                if not conn.bucket.allow():
                    conn.strikes += 1
                    if conn.strikes >= FLOOD_STRIKES:
                        await ws.close(POLICY_VIOLATION, "Too many messages.")
                        break
                    await self.send(
                        ws, {"type": "error", "message": "Too many messages: slow down."}
                    )
                    continue
                try:
                    await self.dispatch(ws, conn, protocol.parse(raw))
                except Rejected as refused:
                    await self.send(ws, {"type": "error", "message": str(refused)})
                    if self._fatal(conn, refused):
                        await ws.close(POLICY_VIOLATION, str(refused)[:120])
                        break
        except WebSocketDisconnect:
            pass
        finally:
            await self.detach(ws, conn)

    def _fatal(self, conn: Conn, refused: Rejected) -> bool:
        if isinstance(refused, WrongCode):
            conn.wrong_codes += 1
            return conn.wrong_codes >= WRONG_CODES_PER_CONNECTION
        return conn.role == "" and str(refused).startswith("Only the host")

    async def detach(self, ws: WebSocket, conn: Conn) -> None:
        self.hosts.discard(ws)
        if conn.role == "player" and self.phones.get(conn.player) is ws:
            del self.phones[conn.player]
            self.game.disconnect(conn.player)
            if self.game.tick():  # everyone still here has answered
                self.save(now=True)
                await self.broadcast()
            else:
                await self.broadcast(players=False)

    async def dispatch(self, ws: WebSocket, conn: Conn, message: dict[str, Any]) -> None:
        kind = message["type"]
        game = self.game
        if kind == "host":
            if not game.is_host(message["token"]):
                raise Rejected("Only the host's page can control the game: wrong host token.")
            conn.role, conn.token = "host", message["token"]
            self.hosts.add(ws)
            await self.send(ws, {"type": "state", "view": game.host_view()})
        elif kind in ("join", "rejoin"):
            if conn.role:
                raise Rejected("This connection has already joined.")
            if kind == "join":
                if not self.guesses.allow():
                    raise Rejected("Too many wrong codes have been tried: wait a minute.")
                try:
                    player = game.join(message["code"], message["name"])
                except WrongCode:
                    raise
                except Rejected:
                    self.refund()
                    raise
                self.refund()
            else:
                player = game.rejoin(message["token"])
            old = self.phones.get(player.id)
            conn.role, conn.player = "player", player.id
            self.phones[player.id] = ws
            if old is not None and old is not ws:
                with contextlib.suppress(Exception):
                    await old.close(4000, "This player continued on another connection.")
            await self.send(ws, {"type": "joined", "token": player.token, "name": player.name})
            await self.send(ws, {"type": "state", "view": game.player_view(player.id)})
            await self.broadcast(players=False)
        elif kind == "next":
            game.advance(conn.token if conn.role == "host" else None)
            self._arm()
            self.save(now=True)
            await self.broadcast()
        elif kind == "answer":
            if conn.role != "player":
                raise Rejected("Join the game first.")
            record = game.answer(conn.player, message["question"], message["value"])
            if self.results is not None:
                self.results.add(record)
            self.save()
            if game.tick():
                self.save(now=True)
                await self.broadcast()
            else:
                await self.send(ws, {"type": "state", "view": game.player_view(conn.player)})
                self.host_soon()


def create_app(hub: Hub, *, host_page: Page, player_page: Page) -> Starlette:
    """The ASGI app: the phone page at /, the host page at /host, the game at /ws."""

    def page(which: Page) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            return Response(
                which.body, media_type="text/html; charset=utf-8", headers=which.headers()
            )

        return endpoint

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        hub.save(now=True)
        yield
        if hub.timer is not None:
            hub.timer.cancel()
        hub.writer.shutdown(wait=True)
        if hub.results is not None:
            hub.results.snapshot(hub.game.results())

    return Starlette(
        routes=[
            Route("/", page(player_page)),
            Route("/host", page(host_page)),
            WebSocketRoute("/ws", hub.serve),
        ],
        lifespan=lifespan,
    )
