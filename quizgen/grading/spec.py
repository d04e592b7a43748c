"""What a grader needs to know about one asked item, worked out once: its :class:`Spec`.

Everything a teacher would derive from the key is derived here, in Python, once
per item: every name of the key's entity and the forms a name takes (word order,
"X of Syria" for "Syrian X", the generic head dropped or changed), the country a
qualifier may name, the years a bracket may give, the date or number and unit the
reply must give, and what the prompt already shows. The verdict
(:mod:`quizgen.grading.verdict`, and its twin in the study page's JavaScript)
then only reads the reply and compares: the two graders share this data, not
two copies of the rules that make it.

The :class:`World` is the same for every item of a fact base: which thing each
known name (and each name's core) stands for, so that a reply naming another
thing is wrong however close it looks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from quizgen.facts import DATE_KIND_PRECISION, POOLED_KINDS, AnswerKind, Entities, Entity, Fact
from quizgen.grading.lexicon import lexicon
from quizgen.grading.reading import Number, key, name_words, number_tokens, plain, split_heads
from quizgen.language.dates import FactDate, parse_loose, spoken_date

_DASHED = re.compile(r"([^\W\d_][\w']*)\s*[–—-]\s*([^\W\d_][\w']*)")
_SIDES = re.compile(r"(?:the\s+)?([^\W\d_][\w']*)\s*[–—-]\s*([^\W\d_][\w']*)\s+([^\W\d_]+)", re.I)
"""A name of a war (or the like) by its two sides: 'Iran–Iraq War', 'Israel–Hezbollah war'."""
_DECADE = re.compile(r"\b(\d{3})0'?s\b")
_SPAN = re.compile(r"\b(\d{4})\s*(?:[–—-]|to|until)\s*(\d{2}|\d{4})\b")
_YEAR = re.compile(r"\b(\d{4})\b")
_CASED = re.compile(r"[A-Z]\.?[A-Z]\.?")
_HOW_MANY = re.compile(r"\bhow many ([^\W\d_]+)")
HEAD_GROUPS_BY_KIND: dict[AnswerKind, tuple[str, ...]] = {
    AnswerKind.ORGANIZATION: ("group", "force", "brigade", "source", "media", "company"),
    AnswerKind.PLACE: (
        "town",
        "province",
        "region",
        "district",
        "river",
        "desert",
        "crossing",
        "road",
        "airport",
        "camp",
    ),
    AnswerKind.EVENT: ("war", "operation"),
}
"""Heads a reply may add to a name that has none ('the Hamas movement'), by answer kind."""
GROUP = "group"
"""The head group of a group's own heads, and of what its people are called ('fighters')."""
FORCE = "force"
"""The head group of a state's forces ('army', 'troops'): asked for, the state names them."""


PAGE_WORLD = ("owners", "core_owners", "countries", "demonyms")
"""The :class:`World` fields the study page's grader looks names up in."""


@dataclass(slots=True)
class World:
    """Which thing each known name stands for: ``owners[key]`` are the entity ids (or
    ``fact:ID`` for a fact without entities, ``name`` for a bare wrong answer)."""

    owners: dict[str, list[str]] = field(default_factory=dict)
    core_owners: dict[str, list[list[str | None]]] = field(default_factory=dict)
    """A name's core ('quds' of 'Quds Force') -> [[owner, its head's group], ...]."""
    countries: dict[str, str] = field(default_factory=dict)
    """Every country's name key -> the country entity's id."""
    demonyms: dict[str, str] = field(default_factory=dict)
    """A demonym's key ('syrian') -> its country's name key ('syria')."""
    about: dict[str, set[str]] = field(default_factory=dict)
    """An entity id -> the words the statements of its facts say of it ('Iraqi', 'Shia',
    'paramilitary'): what a reply may add about it ('Kata'ib Hezbollah (Iraqi Shia
    militia)')."""
    parents: dict[str, list[str]] = field(default_factory=dict)
    """An entity id -> every entity it lies in or is part of (its ``within``, theirs, and
    its country): what a reply may add to a name and still say only what is true."""
    near: dict[str, set[str]] = field(default_factory=dict)
    """An entity id -> the entities a statement names with it ('The Al-Qa'im border crossing
    near Abu Kamal leads to the town of Husaybah'): the places a crossing or road may be
    said to lead to."""
    within: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """An entity id -> the places it lies in, as the file says (its ``within``, not its
    country): the Kirkuk airbase lies in Kirkuk; the Syrian army is Syria's, not in it."""
    parts: dict[str, set[str]] = field(default_factory=dict)
    """An entity id -> the entities within it, followed down (their ``within``): what a
    reply may name with it ('IRGC Quds Force')."""
    dated: dict[str, list[int]] = field(default_factory=dict)
    """A reference's id -> the years of the dated facts citing it: the years of the events
    it tells of, where a fact of it gives no date ('Jordan (2019)' is another year)."""
    siblings: dict[str, list[str]] = field(default_factory=dict)
    """A fact id -> the statements of the other facts of its event (its date and first
    reference): the figures they give ('13 injured') a reply may give beside the key."""
    years: list[int] = field(default_factory=list)
    """[first, last] year the fact base speaks of (its facts' dates, its entities' periods):
    whether a two-digit year could mean a year a century after the key's."""

    def add(self, text: str, owner: str) -> None:
        k = key(text)
        if not k:
            return
        owners = self.owners.setdefault(k, [])
        if owner not in owners:
            owners.append(owner)
        core, heads = split_heads(name_words(text))
        if heads and core:
            groups = {lexicon().head_group[h] for h in heads}
            entry: list[str | None] = [owner, groups.pop() if len(groups) == 1 else None]
            core_owners = self.core_owners.setdefault(" ".join(core), [])
            if entry not in core_owners:
                core_owners.append(entry)

    def to_json(self) -> dict[str, Any]:
        """What the study page's grader (``grading.js``) reads of the world: the rest
        (``about``, ``parents``, ``near``, ``within``, ``parts``, ``dated``, ``years``) is
        folded into each item's :class:`Spec` in Python, so it is not shipped again."""
        return {k: getattr(self, k) for k in PAGE_WORLD}


