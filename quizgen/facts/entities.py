"""The named things a fact file speaks of, each once, with every name it goes by.

A fact's answer used to carry its own list of other names, so one thing was
graded differently in different facts ("Iran" right in one, wrong in the next)
and a name listed under one fact counted as "another real name" in the next
even when it named the same thing. An :class:`Entity` is declared once in the
file (its class, its name as shown, every other name); facts name it for their
answer and their wrong answers, and everything that grades, draws wrong answers
or checks an item asks the entity.

The *setting* (``country``, ``side``, ``period``) says where and when the thing
belongs, so that wrong options can share the key's setting: a Syrian town among
Syrian towns, a militia of the same camp, a war of the same era. ``within`` says
what larger thing it lies in or is part of, so that the grader knows a reply
adding it says something true ('Husaybah in Al Anbar').
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from quizgen.language.text import fold, name_key

_PERIOD = re.compile(
    r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:\s*[–-]\s*(?:(\d{4})(?:-(\d{2}))?|(present)))?"
)


@dataclass(frozen=True, slots=True)
class Period:
    """Years a thing existed or happened in, both ends included; ``end`` None: ongoing.
    Either end may name its month too ('2023-10–present'): a war begun in October 2023
    holds no date of May 2023, which whole years would let a wrong option take."""

    start: int
    end: int | None
    start_month: int | None = None
    end_month: int | None = None
    start_day: int | None = None
    """The day of ``start_month`` it began on, where the registry gives it ('2023-10-07'):
    a wrong date of 2 October 2023 for an attack 'during the Gaza war' is ruled out."""

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2014', '2014–2019' (a hyphen will do), '2011–present', or with months:
        '2023-10–present', '2023-10–2024-02', and a first day: '2023-10-07–present';
        ValueError otherwise."""
        match = _PERIOD.fullmatch(text.strip())
        if match is None:
            raise ValueError("write it as YYYY, YYYY–YYYY or YYYY–present (YYYY-MM for a month)")
        first, first_month, first_day, last, last_month, present = match.groups()
        start = int(first)
        end = None if present else int(last) if last else start
        start_month = int(first_month) if first_month else None
        end_month = int(last_month) if last_month else None
        if not last and not present:
            end_month = start_month  # one year, or one month of it
        for month in (start_month, end_month):
            if month is not None and not 1 <= month <= 12:
                raise ValueError(f"{month:02d} is no month")
        if end is not None and (end, end_month or 12) < (start, start_month or 1):
            raise ValueError(f"it ends ({end}) before it starts ({start})")
        day = int(first_day) if first_day else None
        if day is not None:
            assert start_month is not None  # the pattern takes a day only after a month
            datetime.date(start, start_month, day)  # ValueError for a day the month lacks
            if not last and not present:
                raise ValueError("a period of one day: write its last year too, or present")
        return cls(start, end, start_month, end_month, day)

    def holds(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)

    def first_day(self) -> datetime.date:
        return datetime.date(self.start, self.start_month or 1, self.start_day or 1)

    def last_day(self, ongoing: datetime.date) -> datetime.date:
        """Its last day (``ongoing`` if it has no end)."""
        if self.end is None:
            return ongoing
        if self.end_month is None:
            return datetime.date(self.end, 12, 31)
        following = datetime.date(self.end + self.end_month // 12, self.end_month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    def __str__(self) -> str:
        def said(year: int, month: int | None) -> str:
            return str(year) if month is None else f"{year}-{month:02d}"

        start = said(self.start, self.start_month)
        if self.start_day is not None:
            start += f"-{self.start_day:02d}"
        if self.end == self.start and self.end_month == self.start_month and not self.start_day:
            return start
        end = "present" if self.end is None else said(self.end, self.end_month)
        return f"{start}–{end}"


@dataclass(frozen=True, slots=True)
class Entity:
    """One named thing: its id, answer class, the name shown, and every other name."""

    id: str
    answer_class: str
    """An id under the file's ``answer_classes``: wrong answers are drawn by it."""
    name: str
    """The name as shown (options, feedback), unless a fact writes another of its names."""
    aliases: tuple[str, ...] = ()
    """Every other name: official, short, abbreviations, spellings, an accepted demonym."""
    country: str | None = None
    """The id of the entity (a country) it belongs to, if any."""
    side: str | None = None
    """A free id the file uses consistently, such as the camp it stands in in a conflict."""
    period: Period | None = None
    demonym: str | None = None
    """The adjective for it ('Syrian' for Syria): 'the desert of Syria' is 'the Syrian Desert'.
    Not a name it answers to unless its aliases list it too."""
    line: int = 0
    within: tuple[str, ...] = ()
    """Ids of the entities it lies in or is part of (a town's governorate, a force's parent
    organisation): a reply may add one ('Husaybah in Al Anbar', 'Quds Force (IRGC)')."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "class": self.answer_class, "name": self.name}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        for key in ("country", "side"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.period is not None:
            out["period"] = str(self.period)
        if self.demonym is not None:
            out["demonym"] = self.demonym
        if self.within:
            out["within"] = list(self.within)
        return out


class Entities:
    """The file's entities, looked up by id and by any name (compared as :func:`name_key`).

    A name may stand for several entities only where the file declares it
    ambiguous ("American" for the country and for its forces); such a name is
    right for each of them and wrong for every other.
    """

    __slots__ = ("_by_id", "_by_name", "_marks", "_words", "all", "ambiguous")

    def __init__(self, entities: Iterable[Entity] = (), ambiguous: Iterable[str] = ()) -> None:
        self.all = tuple(entities)
        self.ambiguous = tuple(ambiguous)
        self._by_id = {e.id: e for e in self.all}
        by_name: dict[str, list[str]] = {}
        for e in self.all:
            for n in e.names:
                ids = by_name.setdefault(name_key(n), [])
                if e.id not in ids:
                    ids.append(e.id)
        self._by_name = {k: tuple(v) for k, v in by_name.items()}
        self._marks: dict[str, tuple[str, ...]] | None = None
        self._words: frozenset[str] | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entities):
            return NotImplemented
        return (self.all, self.ambiguous) == (other.all, other.ambiguous)

    def __hash__(self) -> int:
        return hash((self.all, self.ambiguous))

    def __repr__(self) -> str:
        return f"Entities({len(self.all)} entities)"

    def __bool__(self) -> bool:
        return bool(self.all)

    def __len__(self) -> int:
        return len(self.all)

    def get(self, entity_id: str | None) -> Entity | None:
        return None if entity_id is None else self._by_id.get(entity_id)

    def __getitem__(self, entity_id: str) -> Entity:
        return self._by_id[entity_id]

    def named(self, text: str) -> tuple[str, ...]:
        """Ids of the entities ``text`` is a name of (compared as :func:`name_key`)."""
        return self._by_name.get(name_key(text), ())

    def keyed(self, key: str) -> tuple[str, ...]:
        """Ids of the entities with a name whose :func:`name_key` is ``key``."""
        return self._by_name.get(key, ())

    def name_keys(self) -> Iterable[str]:
        """Every name's key."""
        return self._by_name.keys()

    def marks(self, country: str) -> tuple[str, ...]:
        """What says a thing is in ``country`` (folded): its demonym, and every name of a
        thing in it (by ``country``, or lying ``within`` one that is).

        Beside a place, one of them tells which country it is in: "how far northwest
        of Baghdad is Al-Qa'im?" tells a learner who knows nothing of Al-Qa'im that it
        is in Iraq. Worked out for every country at the first call, and kept."""
        if self._marks is None:
            self._marks = self._country_marks()
        return self._marks.get(country, ())

    def name_words(self) -> frozenset[str]:
        """Every word of every name (folded): words that say where or who, not what
        happened ('syria', 'united', 'states'). Worked out at the first call, and kept."""
        if self._words is None:
            self._words = frozenset(w for k in self._by_name for w in k.split())
        return self._words

    def home(self, entity: Entity) -> str | None:
        """The country ``entity`` is in: its own ``country``, else that of what it lies in."""
        seen: set[str] = set()
        todo = [entity]
        while todo:
            e = todo.pop()
            if e.country is not None:
                return e.country
            seen.add(e.id)
            todo += [w for i in e.within if i not in seen and (w := self._by_id.get(i))]
        return None

    def lies_in(self, entity: Entity, other: str) -> bool:
        """Whether ``entity`` lies in or is part of the entity ``other`` (by ``within``, at
        any depth): the Quds Force in the IRGC, a town in its governorate."""
        seen: set[str] = set()
        todo = list(entity.within)
        while todo:
            i = todo.pop()
            if i == other:
                return True
            if i not in seen and (e := self._by_id.get(i)) is not None:
                seen.add(i)
                todo += e.within
        return False

    def _country_marks(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = {}
        for e in self.all:
            if e.demonym:
                out.setdefault(e.id, []).append(fold(e.demonym))
            home = self.home(e)
            if home is not None:
                out.setdefault(home, []).extend(fold(n) for n in e.names)
        return {k: tuple(dict.fromkeys(n for n in v if n)) for k, v in out.items()}

    def resolve(self, text: str) -> Entity | None:
        """The entity ``text`` names: its id, or a name of exactly one entity; else None."""
        by_id = self._by_id.get(text)
        if by_id is not None:
            return by_id
        ids = self.named(text)
        return self._by_id[ids[0]] if len(ids) == 1 else None
