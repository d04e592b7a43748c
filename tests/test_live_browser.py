"""A live game in real headless Chromium: the host page and four phones, three questions.

One question answered right by two and wrong by one while the fourth waits
(multiple choice, closed by the host), one all wrong (true/false, closed by
the last answer), one typed (graded by quizgen's grader on the server).
Checks what each screen shows and what it must not: the score on a phone
does not move before the reveal; no WebSocket frame gives a phone the answer
or its verdict before the reveal; the projector at 1280x720 keeps the
question on screen at the reveal; tied players share their place; the host
removes a player and locks the game; a look-alike name is refused; every
view of both pages passes axe-core (colour contrast included), in light and
dark mode; no console error and no request outside the server. Screenshots
go to build/review/screenshots/ (and docs/screenshots/ on request).
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

from quizgen.generation.bank import generate
from quizgen.items.shapes import ChoiceItem, TextItem, TruthItem
from quizgen.live.guard import Limits
from quizgen.live.run import prepare_game
from tests.support.browser import Watch, free_port, needs_chromium, serving, shot
from tests.support.data import shipped_base

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

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
Scheme = Literal["light", "dark"]
AXE = resources.files("axe_playwright_python").joinpath("axe.min.js")
CLASS = Limits(players_per_address=10)
"""Every phone here is Chromium on 127.0.0.1: one address for the whole class."""
SCORES = """() => {
  window.__scores = [];
  const note = () => {
    const me = document.getElementById("me");
    const seen = window.__scores;
    if (me && seen[seen.length - 1] !== me.textContent) seen.push(me.textContent);
  };
  new MutationObserver(note).observe(document.body,
    { subtree: true, childList: true, characterData: true });
  note();
}"""
"""Every score line a phone shows from now on, in order."""


def right_bar_is_green(host: Page) -> None:
    """The right option's bar in the reveal's chart is the page's right colour (green),
    never its option's colour (the first option's is red)."""
    bar, right = host.locator("#chart .row.right .bar").evaluate(
        "b => [getComputedStyle(b).backgroundColor,"
        " getComputedStyle(document.body).getPropertyValue('--right').trim()]"
    )
    resolved = host.evaluate(
        "c => { const d = document.createElement('i'); d.style.color = c;"
        " document.body.append(d); const v = getComputedStyle(d).color; d.remove();"
        " return v; }",
        right,
    )
    assert bar == resolved, (bar, right)


def axe_clean(page: Page, view: str) -> None:
    """axe-core finds no violation at all (every rule it runs by default: WCAG A and AA,
    colour contrast included, and its best practices). The axe-core script is the one the
    axe-playwright-python package ships, injected once per page."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    page.wait_for_timeout(50)  # let the view settle (a render, its announcement)
    found: list[dict[str, Any]] = page.evaluate(
        "() => axe.run({ resultTypes: ['violations'] }).then((r) => r.violations)"
    )
    report = [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(f"{n['target']} {n['failureSummary']}" for n in v["nodes"])
        for v in found
    ]
    assert not report, f"{view}:\n" + "\n".join(report)