def world(facts: Iterable[Fact], entities: Entities) -> World:
    """The :class:`World` of a fact base: every entity's names, and every name a fact
    gives (its answer, aliases, wrong answers), owned by its entity where it has one."""
    w = World()
    named_countries = {e.country for e in entities.all if e.country is not None}
    for e in entities.all:
        for n in e.names:
            w.add(n, e.id)
        if e.id in named_countries:  # a country is what other entities name as theirs
            for n in e.names:
                w.countries[key(n)] = e.id
        if e.demonym is not None:
            w.demonyms[key(e.demonym)] = key(e.name)
    for e in entities.all:
        w.parents[e.id] = _parents(e.id, entities)
        w.within[e.id] = tuple(e.within)
    for child in w.within:
        todo, seen = list(w.within[child]), set()
        while todo:
            parent = todo.pop()
            if parent not in seen and parent != child:
                seen.add(parent)
                w.parts.setdefault(parent, set()).add(child)
                todo += w.within.get(parent, ())
    _gather_about(w, facts, entities)
    years = [f.date.year for f in facts if f.date is not None]
    events: dict[tuple[object, ...], list[Fact]] = {}
    for f in facts:
        if f.date is not None and f.source:
            date = (f.date.year, f.date.month, f.date.day)
            events.setdefault((*date, str(f.source[0])), []).append(f)
    for same in events.values():
        for f in same:
            w.siblings[f.id] = [g.statement for g in same if g is not f]
    for f in facts:
        if f.date is not None and f.source:
            w.dated.setdefault(str(f.source[0]), []).append(f.date.year)
    for e in entities.all:
        if e.period is not None:
            years += [e.period.start, *([e.period.end] if e.period.end else [])]
    w.years = [min(years), max(years)] if years else []
    for f in facts:
        owner = f.entity or f"fact:{f.id}"
        for text in (f.answer, *f.aliases, *f.shown_names):
            w.add(text, owner)
        for text, named in zip(
            f.wrong_answers, (*f.wrong_entities, *[None] * len(f.wrong_answers)), strict=False
        ):
            if named is not None:
                w.add(text, named)
            elif key(text) not in w.owners:
                w.add(text, "name")
    return w


def _parents(entity_id: str, entities: Entities) -> list[str]:
    """Every entity ``entity_id`` lies in or is part of, nearest first (cycles cut)."""
    out: list[str] = []
    todo = [entity_id]
    while todo:
        e = entities.get(todo.pop(0))
        if e is None:
            continue
        for p in (*e.within, *([e.country] if e.country is not None else [])):
            if p not in out and p != entity_id:
                out.append(p)
                todo.append(p)
    return out


def _gather_about(w: World, facts: Iterable[Fact], entities: Entities) -> None:
    """:attr:`World.about`: each entity's words, from every statement that names it: the
    words within :data:`ABOUT_WINDOW` of the name ('an Iraqi Shia paramilitary group')."""
    starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}  # first word -> (name, id)
    for e in entities.all:
        for n in e.names:
            k = key(n)
            if len(k) > 3:  # 'IS', 'US' are words too: a statement naming them says so otherwise
                words = tuple(k.split())
                starts.setdefault(words[0], []).append((words, e.id))
    for f in facts:
        said = key(f.statement).split()
        found: list[tuple[int, int, str]] = []  # (start, end, id) of each name it says
        for i, first in enumerate(said):
            for name, ident in starts.get(first, ()):
                if tuple(said[i : i + len(name)]) == name:
                    near = said[max(0, i - ABOUT_WINDOW) : i + len(name) + ABOUT_WINDOW]
                    w.about.setdefault(ident, set()).update(near)
                    found.append((i, i + len(name), ident))
        for start, end, ident in found:  # not a name inside its own ('Al-Qa'im' crossing)
            w.near.setdefault(ident, set()).update(
                other for s, e, other in found if other != ident and (s >= end or e <= start)
            )


ABOUT_WINDOW = 6
"""Words either side of a name in a statement that may say what the thing is."""


