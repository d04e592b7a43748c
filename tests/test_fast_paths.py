"""The fast paths generation relies on agree with their plain definitions.

``fold`` reads ASCII text through byte tables and a timeline hides dates with a
scan rather than a regular expression compiled per fact; both must give
exactly what the regular-expression definitions below give, for any text.
"""

from __future__ import annotations

import re
import unicodedata
from random import Random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.facts import AnswerKind, Fact, FactBase
from quizgen.facts.spans import _replace_words
from quizgen.language.dates import FactDate, Precision
from quizgen.language.datespan import near, unit
from quizgen.language.text import fold, fold_all

_ARTICLES = re.compile(r"^(?:the|a|an)\s+")
_APOSTROPHES = re.compile(r"['’‘ʼ`]")
_DIGIT_SEPARATORS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_PUNCT = re.compile(r"[^\w\s]")


def fold_by_definition(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    joined = _DIGIT_SEPARATORS.sub("", _APOSTROPHES.sub("", plain.casefold()))
    return _ARTICLES.sub("", " ".join(_PUNCT.sub(" ", joined).split()))


# Characters where folding has rules: articles, digit groups, apostrophes, punctuation,
# the underscore (a word character), control separators (spaces to str.split), accents.
TRICKY = st.text(st.sampled_from(list("aAtThHeEnN 0123456789,.'`_-!\t\x1c;:()\"’é")), max_size=24)


@settings(max_examples=400)
@given(TRICKY | st.text(max_size=24))
def test_fold_is_its_definition(text: str) -> None:
    assert fold(text) == fold_by_definition(text)


def test_fold_examples() -> None:
    assert fold("The 74,100 people") == "74100 people"
    assert fold("an") == "an"
    assert fold("A  U.S.  strike") == "u s strike"
    assert fold("Kata'ib Hezbollah") == "kataib hezbollah"
    assert fold("1,'000") == "1000"  # the apostrophe goes first, then the digit group


WORDS = st.text(st.sampled_from(list("ab _1.-é")), max_size=14)


@settings(max_examples=400)
@given(WORDS, st.text(st.sampled_from(list("ab _1.-é")), min_size=1, max_size=3))
def test_replace_words_is_the_regular_expression(text: str, old: str) -> None:
    expected = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", "…", text)
    assert _replace_words(text, old, "…") == expected


@settings(max_examples=200)
@given(st.integers(0, 3), st.integers(0, 10**6), st.sets(st.integers(-70, 70), max_size=120))
def test_near_takes_free_units_only_and_stays_close(
    need: int, seed: int, offsets: set[int]
) -> None:
    """Made dates: never known or taken, within SCAN units, as many as the calendar allows."""
    key = FactDate(2019, 9, 4)
    own = unit(key)
    known = {own + o for o in offsets}
    taken = {own}
    made = near(
        key,
        need,
        Random(seed),
        taken=taken,
        known=known,
        refs=[],
        record=(own - 10_000, own + 10_000),
    )
    units = [unit(d) for d in made]
    assert all(d.precision is Precision.DAY for d in made)
    assert len(set(units)) == len(units)
    assert not set(units) & known and own not in units
    assert all(abs(u - own) <= 60 for u in units)
    free = sum(1 for o in range(-60, 61) if o and own + o not in known)
    assert len(made) == min(need, free)


_FOLDABLE = st.lists(
    st.sampled_from([*"aAnNtThHeE xyz019,.'`-\t\r\n\x0b\x0c\x1c\x1f\x00éÉ’", "the ", "a ", "an "]),
    max_size=12,
).map("".join)


@settings(max_examples=400)
@given(st.lists(_FOLDABLE | st.text(max_size=12), max_size=12))
def test_folding_many_texts_at_once_is_folding_each(texts: list[str]) -> None:
    assert fold_all(texts) == [fold(t) for t in texts]


# -- scale6: generation's and the compiled cache's shortcuts against their plain forms --


@settings(max_examples=200)
@given(st.integers(0, 80), st.integers(0, 2**32))
def test_sampled_is_a_whole_sample(count: int, seed: int) -> None:
    """``sampled`` gives the order ``sample(things, len(things))`` gives and leaves the
    generator where it leaves it."""
    from quizgen.items.shuffles import sampled

    things = list(range(count))
    ours, theirs = Random(seed), Random(seed)
    assert sampled(ours, things) == theirs.sample(things, count)
    assert ours.getstate() == theirs.getstate()


def _era_by_definition(entities: Any, fact: Any, record: tuple[int, int]) -> tuple[int, int]:
    """:func:`quizgen.items.distractors._era` with every run of up to ERA_WORDS words keyed."""
    import datetime

    from quizgen.items.distractors import ERA_WORDS
    from quizgen.language.dates import interval
    from quizgen.language.text import name_key

    if fact.date is None:
        return record
    first, last = interval(fact.date)
    lo, hi = record
    words = fold(f"{fact.statement} {fact.question}").split()
    seen: set[str] = set()
    for i in range(len(words)):
        for size in range(1, min(ERA_WORDS, len(words) - i) + 1):
            for found in entities.keyed(name_key(" ".join(words[i : i + size]))):
                thing = entities.get(found)
                if found in seen or thing is None or thing.period is None:
                    continue
                seen.add(found)
                start = thing.period.first_day().toordinal()
                end = record[1]
                if thing.period.end is not None:
                    end = thing.period.last_day(datetime.date.max).toordinal()
                if start <= first and last <= end and (start, end) != (first, last):
                    lo, hi = max(lo, start), min(hi, end)
    return lo, hi


def test_era_skips_only_runs_no_name_holds(shipped: FactBase) -> None:
    """Runs of words holding a word no registry name has are never keyed: the era of every
    fact is what keying every run gives, and some facts' eras are narrowed (so the
    comparison is not of two records left whole)."""
    from quizgen.items.distractors import _era

    record = (1, 10**6)
    narrowed = 0
    for fact in shipped.facts:
        found = _era(shipped.entities, fact, record)
        assert found == _era_by_definition(shipped.entities, fact, record), fact.id
        narrowed += found != record
    assert narrowed


def test_era_keys_a_name_after_an_article_and_of_single_letters() -> None:
    """A leading article and one-letter words (an acronym with dots) may still begin or
    hold a name: 'the u s' keys as 'us'."""
    from quizgen.facts import Entities, Entity, Period
    from quizgen.items.distractors import _era

    us = Entity(id="us", name="U.S.", answer_class="country", period=Period(1990, 2000))
    entities = Entities([us])
    fact = Fact(
        id="f",
        topic="t",
        statement="In 1995 the U.S. did something.",
        question="When did the U.S. do something?",
        answer="1995",
        answer_kind=AnswerKind.YEAR,
        source=(1,),
        tags=("x",),
        date=FactDate(1995, None, None),
    )
    record = (1, 10**6)
    expected = _era_by_definition(entities, fact, record)
    assert expected != record
    assert _era(entities, fact, record) == expected


def _pick_by_definition(
    key: FactDate, units: list[int], wanted: int, rng: Random, taken: set[int]
) -> list[FactDate]:
    from quizgen.language.datespan import _STEPS, from_unit

    precision, own = key.precision, unit(key)
    low, high = _STEPS[precision]
    units = [v for v in units if v not in taken]
    if wanted <= 0 or not units:
        return []
    usual = [v for v in units if low <= abs(v - own) <= high]
    picked = rng.sample(usual, min(wanted, len(usual)))
    picked += [v for v in units if v not in picked][: wanted - len(picked)]
    out = []
    for value in picked:
        date = from_unit(precision, value)
        if date is not None:
            taken.add(value)
            out.append(date)
    return out


@settings(max_examples=300)
@given(
    st.sampled_from([FactDate(2015, 6, 10), FactDate(2015, 6, None), FactDate(2015, None, None)]),
    st.sampled_from([-1, 1]),
    st.integers(0, 60),
    st.integers(0, 4),
    st.sets(st.integers(1, 60), max_size=20),
    st.integers(0, 2**32),
)
def test_pick_is_its_definition(
    key: FactDate, direction: int, room: int, wanted: int, gaps: set[int], seed: int
) -> None:
    """``pick`` finds the usual steps as a run of the units (they lie nearest first)."""
    from quizgen.language.datespan import pick

    own = unit(key)
    units = [own + direction * step for step in range(1, room + 1)]
    taken = {own + direction * g for g in gaps}
    ours, theirs = Random(seed), Random(seed)
    taken_ours, taken_theirs = set(taken), set(taken)
    assert pick(key, units, wanted, ours, taken_ours) == _pick_by_definition(
        key, units, wanted, theirs, taken_theirs
    )
    assert taken_ours == taken_theirs and ours.getstate() == theirs.getstate()


def _shared_by_definition(column: tuple[Any, ...]) -> tuple[Any, ...]:
    from quizgen.factfile.codec import _alike

    known: dict[Any, Any] = {}
    out = []
    for value in column:
        if type(value) is str:
            value = known.setdefault(value, value)
        elif type(value) is tuple:
            found = known.setdefault(value, value)
            if found is not value and _alike(found, value):
                value = found
        out.append(value)
    return tuple(out)


VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(0, 3), st.sampled_from(["a", "b"])),
    lambda inner: st.lists(inner, max_size=3).map(tuple),
    max_leaves=6,
)


