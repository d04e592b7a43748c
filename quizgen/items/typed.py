"""Typed answer: the fact's question, answered in the learner's own words."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import ClassVar

from quizgen.facts import WORDED_KINDS, Fact
from quizgen.items import Kind, register
from quizgen.items.base import Shape
from quizgen.items.context import Context, shows_answer, single
from quizgen.items.shapes import TextItem


def make(ctx: Context, fact: Fact, rng: Random, avoid: frozenset[str]) -> Typed | None:
    if fact.answer_kind in WORDED_KINDS:
        return None  # a paraphrase would be marked wrong
    if shows_answer(fact.question, fact):
        return None  # the question gives its own answer away
    return Typed(**single(fact, "typed"), question=fact.question, answer=fact.answer,
                 accepted=fact.aliases, answer_kind=fact.answer_kind)


@dataclass(frozen=True, slots=True, kw_only=True)
class Typed(TextItem):
    kind: ClassVar[str] = "typed"
    label: ClassVar[str] = "Typed answer"


KIND = register(Kind("typed", Typed.label, Shape.TEXT, make, recall=True))
