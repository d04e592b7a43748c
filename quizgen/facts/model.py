"""The fact base: what a fact file says, as typed, immutable values.

Everything else (questions, quizzes, decks, study sets) reads these objects
and never the YAML, so the file format can grow without touching them.
Reading and checking the file lives in :mod:`quizgen.factfile`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from quizgen.errors import SelectionError
from quizgen.facts.entities import Entities, Entity
from quizgen.language.dates import FactDate, Precision
from quizgen.language.text import suggest


class AnswerKind(StrEnum):
    """What sort of thing an answer is; wrong answers and grading go by it."""

    DATE = "date"
    MONTH = "month"
    YEAR = "year"
    PERIOD = "period"
    NUMBER = "number"
    PLACE = "place"
    COUNTRY = "country"
    PERSON = "person"
    ORGANIZATION = "organization"
    EVENT = "event"
    COORDINATES = "coordinates"
    TEXT = "text"


DATE_KIND_PRECISION = {
    AnswerKind.DATE: Precision.DAY,
    AnswerKind.MONTH: Precision.MONTH,
    AnswerKind.YEAR: Precision.YEAR,
}
"""An answer of one of these kinds *is* the fact's date, at this precision."""

POOLED_KINDS = frozenset(
    {
        AnswerKind.PLACE,
        AnswerKind.COUNTRY,
        AnswerKind.PERSON,
        AnswerKind.ORGANIZATION,
        AnswerKind.EVENT,
    }
)
"""Kinds whose answers are names: wrong answers may be other facts' answers of the
same kind, and a fact file may sort them further into answer classes."""

WORDED_KINDS = frozenset({AnswerKind.TEXT, AnswerKind.COORDINATES})
"""Kinds whose answers a learner words (or types) in their own way: phrases and
coordinates. Matching cannot tell a paraphrase from a wrong answer, so these
are asked for recognition (multiple choice, true or false, matching) and as
self-graded flashcards, never as typed answers or blanks."""

NAME_SORTS = {
    AnswerKind.PLACE: "place",
    AnswerKind.COUNTRY: "place",
    AnswerKind.ORGANIZATION: "group",
    AnswerKind.PERSON: "person",
    AnswerKind.EVENT: "event",
}
"""Names that could stand in each other's place in a sentence: places with countries..."""

SourceKey = int | str
"""A reference number (``4``) or the id of an article (``"abu-kamal"``)."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One checkable claim of the source text, with the question that tests it."""

    id: str
    topic: str
    statement: str
    """One neutral sentence of the source, attributions kept."""
    question: str
    answer: str
    """The bare value; qualifiers ('at least', 'nearly') belong in the question."""
    answer_kind: AnswerKind
    source: tuple[SourceKey, ...]
    tags: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    date: FactDate | None = None
    wrong_answers: tuple[str, ...] = ()
    explanation: str | None = None
    revision: int = 1
    line: int = 0
    answer_class: str | None = None
    """An id under the file's ``answer_classes``: wrong answers are drawn from its class."""
    entity: str | None = None
    """The id of the entity the answer is, if the file declares entities; ``aliases`` are
    then its other names (less those the fact's own question or statement shows)."""
    shown_names: tuple[str, ...] = ()
    """Names of the answer's entity that its statement (beside the answer) or question
    shows: not in ``aliases``, yet right where an item's own prompt does not show them."""
    wrong_entities: tuple[str | None, ...] = ()
    """The entity each of ``wrong_answers`` names (None where it names none)."""
    worded: bool = False
    """The answer is a phrase learners word in many ways ("rocket attacks against U.S.
    forces in Iraq"): asked by recognition and on flashcards, never typed or as a blank."""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict in the file's own field names (empty optionals left out)."""
        out: dict[str, Any] = {
            "id": self.id,
            "topic": self.topic,
            "statement": self.statement,
            "question": self.question,
            "answer": self.answer,
            "answer_kind": self.answer_kind.value,
        }
        if self.entity is not None:
            out["entity"] = self.entity
        if self.answer_class is not None:
            out["answer_class"] = self.answer_class
        if self.aliases:
            out["aliases"] = list(self.aliases)
        if self.date is not None:
            out["date"] = self.date.iso()
            out["date_precision"] = self.date.precision.value
        out["tags"] = list(self.tags)
        out["source"] = list(self.source)
        if self.wrong_answers:
            out["wrong_answers"] = list(self.wrong_answers)
        if self.explanation:
            out["explanation"] = self.explanation
        if self.revision != 1:
            out["revision"] = self.revision
        if self.worded:
            out["worded"] = True
        return out


@dataclass(frozen=True, slots=True)
class Named:
    """An id a file declares once, with the name people see and an optional description."""

    id: str
    name: str
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Topic(Named):
    """A part of the subject; quizzes and decks can be limited to one."""