@dataclass(slots=True)
class Spec:
    """One item's key, as the verdict compares a reply with it (JSON-ready)."""

    kind: str
    """'name', 'number', 'date', 'period' or 'text'."""
    answer: str
    names: list[str] = field(default_factory=list)
    cores: dict[str, list[str | None]] = field(default_factory=dict)
    solid: list[str] = field(default_factory=list)
    """The key's names with a joined article kept and no spaces ('deirezzorgovernorate'),
    where that differs from a name run together: a reply running a name's words together
    ('Deir Ezzor Governorate') is the name."""
    bare: list[str] = field(default_factory=list)
    """Cores that may stand alone, with no head: those of the thing's full names."""
    groups: list[str] = field(default_factory=list)
    ends: list[str] = field(default_factory=list)
    """Names of the places a crossing or road key leads to, per the file's statements."""
    asked: list[str] = field(default_factory=list)
    """Head groups of the key's own names that the prompt names ("Which border crossing"):
    the name's core alone then answers it, though another kind of thing shares it."""
    person: bool = False
    country: bool = False
    """A country: its government or state is the country ('the Israeli government')."""
    place: bool = False
    """A place or country: a direction may go with it ('eastern Syria')."""
    related: list[str] = field(default_factory=list)
    """Entities the key lies in or is part of, and those that lie in it or are part of it:
    a reply may name one beside the key ('Husaybah in Al Anbar', 'Syria (Deir ez-Zor)')."""
    describe: list[str] = field(default_factory=list)
    """Words that describe the key (its class, its side, what the file says of it, its
    country's demonym): a bracket or an appositive of them, with words of the prompt and
    generic heads of its kind, is no other answer ('the jihadist group')."""
    own: list[str] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    """Words of the key written in capitals ('IRGC'): no typo is forgiven in them."""
    cased: list[str] = field(default_factory=list)
    """Names of two capitals ('IS', 'US'): a reply must write them so, not the word 'is'."""
    context: list[str] = field(default_factory=list)
    prompt_words: list[str] = field(default_factory=list)
    """The prompt's common words (written in lower case): a reply naming another thing
    may still be the key with one of them beside it ('Kirkuk airbase')."""
    countries: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    """Keys of the demonyms of those countries: 'the Iranian hostage crisis'."""
    """Keys of the countries a qualifier may name ('Hama, Syria'); empty: any country."""
    years: list[int] = field(default_factory=list)
    """[first, last] year a bracketed year may give (last 0: ongoing): the key's period, its
    fact's date, or the years its statement says; empty: none known (any year)."""
    numbers: list[list[Any]] = field(default_factory=list)
    """[[value, unit or None], ...]: the answer's number first, then its aliases'."""
    bounds: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)
    """Bounds a reply may put on a near value ('over 74,000' for about 74,100)."""
    """Nouns the fact counts with another number ('two children'): never the key's."""
    count_groups: list[int] = field(default_factory=list)
    foreign_groups: list[int] = field(default_factory=list)
    """Count groups the fact counts with another number, or in another clause ('and 55
    wounded'): '25 wounded' is not the 25 killed, though the prompt says 'wounded'."""
    persons: bool = True
    """The key counts people (or nothing known): 'people' after it says no more."""
    figures: list[list[Any]] = field(default_factory=list)
    """[[value, count group], ...]: the other figures the fact's statement gives of its
    event ('and wounded 55 more'): a reply may give one beside the key, never another value."""
    date: list[int] = field(default_factory=list)
    """[year, month, day] (0 for a part not given)."""
    year_given: bool = False
    month_asked: bool = False
    qualifier: str = ""
    short_year: bool = False
    """A bare two-digit year ('79') is the key's year: see :func:`_short_year`."""
    preps: list[str] = field(default_factory=list)
    """Prepositions a place reply may start with, as they fit the question: 'near Kirkuk'
    where it asks where, 'in Iraq' where it asks "of which country"."""
    said: list[str] = field(default_factory=list)
    """The prompt's and the fact's statement's words (keys): a clause after a number that
    says them again restates the fact ('4, including two children')."""
    parts: list[str] = field(default_factory=list)
    """Names of the key's parts (their ``within`` leads to it) that name it too: 'IRGC Quds
    Force' says the IRGC."""
    span: list[int] = field(default_factory=list)
    decade: int = 0

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def _variants(text: str, w: World) -> list[str]:
    """The forms of one name a teacher reads as the same: the name, its two halves swapped
    ('Iraq–Iran War'), 'Y X' for 'X of Y' ('Resistance Axis'), 'X of Syria' or 'X in
    Syria' for 'Syrian X' (and back), 'H of X' and 'River X' for 'X River'."""
    out = [key(text)]
    sides = _SIDES.fullmatch(text)
    if sides is not None and lexicon().head_group.get(sides.group(3).lower()) == "war":
        x, y, war = sides.groups()  # 'the war between Iran and Iraq', either way round
        out += [key(f"{war} between {x} and {y}"), key(f"{war} between {y} and {x}")]
    swapped = _DASHED.sub(lambda m: f"{m.group(2)}–{m.group(1)}", text, count=1)
    if swapped != text:
        out.append(key(swapped))
    for base in list(out):
        words = base.split()
        for link in ("of", "in"):
            if link in words[1:-1]:
                i = words.index(link)
                x, y = words[:i], words[i + 1 :]
                out.append(" ".join(y + x))
                country = " ".join(y)
                demonym = next((d for d, c in w.demonyms.items() if c == country), None)
                if demonym is not None:
                    out.append(" ".join([demonym, *x]))
        if len(words) > 1 and words[0] in w.demonyms:
            rest = " ".join(words[1:])
            out += [f"{rest} of {w.demonyms[words[0]]}", f"{rest} in {w.demonyms[words[0]]}"]
        core, heads = split_heads(words)
        if core and len(heads) == 1 and words[-1] == heads[0]:
            out.append(" ".join([heads[0], "of", *core]))
            if heads[0] in lexicon().head_first:
                out.append(" ".join([heads[0], *core]))
    return list(dict.fromkeys(o for o in out if o))


