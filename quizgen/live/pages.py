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

from quizgen.web.embed import csp_hash, head, json_block, static, text

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


def qr_svg(url: str) -> str:
    """The join address as an inline SVG QR code (segno; no text, only modules)."""
    import segno

    svg: str = segno.make(url, error="m").svg_inline(
        scale=6, border=2, dark="#000000", light="#ffffff", omitsize=False
    )
    return svg


def _page(kind: str, title: str, data: dict[str, Any], extra: str = "") -> Page:
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
{extra}<main id="main" tabindex="-1"><p>Connecting…</p></main>
<div id="announce" class="sr-only" role="status" aria-live="polite" aria-atomic="true"></div>
<script type="application/json" id="live-data">{json_block(data)}</script>
<script>{script}</script>
</body>
</html>
"""
    return Page(html.encode("utf-8"), policy)


def host_page(*, title: str, join_url: str, code: str, results: list[str]) -> Page:
    """The projector's page: join address, QR code (which carries the code too) and code.

    The host's token is not in the page: it is in the address's fragment
    (``/host#token``), which the browser never sends to any server."""
    qr = qr_svg(f"{join_url}#{code}")
    join = (
        f'<aside class="join" aria-label="How to join"><div class="qr">{qr}</div>'
        f'<p>Join at <strong class="url">{text(join_url)}</strong></p>'
        f'<p>Code <strong class="code" id="code">{text(code)}</strong></p></aside>\n'
    )
    return _page(
        "host", title, {"title": title, "joinUrl": join_url, "code": code, "results": results}, join
    )


def player_page(*, title: str) -> Page:
    return _page("player", title, {"title": title})
