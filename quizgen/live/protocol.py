"""Every message a browser sends, checked before the game sees it.

A message is one JSON object of a known ``type`` with exactly that type's
fields; anything else (too long, not JSON, nested deeper than any message
is, a string holding a lone surrogate, an unknown field such as a
``player`` naming someone else) is refused with a message saying what was
wrong, never an exception the server would log. Sizes are bounded twice:
uvicorn drops a WebSocket frame over ``FRAME_MAX`` before it is read, and
:func:`parse` refuses a message over ``MESSAGE_MAX``. :class:`Bucket` bounds
a rate (messages per connection, wrong codes per address).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizgen.live.questions import Rejected

MESSAGE_MAX = 4096
"""Longest message taken, in bytes (a typed answer is at most 200 characters)."""
FRAME_MAX = 16384
"""Longest WebSocket frame uvicorn accepts at all: over it the connection is closed (1009)."""
DEPTH_MAX = 2
"""Deepest nesting of any message: the object and an answer's list in it."""

FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "host": {"token": str},
    "claim": {"once": str},
    "join": {"code": str, "name": str},
    "rejoin": {"token": str},
    "next": {},
    "remove": {"player": str},
    "lock": {"locked": bool},
    "answer": {"question": int, "value": (int, str, list)},
}
"""Each message type and its fields (all required)."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def parse(raw: str | bytes) -> dict[str, Any]:
    """The message as a dict of its known fields; Rejected says what is wrong with it."""
    size = len(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    if size > MESSAGE_MAX:
        raise Rejected(f"Message too large ({size} bytes; at most {MESSAGE_MAX}).")
    try:
        message = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Rejected("Messages must be JSON.") from None
    except RecursionError:  # the C decoder's own guard: thousands of brackets deep
        raise Rejected(f"Messages nest at most {DEPTH_MAX} levels deep.") from None
    _check_values(message, 1)
    if not isinstance(message, dict) or message.get("type") not in FIELDS:
        raise Rejected(f"Unknown message; expected a type among {', '.join(FIELDS)}.")
    wanted = FIELDS[message["type"]]
    extra = sorted(set(message) - set(wanted) - {"type"})
    if extra:
        raise Rejected(f"Unexpected field(s) in '{message['type']}': {', '.join(extra)}.")
    for name, kind in wanted.items():
        value = message.get(name)
        if kind is bool:
            ok = isinstance(value, bool)
        else:
            ok = value is not None and not isinstance(value, bool) and isinstance(value, kind)
        if not ok:
            raise Rejected(f"'{message['type']}' needs a valid '{name}'.")
    return message


def _check_values(value: Any, depth: int) -> None:
    """Refuse nesting deeper than any message has, and text no page could have sent
    (a lone surrogate cannot be encoded, so it would fail later, somewhere worse)."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise Rejected("Messages must be valid Unicode text (a lone surrogate was sent).")
        return
    if isinstance(value, dict | list):
        if depth > DEPTH_MAX:
            raise Rejected(f"Messages nest at most {DEPTH_MAX} levels deep.")
        items = [*value.keys(), *value.values()] if isinstance(value, dict) else value
        for item in items:
            _check_values(item, depth + 1)


@dataclass(slots=True)
class Bucket:
    """A token bucket: ``burst`` at once, ``rate`` a second after that."""

    rate: float
    burst: float
    clock: Callable[[], float]
    tokens: float = -1.0
    last: float = 0.0

    def _refill(self) -> None:
        now = self.clock()
        if self.tokens < 0:
            self.tokens, self.last = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now

    def allow(self) -> bool:
        """Take one token if there is one."""
        self._refill()
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def ready(self) -> bool:
        """Whether a token is there, without taking it."""
        self._refill()
        return self.tokens >= 1

    def wait(self) -> float:
        """Seconds until the next token (0 if there is one)."""
        self._refill()
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def full(self) -> bool:
        self._refill()
        return self.tokens >= self.burst