def _name_spec(
    spec: Spec, targets: Sequence[str], entity: Entity | None, w: World, kind: AnswerKind | None
) -> None:
    names: list[str] = []
    for t in targets:
        names += _variants(t, w)
    # A demonym that names the key names it in the plural too ('Israelis' where 'Israeli'
    # is the Israeli Air Force's); a country's own demonym names it where a country is
    # asked ('Syria, Iraq and Jordanian'): it names no other thing.
    if kind is AnswerKind.COUNTRY and entity is not None and entity.demonym is not None:
        names.append(key(entity.demonym))
    for n in list(names):
        country = w.demonyms.get(n)  # 'Israeli(s)', 'Jordanian(s)', not 'Lebanese'
        others = set(w.owners.get(f"{n}s", ())) - {w.countries.get(country or ""), *spec.own}
        if country is not None and n.endswith(("i", "n")) and not others:
            names.append(f"{n}s")
    spec.names = list(dict.fromkeys(names))
    joined = {n.replace(" ", "") for n in spec.names}
    kept = {"".join(name_words(t, articles=True)) for t in targets}
    spec.solid = sorted(kept - joined)
    # A head may be added to a name that has none ('the Hamas movement') only where that
    # name is the thing's own (its answer or entity name), not a short alias: 'Israeli'
    # for the Israeli Air Force must not make 'Israeli Army' right.
    full = {key(t) for t in targets[:1]} | ({key(entity.name)} if entity is not None else set())
    full_texts = [*targets[:1], *([entity.name] if entity is not None else [])]
    spec.acronyms = sorted(
        {w.lower() for t in targets for w in re.findall(r"\b[A-Z]{2,6}\b", t.replace(".", ""))}
    )
    spec.cased = sorted({t.replace(".", "").lower() for t in targets if _CASED.fullmatch(t)})
    # A thing all of whose names are the key's is the key, or what its people are called
    # ('Islamic State fighters'): its cores are no other thing's.
    names_of: dict[str, set[str]] = {}
    for k, owners in w.owners.items():
        for owner in owners:
            names_of.setdefault(owner, set()).add(k)
    known = set(spec.names)
    spec.own += [
        o for o, ks in names_of.items() if o != "name" and o not in spec.own and ks <= known
    ]
    if entity is not None and kind in (AnswerKind.PLACE, AnswerKind.COUNTRY):
        children, asks_kind = _asked_within(entity, w, names_of, spec)
        for child in children:
            theirs = names_of[child] - set(spec.names)
            if asks_kind:  # 'the Iraqi city of _____': 'Kirkuk airbase', never 'K-1'
                theirs = {n for n in theirs if any(_holds(n, o) for o in spec.names)}
            else:
                spec.own.append(child)
            spec.names += sorted(theirs)
    # A core alone ('Quds' for 'Quds Force') only of the thing's own full name: a core
    # of a shortened name is a common word ('democracy' of 'democracy movement').
    whole = {v for t in full_texts for v in _variants(t, w)}
    for n in spec.names:
        core, heads = split_heads(n.split())
        if not core or (not heads and n not in full):
            continue
        if n in whole and " ".join(core) not in spec.bare:
            spec.bare.append(" ".join(core))
        group = (
            None if not heads else (lexicon().head_group.get(heads[0]) if len(heads) == 1 else "")
        )
        groups = spec.cores.setdefault(" ".join(core), [])
        if group not in groups:
            groups.append(group)
    # A name without the generic head a transliteration starts it with ('Sayyid al-Shuhada'
    # of Kata'ib Sayyid al-Shuhada) stands alone, as a full name's core does.
    for n in list(spec.names):
        first, *rest = n.split()
        if first in lexicon().native_heads and len(rest) > 0:
            spec.cores.setdefault(" ".join(rest), [None])
            if " ".join(rest) not in spec.bare:
                spec.bare.append(" ".join(rest))
    # A name without its head where the prompt asks for a thing of that head ('Al-Qa'im' for
    # "Which border crossing...?"), though the town is so called too.
    said = spec.prompt_words
    named = {g for h, g in lexicon().head_group.items() if all(x in said for x in h.split())}
    spec.asked = sorted(g for g in named if any(g in gs for gs in spec.cores.values()))
    # A crossing or road with where it leads, as the file says ('Al-Qa'im crossing to
    # Husaybah', 'the Al-Qa'im–Abu Kamal crossing').
    if entity is not None and any({"crossing", "road"} & set(gs) for gs in spec.cores.values()):
        ends = w.near.get(entity.id, set()) - set(w.parents.get(entity.id, ()))
        spec.ends = sorted(k for k, owners in w.owners.items() if ends & set(owners))
    # A group whose people one of its names calls so ('ISIS fighters') is a group by every
    # name: 'ISIL militants', 'Daesh fighters'.
    members = [g for g in spec.cores.values() if GROUP in g]
    if members and kind is AnswerKind.ORGANIZATION:
        for n in spec.names:
            if not split_heads(n.split())[1]:
                groups = spec.cores.setdefault(n, [])
                if GROUP not in groups:
                    groups.append(GROUP)
    spec.groups = list(HEAD_GROUPS_BY_KIND.get(kind, ())) if kind is not None else []
    if entity is not None and kind not in (AnswerKind.PLACE, AnswerKind.COUNTRY):
        spec.parts = _parts(entity.id, w, names_of, spec.names)
    spec.person = kind is AnswerKind.PERSON
    spec.place = kind in (AnswerKind.PLACE, AnswerKind.COUNTRY)
    spec.country = kind is AnswerKind.COUNTRY
    spec.describe = sorted(_entity_words(entity) | _about(entity, w))
    if entity is not None:
        ids = {entity.id, *(o for o in spec.own if not o.startswith("fact:") and o != "name")}
        related = {p for i in ids for p in w.parents.get(i, ())}
        related |= {i for i, ps in w.parents.items() if ids & set(ps)}
        spec.related = sorted(related - ids)
    if entity is not None and entity.country is not None:
        spec.countries = [k for k, c in w.countries.items() if c == entity.country]
        spec.demonyms = sorted(d for d, c in w.demonyms.items() if c in spec.countries)
        spec.describe = sorted({*spec.describe, *spec.demonyms})  # 'Hezbollah (Lebanese group)'
    if entity is not None and entity.period is not None:
        spec.years = [entity.period.start, entity.period.end or 0]


