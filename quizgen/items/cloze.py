"""Fill in the blank: the fact's statement with its answer blanked out."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import ClassVar, Self

from quizgen.facts import WORDED_KINDS, Fact
from quizgen.items import register
from quizgen.items.context import Context, single
from quizgen.items.shapes import TextItem


@dataclass(frozen=True, slots=True, kw_only=True)
class Cloze(TextItem):
    kind: ClassVar[str] = "cloze"
    label: ClassVar[str] = "Fill in the blank"
    recall: ClassVar[bool] = True

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: frozenset[str]) -> Self | None:
        if fact.answer_kind in WORDED_KINDS:
            return None  # a paraphrase would be marked wrong
        span, prompt = ctx.span(fact), ctx.blanked(fact)
        if span is None or prompt is None:
            return None
        accepted = tuple(dict.fromkeys(a for a in (fact.answer, *fact.aliases) if a != span.text))
        return cls(
            **single(fact, cls.kind),
            question=prompt,
            answer=span.text,
            accepted=accepted,
            answer_kind=fact.answer_kind,
        )


register(Cloze)
