"""Typed answer: the fact's question, answered in the learner's own words."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from random import Random
from typing import Self

from quizgen.facts import Fact
from quizgen.facts.spans import shows_answer
from quizgen.items import register
from quizgen.items.context import Context, single
from quizgen.items.shapes import TextItem


@dataclass(frozen=True, slots=True, kw_only=True)
class Typed(TextItem, kind="typed", label="Typed answer", recall=True):
    """The fact's question, answered in the learner's own words."""

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str]) -> Self | None:
        if not cls.typable(fact) or shows_answer(fact.question, fact):
            return None  # a paraphrase would be marked wrong; the question gives it away
        return cls(
            **single(fact, cls.kind),
            question=fact.question,
            answer=fact.answer,
            accepted=(*fact.aliases, *cls.also_right(fact, fact.question)),
            answer_kind=fact.answer_kind,
        )


register(Typed)
