"""The questionary front end, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from quizgen.facts import FactBase
from quizgen.generation.bank import generate
from quizgen.grading import Grader
from quizgen.items import flashcard
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from quizgen.scheduling.cards import Rating
from quizgen.study.frontends.interactive import InteractiveFrontend, TypeAhead
from quizgen.study.session import run
from tests.support.data import T, first, of

DOWN, ENTER, ESC, CTRL_C, BACKSPACE = "\x1b[B", "\r", "\x1b", "\x03", "\x7f"


@pytest.fixture
def pipe() -> Iterator[PipeInput]:
    with create_pipe_input() as inp:
        yield inp


def frontend(
    base: FactBase,
    pipe: PipeInput,
    console: io.StringIO | None = None,
) -> InteractiveFrontend:
    return InteractiveFrontend(
        base, input=pipe, output=DummyOutput(), console_file=console or io.StringIO()
    )


def one(base: FactBase, kind: str, cls: type[T], seed: int = 1) -> T:
    return first(cls, generate(base, [kind], n=1, seed=seed))


def test_multiple_choice_with_arrow_keys(small: FactBase, pipe: PipeInput) -> None:
    q = one(small, "mc", ChoiceItem)
    pipe.send_text(DOWN * 2 + ENTER)
    assert frontend(small, pipe).ask(q, 1, 1) == q.options[2]


def test_true_false_and_typed(small: FactBase, pipe: PipeInput) -> None:
    tf, typed = one(small, "tf", TruthItem), one(small, "typed", TextItem)
    ui = frontend(small, pipe)
    pipe.send_text(DOWN + ENTER)
    assert ui.ask(tf, 1, 2) == "False"
    pipe.send_text("Abu Kamal" + ENTER)
    assert ui.ask(typed, 2, 2) == "Abu Kamal"


def test_timeline_by_picking_the_earliest_left(small: FactBase, pipe: PipeInput) -> None:
    q = one(small, "timeline", OrderItem)
    left = list(q.options)
    for event in q.answer:  # pick each right event from what is left
        if len(left) > 1:
            pipe.send_text(DOWN * left.index(str(event)) + ENTER)
        left.remove(str(event))
    pipe.send_text(ENTER)  # "Submit"
    assert frontend(small, pipe).ask(q, 1, 1) == list(q.answer)


def test_a_timeline_pick_can_be_undone(small: FactBase, pipe: PipeInput) -> None:
    """Backspace undoes the last pick; "Undo the last pick" at the confirmation undoes
    the last choice made (the forced last event goes with it)."""
    q = one(small, "timeline", OrderItem)
    wrong_first = next(o for o in q.options if o != q.answer[0])
    pipe.send_text(DOWN * q.options.index(wrong_first) + ENTER + BACKSPACE)
    left = list(q.options)
    for event in q.answer:
        if len(left) > 1:
            pipe.send_text(DOWN * left.index(str(event)) + ENTER)
        left.remove(str(event))
    # At "Submit this order?": undo, pick the last two again the same way, submit.
    pipe.send_text(DOWN + ENTER)
    two = [o for o in q.options if o in q.answer[-2:]]
    pipe.send_text(DOWN * two.index(q.answer[-2]) + ENTER + ENTER)
    console = io.StringIO()
    assert frontend(small, pipe, console).ask(q, 1, 1) == list(q.answer)
    assert "Undone: " in console.getvalue()


def test_matching_by_picking_each_statement(small: FactBase, pipe: PipeInput) -> None:
    q = one(small, "match", PairsItem)
    key = dict(q.answer)
    left = list(q.statements)
    for item in q.names[:-1]:
        pipe.send_text(DOWN * left.index(key[item]) + ENTER)
        left.remove(key[item])
    pipe.send_text(ENTER)  # "Submit"
    response = frontend(small, pipe).ask(q, 1, 1)
    assert sorted(response) == sorted(q.answer)


@pytest.mark.parametrize("key", [ESC, CTRL_C])
def test_escape_and_ctrl_c_stop(small: FactBase, pipe: PipeInput, key: str) -> None:
    pipe.send_text(key)
    with pytest.raises(KeyboardInterrupt):
        frontend(small, pipe).ask(one(small, "mc", ChoiceItem), 1, 1)


def test_a_whole_session_with_feedback(small: FactBase, pipe: PipeInput) -> None:
    items = of(ChoiceItem, generate(small, ["mc"], n=2, seed=5))
    for q in items:
        pipe.send_text(DOWN * q.options.index(str(q.answer)) + ENTER)
    console = io.StringIO()
    moments = iter(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=i) for i in range(50))
    result = run(
        items,
        frontend(small, pipe, console),
        Grader(small.facts),
        lambda: next(moments),
        lambda a: None,
    )
    assert result.score == 2
    shown = console.getvalue()
    assert "Question 1 of 2" in shown and "Correct." in shown and "Source: " in shown


def test_flashcard_reveal_and_grade(small: FactBase, pipe: PipeInput) -> None:
    console = io.StringIO()
    pipe.send_text(" " + DOWN + ENTER)  # any key to reveal; the pointer starts at Good
    card = flashcard.card_for(small.facts[0])
    assert frontend(small, pipe, console).ask(card, 1, 1) == "easy"
    assert card.grade("good", Grader(small.facts)).rating == Rating.GOOD
    assert small.facts[0].answer in console.getvalue()


@pytest.mark.parametrize(
    "key,grade", [("1", "again"), ("2", "hard"), ("3", "good"), ("4", "easy"), (" ", "good")]
)
def test_flashcard_keys_grade_at_once(
    small: FactBase, pipe: PipeInput, key: str, grade: str
) -> None:
    card = flashcard.card_for(small.facts[0]).with_grades(
        ("Again 1m", "Hard 6m", "Good 10m", "Easy 8d")
    )
    pipe.send_text(" " + key)  # reveal, then one key: no Enter
    assert frontend(small, pipe).ask(card, 1, 1) == grade


def test_typing_picks_what_it_begins_and_a_stray_key_records_nothing(
    small: FactBase, pipe: PipeInput
) -> None:
    """Lettered dates: "7" begins none, so the Enter after it records nothing; after
    Backspace, "25 M" is typed ahead to 25 March 2021 (never "the first option")."""
    q = next(
        q
        for q in of(ChoiceItem, generate(small, ["mc"], n=4, seed=1))
        if "25 March 2021" in q.options
    )
    assert q.options[0] != "25 March 2021"
    pipe.send_text("7" + ENTER + BACKSPACE + "25 M" + ENTER)
    assert frontend(small, pipe).ask(q, 1, 1) == "25 March 2021"


def test_type_ahead_in_a_numbered_list() -> None:
    typing = TypeAhead(["1", "2", "3"], ["Erbil", "Hama", "Husaybah"])
    assert typing.press("5") is None and typing.refused
    assert typing.message() == "no option 5 — type a number 1–3"
    assert typing.press("2") == 1 and not typing.refused and not typing.typed
    assert [typing.press(c) for c in "hu"] == [1, 2] and typing.message().startswith("typed: hu")
    assert typing.press("z") is None and typing.refused
    assert typing.backspace() == 2 and not typing.refused
    typing.moved()
    assert typing.typed == "" and typing.message() == ""


def test_type_ahead_starts_over_after_a_refused_key() -> None:
    """ "7" where the figures are 2, 3, 4 and 10, then "10": the learner means 10, not "710";
    typing that begins no option either way is kept as typed, to be edited."""
    typing = TypeAhead(["a", "b", "c", "d"], ["2", "3", "4", "10"])
    assert typing.press("7") is None and typing.refused
    assert typing.press("1") == 3 and typing.typed == "1" and not typing.refused
    assert typing.press("0") == 3 and typing.typed == "10"
    typing.moved()
    assert typing.press("7") is None and typing.press("8") is None
    assert typing.message() == "no option 78 — type a letter a–d"
