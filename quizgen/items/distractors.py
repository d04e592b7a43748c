"""Wrong answers that are plausible, of the key's kind, and never true.

Built once per fact base (:class:`DistractorIndex`) so that choosing options
for any one fact costs a few dictionary look-ups and random draws, whatever
the size of the base. Curated ``wrong_answers`` come first; then values other
facts give as answers, of the same kind and the same answer class (which the
fact file declares: governorates with governorates, never a river), preferring
the same topic; dates and numbers are made near the key instead, because a
real date of another event may well be true too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from random import Random

from quizgen.facts import DATE_KIND_PRECISION, POOLED_KINDS, AnswerKind, Entities, Fact
from quizgen.facts.bounds import number_bound
from quizgen.language import datespan
from quizgen.language.dates import FactDate, Precision, spoken_date, write_like
from quizgen.language.text import folded

_PoolKey = tuple[AnswerKind | None, str | None, str | None]
"""(answer kind, answer class or None, topic or None for the pool across topics); the kind
is None for the pools of entities, whose class says what they are."""
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
ATTEMPTS = 40
_LINK_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "for"})
RELATED_LIMIT = 64
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Option:
    """One option of an item and where it came from, so every item can be traced."""

    text: str
    origin: str  # "key", "curated", "fact:<id>", "entity:<id>" or "synthetic"


@lru_cache(maxsize=1 << 18)
def _content_words(folded_name: str) -> frozenset[str]:
    return frozenset(folded_name.split()) - _LINK_WORDS


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


class DistractorIndex:
    """Everything needed to choose wrong answers quickly for any fact of one base."""

    def __init__(self, facts: Iterable[Fact], entities: Entities | None = None) -> None:
        self.facts = list(facts)
        self.entities = entities or Entities()
        self.correct: dict[str, frozenset[str]] = {}
        self.by_answer: dict[str, list[Fact]] = defaultdict(list)
        # (kind, class[, topic]) -> [(answer, folded answer, origin)], one per distinct answer;
        # class None is the pool of the facts the file puts in no answer class.
        self.pools: dict[_PoolKey, list[tuple[str, str, str]]] = defaultdict(list)
        self.dates: dict[Precision, set[int]] = defaultdict(set)
        """Every fact's date, as units of its precision (see :func:`datespan.unit`)."""
        self.record = datespan.record_span(self.facts)
        self._folded_text: dict[str, str] = {}
        self.folded_answer: dict[str, str] = {}
        seen: set[tuple[_PoolKey, str]] = set()
        for fact in self.facts:
            right = correct_answers(fact)
            self.correct[fact.id] = right
            self.folded_answer[fact.id] = folded(fact.answer)
            for value in right:
                self.by_answer[value].append(fact)
            if fact.date is not None:
                self.dates[fact.date.precision].add(datespan.unit(fact.date))
            if fact.answer_kind in POOLED_KINDS:
                entity = self.entities.get(fact.entity)
                shown = fact.answer if entity is None else entity.name
                key = folded(shown)
                for pool in _pool_keys(fact):
                    if (pool, key) not in seen:
                        seen.add((pool, key))
                        self.pools[pool].append((shown, key, f"fact:{fact.id}"))
        first_fact = {f.entity: f.id for f in reversed(self.facts) if f.entity is not None}
        for entity in self.entities.all:  # those no fact answers are wrong answers to draw
            pool = (None, entity.answer_class, None)
            key = folded(entity.name)
            if (pool, key) not in seen:
                seen.add((pool, key))
                fid = first_fact.get(entity.id)
                origin = f"fact:{fid}" if fid else f"entity:{entity.id}"
                self.pools[pool].append((entity.name, key, origin))
        # A name answering very many facts is generic: its first RELATED_LIMIT decide
        # whether two names are one thing, so that check stays O(1) however large the base.
        ids: dict[str, set[str]] = {
            name: {f.id for f in facts[:RELATED_LIMIT]} for name, facts in self.by_answer.items()
        }
        for entity in self.entities.all:  # two names of one entity are one thing
            for name in entity.names:
                ids.setdefault(folded(name), set()).add(f"entity:{entity.id}")
        self._ids = {name: frozenset(found) for name, found in ids.items()}

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
        keys = self.correct[fact.id]
        # A name that answers very many facts is generic; looking at the first
        # RELATED_LIMIT of them keeps this O(1) however large the base grows.
        for other in self.by_answer.get(v, ())[:RELATED_LIMIT]:
            text = self.folded_text(other)
            if any(f" {k} " in text for k in keys if k):
                return False
            # another name of the same thing stands in the stem ('Al-Bukamal' beside
            # 'Abu Kamal'): the option would point at the stem's own subject
            if any(f" {name} " in own for name in self.correct[other.id] if name):
                return False
        return True

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
        return self._ids.get(name, _NONE)

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
        """Curated options are trusted to be plausible; they still may not be correct."""
        v = folded(text)
        return v not in self.correct[fact.id] and not taken.clashes(v)

    def drawn(self, fact: Fact, rng: Random, need: int, taken: Taken) -> list[Option]:
        out: list[Option] = []
        for pool_key in _pool_keys(fact):
            pool = self.pools.get(pool_key, [])
            tries = min(ATTEMPTS, 4 * len(pool))
            while len(out) < need and tries > 0 and pool:
                tries -= 1
                value, value_folded, origin = pool[rng.randrange(len(pool))]
                if self.is_safe(fact, value, taken, value_folded):
                    out.append(Option(value, origin))
                    taken.add(value, value_folded)
            if len(out) == need:
                break
        if len(out) < need:
            # Few candidates: walk the whole class pool once, in a seeded order.
            pool = list(self.pools.get(_pool_keys(fact)[1], []))
            rng.shuffle(pool)
            for value, value_folded, origin in pool:
                if len(out) == need:
                    break
                if self.is_safe(fact, value, taken, value_folded):
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
            known=self.dates[date.precision],
            refs=datespan.references(date, context),
            record=self.record,
        )
        return [Option(write_like(fact.answer, d), "synthetic") for d in made]

    def near_numbers(self, fact: Fact, rng: Random, need: int, taken: Taken) -> list[Option]:
        """Numbers of the key's magnitude, written the way the key is (units, commas)."""
        match = _NUMBER.search(fact.answer)
        if match is None:
            return []
        raw = match.group()
        value = float(raw.replace(",", ""))
        if value != int(value):
            return []
        n = int(value)
        grain = 10 ** (len(str(n)) - len(str(n).rstrip("0"))) if n >= 10 else 1
        grain = min(grain, max(1, n // 10))
        low, high = max(1, n // 2), max(n * 2, n + 6)
        bound = number_bound(fact)  # a bound makes every number on its far side true too
        if bound > 0:
            low = n + grain
        elif bound < 0:
            high = n - grain
        if low > high:
            return []
        out: list[Option] = []
        used = {n} | {
            int(float(m.group().replace(",", ""))) for t in taken.texts if (m := _NUMBER.search(t))
        }
        for _ in range(ATTEMPTS):
            if len(out) == need:
                break
            candidate = rng.randint(low // grain, high // grain) * grain
            if candidate <= 0 or candidate in used or (candidate - n) * bound < 0:
                continue
            used.add(candidate)
            shown = f"{candidate:,}" if "," in raw else str(candidate)
            text = fact.answer[: match.start()] + shown + fact.answer[match.end() :]
            if self.is_safe(fact, text, taken):
                out.append(Option(text, "synthetic"))
                taken.add(text)
        return out
