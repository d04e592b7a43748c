"""A set's true/false items are near half true, half false (review 86420: 11 false of 14
let 'always False' score 79%), each still one of the two forms its (seed, kind, fact)
makes: which facts a set asks never changes what a fact's item says."""

from __future__ import annotations

from random import Random

from quizgen.facts import FactBase
from quizgen.generation.bank import Maker
from quizgen.generation.leaks import LEAN, truth_lean
from quizgen.items import kind as kind_of
from quizgen.items.shapes import TruthItem

KINDS = ["mc", "tf", "typed", "cloze", "timeline", "match"]


def test_sets_keep_true_and_false_near_half(shipped: FactBase) -> None:
    maker = Maker(shipped)
    for seed in ("86420", "13579", *map(str, range(6))):
        made = maker.generate(KINDS, 60, seed)
        truths = [q for q in made if isinstance(q, TruthItem)]
        assert len(truths) >= 8, seed
        assert abs(truth_lean(made)) <= LEAN, (seed, truth_lean(made))
        for q in truths:
            fact = shipped.by_id[q.fact_ids[0]]
            own = maker.make("tf", fact, seed)
            rng = Random(f"{seed}:tf:{fact.id}")
            other = kind_of("tf").other_form(maker.ctx, fact, rng, (), own)
            assert q in (own, other), q
            assert isinstance(own, TruthItem) and isinstance(other, TruthItem)
            assert own.truth != other.truth


def test_the_bank_is_unchanged_by_the_balance(shipped: FactBase) -> None:
    """The bank (every item of every fact) takes each item's own draw, true or false."""
    bank = [q for q in Maker(shipped).generate(["tf"], None, 3) if isinstance(q, TruthItem)]
    assert 0.35 < sum(q.truth for q in bank) / len(bank) < 0.65
