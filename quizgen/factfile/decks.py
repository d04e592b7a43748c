"""Deck and study-set definitions: the YAML files in ``decks/``.

A definition names an Anki deck (``::`` for hierarchy), records its Anki id
once and for all, and says which facts it takes and as which cards, either
directly (``select``) or per sub-deck (``subdecks``). A selection keeps the
facts that match every key it gives (``topics``, ``tags``, ``ids``,
``answer_kinds``) and any value within a key. A sub-deck can be split by
year. The Anki export, and later the classroom exports, read these plans.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from quizgen.errors import FactFileError, Problem
from quizgen.factfile import yamldoc
from quizgen.factfile.checker import Checker, decode, read_bytes
from quizgen.factfile.yamldoc import Mapping
from quizgen.facts import AnswerKind, Fact, FactBase
from quizgen.inputs import MAX_DECK_FILE_BYTES, MAX_DECK_FILES, kind_of
from quizgen.language.datespan import dates_in
from quizgen.language.text import suggest

# "id" is required too, but _id() reports it missing itself, with an id to record.
DECK_FIELDS = {
    "name": True,
    "id": False,
    "description": False,
    "cards": False,
    "order": False,
    "select": False,
    "subdecks": False,
}
SUBDECK_FIELDS = {
    "name": True,
    "description": False,
    "cards": False,
    "order": False,
    "select": True,
    "split": False,
}
SELECT_FIELDS = {"topics": False, "tags": False, "ids": False, "answer_kinds": False}
CARD_KINDS = ("qa", "reverse", "cloze")
ORDERS = ("file", "chronological", "listed")
SPLITS = ("year",)
UNDATED = "Undated"
MAX_DECK_ID = (1 << 63) - 1
"""Anki stores deck ids as signed 64-bit integers."""


@dataclass(frozen=True, slots=True)
class Selection:
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()
    answer_kinds: tuple[str, ...] = ()

    def matches(self, fact: Fact) -> bool:
        return (
            (not self.topics or fact.topic in self.topics)
            and (not self.tags or any(t in fact.tags for t in self.tags))
            and (not self.ids or fact.id in self.ids)
            and (not self.answer_kinds or fact.answer_kind.value in self.answer_kinds)
        )


@dataclass(frozen=True, slots=True)
class Part:
    """The deck itself (name "") or one of its sub-decks."""

    name: str
    description: str | None
    selection: Selection
    cards: tuple[str, ...]
    order: str
    split: str | None = None


@dataclass(frozen=True, slots=True)
class DeckDef:
    key: str  # the file name without .yaml: how --deck names it
    path: str
    name: str
    id: int
    description: str | None
    parts: tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class PlannedDeck:
    """One Anki deck to write: its full name, id, and facts in the order they are learnt."""

    name: str
    id: int
    description: str | None
    facts: tuple[Fact, ...]
    cards: tuple[str, ...]
    order: str


def derived_id(parent_id: int, name: str) -> int:
    """A sub-deck's id, fixed by its parent's recorded id and its own name."""
    digest = hashlib.sha1(f"{parent_id}:{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:5], "big")


def suggested_id(name: str) -> int:
    """The id to record for a new deck (shown when a definition has none)."""
    return (1 << 30) + int.from_bytes(hashlib.sha1(name.encode()).digest()[:5], "big")


def decks_dir_for(facts_path: Path) -> Path | None:
    """The ``decks/`` folder beside a fact file, if there is one; something else of that
    name (a pipe, a dangling link) is returned too, for :func:`load_definitions` to refuse."""
    folder = facts_path.parent / "decks"
    return folder if os.path.lexists(folder) else None


DEFAULT_CARDS = ("qa", "cloze")


def whole_file(base: FactBase) -> DeckDef:
    """The deck a fact file has when it defines none: every fact, in file order, as
    question-and-answer and cloze cards, named by the file's title, its id fixed by the
    fact set's id (so re-exporting updates the same deck)."""
    digest = hashlib.sha1(f"quizgen-deck:{base.id}".encode()).digest()
    return DeckDef(
        key=base.id,
        path=base.path,
        name=base.title,
        id=(1 << 30) + int.from_bytes(digest[:5], "big"),
        description=base.attribution,
        parts=(Part("", None, Selection(), DEFAULT_CARDS, "file"),),
    )


