"""What one item of a set gives away of another: the rule that protects a set to its last item.

A quiz, a worksheet, an export and a live game are sets: their items are read
together (a worksheet at once) or one after another, each followed by its
feedback. Within a set no fact is asked twice, and nothing a learner is shown
gives away the answer of an item still to come:

- before answering an item the learner reads its prompt and options (on a
  worksheet, every item's at once);
- after answering it, the verdict, the answer with the forms also accepted,
  the explanation and the source labels ("[Summary: United States airstrikes
  of 29 December 2019 ...]" gives a date away as surely as a prompt does).

An item's *secrets* are what it asks: the answers of its facts (every name
they go by, every way their date is written where the date is asked, their
figure in digits and in words) and, for a timeline, the dates it hides. One
definition, used by the generator (:mod:`quizgen.generation.bank`) as it
builds a set and by the audit as it checks one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from quizgen.facts import DATE_KIND_PRECISION, AnswerKind, Fact, SourceKey
from quizgen.facts.bounds import number_in
from quizgen.items import Item, Shape
from quizgen.language.dates import date_forms
from quizgen.language.numbers import in_words
from quizgen.language.text import fold

Label = Callable[[SourceKey], str]
"""How a source is cited to a learner (the fact base's ``source_label``)."""


NEAR = 4
"""How many words after a figure may name what it counts ("13 were injured")."""
_LINKING = frozenset(
    {
        *("a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with"),
        *("from", "as", "was", "were", "is", "are", "be", "been", "had", "has", "have"),
        *("that", "which", "who", "more", "than", "least", "most", "some", "about"),
    }
)


@dataclass(frozen=True, slots=True)
class Secret:
    """One form of what an item asks, folded and padded with spaces.

    A figure is given away only where it counts the same thing: "25" in "25
    February 2021" says nothing of "at least 25 militiamen", but "13 were
    injured" gives "13 people were injured" away. So a figure carries the words
    that follow it in its statement, and is shown only where one of them
    follows it within :data:`NEAR` words.
    """

    text: str
    near: frozenset[str] = frozenset()

    def shown_in(self, text: str) -> bool:
        if not self.near:
            return self.text in text
        at = text.find(self.text)
        while at >= 0:
            after = text[at + len(self.text) :].split(maxsplit=NEAR)[:NEAR]
            if self.near.intersection(after):
                return True
            at = text.find(self.text, at + 1)
        return False

    def __str__(self) -> str:
        return self.text.strip()


def _counted(fact: Fact, forms: Sequence[str]) -> frozenset[str]:
    """The words that follow the figure in the fact's statement (what it counts)."""
    words = fold(fact.statement).split()
    at = next((i for i, w in enumerate(words) if w in forms), None)
    if at is None:
        return frozenset()
    following = [w for w in words[at + 1 :] if w not in _LINKING]
    return frozenset(following[:NEAR])


def fact_secrets(fact: Fact, *, dated: bool) -> list[Secret]:
    """Every form of ``fact``'s answer; with ``dated``, every way its date is written too
    (asked by a date question, or hidden by a timeline)."""
    plain: list[str] = []
    out: list[Secret] = []
    value = number_in(fact.answer) if fact.answer_kind is AnswerKind.NUMBER else None
    if value is not None:
        written = (str(value), fold(f"{value:,}"), in_words(value))
        forms = [f for f in dict.fromkeys(written) if f]
        near = _counted(fact, forms)
        out += [Secret(f" {f} ", near) for f in forms]
        plain += [a for a in (fact.answer, *fact.aliases) if number_in(a) != value]
    else:
        plain += [fact.answer, *fact.aliases]
    if fact.date is not None and (dated or fact.answer_kind in DATE_KIND_PRECISION):
        plain += date_forms(fact.date)
    out += [Secret(f" {s} ") for s in dict.fromkeys(fold(t) for t in plain) if s]
    return out


def secrets(item: Item, facts: dict[str, Fact]) -> list[Secret]:
    """What ``item`` asks: every form of its facts' answers (and dates, for a timeline)."""
    dated = item.shape is Shape.ORDER
    return [s for i in item.fact_ids if i in facts for s in fact_secrets(facts[i], dated=dated)]


def before(item: Item, facts: dict[str, Fact]) -> str:
    """What a learner reads before answering ``item``, folded: its prompt and options.

    For a true/false item, its true statement as well as the one shown: a false one
    hides the answer a true one shows (judging both by the true statement keeps the
    rule from preferring false statements, so the key stays a coin toss), and shows
    a wrong name or figure that may be another item's answer.
    """
    text = item.body()
    if item.shape is Shape.TRUTH:
        text += [facts[i].statement for i in item.fact_ids if i in facts]
    return f" {fold(' | '.join(text))} "


def after(item: Item, facts: dict[str, Fact], label: Label | None) -> str:
    """Everything ``item`` shows, folded: before answering, and with its feedback (the
    answer and what else is accepted, the explanation, every fact's statement where the
    feedback lays it out, the source labels)."""
    text = [*item.body(), item.answer_line(), *item.key_lines(), item.explanation]
    text += getattr(item, "accepted", ())
    text += [facts[i].statement for i in item.fact_ids if i in facts]
    if label is not None:
        text += [label(s) for s in item.source]
    return f" {fold(' | '.join(text))} "


class Companions:
    """The facts an item about several may take in, indexed so that a set can tell at
    once which of them an item it adds rules out (built once, kept by the maker)."""

    def __init__(self, facts: Sequence[Fact]) -> None:
        self.ids = [f.id for f in facts]
        self.by_name: dict[str, list[str]] = {}
        """A folded answer or date form -> the companions it is a secret of."""
        self.figures: list[tuple[Secret, str]] = []
        self.longest = 0
        self.firsts: set[str] = set()
        starts: list[int] = []
        parts: list[str] = []
        at = 0
        for fact in facts:
            for secret in fact_secrets(fact, dated=True):
                if secret.near:
                    self.figures.append((secret, fact.id))
                else:
                    name = secret.text.strip()
                    self.by_name.setdefault(name, []).append(fact.id)
                    self.longest = max(self.longest, name.count(" ") + 1)
                    self.firsts.add(name.split(" ", 1)[0])
            text = f" {fold(fact.statement)} "
            starts.append(at)
            parts.append(text)
            at += len(text) + 1
        self.statements = "|".join(parts)
        """Every companion's statement, folded and padded, one text; fact k's starts at
        ``starts[k]``."""
        self.starts = starts

    def shown_by(self, text: str) -> set[str]:
        """Companions whose answer (or date) ``text`` (folded, padded) shows."""
        out: set[str] = set()
        words = text.split()
        for i, word in enumerate(words):
            if word in self.firsts:  # most words start no name: no runs to join for them
                for size in range(1, min(self.longest, len(words) - i) + 1):
                    found = self.by_name.get(" ".join(words[i : i + size]))
                    if found:
                        out.update(found)
        out.update(fid for secret, fid in self.figures if secret.shown_in(text))
        return out

    def showing(self, secrets: Sequence[Secret]) -> set[str]:
        """Companions whose statement shows one of ``secrets``."""
        from bisect import bisect_right

        out: set[str] = set()
        for secret in secrets:
            at = self.statements.find(secret.text)
            while at >= 0:
                k = bisect_right(self.starts, at) - 1
                if not secret.near or secret.shown_in(self.statements[at : at + 200]):
                    out.add(self.ids[k])
                at = self.statements.find(secret.text, at + 1)
        return out


class Leaks:
    """The items of one set so far, so that the next may be refused if it would leak.

    ``add`` an item once it is in the set; ``between`` asks, before adding one,
    whether it breaks the rule: a fact already asked, an answer of its own shown
    by anything the set has shown so far, or (a worksheet shows every prompt at
    once) an earlier item's answer in its own prompt or options.
    """

    def __init__(
        self,
        facts: Iterable[Fact] | dict[str, Fact],
        label: Label | None = None,
        known: dict[tuple[str, bool], list[Secret]] | None = None,
        companions: Companions | None = None,
    ) -> None:
        """``known`` keeps each fact's secrets from one set to the next (a maker's many);
        ``companions`` are the facts an item about several may take in, kept in
        :attr:`unfit` as they stop fitting the set."""
        self.facts = facts if isinstance(facts, dict) else {f.id: f for f in facts}
        self.label = label
        self.asked: set[str] = set()
        self.shown = ""
        """Everything the set has shown, folded, one text (a search is then one scan)."""
        self._names: set[str] = set()
        """The answers asked so far (folded), to look up by each run of words shown."""
        self._longest = 0
        self._firsts: set[str] = set()
        self._figures: list[Secret] = []
        """Figures asked so far, which count something (see :class:`Secret`)."""
        self._own: dict[tuple[str, bool], list[Secret]] = {} if known is None else known
        self._companions = companions
        self.unfit: set[str] = set()
        """Companions a timeline or a matching item may no longer take in: asked already,
        their answer or date shown, or their statement showing an answer asked."""

    def _fact(self, fact: Fact, dated: bool) -> list[Secret]:
        found = self._own.get((fact.id, dated))
        if found is None:
            found = self._own[fact.id, dated] = fact_secrets(fact, dated=dated)
        return found

    def _secrets(self, item: Item) -> list[Secret]:
        dated = item.shape is Shape.ORDER
        return [
            s for i in item.fact_ids if i in self.facts for s in self._fact(self.facts[i], dated)
        ]

    def open_to(self, fact: Fact) -> bool:
        """Whether an item about ``fact`` could still join: it is not asked, and its
        answer is not shown. A cheap look before the item is made."""
        return fact.id not in self.asked and not any(
            s.shown_in(self.shown) for s in self._fact(fact, False)
        )

    def _asked_in(self, text: str) -> Secret | None:
        """An answer asked so far that ``text`` (folded, padded) shows, else None."""
        words = text.split()
        for i, word in enumerate(words):
            if word in self._firsts:
                for size in range(1, min(self._longest, len(words) - i) + 1):
                    run = " ".join(words[i : i + size])
                    if run in self._names:
                        return Secret(f" {run} ")
        return next((s for s in self._figures if s.shown_in(text)), None)

    def why(self, item: Item) -> str | None:
        """Why ``item`` may not join the set, or None if it may."""
        twice = next((i for i in item.fact_ids if i in self.asked), None)
        if twice is not None:
            return f"fact {twice} is asked already"
        shown = next((s for s in self._secrets(item) if s.shown_in(self.shown)), None)
        if shown is not None:
            return f"its answer ({shown}) is shown by an earlier item"
        earlier = self._asked_in(before(item, self.facts))
        if earlier is not None:
            return f"it shows an earlier item's answer ({earlier})"
        return None

    def between(self, item: Item) -> bool:
        return self.why(item) is not None

    def add(self, item: Item) -> None:
        self.asked.update(item.fact_ids)
        shown = after(item, self.facts, self.label)
        self.shown += "|" + shown
        asked = self._secrets(item)
        for secret in asked:
            if secret.near:
                self._figures.append(secret)
            else:
                name = secret.text.strip()
                self._names.add(name)
                self._firsts.add(name.split(" ", 1)[0])
                self._longest = max(self._longest, name.count(" ") + 1)
        if self._companions is not None:
            self.unfit |= self._companions.shown_by(shown) | self._companions.showing(asked)
            self.unfit |= self.asked


def set_flaws(
    items: Sequence[Item], facts: Iterable[Fact], label: Label | None = None
) -> list[tuple[str, str]]:
    """(item id, why) for each item of a set that breaks the rule, in order."""
    leaks = Leaks(facts, label)
    out = []
    for item in items:
        why = leaks.why(item)
        if why is not None:
            out.append((item.id, why))
        leaks.add(item)
    return out
