"""Dates, years, months and curated figures (times, periods, ordinals) as options without
a cue: shown in their order, the key's rank uniform for every item, and a key that cannot
take every rank not offered in order at all.

The sibling of tests/test_number_options.py. Two teacher reviews found "in 5 of the set's
6 number or date questions the key is the largest or latest", "the stem plus the earliest
option points to the key" and "21:30 again the latest option": over 200 seeds a year key
was first 32.5% of the time, a month last 44.1%, and seven facts always took one rank
("In which month of 2024 ...?" with December always last; "06:00", "12:15", "03:45"
beside "21:30").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from quizgen.facts import DATE_KIND_PRECISION, AnswerKind, Fact, FactBase
from quizgen.generation.bank import Maker
from quizgen.generation.rules import FlawFinder
from quizgen.items import figures
from quizgen.items.cues import in_order, side_of, verbal
from quizgen.items.shapes import ChoiceItem
from quizgen.language.dates import spoken_date
from tests.support.data import mc_items

SEEDS = range(200)
RANK_RULE = "the key of ordered options can take every rank"
NO_ROOM = {
    "base-built-infobox": "a year after 'early 2018' and no later than the record's 2019",
    "irgc-withdrawal-december-2024": "December of the year the stem names",
    "israel-declaration-of-independence": "the first date of the record",
    "erbil-rockets-time": "every curated time before 21:30",
    "kataib-hezbollah-brigades": "one curated range below the key, two above",
    "base-in-use": "curated periods: one before 2019–2024, two after",
}
"""The shipped facts whose key could take only one rank, and why."""


def date_items(base: FactBase) -> list[tuple[Fact, ChoiceItem]]:
    return mc_items(base, DATE_KIND_PRECISION)


def test_over_200_seeds_each_class_puts_the_key_first_and_last_by_chance(
    shipped: FactBase,
) -> None:
    by_class: dict[AnswerKind, list[int]] = {}
    for fact, q in date_items(shipped):
        dates = [spoken_date(o) for o in q.options]
        assert all(d is not None for d in dates), q.options
        assert in_order(q.options) == list(range(len(q.options))), q.options
        assert len(q.options) == 4, q.options
        by_class.setdefault(fact.answer_kind, []).append(q.options.index(q.answer))
    assert set(by_class) == set(DATE_KIND_PRECISION)
    for kind, ranks in by_class.items():
        assert len(ranks) >= 400, (kind, len(ranks))
        first, last = ranks.count(0) / len(ranks), ranks.count(3) / len(ranks)
        assert 0.20 <= first <= 0.30, (kind, first)  # the earliest
        assert 0.20 <= last <= 0.30, (kind, last)  # the latest


def test_each_date_fact_takes_every_rank_alike(shipped: FactBase) -> None:
    """Uniform for every item, not only on average: no fact keeps its key at one end."""
    by_fact: dict[str, Counter[int]] = {}
    for fact, q in date_items(shipped):
        by_fact.setdefault(fact.id, Counter())[q.options.index(q.answer)] += 1
    assert len(by_fact) >= 20
    for fact_id, ranks in by_fact.items():
        assert set(ranks) == {0, 1, 2, 3}, (fact_id, ranks)
        assert min(ranks.values()) >= 30, (fact_id, ranks)  # 50 expected of 200


def test_no_multiple_choice_offered_in_order_keeps_its_key_at_one_rank(
    shipped: FactBase,
) -> None:
    """Every class at once: whatever is shown in order (numbers, dates, curated figures);
    but a verbal scale ('a few', 'dozens', 'hundreds', 'thousands'), which has four
    plausible ranks in a row and keeps its key's place among them (its own rule, in
    tests/test_review_classes_items10.py: three options and "tens of thousands of U.S.
    soldiers" were the review's flaw)."""
    maker = Maker(shipped)
    for fact in shipped.facts:
        if verbal(fact.answer) is not None:
            continue
        ranks: Counter[int] = Counter()
        size = 0
        for seed in range(40):
            q = maker.make("mc", fact, seed)
            if isinstance(q, ChoiceItem) and in_order(q.options) is not None:
                ranks[q.options.index(q.answer)] += 1
                size = len(q.options)
        if ranks:
            assert set(ranks) == set(range(size)), (fact.id, ranks)