def plan(deck: DeckDef, base: FactBase) -> list[PlannedDeck]:
    """The decks to write for a definition: the deck, then each sub-deck (and year)."""
    out = []
    for part in deck.parts:
        facts = _ordered([f for f in base.facts if part.selection.matches(f)], part)
        full = f"{deck.name}::{part.name}" if part.name else deck.name
        deck_id = derived_id(deck.id, part.name) if part.name else deck.id
        if part.split == "year":
            out.append(PlannedDeck(full, deck_id, part.description, (), (), part.order))
            year_of = {f.id: event_year(f) for f in facts}
            years = sorted({y for y in year_of.values() if y is not None})
            groups = [(str(y), [f for f in facts if year_of[f.id] == y]) for y in years]
            undated = [f for f in facts if year_of[f.id] is None]
            if undated:
                groups.append((UNDATED, undated))
            for label, group in groups:
                out.append(
                    PlannedDeck(
                        f"{full}::{label}",
                        derived_id(deck_id, label),
                        None,
                        tuple(group),
                        part.cards,
                        part.order,
                    )
                )
        else:
            out.append(
                PlannedDeck(full, deck_id, part.description, tuple(facts), part.cards, part.order)
            )
    if deck.parts and deck.parts[0].name:  # sub-decks only: the parent deck holds none
        out.insert(0, PlannedDeck(deck.name, deck.id, deck.description, (), (), "file"))
    return out


def event_year(fact: Fact) -> int | None:
    """The year of the event a fact is about: its ``date``'s, else that of the first date its
    statement (or explanation) writes ("The U.S. Department of Defense said the airstrikes
    of 29 December 2019 ..."): a fact that answers something else than its date carries no
    ``date`` (one would make it a timeline event too) yet belongs under its year. None
    when nothing dates it."""
    if fact.date is not None:
        return fact.date.year
    for text in (fact.statement, fact.explanation or ""):
        found = dates_in(text)
        if found:
            return found[0].year
    return None


def _ordered(facts: list[Fact], part: Part) -> list[Fact]:
    if part.order == "chronological":
        return sorted(
            facts, key=lambda f: (f.date is None, f.date.sort_key() if f.date else (0, 0, 0))
        )
    if part.order == "listed":
        rank = {fact_id: i for i, fact_id in enumerate(part.selection.ids)}
        return sorted(facts, key=lambda f: rank.get(f.id, len(rank)))
    return facts


def load_definitions(folder: Path, base: FactBase) -> list[DeckDef]:
    """Every ``*.yaml`` definition in ``folder``, checked against ``base``; all problems at once."""
    decks: list[DeckDef] = []
    problems: list[Problem] = []
    seen_ids: dict[int, str] = {}
    for path in definition_files(folder):
        shown = str(path)
        try:
            data = read_bytes(path, "deck definition", MAX_DECK_FILE_BYTES)
            doc = yamldoc.read(decode(data, shown), shown)
        except FactFileError as exc:
            problems.extend(exc.problems)
            continue
        c = Checker(shown, list(doc.problems))
        deck = _deck(c, doc.root, path.stem, base)
        if deck is not None:
            if deck.id in seen_ids:
                c.add(doc.root, "id", f"{deck.id} is already the id of {seen_ids[deck.id]}")
            seen_ids.setdefault(deck.id, shown)
            decks.append(deck)
        problems.extend(c.problems)
    if problems:
        raise FactFileError(problems)
    return decks


def definition_files(folder: Path) -> list[Path]:
    """The ``*.yaml`` entries of ``folder``, sorted; what each one is, :func:`load_definitions`
    finds out as it reads it (a folder, a pipe or a dangling link is reported there). A folder
    that cannot be listed, or holds more than :data:`MAX_DECK_FILES`, is a problem now."""
    try:
        look = os.stat(folder)
        if not stat.S_ISDIR(look.st_mode):
            raise FactFileError(
                [
                    Problem(
                        str(folder),
                        0,
                        0,
                        "",
                        f"is {kind_of(look.st_mode)}, not a folder of deck definitions",
                    )
                ]
            )
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".yaml"))
    except OSError as exc:
        why = (
            "a symbolic link that leads nowhere"
            if exc.errno in (errno.ENOENT, errno.ELOOP)
            else exc.strerror
        )
        raise FactFileError(
            [Problem(str(folder), 0, 0, "", f"cannot list the deck definitions: {why}")]
        ) from None
    if len(names) > MAX_DECK_FILES:
        raise FactFileError(
            [
                Problem(
                    str(folder),
                    0,
                    0,
                    "",
                    f"holds {len(names):,} deck "
                    f"definitions; quizgen reads at most {MAX_DECK_FILES:,}",
                )
            ]
        )
    return [folder / name for name in names]


