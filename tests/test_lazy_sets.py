"""A set of n questions draws its facts as it needs them: a quiz of ten from a large base
makes items for a few dozen facts, not the whole bank, and the same seed gives the same set."""

from __future__ import annotations

import importlib.util
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.facts import Fact, FactBase
from quizgen.generation.bank import Maker
from quizgen.items import Item, match, shuffles
from tests.support.data import ROOT


def synthetic(n: int) -> FactBase:
    """A base of ``n`` facts from bench/synth.py, the benchmarks' own."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    assert spec is not None and spec.loader is not None
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    base: FactBase = synth.synthetic_base(n)
    return base


@given(st.integers(0, 60), st.text(max_size=8))
def test_facts_are_drawn_in_the_order_a_full_sample_gives(count: int, seed: str) -> None:
    facts = list(range(count))
    assert list(shuffles.drawn(Random(seed), facts)) == Random(seed).sample(facts, count)


@given(st.integers(0, 60), st.text(max_size=8))
def test_moving_past_a_shuffle_leaves_the_state_the_shuffle_leaves(count: int, seed: str) -> None:
    moved, shuffled = Random(seed), Random(seed)
    shuffles.moved_past(moved, count)
    shuffled.sample(range(count), count)
    assert moved.getstate() == shuffled.getstate()


@given(st.lists(st.integers(), max_size=600), st.text(max_size=8))
def test_the_quick_shuffle_is_the_generators_own(things: list[int], seed: str) -> None:
    """The same order and the same state after, as Random.shuffle (number pools rely on it)."""
    ours, theirs = Random(seed), Random(seed)
    mine = list(things)
    shuffles.shuffle(ours, mine)
    theirs.shuffle(things)
    assert mine == things
    assert ours.getstate() == theirs.getstate()


class Counting(Maker):
    """A Maker that notes every fact it is asked to make an item about."""

    def __init__(self, base: FactBase) -> None:
        super().__init__(base)
        self.asked: set[str] = set()

    def make(
        self, kind: str, fact: Fact, seed: int | str, avoid: object = frozenset()
    ) -> Item | None:
        self.asked.add(fact.id)
        return super().make(kind, fact, seed, avoid)  # type: ignore[arg-type]


def test_a_quiz_of_ten_makes_items_for_few_facts_and_the_same_ones_each_time() -> None:
    base = synthetic(3000)
    maker = Counting(base)
    first = maker.generate(n=10, seed="7")
    assert len(first) == 10
    assert len(maker.asked) < 150, len(maker.asked)  # of 3000
    again = Counting(base).generate(n=10, seed="7")
    assert [q.id for q in again] == [q.id for q in first] and again == first


def test_a_quiz_of_one_fact_kinds_works_out_only_the_facts_it_considers() -> None:
    """What the kinds keep per fact (where its answer stands, its blanked statement, its
    right names) is worked out for the facts the set considers, not for the whole base."""
    base = synthetic(3000)
    maker = Counting(base)
    made = maker.generate(["mc", "tf", "typed", "cloze"], n=10, seed="3")
    assert len(made) == 10
    ctx = maker.ctx
    assert len(ctx._spans) <= len(maker.asked) < 150
    assert len(ctx._blanked) <= len(maker.asked)
    assert len(ctx.index.correct) < 300  # the facts asked and those their options answer


def test_a_matching_item_draws_only_the_names_it_tries_from_a_large_sort(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sort of thousands of names is not shuffled whole for each matching item (a draw
    per name): the names are drawn as they are tried."""
    base = synthetic(3000)
    maker = Maker(base)
    sorts = maker.ctx.memo("match", lambda: match._matchable(maker.ctx))
    large = max(sorts.every.values(), key=len)
    assert len(large) > 4 * match.SHUFFLED_WHOLE  # the case at issue
    draws = 0
    plain = Random.getrandbits

    def counted(self: Random, k: int) -> int:
        nonlocal draws
        draws += 1
        return plain(self, k)

    monkeypatch.setattr(Random, "getrandbits", counted)
    made = [maker.make("match", f, "1") for f in large[:20]]
    assert any(made)
    assert draws < 20 * (match.SHUFFLED_WHOLE + 40)  # not the sort's size for each item