class Phone:
    """A student's phone: its page, and every WebSocket frame it received."""

    def __init__(self, browser: Browser, url: str, watch: Watch, scheme: Scheme = "light") -> None:
        self.context = browser.new_context(
            viewport={"width": 390, "height": 780},
            is_mobile=True,
            has_touch=True,
            reduced_motion="reduce",
            color_scheme=scheme,
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

    def watch_score(self) -> str:
        self.page.evaluate(SCORES)
        text: str = self.page.locator("#me").inner_text()
        return text

    def scores_seen(self) -> list[str]:
        seen: list[str] = self.page.evaluate("() => window.__scores")
        return seen


def host_page(
    browser: Browser, url: str, watch: Watch, token: str, scheme: Scheme = "light"
) -> Page:
    context = browser.new_context(
        viewport={"width": 1280, "height": 720}, reduced_motion="reduce", color_scheme=scheme
    )
    page = watch.attach(context.new_page())
    page.goto(f"{url}/host#{token}")
    return page


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


def in_view(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    assert box is not None and size is not None
    return (
        box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and page.evaluate("() => window.scrollY") == 0
    )


def test_four_phones_play_and_no_phone_learns_its_verdict_early(
    browser: Browser, tmp_path: Path
) -> None:
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
        limits=CLASS,
    )
    with serving(live, port) as url:
        watch = Watch(allowed=(url + "/", url.replace("http", "ws") + "/", "data:"))
        host = host_page(browser, url, watch, "t0ken")
        expect(host.locator("#start")).to_be_visible()
        assert "t0ken" not in host.url  # taken out of the address bar (and the projector)
        expect(host.locator("#code")).to_have_text("314159")
        names = ("Ana", "Ben", "Cy", "Dee")
        phones = {name: Phone(browser, url, watch) for name in names}
        axe_clean(phones["Ana"].page, "phone: join form")
        for name, phone in phones.items():
            phone.join("314159", name)
        expect(host.locator("#player-count")).to_have_text("4 players joined")
        lookalike = Phone(browser, url, watch)
        lookalike.page.fill("#code", "314159")
        lookalike.page.fill("#name", "\u0410na")  # a Cyrillic A
        lookalike.page.click("#join")
        expect(lookalike.page.locator("#errors")).to_contain_text("is taken (it looks like 'Ana'")
        axe_clean(host, "host: lobby")
        axe_clean(phones["Ana"].page, "phone: lobby")
        shot(host, "live-host-lobby.png")

        # Question 1, multiple choice: Ana and Cy right, Ben wrong, Dee thinking.
        before = {n: p.watch_score() for n, p in phones.items()}
        host.click("#start")
        wrong = next(o for o in CHOICE.options if o != CHOICE.answer)
        for phone in phones.values():
            expect(phone.page.locator("#prompt")).to_have_text(CHOICE.prompt)
        axe_clean(host, "host: question")
        axe_clean(phones["Ana"].page, "phone: question")
        shot(phones["Ana"].page, "live-phone-question.png")
        for name, pick in (("Ana", CHOICE.answer), ("Ben", wrong), ("Cy", CHOICE.answer)):
            phones[name].page.locator("button.choice", has_text=pick).click()
            expect(phones[name].page.locator("#sent")).to_have_text("Answer sent.")
        expect(host.locator("#answered")).to_have_text("3 of 4 answered")
        axe_clean(phones["Ana"].page, "phone: answer sent")
        for name, phone in phones.items():  # nothing moved: not the score, not a verdict
            assert set(phone.scores_seen()) == {before[name]}, name
            expect(phone.page.locator("#me")).to_have_text(before[name])
            expect(phone.page.locator("#verdict")).to_have_count(0)
        host.click("#close")  # the host reveals
        expect(host.locator("#chart")).to_be_visible()
        assert host.locator("#chart .row").count() == 4
        expect(host.locator("#chart .row.right .n")).to_have_text("2")
        right_bar_is_green(host)
        expect(host.locator("#answer")).to_contain_text(BASE.source_label(CHOICE.source[0]))
        assert in_view(host, "#prompt") and in_view(host, "#next")  # the projector, 1280x720
        expect(host.locator(".qr")).to_be_hidden()  # the QR code is the lobby's
        shot(host, "live-host-chart.png")
        expect(phones["Ana"].page.locator("#verdict")).to_contain_text("Right! +")
        expect(phones["Ben"].page.locator("#verdict")).to_have_text("Not this time.")
        expect(phones["Dee"].page.locator("#verdict")).to_have_text("No answer this time.")
        assert phones["Ana"].scores_seen()[-1] != before["Ana"]  # now, and only now
        axe_clean(host, "host: reveal")
        axe_clean(phones["Ana"].page, "phone: reveal (right)")
        axe_clean(phones["Ben"].page, "phone: reveal (wrong)")
        shot(phones["Ben"].page, "live-phone-reveal.png")

        # Question 2, true/false (the statement is false): everyone says True, wrong.
        host.click("#next")
        ben = phones["Ben"].page
        expect(ben.locator("#prompt")).to_contain_text(TRUTH.statement)
        ben.reload()  # a phone drops and comes back: same name, same score, same question
        expect(ben.locator("#prompt")).to_contain_text(TRUTH.statement)
        expect(ben.locator("#me")).to_have_text("Ben · 0 points")
        host.reload()  # the host page reloads (its token kept in the tab): the game goes on
        expect(host.locator("#answered")).to_have_text("0 of 4 answered")
        for phone in phones.values():
            phone.page.locator("button.choice", has_text="True").click()
        expect(host.locator("#chart")).to_be_visible()  # the last answer closes it
        expect(host.locator("#chart .row.right .n")).to_have_text("0")

        # Question 3, typed, graded by quizgen's grader: case and an alias forgiven.
        host.click("#next")
        answers = {
            "Ana": TYPED.answer.lower(),
            "Ben": "no idea",
            "Cy": TYPED.accepted[0],
            "Dee": "no idea",
        }
        for name, text in answers.items():
            page = phones[name].page
            page.fill("#typed", text)
            page.click("#send")
        expect(host.locator("#chart")).to_be_visible()
        expect(host.locator("#chart .row.right .n")).to_have_text("2")
        right_bar_is_green(host)
        host.click("#next")  # the podium: Ben and Dee share third place
        standings = live.game.standings()
        places = sorted({place for place, _ in standings})
        expect(host.locator("#podium > li")).to_have_count(len(places))
        third = host.locator("#podium > li.third")
        expect(third.locator(".name")).to_have_text(["Ben", "Dee"])
        expect(third.locator(".place")).to_have_text("3rd")
        shot(host, "live-podium.png")
        expect(phones["Ben"].page.locator("#final")).to_have_text("You finished 3rd (tied) of 4")
        winner = standings[0][1].name
        expect(phones[winner].page.locator("#final")).to_contain_text("You finished 1st")
        axe_clean(host, "host: podium")
        axe_clean(phones["Ben"].page, "phone: podium")

        for phone in phones.values():  # no answer in any frame before its reveal
            seen = phases_until(phone.frames, json.dumps(TYPED.answer)[1:-1])
            assert seen[-2:] == ["question", "reveal"], seen
            views = [json.loads(f)["view"] for f in phone.frames if '"state"' in f]
            assert not any(
                {"reveal", "result", "chart", "leaderboard"} & set(v)
                for v in views
                if v["phase"] == "question"
            )
        watch.clean()

    lines = list(csv.DictReader(live.results.csv_path.open(encoding="utf-8")))
    assert len(lines) == 11
    marks = {(r["question"], r["player"]): r["correct"] for r in lines}
    assert marks == {
        ("1", "Ana"): "yes",
        ("1", "Ben"): "no",
        ("1", "Cy"): "yes",
        ("2", "Ana"): "no",
        ("2", "Ben"): "no",
        ("2", "Cy"): "no",
        ("2", "Dee"): "no",
        ("3", "Ana"): "yes",
        ("3", "Ben"): "no",
        ("3", "Cy"): "yes",
        ("3", "Dee"): "no",
    }
    document = json.loads(live.results.json_path.read_text(encoding="utf-8"))
    assert document["phase"] == "end" and len(document["answers"]) == 11
    assert [p["name"] for p in document["players"]] == [p.name for _, p in standings]
    assert all(a["seconds"] >= 0 for a in document["answers"])


def test_the_host_removes_and_locks_and_dark_mode_passes_axe(
    browser: Browser, tmp_path: Path
) -> None:
    port = free_port()
    live = prepare_game(
        BASE,
        [CHOICE],
        title=BASE.title,
        address="127.0.0.1",
        port=port,
        output=tmp_path,
        seconds=60,
        code="271828",
        limits=CLASS,
        one_time=True,
    )
    with serving(live, port) as url:
        watch = Watch(allowed=(url + "/", url.replace("http", "ws") + "/", "data:"))
        bare = watch.attach(browser.new_context().new_page())
        bare.goto(url + "/host")  # no token: nothing to see
        expect(bare.locator("main")).to_contain_text("This is the host's page")
        assert "271828" not in bare.content()
        axe_clean(bare, "host: no token")
        once = live.once_url.split("#", 1)[1]
        host = host_page(browser, url, watch, once, scheme="dark")  # the one-time link
        expect(host.locator("#code")).to_have_text("271828")
        assert "once" not in host.url
        again = watch.attach(browser.new_context().new_page())
        again.goto(f"{url}/host#{once}")  # used: refused
        expect(again.locator("#errors")).to_contain_text("one-time link has been used")
        phone = Phone(browser, url, watch, scheme="dark")
        phone.join("271828", "Ana")
        bot = Phone(browser, url, watch)
        bot.join("271828", "B0t")
        expect(host.locator("#names li")).to_have_count(2)
        axe_clean(host, "host: lobby, dark")
        axe_clean(phone.page, "phone: lobby, dark")
        host.get_by_role("button", name="Remove B0t").click()
        expect(bot.page.locator("#removed")).to_have_text("The teacher removed you from the game.")
        expect(host.locator("#names li")).to_have_count(1)
        host.click("#lock")
        expect(host.locator("#lock")).to_have_attribute("aria-pressed", "true")
        expect(host.locator("#locked-note")).to_have_text("Locked: no one new can join.")
        late = Phone(browser, url, watch)
        late.page.fill("#code", "271828")
        late.page.fill("#name", "Late")
        late.page.click("#join")
        expect(late.page.locator("#errors")).to_contain_text("locked the game")
        axe_clean(host, "host: lobby locked, dark")
        host.click("#lock")
        expect(host.locator("#lock")).to_have_text("Lock the game")
        late.page.click("#join")
        expect(late.page.locator("h1")).to_have_text("You're in, Late!")
        host.click("#start")
        expect(phone.page.locator("#prompt")).to_have_text(CHOICE.prompt)
        axe_clean(host, "host: question, dark")
        axe_clean(phone.page, "phone: question, dark")
        phone.page.locator("button.choice", has_text=CHOICE.answer).click()
        host.click("#close")
        expect(phone.page.locator("#verdict")).to_contain_text("Right! +")
        axe_clean(host, "host: reveal, dark")
        axe_clean(phone.page, "phone: reveal, dark")
        host.click("#next")
        expect(phone.page.locator("#final")).to_have_text("You finished 1st of 2")
        axe_clean(host, "host: podium, dark")
        axe_clean(phone.page, "phone: podium, dark")
        watch.clean()
    assert [p["name"] for p in json.loads(live.results.json_path.read_text())["players"]] == [
        "Ana",
        "Late",
        "B0t",
    ]
