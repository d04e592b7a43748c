"""What the live server keeps an eye on: who guesses codes, and what the host must be told.

:class:`Watch` holds a token bucket of wrong join codes per network address
(so one device guessing is held back and no one else is), the wrong codes of
the last minute across all addresses, the addresses whose joins were refused
for having too many players, and the alerts the host page shows (each with
an expiry, or none while it holds: a full disk). :class:`OneTime` is the
one-time host link. No sockets here: the hub asks and sends.
"""

from __future__ import annotations

import hmac
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from quizgen.live.guard import Limits
from quizgen.live.protocol import Bucket

GUESSES_ALERT = 20
"""Wrong codes in a minute, across all addresses, that the host is told about."""
ADDRESSES_KEPT = 10_000
WINDOW = 60.0


@dataclass(slots=True)
class OneTime:
    """The one-time host link opened in the teacher's browser: a browser's command line
    is visible to every local user, so the link there is spent when first used."""

    value: str
    expires: float
    clock: Callable[[], float] = time.monotonic

    def use(self, given: str) -> bool:
        ok = (
            bool(self.value)
            and self.clock() < self.expires
            and hmac.compare_digest(given.encode("utf-8", "replace"), self.value.encode("utf-8"))
        )
        if ok:
            self.value = ""
        return ok


@dataclass(slots=True)
class Watch:
    limits: Limits = field(default_factory=Limits)
    clock: Callable[[], float] = time.monotonic
    wrong: dict[str, Bucket] = field(default_factory=dict)
    """Wrong join codes, per network address."""
    guesses: deque[tuple[float, str]] = field(default_factory=deque)
    crowded: dict[str, float] = field(default_factory=dict)
    """Addresses whose joins were refused in the last minute (too many players there)."""
    alerts: dict[str, tuple[str, float]] = field(default_factory=dict)
    """What the host must know now: key -> (text, until when; inf while it holds)."""

    # ---- alerts --------------------------------------------------------------------------
    def texts(self) -> list[str]:
        now = self.clock()
        for key in [k for k, (_, until) in self.alerts.items() if until <= now]:
            del self.alerts[key]
        return [text for text, _ in self.alerts.values()]

    def say(self, key: str, text: str | None, seconds: float = math.inf) -> bool:
        """Set (or, with None, clear) an alert; True if that changed what the host sees."""
        if text is None:
            return self.alerts.pop(key, None) is not None
        if self.alerts.get(key, ("", 0.0))[0] == text:
            return False
        self.alerts[key] = (text, self.clock() + seconds)
        return True

    # ---- wrong codes ---------------------------------------------------------------------
    def _bucket(self, address: str) -> Bucket:
        bucket = self.wrong.get(address)
        if bucket is None:
            if len(self.wrong) >= ADDRESSES_KEPT:  # forget the addresses that are forgiven
                self.wrong = {a: b for a, b in self.wrong.items() if not b.full()}
            bucket = Bucket(
                rate=self.limits.wrong_codes_per_minute / 60,
                burst=self.limits.wrong_codes_burst,
                clock=self.clock,
            )
            self.wrong[address] = bucket
        return bucket

    def held_back(self, address: str) -> float:
        """Seconds before ``address`` may try a code again (0: it may now)."""
        return self._bucket(address).wait()

    def wrong_code(self, address: str) -> bool:
        """Count a wrong code from ``address``; True if the host's alerts changed."""
        self._bucket(address).allow()
        now = self.clock()
        self.guesses.append((now, address))
        while self.guesses and self.guesses[0][0] < now - WINDOW:
            self.guesses.popleft()
        if len(self.guesses) < GUESSES_ALERT:
            return False
        sources = len({a for _, a in self.guesses})
        return self.say(
            "codes",
            f"{len(self.guesses)} wrong codes in the last minute, from "
            f"{sources} address{'es' * (sources != 1)}: once your class has "
            "joined, lock the game.",
            WINDOW,
        )

    def refused_join(self, address: str, per_address: int) -> bool:
        """A join from ``address`` refused for its number of players; True if alerts changed."""
        now = self.clock()
        self.crowded[address] = now
        self.crowded = {a: t for a, t in self.crowded.items() if t > now - WINDOW}
        others = len(self.crowded) - 1
        also = f" (and from {others} other address{'es' * (others != 1)})" if others else ""
        return self.say(
            "crowded",
            f"A join from {address}{also} was refused: {per_address} "
            "players have joined from there already. If your class shares one "
            "address, restart with --per-address.",
            WINDOW,
        )
