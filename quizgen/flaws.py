"""What makes an item flawed, as a teacher reviewing a bank would see it.

Each rule is a pure predicate over an item and the fact base, returning the
reason it fails (or None). The audit reports them per rule; the generator
uses the same predicates to avoid making such items, so the two never drift
apart. The rules come from an item-by-item review of the bank (issue 10):
distractors that contradict the stem, dates outside the record, distractors
of another class, two options naming one thing, true/false variants that
give themselves away, answers left in the prompt, matching giveaways.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from quizgen.cloze import BLANK, find_answer
from quizgen.dates import MONTHS, FactDate, interval
from quizgen.facts import DATE_KIND_PRECISION, AnswerKind, Fact, FactBase
from quizgen.items import Item
from quizgen.items.shapes import ChoiceItem, PairsItem, TextItem, TruthItem
from quizgen.text import contains, fold

_MONTH = "|".join(MONTHS)
_DATE_IN_TEXT = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH}) (?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}}), (?P<y2>\d{{4}})"
    rf"|(?P<m3>{_MONTH}) (?P<y3>\d{{4}})"
    rf"|(?P<y4>1[0-9]{{3}}|20[0-9]{{2}}))\b")
_STOP_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "for"})

Interval = tuple[int, int]


def dates_in(text: str) -> list[FactDate]:
    """Every date a text writes: '4 September 2019', 'September 4, 2019', 'June 2018', '2019'."""
    out = []
    for m in _DATE_IN_TEXT.finditer(text):
        g = m.groupdict()
        year = int(g["y1"] or g["y2"] or g["y3"] or g["y4"])
        name = g["m1"] or g["m2"] or g["m3"]
        day = g["d1"] or g["d2"]
        try:
            date = FactDate(year, MONTHS.index(name) + 1 if name else None,
                            int(day) if day else None)
            interval(date)
        except ValueError:
            continue
        out.append(date)
    return out


def relation(value: Interval, ref: Interval) -> int:
    """-1 wholly before ``ref``, 1 wholly after, 0 overlapping it."""
    return -1 if value[1] < ref[0] else 1 if value[0] > ref[1] else 0


def allowed_span(key: FactDate, context: str, record: Interval) -> Interval:
    """Where a wrong date may lie: on the key's side of every date the context names.

    "On what date in 2018 ...?" keeps options in 2018; "... for which the
    airstrikes of 29 December 2019 retaliated?" keeps them before it, as the key
    is; and never outside the span of dates the fact file covers.
    """
    lo, hi = record
    own = interval(key)
    for date in dates_in(context):
        ref = interval(date)
        side = relation(own, ref)
        if side < 0:
            hi = min(hi, ref[0] - 1)
        elif side > 0:
            lo = max(lo, ref[1] + 1)
        else:
            lo, hi = max(lo, ref[0]), min(hi, ref[1])
    return lo, hi


def record_span(facts: Iterable[Fact]) -> Interval:
    spans = [interval(f.date) for f in facts if f.date is not None]
    if not spans:
        return datetime.date(1, 1, 1).toordinal(), datetime.date(9999, 12, 31).toordinal()
    return min(s[0] for s in spans), max(s[1] for s in spans)


def words(text: str) -> frozenset[str]:
    return frozenset(w for w in fold(text).split() if w not in _STOP_WORDS)


@dataclass(frozen=True, slots=True)
class Flaw:
    rule: str
    item: str
    detail: str


class Checker:
    """The rules, over one fact base (which gives classes, aliases and the record span)."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self.facts = {f.id: f for f in base.facts}
        self.record = record_span(base.facts)
        self.by_name: dict[str, list[Fact]] = {}
        for f in base.facts:
            for name in (f.answer, *f.aliases):
                self.by_name.setdefault(fold(name), []).append(f)

    def flaws(self, q: Item) -> list[Flaw]:
        found: list[Flaw] = []
        for rule, check in RULES.items():
            detail = check(self, q)
            if detail:
                found.append(Flaw(rule, q.id, detail))
        return found

    # -- helpers ---------------------------------------------------------------------
    def fact(self, q: Item) -> Fact | None:
        return self.facts.get(q.fact_ids[0]) if q.fact_ids else None

    def names_of(self, text: str) -> set[str]:
        """The fact ids that ``text`` answers (by answer or alias)."""
        return {f.id for f in self.by_name.get(fold(text), [])}

    def same_thing(self, a: str, b: str) -> bool:
        """Two options naming one thing: an alias of the same fact, or the same words."""
        if fold(a) == fold(b):
            return True
        if self.names_of(a) & self.names_of(b):
            return True
        wa, wb = words(a), words(b)
        return len(wa) > 1 and wa == wb


