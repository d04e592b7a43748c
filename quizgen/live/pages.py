"""The live game's two pages, host (projector) and player (phone), built once at start.

Each page is static HTML with its CSS and JavaScript inlined from
``quizgen/live/static/`` and a JSON data block; everything the game says
later arrives over the WebSocket as JSON and is shown with ``textContent``.
The Content-Security-Policy sent with each page lets it run only its own
inline script, talk only to its own server, and be framed by no one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quizgen.web.embed import csp_hash, head, json_block, static

STATIC = "quizgen.live"


@dataclass(frozen=True, slots=True)
class Page:
    body: bytes
    policy: str

    def headers(self) -> dict[str, str]:
        return {
            "Content-Security-Policy": self.policy,
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "X-Frame-Options": "DENY",
        }


def qr_rows(url: str) -> list[str]:
    """The join address as a QR code's modules, one string of 0 and 1 per row (a quiet zone
    of two included): the host page draws it after it has proved it is the host's."""
    import segno

    return [
        "".join("1" if m else "0" for m in row)
        for row in segno.make(url, error="m").matrix_iter(scale=1, border=2)
    ]


def _page(kind: str, title: str, data: dict[str, Any]) -> Page:
    css = static(STATIC, "live.css")
    common, js = static(STATIC, "common.js"), static(STATIC, f"{kind}.js")
    script = static("quizgen.web", "dom.js") + "\n" + common + "\n" + js
    assert "</script" not in script.lower() and "</style" not in css.lower()
    policy = (
        f"default-src 'none'; script-src {csp_hash(script)}; style-src {csp_hash(css)}; "
        "img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )
    html = f"""<!DOCTYPE html>
<html lang="en">
{head(title, css)}
<body class="{kind}">
<main id="main" tabindex="-1"><p>Connecting…</p></main>
<div id="announce" class="sr-only" role="status" aria-live="polite" aria-atomic="true"></div>
<script type="application/json" id="live-data">{json_block(data)}</script>
<script>{script}</script>
</body>
</html>
"""
    return Page(html.encode("utf-8"), policy)


def host_page(*, title: str) -> Page:
    """The projector's page. It holds nothing but the game's title and its code: the join
    address, the game's code, the QR code and the results' place arrive over the
    WebSocket once the page has proved it is the host's, with the token in the address's
    fragment (which the browser never sends in a request) or a one-time link's."""
    return _page("host", title, {"title": title})


def player_page(*, title: str) -> Page:
    return _page("player", title, {"title": title})
