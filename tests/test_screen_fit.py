"""Real pseudo-terminals at 40 and 120 columns: nothing cut, nothing lost, keys that work.

quizgen wraps every line to one column less than the terminal, so a row with
text in the last column is a line the terminal had to cut. Each test reads the
screen back (tests/support/screen.py) at every step, since answered lists are erased.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from quizgen import factfile, items
from quizgen.generation.bank import generate
from quizgen.items import Item
from quizgen.items.base import labels
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from tests.support.cli import progress_rows
from tests.support.data import SMALL
from tests.support.screen import Screen

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]

DOWN, ENTER, BACKSPACE = "\x1b[B", "\r", "\x7f"
KINDS = ",".join(items.names())
"""Every registered kind."""
SIZES = (40, 120)


class Checked:
    """A screen whose every step is checked: no row cut, the words on show all there."""

    def __init__(self, screen: Screen) -> None:
        self.screen = screen

    def step(
        self, pattern: str, keys: str, shown: Sequence[str] = (), pointer: bool = True
    ) -> None:
        self.screen.wait_for(pattern)
        if pointer:  # a select list: wait until it is drawn
            self.screen.wait_for("»")
        self.screen.wait_for_input()
        self.screen.settle()  # the prompt drawn as it reads keys
        assert not self.screen.cut_rows(), self.screen.text()
        visible = set(" ".join(self.screen.screen.display).split())
        for text in shown:
            missing = [w for w in text.split() if w not in visible]
            assert not missing, f"{missing} of {text!r} not on screen:\n{self.screen.text()}"
        self.screen.send(keys)
        self.screen.react()


def label(options: Sequence[str], option: str) -> str:
    """The key that picks ``option``: its number, or its letter where options are figures."""
    return labels(tuple(options))[list(options).index(option)]


def answer_rightly(check: Checked, q: Item, number: int | None = None) -> None:
    """As a learner does: the option's number (or letter) pressed, then Enter. With the
    question's ``number``, its heading is waited for first: the steps' prompts ("Your
    answer:") are on screen from the question before until the keys sent there are read."""
    if number is not None:
        check.screen.wait_for(f"Question {number} of ")
    if isinstance(q, ChoiceItem | TruthItem):
        check.step("Your answer:", label(q.options, str(q.answer)) + ENTER, [q.prompt, *q.options])
    elif isinstance(q, TextItem):
        check.step("Your answer:", q.answer + ENTER, [q.prompt], pointer=False)
    elif isinstance(q, OrderItem):
        left = list(q.options)
        for event in q.answer[:-1]:
            check.step(r"Which (comes first|next)\?", label(left, event) + ENTER, left)
            left.remove(event)
        check.step("Submit this order", ENTER)
    else:
        assert isinstance(q, PairsItem)
        left = list(q.statements)
        for _name, statement in q.answer[:-1]:
            check.step("Statement:", label(left, statement) + ENTER, left)
            left.remove(statement)
        check.step("Submit these pairs", ENTER)


@pytest.mark.parametrize("columns", (40, 60, 80, 120))
def test_a_quiz_of_every_kind_fits_the_screen(tmp_path: Path, columns: int) -> None:
    items = generate(factfile.load(SMALL), KINDS.split(","), n=6, seed="5")
    screen = Screen(
        [
            "quiz",
            "--facts",
            str(SMALL),
            "--home",
            str(tmp_path),
            "-n",
            "6",
            "--kinds",
            KINDS,
            "--seed",
            "5",
        ],
        columns,
    )
    try:
        check = Checked(screen)
        for number, q in enumerate(items, start=1):
            answer_rightly(check, q, number)
        screen.wait_for(r"Score: 6 of 6")
        assert screen.finish() == 0
    finally:
        screen.close()
    assert not screen.cut_rows(), screen.text()
    words = screen.words()
    for q in items:  # every explanation is all there
        if not isinstance(q, OrderItem | PairsItem):  # these show the facts' statements
            assert all(w in words for w in q.explanation.split()), q.explanation
    assert [c for (c,) in progress_rows(tmp_path, "SELECT correct FROM answers")] == [1] * 6


@pytest.mark.parametrize("columns", SIZES)
def test_keys_1_to_4_grade_a_flashcard(tmp_path: Path, columns: int) -> None:
    screen = Screen(
        ["flashcards", "--facts", str(SMALL), "--home", str(tmp_path), "--new", "4"], columns
    )
    try:
        check = Checked(screen)
        for key in "1234":
            check.step("Space \\(or any key\\) shows the answer", " ", pointer=False)
            # Each card is new: fsrs gives it these intervals, shown on the grades.
            check.step(
                r"How well\?", key, ["1. Again 1m", "2. Hard 6m", "3. Good 10m", "4. Easy 8d"]
            )
        screen.wait_for("Space \\(or any key\\) shows the answer")  # Again's card, back
        screen.wait_for_input()
        screen.send("\x1b")  # Esc ends the session
        screen.wait_for("Cards: 4")
        assert screen.finish() == 130
    finally:
        screen.close()
    assert [r for (r,) in progress_rows(tmp_path, "SELECT rating FROM answers ORDER BY id")] == [
        1,
        2,
        3,
        4,
    ]


@pytest.mark.parametrize("columns", SIZES)
def test_a_timeline_pick_is_undone_with_backspace(tmp_path: Path, columns: int) -> None:
    q = next(
        i
        for i in generate(factfile.load(SMALL), ["timeline"], n=1, seed="2")
        if isinstance(i, OrderItem)
    )
    screen = Screen(
        [
            "quiz",
            "--facts",
            str(SMALL),
            "--home",
            str(tmp_path),
            "-n",
            "1",
            "--kinds",
            "timeline",
            "--seed",
            "2",
        ],
        columns,
    )
    wrong = [o for o in q.options if o != q.answer[0]][:2]
    try:
        check = Checked(screen)
        check.step(r"Which comes first\?", label(q.options, wrong[0]) + ENTER)
        left = [o for o in q.options if o != wrong[0]]
        check.step(r"Which next\?", label(left, wrong[1]) + ENTER)
        check.step(r"Which next\?", BACKSPACE)
        # The order is drawn again without the undone pick, not left on screen above it.
        screen.wait_for(r"Which next\?")
        rows = [r.strip() for r in screen.screen.display]
        prompt = next(i for i, r in enumerate(rows) if r.startswith("? Which next?"))
        picks = " ".join(rows[rows.index("Your order:") + 1 : prompt])
        assert picks.startswith("1. " + " ".join(wrong[0].split()[:3])), rows
        assert "2. " not in picks and "Undone" not in picks, rows
        check.step(r"Which next\?", BACKSPACE)
        screen.wait_for(r"Which comes first\?")
        shown = "\n".join(screen.screen.display)
        assert "Your order:" not in shown and "Undone" not in shown, shown
        answer_rightly(check, q)
        screen.wait_for("Correct.")
        assert screen.finish() == 0
    finally:
        screen.close()
    assert not screen.cut_rows(), screen.text()
    assert progress_rows(tmp_path, "SELECT correct FROM answers") == [(1,)]
