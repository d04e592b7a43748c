"""What the learner pressed is what is recorded: keys in a real pseudo-terminal.

Digits (or letters, where the options are figures) pick their option in every list;
a key typed for one prompt never answers the next ("y" then Enter at the retry offer);
Esc stops. Each at 40 and 120 columns, read back from the screen and the database.
"""

from __future__ import annotations

import re
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
ENTER, ESC, BACKSPACE, DOWN = "\r", "\x1b", "\x7f", "\x1b[B"


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


def _no_answer_after(screen: Screen, home: Path, rows: int, shown: str) -> None:
    """Enter was pressed after keys that match no option: the line under the list says
    so and nothing is recorded, however long one waits."""
    screen.wait_for(shown)
    time.sleep(0.6)
    screen.pump(0.2)
    assert len(responses(home)) == rows, screen.text()
    assert "»" in "\n".join(screen.screen.display), screen.text()


@pytest.mark.parametrize("columns", (40, 80))
def test_keys_that_match_no_option_never_record_and_typing_a_figure_picks_it(
    tmp_path: Path, columns: int
) -> None:
    """In a lettered list a figure typed is the option it begins (typed ahead, shown,
    Backspace edits it); in a numbered list an out-of-range digit or letters are refused.
    Enter after such keys records nothing; arrows, labels and matching typing pick."""
    asked = of(ChoiceItem, generate(factfile.load(SMALL), ["mc"], n=4, seed=1))
    lettered = [q for q in asked if labels(q.options)[0] == "a"]
    assert lettered and len(lettered) < len(asked)
    args = ["quiz", "--facts", str(SMALL), "--home", str(tmp_path)]
    screen = Screen([*args, "-n", "4", "--kinds", "mc", "--seed", "1"], columns)
    expected = []
    try:
        for number, q in enumerate(asked, start=1):
            screen.wait_for(f"Question {number} of 4")
            screen.wait_for("»")
            screen.wait_for_input()
            before = len(responses(tmp_path))
            if q in lettered:
                stray = next(d for d in "0123456789" if not any(o[0] == d for o in q.options))
                screen.send(stray)
                time.sleep(0.1)
                screen.send(ENTER)
                _no_answer_after(
                    screen, tmp_path, before, rf"no option {stray} — type a letter a–d"
                )
                screen.send(BACKSPACE)
                # the answer's text, typed: it starts with a digit, never a label
                for char in q.answer:
                    screen.send(char)
                    time.sleep(0.02)
                screen.wait_for(r"typed: .*\(Backspace edits\)")
                option = q.answer
            else:
                high = str(len(q.options) + 1)
                screen.send(high)
                time.sleep(0.1)
                screen.send(ENTER)
                _no_answer_after(screen, tmp_path, before, rf"no option {high} — type a number 1–")
                screen.send(BACKSPACE + "zzz")
                time.sleep(0.1)
                screen.send(ENTER)
                _no_answer_after(screen, tmp_path, before, r"no option zzz — type a number")
                screen.send(DOWN)  # arrows count as choosing
                option = q.options[1]
            time.sleep(0.15)
            screen.send(ENTER)
            screen.wait_for(rf"Your answer: {option}")
            expected.append((option, int(option == q.answer)))
        if any(not right for _, right in expected):  # a miss: Esc at the retry offer
            screen.wait_for(r"Retry the \d missed question")
            screen.wait_for_input()
            screen.send(ESC)
        screen.finish()
    finally:
        screen.close()
    assert responses(tmp_path) == expected
    assert not screen.cut_rows(), screen.text()


@pytest.mark.parametrize("columns", (40, 80))
def test_letters_in_a_numbered_review_list_never_answer(tmp_path: Path, columns: int) -> None:
    args = ["review", "--facts", str(SMALL), "--home", str(tmp_path), "--order", "file"]
    screen = Screen([*args, "--new", "1", "--kinds", "mc"], columns)
    try:
        screen.wait_for("Question 1 of 1")
        screen.wait_for("»")
        screen.wait_for_input()
        shown = " ".join(" ".join(screen.screen.display).split())
        right = re.search(r"(\d)\. Abu Kamal", shown)
        assert right and "» 1." in shown, shown
        screen.send(DOWN)  # pointed at 2: the stray keys must not record it either
        screen.send("zzz")
        time.sleep(0.1)
        screen.send(ENTER)
        _no_answer_after(screen, tmp_path, 0, r"no option zzz — type a number 1–4")
        screen.send("5")
        time.sleep(0.1)
        screen.send(ENTER)
        _no_answer_after(screen, tmp_path, 0, r"no option zzz5 — type a number 1–4")
        screen.send(right[1])  # a label after refused typing: it picks, clears the typing
        time.sleep(0.15)
        screen.send(ENTER)
        screen.wait_for(r"Rating: ")
        screen.wait_for_input()
        screen.send(ESC)
        assert screen.finish() == 130
    finally:
        screen.close()
    assert responses(tmp_path) == [("Abu Kamal", 1)]


