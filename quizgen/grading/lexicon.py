"""The English words the grader knows, read once from ``lexicon.json``.

The same file is embedded in the study page, whose JavaScript grader reads it
too: one list of generic heads, titles, hedges, units and number words, so a
reply reads alike in the terminal and in the browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Lexicon:
    raw: dict[str, Any]
    head_group: dict[str, str]
    """A generic head ('movement', 'refugee camp') -> its group ('group', 'camp')."""
    head_first: frozenset[str]
    native_heads: frozenset[str]
    """Generic heads of transliterated names ('kataib'): a core without one stands alone."""
    titles: frozenset[str]
    suffixes: frozenset[str]
    person_heads: frozenset[str]
    state_heads: frozenset[str]
    """What a country is when it acts: 'the Israeli government' is Israel."""
    """What a person's name may head ('the Biden administration'): it means the person."""
    particles: frozenset[str]
    words: dict[str, str]
    """Abbreviations and spellings read as one form ('intl' -> 'international')."""
    short_forms: dict[str, tuple[str, ...]]
    """A word -> the abbreviations read as it ('corporation': 'corp', 'co'): a reply's
    'Corp' may be a slip of 'Corps' that the reader took for an abbreviation."""
    hedges: tuple[str, ...]
    bounds: tuple[str, ...]
    bound_group: dict[str, tuple[str, ...]]
    """A bound -> the bounds that say the same ('over': 'more than', 'above')."""
    negations: frozenset[str]
    qualifier: dict[str, str]
    """'beginning' -> 'early', 'end' -> 'late': how a reply places a date in its period."""
    seasons: frozenset[str]
    weekdays: frozenset[str]
    date_fillers: frozenset[str]
    months: tuple[str, ...]
    other_months: dict[str, int]
    """Month names of other languages ('mai', 'fevrier') -> the month's number."""
    number_words: dict[str, int]
    decade_words: dict[str, int]
    scales: dict[str, int]
    units: dict[str, tuple[str, float]]
    tolerance: float
    count_group: dict[str, int]
    neutral_nouns: frozenset[str]
    person_groups: frozenset[int]
    """Count groups of people (the killed, the wounded, fighters...): 'people' may count them."""
    links: tuple[str, ...]
    """What may join an addition to the key ('in', 'part of'): 'Kata'ib Hezbollah, part of
    the PMF'."""
    directions: frozenset[str]
    """'eastern', 'north'...: where in a place, no part of its name ('eastern Syria')."""
    member_nouns: frozenset[str]
    armed_heads: frozenset[str]
    """'members of the X faction' are fighters: the count group of ``armed_group`` too."""
    armed_group: int
    life_marks: dict[str, str]
    """'b' -> 'born', 'd' -> 'died': what a person's bracketed year says it is."""
    transliterations: tuple[tuple[str, str], ...]
    """('ee', 'i'): spellings of one sound a transliteration writes either way."""
    typo_min_word: int
    typo_long_word: int
    typo_short_word: int
    """A word this short cut short ('Nusr' for 'Nusra') is a part of a name, not a slip."""


def text() -> str:
    """The lexicon file's text, as the study page embeds it."""
    return resources.files("quizgen.grading").joinpath("lexicon.json").read_text("utf-8")


def _short_forms(abbreviations: dict[str, str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for short, long in abbreviations.items():
        out.setdefault(long, []).append(short)
    return {k: tuple(v) for k, v in out.items()}


@cache
def lexicon() -> Lexicon:
    raw = json.loads(text())
    heads = {h: group for group, words in raw["heads"].items() for h in words}
    return Lexicon(
        raw=raw,
        head_group=heads,
        head_first=frozenset(raw["head_first"]),
        native_heads=frozenset(raw["native_heads"]["words"]),
        titles=frozenset(raw["titles"]),
        suffixes=frozenset(raw["suffixes"]),
        person_heads=frozenset(raw["person_heads"]),
        state_heads=frozenset(raw["state_heads"]),
        particles=frozenset(raw["particles"]),
        words={**raw["abbreviations"], **raw["spellings"]},
        short_forms=_short_forms(raw["abbreviations"]),
        hedges=tuple(sorted(raw["hedges"], key=len, reverse=True)),
        bounds=tuple(sorted(raw["bounds"], key=len, reverse=True)),
        bound_group={b: tuple(g) for g in raw["bound_groups"] for b in g},
        negations=frozenset(raw["negations"]),
        qualifier={w: q for q, ws in raw["qualifiers"].items() for w in ws},
        seasons=frozenset(raw["seasons"]),
        weekdays=frozenset(raw["weekdays"]),
        date_fillers=frozenset(raw["date_fillers"]),
        months=tuple(raw["months"]),
        other_months={k: int(v) for k, v in raw["other_months"].items() if not k.startswith("_")},
        number_words=dict(raw["number_words"]),
        decade_words=dict(raw["decade_words"]),
        scales=dict(raw["scales"]),
        units={k: (v[0], float(v[1])) for k, v in raw["units"].items()},
        tolerance=float(raw["conversion_tolerance"]),
        count_group={w: i for i, group in enumerate(raw["count_groups"]) for w in group},
        neutral_nouns=frozenset(raw["neutral_nouns"]),
        person_groups=frozenset(
            i
            for i, g in enumerate(raw["count_groups"])
            if set(g) & set(raw["person_counts"]["words"])
        ),
        links=tuple(sorted(raw["links"], key=len, reverse=True)),
        directions=frozenset(raw["directions"]),
        member_nouns=frozenset(raw["armed_members"]["nouns"]),
        armed_heads=frozenset(raw["armed_members"]["heads"]),
        armed_group=next(
            i for i, g in enumerate(raw["count_groups"]) if raw["armed_members"]["as"] in g
        ),
        life_marks={
            w: mark
            for mark, ws in raw["life_marks"].items()
            if not mark.startswith("_")
            for w in ws
        },
        transliterations=tuple(
            (k, str(v)) for k, v in raw["transliterations"].items() if not k.startswith("_")
        ),
        typo_min_word=int(raw["typo"]["min_word"]),
        typo_long_word=int(raw["typo"]["long_word"]),
        typo_short_word=int(raw["typo"]["short_word"]),
    )
