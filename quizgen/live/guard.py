"""The live server's door: which connections it keeps, for how long, and for whom.

A classroom server must keep serving phones while a pupil's laptop opens
connections and sends nothing, or sends a request a byte at a time, or asks
for the page under another host name (DNS rebinding). Three parts:

- :class:`Guard` knows every open connection (by its peer address and port)
  and what it is doing: *new* (no request yet), *busy* (a request being
  answered), *idle* (between requests), *socket* (a WebSocket that has not
  said who it is yet) or *joined* (a player's or the host's WebSocket). A
  connection that stays new, busy or idle longer than ``request_seconds`` is
  cut, and so is a socket that stays silent past ``hello_seconds`` (the hub
  closes it first, politely). One address holds at most
  ``connections_per_address`` connections. All of them together stay under
  the process's open-file limit less a reserve: at the limit, the oldest
  connection that is not a joined WebSocket makes room for the new one, so
  held connections can slow a page down but never keep it from loading.
- :func:`protocol_class` is uvicorn's HTTP protocol with the guard at its
  door (``connection_made``): the only hook below the ASGI app, since a
  connection that never sends a request never reaches the app.
- :class:`Gate`, ASGI middleware: only the ``Host`` headers the game
  announced (and this machine's loopback names), and each request and
  WebSocket marked on its connection's entry.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from collections import Counter, OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

log = logging.getLogger("quizgen.live")

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

ENTRY = "quizgen.entry"
"""The scope key under which :class:`Gate` leaves a connection's :class:`Tracked`."""
BACKLOG = 128
"""uvicorn's listen backlog: also how many connections one wake-up may accept at once."""


@dataclass(frozen=True, slots=True)
class Limits:
    """The server's limits; the defaults suit a class of up to 300 on one network."""

    connections_per_address: int = 24
    """A phone uses one or two; a shared laptop with four players in four tabs, a dozen."""
    players_per_address: int = 4
    request_seconds: float = 10.0
    """From connecting (or the last answer) to a whole request answered."""
    hello_seconds: float = 10.0
    """From a WebSocket opening to its first message (pages send it at once)."""
    wrong_codes_burst: int = 10
    wrong_codes_per_minute: float = 6.0
    files_reserve: int = 2 * BACKLOG + 64
    """Open files kept free under the limit: two wake-ups' accepts, results, logs."""
    sweep_seconds: float = 0.5


def limits_for(players_per_address: int) -> Limits:
    """The limits for a class where up to ``players_per_address`` share an address (a school
    network behind one router): room for their connections and their typos too."""
    base = Limits()
    return Limits(
        players_per_address=players_per_address,
        connections_per_address=max(base.connections_per_address, 3 * players_per_address),
        wrong_codes_burst=max(base.wrong_codes_burst, players_per_address),
    )


class State(Enum):
    NEW = "new"
    BUSY = "busy"
    IDLE = "idle"
    SOCKET = "socket"
    JOINED = "joined"


@dataclass(eq=False, slots=True)
class Tracked:
    """A connection the guard tracks: its transport, peer, what it is doing and since when."""

    transport: asyncio.BaseTransport
    address: str
    port: int
    state: State
    since: float


def raise_file_limit() -> int:
    """Lift the soft open-file limit to the hard one (as Go and nginx do); the limit now."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        target = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 16)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    return int(soft) if soft != resource.RLIM_INFINITY else 1 << 20


def file_budget(limits: Limits) -> int:
    """How many connections fit under the open-file limit as it stands."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    files = 1 << 20 if soft == resource.RLIM_INFINITY else int(soft)
    return max(32, files - limits.files_reserve)