def _date_options(c: Checker, q: Item) -> str | None:
    if not isinstance(q, ChoiceItem) or q.answer_kind not in DATE_KIND_PRECISION:
        return None
    key = _spoken(q.answer)
    if key is None:
        return None
    lo, hi = allowed_span(key, q.question, c.record)
    for option in q.options:
        date = _spoken(option)
        if date is not None and option != q.answer:
            start, end = interval(date)
            if start < lo or end > hi:
                return f"option '{option}' contradicts the stem or lies outside the record"
    return None


def _spoken(text: str) -> FactDate | None:
    found = dates_in(text)
    return found[0] if len(found) == 1 else None


def _option_class(c: Checker, q: Item) -> str | None:
    if not isinstance(q, ChoiceItem):
        return None
    fact = c.fact(q)
    if fact is None:
        return None
    for option, origin in zip(q.options, q.origins, strict=False):
        other = c.facts.get(origin.removeprefix("fact:")) if origin.startswith("fact:") else None
        if other is not None and _class(other) != _class(fact):
            return f"option '{option}' is a {_class(other)}, the key a {_class(fact)}"
    return None


def _class(fact: Fact) -> str:
    return fact.answer_class or fact.answer_kind.value


def _same_entity(c: Checker, q: Item) -> str | None:
    options = q.options if isinstance(q, ChoiceItem) else ()
    for i, a in enumerate(options):
        for b in options[i + 1:]:
            if c.same_thing(a, b):
                return f"options '{a}' and '{b}' name the same thing"
    return None


def _answer_in_prompt(c: Checker, q: Item) -> str | None:
    if isinstance(q, TextItem):
        shown = q.prompt.replace(BLANK, " ")
        accepted = (q.answer, *q.accepted)
    elif isinstance(q, ChoiceItem):
        shown, accepted = q.question, (q.answer,)
        fact = c.fact(q)
        if fact is not None and fact.answer == q.answer:
            accepted = (q.answer, *fact.aliases)
    else:
        return None
    leaked = next((a for a in accepted if len(fold(a)) > 1 and contains(shown, a)), None)
    return f"the prompt shows '{leaked}', an accepted answer" if leaked else None


def _truth_cues(c: Checker, q: Item) -> str | None:
    if not isinstance(q, TruthItem) or q.truth:
        return None
    fact = c.fact(q)
    span = find_answer(fact) if fact is not None else None
    if fact is None or span is None:
        return None
    before, after = fact.statement[: span.start], fact.statement[span.end:]
    if not (q.statement.startswith(before) and q.statement.endswith(after)):
        return None
    swapped = q.statement[len(before): len(q.statement) - len(after)]
    return truth_swap_flaw(fact, span.text, swapped, before + " " + after, c.record)


def truth_swap_flaw(fact: Fact, original: str, swapped: str, rest: str,
                    record: Interval) -> str | None:
    """Why writing ``swapped`` where ``original`` stands would give the false statement away."""
    if original[:1].islower() and swapped[:1].isupper() and not swapped.isupper():
        return f"'{swapped}' is capitalised where the text has '{original}'"
    if original.isalpha() and any(ch.isdigit() for ch in swapped) and \
            fact.answer_kind is AnswerKind.NUMBER:
        return f"'{swapped}' in digits where the text writes the number as a word"
    still = next((n for n in (fact.answer, *fact.aliases) if len(fold(n)) > 1
                  and contains(rest, n)), None)
    if still is not None:
        return f"the statement still names the true answer ('{still}')"
    if fact.date is not None and fact.answer_kind in DATE_KIND_PRECISION:
        new = _spoken(swapped)
        if new is not None:
            lo, hi = allowed_span(fact.date, rest, record)
            start, end = interval(new)
            if start < lo or end > hi:
                return f"'{swapped}' contradicts another date in the statement"
    return None


def _matching(c: Checker, q: Item) -> str | None:
    if not isinstance(q, PairsItem):
        return None
    kinds = {c.facts[i].answer_kind is AnswerKind.EVENT for i in q.fact_ids if i in c.facts}
    if len(kinds) > 1:
        return "the names mix events with names of places, groups or people"
    phrase = next((n for n in q.names if n[:1].islower()), None)
    if phrase is not None:
        return f"'{phrase}' is a phrase, not a name"
    for name, statement in q.answer:
        owner = next((c.facts[i] for i in q.fact_ids if i in c.facts
                      and c.facts[i].answer == name), None)
        if owner is not None and not owner.statement.startswith(
                statement.split(BLANK)[0] + name):
            return f"'{name}' does not fill its own blank as the text writes it"
        for other in q.names:
            if other != name and contains(statement.replace(BLANK, " "), other):
                return f"the statement for '{name}' names '{other}'"
    return None


RULES: dict[str, Callable[[Checker, Item], str | None]] = {
    "date options keep to the stem and the record": _date_options,
    "drawn options share the key's class": _option_class,
    "no two options name the same thing": _same_entity,
    "no accepted answer in the prompt": _answer_in_prompt,
    "false statements give nothing away": _truth_cues,
    "matching gives nothing away": _matching,
}
