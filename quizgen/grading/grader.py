"""Grading answers, typed ones above all: forgiving of form, strict about facts.

A typed answer is right when, after :func:`quizgen.language.text.fold` (case, accents,
punctuation, leading articles) and with number words read as digits, it is the
answer or an accepted alias, or within a small typo of one. It is never right
when its numbers or its date differ ("2018" for "2019"), nor when it is itself
another name the fact base knows ("Hama" for "Hamas"): a typo must not turn
one real thing into another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from quizgen.facts import DATE_KIND_PRECISION, AnswerKind, Entities, Fact
from quizgen.language.dates import parse_loose
from quizgen.language.numbers import normalize
from quizgen.language.text import fold

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Grade:
    correct: bool
    expected: str
    typo: bool = False  # right, but only by forgiving a small typo
    part: tuple[int, int] | None = None
    """(right, out of) for items with several parts: events in place, pairs matched."""
    rating: int | None = None
    """The learner's own grade (1 Again to 4 Easy) for self-graded items such as flashcards."""

    @property
    def note(self) -> str:
        if self.correct:
            return f"Correct (the answer is spelt '{self.expected}')." if self.typo else "Correct."
        return f"The answer is: {self.expected}"


def _counted(given: str, targets: Sequence[str], context: str) -> bool:
    """'9 fighters' for '9': the number, then only words the question itself uses."""
    number, _, noun = given.partition(" ")
    if not noun or not number.isdigit() or number not in targets:
        return False
    asked = set(context.split())
    return all(word in asked for word in noun.split())


_APPROXIMATELY = (
    "about",
    "around",
    "approximately",
    "approx",
    "nearly",
    "almost",
    "roughly",
    "some",
    "circa",
    "ca",
    "c",
)
_BOUNDS = ("at least", "more than", "over", "fewer than", "less than", "under", "up to")


def _unhedged(given: str, context: str) -> str:
    """A figure without the hedge a learner put before it: 'about 400 km' is '400 km'.

    Any word of approximation goes (it does not change the figure); a bound
    ('at least', 'more than') only when the question asks with that bound.
    """
    for hedge in _APPROXIMATELY:
        rest = given.removeprefix(hedge + " ")
        if rest != given and rest[:1].isdigit():
            return rest
    for bound in _BOUNDS:
        rest = given.removeprefix(bound + " ")
        if rest != given and rest[:1].isdigit() and f" {bound} " in f" {context} ":
            return rest
    return given


_PERIOD_WORDS = frozenset(
    {
        "from",
        "to",
        "between",
        "and",
        "until",
        "till",
        "through",
        "thru",
        "in",
        "the",
        "years",
        "year",
        "it",
        "was",
        "used",
        "use",
    }
)


def _years(text: str) -> tuple[int, int] | None:
    """A span of years however it is written: '2019–2024', 'from 2019 to 2024', '2019-24'.

    None unless the text is two years and connecting words only, so '2019 to
    2023' is read (and is wrong) and a sentence with other numbers is not read.
    """
    words = fold(text).split()
    numbers = [w for w in words if w.isdigit()]
    if (
        len(numbers) != 2
        or len(numbers[0]) != 4
        or len(numbers[1]) not in (2, 4)
        or any(not w.isdigit() and w not in _PERIOD_WORDS for w in words)
    ):
        return None
    start, end = int(numbers[0]), int(numbers[1])
    if len(numbers[1]) == 2:
        end += start - start % 100
    return (start, end) if start <= end else None


def _allowed_typos(target: str) -> int:
    if len(target) < 5:
        return 0
    return 1 if len(target) <= 8 else 2 if len(target) <= 16 else 3


class Grader:
    """Grades against one fact base, which it needs to know what else a response might name."""

    def __init__(self, facts: Iterable[Fact] = (), entities: Entities | None = None) -> None:
        self.names: set[str] = set()
        for fact in facts:
            for text in (fact.answer, *fact.aliases, *fact.shown_names, *fact.wrong_answers):
                self.names.add(normalize(text))
        for entity in (entities or Entities()).all:
            self.names.update(normalize(n) for n in entity.names)

    def grade_text(
        self,
        response: str,
        answer: str,
        accepted: Sequence[str] = (),
        kind: AnswerKind | None = None,
        context: str = "",
    ) -> Grade:
        """Grade a typed or fill-in-the-blank answer.

        ``context`` is the question as shown: a number may be followed by what
        the question counts ('9 fighters' when it asks how many fighters).
        """
        given = _unhedged(normalize(response), normalize(context))
        if not given:
            return Grade(False, answer)
        targets = [normalize(t) for t in (answer, *accepted)]
        if given in targets or _counted(given, targets, normalize(context)):
            return Grade(True, answer)
        key_date = parse_loose(answer) if kind in DATE_KIND_PRECISION or kind is None else None
        if key_date is None and kind in DATE_KIND_PRECISION:  # a blank for "15 February"
            key_date = next((d for t in accepted if (d := parse_loose(t)) is not None), None)
        if key_date is not None:
            said = parse_loose(response)
            if (
                said is None
                and key_date.month is not None
                and str(key_date.year) in _DIGITS.findall(context)
            ):
                # "On what date in 2021...?": the stem gives the year, "15 Feb" is whole
                said = parse_loose(f"{response} {key_date.year}")
            if said is not None or kind in DATE_KIND_PRECISION:
                return Grade(said == key_date, answer)
        if kind is AnswerKind.PERIOD and _years(answer) is not None:
            return Grade(_years(response) == _years(answer), answer)
        if given in self.names - set(targets):
            return Grade(False, answer)  # another real name, however close it looks
        numbers = _DIGITS.findall(given)
        best: tuple[int, str] | None = None
        for target in targets:
            if _DIGITS.findall(target) != numbers:
                continue
            distance = OSA.distance(given, target, score_cutoff=_allowed_typos(target) or 0)
            if distance <= _allowed_typos(target) and (best is None or distance < best[0]):
                best = (distance, target)
        if best is None:
            return Grade(False, answer)
        # A response nearer another known name than the answer is that name, misspelt.
        for name in self.names - set(targets):
            if (
                abs(len(name) - len(given)) <= best[0]
                and OSA.distance(given, name, score_cutoff=best[0]) < best[0]
            ):
                return Grade(False, answer)
        return Grade(True, answer, typo=True)