@dataclass(slots=True)
class Guard:
    limits: Limits = field(default_factory=Limits)
    clock: Callable[[], float] = time.monotonic
    budget: int = 0
    """Most connections at once (0: from the open-file limit when the first one comes)."""
    entries: dict[tuple[str, int], Tracked] = field(default_factory=dict)
    per_address: Counter[str] = field(default_factory=Counter)
    evictable: OrderedDict[int, Tracked] = field(default_factory=OrderedDict)
    """Entries that are not joined, oldest change first."""
    refused: int = 0
    evicted: int = 0
    timed_out: int = 0
    _sweep: asyncio.TimerHandle | None = None

    # ---- the door ------------------------------------------------------------------------
    def admit(self, transport: asyncio.BaseTransport) -> Tracked | None:
        """The new connection's entry, or None: refuse it (too many from its address, and
        nothing older to make room for it)."""
        if not self.budget:
            self.budget = file_budget(self.limits)
        peer = transport.get_extra_info("peername")
        address, port = (str(peer[0]), int(peer[1])) if isinstance(peer, tuple) else ("", 0)
        stale = self.entries.get((address, port))
        if stale is not None:
            self.release(stale)
        self._sweep_later()
        if self.per_address[address] >= self.limits.connections_per_address:
            self.refused += 1
            return None
        while len(self.entries) >= self.budget:
            if not self._evict_oldest():
                self.refused += 1
                return None
        entry = Tracked(transport, address, port, State.NEW, self.clock())
        self.entries[(address, port)] = entry
        self.per_address[address] += 1
        self.evictable[id(entry)] = entry
        return entry

    def release(self, entry: Tracked) -> None:
        """Forget a connection that has closed (safe to call twice)."""
        if self.entries.get((entry.address, entry.port)) is not entry:
            return
        del self.entries[(entry.address, entry.port)]
        self.evictable.pop(id(entry), None)
        self.per_address[entry.address] -= 1
        if self.per_address[entry.address] <= 0:
            del self.per_address[entry.address]

    def lookup(self, client: Any) -> Tracked | None:
        if not (isinstance(client, tuple | list) and len(client) >= 2):
            return None
        return self.entries.get((str(client[0]), int(client[1])))

    def mark(self, entry: Tracked | None, state: State) -> None:
        """``entry`` now does ``state``, from now on (its deadline starts again)."""
        if entry is None or self.entries.get((entry.address, entry.port)) is not entry:
            return
        entry.state, entry.since = state, self.clock()
        self.evictable.pop(id(entry), None)
        if state is not State.JOINED:
            self.evictable[id(entry)] = entry

    def _evict_oldest(self) -> bool:
        while self.evictable:
            _, entry = self.evictable.popitem(last=False)
            if self.entries.get((entry.address, entry.port)) is entry:
                entry.transport.abort()  # type: ignore[attr-defined]
                self.release(entry)
                if not self.evicted:
                    log.warning(
                        "quizgen live: %d connections, as many as the open-file limit "
                        "allows: the oldest unfinished ones are closed to make room",
                        self.budget,
                    )
                self.evicted += 1
                return True
        return False

    # ---- the clock -----------------------------------------------------------------------
    def deadline(self, entry: Tracked) -> float | None:
        if entry.state is State.JOINED:
            return None
        if entry.state is State.SOCKET:
            return entry.since + self.limits.hello_seconds + 1.0  # the hub closes it first
        return entry.since + self.limits.request_seconds

    def sweep(self) -> None:
        """Forget closed connections and cut those past their deadline."""
        now = self.clock()
        for entry in list(self.entries.values()):
            if entry.transport.is_closing():
                self.release(entry)
                continue
            due = self.deadline(entry)
            if due is not None and now >= due:
                entry.transport.abort()  # type: ignore[attr-defined]
                self.release(entry)
                self.timed_out += 1

    def _sweep_later(self) -> None:
        if self._sweep is None:
            loop = asyncio.get_running_loop()
            self._sweep = loop.call_later(self.limits.sweep_seconds, self._tick)

    def _tick(self) -> None:
        self._sweep = None
        self.sweep()
        if self.entries:
            self._sweep_later()

    def stop(self) -> None:
        if self._sweep is not None:
            self._sweep.cancel()
            self._sweep = None


def protocol_class(guard: Guard) -> type[asyncio.Protocol]:
    """uvicorn's h11 HTTP protocol, refusing at once the connections ``guard`` turns away."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Guarded(H11Protocol):
        entry: Tracked | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            self.entry = guard.admit(transport)
            if self.entry is None:
                transport.abort()
                return
            super().connection_made(transport)

        def data_received(self, data: bytes) -> None:
            if self.entry is not None:
                super().data_received(data)

        def connection_lost(self, exc: Exception | None) -> None:
            if self.entry is None:
                return
            guard.release(self.entry)
            super().connection_lost(exc)

    return Guarded


def allowed_hosts(address: str, port: int) -> frozenset[str]:
    """The ``Host`` headers the game answers to: the address it announced, and this
    machine's own loopback names (which no other site's page can be made to use)."""
    shown = f"[{address}]" if ":" in address else address
    names = {shown.lower(), "127.0.0.1", "localhost", "[::1]"}
    hosts = {f"{n}:{port}" for n in names}
    if port == 80:
        hosts |= names
    return frozenset(hosts)


class Gate:
    """ASGI middleware: the Host check, and each request's state on its connection."""

    def __init__(self, app: App, guard: Guard, hosts: frozenset[str], home: str) -> None:
        self.app, self.guard, self.hosts, self.home = app, guard, hosts, home

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = next((v for k, v in scope["headers"] if k == b"host"), b"")
        if host.decode("latin-1").lower() not in self.hosts:
            await self._refuse(kind, receive, send)
            return
        entry = self.guard.lookup(scope.get("client"))
        scope[ENTRY] = entry
        if kind == "websocket":
            self.guard.mark(entry, State.SOCKET)
            await self.app(scope, receive, send)
            return
        self.guard.mark(entry, State.BUSY)
        try:
            await self.app(scope, receive, send)
        finally:
            self.guard.mark(entry, State.IDLE)

    async def _refuse(self, kind: str, receive: Receive, send: Send) -> None:
        if kind == "websocket":
            await receive()  # websocket.connect
            await send({"type": "websocket.close", "code": 1008})
            return
        body = f"This game answers only at {self.home}\n".encode()
        await send(
            {
                "type": "http.response.start",
                "status": 421,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def quiet_accept_errors(loop: asyncio.AbstractEventLoop) -> None:
    """Out of open files at ``accept()``, asyncio logs a traceback and pauses accepting for a
    second; say it in one line instead (the guard keeps that from happening in the first
    place, but another process can still use up the machine's files)."""
    previous = loop.get_exception_handler()

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, OSError) and "accept" in str(context.get("message", "")):
            log.warning(
                "quizgen live: cannot take new connections for a moment: %s", exc.strerror or exc
            )
            return
        if previous is not None:
            previous(loop, context)
        else:
            loop.default_exception_handler(context)

    loop.set_exception_handler(handler)