@settings(max_examples=300)
@given(
    st.one_of(
        st.lists(st.one_of(st.none(), st.sampled_from(["x", "y", "z"]))),
        st.lists(st.one_of(st.none(), st.lists(VALUES, max_size=3).map(tuple))),
        st.lists(VALUES),
    )
)
def test_shared_column_is_its_definition(values: list[Any]) -> None:
    """A column shared by its fast paths (all texts, all tuples) holds the very objects the
    value-by-value loop gives: ``(1,)`` never stands for ``(True,)``."""
    from quizgen.factfile.codec import _shared

    column = tuple(
        "".join(v) if type(v) is str else tuple(v) if type(v) is tuple else v for v in values
    )  # equal values as objects of their own
    ours, theirs = _shared(column), _shared_by_definition(column)
    assert [id(a) for a in ours] == [id(b) for b in theirs]


def test_answer_index_lists_each_fact_once_in_file_order(shipped: FactBase) -> None:
    """The answer index keeps a fact alone where it alone answers a name, and reads as the
    list of every fact a folded name answers, in file order, each once."""
    from quizgen.items.distractors import DistractorIndex, correct_answers

    index = DistractorIndex(shipped.facts, shipped.entities)
    expected: dict[str, list[Fact]] = {}
    for fact in shipped.facts:
        for name in dict.fromkeys(fold(t) for t in (fact.answer, *fact.aliases, *fact.shown_names)):
            expected.setdefault(name, []).append(fact)
    assert set(index.by_answer) == set(expected)
    for name, facts in expected.items():
        assert list(index.by_answer.get(name, ())) == facts
        assert list(index.by_answer[name]) == facts
    assert index.by_answer.get("no such name", ()) == ()
    assert all(fold(n) in correct_answers(facts[0]) for n, facts in expected.items())