def _parts(
    entity_id: str, w: World, names_of: dict[str, set[str]], names: Sequence[str]
) -> list[str]:
    """Names of the things that are part of ``entity_id`` (their ``within``, followed up,
    leads to it) which name it as well, by a name that is its alone: 'IRGC Quds Force',
    'Quds Force of the IRGC' say the IRGC; 'Quds Force' alone names only the part, and
    "Iran's Revolutionary Guards" says Iran, not the Iranian armed forces (though an item
    may accept 'Iran' for them)."""
    own = [n.split() for n in names if set(w.owners.get(n, ())) <= {entity_id}]
    out: set[str] = set()
    for child in w.parts.get(entity_id, ()):
        for n in names_of.get(child, ()):
            words = n.split()
            if any(words[i : i + len(o)] == o for o in own for i in range(len(words) - len(o) + 1)):
                out.add(n)
    return sorted(out)


_WHERE = re.compile(r"\b(in|near|at|of|within|inside)\s+(?:which|what)\b")
PLACE_PREPOSITIONS = ("in", "near", "at")
"""What may come before a place a reply names, where the question asks where: 'in' for any
place ('in Iraq'), 'near' and 'at' for a place that is no country ('near Kirkuk')."""


def _prepositions(prompt: str, country: bool) -> list[str]:
    """The prepositions a place reply may start with in answer to ``prompt``: the one its
    question asks with ('Near which town': 'near Abu Kamal'; 'of which country': 'in Iraq'),
    or, where it asks "where", 'in' (and 'near', 'at' for a place that is no country)."""
    text = plain(prompt)
    asked = _WHERE.search(text)
    if asked is not None:
        prep = asked.group(1)
        return sorted({"in", prep} if prep in ("in", "of", "within", "inside") else {prep})
    if re.search(r"\bwhere\b", text):
        return ["in"] if country else list(PLACE_PREPOSITIONS)
    return []


def _holds(name: str, own: str) -> bool:
    """Whether the name key ``name`` says the name key ``own`` word for word."""
    return f" {own} " in f" {name} "


def _asked_within(
    entity: Entity, w: World, names_of: dict[str, set[str]], spec: Spec
) -> tuple[list[str], bool]:
    """Things lying in a place key, named after it, that the prompt speaks of by the rest of
    their name ('an airbase at _____' for Kirkuk: the Kirkuk airbase, 'K-1 Air Base'): a
    reply naming one says where, so their names are the key's in this item; and whether the
    prompt names the key's own kind ('city'), when only their names holding the key's say
    where."""
    own = set(spec.names)
    lex = lexicon()
    kind = lex.head_group.get(entity.answer_class.replace("-", " "))
    # where the prompt asks for the key's own kind ('the Iraqi city of _____'), a name of the
    # thing in it says where only if it holds the key's name: 'Kirkuk airbase', not 'K-1'
    asks_kind = kind is not None and any(lex.head_group.get(x) == kind for x in spec.prompt_words)
    out = []
    for child, parents in w.within.items():
        if entity.id not in parents or child in spec.own:
            continue
        for n in names_of.get(child, ()):
            words = n.split()
            for o in own:
                size = len(o.split())
                at = next((i for i in range(len(words)) if words[i : i + size] == o.split()), None)
                rest = [] if at is None else words[:at] + words[at + size :]
                if rest and all(x in spec.prompt_words for x in rest):
                    out.append(child)
    return sorted(set(out)), asks_kind


