"""What gives an item away: the text cues the kinds avoid when they make items.

A kind must not make an item whose key echoes its stem, whose false statement
betrays itself, or whose matching statements open alike; the audit's rules
(:mod:`quizgen.generation.rules`) report the same cues over a finished bank.
Both ask here, so the generator and the audit never drift apart.
"""

from __future__ import annotations

from quizgen.facts import DATE_KIND_PRECISION, AnswerKind, Fact
from quizgen.facts.bounds import number_bound, number_in
from quizgen.facts.spans import BLANK
from quizgen.language.dates import FactDate, interval
from quizgen.language.datespan import dates_in, fits, references
from quizgen.language.text import contains, folded


def one_date(text: str) -> FactDate | None:
    """The one date ``text`` writes ('4 September 2019' in an option), else None."""
    found = dates_in(text)
    return found[0] if len(found) == 1 else None


ECHO = 78.0
"""How closely (rapidfuzz partial ratio, 0-100) a key may resemble words of its stem."""


def echoes(stem: str, value: str) -> bool:
    """Whether ``value`` looks like words of the stem ('Al-Bukamal' in '... Abu Kamal ...').

    Among options that do not, the one that does is picked without knowledge.
    """
    from rapidfuzz import fuzz

    v = folded(value)
    return len(v) >= 5 and fuzz.partial_ratio(v, folded(stem)) >= ECHO


def beyond_bound(fact: Fact, value: str) -> bool:
    """Whether ``value`` lies on the true side of a bound the fact gives its number by.

    With "more than 170 attacks", "more than 140" is true as well.
    """
    bound, key, given = number_bound(fact), number_in(fact.answer), number_in(value)
    return bool(bound) and key is not None and given is not None and (given - key) * bound < 0


def truth_swap_flaw(
    fact: Fact, original: str, swapped: str, rest: str, record: tuple[int, int]
) -> str | None:
    """Why writing ``swapped`` where ``original`` stands would give the false statement away
    (or would not make it false at all).
    """
    if number_bound(fact):  # "at least 17" neither follows from "at least 9" nor denies it
        return f"'{swapped}' cannot contradict a bound such as '{original}'"
    if original[:1].islower() and swapped[:1].isupper() and not swapped.isupper():
        return f"'{swapped}' is capitalised where the text has '{original}'"
    if (
        original.isalpha()
        and any(ch.isdigit() for ch in swapped)
        and fact.answer_kind is AnswerKind.NUMBER
    ):
        return f"'{swapped}' in digits where the text writes the number as a word"
    if len(folded(swapped)) > 1 and contains(rest, swapped):
        return f"'{swapped}' already stands elsewhere in the statement"
    still = next(
        (n for n in (fact.answer, *fact.aliases) if len(folded(n)) > 1 and contains(rest, n)), None
    )
    if still is not None:
        return f"the statement still names the true answer ('{still}')"
    if fact.date is not None and fact.answer_kind in DATE_KIND_PRECISION:
        new = one_date(swapped)
        if new is not None and not fits(
            interval(new), interval(fact.date), references(fact.date, rest), record
        ):
            return f"'{swapped}' contradicts another date in the statement"
    return None


OPENING_WORDS = 3


def open_alike(a: str, b: str) -> bool:
    """Whether two blanked statements open with the same words before their blanks.

    "Al-Tanf is in a part of the _____, Syria" and "Al-Tanf is in the _____"
    say two things of one subject in one frame: each name may well make the
    other statement true as well, and the matching is no longer one to one.
    """
    words_a = folded(a.split(BLANK)[0]).split()[:OPENING_WORDS]
    return (
        len(words_a) == OPENING_WORDS
        and words_a == folded(b.split(BLANK)[0]).split()[:OPENING_WORDS]
    )
