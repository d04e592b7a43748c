"""Multiple choice: the fact's question, its answer and (up to) three wrong answers."""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import Self

from quizgen.facts import DATE_KIND_PRECISION, AnswerKind, Fact
from quizgen.facts.spans import shows_answer
from quizgen.items import register
from quizgen.items.context import Context, single
from quizgen.items.cues import centred_key, echoes, in_order, shared_with_stem, shares_word
from quizgen.items.distractors import Option
from quizgen.items.shapes import ChoiceItem


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleChoice(ChoiceItem, kind="mc", label="Multiple choice"):
    """The fact's question, its answer and (up to) three wrong answers."""

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: frozenset[str]) -> Self | None:
        if shows_answer(fact.question, fact) or echoes(fact.question, fact.answer):
            return None  # the question gives (or looks like) its own answer
        if fact.answer_kind is AnswerKind.NUMBER:
            # the key's rank drawn uniformly; none for a bound or a key with no room below
            wrong = ctx.index.number_options(fact, rng, 3)
        elif fact.answer_kind in DATE_KIND_PRECISION:
            # made with the key's rank chosen among exactly the options shown: no spares
            wrong = ctx.index.wrong_answers(fact, rng, 3)
        else:
            # spares, so the lengths can be balanced and a word of the stem not left to
            # the key alone
            wrong = _no_echo(fact, ctx.index.wrong_answers(fact, rng, SPARE), 3)
        if not wrong or centred_key(fact.answer, [fact.answer, *(o.text for o in wrong)]):
            return None  # nothing to offer, or curated options that cluster about the key
        options = [Option(fact.answer, "key"), *wrong]
        order = in_order(o.text for o in options)
        if order is not None:
            # dates in date order, numbers ascending (as item-writing guides ask): the
            # key's rank was drawn when the wrong options were made
            options = [options[i] for i in order]
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


SPARE = 8
"""Wrong answers asked for beyond the three shown, to choose among."""


def _no_echo(fact: Fact, candidates: list[Option], count: int) -> list[Option] | None:
    """``count`` wrong answers balanced in length (:func:`balance_length`) and leaving no
    word of the stem to the key alone (:func:`shared_with_stem`): one that has the word
    takes the place of a drawn option that does not. None if no choice avoids the cue."""
    wrong = balance_length(fact.answer, candidates, count)
    shown = [fact.answer, *(o.text for o in wrong)]
    word = shared_with_stem(fact.question, fact.answer, shown)
    if word is None:
        return wrong
    sharing = [o for o in candidates if o not in wrong and shares_word(o.text, word)]
    drawn = [o for o in wrong if o.origin != "curated"] or wrong
    if not sharing:
        return None
    out = list(wrong)
    out[out.index(drawn[-1])] = sharing[0]
    shown = [fact.answer, *(o.text for o in out)]
    return out if shared_with_stem(fact.question, fact.answer, shown) is None else None


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