def _about(entity: Entity | None, w: World) -> set[str]:
    """The words the fact file says of ``entity`` (:attr:`World.about`), less those that
    would say something else: a name of another thing, a number, a negation."""
    if entity is None:
        return set()
    lex = lexicon()
    return {
        x
        for x in w.about.get(entity.id, ())
        if not x.isdigit()
        and x not in lex.negations
        and x not in ("and", "or")
        and (x not in w.owners or entity.id in w.owners[x])
    }


def _entity_words(entity: Entity | None) -> set[str]:
    """Words of what the file says an entity is: its class and its side ('militia',
    'jihadist'), which a reply may add about it ('Islamic State, the jihadist group')."""
    if entity is None:
        return set()
    texts = [entity.answer_class, entity.side or ""]
    return {w for t in texts for w in name_words(t.replace("-", " ")) if len(w) > 2}


def _number_spec(
    spec: Spec,
    targets: Sequence[str],
    prompt: str,
    texts: Sequence[str],
    siblings: Sequence[str] = (),
) -> None:
    lex = lexicon()
    own: set[str] = set()  # the key's counted nouns: its answers' and the question's
    for t in targets:
        tokens = number_tokens(t)
        found = [x for x in tokens if isinstance(x, Number)]
        if len(found) == 1:
            spec.numbers.append([found[0].value, found[0].unit])
        own.update(x for x in tokens if isinstance(x, str))
    for text in (prompt, *texts):
        own.update(m.group(1) for m in _HOW_MANY.finditer(plain(text)))
    # A noun the fact counts with another number ('including two children') counts
    # something else: 'four children' is not the key, though its words are the fact's.
    keys = {v for v, _ in spec.numbers}
    foreign: set[str] = set()
    for text in (prompt, *texts):
        tokens = number_tokens(text)
        for token, after in pairwise(tokens):
            if isinstance(token, Number) and token.value not in keys and isinstance(after, str):
                foreign.add(after)
    folded = f" {' '.join(number_tokens_words(prompt))} "
    said = [b for b in lex.bounds if f" {b} " in folded]
    spec.bounds = [b for b in lex.bounds if any(b in lex.bound_group.get(x, (x,)) for x in said)]
    groups = {lex.count_group[w] for w in folded.split() if w in lex.count_group}
    if any(_armed_members(text) for text in (prompt, *texts)):
        groups.add(lex.armed_group)  # 'four members of the X faction': '4 fighters'
    own_groups, foreign_groups = _count_neighbours(texts[:1], keys)
    spec.foreign_groups = sorted(foreign_groups - own_groups - _asked_groups(prompt, texts))
    spec.count_groups = sorted((groups | own_groups) - set(spec.foreign_groups))
    spec.persons = not spec.count_groups or bool(set(spec.count_groups) & lex.person_groups)
    spec.figures = _figures([*texts[:1], *siblings], keys, set(spec.count_groups))
    # A bound on the key's side of a key that is itself about or beyond ('over 74,000'
    # for about 74,100, 'at least 30' for over 30): right within the tolerance.
    lower = ["more than", "over", "above", "at least"]
    upper = ["fewer than", "less than", "under", "below", "up to", "at most"]
    if any(f" {h} " in folded for h in lex.hedges):
        spec.loose = [*lower, *upper]
    elif set(spec.bounds) & set(lower[:3]):
        spec.loose = lower
    elif set(spec.bounds) & set(upper[:4]):
        spec.loose = upper
    spec.loose = [b for b in spec.loose if b not in spec.bounds]
    counted = {w for w in foreign if lex.count_group.get(w) in spec.count_groups}
    spec.foreign = sorted(foreign - own - counted)


_CLAUSE = re.compile(r"(?<!\d)[,;:.?!()]|[,;:.?!()](?!\d)|\s(?:and|while|but|including)\s")


def _count_neighbours(texts: Sequence[str], keys: set[float]) -> tuple[set[int], set[int]]:
    """Count groups the fact's text says with the key's number (in its clause, up to 'and'),
    and those it says in another clause: with another number, or none ('and many others
    injured' where the key counts the dead)."""
    lex = lexicon()
    own: set[int] = set()
    foreign: set[int] = set()
    for text in texts:
        for sentence in re.split(r"(?<!\d)[;:.?!]|[;:.?!](?!\d)", text):
            parts = [number_tokens(p) for p in _CLAUSE.split(sentence)]
            keyed = any(isinstance(t, Number) and t.value in keys for p in parts for t in p)
            for tokens in parts:
                found = {
                    lex.count_group[t]
                    for t in tokens
                    if isinstance(t, str) and t in lex.count_group
                }
                values = {t.value for t in tokens if isinstance(t, Number)}
                if values & keys:
                    own |= found
                elif values or keyed:
                    foreign |= found
    return own, foreign


