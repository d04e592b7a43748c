"""The live game's server: Starlette routes and WebSockets around :class:`~quizgen.live.game.Game`.

A thin shell. Each WebSocket message is checked by :mod:`~quizgen.live.protocol`,
rate-limited, and becomes one game call; after a change every screen gets its
own view (a phone's view never holds an answer, a verdict or a score that
depends on one before the reveal). Refusals go back to the sender as
``{"type": "error", "message": ...}`` and change nothing; a wrong host
token, repeated wrong codes, a flood or a socket that says nothing close the
connection. Everything runs on one event loop, so game calls never overlap.

Wrong join codes are counted per network address (:mod:`~quizgen.live.watch`),
so one pupil guessing cannot keep the class out; the results are written as
answers come, and when the disk refuses, the host is told at once while the
answers wait in memory (:mod:`~quizgen.live.saving`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from starlette.websockets import WebSocket, WebSocketDisconnect

from quizgen.live import protocol, views
from quizgen.live.game import Game, Phase, WrongCode
from quizgen.live.guard import ENTRY, Guard, Limits, State, Tracked
from quizgen.live.protocol import Bucket
from quizgen.live.questions import Rejected
from quizgen.live.results import Results
from quizgen.live.saving import Saver
from quizgen.live.watch import OneTime, Watch

log = logging.getLogger("quizgen.live")

WRONG_CODES_PER_CONNECTION = 5
FLOOD_STRIKES = 20
SEND_TIMEOUT = 5.0
POLICY_VIOLATION = 1008
REMOVED = 4001
"""Close code: the host took this player out (the page says so and does not reconnect)."""
SILENT = 4408
"""Close code: the socket sent nothing in time (the page reconnects when it has something)."""


@dataclass(slots=True)
class Conn:
    """One WebSocket: who it speaks for (after its first message) and its limits."""

    bucket: Bucket
    address: str = ""
    entry: Tracked | None = None
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
    limits: Limits = field(default_factory=Limits)
    guard: Guard | None = None
    join: dict[str, Any] = field(default_factory=dict)
    """What the host page shows to let students in (address, code, QR code), sent only
    to a page that proved it is the host's."""
    once: OneTime | None = None
    hosts: set[WebSocket] = field(default_factory=set)
    phones: dict[str, WebSocket] = field(default_factory=dict)
    timer: asyncio.TimerHandle | None = None
    host_due: bool = False
    tasks: set[asyncio.Future[Any]] = field(default_factory=set)
    watch: Watch = field(init=False)
    """Wrong codes per address, and what the host must be told."""
    saver: Saver | None = field(init=False)

    def __post_init__(self) -> None:
        self.watch = Watch(self.limits, self.clock)
        self.saver = (
            None
            if self.results is None
            else Saver(
                self.results,
                partial(views.results, self.game),
                lambda text: self.alert("disk", text),
            )
        )

    # ---- sending -------------------------------------------------------------------------
    @staticmethod
    async def send(ws: WebSocket, message: dict[str, Any]) -> None:
        await Hub._send_text(ws, json.dumps(message, ensure_ascii=False))

    @staticmethod
    async def _send_text(ws: WebSocket, text: str) -> None:
        with contextlib.suppress(Exception):  # a phone gone away is not the game's problem
            async with asyncio.timeout(SEND_TIMEOUT):
                await ws.send_text(text)

    def host_message(self) -> dict[str, Any]:
        return {"type": "state", "view": views.host_view(self.game), "alerts": self.watch.texts()}

    async def broadcast(self, *, players: bool = True) -> None:
        """Every host its view and (with ``players``) every phone its own, all at once."""
        self.host_due = False
        host = json.dumps(self.host_message(), ensure_ascii=False)
        sends = [self._send_text(ws, host) for ws in list(self.hosts)]
        if players:
            each = views.player_views(self.game)
            sends += [
                self._send_text(
                    ws, json.dumps({"type": "state", "view": each[pid]}, ensure_ascii=False)
                )
                for pid, ws in list(self.phones.items())
                if pid in each
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

    def alert(self, key: str, text: str | None, seconds: float = math.inf) -> None:
        """Tell the hosts ``text`` (None: that ``key`` no longer holds), at once."""
        if self.watch.say(key, text, seconds):
            self.hosts_now()

    def hosts_now(self) -> None:
        with contextlib.suppress(RuntimeError):  # no loop: at shutdown
            self._spawn(self.broadcast(players=False))

    # ---- the results on disk -------------------------------------------------------------
    def save(self, *, now: bool = False) -> None:
        if self.saver is not None:
            self.saver.save(now=now)

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
        entry = ws.scope.get(ENTRY)
        conn = Conn(
            Bucket(rate=5.0, burst=20.0, clock=self.clock),
            address=ws.client.host if ws.client else "",
            entry=entry,
        )
        try:
            await self._converse(ws, conn)
        except WebSocketDisconnect:
            pass
        except Exception as exc:  # a bug: one line in the log, the game goes on
            log.error(
                "quizgen live: closed a connection after an error: %s: %s", type(exc).__name__, exc
            )
            with contextlib.suppress(Exception):
                await ws.close(1011)
        finally:
            await self.detach(ws, conn)

    async def _converse(self, ws: WebSocket, conn: Conn) -> None:
        while True:
            try:
                async with asyncio.timeout(None if conn.role else self.limits.hello_seconds):
                    event = await ws.receive()
            except TimeoutError:
                await ws.close(SILENT, "Nothing was sent in time.")
                return
            if event["type"] == "websocket.disconnect":
                return
            raw = event.get("text")
            raw = raw if raw is not None else event.get("bytes") or b""
            if not conn.bucket.allow():
                conn.strikes += 1
                if conn.strikes >= FLOOD_STRIKES:
                    await ws.close(POLICY_VIOLATION, "Too many messages.")
                    return
                await self.send(ws, {"type": "error", "message": "Too many messages: slow down."})
                continue
            try:
                await self.dispatch(ws, conn, protocol.parse(raw))
            except Rejected as refused:
                await self.send(ws, {"type": "error", "message": str(refused)})
                if self._fatal(conn, refused):
                    await ws.close(POLICY_VIOLATION, str(refused)[:120])
                    return

    def _fatal(self, conn: Conn, refused: Rejected) -> bool:
        if isinstance(refused, WrongCode):
            conn.wrong_codes += 1
            return conn.wrong_codes >= WRONG_CODES_PER_CONNECTION
        return conn.role == "" and str(refused).startswith("Only the host")

    async def detach(self, ws: WebSocket, conn: Conn) -> None:
        if self.guard is not None and conn.entry is not None:
            self.guard.release(conn.entry)
        self.hosts.discard(ws)
        if conn.role == "player" and self.phones.get(conn.player) is ws:
            del self.phones[conn.player]
            self.game.disconnect(conn.player)
            if self.game.tick():  # everyone still here has answered
                self.save(now=True)
                await self.broadcast()
            else:
                await self.broadcast(players=False)

    async def _join(self, ws: WebSocket, conn: Conn, message: dict[str, Any]) -> None:
        game = self.game
        if message["type"] == "join":
            wait = self.watch.held_back(conn.address)
            if wait:
                raise Rejected(
                    "Too many wrong codes from this network address: try again in "
                    f"{math.ceil(wait)} seconds."
                )
            try:
                player = game.join(message["code"], message["name"], conn.address)
            except WrongCode:
                if self.watch.wrong_code(conn.address):
                    self.hosts_now()
                raise
            except Rejected as refused:
                if "network address" in str(refused) and self.watch.refused_join(
                    conn.address, game.per_address
                ):
                    self.hosts_now()
                raise
        else:
            player = game.rejoin(message["token"])
        old = self.phones.get(player.id)
        conn.role, conn.player = "player", player.id
        self.phones[player.id] = ws
        if self.guard is not None:
            self.guard.mark(conn.entry, State.JOINED)
        if old is not None and old is not ws:
            with contextlib.suppress(Exception):
                await old.close(4000, "This player continued on another connection.")
        await self.send(ws, {"type": "joined", "token": player.token, "name": player.name})
        await self.send(ws, {"type": "state", "view": views.player_view(game, player.id)})
        await self.broadcast(players=False)

    async def _host(self, ws: WebSocket, conn: Conn, token: str) -> None:
        conn.role, conn.token = "host", token
        self.hosts.add(ws)
        if self.guard is not None:
            self.guard.mark(conn.entry, State.JOINED)
        await self.send(
            ws,
            {
                "type": "welcome",
                "join": self.join,
                "results": [str(self.results.csv_path), str(self.results.json_path)]
                if self.results is not None
                else [],
            },
        )
        await self.send(ws, self.host_message())

    # ---- one message ---------------------------------------------------------------------
    async def dispatch(self, ws: WebSocket, conn: Conn, message: dict[str, Any]) -> None:
        kind = message["type"]
        game = self.game
        host_token = conn.token if conn.role == "host" else None
        if kind in ("host", "claim", "join", "rejoin") and conn.role:
            raise Rejected("This connection has already joined.")
        if kind == "host":
            if not game.is_host(message["token"]):
                raise Rejected("Only the host's page can control the game: wrong host token.")
            await self._host(ws, conn, message["token"])
        elif kind == "claim":
            if self.once is None or not self.once.use(message["once"]):
                raise Rejected(
                    "Only the host's page can control the game: this one-time link "
                    "has been used. Open the host address printed where quizgen "
                    "live was started."
                )
            await self.send(ws, {"type": "token", "token": game.host_token})
            await self._host(ws, conn, game.host_token)
        elif kind in ("join", "rejoin"):
            await self._join(ws, conn, message)
        elif kind == "next":
            game.advance(host_token)
            self._arm()
            self.save(now=True)
            await self.broadcast()
        elif kind == "remove":
            player = game.remove(host_token, message["player"])
            phone = self.phones.pop(player.id, None)
            if phone is not None:
                with contextlib.suppress(Exception):
                    await phone.close(REMOVED, "The teacher removed you from the game.")
            self.save(now=True)
            if game.tick():
                await self.broadcast()
            else:
                await self.broadcast(players=False)
        elif kind == "lock":
            game.lock(host_token, message["locked"])
            await self.broadcast(players=False)
        elif kind == "answer":
            if conn.role != "player":
                raise Rejected("Join the game first.")
            answer = game.answer(conn.player, message["question"], message["value"])
            if self.saver is not None:
                self.saver.record(answer)
            self.save()
            if game.tick():
                self.save(now=True)
                await self.broadcast()
            else:
                await self.send(ws, {"type": "state", "view": views.player_view(game, conn.player)})
                self.host_soon()
