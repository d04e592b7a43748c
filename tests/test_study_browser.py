"""The study page in real headless Chromium: each mode clicked through, by mouse and keyboard.

Checks score and feedback, progress in localStorage and its reset, the
browser's normalisation against Python's, escaped fact text, no console error
and no request beyond the file itself. Leaves a screenshot of each mode in
docs/screenshots/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from quizgen import items as registry
from quizgen.generation.bank import generate
from quizgen.items import Item
from quizgen.items.base import labels
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from quizgen.study.feedback import answer_words
from quizgen.web.page import render
from tests.support.browser import Watch, axe_violations, needs_chromium, shot
from tests.support.data import shipped_base
from tests.support.hostile import evil_base

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.slow, needs_chromium]
expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect
BASE = shipped_base()
BANK = generate(BASE, seed=1)
BY_ID = {i.id: i for i in BANK}


@pytest.fixture(scope="module")
def bank_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("study") / "study.html"
    path.write_bytes(render(BASE, BANK, title=BASE.title, seed=1))
    return path


def open_page(browser: Browser, path: Path, *, phone: bool = False) -> tuple[Page, Watch]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844} if phone else {"width": 900, "height": 1000},
        reduced_motion="reduce",
    )
    page = context.new_page()
    watch = Watch(allowed=(path.as_uri(), "data:"))
    watch.attach(page)
    page.goto(path.as_uri())
    return page, watch


def current(page: Page) -> Item:
    return BY_ID[page.locator("#main").get_attribute("data-item") or ""]


def test_flashcards_flip_grade_missed_come_back_progress_and_reset(
    browser: Browser, bank_file: Path
) -> None:
    page, watch = open_page(browser, bank_file, phone=True)
    page.locator("#flip").wait_for()
    ready = page.evaluate("performance.now()")  # from navigation start to the first card
    if ready >= 1000:  # a busy moment (other tests' browsers closing): measure once more
        page.reload()
        page.locator("#flip").wait_for()
        ready = page.evaluate("performance.now()")
    assert ready < 1000, f"interactive after {ready:.0f} ms"
    first_q = page.locator(".front").inner_text()
    assert first_q == BASE.facts[0].question
    # No grade before the answer: both are there, and disabled, until it is shown.
    expect(page.locator("#again")).to_be_disabled()
    expect(page.locator("#got")).to_be_disabled()
    page.keyboard.press("2")  # a grade key before the answer does nothing
    assert page.locator(".front").inner_text() == first_q
    page.keyboard.press("Space")  # keyboard: flip
    expect(page.locator("#again")).to_be_enabled()
    expect(page.locator("#got")).to_be_enabled()
    assert page.locator(".back .answer").inner_text() == BASE.facts[0].answer
    assert page.locator(".back .source").inner_text() == "Source: " + "; ".join(
        BASE.source_label(s) for s in BASE.facts[0].source
    )
    expect(page.locator("#announce")).to_have_text(f"Answer: {BASE.facts[0].answer}")
    shot(page, "study-flashcards.png")
    cards = len({f for item in BANK for f in item.fact_ids})
    title = page.locator("#screen-title")
    expect(title).to_have_text(f"Flashcards · 0 of {cards} done")
    page.keyboard.press("1")  # Again: the card comes back three cards later
    seen, titles = [], []
    for _ in range(3):
        seen.append(page.locator(".front").inner_text())
        titles.append(title.inner_text())
        page.click("#flip")
        page.click("#got")
    # The header moves with every card, a missed one counted until it comes back.
    assert titles == [f"Flashcards · {n} of {cards} done · 1 to see again" for n in range(3)]
    assert first_q not in seen
    assert page.locator(".front").inner_text() == first_q
    assert page.locator("#progress").inner_text().startswith(f"3 of {cards} cards known")
    stored = json.loads(page.evaluate(f"localStorage.getItem('quizgen:v1:{BASE.id}')"))
    assert stored["cards"][BASE.facts[0].id] == {"box": 0, "seen": 1}
    # Reset asks first; Cancel keeps everything.
    page.click("#reset")
    assert page.locator("#reset-confirm").is_visible()
    page.click("#reset-no")
    assert page.locator("#progress").inner_text().startswith("3 of")
    page.click("#reset")
    page.click("#reset-yes")
    assert page.locator("#progress").inner_text().startswith(f"0 of {cards}")
    assert page.evaluate(f"localStorage.getItem('quizgen:v1:{BASE.id}')") is None
    watch.clean()


def answer(page: Page, item: Item, right: bool) -> None:
    """Answer the question on screen, rightly or wrongly, as a person would."""
    if isinstance(item, ChoiceItem | TruthItem):
        pick = item.answer if right else next(o for o in item.options if o != item.answer)
        page.keyboard.press(labels(item.options)[item.options.index(pick)])  # its key
    elif isinstance(item, TextItem):
        # Case, accents, a leading article and punctuation do not matter.
        typed = ("The " + item.answer.upper() + "!") if right else "nothing like it"
        page.fill("#typed", typed)
        page.keyboard.press("Enter")
    elif isinstance(item, OrderItem):
        target = list(item.answer) if right else list(reversed(item.answer))
        for i, value in enumerate(target):
            for _ in range(len(target)):
                rows = page.locator("#order li").evaluate_all("r => r.map(li => li.dataset.value)")
                if rows.index(value) <= i:
                    break
                page.locator("#order li", has_text=value).first.locator(".up").click()
        page.click("#check")
    elif isinstance(item, PairsItem):
        pairs = dict(item.answer)
        for i, name in enumerate(item.names):
            statement = pairs[name] if right else pairs[item.names[(i + 1) % len(item.names)]]
            page.select_option(f"#pair-{i}", statement)
        page.click("#check")


def shown_text(page: Page) -> str:
    return page.locator("body").inner_text()


def no_null(page: Page, where: str) -> None:
    """Nothing a script left unset reads as a word on the page."""
    text = shown_text(page)
    for word in ("null", "undefined", "NaN", "[object Object]"):
        assert word not in text, f"{where}: {word!r} on the page:\n{text}"


def test_quiz_every_kind_right_and_wrong(browser: Browser, tmp_path: Path) -> None:
    """Two questions of every kind, the first answered right and the second wrong, as a
    person does: the verdict, the answer said once (never "_____", never "null"), the
    source, the header counting cards and questions alike, the score, no console error."""
    plan: list[tuple[Item, bool]] = []
    for kind in registry.names():
        pool = [
            i
            for i in BANK
            if i.kind == kind and (not isinstance(i, TextItem) or i.answer.isascii())
        ]
        plan += [(pool[0], True), (pool[1], False)]
    items = [item for item, _ in plan]
    path = tmp_path / "kinds.html"
    path.write_bytes(render(BASE, items, title="Every kind", seed=1))
    page, watch = open_page(browser, path)
    cards = len({f for item in items for f in item.fact_ids})
    assert page.locator("#progress").inner_text() == (
        f"0 of {cards} cards known · 0 of {len(items)} questions right"
    )
    page.click("button[data-mode=quiz]")
    page.select_option("#quiz-count", str(len(items)))
    page.click("#quiz-start")
    right = {item.id: ok for item, ok in plan}
    for n in range(len(items)):
        item = current(page)
        no_null(page, f"{item.id} asked")
        answer(page, item, right[item.id])
        verdict = page.locator("#verdict").inner_text()
        assert verdict.startswith("Correct." if right[item.id] else "Not quite."), item.id
        feedback = page.locator("#feedback").inner_text()
        no_null(page, f"{item.id} answered {'right' if right[item.id] else 'wrong'}")
        assert "Source: " + BASE.source_label(item.source[0]) in feedback
        if isinstance(item, OrderItem | PairsItem):
            for line in answer_words(item, BASE):  # each part of the answer once, in words
                assert feedback.count(line.removeprefix("- ")) == 1, (line, feedback)
            assert "_____" not in feedback and "…" not in feedback, feedback
        elif item.explanation:
            assert item.explanation in feedback
        if item.kind == "timeline" and not right[item.id]:
            shot(page, "study-quiz.png", full_page=True)
        if n < len(items) - 1:
            page.keyboard.press("Enter")  # focus is on "Next question"
    page.click("#next")
    half = len(items) // 2
    assert page.locator("#quiz-score").inner_text() == f"Score: {half} of {len(items)} (50%)"
    assert page.locator("#missed > li").count() == half
    assert (
        page.locator("#progress").inner_text().endswith(f"{half} of {len(items)} questions right")
    )
    no_null(page, "summary")
    page.click("#retry")
    assert page.locator("#screen-title").inner_text() == f"Question 1 of {half}"
    watch.clean()


def test_match_draws_from_every_card(browser: Browser, bank_file: Path) -> None:
    """As Quizlet's Match: each game deals six pairs afresh from all the cards (an answer
    and its statement with the answer blanked, or its question), not one fixed set."""
    page, watch = open_page(browser, bank_file)
    by_answer = {f.answer: f for f in reversed(BASE.facts)}
    dealt: set[str] = set()
    tile = ".tile[data-text={}]"

    def click(text: str) -> None:
        page.locator(tile.format(json.dumps(text, ensure_ascii=False))).click()

    for game in range(8):
        page.click("button[data-mode=match]")
        pairs = json.loads(page.locator("#main").get_attribute("data-pairs") or "[]")
        assert len(pairs) == 6 and len({a for a, _ in pairs}) == 6
        for answer_text, statement in pairs:
            fact = by_answer[answer_text]
            assert statement == fact.question or "_____" in statement
        dealt |= {a for a, _ in pairs}
        if game == 0:
            click(pairs[0][0])
            click(pairs[1][1])
            expect(page.locator("#announce")).to_contain_text("one second added")
            for n, (name, statement) in enumerate(pairs):
                click(name)
                click(statement)
                if n == 0:
                    click(pairs[1][0])  # an answer picked, mid-game, for the screenshot
                    shot(page, "study-match.png")
                    click(pairs[1][0])  # and unpicked
            text = page.locator("#match-time").inner_text()
            seconds = float(text.split(" in ")[1].split(" s")[0])
            assert seconds >= 1.0 and "your best" in text  # the wrong pair's second counts
            stored = json.loads(page.evaluate(f"localStorage.getItem('quizgen:v1:{BASE.id}')"))
            assert stored["match"]["best"] == pytest.approx(seconds, abs=0.06)
        no_null(page, f"match game {game}")
    assert len(dealt) > 30, len(dealt)  # far more than one matching item's four names
    watch.clean()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_mode_passes_axe(browser: Browser, tmp_path: Path, scheme: str) -> None:
    """axe-core finds nothing in any mode: a card before and after it is turned, a question
    of every kind before and after its answer, the quiz summary, a match game."""
    items = [next(i for i in BANK if i.kind == k) for k in registry.names()]
    path = tmp_path / "axe.html"
    path.write_bytes(render(BASE, items, title="Accessibility", seed=1))
    context = browser.new_context(
        viewport={"width": 900, "height": 1000},
        reduced_motion="reduce",
        color_scheme="dark" if scheme == "dark" else "light",
    )
    page = context.new_page()
    watch = Watch(allowed=(path.as_uri(), "data:"))
    watch.attach(page)
    page.goto(path.as_uri())
    problems: dict[str, list[str]] = {}

    def check(view: str) -> None:
        found = axe_violations(page)
        if found:
            problems[view] = found

    check("flashcards: front")
    page.click("#flip")
    check("flashcards: back")
    page.click("button[data-mode=quiz]")
    check("quiz: setup")
    page.select_option("#quiz-count", str(len(items)))
    page.click("#quiz-start")
    for n in range(len(items)):
        item = current(page)
        check(f"quiz: {item.kind} asked")
        answer(page, item, n % 2 == 0)
        check(f"quiz: {item.kind} answered")
        page.click("#next")
    check("quiz: summary")
    page.click("button[data-mode=match]")
    check("match")
    page.click("#reset")
    check("reset: asking")
    assert not problems, "\n".join(f"{v}:\n  " + "\n  ".join(p) for v, p in problems.items())
    watch.clean()
    context.close()


def test_browser_reading_agrees_with_python(browser: Browser, bank_file: Path) -> None:
    """The page's grader reads names and numbers as Python's does (the whole grading
    table runs through both in test_grading_table_browser.py)."""
    from quizgen.grading.reading import Number, key, number_tokens

    page, watch = open_page(browser, bank_file)
    samples = sorted({t for i in BANK if isinstance(i, TextItem) for t in (i.answer, *i.accepted)})
    samples += [
        "The Quds Force",
        "fifty-five",
        "Zoë's café",
        "74,100",
        "an apple",
        "  A  b  ",
        "Kata’ib Hezbollah",
        "twenty one",
        "ÀÉÎ õ",
        "x_y",
        "1.5 million",
        "P.L.O.",
        "Erbil Intl Airport",
        "a hundred and seventy",
        "74.1k inhabitants",
        "24km",
        "Straße",
    ]
    theirs = page.evaluate(
        "s => s.map(t => [window.quizgenGrading.key(t), "
        "window.quizgenGrading.numberTokens(t).map(x => typeof x === 'string' ? x : "
        "[x.value, x.unit])])",
        samples,
    )
    ours = [
        [key(s), [[t.value, t.unit] if isinstance(t, Number) else t for t in number_tokens(s)]]
        for s in samples
    ]
    differ = [(s, o, t) for s, o, t in zip(samples, ours, theirs, strict=True) if o != t]
    assert differ == []
    watch.clean()


def test_fact_text_with_markup_is_shown_as_text(browser: Browser, tmp_path: Path) -> None:
    base = evil_base(tmp_path)
    path = tmp_path / "evil.html"
    path.write_bytes(render(base, generate(base, seed=1), title=base.title, seed=1))
    page, watch = open_page(browser, path)
    page.click("#flip")
    back = page.locator(".back .statement").inner_text()
    assert "<img src=x onerror=alert(2)>" in back and "</script>" in back
    assert page.locator("#main img, #main script, h1 b").count() == 0
    assert page.title() == base.title
    watch.clean()  # and no dialog from alert() ever opened


def test_number_options_are_lettered_and_digits_never_pick_by_position(
    browser: Browser, tmp_path: Path
) -> None:
    """Beside options that are figures or dates the keys are letters, as at the terminal:
    the digit an option reads never picks another option by its position."""
    figures = [
        i for i in BANK if isinstance(i, ChoiceItem) and any(o[0].isdigit() for o in i.options)
    ]
    item = next(i for i in figures if any(o.isdigit() and 1 <= int(o) <= 9 for o in i.options))
    path = tmp_path / "figures.html"
    path.write_bytes(render(BASE, [item], title="Figures", seed=1))
    page, watch = open_page(browser, path)
    page.click("button[data-mode=quiz]")
    page.click("#quiz-start")
    keys = page.locator(".option .key").all_inner_texts()
    assert keys == ["a", "b", "c", "d"][: len(item.options)]
    for digit in "123456789":  # none picks: not by position, and not by the text either
        page.keyboard.press(digit)
    expect(page.locator("#feedback")).to_be_hidden()
    wrong = next(o for o in item.options if o != item.answer)
    page.keyboard.press(labels(item.options)[item.options.index(wrong)])
    expect(page.locator("#verdict")).to_have_text(re.compile(r"^Not quite\."))
    page.keyboard.press("Enter")
    expect(page.locator("#quiz-score")).to_have_text("Score: 0 of 1 (0%)")
    watch.clean()
