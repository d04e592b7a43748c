"""A plain WebSocket client of the live game: a phone or the host's page without a browser.

Shared by the live server, limits and command tests, which play a whole class of
phones (and an attacker) through real sockets.
"""

from __future__ import annotations

import json
from typing import Any

from websockets.sync.client import ClientConnection, connect


class Client:
    """A WebSocket client of the game; ``source`` picks its loopback address (127.x.y.z), so
    one test can play a class of phones, each from its own address."""

    def __init__(self, url: str, source: str | None = None, **kwargs: Any) -> None:
        if source is not None:
            kwargs["source_address"] = (source, 0)
        self.ws: ClientConnection = connect(
            url.replace("http", "ws") + "/ws", proxy=None, legacy=True, open_timeout=30, **kwargs
        )
        self.frames: list[str] = []

    def send(self, message: dict[str, Any] | str) -> None:
        self.ws.send(message if isinstance(message, str) else json.dumps(message))

    def get(self, kind: str, phase: str | None = None) -> dict[str, Any]:
        """The next message of this type (and phase), skipping others."""
        while True:
            frame = str(self.ws.recv(timeout=30))
            self.frames.append(frame)
            message: dict[str, Any] = json.loads(frame)
            if message["type"] == kind and (phase is None or message["view"]["phase"] == phase):
                return message

    def refused(self, message: dict[str, Any] | str) -> str:
        """The error the game answers ``message`` with."""
        self.send(message)
        text: str = self.get("error")["message"]
        return text