def test_a_key_with_no_room_for_every_rank_is_asked_another_way(shipped: FactBase) -> None:
    maker = Maker(shipped)
    asked_otherwise = 0
    for fact_id in NO_ROOM:
        fact = shipped.fact(fact_id)
        for seed in range(20):
            assert maker.make("mc", fact, seed) is None, fact_id
        asked_otherwise += any(
            maker.make(kind, fact, seed) is not None
            for kind in ("typed", "cloze", "tf")
            for seed in range(5)
        )
    assert asked_otherwise >= 6  # (the brigades' statement does not write its answer)


def curated(answer: str, wrong: tuple[str, ...], kind: AnswerKind = AnswerKind.TEXT) -> Fact:
    return Fact(
        id="time",
        topic="t",
        statement=f"The rockets were fired at around {answer} local time.",
        question="At around what local time were the rockets fired?",
        answer=answer,
        answer_kind=kind,
        source=(1,),
        tags=("t",),
        wrong_answers=wrong,
    )


def test_curated_times_all_before_the_key_are_not_offered() -> None:
    fact = curated("21:30", ("06:00", "12:15", "03:45"))
    assert all(Maker([fact]).make("mc", fact, seed) is None for seed in range(50))


def test_curated_times_on_both_sides_give_every_rank_alike() -> None:
    fact = curated("21:30", ("06:00", "23:15", "12:15", "22:45", "03:45", "23:50"))
    maker = Maker([fact])
    ranks: Counter[int] = Counter()
    for seed in SEEDS:
        q = maker.make("mc", fact, seed)
        assert isinstance(q, ChoiceItem)
        assert len(q.options) == 4 and in_order(q.options) == [0, 1, 2, 3], q.options
        assert set(q.options) <= {fact.answer, *fact.wrong_answers}
        ranks[q.options.index(q.answer)] += 1
    assert set(ranks) == {0, 1, 2, 3} and min(ranks.values()) >= 30, ranks


def test_fewer_curated_figures_give_fewer_options_still_in_every_rank() -> None:
    """Two before the key and two after: three options, the key first, middle or last."""
    fact = curated("21:30", ("06:00", "23:15", "12:15", "22:45"))
    ranks = Counter(
        q.options.index(q.answer)
        for seed in SEEDS
        if isinstance(q := Maker([fact]).make("mc", fact, seed), ChoiceItem)
    )
    assert set(ranks) == {0, 1, 2} and sum(ranks.values()) == len(SEEDS), ranks


def test_curated_dates_count_toward_the_side_they_take() -> None:
    fact = replace(
        curated("4 March 2020", ("4 March 2019", "4 March 2021"), AnswerKind.DATE),
        statement="The site was struck on 4 March 2020.",
        question="On what date was the site struck?",
        date=spoken_date("4 March 2020"),
    )
    # other events open and close the record, so that made dates fit on both sides
    ends = [
        replace(fact, id=f"event-{day}", date=spoken_date(day), wrong_answers=())
        for day in ("1 January 2015", "31 December 2025")
    ]
    maker = Maker([fact, *ends])
    for seed in range(50):
        q = maker.make("mc", fact, seed)
        assert isinstance(q, ChoiceItem)
        rank = q.options.index(q.answer)
        # each curated date is shown whenever the rank leaves its side room
        assert ("4 March 2019" in q.options) == (rank > 0), q.options
        assert ("4 March 2021" in q.options) == (rank < 3), q.options


def test_side_of_reads_the_order_options_are_shown_in() -> None:
    assert side_of("21:30", "06:00") == -1
    assert side_of("21:30", "23:15") == 1
    assert side_of("2019–2024", "2016–2021") == -1
    assert side_of("45th, 46th and 47th", "48th, 49th and 50th") == 1
    assert side_of("May 2024", "4 March 2020") == -1
    assert side_of("21:30", "midnight") is None


