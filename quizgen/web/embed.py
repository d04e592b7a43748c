"""Putting text and data inside an HTML page so that nothing in them can become code.

Shared by the study page and the live game's pages. Fact text reaches a page
in two ways only: HTML-escaped text in the markup, or JSON inside a
``<script type="application/json">`` block, which the page's script reads
with ``JSON.parse`` and shows with ``textContent``, never as HTML. Inside that
block ``<``, ``>`` and ``&`` are written as ``\\u003c``-style escapes (so no
``</script>`` or ``<!--`` can end or bend the block) and U+2028/U+2029 too
(line terminators to older JavaScript parsers).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from typing import Any

_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def text(value: str) -> str:
    """``value`` as HTML text or an attribute value: every markup character escaped."""
    return html.escape(value, quote=True)


def json_block(data: Any) -> str:
    """``data`` as JSON that is safe between ``<script type="application/json">`` tags.

    Keys are sorted and separators fixed, so the same data gives the same bytes.
    """
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return raw.translate(_JSON_ESCAPES)


def static(package: str, name: str) -> str:
    """A packaged static file (CSS or JavaScript), read through importlib.resources,
    so it is found the same way in a checkout, an editable install and a wheel."""
    return resources.files(package).joinpath("static", name).read_text(encoding="utf-8")


def csp_hash(source: str) -> str:
    """The Content-Security-Policy hash of an inline script or style: only that exact
    text may run, so injected markup (were any to slip through) could not."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def head(title: str, css: str, meta: str = "") -> str:
    """A page's <head>: the same for the study page and the live pages, ``meta`` added."""
    return (
        '<head>\n<meta charset="utf-8">\n'
        + meta
        + '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n<link rel="icon" href="data:,">\n'
        f"<title>{text(title)}</title>\n<style>{css}</style>\n</head>"
    )