@dataclass(frozen=True, slots=True)
class AnswerClass(Named):
    """What sort of name an answer is ('Governorate', 'Militia'), declared by the file.

    The core knows no subject's vocabulary: only the fact file can say that
    two places are both governorates, so that one stands in for the other as
    a wrong answer while a river does not.
    """


@dataclass(frozen=True, slots=True)
class Reference:
    """A numbered reference of the source article, as [1] to [11] in its text."""

    id: int
    title: str
    publisher: str
    citation: str


@dataclass(frozen=True, slots=True)
class Article:
    """The main article, or a related article whose summary the source text gives."""

    id: str
    title: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class FactBase:
    """A whole fact file: its header, its sources and its facts, in file order."""

    title: str
    topics: tuple[Topic, ...]
    version: str
    references: tuple[Reference, ...]
    updated: str
    """The date the file was last corrected, YYYY-MM-DD."""
    articles: tuple[Article, ...]
    license: str
    facts: tuple[Fact, ...]
    attribution: str
    """Who and what the facts derive from: every export carries it, as the license asks."""
    license_url: str | None = None
    path: str = ""
    id: str = "facts"
    """The fact set's stable id: progress is kept per (fact set, fact id)."""
    answer_classes: tuple[AnswerClass, ...] = ()
    entities: Entities = field(default_factory=Entities)
    """The named things the facts speak of (empty for a file that declares none)."""
    id_declared: bool = True
    """Whether the file says its ``id`` (else it is made from the title, and renaming the
    title would leave the progress behind: ``quizgen validate`` warns)."""
    _by_id: dict[str, Fact] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update((f.id, f) for f in self.facts)

    @property
    def by_id(self) -> dict[str, Fact]:
        """Every fact by its id, the index :meth:`fact` looks in: shared with whoever needs
        one (a large base's is megabytes) rather than built again. Read it; never change it."""
        return self._by_id

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id (None for None or an unknown id)."""
        return self.entities.get(entity_id)

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id; KeyError if there is none."""
        return self._by_id[fact_id]

    def select(self, *, topic: str | None = None, tag: str | None = None) -> list[Fact]:
        """Facts with this topic and this tag (either filter may be left out).

        Case does not matter, as for ``--kinds`` ("Strikes" is ``strikes``), and a topic
        may also be given by its name ("Related strikes and attacks"). A topic or tag
        the file does not have is an error rather than an empty result, so a typo on
        the command line does not look like "no facts".
        """
        topics = [t.id for t in self.topics]
        if topic is not None:
            wanted = topic.strip().casefold()
            named = {t.id.casefold(): t.id for t in self.topics}
            named |= {
                t.name.casefold(): t.id for t in self.topics if t.name.casefold() not in named
            }
            if wanted not in named:
                raise SelectionError(
                    f"no topic '{topic}'{suggest(wanted, topics)}; topics: {', '.join(topics)}"
                )
            topic = named[wanted]
        if tag is not None:  # every tag listed only for a tag given (a large base has many)
            tags = sorted({t for f in self.facts for t in f.tags})
            tag = next((t for t in tags if t.casefold() == tag.strip().casefold()), tag)
            if tag not in tags:
                raise SelectionError(
                    f"no tag '{tag}'{suggest(tag, tags)}; "
                    "'quizgen facts --json' lists every fact's tags"
                )
        return [
            f
            for f in self.facts
            if (topic is None or f.topic == topic) and (tag is None or tag in f.tags)
        ]

    def topic_name(self, topic_id: str) -> str:
        return next((t.name for t in self.topics if t.id == topic_id), topic_id)

    def source_label(self, key: SourceKey, *, short: bool = False) -> str:
        """How a source is cited to a learner: '[4] Fox News: Title' or an article's title.

        Only the file's own words are used (no publisher is assumed for
        articles). ``short`` gives '[4]' for a reference, for narrow tables;
        an article's title is already short.
        """
        if isinstance(key, int):
            ref = next((r for r in self.references if r.id == key), None)
            return f"[{key}] {ref.publisher}: {ref.title}" if ref and not short else f"[{key}]"
        art = next((a for a in self.articles if a.id == key), None)
        return key if art is None else art.title

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "updated": self.updated,
            "license": self.license,
            "license_url": self.license_url,
            "attribution": self.attribution,
            "topics": [t.to_dict() for t in self.topics],
            "answer_classes": [c.to_dict() for c in self.answer_classes],
            "references": [asdict(r) for r in self.references],
            "articles": [asdict(a) for a in self.articles],
            "facts": [f.to_dict() for f in self.facts],
        } | (
            {
                "entities": [e.to_dict() for e in self.entities.all],
                "ambiguous_names": list(self.entities.ambiguous),
            }
            if self.entities
            else {}
        )
