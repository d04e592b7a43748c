"""Headless Chromium for the browser tests: the system's browser, driven by Playwright.

Tests that need it are skipped, saying why, when there is no Chromium or no
Playwright. Every page is watched: a console error, an uncaught exception or
a request to anywhere but the page itself (a file) or the test's own server
fails the test.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parent.parent.parent
REVIEW = ROOT / "build" / "review" / "screenshots"
SCREENSHOTS = ROOT / "docs" / "screenshots"
"""The README's screenshots: rewritten on purpose, with QUIZGEN_UPDATE_SCREENSHOTS=1 (each run
differs a little: ports, shuffles, timers), as golden files are."""
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[test]' brings it)"
    if chromium() is None:
        return "no Chromium installed: apt-get install chromium (bash .ci/run does)"
    return None


needs_chromium = pytest.mark.skipif(missing() is not None, reason=missing() or "")


@contextlib.contextmanager
def launch() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What a page did that it must not: console errors, exceptions, outside requests."""

    allowed: tuple[str, ...]
    problems: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> Page:
        page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        page.on("pageerror", lambda e: self.problems.append(f"exception: {e}"))
        page.on("dialog", self._dialog)

        def check(route: Any) -> None:
            url = route.request.url
            if url.startswith(self.allowed):
                route.continue_()
            else:
                self.problems.append(f"request outside: {url}")
                route.abort()

        page.route("**/*", check)
        page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(self.allowed)
                else self.problems.append(f"request outside: {r.url}")
            ),
        )
        return page

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def clean(self) -> None:
        assert self.problems == []


def axe_violations(page: Page) -> list[str]:
    """What axe-core finds wrong with the page as it stands, a line per rule: every rule it
    runs by default (WCAG A and AA, colour contrast included, and its best practices).
    The script is the one the axe-playwright-python package ships, injected once."""
    from importlib import resources

    if not page.evaluate("() => typeof window.axe === 'object'"):
        script = resources.files("axe_playwright_python").joinpath("axe.min.js")
        page.evaluate(script.read_text(encoding="utf-8"))
    page.wait_for_timeout(50)  # let the view settle (a render, its announcement)
    found: list[dict[str, Any]] = page.evaluate(
        "() => axe.run({ resultTypes: ['violations'] }).then((r) => r.violations)"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(f"{n['target']} {n['failureSummary']}" for n in v["nodes"])
        for v in found
    ]


def shot(page: Page, name: str, *, full_page: bool = False) -> Path:
    """A screenshot for people to look at: build/review/screenshots/ always, and the
    README's copy in docs/screenshots/ with QUIZGEN_UPDATE_SCREENSHOTS=1."""
    folders = [REVIEW] + ([SCREENSHOTS] if os.environ.get("QUIZGEN_UPDATE_SCREENSHOTS") else [])
    data = page.screenshot(animations="disabled", full_page=full_page)
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folders[-1] / name


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def serving(live: Any, port: int) -> Iterator[str]:
    """A live game on 127.0.0.1:``port`` under uvicorn in a thread, as ``quizgen live`` runs it."""
    import uvicorn

    from quizgen.live.run import server_config

    server = uvicorn.Server(server_config(live, "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
