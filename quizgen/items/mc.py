"""Multiple choice: the fact's question, its answer and (up to) three wrong answers."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import Self

from quizgen.facts import DATE_KIND_PRECISION, Fact
from quizgen.facts.spans import shows_answer
from quizgen.items import register
from quizgen.items.context import Context, single
from quizgen.items.cues import echoes
from quizgen.items.distractors import Option
from quizgen.items.shapes import ChoiceItem
from quizgen.language.dates import chronological_key


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleChoice(ChoiceItem, kind="mc", label="Multiple choice"):
    """The fact's question, its answer and (up to) three wrong answers."""

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: frozenset[str]) -> Self | None:
        # Dates are made with the key's rank chosen among exactly the options shown,
        # so ask for no spares there; elsewhere spares let the lengths be balanced.
        if shows_answer(fact.question, fact) or echoes(fact.question, fact.answer):
            return None  # the question gives (or looks like) its own answer
        dated = fact.answer_kind in DATE_KIND_PRECISION
        wrong = balance_length(
            fact.answer, ctx.index.wrong_answers(fact, rng, 3 + (0 if dated else 2)), 3
        )
        if not wrong:
            return None
        options = [Option(fact.answer, "key"), *wrong]
        if dated:
            # chronological, the key's rank random
            options.sort(key=lambda o: chronological_key(o.text))
        else:
            rng.shuffle(options)
        return cls(
            **single(fact, cls.kind),
            question=fact.question,
            answer=fact.answer,
            options=tuple(o.text for o in options),
            answer_kind=fact.answer_kind,
            origins=tuple(o.origin for o in options),
        )


def balance_length(key: str, candidates: list[Option], count: int) -> list[Option]:
    """The first ``count`` candidates, but not leaving the key the longest option if avoidable.

    A key that is longer than every distractor is a cue test-wise learners use;
    if a spare candidate is at least as long as the key, it replaces the shortest
    drawn (not curated) option, or the shortest option when all are curated.
    """
    chosen, spare = candidates[:count], candidates[count:]
    if not chosen or len(key) <= max(len(o.text) for o in chosen):
        return chosen
    longer = next((o for o in spare if len(o.text) >= len(key)), None)
    if longer is None:
        return chosen
    replaceable = [o for o in chosen if o.origin != "curated"] or chosen
    out = list(chosen)
    out[out.index(min(replaceable, key=lambda o: len(o.text)))] = longer
    return out


register(MultipleChoice)
