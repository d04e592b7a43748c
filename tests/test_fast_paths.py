"""The fast paths generation relies on agree with their plain definitions.

``fold`` reads ASCII text through byte tables and a timeline hides dates with a
scan rather than a regular expression compiled per fact; both must give
exactly what the regular-expression definitions below give, for any text.
"""

from __future__ import annotations

import re
import unicodedata
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

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
