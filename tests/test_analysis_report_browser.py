"""The item analysis report (``quizgen analyse -o report.html``) in real headless Chromium.

Opened from a file, as a teacher opens it: no request of any kind, no console error
(the page's Content-Security-Policy would report any inline style or script it
refused), its plots drawn, its tables there for screen readers, a student's hostile
reply shown as text. Screenshots go to build/review/screenshots/ for people to look
at (the README's copy with QUIZGEN_UPDATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from quizgen import factfile
from quizgen.analysis.classroom import ClassRequest, gather
from quizgen.web.report import render
from tests.support.browser import Watch, needs_chromium, shot
from tests.support.data import SMALL
from tests.support.simulated import README, UNIT, UNIT_GAME_SEED

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.slow, needs_chromium]
GAME = README / "unit" / "class-game.csv"
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)></svg>'


def report_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The README's report, with the README's relative paths."""
    monkeypatch.chdir(README)
    report = gather(
        ClassRequest((GAME.relative_to(README),), seed=UNIT_GAME_SEED),
        factfile.load(UNIT.relative_to(README)),
    )
    path = tmp_path / "report.html"
    path.write_bytes(render(report))
    return path


def test_the_report_opens_offline_with_its_plots_and_tables(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = report_file(tmp_path, monkeypatch)
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    watch = Watch(("file://",))
    watch.attach(page)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert page.title() == "Item analysis: Unit 3: the Imam Ali military base"
    headings = page.locator("h2").all_inner_texts()
    assert headings == [
        "Flagged items",
        "Facility and discrimination",
        "Score distribution",
        "All items",
        "Facts",
    ]
    assert page.locator("article.flagged-item h3").all_inner_texts() == ["mc-base-near-abu-kamal"]
    card = page.locator("article.flagged-item").inner_text()
    assert "possible key error" in card and "base-near-abu-kamal" in card
    # three plots, each an image with a name: the scatter, the options, the histogram
    plots = page.locator("svg.plot")
    assert plots.count() == 3
    for i in range(3):
        label = plots.nth(i).get_attribute("aria-labelledby")
        assert page.locator(f"[id='{label}']").text_content()
        box = plots.nth(i).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100
    assert page.locator("svg.plot circle").count() == 9  # one dot per item
    assert page.locator("svg.plot circle.flag").count() == 1
    assert page.locator("section[aria-labelledby='items'] tbody tr").count() == 9
    assert page.locator("section[aria-labelledby='items'] tr.flagged").count() == 1
    shot(page, "analysis-report.png")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the report"
    page.evaluate("document.activeElement.blur()")
    # a phone: nothing wider than the screen
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "analysis-report-phone.png")
    page.emulate_media(color_scheme="dark")
    shot(page, "analysis-report-dark.png")
    watch.clean()


def test_a_hostile_reply_stays_text(browser: Browser, tmp_path: Path) -> None:
    """A typed reply of markup is shown as those characters: nothing runs, nothing loads."""
    rows = [["student", "item", "response", "correct"]]
    for j in range(30):
        rows.append([f"s{j}", "typed-town", HOSTILE if j < 12 else "Abu Kamal",
                     "no" if j < 12 else "yes"])  # fmt: skip
        rows.append([f"s{j}", "typed-capital", "Erbil", "yes" if j < 12 else "no"])
    results = tmp_path / "paper.csv"
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    results.write_text(out.getvalue(), encoding="utf-8")
    report = gather(ClassRequest((results,)), factfile.load(SMALL))
    path = tmp_path / "hostile.html"
    path.write_bytes(render(report))
    page = browser.new_page()
    watch = Watch(("file://",))
    watch.attach(page)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert page.locator("script").count() == 0 and page.locator("img").count() == 0
    assert HOSTILE in page.locator("body").inner_text()
    watch.clean()
