"""Where a fact's answer stands in its own statement, and the one way to blank it.

Cloze items, Anki cloze notes, matching statements, false true/false variants
and timeline labels all blank or swap the *same* words, so they agree with each
other; this module is the one place that finds them, and :func:`blanked` the
one function that hides them, by the quiz's rules: nothing beside the blank
may give the answer away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quizgen.facts import AnswerKind, Fact
from quizgen.language.dates import date_forms
from quizgen.language.text import contains, folded

BLANK = "_____"
HIDDEN_DATE = "…"
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
ASIDE = re.compile(r"\s*\([^()]*\)")
"""A parenthesis, with the space before it: an aside after the answer may restate it."""
_DIGIT = re.compile(r"\d")
_ARTICLE_END = re.compile(r"\b([Aa])n? $")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_SERIAL = re.compile(r"(,[^,]+?)(,?) (and|or) ([^,]+)$")
"""The last two items of a list: "B and C" after a comma, with or without a comma of its own."""


def serial_twin(text: str) -> str | None:
    """``text`` with its serial comma added or dropped ("45th, 46th and 47th" and "45th,
    46th, and 47th" are one answer, written in two house styles); None if not a list."""
    found = _SERIAL.search(text)
    if found is None:
        return None
    comma = "" if found.group(2) else ","
    return f"{text[: found.start()]}{found.group(1)}{comma} {found.group(3)} {found.group(4)}"


def serial_like(text: str, like: str) -> str:
    """``text`` with the serial comma of ``like``, when both are lists: a false statement's
    "41st, 42nd and 43rd" in place of "45th, 46th, and 47th" would differ in style alone."""
    ours, theirs = _SERIAL.search(text), _SERIAL.search(like)
    if ours is None or theirs is None or bool(ours.group(2)) == bool(theirs.group(2)):
        return text
    return serial_twin(text) or text


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a statement: ``statement[start:end] == text``."""

    start: int
    end: int
    text: str
    is_answer: bool  # the answer itself, not one of its aliases


def _find(statement: str, lowered: str, needle: str) -> tuple[int, int] | None:
    """First whole-word, case-insensitive occurrence of ``needle``."""
    target = needle.lower()
    if not target:
        return None
    at = lowered.find(target)
    while at >= 0:
        end = at + len(target)
        before = lowered[at - 1] if at else " "
        after = lowered[end] if end < len(lowered) else " "
        if not before.isalnum() and not after.isalnum():
            return at, end
        at = lowered.find(target, at + 1)
    return None


def find_answer(fact: Fact) -> Span | None:
    """The answer as written in the statement: the answer itself, else its shortest alias.

    The shortest alias wins so that qualifiers stay visible: in "left at least
    nine fighters dead" the blank replaces "nine", not "at least nine".
    """
    statement = fact.statement
    lowered = statement.lower()
    if len(lowered) != len(statement):  # a rare character whose lower case is longer
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in statement)
    twin = serial_twin(fact.answer)
    answers = [fact.answer] if twin is None else [fact.answer, twin]
    for i, candidate in enumerate([*answers, *sorted(fact.aliases, key=len)]):
        found = _find(statement, lowered, candidate)
        if not found and _ACRONYM.fullmatch(candidate):  # "US" stands as "U.S." or "U.S"
            dotted = ".".join(candidate)
            found = _find(statement, lowered, dotted + ".") or _find(statement, lowered, dotted)
        if found:
            start, end = found
            return Span(start, end, statement[start:end], i < len(answers))
    return None


@dataclass(frozen=True, slots=True)
class Blanked:
    """A statement with its answer hidden: the text before the blank, the words the blank
    hides (the answer as written, and any aside that restates it), the text after."""

    before: str
    hidden: str
    after: str
    hint: str = ""
    """The form the blank wants, where the sentence does not say it ('decade', 'month
    and year'): "since _____" took "1982" as readily as "the 1980s"."""

    def text(self, filler: str = BLANK) -> str:
        """The statement as a learner sees it: ``filler`` where the hidden words were,
        with the form wanted after it, if any ('_____ (decade)')."""
        told = f" ({self.hint})" if self.hint else ""
        return self.before + filler + told + self.after


def shows_answer(text: str, fact: Fact) -> bool:
    """Whether ``text`` (a stem, a blanked statement) shows an accepted answer of ``fact``."""
    return any(contains(text, a) for a in (fact.answer, *fact.aliases) if len(folded(a)) > 1)


def blanked(fact: Fact, span: Span | None = None) -> Blanked | None:
    """The statement with its answer blanked, giving nothing away; None if it cannot be.

    The quiz's cloze items and matching statements and the Anki cloze notes all come
    from here. A parenthesis right after the answer that restates it ("_____ (248
    mi)", "the _____ (PMF)") is hidden with it; an article before the blank that
    tells the answer's first sound ("an _____") becomes "a(n)"; and if an accepted
    answer still shows anywhere else in the sentence, there is no blank at all.
    """
    span = span or find_answer(fact)
    if span is None:
        return None
    statement = fact.statement
    end = span.end
    aside = ASIDE.match(statement, end)
    accepted = [a for a in (fact.answer, *fact.aliases) if len(folded(a)) > 1]
    if aside and (
        any(contains(aside.group(), a) for a in accepted)
        or (fact.answer_kind is AnswerKind.NUMBER and _DIGIT.search(aside.group()))
    ):
        end = aside.end()
    # "an _____ Shia paramilitary group" tells a vowel: "a(n)" tells nothing
    before = _ARTICLE_END.sub(r"\1(n) ", statement[: span.start])
    hint = precision_hint(fact, before)
    found = Blanked(before, statement[span.start : end], statement[end:], hint)
    return None if shows_answer(found.text(" "), fact) else found


_DECADE = re.compile(r"(?:the )?(?:1[0-9]|20)[0-9]0(?:'?s)")
_SAID_FORM = re.compile(r"\b(?:month|decade|year)s?\b(?: of)?(?: the)?\s*$", re.IGNORECASE)


def precision_hint(fact: Fact, before: str) -> str:
    """What form a blank of ``fact`` wants, when the words before it do not say: 'month
    and year' for a month ("In _____, ..." takes a year as readily), 'decade' for a decade
    ("since _____" takes "1982"); '' for any other answer, or one whose form is said."""
    if _SAID_FORM.search(before):
        return ""
    if fact.answer_kind is AnswerKind.MONTH:
        return "month and year"
    if _DECADE.fullmatch(fact.answer.strip().lower()):
        return "decade"
    return ""


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _replace_words(text: str, old: str, new: str) -> str:
    """``old`` replaced by ``new`` wherever it stands as whole words (case as written).

    A plain scan, not a regular expression: compiling one per fact would cost
    more than all the rest of making a timeline.
    """
    out: list[str] = []
    start = 0
    at = text.find(old)
    while at >= 0:
        end = at + len(old)
        if (at == 0 or not _word(text[at - 1])) and (end == len(text) or not _word(text[end])):
            out.append(text[start:at])
            out.append(new)
            start = end
            at = text.find(old, end)
        else:
            at = text.find(old, at + 1)
    out.append(text[start:])
    return "".join(out)


def without_date(fact: Fact) -> str | None:
    """The statement with its own date hidden, for ordering events on a timeline.

    None when the fact has no date, or when a year would still show (the date
    is written in a form not recognised, or another date gives it away).
    """
    if fact.date is None:
        return None
    text = fact.statement
    for form in date_forms(fact.date):
        if form in text:  # a cheap look first: most forms are not there
            text = _replace_words(text, form, HIDDEN_DATE)
    if text == fact.statement or _YEAR.search(text):
        return None
    return text
