"""A live game in real headless Chromium: the host page and three phones, three questions.

One question answered right (multiple choice), one wrong (true/false), one
typed (graded by quizgen's grader on the server). Checks the chart, the
podium, the results files, a phone reloading (it rejoins with its name and
score) and the host page reloading (the game goes on); that no WebSocket
frame gives a phone the answer before the reveal; no console error and no
request outside the server. Screenshots go to docs/screenshots/.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from quizgen.generation.bank import generate
from quizgen.items.shapes import ChoiceItem, TextItem, TruthItem
from quizgen.live.run import prepare_game
from tests.support.browser import Watch, free_port, launch, needs_chromium, serving, shot
from tests.support.data import shipped_base

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.slow, needs_chromium]
expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect
BASE = shipped_base()
BANK = generate(BASE, seed=1)
CHOICE = next(i for i in BANK if isinstance(i, ChoiceItem) and len(i.options) == 4)
TRUTH = next(i for i in BANK if isinstance(i, TruthItem) and not i.truth)
TYPED = next(
    i
    for i in BANK
    if isinstance(i, TextItem)
    and i.kind == "typed"
    and i.accepted
    and i.answer not in json.dumps([CHOICE.to_dict(), TRUTH.to_dict()])
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch() as b:
        yield b


class Phone:
    """A student's phone: its page, and every WebSocket frame it received."""

    def __init__(self, browser: Browser, url: str, watch: Watch) -> None:
        self.context = browser.new_context(
            viewport={"width": 390, "height": 780},
            is_mobile=True,
            has_touch=True,
            reduced_motion="reduce",
        )
        self.page = watch.attach(self.context.new_page())
        self.frames: list[str] = []
        self.page.on(
            "websocket",
            lambda ws: ws.on("framereceived", lambda payload: self.frames.append(str(payload))),
        )
        self.page.goto(url + "/")

    def join(self, code: str, name: str) -> None:
        self.page.fill("#code", code)
        self.page.fill("#name", name)
        self.page.click("#join")
        expect(self.page.locator("h1")).to_have_text(f"You're in, {name}!")


def phases_until(frames: list[str], text: str) -> list[str]:
    """The phases of the state frames up to the first one that contains ``text``."""
    out = []
    for frame in frames:
        message: dict[str, Any] = json.loads(frame)
        if message["type"] == "state":
            out.append(message["view"]["phase"])
            if text in frame:
                break
    return out


def test_three_phones_play_three_questions(browser: Browser, tmp_path: Path) -> None:
    port = free_port()
    live = prepare_game(
        BASE,
        [CHOICE, TRUTH, TYPED],
        title=BASE.title,
        address="127.0.0.1",
        port=port,
        output=tmp_path,
        seconds=60,
        code="314159",
        host_token="t0ken",
    )
    with serving(live.app, port) as url:
        watch = Watch(allowed=(url + "/", url.replace("http", "ws") + "/", "data:"))
        host_context = browser.new_context(
            viewport={"width": 1280, "height": 800}, reduced_motion="reduce"
        )
        host = watch.attach(host_context.new_page())
        host.goto(f"{url}/host#t0ken")
        expect(host.locator("#start")).to_be_visible()
        phones = {name: Phone(browser, url, watch) for name in ("Ana", "Ben", "Cy")}
        for name, phone in phones.items():
            phone.join("314159", name)
        expect(host.locator("#player-count")).to_have_text("3 players joined")
        shot(host, "live-host-lobby.png")

        # Question 1, multiple choice: Ana and Cy right, Ben wrong.
        host.click("#start")
        wrong = next(o for o in CHOICE.options if o != CHOICE.answer)
        for phone in phones.values():
            expect(phone.page.locator("#prompt")).to_have_text(CHOICE.prompt)
        shot(phones["Ana"].page, "live-phone-question.png")
        for name, pick in (("Ana", CHOICE.answer), ("Ben", wrong), ("Cy", CHOICE.answer)):
            phones[name].page.locator("button.choice", has_text=pick).click()
        expect(host.locator("#chart")).to_be_visible()  # everyone answered: the reveal
        rows = host.locator("#chart .row")
        assert rows.count() == 4
        right_row = host.locator("#chart .row.right")
        expect(right_row.locator(".n")).to_have_text("2")
        expect(host.locator("#answer")).to_contain_text(BASE.source_label(CHOICE.source[0]))
        shot(host, "live-host-chart.png", full_page=True)
        expect(phones["Ana"].page.locator("#verdict")).to_contain_text("Right! +")
        expect(phones["Ben"].page.locator("#verdict")).to_have_text("Not this time.")
        shot(phones["Ben"].page, "live-phone-reveal.png")

        # Question 2, true/false (the statement is false): everyone says True, wrong.
        host.click("#next")
        ben = phones["Ben"].page
        expect(ben.locator("#prompt")).to_contain_text(TRUTH.statement)
        ben.reload()  # a phone drops and comes back: same name, same score, same question
        expect(ben.locator("#prompt")).to_contain_text(TRUTH.statement)
        expect(ben.locator("#me")).to_have_text("Ben · 0 points")
        host.reload()  # the host page reloads: the game goes on
        expect(host.locator("#answered")).to_have_text("0 of 3 answered")
        for phone in phones.values():
            phone.page.locator("button.choice", has_text="True").click()
        expect(host.locator("#chart")).to_be_visible()
        expect(host.locator("#chart .row.right .n")).to_have_text("0")

        # Question 3, typed, graded by quizgen's grader: case and an alias forgiven.
        host.click("#next")
        answers = {"Ana": TYPED.answer.lower(), "Ben": "no idea", "Cy": TYPED.accepted[0]}
        for name, text in answers.items():
            page = phones[name].page
            page.fill("#typed", text)
            page.click("#send")
            if name != "Cy":
                expect(page.locator("#sent")).to_have_text("Answer sent.")
        expect(host.locator("#chart")).to_be_visible()
        expect(host.locator("#chart .row.right .n")).to_have_text("2")
        host.click("#next")  # the podium
        expect(host.locator("#podium li")).to_have_count(3)
        ranking = [p.name for p in live.game.ranking()]
        assert ranking[-1] == "Ben"
        expect(host.locator("#podium .name")).to_have_text(ranking)
        shot(host, "live-podium.png")
        expect(phones[ranking[0]].page.locator("#final")).to_have_text("You finished 1st of 3")

        for phone in phones.values():  # no answer in any frame before its reveal
            seen = phases_until(phone.frames, json.dumps(TYPED.answer)[1:-1])
            assert seen[-2:] == ["question", "reveal"], seen
            views = [json.loads(f)["view"] for f in phone.frames if '"state"' in f]
            assert not any(
                {"reveal", "result", "chart"} & set(v) for v in views if v["phase"] == "question"
            )
        watch.clean()

    lines = list(csv.DictReader(live.results.csv_path.open(encoding="utf-8")))
    assert len(lines) == 9
    marks = {(r["question"], r["player"]): r["correct"] for r in lines}
    assert marks == {
        ("1", "Ana"): "yes",
        ("1", "Ben"): "no",
        ("1", "Cy"): "yes",
        ("2", "Ana"): "no",
        ("2", "Ben"): "no",
        ("2", "Cy"): "no",
        ("3", "Ana"): "yes",
        ("3", "Ben"): "no",
        ("3", "Cy"): "yes",
    }
    document = json.loads(live.results.json_path.read_text(encoding="utf-8"))
    assert document["phase"] == "end" and len(document["answers"]) == 9
    assert [p["name"] for p in document["players"]] == ranking
    assert all(a["seconds"] >= 0 for a in document["answers"])