def _figures(texts: Sequence[str], keys: set[float], own: set[int]) -> list[list[Any]]:
    """The other figures ``texts`` give (dates left out), each with the count group its
    clause says that is not the key's ('and wounded 55 more': [55, the wounded's group])."""
    lex = lexicon()
    months = "|".join(lex.months)
    dates = re.compile(
        rf"\b\d{{1,2}}\s+(?:{months})\s+\d{{4}}\b|\b(?:{months})\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{4}}\b"
    )
    out: list[list[Any]] = []
    for text in texts:
        for clause in _CLAUSE.split(dates.sub(" ", plain(text))):
            tokens = number_tokens(clause)
            values = [t.value for t in tokens if isinstance(t, Number) and t.value not in keys]
            groups = {
                lex.count_group[t]
                for t in tokens
                if isinstance(t, str) and t in lex.count_group and t not in lex.neutral_nouns
            }
            if len(values) == 1:
                out += [[values[0], g] for g in sorted(groups - own) if [values[0], g] not in out]
    return out


def _asked_groups(prompt: str, texts: Sequence[str]) -> set[int]:
    """Count groups the question asks for ('how many militiamen were wounded')."""
    lex = lexicon()
    out: set[int] = set()
    for text in (prompt, *texts[1:]):
        for m in re.finditer(r"\bhow many\b([^?.,;]*)", plain(text)):
            out |= {lex.count_group[w] for w in m.group(1).split() if w in lex.count_group}
    return out


def _armed_members(text: str) -> bool:
    """Whether ``text`` counts members of an armed group ('members of the Kataib Sayyed
    al-Shuhada faction'), not of a family: a member noun, 'of', then within one clause
    (six words, no comma) an armed group's head."""
    lex = lexicon()
    for clause in re.split(r"[,;:.?!()]", plain(text)):
        words = clause.split()
        for i, w in enumerate(words[:-1]):
            armed = any(x in lex.armed_heads for x in words[i + 2 : i + 9])
            if w in lex.member_nouns and words[i + 1] == "of" and armed:
                return True
    return False


def number_tokens_words(text: str) -> list[str]:
    """The words of ``text`` as the number reader sees them (numbers left out)."""
    return [t for t in number_tokens(text) if isinstance(t, str)]


def _date_spec(spec: Spec, date: FactDate, answer: str, prompt: str) -> None:
    spec.date = [date.year, date.month or 0, date.day or 0]
    written = spoken_date(answer) or parse_loose(answer)
    spec.year_given = (
        str(date.year) in _YEAR.findall(prompt) or written is None or str(date.year) not in answer
    )
    words = set(number_tokens_words(prompt))
    # "In which month...?" may be answered by the month; "In which month and year...?" not
    spec.month_asked = "month" in words and "year" not in words
    lex = lexicon()
    # A qualifier of the asked date only ('since early in which year', 'in late _____'), not
    # of another date the prompt gives ('built in which year, after work began by early 2018')
    said = "|".join(sorted(lex.qualifier))
    near = re.search(rf"\b({said})\b(?:\s+[^\W\d_]+){{0,2}}?\s+(?:which|what|_+)", plain(prompt))
    spec.qualifier = lex.qualifier[near.group(1)] if near is not None else ""


def _short_year(spec: Spec, answer: str, w: World) -> bool:
    """Whether a bare two-digit year is the key's: a year alone is asked (the key is a year,
    or a date of which the prompt leaves only the year), the year is of the 1900s (the century
    two bare digits are read in: '79', '82', as '17' or '19' are not read as 2017 or 2019,
    but as a day, a count or 1917), and the fact base speaks of no year a century after it."""
    year, month, _ = spec.date
    if month and not re.fullmatch(r"\s*\d{4}\s*", answer):
        return False
    if not 1900 <= year <= 1999:
        return False
    return not w.years or year + 100 > w.years[1]


_POSSESSIVE_NAME = re.compile(r"(.+?)['’]s\s+(.+)")
_WHOSE = re.compile(
    r"\bwhose\b|\b(?:which|what) side\b|_+ (?!(?:and|or|in|of|on|at|to|from|by|for|with|as|"
    r"is|are|was|were|has|have|had)\b)[^\W\d_]"
)
"""A prompt asking whose thing, or which side ('whose positions', 'only _____ positions')."""


def state_names(country: Entity) -> list[str]:
    """Keys of what names ``country`` as a state: its names, its demonym with a state's head
    ('the Syrian government', 'the Jordanian regime'), a head of it ('the government of
    Syria'), a formal name's epithet with the name or the head ('Hashemite Jordan', 'the
    Hashemite Kingdom' of the Hashemite Kingdom of Jordan), and a ruler's state ('the Assad
    regime' of "Assad's Syria")."""
    lex = lexicon()
    heads = sorted(lex.state_heads)
    own = [key(n) for n in country.names]
    out = list(own)
    if country.demonym is not None:
        demonym = key(country.demonym)
        out += [demonym, *(f"{demonym} {h}" for h in heads)]
    for n in own:
        out += [f"{h} of {n}" for h in heads]
    for text in country.names:
        words = key(text).split()
        for i, w in enumerate(words[1:-2], start=1):
            if w in lex.state_heads and words[i + 1] == "of" and " ".join(words[i + 2 :]) in own:
                out += [" ".join(words[:i] + words[i + 2 :]), " ".join(words[: i + 1])]
        ruled = _POSSESSIVE_NAME.fullmatch(text)
        if ruled is not None and key(ruled.group(2)) in own:
            out += [f"{key(ruled.group(1))} {h}" for h in heads]
    return list(dict.fromkeys(out))


