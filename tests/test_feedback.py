"""Feedback that teaches: timelines and matchings laid out, partial credit, full answers."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest

from quizgen.facts import FactBase
from quizgen.generation.bank import generate
from quizgen.grading import Grader
from quizgen.items.base import letter
from quizgen.items.shapes import OrderItem, PairsItem
from quizgen.study import feedback
from quizgen.study.frontends.plain import PlainFrontend
from quizgen.study.session import run, summary_lines
from tests.support.data import first
from tests.support.golden import check_golden


def timeline(base: FactBase) -> OrderItem:
    return first(OrderItem, generate(base, ["timeline"], n=1, seed=3))


def matching(base: FactBase) -> PairsItem:
    return first(PairsItem, generate(base, ["match"], n=1, seed=3))


def swapped_order(q: OrderItem) -> str:
    """The right order with the first two swapped: the rest still in place."""
    numbers = [q.options.index(a) + 1 for a in q.answer]
    numbers[0], numbers[1] = numbers[1], numbers[0]
    return " ".join(map(str, numbers))


def swapped_pairs(q: PairsItem) -> str:
    """The right pairs, but the first two names' statements exchanged."""
    letters = [letter(q.statements.index(b)) for _, b in q.answer]
    letters[0], letters[1] = letters[1], letters[0]
    return " ".join(
        f"{q.names.index(a) + 1}{x}" for (a, _), x in zip(q.answer, letters, strict=True)
    )


def transcript(base: FactBase, items: list[OrderItem | PairsItem], replies: list[str]) -> str:
    out = io.StringIO()
    moments = iter(
        datetime(2026, 3, 1, 9, tzinfo=UTC) + timedelta(seconds=10 * i) for i in range(100)
    )
    result = run(
        items,
        PlainFrontend(base, io.StringIO("\n".join(replies) + "\n"), out),
        Grader(base.facts),
        lambda: next(moments),
        lambda a: None,
    )
    return out.getvalue() + "\n".join(summary_lines(result, base)) + "\n"


def test_golden_timeline_and_matching_feedback(small: FactBase) -> None:
    """Each event in order with its date and the place the learner gave it; each pair as
    a sentence with the learner's wrong pairing beside it; partial credit; and in the
    summary the answers in words, never '3 1 2'."""
    t, m = timeline(small), matching(small)
    text = transcript(small, [t, m], [swapped_order(t), swapped_pairs(m)])
    check_golden("plain_feedback_timeline_match.txt", text)
    parts = len(t.answer)
    assert f"Not quite: {parts - 2} of {parts} in the right place." in text
    assert "Not quite: 2 of 4 pairs right." in text
    assert "Score: 0 of 2" in text  # partly right counts as wrong
    assert f"Answer: {t.key()}" not in text and "…" not in text.split("Score:")[1]


def test_timeline_lines_mark_each_event(small: FactBase) -> None:
    q = timeline(small)
    given = list(reversed(q.answer))
    grade = q.grade(given, Grader(small.facts))
    lines = feedback.lines(q, given, grade, small)
    count = len(q.answer)
    assert lines[0].text.startswith(("Wrong: ", "Not quite: ")) and lines[0].right is False
    for i, line in enumerate(lines[1:]):
        place = count - i
        assert line.text.startswith(f"{i + 1}. {q.dates[i]}: ")
        assert line.text.endswith(
            f"You: {feedback.ordinal(place)}{', right' if place == i + 1 else ''}."
        )
        assert line.right is (place == i + 1)


def test_matching_lines_mark_the_mistakes(small: FactBase) -> None:
    q = matching(small)
    (a, sa), (b, sb), *rest = q.answer
    given = [(a, sb), (b, sa), *rest]
    lines = feedback.lines(q, given, q.grade(given, Grader(small.facts)), small)
    assert [line.right for line in lines[1:]] == [False, False, True, True]
    assert lines[1].text == f"{feedback.pair_sentence(a, sa)}  You paired {a} with: {sb}"
    assert "You paired" not in lines[3].text


@pytest.mark.parametrize(
    "n,text",
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (21, "21st")],
)
def test_ordinal(n: int, text: str) -> None:
    assert feedback.ordinal(n) == text