def _deck(c: Checker, root: yamldoc.Node, key: str, base: FactBase) -> DeckDef | None:
    m = c.mapping(root, "deck")
    if m is None:
        return None
    c.fields(m, DECK_FIELDS)
    name = c.text(m, "name")
    deck_id = _id(c, m, name)
    cards = _cards(c, m, ("qa",))
    order = c.choice(m, "order", ORDERS) or "file"
    parts: list[Part] = []
    select, subdecks = m.get("select"), m.get("subdecks")
    if (select is None) == (subdecks is None):
        c.add(m, "select", "give either select (one deck) or subdecks, not both or neither")
    elif select is not None:
        selection = _selection(c, select, base, "select")
        if selection is not None:
            parts.append(Part("", c.text(m, "description"), selection, cards, order))
    else:
        for i, item in enumerate(c.items(m, "subdecks", required=True)):
            sub = c.mapping(item, f"subdecks[{i}]")
            if sub is None:
                continue
            c.fields(sub, SUBDECK_FIELDS)
            sub_name = c.text(sub, "name")
            sub_select = sub.get("select")
            selection = _selection(c, sub_select, base, "select") if sub_select else None
            part_cards = _cards(c, sub, cards)
            part_order = c.choice(sub, "order", ORDERS) or order
            split = c.choice(sub, "split", SPLITS)
            if sub_name and selection is not None:
                clash = _name_clash(sub_name, split, parts)
                if clash:
                    c.add(c.item(m, "subdecks", i), f"subdecks[{i}].name", clash)
                    continue
                parts.append(
                    Part(
                        sub_name,
                        c.text(sub, "description"),
                        selection,
                        part_cards,
                        part_order,
                        split,
                    )
                )
    if name is None or deck_id is None or not parts:
        return None
    return DeckDef(key, c.path, name, deck_id, c.text(m, "description"), tuple(parts))


def _anki_name(name: str) -> str:
    """A deck name as Anki compares it: case-folded, each ``::`` part trimmed."""
    return "::".join(part.strip().casefold() for part in name.split("::"))


def _name_clash(name: str, split: str | None, earlier: list[Part]) -> str | None:
    """Why a sub-deck's name cannot stand beside the earlier ones, or None.

    Anki merges two decks of one name (and renames a second one it imports),
    so two sub-decks named alike, or one named like a child that a by-year
    split makes (``Strikes::2019`` beside ``Strikes`` split by year), or a
    split deck beside a sub-deck already inside it, would not be the decks
    the definition describes.
    """
    mine = _anki_name(name)
    for part in earlier:
        theirs = _anki_name(part.name)
        if mine == theirs:
            return f"'{name}' names the same Anki deck as the sub-deck '{part.name}'"
        if part.split and mine.startswith(theirs + "::"):
            return (
                f"'{name}' is inside '{part.name}', which is split by {part.split}: "
                "its sub-decks are made by the split"
            )
        if split and theirs.startswith(mine + "::"):
            return (
                f"'{name}' is split by {split}, but the sub-deck '{part.name}' is already inside it"
            )
    return None


def _id(c: Checker, m: Mapping, name: str | None) -> int | None:
    if m.get("id") is None:
        c.add(
            m,
            "id",
            "required field is missing; record this deck's Anki id once, e.g. "
            f"id: {suggested_id(name or 'deck')}",
        )
        return None
    return c.number(m, "id", "a whole number (the deck's Anki id)", maximum=MAX_DECK_ID)


def _cards(c: Checker, m: Mapping, default: tuple[str, ...]) -> tuple[str, ...]:
    if "cards" not in m.entries:
        return default
    kinds = c.text_list(m, "cards", required=True)
    good = []
    for i, kind in enumerate(kinds):
        if kind in CARD_KINDS:
            good.append(kind)
        else:
            c.add(
                c.item(m, "cards", i),
                f"cards[{i}]",
                f"'{kind}' is not one of: {', '.join(CARD_KINDS)}{suggest(kind, CARD_KINDS)}",
            )
    return tuple(dict.fromkeys(good)) or default


def _selection(c: Checker, node: yamldoc.Node, base: FactBase, field: str) -> Selection | None:
    m = c.mapping(node, field)
    if m is None:
        return None
    c.fields(m, SELECT_FIELDS)
    known = {
        "topics": [t.id for t in base.topics],
        "tags": sorted({t for f in base.facts for t in f.tags}),
        "ids": [f.id for f in base.facts],
        "answer_kinds": [k.value for k in AnswerKind],
    }
    what = {"topics": "topic", "tags": "tag", "ids": "fact id", "answer_kinds": "answer kind"}
    chosen: dict[str, tuple[str, ...]] = {}
    for key, names in known.items():
        if key not in m.entries:
            continue
        valid = set(names)
        values = []
        for i, node in enumerate(c.items(m, key, required=True)):
            field = f"{key}[{i}]"
            # ids as written: 'f1 ' names no fact, it is not a second spelling of 'f1'
            value = (
                c.text_node(node, field)
                if key == "answer_kinds"
                else c.text_node(node, field) and c.ident_text(node, field, "hyphens")
            )
            if value is not None and value not in valid:
                c.add(
                    node,
                    field,
                    f"'{value}' is not a {what[key]} of the fact file{suggest(value, names)}",
                )
            elif value is not None:
                values.append(value)
        chosen[key] = tuple(values)
    if not m.entries:
        c.add(m, field, "must choose facts by topics, tags, ids or answer_kinds")
        return None
    selection = Selection(**chosen)
    if not any(selection.matches(f) for f in base.facts) and not any(
        p.path == c.path and p.line >= m.line for p in c.problems
    ):
        c.add(m, field, "chooses no facts")
    return selection
