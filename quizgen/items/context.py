"""What the kind modules share while making items from one fact base.

Built once per fact base: the distractor index, where each answer stands in
its statement, and a memo in which a kind keeps its own index (the timeline
keeps its dated events, matching its matchable facts), built the first time
the kind is asked for, so a quiz of multiple choice pays for no timeline.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from quizgen.facts import Entities, Fact, FactBase, spans
from quizgen.facts.spans import Span
from quizgen.items.distractors import DistractorIndex

T = TypeVar("T")


class Context:
    def __init__(self, facts: FactBase | Iterable[Fact], entities: Entities | None = None) -> None:
        """The context of a fact base (its entities, and its index of facts by id, shared),
        or of some facts and ``entities``."""
        base = facts if isinstance(facts, FactBase) else None
        self.facts = tuple(facts.facts if isinstance(facts, FactBase) else facts)
        self.entities = (base.entities if base is not None else entities) or Entities()
        """The fact file's entities: wrong answers are drawn from those of the key's class."""
        self.index = DistractorIndex(
            self.facts, self.entities, base.by_id if base is not None else None
        )
        self.companions = self.facts
        """The facts an item about several facts may draw in: the selection being asked."""
        self._spans: dict[str, Span | None] = {}
        self._blanked: dict[str, str | None] = {}
        self._memo: dict[str, Any] = {}

    def select(self, facts: Iterable[Fact] | None) -> None:
        """Keep items about several facts (timelines, matching) to ``facts`` (None: all).

        Wrong answers still come from the whole base; but a quiz on one topic or
        deck asks only about facts of that topic or deck, in every kind of item.
        """
        chosen = self.facts if facts is None else tuple(facts)
        if chosen != self.companions:
            self.companions = chosen
            self._memo.clear()  # the kinds' indexes were built over the old companions

    def span(self, fact: Fact) -> Span | None:
        """Where the fact's answer is written in its statement (None if it is not)."""
        if fact.id not in self._spans:
            self._spans[fact.id] = spans.find_answer(fact)
        return self._spans[fact.id]

    def blanked(self, fact: Fact) -> str | None:
        """The statement with its answer blanked by :func:`quizgen.facts.spans.blanked`, as
        the quiz shows it; None if it cannot be blanked without giving the answer away."""
        if fact.id not in self._blanked:
            found = spans.blanked(fact, self.span(fact))
            self._blanked[fact.id] = None if found is None else found.text()
        return self._blanked[fact.id]

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """The value kept under ``key`` for the current companions, built on first use."""
        if key not in self._memo:
            self._memo[key] = build()
        value: T = self._memo[key]
        return value


def explain(fact: Fact) -> str:
    """What feedback shows after the answer: the fact's explanation, else its statement."""
    return fact.explanation or fact.statement


def single(fact: Fact, kind: str) -> dict[str, Any]:
    """The fields every one-fact item shares, as keyword arguments."""
    return {
        "id": f"{kind}-{fact.id}",
        "topic": fact.topic,
        "fact_ids": (fact.id,),
        "source": fact.source,
        "explanation": explain(fact),
    }


def several(kind: str, facts: list[Fact], explanation: str, topic: str) -> dict[str, Any]:
    """The shared fields of an item drawn from several facts (timeline, matching)."""
    ids = tuple(f.id for f in facts)
    digest = hashlib.sha1("|".join(ids).encode()).hexdigest()[:10]
    return {
        "id": f"{kind}-{digest}",
        "topic": topic,
        "fact_ids": ids,
        "source": tuple(dict.fromkeys(s for f in facts for s in f.source)),
        "explanation": explanation,
    }
