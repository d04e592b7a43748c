"""Wrong answers that are plausible, of the key's kind, and never true.

Built once per fact base (:class:`DistractorIndex`) so that choosing options
for any one fact costs a few dictionary look-ups and random draws, whatever
the size of the base. Curated ``wrong_answers`` come first; then values other
facts give as answers, of the same kind and the same answer class (which the
fact file declares: governorates with governorates, never a river), preferring
the same topic; dates and numbers are made near the key instead, because a
real date of another event may well be true too. Options shown in their order (dates,
numbers, curated times and periods) have the key's rank drawn first, curated ones
counting toward the side they lie on (:meth:`DistractorIndex.number_options`,
:meth:`DistractorIndex.date_options`, :meth:`DistractorIndex.ranked_figures`).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from random import Random
from typing import Any

from quizgen.facts import DATE_KIND_PRECISION, POOLED_KINDS, AnswerKind, Entities, Entity, Fact
from quizgen.facts.bounds import approximate, number_bound
from quizgen.items import figures
from quizgen.items.cues import asks_side, figures_in, side_of
from quizgen.language import datespan
from quizgen.language.dates import FactDate, Precision, interval, spoken_date, write_like
from quizgen.language.text import contains, fold, fold_all, folded, name_key

_PoolKey = tuple[AnswerKind | None, str | None, str | None]
"""(answer kind, answer class or None, topic or None for the pool across topics); the kind
is None for the pools of entities, whose class says what they are."""
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
ATTEMPTS = 40
_LINK_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "for"})
RELATED_LIMIT = 64
_NONE: frozenset[str] = frozenset()
_AGAINST = re.compile(r"\bagainst\b", re.IGNORECASE)
MIN_RANKED = 2
"""Fewest wrong options curated figures are offered with in order: fewer (the key and one
more) is a coin toss, not a question."""


@dataclass(frozen=True, slots=True)
class Option:
    """One option of an item and where it came from, so every item can be traced."""

    text: str
    origin: str  # "key", "curated", "fact:<id>", "entity:<id>" or "synthetic"


@lru_cache(maxsize=1 << 18)
def _content_words(folded_name: str) -> frozenset[str]:
    return frozenset(folded_name.split()) - _LINK_WORDS


def _setting_key(entity: Entity) -> _PoolKey | None:
    """The pool of the entities of ``entity``'s class and setting (country and side), or None
    when it declares neither."""
    if entity.country is None and entity.side is None:
        return None
    return (None, entity.answer_class, f"setting:{entity.country}:{entity.side}")


@lru_cache(maxsize=256)
def _capitals(name: str) -> re.Pattern[str]:
    """A short name ('US', 'UK') as a word in capitals only ('US-led', never 'us')."""
    return re.compile(rf"\b{re.escape(name)}\b" if name.isupper() else r"(?!)")


def in_setting(fact: Fact, key: Entity, option: Entity) -> bool:
    """Whether ``option`` may stand beside ``key`` as a wrong answer to ``fact`` by its
    setting: a place asked about (a desert, a governorate, a town) lies in one country,
    so a wrong place lies in the key's country too. "In which desert is Al-Tanf?"
    offering the Negev and the Sinai beside the Syrian Desert is answered by anyone who
    knows Al-Tanf is in Syria (other items of the set say so), not by knowing the
    desert. Other answers (air forces, presidents, groups) are compared across
    countries on purpose, so only place keys that declare a country are held to it."""
    if overlaps_as_a_time(fact, key, option):
        return False
    if fact.answer_kind is not AnswerKind.PLACE or key.country is None:
        return True
    return option.country == key.country


_DURING = re.compile(r"\b(?:during|throughout)\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
"""A statement that names its answer as the time something went on ("covert ties continued
during the subsequent Iran–Iraq War"): the words right before the answer. Not "amid": an
event amid which something happened is its occasion, and a war still going on then ("the
US intervention in the Syrian civil war" beside "the fall of the Assad regime") is a
wrong answer there, not a second right one."""


def overlaps_as_a_time(fact: Fact, key: Entity, option: Entity) -> bool:
    """Whether the fact names its key as the time something happened and ``option``'s years
    overlap the key's: "covert ties continued during the Soviet–Afghan War" (1979–1989)
    is as true as during the Iran–Iraq War (1980–1988), so it is no wrong answer, offered
    or swapped into a false statement. Two things without periods are not compared."""
    if key.period is None or option.period is None:
        return False
    at = fact.statement.find(fact.answer)
    if at < 0 or _DURING.search(fact.statement[:at]) is None:
        return False
    end = datetime.date.max
    return key.period.first_day() <= option.period.last_day(
        end
    ) and option.period.first_day() <= key.period.last_day(end)


def _pool_keys(fact: Fact) -> tuple[_PoolKey, _PoolKey]:
    """The fact's own pools, nearest first: its class within its topic, then its class.

    A fact whose answer is an entity draws from the entities of its class (those
    other facts answer in its topic first), a fact without one from the answers
    of other facts of its kind and class.
    """
    kind = None if fact.entity is not None else fact.answer_kind
    return ((kind, fact.answer_class, fact.topic), (kind, fact.answer_class, None))


def correct_answers(fact: Fact) -> frozenset[str]:
    """Every name the fact takes as right, folded (its text's names of the answer too)."""
    return frozenset(folded(t) for t in (fact.answer, *fact.aliases, *fact.shown_names))


class Taken:
    """The options chosen so far, kept so that "names the same thing as one of
    them" (:meth:`DistractorIndex.same_thing` against each) is one look-up.
    """

    __slots__ = ("_ids", "_names", "_words", "index", "texts")

    def __init__(self, index: DistractorIndex) -> None:
        self.index = index
        self.texts: list[str] = []
        self._names: set[str] = set()
        self._ids: set[str] = set()
        self._words: set[frozenset[str]] = set()

    def add(self, text: str, v: str | None = None) -> None:
        v = folded(text) if v is None else v
        self.texts.append(text)
        self._names.add(v)
        self._ids.update(self.index.ids_of(v))
        words = _content_words(v)
        if len(words) > 1:
            self._words.add(words)

    def clashes(self, v: str) -> bool:
        """Whether the folded name ``v`` is the same thing as an option taken."""
        if v in self._names:
            return True
        ids = self.index.ids_of(v)
        if ids and not ids.isdisjoint(self._ids):
            return True
        words = _content_words(v)
        return len(words) > 1 and words in self._words


class _PerFact(dict[str, Any]):
    """fact id -> a value worked out for that fact the first time it is asked for."""

    def __init__(self, facts: dict[str, Fact], make: Callable[[Fact], Any]) -> None:
        super().__init__()
        self.facts, self.make = facts, make

    def __missing__(self, fact_id: str) -> Any:
        value = self[fact_id] = self.make(self.facts[fact_id])
        return value

    def get(self, fact_id: str, default: Any = None) -> Any:
        return self[fact_id] if fact_id in self.facts else default


class DistractorIndex:
    """Everything needed to choose wrong answers quickly for any fact of one base.

    Each part is made the first time it is needed, and only as far as needed: a
    fact's right names when it is asked about, a pool of wrong answers when a
    fact of its class and topic is, the dates of a precision when a date item of
    it is. A quiz of ten from a base of 100,000 facts makes a few pools, not all;
    only the names that answer each fact (:attr:`by_answer`, which tells whether
    an option is related to the key) take one pass over every fact, once. The
    results are those of making every part at once.
    """

    def __init__(
        self,
        facts: Iterable[Fact],
        entities: Entities | None = None,
        by_id: dict[str, Fact] | None = None,
    ) -> None:
        self.facts = facts if isinstance(facts, tuple) else tuple(facts)
        self.entities = entities or Entities()
        self.by_id = {f.id: f for f in self.facts} if by_id is None else by_id
        """The facts by id (a fact base's own, shared, when the caller has it)."""
        self.correct: dict[str, frozenset[str]] = _PerFact(self.by_id, correct_answers)
        self.folded_answer: dict[str, str] = _PerFact(self.by_id, lambda f: folded(f.answer))
        self._entity_of: dict[str, Entity | None] = _PerFact(
            self.by_id, lambda f: self.entities.get(f.entity)
        )
        self._folded_text: dict[str, str] = {}
        self._by_answer: _ByAnswer | None = None
        self._members: dict[_PoolKey, list[Fact]] | None = None
        self._pools: dict[_PoolKey, list[tuple[str, str, str]]] = {}
        self._entity_pools: dict[_PoolKey, list[Entity]] | None = None
        self._dates: dict[Precision, set[int]] = {}
        self._record: datespan.Interval | None = None
        self._ids: dict[str, frozenset[str]] = {}
        self._entity_ids: dict[str, set[str]] | None = None
        self._first_fact: dict[str, str] | None = None
        self._kin: dict[str, str] | None = None
        self._eras: dict[str, datespan.Interval] = {}
        self._related: dict[str, tuple[str, tuple[str, ...]]] = {}

    @property
    def by_answer(self) -> _ByAnswer:
        """Folded name -> the facts it answers, in file order (one pass, the first time)."""
        if self._by_answer is None:
            # correct_answers() of every fact, its names folded all at once (fold_all):
            # a name a fact gives twice (its answer, and an alias alike) lists it once
            owners = [
                fact
                for fact in self.facts
                for _ in range(1 + len(fact.aliases) + len(fact.shown_names))
            ]
            names = fold_all(
                [t for f in self.facts for t in (f.answer, *f.aliases, *f.shown_names)]
            )
            found: dict[str, Fact | list[Fact]] = {}
            for value, fact in zip(names, owners, strict=True):
                named = found.setdefault(value, fact)
                if named is fact:
                    continue
                if type(named) is not list:
                    named = found[value] = [named]  # type: ignore[list-item]
                if named[-1] is not fact:
                    named.append(fact)
            self._by_answer = _ByAnswer(found)
        return self._by_answer

    @property
    def record(self) -> datespan.Interval:
        """The span of every fact's date (see :func:`datespan.record_span`)."""
        if self._record is None:
            self._record = datespan.record_span(self.facts)
        return self._record

    def era(self, fact: Fact) -> datespan.Interval:
        """The record narrowed to the years of the registry things ``fact`` names that its
        date lies in: a wrong date outside them is out of its era (2014 for imagery of a
        base built from 2018, July 2022 for a halt in a war begun in 2023) and a learner
        rules it out without knowing the fact. A thing whose years the date lies outside
        ('after the 1979 revolution, ... in 2011') bounds nothing. Found once per fact."""
        lo, hi = self.years_of(fact)
        record = self.record
        return max(lo, record[0]), min(hi, record[1])

    def years_of(self, fact: Fact) -> datespan.Interval:
        """The years of the registry things ``fact`` names that hold its date, as days
        (every day, if none): a curated wrong date outside them is left out, one outside
        the record only is not (a person chose it). Found once per fact."""
        found = self._eras.get(fact.id)
        if found is None:
            everything = datetime.date.min.toordinal(), datetime.date.max.toordinal()
            found = self._eras[fact.id] = _era(self.entities, fact, everything)
        return found

    @property
    def dates(self) -> Mapping[Precision, set[int]]:
        """Every fact's date, as units of its precision (see :func:`datespan.unit`)."""
        return _Dates(self)

    def dates_of(self, precision: Precision) -> set[int]:
        found = self._dates.get(precision)
        if found is None:
            found = self._dates[precision] = {
                datespan.unit(f.date)
                for f in self.facts
                if f.date is not None and f.date.precision is precision
            }
        return found

    @property
    def pools(self) -> Mapping[_PoolKey, list[tuple[str, str, str]]]:
        """(kind, class[, topic]) -> [(answer, folded answer, origin)], one per distinct
        answer, facts' first (in file order), then the entities no fact answers; class
        None is the pool of the facts the file puts in no answer class."""
        return _Pools(self)

    def pool(self, key: _PoolKey) -> list[tuple[str, str, str]]:
        found = self._pools.get(key)
        if found is not None:
            return found
        if self._members is None:
            members: dict[_PoolKey, list[Fact]] = defaultdict(list)
            for fact in self.facts:
                if fact.answer_kind in POOLED_KINDS:
                    for pool in _pool_keys(fact):
                        members[pool].append(fact)
            entity_pools: dict[_PoolKey, list[Entity]] = defaultdict(list)
            for entity in self.entities.all:
                setting = _setting_key(entity)
                for pool in ((None, entity.answer_class, None), *([setting] if setting else [])):
                    entity_pools[pool].append(entity)
            self._members, self._entity_pools = members, entity_pools
        assert self._entity_pools is not None
        out: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for fact in self._members.get(key, ()):
            named = self.entities.get(fact.entity)
            shown = fact.answer if named is None else named.name
            value = folded(shown)
            if value not in seen:
                seen.add(value)
                out.append((shown, value, f"fact:{fact.id}"))
        entities = self._entity_pools.get(key, ())
        if entities:
            first_fact = self._first_fact_of_entity()
            for entity in entities:
                value = folded(entity.name)
                if value not in seen:
                    seen.add(value)
                    fid = first_fact.get(entity.id)
                    out.append(
                        (entity.name, value, f"fact:{fid}" if fid else f"entity:{entity.id}")
                    )
        self._pools[key] = out
        return out

    def _first_fact_of_entity(self) -> dict[str, str]:
        """Entity id -> the id of the first fact (in file order) it answers; one pass over
        the base the first time, kept (every pool of entities looks it up: made per pool,
        it cost a pass over every fact for each class and setting asked about)."""
        if self._first_fact is None:
            first: dict[str, str] = {}
            for fact in self.facts:
                if fact.entity is not None and fact.entity not in first:
                    first[fact.entity] = fact.id
            self._first_fact = first
        return self._first_fact

    # -- exclusion ---------------------------------------------------------------------
    def is_safe(self, fact: Fact, value: str, taken: Taken, v: str | None = None) -> bool:
        """Whether ``value`` is surely wrong for ``fact`` and unlike the options so far.

        Beyond "not one of its answers", a value is refused when the fact's own
        statement or question mentions it, or when a fact answered by it mentions
        the key: such names are related, and the option might be partly true.
        """
        v = folded(value) if v is None else v
        if not v or v in self.correct[fact.id] or taken.clashes(v):
            return False
        own = self.folded_text(fact)
        if f" {v} " in own:
            return False
        if fact.answer_kind not in POOLED_KINDS:
            return True  # made numbers and dates: "related names" does not apply
        # A name that answers very many facts is generic; looking at the first
        # RELATED_LIMIT of them keeps this O(1) however large the base grows.
        texts, names = self._related_to(v)
        if any(f" {k} " in texts for k in self.correct[fact.id] if k):
            return False
        # another name of the same thing stands in the stem ('Al-Bukamal' beside
        # 'Abu Kamal'): the option would point at the stem's own subject
        return not any(f" {name} " in own for name in names)

    def _related_to(self, v: str) -> tuple[str, tuple[str, ...]]:
        """For a folded name, what :meth:`is_safe` looks at in the first RELATED_LIMIT facts
        it answers: their folded texts as one (each :meth:`folded_text`, a space at each
        end, so a word found is found within one), and every name they take as right,
        once each. Made the first time the name is an option, and kept: a name is
        weighed as an option for many facts."""
        found = self._related.get(v)
        if found is None:
            others = self.by_answer.get(v, ())[:RELATED_LIMIT]
            texts = "\n".join(self.folded_text(o) for o in others)
            names = tuple(dict.fromkeys(n for o in others for n in self.correct[o.id] if n))
            found = self._related[v] = (texts, names)
        return found

    def same_thing(self, a: str, b: str) -> bool:
        """Two folded names for one thing: equal, names of one fact, or the same words.

        "Islamic Republic of Iran Armed Forces" and "Armed Forces of the
        Islamic Republic of Iran" must not both be options.
        """
        if a == b:
            return True
        of_a = self.ids_of(a)
        if of_a and not of_a.isdisjoint(self.ids_of(b)):
            return True
        words_a = _content_words(a)
        return len(words_a) > 1 and words_a == _content_words(b)

    def ids_of(self, name: str) -> frozenset[str]:
        """Ids of the facts a folded name answers; for a generic name answering very
        many, the first RELATED_LIMIT decide, so this stays O(1) however large the base.
        """
        found = self._ids.get(name)
        if found is None:
            if self._entity_ids is None:
                named: dict[str, set[str]] = {}
                for entity in self.entities.all:  # two names of one entity are one thing
                    for each in entity.names:
                        named.setdefault(folded(each), set()).add(f"entity:{entity.id}")
                self._entity_ids = named
            ids = {f.id for f in self.by_answer.get(name, ())[:RELATED_LIMIT]}
            ids |= self._entity_ids.get(name, set())
            found = self._ids[name] = frozenset(ids) if ids else _NONE
        return found

    def folded_text(self, fact: Fact) -> str:
        """The fact's statement and question, folded once and kept, a space at each end.

        With the spaces, ``f" {name} " in text`` is whole-word containment.
        """
        text = self._folded_text.get(fact.id)
        if text is None:
            text = f" {folded(fact.statement)} | {folded(fact.question)} "
            self._folded_text[fact.id] = text
        return text

    # -- choosing ----------------------------------------------------------------------
    def wrong_answers(
        self, fact: Fact, rng: Random, count: int = 3, context: str | None = None
    ) -> list[Option]:
        """Up to ``count`` wrong answers: curated first, then drawn or made.

        ``context`` is what the item shows beside the options (default: the
        fact's question); made dates keep to every date it names.
        """
        chosen: list[Option] = []
        taken = Taken(self)
        taken.add(fact.answer)
        for text in fact.wrong_answers:
            if len(chosen) < count and self.is_safe_curated(fact, text, taken):
                chosen.append(Option(text, "curated"))
                taken.add(text)
        need = count - len(chosen)
        if need <= 0:
            return chosen
        kind = fact.answer_kind
        if kind in DATE_KIND_PRECISION and fact.date is not None:
            made = self.near_dates(
                fact, fact.date, rng, need, taken, fact.question if context is None else context
            )
        elif kind == AnswerKind.NUMBER:
            made = self.near_numbers(fact, rng, need, taken)
        elif kind in POOLED_KINDS:
            made = self.drawn(fact, rng, need, taken)
        else:
            made = []  # free text, periods, coordinates: only what a person curated
        return chosen + made

    def is_safe_curated(self, fact: Fact, text: str, taken: Taken) -> bool:
        """Curated options are trusted to be plausible; they still may not be correct, nor
        be of another class than the key's entity."""
        v = folded(text)
        if v in self.correct[fact.id] or taken.clashes(v):
            return False
        key = self._entity_of.get(fact.id)
        option = self.entities.resolve(text) if key is not None else None
        return (
            key is None
            or option is None
            or (
                option.answer_class == key.answer_class
                and in_setting(fact, key, option)
                and not self.stem_side(fact, option)
            )
        )

    def stem_side(self, fact: Fact, option: Entity) -> bool:
        """Whether ``option`` stands on a side the stem names where it asks who fought
        whom ("against which group was the US-led involvement directed?" offering a
        group the US backed, "against whom did Kata'ib Hezbollah fight?" offering the
        alliance it belongs to): other items of the set refute it, or it may be true."""
        if option.side is None or not _AGAINST.search(fact.question):
            return False
        return option.side in self.sides_named(fact.question)

    def sides_named(self, text: str) -> frozenset[str]:
        """The sides of the entities ``text`` names (by any of their names)."""
        return frozenset(
            e.side
            for e in self.entities.all
            if e.side is not None
            and any(
                contains(text, n) if len(n) > 2 else _capitals(n).search(text) is not None
                for n in e.names
            )
        )

    def entity_named(self, text: str) -> Entity | None:
        """The entity an option's text names, if exactly one."""
        return self.entities.resolve(text)

    @property
    def kin(self) -> dict[str, str]:
        """A one-word name or demonym (as :func:`quizgen.items.cues.converges` compares
        words) -> the entity it names: 'U.S.' and 'American' are one element of an
        option. Made in one pass over the registry, the first time it is asked."""
        if self._kin is None:
            from quizgen.items.cues import word_of

            kin: dict[str, str] = {}
            for entity in self.entities.all:
                for name in (*entity.names, entity.demonym or ""):
                    if name and " " not in name.strip():
                        kin.setdefault(word_of(name), entity.id)
            self._kin = kin
        return self._kin

    def country_names(self, country: str) -> tuple[str, ...]:
        """Every name of the country entity ``country`` (none if the file has no such)."""
        found = self.entities.get(country)
        return found.names if found is not None else ()

    def drawn(self, fact: Fact, rng: Random, need: int, taken: Taken) -> list[Option]:
        """Other answers of the key's class: of its setting first (its country and side),
        then of its topic, then any (the item then sees that no option stands out by its
        setting: :func:`quizgen.items.cues.setting_cue`)."""
        out: list[Option] = []
        key = self._entity_of.get(fact.id)
        setting = _setting_key(key) if key is not None else None
        # Where the stem asks who stood with whom, a drawn name of the key's side (an
        # ally, a faction of the same umbrella) may be right too: none is drawn.
        side = key.side if key is not None and asks_side(fact.question) else None

        def fits_side(value: str, value_folded: str) -> bool:
            if side is not None or key is not None:
                entity = self.entities.resolve(value)
                if side is not None and entity is not None and entity.side == side:
                    return False
                if key is not None and entity is not None and not in_setting(fact, key, entity):
                    return False
            return self.is_safe(fact, value, taken, value_folded)

        # "Against which group was the US-led involvement directed?": a group of the side
        # the stem names (the United States') is no foe another item has not refuted
        against = _AGAINST.search(fact.question) is not None

        def fits(value: str, value_folded: str) -> bool:
            if against:
                entity = self.entities.resolve(value)
                if entity is not None and self.stem_side(fact, entity):
                    return False
            return fits_side(value, value_folded)

        pools = (*([setting] if setting and side is None else []), *_pool_keys(fact))
        for pool_key in pools:
            pool = self.pool(pool_key)
            tries = min(ATTEMPTS, 4 * len(pool))
            while len(out) < need and tries > 0 and pool:
                tries -= 1
                value, value_folded, origin = pool[rng.randrange(len(pool))]
                if fits(value, value_folded):
                    out.append(Option(value, origin))
                    taken.add(value, value_folded)
            if len(out) == need:
                break
        if len(out) < need:
            # Few candidates: walk the whole class pool once, in a seeded order.
            pool = list(self.pool(_pool_keys(fact)[1]))
            rng.shuffle(pool)
            for value, value_folded, origin in pool:
                if len(out) == need:
                    break
                if fits(value, value_folded):
                    out.append(Option(value, origin))
                    taken.add(value, value_folded)
        return out

    def near_dates(
        self, fact: Fact, date: FactDate, rng: Random, need: int, taken: Taken, context: str
    ) -> list[Option]:
        """Dates of the key's precision near it that contradict nothing ``context`` says.

        See :func:`quizgen.language.datespan.near`: on the key's side of every date the
        context names, within the record, never a date of any fact.
        """
        used = {
            datespan.unit(d)
            for t in taken.texts
            if (d := spoken_date(t)) is not None and d.precision is date.precision
        } | {datespan.unit(date)}
        made = datespan.near(
            date,
            need,
            rng,
            taken=used,
            known=self.dates_of(date.precision),
            refs=datespan.references(date, context),
            record=self.era(fact),
        )
        return [Option(write_like(fact.answer, d), "synthetic") for d in made]

    def date_options(
        self, fact: Fact, rng: Random, count: int, context: str | None = None
    ) -> list[Option] | None:
        """Up to ``count`` wrong dates for a multiple-choice item, shown in date order, the
        key's rank among them drawn first and uniform (:func:`quizgen.items.figures.split`);
        as many as fit on each side of the key, and None when that is fewer than
        MIN_RANKED, for then the key could not take every rank: the record ends at it,
        the stem's dates bound it, other facts' dates fill the calendar ("in which month
        of 2024" would offer December as the latest option every time).

        Curated dates of the key's precision count toward the side they lie on; other
        curated options cannot stand in a date order and are left out.
        """
        date = fact.date
        if date is None:
            return self.ranked_figures(fact, rng, count, self.wrong_answers(fact, rng, count))
        own = datespan.unit(date)
        taken = Taken(self)
        taken.add(fact.answer)
        used = {own}
        sides: dict[int, list[Option]] = {-1: [], 1: []}
        era = self.years_of(fact)
        for text in fact.wrong_answers:
            d = spoken_date(text)
            if (
                d is None
                or d.precision is not date.precision
                or not datespan.fits(interval(d), interval(d), (), era)
                or datespan.unit(d) in used
                or not self.is_safe_curated(fact, text, taken)
            ):
                continue
            sides[-1 if datespan.unit(d) < own else 1].append(Option(text, "curated"))
            used.add(datespan.unit(d))
            taken.add(text)
        free = datespan.free_units(
            date,
            taken=used,
            known=self.dates_of(date.precision),
            refs=datespan.references(date, fact.question if context is None else context),
            record=self.era(fact),
        )
        # as many options as both sides have room for (three at most, two at least), so
        # that curated dates alone (a record of one day) may still be offered in order
        count = min(count, *(len(sides[s]) + len(free[s]) for s in (-1, 1)))
        if count < MIN_RANKED:
            return None
        drawn = figures.split(count, rng, sides[-1], sides[1], len(free[-1]), len(free[1]))
        if drawn is None:
            return None
        low, high, more_below, more_above = drawn
        fixed = [own, *(datespan.unit(d) for o in (*low, *high) if (d := spoken_date(o.text)))]
        # no option the middle of two lying evenly about it (10 March, 15 March, 20 March):
        # drawn about the key, that middle would be the key more often than chance; when
        # no draw avoids it (a calendar full of other facts' dates), the first is kept
        # nor the key alone of its year (or month) where the others share theirs: three
        # dates of late 2020 beside a key of 2021 (:func:`datespan.lone_unit`); when no
        # draw avoids that, the fact is not offered as options
        curated = [d for o in (*low, *high) if (d := spoken_date(o.text)) is not None]
        first: list[FactDate] | None = None
        for _ in range(figures.ATTEMPTS):
            made = [
                d
                for direction, wanted in ((-1, more_below), (1, more_above))
                for d in datespan.pick(date, free[direction], wanted, rng, set(used))
            ]
            if datespan.lone_unit(date, [*curated, *made]) is not None:
                continue
            first = made if first is None else first
            if figures.evenly_about([*fixed, *map(datespan.unit, made)]) is None:
                break
        else:
            if first is None:
                return None
            made = first
        out = [*low, *high, *(Option(write_like(fact.answer, d), "synthetic") for d in made)]
        return out if len(out) == count else None

    def ranked_figures(
        self, fact: Fact, rng: Random, count: int, candidates: list[Option]
    ) -> list[Option] | None:
        """Up to ``count`` of ``candidates`` (curated figures: times, periods, ordinals, which
        nothing makes) for options shown in order, the key's rank drawn first and uniform;
        None when they cannot give the key every rank (all "06:00", "12:15", "03:45"
        before "21:30"). Candidates that are not figures of the key's frame are left out."""
        sides: dict[int, list[Option]] = {-1: [], 1: []}
        for option in candidates:
            side = side_of(fact.answer, option.text)
            if side is not None:
                sides[side].append(option)
        count = min(count, len(sides[-1]), len(sides[1]))
        if count < MIN_RANKED:
            return None
        drawn = figures.split(count, rng, sides[-1], sides[1], 0, 0)
        return None if drawn is None else [*drawn[0], *drawn[1]]

    def near_numbers(self, fact: Fact, rng: Random, need: int, taken: Taken) -> list[Option]:
        """Numbers of the key's magnitude on either side, written the way the key is
        (units, commas), for a false statement; none for a bound, which no figure on its
        own contradicts (:func:`quizgen.items.tf` turns the bound round instead)."""
        found = written_number(fact.answer)
        if found is None or number_bound(fact):
            return []
        key, _, _ = found
        used = {n for t in taken.texts if (w := written_number(t)) is not None for n in [w[0]]}
        given = figures_in(f"{fact.statement} {fact.question}")
        made = figures.any_wrong(key, need, rng, gap=number_gap(fact), exclude={*used, *given})
        return self._written(fact, made, taken)

    def number_options(self, fact: Fact, rng: Random, count: int) -> list[Option] | None:
        """``count`` wrong numbers for a multiple-choice item, the key's rank among them
        uniform (:func:`quizgen.items.figures.options`); None for a bound (every figure on
        its far side is true as well, so the key would always be the smallest) or a key
        with too little room below it for every rank."""
        found = written_number(fact.answer)
        if found is None or number_bound(fact):
            return None
        key = found[0]
        curated = [w[0] for t in fact.wrong_answers if (w := written_number(t)) is not None]
        given = figures_in(f"{fact.statement} {fact.question}")
        made = figures.options(key, count, rng, gap=number_gap(fact), fixed=curated, exclude=given)
        if made is None:
            return None
        taken = Taken(self)
        taken.add(fact.answer)
        out = self._written(fact, made, taken)
        return out if len(out) == count else None

    def _written(self, fact: Fact, values: list[int], taken: Taken) -> list[Option]:
        """``values`` written as the key is, each that is safe for the fact."""
        out: list[Option] = []
        for value in values:
            text = write_number_like(fact.answer, value)
            curated = any(folded(text) == folded(t) for t in fact.wrong_answers)
            if self.is_safe(fact, text, taken):
                out.append(Option(text, "curated" if curated else "synthetic"))
                taken.add(text)
        return out


def written_number(text: str) -> tuple[int, int, int] | None:
    """The first whole number written in digits in ``text`` (commas allowed), with where it
    starts and ends; None if there is none (or it has decimals)."""
    match = _NUMBER.search(text)
    if match is None or "." in match.group():
        return None
    return int(match.group().replace(",", "")), match.start(), match.end()


def write_number_like(answer: str, value: int) -> str:
    """``value`` in the place of the number written in ``answer``, in its style
    ("400 km" -> "250 km", "74,100" -> "61,300")."""
    found = written_number(answer)
    if found is None:
        return str(value)
    _, start, end = found
    shown = (
        f"{value:,}"
        if "," in answer[start:end] or (value >= 10_000 and "," in answer)
        else str(value)
    )
    return answer[:start] + shown + answer[end:]


def number_gap(fact: Fact) -> float:
    """How far apart number options must be: wider for a figure the text gives as approximate."""
    return figures.APPROXIMATE_GAP if approximate(fact) else figures.EXACT_GAP


class _ByAnswer(Mapping[str, Sequence[Fact]]):
    """:attr:`DistractorIndex.by_answer`: a name most facts alone answer keeps its fact
    alone, not in a list of one (at 100,000 facts, megabytes less for every quiz)."""

    __slots__ = ("_found",)

    def __init__(self, found: dict[str, Fact | list[Fact]]) -> None:
        self._found = found

    def get(self, name: str, default: Any = None) -> Any:
        found = self._found.get(name)
        if found is None:
            return default
        return found if type(found) is list else (found,)

    def __getitem__(self, name: str) -> Sequence[Fact]:
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found)

    def __len__(self) -> int:
        return len(self._found)


class _Pools(Mapping[_PoolKey, list[tuple[str, str, str]]]):
    """:attr:`DistractorIndex.pools` as a mapping, each pool made when looked up."""

    def __init__(self, index: DistractorIndex) -> None:
        self.index = index

    def __getitem__(self, key: _PoolKey) -> list[tuple[str, str, str]]:
        found = self.index.pool(key)
        if not found:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[_PoolKey]:
        self.index.pool((None, None, None))  # the members are known once one pool is made
        assert self.index._members is not None and self.index._entity_pools is not None
        keys = dict.fromkeys([*self.index._members, *self.index._entity_pools])
        return iter([k for k in keys if self.index.pool(k)])

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Dates(Mapping[Precision, set[int]]):
    """:attr:`DistractorIndex.dates` as a mapping, each precision's made when looked up."""

    def __init__(self, index: DistractorIndex) -> None:
        self.index = index

    def __getitem__(self, precision: Precision) -> set[int]:
        return self.index.dates_of(precision)

    def __iter__(self) -> Iterator[Precision]:
        return iter(p for p in Precision if self.index.dates_of(p))

    def __len__(self) -> int:
        return sum(1 for _ in self)


ERA_WORDS = 6
"""The longest registry name looked for in a statement (in words)."""


def _era(entities: Entities, fact: Fact, record: datespan.Interval) -> datespan.Interval:
    """``record`` narrowed to the periods of the registry things ``fact`` names (its
    statement and question) that hold its date (see :meth:`DistractorIndex.era`)."""
    if fact.date is None:
        return record
    first, last = interval(fact.date)
    lo, hi = record
    words = fold(f"{fact.statement} {fact.question}").split()
    seen: set[str] = set()
    known = entities.name_words()
    for i in range(len(words)):
        for size in range(1, min(ERA_WORDS, len(words) - i) + 1):
            if _unnamed(words[i + size - 1], size == 1, known):
                break  # no name holds this word: nor does any longer run from words[i]
            for found in entities.keyed(name_key(" ".join(words[i : i + size]))):
                thing = entities.get(found)
                if found in seen or thing is None or thing.period is None:
                    continue
                seen.add(found)
                start = thing.period.first_day().toordinal()
                end = record[1]
                if thing.period.end is not None:
                    end = thing.period.last_day(datetime.date.max).toordinal()
                # the date inside the thing's years, which are more than the date's own
                # span: a war of 1982 bounds nothing of "in which year ... 1982 invasion?"
                if start <= first and last <= end and (start, end) != (first, last):
                    lo, hi = max(lo, start), min(hi, end)
    return lo, hi


def _unnamed(word: str, first: bool, known: frozenset[str]) -> bool:
    """Whether a run of folded words holding ``word`` can be no registry name: the
    :func:`name_key` of the run keeps an ASCII word whole (it joins only one-letter
    words, and takes off only a leading article), so a word no name has rules out the
    run, and every longer run from the same start. A word it might change says nothing."""
    if not word.isascii() or word in known or (len(word) == 1 and "a" <= word <= "z"):
        return False
    return not (first and word in _ARTICLES)


_ARTICLES = frozenset(("the", "a", "an"))
