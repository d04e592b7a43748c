""" "I was right": overruling a wrong verdict through every front end, saved, and audited.

Plain mode through its real stdin (a line "o"), the interactive terminal through a
pseudo-terminal (the key o), the study page in Chromium (the button, and the file
it saves for the teacher); each overrule is recorded as right and marked, review
rates it Hard, and ``quizgen audit --overruled`` lists it with the name to add.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pexpect
import pytest
from typer.testing import CliRunner

from quizgen import factfile
from quizgen.cli import app
from quizgen.facts import FactBase
from quizgen.generation.bank import generate
from quizgen.grading import Grader
from quizgen.items import Item
from quizgen.items.base import Response
from quizgen.items.shapes import TextItem
from quizgen.progress import ProgressStore
from quizgen.scheduling.cards import Rating, after_review, new_card
from quizgen.study.recording import Recorder
from quizgen.study.session import Answer, Listed, Offer, run
from tests.support.data import SMALL, of

if TYPE_CHECKING:
    from playwright.sync_api import Browser

runner = CliRunner()
DB = "progress.sqlite3"


def rows(home: Path) -> list[tuple[str, int, int, int | None]]:
    conn = sqlite3.connect(home / DB)
    try:
        return conn.execute(
            "SELECT question_id, correct, overruled, rating FROM answers ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def typed_pair(seed: int = 5) -> list[TextItem]:
    items = of(TextItem, generate(factfile.load(SMALL), ["typed"], n=2, seed=seed))
    assert len(items) == 2
    return items


def quiz(home: Path, stdin: str, *extra: str) -> str:
    args = ["quiz", "--plain", "--facts", str(SMALL), "--home", str(home), "--kinds", "typed"]
    result = runner.invoke(app, [*args, "-n", "2", "--seed", "5", *extra], input=stdin)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- plain mode ------------------------------------------------------------------------
def test_plain_mode_a_line_o_overrules_and_it_is_saved_and_audited(tmp_path: Path) -> None:
    first, second = typed_pair()
    out = quiz(tmp_path, f"Qwzx\no\n{second.answer}\nn\n")
    assert 'If your answer was right, type "o"' in out
    assert f"Recorded as right, as you said (the answer is: {first.answer})." in out
    assert "Score: 2 of 2 (100%)" in out
    assert rows(tmp_path) == [(first.id, 1, 1, None), (second.id, 1, 0, None)]
    audit = runner.invoke(
        app, ["audit", "--overruled", "--facts", str(SMALL), "--home", str(tmp_path)]
    )
    assert audit.exit_code == 0, audit.output
    assert audit.stdout.splitlines()[:4] == [
        "1 overruled reply:",
        f"- {first.fact_ids[0]}: {factfile.load(SMALL).fact(first.fact_ids[0]).question}",
        f"  answer: {first.answer} · reply: Qwzx",
        audit.stdout.splitlines()[3],
    ]
    assert "add 'Qwzx' to" in audit.stdout


def test_an_overruled_answer_reaches_the_item_analysis_of_the_learners_store(
    tmp_path: Path,
) -> None:
    """``analyse --home`` reads the overrule mark the store keeps: the reply counts as the
    right answer it is recorded as and is listed beside its item for the teacher."""
    first, second = typed_pair()
    quiz(tmp_path, f"Qwzx\no\n{second.answer}\nn\n")
    out = runner.invoke(app, ["analyse", "--json", "--facts", str(SMALL), "--home", str(tmp_path)])
    assert out.exit_code == 0, out.output
    items = {i["item"]: i for i in json.loads(out.stdout)["items"]}
    assert items[first.id]["overruled"] == ["Qwzx"]
    assert items[second.id]["overruled"] == []
    text = runner.invoke(app, ["analyse", "--facts", str(SMALL), "--home", str(tmp_path)])
    assert "Overruled by learners: 'Qwzx'" in text.stdout, text.stdout
    page = tmp_path / "report.html"
    runner.invoke(app, ["analyse", "--facts", str(SMALL), "--home", str(tmp_path), "-o", str(page)])
    assert "Replies learners overruled" in page.read_text(encoding="utf-8")
    assert "‘Qwzx’" in page.read_text(encoding="utf-8")


def test_plain_mode_a_script_line_is_never_swallowed_by_the_offer(tmp_path: Path) -> None:
    """A script does not know which answers are marked wrong: the line after a wrong one
    still answers the next question."""
    first, second = typed_pair()
    out = quiz(tmp_path, f"Qwzx\n{second.answer}\nn\n")
    assert "Recorded as right" not in out
    assert "Score: 1 of 2 (50%)" in out
    assert rows(tmp_path) == [(first.id, 0, 0, None), (second.id, 1, 0, None)]
    audit = runner.invoke(
        app, ["audit", "--overruled", "--facts", str(SMALL), "--home", str(tmp_path)]
    )
    assert audit.stdout.strip() == "No overruled answers."


def test_no_offer_after_a_right_answer_or_an_empty_one(tmp_path: Path) -> None:
    first, _ = typed_pair()
    out = quiz(tmp_path, f"{first.answer}\n\nn\n")
    assert "If your answer was right" not in out


def test_review_rates_an_overruled_answer_hard(tmp_path: Path) -> None:
    base = factfile.load(SMALL)
    result = runner.invoke(
        app,
        [
            "review",
            "--plain",
            "--facts",
            str(SMALL),
            "--home",
            str(tmp_path),
            "--kinds",
            "typed",
            "--new",
            "1",
            "--seed",
            "5",
        ],
        input="Qwzx\no\n",
    )
    assert result.exit_code == 0, result.output
    assert "Recorded as right, as you said" in result.stdout
    assert "Rated Hard: next review in" in result.stdout
    ((question, correct, overruled, rating),) = rows(tmp_path)
    assert (correct, overruled, rating) == (1, 1, int(Rating.HARD))
    assert question.startswith("typed-") and base.fact(question.removeprefix("typed-"))


# -- the engine ------------------------------------------------------------------------
def note(log: list[str], entry: str, said: str | None) -> str | None:
    log.append(entry)
    return said


class Overruling:
    """A front end that says "I was right" to every wrong answer offered."""

    def __init__(self, replies: list[str]) -> None:
        self.replies = replies
        self.shown: list[Answer] = []

    def ask(self, question: Item, number: int, total: int) -> Response:
        return self.replies.pop(0)

    def feedback(self, answer: Answer) -> bool | None:
        self.shown.append(answer)
        return answer.overrulable

    def confirm(self, message: str) -> bool:
        return False

    def rerate(self, offer: Offer, change: Callable[[Rating], str]) -> bool | None:
        return None


def test_the_engine_saves_the_overrule_and_the_queue_hears_the_final_answer(
    small: FactBase,
) -> None:
    items = typed_pair()
    heard: list[Answer] = []
    saved: list[str] = []

    class Heard(Listed):
        def answered(self, answer: Answer) -> None:
            heard.append(answer)

    front = Overruling(["Qwzx", items[1].answer])
    moment = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    result = run(
        Heard(items),
        front,
        Grader(small.facts, small.entities),
        lambda: moment,
        lambda a: note(saved, f"answer {a.correct}", None),
        on_overrule=lambda a: note(saved, f"overrule {a.grade.overruled}", "noted"),
    )
    assert saved == ["answer False", "overrule True", "answer True"]
    assert [a.grade.overruled for a in front.shown] == [False, True, False]
    assert front.shown[1].note == "noted"
    assert [a.correct for a in result.answers] == [True, True] and result.score == 2
    assert [a.grade.overruled for a in heard] == [True, False]


class Deciding(Overruling):
    """In review: "I was right" from the rating offer that holds it, then Easy."""

    def __init__(self, replies: list[str]) -> None:
        super().__init__(replies)
        self.offers: list[Offer] = []
        self.told: list[str] = []

    def rerate(self, offer: Offer, change: Callable[[Rating], str]) -> bool | None:
        self.offers.append(offer)
        if offer.overrulable:
            return True
        self.told.append(change(Rating.EASY))
        return None


def test_in_review_one_offer_holds_both_and_the_overrule_is_hard_until_changed(
    tmp_path: Path, small: FactBase
) -> None:
    item = typed_pair()[0]
    fact_id = item.fact_ids[0]
    moment = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    front = Deciding(["Qwzx"])
    with ProgressStore.for_facts(tmp_path, small) as store:
        session = store.start_session("review", "5", moment)
        record = Recorder(store, session, schedule=True, cards={})
        result = run(
            [item],
            front,
            Grader(small.facts, small.entities),
            lambda: moment,
            record,
            on_overrule=record.overrule,
            rerater=record,
        )
    # The verdict offered no overrule of its own: the rating offer after it held it.
    assert [(a.overrulable, a.grade.overruled) for a in front.shown] == [
        (False, False),
        (False, True),
    ]
    assert [(o.current, o.overrulable) for o in front.offers] == [
        (Rating.AGAIN, True),
        (Rating.HARD, False),
    ]
    assert front.shown[1].note.startswith("Rated Hard: next review in")
    assert front.told == ["Rated Easy: next review in 8d."]
    assert result.score == 1 and result.answers[0].grade.overruled
    assert rows(tmp_path) == [(item.id, 1, 1, int(Rating.EASY))]
    easy = after_review(new_card(fact_id, moment), Rating.EASY, moment)
    assert record.cards[fact_id].due == easy.due
    with ProgressStore.for_facts(tmp_path, small) as store:
        assert store.cards()[fact_id].due == easy.due


# -- the interactive terminal ------------------------------------------------------------
def one_typed_question(home: Path) -> pexpect.spawn:
    """quizgen quiz in a real pseudo-terminal, one typed question, answered wrongly."""
    args = [sys.executable, "-m", "quizgen", "quiz", "--facts", str(SMALL), "--home", str(home)]
    args += ["-n", "1", "--kinds", "typed", "--seed", "5"]
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40"}
    child = pexpect.spawn(
        args[0], args[1:], env=env, encoding="utf-8", timeout=30, dimensions=(40, 100)
    )
    child.expect("Question 1 of 1")
    child.expect(r"\?")  # questionary's text prompt is drawn
    child.send("Qwzx\r")
    child.expect("Wrong")
    child.expect("o: I was right")
    return child


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_terminal_the_key_o_overrules(tmp_path: Path) -> None:
    first, _ = typed_pair()
    child = one_typed_question(tmp_path)
    try:
        child.send("o")
        child.expect("Recorded as right, as you said")
        child.expect(r"Score: 1 of 1 \(100%\)")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    assert rows(tmp_path) == [(first.id, 1, 1, None)]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_terminal_any_other_key_goes_on(tmp_path: Path) -> None:
    first, _ = typed_pair()
    child = one_typed_question(tmp_path)
    try:
        child.send(" ")
        child.expect(r"Score: 0 of 1 \(0%\)")
        child.expect("Retry")
        child.send("n\r")  # y or n, then Enter
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert rows(tmp_path) == [(first.id, 0, 0, None)]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("columns", (40, 120))
def test_review_one_prompt_for_i_was_right_and_the_rating(tmp_path: Path, columns: int) -> None:
    """In review, a typed answer marked wrong: the verdict and its source, then one prompt
    for "I was right" (o) and the rating (1-4, Enter keeps), fitting the screen; o records
    it right and rated Hard, and offers the ratings again, where 4 makes it Easy. A key
    typed together with the o never answers that second prompt."""
    from tests.support.screen import Screen

    args = ["review", "--facts", str(SMALL), "--home", str(tmp_path), "--kinds", "typed"]
    screen = Screen([*args, "--new", "1", "--seed", "5"], columns)
    try:
        screen.wait_for("Question 1 of 1")
        screen.wait_for_input()
        screen.send("Qwzx\r")
        screen.wait_for(r"Rating: \(o, 1-4; Enter keeps Again\)")
        screen.wait_for("I was right")
        screen.wait_for_input()
        shown = " ".join(" ".join(screen.screen.display).split())
        assert "Wrong." in shown and "Source: " in shown, shown
        assert "» 1. Again 1m" in shown and "o. I was right" in shown, shown
        screen.send("o1")  # the 1 came with the o: it is dropped, not taken as a rating
        screen.wait_for(r"Recorded as right, as you said")
        screen.wait_for(r"Rating: \(1-4; Enter keeps Hard\)")
        screen.wait_for("» 2. Hard")
        screen.wait_for_input()
        time.sleep(1.0)  # the 1, had it leaked, would have answered by now
        screen.pump(0.2)
        ((question, correct, overruled, rating),) = rows(tmp_path)
        assert (correct, overruled, rating) == (1, 1, int(Rating.HARD)), screen.text()
        assert "I was right" not in "\n".join(screen.screen.display).split("Hard)")[-1]
        screen.send("4")
        screen.wait_for(r"Rated Easy: next review in 8d\.")
        screen.wait_for(r"Score: 1 of 1 \(100%\)")
        assert screen.finish() == 0
    finally:
        screen.close()
    assert question.startswith("typed-")
    assert rows(tmp_path) == [(question, 1, 1, int(Rating.EASY))]
    assert not screen.cut_rows(), screen.text()


def test_plain_review_one_line_for_both_then_a_line_for_hard(tmp_path: Path) -> None:
    """Plain mode: the rating line also takes the "o"; after it, one more line keeps Hard
    or changes it. A line that is neither is asked again, never taken as an answer."""
    out = runner.invoke(
        app,
        [
            "review",
            "--plain",
            "--facts",
            str(SMALL),
            "--home",
            str(tmp_path),
            "--kinds",
            "typed",
            "--new",
            "1",
            "--seed",
            "5",
        ],
        input="Qwzx\nmaybe\no\n4\n",
    )
    assert out.exit_code == 0, out.output
    text = out.stdout
    offer = text.index("Rating: Again. Enter keeps it; to change it: 1 Again 1m")
    assert text.index('If your answer was right, type "o" (or "I was right").') > offer
    assert 'Please answer 1, 2, 3 or 4, "o" if your answer was right, or an empty line' in text
    assert text.index("Rating: Hard. Enter keeps it") > text.index("Recorded as right")
    assert "Rated Easy: next review in 8d." in text
    ((_, correct, overruled, rating),) = rows(tmp_path)
    assert (correct, overruled, rating) == (1, 1, int(Rating.EASY))


# -- the study page ------------------------------------------------------------------------
@pytest.mark.slow
def test_study_page_the_button_overrules_saves_and_the_file_reaches_the_audit(
    browser: Browser, tmp_path: Path
) -> None:
    from quizgen.web.page import render
    from tests.support.browser import Watch

    base = factfile.load(SMALL)
    item = typed_pair()[0]
    page_file = tmp_path / "study.html"
    page_file.write_bytes(render(base, [item], title=base.title, seed=1))
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    watch = Watch(allowed=(page_file.as_uri(), "data:"))
    watch.attach(page)
    page.goto(page_file.as_uri())
    page.click("button[data-mode=quiz]")
    page.click("#quiz-start")
    page.fill("#typed", "Qwzx")
    page.click("#check")
    assert page.locator("#verdict").inner_text().startswith("Not quite")
    page.keyboard.press("o")  # the button's key, as a keyboard user presses it
    verdict = page.locator("#verdict").inner_text()
    assert verdict == f"Recorded as right, as you said (the answer is: {item.answer})."
    assert page.locator("#overrule").count() == 0
    # The header counts it among the questions right, as the score does.
    assert page.locator("#progress").inner_text().endswith("1 of 1 question right")
    stored = json.loads(page.evaluate(f"localStorage.getItem('quizgen:v1:{base.id}')"))
    assert [o["reply"] for o in stored["overruled"]] == ["Qwzx"]
    assert stored["quiz"][item.fact_ids[0]]["right"] == 1
    page.click("#next")
    assert page.locator("#quiz-score").inner_text().startswith("Score: 1 of 1")
    with page.expect_download() as info:
        page.click("#overruled-file")
    saved = tmp_path / "overruled.json"
    info.value.save_as(saved)
    page.reload()  # saved: the page remembers it
    again = json.loads(page.evaluate(f"localStorage.getItem('quizgen:v1:{base.id}')"))
    assert len(again["overruled"]) == 1
    # After "Reset progress", overruling still works (and is kept afresh).
    page.click("#reset")
    page.click("#reset-yes")
    page.click("button[data-mode=quiz]")
    page.click("#quiz-start")
    page.fill("#typed", "Qwzx")
    page.click("#check")
    page.keyboard.press("o")
    assert page.locator("#verdict").inner_text().startswith("Recorded as right")
    reset = json.loads(page.evaluate(f"localStorage.getItem('quizgen:v1:{base.id}')"))
    assert [o["reply"] for o in reset["overruled"]] == ["Qwzx"]
    watch.clean()
    home = tmp_path / "home"
    home.mkdir()
    audit = runner.invoke(
        app,
        ["audit", "--overruled", "--facts", str(SMALL), "--home", str(home), "--from", str(saved)],
    )
    assert audit.exit_code == 0, audit.output
    assert "1 overruled reply:" in audit.stdout and "reply: Qwzx" in audit.stdout


def test_an_overruled_file_from_another_set_or_damaged_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    for text, why in [
        ("{", "not a JSON file of overruled answers"),
        ('{"quizgen": "overruled", "set": "other", "overruled": []}', "made for the fact set"),
        ('{"quizgen": "overruled", "set": "small", "overruled": [{"facts": []}]}', "entry 1"),
    ]:
        bad.write_text(text.replace('"small"', json.dumps(factfile.load(SMALL).id)), "utf-8")
        result = runner.invoke(
            app,
            [
                "audit",
                "--overruled",
                "--facts",
                str(SMALL),
                "--home",
                str(tmp_path),
                "--from",
                str(bad),
            ],
        )
        assert result.exit_code != 0 and why in result.output, result.output
