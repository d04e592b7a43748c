"""Every message a browser sends, checked before the game sees it.

A message is one JSON object of a known ``type`` with exactly that type's
fields; anything else (too long, not JSON, an unknown field such as a
``player`` naming someone else) is refused with a message saying what was
wrong. Sizes are bounded twice: uvicorn drops a WebSocket frame over
``FRAME_MAX`` before it is read, and :func:`parse` refuses a message over
``MESSAGE_MAX``. :class:`Bucket` bounds the rate per connection.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizgen.live.questions import Rejected

MESSAGE_MAX = 4096
"""Longest message taken, in bytes (a typed answer is at most 200 characters)."""
FRAME_MAX = 16384
"""Longest WebSocket frame uvicorn accepts at all: over it the connection is closed (1009)."""

FIELDS: dict[str, dict[str, type | tuple[type, ...]]] = {
    "host": {"token": str},
    "join": {"code": str, "name": str},
    "rejoin": {"token": str},
    "next": {},
    "answer": {"question": int, "value": (int, str, list)},
}
"""Each message type and its fields (all required)."""


def parse(raw: str | bytes) -> dict[str, Any]:
    """The message as a dict of its known fields; Rejected says what is wrong with it."""
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MESSAGE_MAX:
        raise Rejected(f"Message too large ({size} bytes; at most {MESSAGE_MAX}).")
    try:
        message = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise Rejected("Messages must be JSON.") from None
    if not isinstance(message, dict) or message.get("type") not in FIELDS:
        raise Rejected(f"Unknown message; expected a type among {', '.join(FIELDS)}.")
    wanted = FIELDS[message["type"]]
    extra = sorted(set(message) - set(wanted) - {"type"})
    if extra:
        raise Rejected(f"Unexpected field(s) in '{message['type']}': {', '.join(extra)}.")
    for name, kind in wanted.items():
        value = message.get(name)
        if value is None or isinstance(value, bool) or not isinstance(value, kind):
            raise Rejected(f"'{message['type']}' needs a valid '{name}'.")
    return message


@dataclass(slots=True)
class Bucket:
    """A token bucket: ``burst`` messages at once, ``rate`` a second after that."""

    rate: float
    burst: float
    clock: Callable[[], float]
    tokens: float = -1.0
    last: float = 0.0

    def allow(self) -> bool:
        now = self.clock()
        if self.tokens < 0:
            self.tokens, self.last = self.burst, now
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False
