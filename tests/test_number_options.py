"""Number options that give no cue: the key's rank uniform, no cluster, no bound as numbers.

Two teacher reviews found the key the largest number option 1.2% of the time
and the smallest 50% over 200 seeds, a bound ("more than 170") always the
smallest option, and "44th / 45th / 46th" with the key in the middle.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from quizgen.facts import AnswerKind, Fact, FactBase
from quizgen.facts.bounds import number_bound
from quizgen.generation.bank import Maker
from quizgen.generation.rules import FlawFinder
from quizgen.items import figures
from quizgen.items.cues import centred_key, figures_in, in_order
from quizgen.items.shapes import ChoiceItem, TextItem, TruthItem
from tests.support.data import mc_items


def number_items(base: FactBase) -> list[tuple[Fact, ChoiceItem]]:
    return mc_items(base, {AnswerKind.NUMBER})


def test_over_200_seeds_the_key_is_largest_and_smallest_by_chance(shipped: FactBase) -> None:
    made = number_items(shipped)
    assert len(made) >= 1000
    ranks = Counter(q.options.index(q.answer) for _, q in made)
    share = {r: n / len(made) for r, n in ranks.items()}
    assert 0.20 <= share[0] <= 0.30, share  # the smallest (options are ascending)
    assert 0.20 <= share[3] <= 0.30, share  # the largest
    for fact, q in made:
        values = [figures_in(o)[0] for o in q.options]
        assert values == sorted(values), q.options
        assert not number_bound(fact), f"{fact.id}: a bound offered as bare numbers"
        assert centred_key(q.answer, q.options) is None, q.options


def test_each_fact_takes_every_rank_alike(shipped: FactBase) -> None:
    """Uniform for every item, not only on average: no fact keeps its key at one end."""
    by_fact: dict[str, Counter[int]] = {}
    for fact, q in number_items(shipped):
        by_fact.setdefault(fact.id, Counter())[q.options.index(q.answer)] += 1
    for fact_id, ranks in by_fact.items():
        assert set(ranks) == {0, 1, 2, 3}, (fact_id, ranks)
        assert min(ranks.values()) >= 30, (fact_id, ranks)  # 50 expected of 200


def test_a_bound_is_asked_typed_with_its_words_or_judged(shipped: FactBase) -> None:
    maker = Maker(shipped)
    bounds = [f for f in shipped.facts if number_bound(f)]
    assert bounds
    false_seen = 0
    for fact in bounds:
        for seed in range(20):
            assert maker.make("mc", fact, seed) is None
            typed = maker.make("typed", fact, seed)
            assert isinstance(typed, TextItem)
            tf = maker.make("tf", fact, seed)
            assert isinstance(tf, TruthItem)
            if not tf.truth:
                false_seen += 1
                # the bound turned round at or past its number: false by the text
                assert "fewer than" in tf.statement or "more than" in tf.statement
                assert tf.statement != fact.statement
    assert false_seen


def test_the_rules_catch_each_number_cue(shipped: FactBase) -> None:
    checker = FlawFinder(shipped)
    fact = next(
        f for f in shipped.facts if f.answer_kind is AnswerKind.NUMBER and not number_bound(f)
    )
    good = Maker(shipped).make("mc", fact, 1)
    assert isinstance(good, ChoiceItem) and checker.flaws(good) == []
    from dataclasses import replace

    key = figures_in(fact.answer)[0]
    shuffled = replace(good, options=tuple(reversed(good.options)))
    cluster = replace(
        good,
        options=tuple(f"{v}" for v in (key - 10, key - 1, key, key + 1)),
        answer=str(key),
    )
    rules = {f.rule for f in checker.flaws(shuffled)}
    assert rules == {"number and date options in order, the key no cluster's middle"}
    assert [f.detail for f in checker.flaws(cluster)] == [
        f"the key ({key}) is the middle of a cluster ({key - 1}, {key + 1})"
    ]


def test_curated_options_that_cluster_about_the_key_are_not_offered() -> None:
    fact = Fact(
        id="brigades",
        topic="t",
        statement="The group staffs the 45th, 46th and 47th Brigades.",
        question="Which numbered brigades does the group staff?",
        answer="45th, 46th and 47th",
        answer_kind=AnswerKind.TEXT,
        source=(1,),
        tags=("t",),
        wrong_answers=("44th, 45th and 46th", "46th, 47th and 48th", "40th, 41st and 42nd"),
    )
    assert centred_key(fact.answer, [fact.answer, *fact.wrong_answers]) == (45, 44, 46)
    assert Maker([fact]).make("mc", fact, 1) is None


def test_centred_sees_distance_and_ratio() -> None:
    assert figures.centred(45, [44, 46, 40]) == (44, 46)
    assert figures.centred(20, [10, 40, 70]) == (10, 40)  # half and double
    assert figures.centred(57, [46, 66, 88]) is None
    assert figures.centred(4, [1, 2, 3]) is None  # the key at one end has no middle


def test_small_keys_are_not_offered_as_numbers() -> None:
    """A count of 2 or 3 can never be the largest of four whole numbers: no fair rank."""
    for key in (1, 2, 3):
        assert figures.options(key, 3, Random(0)) is None
    assert figures.options(4, 3, Random(0)) is not None


def test_options_keep_the_keys_roundness_and_distance() -> None:
    for seed in range(50):
        made = figures.options(74_100, 3, Random(seed), gap=figures.APPROXIMATE_GAP)
        assert made is not None
        assert all(v % 100 == 0 and v % 1000 for v in made), made
        for a in [74_100, *made]:
            for b in made:
                if a != b:
                    assert max(a, b) >= 1.2 * min(a, b), (a, b)


def test_numbers_the_stem_gives_are_never_offered() -> None:
    for seed in range(50):
        made = figures.options(10, 3, Random(seed), exclude={25, 2021})
        assert made is not None and not {25, 2021} & set(made)


@given(
    key=st.integers(min_value=1, max_value=10**12),
    count=st.integers(min_value=1, max_value=5),
    seed=st.integers(min_value=0, max_value=10**6),
    approximate=st.booleans(),
)
def test_options_properties(key: int, count: int, seed: int, approximate: bool) -> None:
    gap = figures.APPROXIMATE_GAP if approximate else figures.EXACT_GAP
    made = figures.options(key, count, Random(seed), gap=gap)
    if made is None:
        return
    assert len(made) == count and len(set(made)) == count and key not in made
    assert all(v > 0 for v in made)
    assert figures.centred(key, made) is None
    values = sorted([key, *made])
    for a, b in pairwise(values):
        assert b < figures.SMALL or b >= a * gap


def test_options_are_shown_in_their_order() -> None:
    assert in_order(["30", "4", "12"]) == [1, 2, 0]
    assert in_order(["4 March 2020", "1 May 2019"]) == [1, 0]
    assert in_order(["the 1980s", "the 1970s"]) == [1, 0]
    assert in_order(["Iraq", "4"]) is None