@given(
    count=st.integers(min_value=1, max_value=5),
    fixed_below=st.integers(min_value=0, max_value=6),
    fixed_above=st.integers(min_value=0, max_value=6),
    room_below=st.integers(min_value=0, max_value=6),
    room_above=st.integers(min_value=0, max_value=6),
    seed=st.integers(min_value=0, max_value=10**6),
)
def test_split_properties(
    count: int, fixed_below: int, fixed_above: int, room_below: int, room_above: int, seed: int
) -> None:
    below = [f"b{i}" for i in range(fixed_below)]
    above = [f"a{i}" for i in range(fixed_above)]
    drawn = figures.split(count, Random(seed), below, above, room_below, room_above)
    if fixed_below + room_below < count or fixed_above + room_above < count:
        assert drawn is None
        return
    assert drawn is not None
    low, high, more_below, more_above = drawn
    assert len(low) + more_below + len(high) + more_above == count
    assert low == below[: len(low)] and high == above[: len(high)]  # curated first, in order
    assert 0 <= more_below <= room_below and 0 <= more_above <= room_above
    # the curated fill their side as far as the rank allows
    assert more_below == 0 or len(low) == fixed_below
    assert more_above == 0 or len(high) == fixed_above


def test_split_draws_every_rank_alike() -> None:
    rng = Random(7)
    ranks: Counter[int] = Counter()
    for _ in range(4000):
        drawn = figures.split(3, rng, ["x"], ["y", "z"], 5, 5)
        assert drawn is not None
        ranks[len(drawn[0]) + drawn[2]] += 1
    assert set(ranks) == {0, 1, 2, 3} and min(ranks.values()) > 900, ranks


def asked_as(good: ChoiceItem, fact: Fact, options: tuple[str, ...]) -> ChoiceItem:
    """``good`` turned into an item asking ``fact`` with ``options``."""
    return replace(
        good,
        id=f"mc-{fact.id}",
        fact_ids=(fact.id,),
        question=fact.question,
        answer=fact.answer,
        answer_kind=fact.answer_kind,
        options=options,
    )


def test_the_audit_catches_a_key_that_can_take_one_rank(shipped: FactBase) -> None:
    checker = FlawFinder(shipped)
    good = Maker(shipped).make("mc", shipped.fact("strikes-reported-9-september-2019"), 1)
    assert isinstance(good, ChoiceItem) and checker.flaws(good) == []
    month = asked_as(
        good,
        shipped.fact("irgc-withdrawal-december-2024"),
        ("February 2024", "May 2024", "June 2024", "December 2024"),
    )
    found = {f.rule: f.detail for f in checker.flaws(month)}
    assert found[RANK_RULE] == (
        "the key (December 2024) cannot take every rank: 0 dates fit after it, 3 options are needed"
    )
    time = asked_as(good, shipped.fact("erbil-rockets-time"), ("03:45", "06:00", "12:15", "21:30"))
    found = {f.rule: f.detail for f in checker.flaws(time)}
    assert found[RANK_RULE] == (
        "the key (21:30) cannot take every rank: the fact's own options hold 0 after it, "
        "3 are needed"
    )


def test_no_date_option_is_the_middle_of_an_even_cluster(shipped: FactBase) -> None:
    """Drawn about the key, two dates evenly about it made the key the middle ("6 July",
    "4 September" key, "28 October"): a middle key was such a centre 19.7% of the time,
    a middle wrong option 11.4%. Now no option is, where any draw avoids it."""
    from quizgen.language.datespan import unit

    made = date_items(shipped)
    centred = 0
    for _, q in made:
        dates = [spoken_date(o) for o in q.options]
        units = [unit(d) for d in dates if d is not None]
        middle = figures.evenly_about(units)
        assert middle is None or middle != units[q.options.index(q.answer)], q.options
        centred += middle is not None
    assert centred <= 0.02 * len(made), centred


def test_evenly_about() -> None:
    assert figures.evenly_about([10, 15, 20, 40]) == 15
    assert figures.evenly_about([1, 2, 4, 8]) is None
    assert figures.evenly_about([100, 150, 205, 400]) == 150  # 50 and 55: within a tenth
