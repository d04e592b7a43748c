"""The session engine without a terminal: injected answers and clock."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from quizgen.facts import FactBase
from quizgen.generation.bank import generate
from quizgen.grading import Grader
from quizgen.items import Item
from quizgen.items.base import Response
from quizgen.items.shapes import ChoiceItem
from quizgen.scheduling.cards import Rating
from quizgen.study.session import Answer, EndOfInput, Offer, duration, run, summary_lines
from tests.support.clock import START, Ticking
from tests.support.data import of


class Scripted:
    """A front end that answers from a list and notes what happened, in order."""

    def __init__(self, answers: Sequence[object], events: list[str]) -> None:
        self.answers = list(answers)
        self.events = events

    def ask(self, question: Item, number: int, total: int) -> Response:
        self.events.append(f"ask {number}/{total}")
        if not self.answers:
            raise EndOfInput
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer  # type: ignore[return-value]

    def feedback(self, answer: Answer) -> None:
        self.events.append(f"feedback {'right' if answer.correct else 'wrong'}")

    def confirm(self, message: str) -> bool:
        return False

    def rerate(self, offer: Offer, change: Callable[[Rating], str]) -> None:
        self.events.append(f"rerate {offer.current.name}")


def mc_items(base: FactBase, n: int) -> list[ChoiceItem]:
    return of(ChoiceItem, generate(base, ["mc"], n=n, seed=1))


def test_answers_are_saved_before_feedback(small: FactBase) -> None:
    items = mc_items(small, 3)
    events: list[str] = []
    answers = [items[0].answer, "nonsense", items[2].answer]
    clock = Ticking(START)
    result = run(
        items,
        Scripted(answers, events),
        Grader(small.facts),
        clock,
        lambda a: events.append(f"saved {a.question.id}"),
    )
    assert events == [
        "ask 1/3",
        f"saved {items[0].id}",
        "feedback right",
        "ask 2/3",
        f"saved {items[1].id}",
        "feedback wrong",
        "ask 3/3",
        f"saved {items[2].id}",
        "feedback right",
    ]
    assert (result.score, len(result.answers), result.interrupted, result.ran_out) == (
        2,
        3,
        False,
        False,
    )
    assert [a.seconds for a in result.answers] == [5.0, 5.0, 5.0]


def test_end_of_input_ends_cleanly(small: FactBase) -> None:
    items = mc_items(small, 4)
    saved: list[Answer] = []
    clock = Ticking(START)
    result = run(
        items,
        Scripted([items[0].answer], []),
        Grader(small.facts),
        clock,
        saved.append,
    )
    assert (len(saved), result.ran_out, result.interrupted, result.total) == (1, True, False, 4)


def test_ctrl_c_keeps_what_was_answered(small: FactBase) -> None:
    items = mc_items(small, 4)
    saved: list[Answer] = []
    clock = Ticking(START)
    result = run(
        items,
        Scripted([items[0].answer, items[1].answer, KeyboardInterrupt()], []),
        Grader(small.facts),
        clock,
        saved.append,
    )
    assert len(saved) == 2 and result.interrupted
    lines = summary_lines(result, small)
    assert lines[0] == "Stopped after 2 of 4 questions; every answer given is saved."
    assert lines[1].startswith("Score: 2 of 2 (100%) in ")


def test_summary(small: FactBase) -> None:
    items = mc_items(small, 3)
    clock = Ticking(START, 20.0)
    result = run(
        items,
        Scripted([items[0].answer, "x", "y"], []),
        Grader(small.facts),
        clock,
        lambda a: None,
    )
    lines = summary_lines(result, small)
    # 8 clock readings 20 s apart: start, 2 per question, end.
    assert lines[0] == "Score: 1 of 3 (33%) in 2 min 20 s"
    assert lines[1] == "By topic:"
    assert "Missed:" in lines
    missed = lines[lines.index("Missed:") + 1 :]
    assert missed[0] == f"  2. {items[1].prompt}" and missed[1] == f"     Answer: {items[1].answer}"
    doc = result.to_dict(small)
    assert doc["answered"] == 3 and doc["correct"] == 1
    answers = doc["answers"]
    assert isinstance(answers, list)
    assert [a["correct"] for a in answers] == [True, False, False]


@pytest.mark.parametrize("seconds,text", [(5, "5 s"), (80, "1 min 20 s"), (3725, "1 h 2 min")])
def test_duration(seconds: float, text: str) -> None:
    assert duration(seconds) == text