def asks_whose(prompt: str) -> bool:
    """Whether ``prompt`` asks whose thing it is, or which side ('whose positions', 'only
    _____ positions')."""
    return _WHOSE.search(plain(prompt)) is not None


def state_side(entity: Entity, country: Entity) -> bool:
    """Whether the side the file gives ``entity`` is its country's state ('syrian-government'
    for the Syrian Army, 'israel' for the Israeli Air Force): the state then names it where
    a question asks whose it is."""
    return entity.side is not None and key(entity.side.replace("-", " ")) in state_names(country)


def _other_owned(name: str, spec: Spec, w: World) -> bool:
    """Whether ``name`` is a known name of something other than the key (its own, or, where
    its state names it, its country)."""
    owners = set(w.owners.get(name, ()))
    return bool(owners) and not owners & set(spec.own)


def build(
    answer: str,
    accepted: Sequence[str],
    kind: AnswerKind | None,
    prompt: str,
    fact: Fact | None,
    entities: Entities,
    w: World,
) -> Spec:
    """The :class:`Spec` of a typed or blank item: ``answer`` and ``accepted`` as the item
    gives them, ``prompt`` as shown, ``fact`` (if known) for its entity, text and date."""
    entity = entities.get(fact.entity) if fact is not None else None
    shown_texts = [n for n in (fact.shown_names if fact else ()) if n not in accepted]
    targets = [answer, *accepted]
    spec = Spec(kind="text", answer=answer)
    spec.own = [fact.entity or f"fact:{fact.id}"] if fact is not None else []
    spec.shown = [key(n) for n in shown_texts if n != answer]
    context = " ".join([prompt, fact.statement, fact.question] if fact else [prompt])
    spec.context = sorted(set(name_words(context)))
    common = [w for w in re.findall(r"[\w'’-]+", prompt) if w.islower()]
    spec.prompt_words = sorted(set(name_words(" ".join(common)))) if common else []
    date = fact.date if fact is not None else None
    if kind in DATE_KIND_PRECISION or (kind is None and spoken_date(answer) is not None):
        date = date if date is not None and kind in DATE_KIND_PRECISION else None
        date = date or spoken_date(answer) or parse_loose(answer)
        if date is not None:
            spec.kind = "date"
            _date_spec(spec, date, answer, prompt)
            spec.short_year = _short_year(spec, answer, w)
            return spec
    if kind is AnswerKind.PERIOD:
        decade = _DECADE.search(answer)
        span = _SPAN.search(answer.replace("–", "-"))
        if decade is not None:
            spec.kind, spec.decade = "period", int(decade.group(1)) * 10
            return spec
        if span is not None:
            first, last = int(span.group(1)), int(span.group(2))
            if last < 100:
                last += first - first % 100
            spec.kind, spec.span = "period", [first, last]
            return spec
    if kind is AnswerKind.NUMBER:
        spec.kind = "number"
        texts = [fact.statement, fact.question] if fact else []
        _number_spec(spec, targets, prompt, texts, w.siblings.get(fact.id, []) if fact else [])
        spec.said = [key(t) for t in (prompt, *([fact.statement] if fact else []))]
        if spec.numbers:
            return spec
        spec.kind = "text"
    spec.kind = "name" if kind in POOLED_KINDS else "text"
    _name_spec(spec, targets, entity, w, kind)
    country = entities.get(entity.country) if entity is not None and entity.country else None
    if kind is AnswerKind.COUNTRY and entity is not None:
        country = entity if entity.country is None else country
        states = state_names(country) if country is not None else []
        spec.names += [n for n in states if n not in spec.names and not _other_owned(n, spec, w)]
    elif (
        country is not None
        and entity is not None
        and state_side(entity, country)
        and asks_whose(prompt)
    ):
        # 'Syrian government' for the Syrian Army where the question asks whose positions
        side = key(entity.side or "")
        spec.own.append(country.id)
        for n in [*state_names(country), side, f"{side} side"]:
            if n not in spec.names and not _other_owned(n, spec, w):
                spec.names.append(n)
                spec.cores.setdefault(n, []).append(FORCE)  # 'Assad regime forces'
    if spec.place and kind is not None and "_" not in prompt:  # a typed question, not a blank
        spec.preps = _prepositions(prompt, spec.country)
    if date is not None and not spec.years:
        spec.years = [date.year, date.year]
    said = [int(y) for y in _YEAR.findall(fact.statement)] if fact is not None else []
    if said and not spec.years:  # 'killed in a US drone attack in 2020'
        spec.years = [min(said), max(said)]
    dated = w.dated.get(str(fact.source[0]), []) if fact is not None and fact.source else []
    if dated and not spec.years:  # the years its reference's other facts give
        spec.years = [min(dated), max(dated)]
    return spec
