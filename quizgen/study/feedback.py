"""What the learner is told after answering, as lines any front end can show.

Feedback should teach, not just mark: a timeline is shown in its right order,
each event with its date and the place the learner gave it; a matching item
shows every pair as a full sentence, the learner's wrong pairings beside them;
an item of several parts says how many were right ("3 of 4 in the right
place") though only a fully right answer counts as right. Pure: the plain and
interactive front ends render these lines, the first as text, the second with
colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizgen.facts import FactBase
from quizgen.facts.spans import BLANK, HIDDEN_DATE
from quizgen.grading import Grade
from quizgen.items import Item
from quizgen.items.base import Response
from quizgen.items.shapes import OrderItem, PairsItem

_PARTS = {OrderItem: "in the right place", PairsItem: "pairs right"}


@dataclass(frozen=True, slots=True)
class Line:
    """One line of feedback; ``right`` marks a part the learner had right (True) or wrong
    (False), for colour; None for lines that are neither."""

    text: str
    right: bool | None = None
    indent: int = 0


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def verdict(item: Item, grade: Grade) -> str:
    """'Correct.', 'Not quite: 3 of 4 in the right place.', 'Wrong. The answer is: X'."""
    if grade.correct:
        return grade.note
    if grade.part is not None:
        right, of = grade.part
        what = next((v for k, v in _PARTS.items() if isinstance(item, k)), "right")
        return f"{'Not quite' if right else 'Wrong'}: {right} of {of} {what}."
    return f"Wrong. {grade.note}"


def events(item: OrderItem, base: FactBase | None = None) -> list[str]:
    """The timeline's events in order, each with its date: '2006: Israel fought ... in 2006.'

    The fact's own statement where the item names its facts in order, else the
    event as shown with its hidden date filled in.
    """
    dates = item.dates or ("",) * len(item.answer)
    facts = (
        [base.fact(f) if base is not None else None for f in item.fact_ids]
        if base is not None and len(item.fact_ids) == len(item.answer)
        else []
    )
    out = []
    for i, (entry, date) in enumerate(zip(item.answer, dates, strict=True)):
        fact = facts[i] if facts else None
        text = (
            fact.statement
            if fact is not None
            else entry.replace(HIDDEN_DATE, date)
            if date and entry.count(HIDDEN_DATE) == 1
            else entry
        )
        out.append(f"{date}: {text}" if date else text)
    return out


def pair_sentence(name: str, statement: str) -> str:
    """A matching statement completed by its name."""
    return statement.replace(BLANK, name) if BLANK in statement else f"{name}: {statement}"


def answer_words(item: Item, base: FactBase | None = None) -> list[str]:
    """The answer in words, a line per event or pair (never the numbers plain mode types)."""
    if isinstance(item, OrderItem):
        return [f"{i + 1}. {e}" for i, e in enumerate(events(item, base))]
    if isinstance(item, PairsItem):
        return [f"- {pair_sentence(n, s)}" for n, s in item.answer]
    return item.key_lines()


def lines(item: Item, response: Response, grade: Grade, base: FactBase) -> list[Line]:
    """The whole feedback but the source line: verdict, then the answer laid out, then
    the explanation where it says more than the layout. An overruled answer is told
    only that it is recorded as right."""
    if grade.overruled:
        return [Line(grade.note, True)]
    out = [Line(verdict(item, grade), grade.correct)]
    if isinstance(item, OrderItem):
        order = [r for r in response if isinstance(r, str)]
        for i, (entry, text) in enumerate(zip(item.answer, events(item, base), strict=True)):
            place = order.index(entry) + 1 if entry in order else 0
            mine = None if grade.correct else place == i + 1
            note = (
                ""
                if grade.correct
                else f"  You: {ordinal(place)}{', right' if mine else ''}."
                if place
                else "  You: -."
            )
            out.append(Line(f"{i + 1}. {text}{note}", mine, 2))
        return out
    if isinstance(item, PairsItem):
        pairs = dict(r for r in response if not isinstance(r, str))
        for name, statement in item.answer:
            picked = pairs.get(name)
            mine = None if grade.correct else picked == statement
            note = (
                ""
                if grade.correct or mine
                else f"  You paired {name} with: {picked}"
                if picked
                else f"  You left {name} unpaired."
            )
            out.append(Line(f"{pair_sentence(name, statement)}{note}", mine, 2))
        return out
    if item.explanation:
        out.append(Line(item.explanation))
    return out
