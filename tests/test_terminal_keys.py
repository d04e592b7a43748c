"""What the learner pressed is what is recorded: keys in a real pseudo-terminal.

Digits (or letters, where the options are figures) pick their option in every list;
a key typed for one prompt never answers the next ("y" then Enter at the retry offer);
Esc stops. Each at 40 and 120 columns, read back from the screen and the database.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.generation.bank import generate
from quizgen.items.base import labels
from quizgen.items.shapes import ChoiceItem
from tests.support.cli import progress_rows
from tests.support.data import SMALL, of
from tests.support.screen import Screen

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]
ENTER, ESC = "\r", "\x1b"


def responses(home: Path) -> list[tuple[str, int]]:
    return progress_rows(home, "SELECT response, correct FROM answers ORDER BY id")


@pytest.mark.parametrize("columns", (40, 120))
def test_digits_and_letters_pick_and_y_enter_does_not_answer_the_retry(
    tmp_path: Path, columns: int
) -> None:
    # Seed 1 asks a figure (options 13, 9, 14, 17: lettered) and names (numbered).
    asked = of(ChoiceItem, generate(factfile.load(SMALL), ["mc"], n=4, seed=1))
    assert any(o[0].isdigit() for q in asked for o in q.options)
    assert any(not q.options[0][0].isdigit() for q in asked)
    args = ["quiz", "--facts", str(SMALL), "--home", str(tmp_path)]
    screen = Screen([*args, "-n", "4", "--kinds", "mc", "--seed", "1"], columns)
    picked = []
    try:
        for number, q in enumerate(asked, start=1):
            screen.wait_for(f"Question {number} of 4")
            screen.wait_for("»")
            screen.wait_for_input()
            keys = labels(q.options)
            shown = " ".join(" ".join(screen.screen.display).split())
            lettered = keys[0] == "a"
            assert (f"a) {q.options[0]}" if lettered else f"1. {q.options[0]}") in shown
            # The first question answered wrong, the rest right; the label, then Enter.
            option = next(o for o in q.options if o != q.answer) if number == 1 else q.answer
            picked.append(option)
            screen.send(keys[q.options.index(option)])
            time.sleep(0.15)  # as a person types: the key, then Enter
            screen.send(ENTER)
            screen.wait_for(rf"Your answer: {option}")
        screen.wait_for(r"Retry the 1 missed question\?")
        screen.wait_for_input()
        screen.send("y" + ENTER)  # typed at once, as people do
        screen.wait_for("Question 1 of 1")
        screen.wait_for("»")
        time.sleep(1.0)  # the Enter, had it leaked, would have answered by now
        screen.pump(0.2)
        assert len(responses(tmp_path)) == 4, screen.text()
        screen.send(ESC)
        screen.wait_for("Stopped after 0 of 1 questions")
        assert screen.finish() == 130
    finally:
        screen.close()
    assert responses(tmp_path) == [
        (o, int(o == q.answer)) for o, q in zip(picked, asked, strict=True)
    ]
    assert not screen.cut_rows(), screen.text()


@pytest.mark.parametrize("columns", (40, 120))
def test_review_rating_changed_with_a_digit(tmp_path: Path, columns: int) -> None:
    """After the verdict the four ratings are offered with their intervals, the one given
    pointed at; "4" makes it Easy at once (a new card's right answer is only Good)."""
    args = ["review", "--facts", str(SMALL), "--home", str(tmp_path), "--order", "file"]
    screen = Screen([*args, "--new", "2", "--kinds", "typed"], columns)
    try:
        screen.wait_for("Question 1 of 2")
        screen.wait_for_input()
        screen.send("Abu Kamal" + ENTER)
        screen.wait_for(r"Rating: \(1-4; Enter keeps Good\)")
        screen.wait_for("»")
        screen.wait_for_input()
        shown = " ".join(" ".join(screen.screen.display).split())
        assert "» 3. Good 10m" in shown and "4. Easy 8d" in shown, shown
        screen.send("4")
        screen.wait_for(r"Rated Easy: next review in 8d\.")
        screen.wait_for("Question 2 of 2")
        screen.wait_for_input()
        screen.send(ESC)
        screen.wait_for("Stopped after 1 of 2 questions")
        assert screen.finish() == 130
    finally:
        screen.close()
    assert progress_rows(tmp_path, "SELECT fact_ids, rating FROM answers") == [("town", 4)]
    assert not screen.cut_rows(), screen.text()
