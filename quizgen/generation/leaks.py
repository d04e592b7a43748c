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
    """The facts an item about several may take in, each looked at when first asked about.

    A set asks whether a companion still fits (:meth:`Leaks.fits`) only for the
    few a timeline or a matching item considers, so what each would show and
    ask (its secrets, its folded statement) is worked out then and kept, not for
    every fact of the base up front: a set of ten from 100,000 facts looks at a
    few hundred.
    """

    def __init__(self, facts: Sequence[Fact]) -> None:
        self.facts = facts
        self.position = {f.id: k for k, f in enumerate(facts)}
        self._secrets: dict[int, list[Secret]] = {}
        self._statements: dict[int, str] = {}

    def secrets(self, k: int) -> list[Secret]:
        """Companion ``k``'s secrets: its answer's forms and its date's."""
        found = self._secrets.get(k)
        if found is None:
            found = self._secrets[k] = fact_secrets(self.facts[k], dated=True)
        return found

    def statement(self, k: int) -> str:
        """Companion ``k``'s statement, folded and padded."""
        found = self._statements.get(k)
        if found is None:
            found = self._statements[k] = f" {fold(self.facts[k].statement)} "
        return found

    def following(self, k: int, at: int, size: int = 200) -> str:
        """``size`` characters of the companions' statements, one after another with '|'
        between, from position ``at`` of companion ``k``'s: what a figure found there is
        followed by (the words it counts are looked for in it)."""
        text = self.statement(k)[at:]
        j = k + 1
        while len(text) < size and j < len(self.facts):
            text += "|" + self.statement(j)
            j += 1
        return text[:size]

    def shows_secret(self, k: int, asked: Sequence[Secret]) -> bool:
        """Whether companion ``k``'s statement shows one of ``asked``."""
        own = self.statement(k)
        for secret in asked:
            at = own.find(secret.text)
            while at >= 0:
                if not secret.near or secret.shown_in(self.following(k, at)):
                    return True
                at = own.find(secret.text, at + 1)
        return False


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
        self._shown_items: list[str] = []
        """What each item of the set shows (``shown`` is them joined)."""
        self._asked_secrets: list[Secret] = []
        self.unfit = _Unfit(self)
        """Companions a timeline or a matching item may no longer take in: asked already,
        their answer or date shown, or their statement showing an answer asked (asked as
        ``fact_id in unfit``, and worked out for that fact then)."""

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
        self._shown_items.append(shown)
        self._asked_secrets.extend(asked)

    def unfit_companion(self, fact_id: str) -> bool:
        """Whether a timeline or a matching item may no longer take in ``fact_id``: it is
        asked, a secret of its own is shown, or its statement shows a secret asked."""
        if fact_id in self.asked:
            return True
        companions = self._companions
        k = None if companions is None else companions.position.get(fact_id)
        if companions is None or k is None:
            return False
        for secret in companions.secrets(k):
            if secret.near:
                if any(secret.shown_in(text) for text in self._shown_items):
                    return True
            elif secret.text in self.shown:
                return True
        return companions.shows_secret(k, self._asked_secrets)


class _Unfit:
    """``fact_id in leaks.unfit``, worked out for that fact when asked."""

    __slots__ = ("leaks",)

    def __init__(self, leaks: Leaks) -> None:
        self.leaks = leaks

    def __contains__(self, fact_id: object) -> bool:
        return isinstance(fact_id, str) and self.leaks.unfit_companion(fact_id)


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