@pytest.mark.parametrize("columns", (40, 80))
def test_a_timeline_pick_out_of_range_never_picks(tmp_path: Path, columns: int) -> None:
    args = ["quiz", "--facts", str(SMALL), "--home", str(tmp_path), "--kinds", "timeline"]
    screen = Screen([*args, "-n", "1", "--seed", "1"], columns)
    try:
        screen.wait_for("Which comes first")
        screen.wait_for("»")
        screen.wait_for_input()
        screen.send("7")
        time.sleep(0.1)
        screen.send(ENTER)
        _no_answer_after(screen, tmp_path, 0, r"no option 7 — type a number 1–3")
        assert "Your order:" not in screen.text()
        screen.send("2")
        time.sleep(0.15)
        screen.send(ENTER)
        screen.wait_for("Which next")
        screen.wait_for_input()
        screen.send("x")
        time.sleep(0.1)
        screen.send(ENTER)
        _no_answer_after(screen, tmp_path, 0, r"no option x — type a number 1–2")
        screen.send(BACKSPACE)  # edits the typing; with nothing typed it would undo
        screen.send("1")
        time.sleep(0.15)
        screen.send(ENTER)
        screen.wait_for(r"Submit this order\?")
        screen.wait_for_input()
        screen.send("9")
        time.sleep(0.1)
        screen.send(ENTER)
        _no_answer_after(screen, tmp_path, 0, r"no option 9 — use the arrows")
        screen.send(BACKSPACE)
        time.sleep(0.15)
        screen.send(ENTER)
        screen.wait_for(r"Score: ")
        screen.wait_for(r"Retry the 1 missed|Seed: 1")
        if screen.child.isalive():
            screen.wait_for_input()
            screen.send(ESC)
        screen.finish()
    finally:
        screen.close()
    rows = responses(tmp_path)
    assert len(rows) == 1
    picks = rows[0][0].split("; ")
    assert len(picks) == 3 and "Fox News" in picks[0] and "IRGC" in picks[1], rows


@pytest.mark.parametrize(("columns", "kinds"), ((40, "typed"), (80, "typed,cloze")))
def test_review_follows_kinds_a_fact_none_fits_is_a_card(
    tmp_path: Path, columns: int, kinds: str
) -> None:
    """The infobox fact can only be asked as multiple choice or true/false: with --kinds
    typed it is a self-graded card, never a multiple choice."""
    args = ["review", "--facts", str(SMALL), "--home", str(tmp_path), "--tag", "infobox"]
    screen = Screen([*args, "--new", "2", "--kinds", kinds], columns)
    try:
        screen.wait_for("Card 1 of 1")
        screen.wait_for_input()
        screen.send(" ")
        screen.wait_for("How well")
        screen.wait_for_input()
        screen.send("4")  # Easy: graduated, so it does not come back in the session
        screen.wait_for("not yet started")
        assert screen.finish() == 0
    finally:
        screen.close()
    assert "Multiple choice" not in screen.text() and "True or false" not in screen.text()
    assert "Reviewing 0 due and 1 new fact." in " ".join(screen.text().split())
    rows = progress_rows(tmp_path, "SELECT fact_ids, question_id, rating FROM answers")
    assert len(rows) == 1 and rows[0][0] == "condition" and rows[0][2] == 4, rows


def test_a_second_space_at_a_flashcard_never_grades_it(tmp_path: Path) -> None:
    """Space shows the answer; a second Space pressed at once (a double tap, or a key
    repeated while the answer is drawn) is not "Space: Good" for a card not yet read:
    the grades wait for a key pressed after they show."""
    args = ["flashcards", "--facts", str(SMALL), "--home", str(tmp_path), "--new", "1"]
    screen = Screen(args, 80)
    try:
        screen.wait_for(r"Space \(or any key\) shows the answer")
        screen.wait_for_input()
        screen.send("  ")
        screen.wait_for(r"How well\?")
        time.sleep(0.6)
        screen.pump(0.2)
        assert responses(tmp_path) == [], screen.text()
        assert "»" in "\n".join(screen.screen.display), screen.text()
        screen.send("2")
        screen.wait_for("Card 2 of 2")  # Hard's card comes back
        screen.wait_for_input()
        screen.send(ESC)
        screen.wait_for("Cards: 1")
        assert screen.finish() == 130
    finally:
        screen.close()
    assert progress_rows(tmp_path, "SELECT rating FROM answers") == [(2,)]
