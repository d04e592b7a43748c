"""The live game's server: Starlette routes and WebSockets around :class:`~quizgen.live.game.Game`.

A thin shell. Each WebSocket message is checked by :mod:`~quizgen.live.protocol`,
rate-limited, and becomes one game call; after a change every screen gets its
own view (a phone's view never holds an answer, a verdict or a score that
depends on one before the reveal). Refusals go back to the sender as
``{"type": "error", "message": ...}`` and change nothing; a wrong host
token, repeated wrong codes, a flood or a socket that says nothing close the
connection. Everything runs on one event loop, so game calls never overlap.

Wrong join codes are counted per network address (a token bucket each), so
one pupil guessing cannot keep the class out; the results are written as
answers come, and when the disk refuses, the host is told at once while the
answers wait in memory (:mod:`~quizgen.live.results`).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import time
from collections import deque
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
from quizgen.live.guard import ENTRY, Entry, Gate, Guard, Limits, State, quiet_accept_errors
from quizgen.live.pages import Page
from quizgen.live.protocol import Bucket
from quizgen.live.questions import Refused
from quizgen.live.results import Results

log = logging.getLogger("quizgen.live")

WRONG_CODES_PER_CONNECTION = 5
FLOOD_STRIKES = 20
SEND_TIMEOUT = 5.0
RETRY_SECONDS = 1.0
POLICY_VIOLATION = 1008
REMOVED = 4001
"""Close code: the host took this player out (the page says so and does not reconnect)."""
SILENT = 4408
"""Close code: the socket sent nothing in time (the page reconnects when it has something)."""
GUESSES_ALERT = 20
"""Wrong codes in a minute, across all addresses, that the host is told about."""
ADDRESSES_KEPT = 10_000


@dataclass(slots=True)
class Conn:
    """One WebSocket: who it speaks for (after its first message) and its limits."""

    bucket: Bucket
    address: str = ""
    entry: Entry | None = None
    role: str = ""
    token: str = ""
    player: str = ""
    wrong_codes: int = 0
    strikes: int = 0


@dataclass(slots=True)
class OneTime:
    """The one-time host link opened in the teacher's browser: a browser's command line
    is visible to every local user, so the link there is spent when first used."""

    value: str
    expires: float
    clock: Callable[[], float] = time.monotonic

    def use(self, given: str) -> bool:
        ok = bool(self.value) and self.clock() < self.expires and \
            len(given) == len(self.value) and given == self.value
        if ok:
            self.value = ""
        return ok


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
    retry: asyncio.TimerHandle | None = None
    snapshot_due: bool = False
    host_due: bool = False
    tasks: set[asyncio.Future[Any]] = field(default_factory=set)
    writer: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="quizgen-results"))
    wrong: dict[str, Bucket] = field(default_factory=dict)
    """Wrong join codes, per network address."""
    guesses: deque[tuple[float, str]] = field(default_factory=deque)
    crowded: dict[str, float] = field(default_factory=dict)
    """Addresses whose joins were refused in the last minute (too many players there)."""
    alerts: dict[str, tuple[str, float]] = field(default_factory=dict)
    """What the host must know now: key -> (text, until when; inf while it holds)."""

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
        now = self.clock()
        for key in [k for k, (_, until) in self.alerts.items() if until <= now]:
            del self.alerts[key]
        return {"type": "state", "view": self.game.host_view(),
                "alerts": [text for text, _ in self.alerts.values()]}

    async def broadcast(self, *, players: bool = True) -> None:
        """Every host its view and (with ``players``) every phone its own, all at once."""
        self.host_due = False
        host = json.dumps(self.host_message(), ensure_ascii=False)
        sends = [self._send_text(ws, host) for ws in list(self.hosts)]
        if players:
            views = self.game.player_views()
            sends += [self._send_text(ws, json.dumps({"type": "state", "view": views[pid]},
                                                     ensure_ascii=False))
                      for pid, ws in list(self.phones.items()) if pid in views]
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
        if text is None:
            if self.alerts.pop(key, None) is None:
                return
        else:
            if self.alerts.get(key, ("", 0.0))[0] == text:
                return
            self.alerts[key] = (text, self.clock() + seconds)
        with contextlib.suppress(RuntimeError):  # no loop: at shutdown
            self._spawn(self.broadcast(players=False))

    # ---- the results on disk -------------------------------------------------------------
    def record(self, answer: Any) -> None:
        """Queue an answer's CSV row and write it; if the disk refuses, tell the host."""
        if self.results is not None:
            self.results.add(answer)
            self._disk()

    def _disk(self) -> None:
        results = self.results
        if results is None:
            return
        problem = results.problem
        if problem is None:
            self.alert("disk", None)
            return
        waiting = results.waiting
        held = f"{waiting} answer{'s' * (waiting != 1)} held in memory" if waiting else \
            "the answers are safe in memory"
        self.alert("disk", f"Results cannot be saved: {problem}. The game goes on; {held}, "
                   "written as soon as the disk takes them again. Free some space.")
        if self.retry is None:
            with contextlib.suppress(RuntimeError):
                self.retry = asyncio.get_running_loop().call_later(RETRY_SECONDS, self._again)

    def _again(self) -> None:
        self.retry = None
        if self.results is not None:
            self.results.flush()
            self.save(now=True)
            self._disk()

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
            future = loop.run_in_executor(self.writer, results.write, data)  # in order
            future.add_done_callback(lambda _: self._disk())
        elif not self.snapshot_due:
            self.snapshot_due = True
            asyncio.get_running_loop().call_later(1.0, lambda: self.save(now=True)
                                                  if self.snapshot_due else None)

    # ---- the timer -----------------------------------------------------------------------
    def _arm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        if self.game.phase is Phase.QUESTION:
            self.timer = asyncio.get_running_loop().call_later(
                self.game.remaining() + 0.05, lambda: self._spawn(self._time_up()))

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
        conn = Conn(Bucket(rate=5.0, burst=20.0, clock=self.clock),
                    address=ws.client.host if ws.client else "", entry=entry)
        try:
            await self._converse(ws, conn)
        except WebSocketDisconnect:
            pass
        except Exception as exc:  # a bug: one line in the log, the game goes on
            log.error("quizgen live: closed a connection after an error: %s: %s",
                      type(exc).__name__, exc)
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
            except Refused as refused:
                await self.send(ws, {"type": "error", "message": str(refused)})
                if self._fatal(conn, refused):
                    await ws.close(POLICY_VIOLATION, str(refused)[:120])
                    return

    def _fatal(self, conn: Conn, refused: Refused) -> bool:
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

    # ---- wrong codes ---------------------------------------------------------------------
    def _bucket(self, address: str) -> Bucket:
        bucket = self.wrong.get(address)
        if bucket is None:
            if len(self.wrong) >= ADDRESSES_KEPT:  # forget the addresses that are forgiven
                self.wrong = {a: b for a, b in self.wrong.items() if not b.full()}
            bucket = Bucket(rate=self.limits.wrong_codes_per_minute / 60,
                            burst=self.limits.wrong_codes_burst, clock=self.clock)
            self.wrong[address] = bucket
        return bucket

    def _guessed(self, address: str) -> None:
        now = self.clock()
        self.guesses.append((now, address))
        while self.guesses and self.guesses[0][0] < now - 60:
            self.guesses.popleft()
        if len(self.guesses) >= GUESSES_ALERT:
            sources = len({a for _, a in self.guesses})
            self.alert("codes", f"{len(self.guesses)} wrong codes in the last minute, from "
                       f"{sources} address{'es' * (sources != 1)}: once your class has joined, "
                       "lock the game.", 60)

    def _crowded(self, address: str) -> None:
        """Tell the host that joins from ``address`` were refused (one alert for them all)."""
        now = self.clock()
        self.crowded[address] = now
        self.crowded = {a: t for a, t in self.crowded.items() if t > now - 60}
        others = len(self.crowded) - 1
        self.alert("crowded", f"A join from {address}"
                   + (f" (and from {others} other address{'es' * (others != 1)})" if others
                      else "")
                   + f" was refused: {self.game.per_address} players have joined from there "
                   "already. If your class shares one address, restart with --per-address.",
                   60)

    async def _join(self, ws: WebSocket, conn: Conn, message: dict[str, Any]) -> None:
        game = self.game
        if message["type"] == "join":
            bucket = self._bucket(conn.address)
            if not bucket.ready():
                raise Refused("Too many wrong codes from this network address: try again in "
                              f"{math.ceil(bucket.wait())} seconds.")
            try:
                player = game.join(message["code"], message["name"], conn.address)
            except WrongCode:
                bucket.allow()
                self._guessed(conn.address)
                raise
            except Refused as refused:
                if "network address" in str(refused):
                    self._crowded(conn.address)
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
        await self.send(ws, {"type": "state", "view": game.player_view(player.id)})
        await self.broadcast(players=False)

    async def _host(self, ws: WebSocket, conn: Conn, token: str) -> None:
        conn.role, conn.token = "host", token
        self.hosts.add(ws)
        if self.guard is not None:
            self.guard.mark(conn.entry, State.JOINED)
        await self.send(ws, {"type": "welcome", "join": self.join,
                             "results": [str(self.results.csv_path), str(self.results.json_path)]
                             if self.results is not None else []})
        await self.send(ws, self.host_message())

    # ---- one message ---------------------------------------------------------------------
    async def dispatch(self, ws: WebSocket, conn: Conn, message: dict[str, Any]) -> None:
        kind = message["type"]
        game = self.game
        host_token = conn.token if conn.role == "host" else None
        if kind in ("host", "claim", "join", "rejoin") and conn.role:
            raise Refused("This connection has already joined.")
        if kind == "host":
            if not game.is_host(message["token"]):
                raise Refused("Only the host's page can control the game: wrong host token.")
            await self._host(ws, conn, message["token"])
        elif kind == "claim":
            if self.once is None or not self.once.use(message["once"]):
                raise Refused("Only the host's page can control the game: this one-time link "
                              "has been used. Open the host address printed where quizgen "
                              "live was started.")
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
                raise Refused("Join the game first.")
            self.record(game.answer(conn.player, message["question"], message["value"]))
            self.save()
            if game.tick():
                self.save(now=True)
                await self.broadcast()
            else:
                await self.send(ws, {"type": "state", "view": game.player_view(conn.player)})
                self.host_soon()


def create_app(hub: Hub, *, host_page: Page, player_page: Page,
               hosts: frozenset[str] | None = None, home: str = "") -> Any:
    """The ASGI app: the phone page at /, the host page at /host, the game at /ws; behind
    the :class:`~quizgen.live.guard.Gate` when ``hosts`` are given."""

    def page(which: Page) -> Callable[[Request], Any]:
        async def endpoint(request: Request) -> Response:
            return Response(which.body, media_type="text/html; charset=utf-8",
                            headers=which.headers())
        return endpoint

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        quiet_accept_errors(asyncio.get_running_loop())
        hub.save(now=True)
        yield
        for handle in (hub.timer, hub.retry):
            if handle is not None:
                handle.cancel()
        if hub.guard is not None:
            hub.guard.stop()
        hub.writer.shutdown(wait=True)
        if hub.results is not None:
            hub.results.flush()
            hub.results.snapshot(hub.game.results())

    app = Starlette(routes=[Route("/", page(player_page)), Route("/host", page(host_page)),
                            WebSocketRoute("/ws", hub.serve)], lifespan=lifespan)
    if hosts is None or hub.guard is None:
        return app
    return Gate(app, hub.guard, hosts, home)
