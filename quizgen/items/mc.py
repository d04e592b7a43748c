"""Multiple choice: the fact's question, its answer and (up to) three wrong answers."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from random import Random
from typing import Self

from quizgen.facts import DATE_KIND_PRECISION, NAME_SORTS, AnswerKind, Fact
from quizgen.facts.spans import shows_answer
from quizgen.items import register
from quizgen.items.context import Context, single
from quizgen.items.cues import (
    SCALE,
    VERBAL_QUANTITIES,
    centred_key,
    converges,
    echoes,
    form_cue,
    form_odd_one_out,
    in_order,
    quantity_of,
    setting_cue,
    shared_with_stem,
    side_of,
    verbal,
)
from quizgen.items.distractors import Option
from quizgen.items.shapes import ChoiceItem
from quizgen.language.text import folded


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleChoice(ChoiceItem, kind="mc", label="Multiple choice"):
    """The fact's question, its answer and (up to) three wrong answers."""

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str]) -> Self | None:
        if shows_answer(fact.question, fact) or echoes(fact.question, fact.answer):
            return None  # the question gives (or looks like) its own answer
        key = fact.answer
        wrong: list[Option] | None
        if verbal(fact.answer) is not None:
            # a verbal quantity: its noun said by the stem, four ranks of the fact's own
            scale = _scale_options(fact)
            if scale is None:
                return None
            key, wrong = scale
        elif fact.answer_kind is AnswerKind.NUMBER:
            # the key's rank drawn uniformly; none for a bound or a key with no room below
            wrong = ctx.index.number_options(fact, rng, 3)
        elif fact.answer_kind in DATE_KIND_PRECISION:
            # the key's rank drawn first among exactly the options shown; none for a key
            # with no room for every rank on one side (the stem's or the record's bound)
            wrong = ctx.index.date_options(fact, rng, 3)
        else:
            # spares, so the lengths can be balanced and a word of the stem not left to
            # the key alone; curated figures (times, periods, ordinals) are shown in their
            # order, so the key's rank among them is drawn first instead
            candidates = ctx.index.wrong_answers(fact, rng, SPARE)
            if any(side_of(fact.answer, o.text) is not None for o in candidates):
                wrong = ctx.index.ranked_figures(fact, rng, 3, candidates)
            else:
                wrong = _without_cues(ctx, fact, candidates, 3)
        if not wrong or centred_key(key, [key, *(o.text for o in wrong)]):
            return None  # nothing to offer, or curated options that cluster about the key
        options = [Option(key, "key"), *wrong]
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
            answer=key,
            options=tuple(o.text for o in options),
            answer_kind=fact.answer_kind,
            origins=tuple(o.origin for o in options),
        )


def _scale_options(fact: Fact) -> tuple[str, list[Option]] | None:
    """A verbal quantity's key and three wrong answers, each the quantity alone ('hundreds'
    among 'a few', 'dozens', 'thousands'), from the fact's own wrong answers of the same
    noun, each of its own rank; None when the stem does not say the noun counted (every
    option would repeat 'of U.S. soldiers') or the fact gives fewer than three: the
    scale's own further ranks ('tens of thousands' of soldiers killed) are no plausible
    answers, and three options left the key the middle or the top of three. The four
    ranks stand in a row on the scale: 'a handful', 'dozens', 'thousands', 'tens of
    thousands' skip one and stretch to the implausible. The key keeps its place among
    them on every seed: a scale has too few plausible ranks to draw it."""
    said = verbal(fact.answer)
    if said is None:
        return None
    rank, noun = said
    if noun and f" {noun} " not in f" {folded(fact.question)} ":
        return None
    ranks = {rank}
    wrong: list[Option] = []
    for text in fact.wrong_answers:
        other = verbal(text)
        if other is not None and other[1] == noun and other[0] not in ranks:
            ranks.add(other[0])
            wrong.append(Option(quantity_of(text), "curated"))
    places = sorted(_ON_SCALE.get(r, -9) for r in ranks)[:4]
    if len(wrong) < 3 or places != list(range(places[0], places[0] + 4)):
        return None  # four ranks in a row of the scale: one skipped stands apart
    return quantity_of(fact.answer), wrong[:3]


_ON_SCALE = {VERBAL_QUANTITIES[folded(q)]: i for i, q in enumerate(SCALE)}
"""A rank's place on the scale of quantities offered ('several' has none: it overlaps)."""


SPARE = 8
"""Wrong answers asked for beyond the three shown, to choose among."""


def _cue(ctx: Context, fact: Fact, wrong: list[Option]) -> str | None:
    """What in these options gives the key away: a word of the stem only the key shares, the
    elements the other options repeat and the key alone combines (:func:`converges`), or a
    setting that singles an option out (:func:`quizgen.items.cues.setting_cue`)."""
    texts = [fact.answer, *(o.text for o in wrong)]
    word = shared_with_stem(fact.question, fact.answer, texts) or form_odd_one_out(
        fact.answer, texts
    )
    if word is not None:
        return word
    named = fact.answer_kind in NAME_SORTS or ctx.index.entity_named(fact.answer) is not None
    form = form_cue(fact.answer, texts, names=named)
    if form is not None:
        return form
    shared = converges(fact.answer, texts, ctx.index.kin)
    if shared is not None:
        return shared
    key = ctx.index.entities.get(fact.entity)
    if key is None:
        return None
    entities = [key, *(ctx.index.entity_named(o.text) for o in wrong)]
    return setting_cue(fact.question, texts, entities, 0, ctx.index.country_names)


def _without_cues(
    ctx: Context, fact: Fact, candidates: list[Option], count: int
) -> list[Option] | None:
    """``count`` wrong answers balanced in length (:func:`balance_length`) that give the key
    away neither by a word of the stem (:func:`shared_with_stem`) nor by their setting:
    where the first choice does, each drawn option in turn is swapped for each spare
    until one does not. None if no such swap avoids the cue."""
    wrong = balance_length(fact.answer, candidates, count)
    if _cue(ctx, fact, wrong) is None:
        return wrong
    spares = [o for o in candidates if o not in wrong]
    for i in sorted(range(len(wrong)), key=lambda i: wrong[i].origin == "curated"):
        for spare in spares:
            tried = [*wrong[:i], spare, *wrong[i + 1 :]]
            if _cue(ctx, fact, tried) is None:
                return tried
    return None


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
