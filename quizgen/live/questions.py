"""What of an item a phone may see, and when; what a phone's answer means.

The split is the game's first security rule: :func:`public` is built field by
field from what a learner needs to answer (never from ``to_dict``, which holds
the key), and :func:`reveal` (the answer, its explanation and its source) is
sent only once the host has closed the question. Phones answer by option
*index* (or text, for typed items); :func:`response` turns that into the
item's own response, refusing anything that is not an answer of its shape.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quizgen.errors import QuizgenError
from quizgen.facts import FactBase
from quizgen.items import Item, Shape
from quizgen.items.base import Response
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem

TEXT_MAX = 200
"""Longest typed answer taken (longer is refused, not cut)."""

LIVE_SHAPES = (Shape.CHOICE, Shape.TRUTH, Shape.TEXT, Shape.ORDER, Shape.PAIRS)


class Rejected(QuizgenError):
    """A request the game turns down; the message says why, for the person who sent it."""


@dataclass(frozen=True, slots=True)
class LiveQuestion:
    item: Item
    public: dict[str, Any]
    reveal: dict[str, Any]


def public(item: Item, base: FactBase) -> dict[str, Any]:
    """The question as phones and the projector show it while it is open: no answer."""
    out: dict[str, Any] = {
        "kind": item.kind,
        "label": item.label,
        "shape": item.shape.value,
        "topic": base.topic_name(item.topic),
        "prompt": item.prompt,
    }
    if isinstance(item, ChoiceItem | TruthItem | OrderItem):
        out["options"] = list(item.options)
    elif isinstance(item, PairsItem):
        out |= {"names": list(item.names), "statements": list(item.statements)}
    return out


def reveal(item: Item, base: FactBase) -> dict[str, Any]:
    """The answer, its explanation and its sources: sent after the question closes."""
    if isinstance(item, ChoiceItem | TruthItem):
        lines = [item.answer]
    elif isinstance(item, TextItem):
        also = f" (also accepted: {', '.join(item.accepted)})" if item.accepted else ""
        lines = [item.answer + also]
    else:
        lines = item.key_lines()
    return {
        "lines": lines,
        "explanation": item.explanation,
        "sources": [base.source_label(s) for s in item.source],
    }


def live_questions(base: FactBase, items: Sequence[Item]) -> list[LiveQuestion]:
    """The game's questions; a self-graded item (a flashcard) has no place in a game."""
    bad = [i.id for i in items if i.shape not in LIVE_SHAPES]
    if bad:
        raise Rejected(f"these items cannot be asked in a live game: {', '.join(bad)}")
    return [LiveQuestion(i, public(i, base), reveal(i, base)) for i in items]


def _index(value: Any, count: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
        raise Rejected(f"Choose an option from 1 to {count}.")
    return value


def _permutation(value: Any, count: int, what: str) -> list[int]:
    if (
        not isinstance(value, list)
        or len(value) != count
        or sorted(_index(v, count) for v in value) != list(range(count))
    ):
        raise Rejected(f"Give each of the {count} {what} once.")
    return value


def response(item: Item, value: Any) -> Response:
    """A phone's answer as the item's response; Rejected if it is not one."""
    if isinstance(item, ChoiceItem | TruthItem):
        return item.options[_index(value, len(item.options))]
    if isinstance(item, TextItem):
        if not isinstance(value, str):
            raise Rejected("Type an answer.")
        text = "".join(c for c in value if unicodedata.category(c)[0] != "C").strip()
        if len(text) > TEXT_MAX:
            raise Rejected(f"Answers are at most {TEXT_MAX} characters.")
        return text
    if isinstance(item, OrderItem):
        order = _permutation(value, len(item.options), "events")
        return [item.options[i] for i in order]
    if isinstance(item, PairsItem):
        picks = _permutation(value, len(item.statements), "statements")
        if len(picks) != len(item.names):
            raise Rejected("Pair every name once.")
        return [(name, item.statements[j]) for name, j in zip(item.names, picks, strict=True)]
    raise Rejected("This question cannot be answered here.")


def bucket(item: Item, given: Response, correct: bool) -> str:
    """The bar of the answer chart an answer falls in."""
    if isinstance(item, ChoiceItem | TruthItem) and isinstance(given, str):
        return given
    return "Right" if correct else "Wrong"


def buckets(item: Item) -> list[str]:
    """Every bar of the chart, in the order shown."""
    if isinstance(item, ChoiceItem | TruthItem):
        return list(item.options)
    return ["Right", "Wrong"]


def right_buckets(item: Item) -> set[str]:
    if isinstance(item, ChoiceItem | TruthItem):
        return {item.answer}
    return {"Right"}
