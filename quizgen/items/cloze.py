"""Fill in the blank: the fact's statement with its answer blanked out."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from random import Random
from typing import Self

from quizgen.facts import AnswerKind, Fact
from quizgen.facts.spans import BLANK
from quizgen.items import register
from quizgen.items.context import Context, single
from quizgen.items.cues import Sayings, blank_unasked
from quizgen.items.shapes import TextItem

WHERE_KINDS = (AnswerKind.PLACE, AnswerKind.COUNTRY)
"""Answers a blank after 'in' or 'near' may take in several sizes (town, region, country)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Cloze(TextItem, kind="cloze", label="Fill in the blank", recall=True):
    """The fact's statement with its answer blanked out, to be typed."""

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str]) -> Self | None:
        span, prompt = ctx.span(fact), ctx.blanked(fact)
        if span is None or prompt is None or not cls.typable(fact):
            return None
        if fact.answer_kind in WHERE_KINDS and blank_unasked(
            fact.question, fact.statement[: span.start], prompt
        ):
            return None  # "Al-Tanf lies in the _____": a country, a governorate, a desert
        sayings = ctx.memo("sayings", lambda: Sayings(ctx.facts))
        before, _, after = prompt.partition(BLANK)
        if sayings.second_subject(fact, before, after, ctx.entities) is not None:
            return None  # another fact says the same of something else: a second answer
        right = (fact.answer, *fact.aliases, *cls.also_right(fact, prompt))
        accepted = tuple(dict.fromkeys(a for a in right if a != span.text))
        return cls(
            **single(fact, cls.kind),
            question=prompt,
            answer=span.text,
            accepted=accepted,
            answer_kind=fact.answer_kind,
        )


register(Cloze)
