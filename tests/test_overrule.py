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
from datetime import UTC, datetime
from pathlib import Path

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
from quizgen.scheduling.cards import Rating
from quizgen.study.session import Answer, Listed, run
from tests.support.data import SMALL, of

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
        lambda a: note(saved, f"overrule {a.grade.overruled}", "noted"),
    )
    assert saved == ["answer False", "overrule True", "answer True"]
    assert [a.grade.overruled for a in front.shown] == [False, True, False]
    assert front.shown[1].note == "noted"
    assert [a.correct for a in result.answers] == [True, True] and result.score == 2
    assert [a.grade.overruled for a in heard] == [True, False]


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
    child.expect("Press o if your answer was right")
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
        child.send("n")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert rows(tmp_path) == [(first.id, 0, 0, None)]


# -- the study page ------------------------------------------------------------------------
@pytest.mark.slow
def test_study_page_the_button_overrules_saves_and_the_file_reaches_the_audit(
    tmp_path: Path,
) -> None:
    from tests.support.browser import Watch, chromium, launch

    if chromium() is None:
        pytest.skip("no Chromium installed")
    from quizgen.web.page import render

    base = factfile.load(SMALL)
    item = typed_pair()[0]
    page_file = tmp_path / "study.html"
    page_file.write_bytes(render(base, [item], title=base.title, seed=1))
    with launch() as browser:
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
