"""A fact file's header: its fields, and the ids it declares that facts must name.

Facts are checked one by one as the parser completes them, and then their
YAML is dropped (so memory grows with the facts kept, not with the file; see
:mod:`quizgen.factfile.yamldoc`). YAML keeps no order, so a file may list its facts
before the topics or references they name. :class:`Header` reads each
section as soon as it is there; :class:`Known` answers a look-up in a
section not read yet with "yes, for now" and makes it again when the
section has been read, so the problems are the same in any order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import TypeVar

from quizgen.factfile.checker import Checker
from quizgen.factfile.yamldoc import Mapping, Node
from quizgen.facts import AnswerClass, Article, Fact, Reference, Topic

# Field name -> required? The JSON Schema (quizgen/schema/facts.schema.json)
# states the same; a test keeps the two in step.
HEADER_FIELDS = {
    "id": False,
    "title": True,
    "version": True,
    "updated": True,
    "license": True,
    "license_url": False,
    "attribution": True,
    "topics": True,
    "answer_classes": False,
    "entities": False,
    "ambiguous_names": False,
    "references": True,
    "articles": True,
    "facts": True,
}
TOPIC_FIELDS = {"id": True, "name": True, "description": False}
ANSWER_CLASS_FIELDS = {"id": True, "name": True, "description": False}
REFERENCE_FIELDS = {"id": True, "title": True, "publisher": True, "citation": True}
ARTICLE_FIELDS = {"id": True, "title": True, "description": False}
SECTIONS = ("topics", "answer_classes", "references", "articles")

_T = TypeVar("_T", Topic, AnswerClass, Article)
_K = TypeVar("_K", str, int)
ReportMissing = Callable[[Collection[_K]], None]
"""How to report an id missing from its section, given the ids the section declares."""


class Known:
    """The ids each header section declares; a section not read yet is None.

    :meth:`check` looks an id up; where its section is not read yet, the look-up
    is kept (with how to report a miss) and made by :meth:`settle`.
    """

    def __init__(self) -> None:
        self.ids: dict[str, set[str] | set[int] | None] = dict.fromkeys(SECTIONS)
        self.waiting: list[tuple[str, object, Callable[[Collection[object]], None]]] = []

    def check(self, section: str, value: _K, report: ReportMissing[_K]) -> bool:
        """Whether ``value`` is declared in ``section`` (reporting it if not); True while
        the section is still unread."""
        ids = self.ids[section]
        if ids is None:
            self.waiting.append((section, value, report))  # type: ignore[arg-type]
            return True
        if value in ids:
            return True
        report(ids)  # type: ignore[arg-type]
        return False

    def settle(self) -> None:
        """Make the look-ups that waited for their section (every section is read now)."""
        for section, value, report in self.waiting:
            ids = self.ids[section] or set()
            if value not in ids:
                report(ids)
        self.waiting.clear()


class Header:
    """Reads the header's sections as they appear, each once; see the module notes."""

    def __init__(self, c: Checker) -> None:
        self.c = c
        self.known = Known()
        self.topics: list[Topic] = []
        self.classes: list[AnswerClass] = []
        self.articles: list[Article] = []
        self.references: list[Reference] = []
        self.declared: dict[str, dict[str, Node]] = {}  # topics and classes, for "unused"
        self.complete = False
        """Every section read: nothing more to take (asked once per fact)."""
        self.used_classes: set[str] = set()
        """Answer classes used by entities (a class no fact and no entity uses is unused)."""

    def take(self, root: Mapping, *, final: bool = False) -> None:
        """Read every section ``root`` has that is not read yet (all of them if ``final``:
        an absent section then declares nothing)."""
        if self.complete:
            return
        c = self.c
        for section in SECTIONS:
            if self.known.ids[section] is not None or not (final or section in root.entries):
                continue
            if section == "references":
                self.references, numbers = _references(c, root)
                self.known.ids[section] = numbers
            elif section == "topics":
                self.topics, ids = _named(c, root, section, TOPIC_FIELDS, "name", "topic id", Topic)
                self.declared[section] = ids
                self.known.ids[section] = set(ids)
            elif section == "answer_classes":
                self.classes, ids = _named(
                    c,
                    root,
                    section,
                    ANSWER_CLASS_FIELDS,
                    "name",
                    "answer class id",
                    AnswerClass,
                    required=False,
                )
                self.declared[section] = ids
                self.known.ids[section] = set(ids)
            else:
                self.articles, ids = _named(
                    c, root, section, ARTICLE_FIELDS, "title", "article id", Article
                )
                self.known.ids[section] = set(ids)
        self.complete = all(ids is not None for ids in self.known.ids.values())

    def unused(self, facts: Iterable[Fact]) -> None:
        """A declared topic or class no fact uses is most likely a typo on the facts' side."""
        used: dict[str, set[str | None]] = {
            "topics": set(),
            "answer_classes": set(self.used_classes),
        }
        for f in facts:
            used["topics"].add(f.topic)
            used["answer_classes"].add(f.answer_class)
        for section, what in (("topics", "topic"), ("answer_classes", "answer class")):
            for ident, node in self.declared.get(section, {}).items():
                if ident not in used[section]:
                    self.c.add(node, "id", f"{what} '{ident}' is declared but no fact uses it")


def _named(
    c: Checker,
    root: Mapping,
    key: str,
    spec: dict[str, bool],
    name_field: str,
    what: str,
    make: Callable[[str, str, str | None], _T],
    *,
    required: bool = True,
) -> tuple[list[_T], dict[str, Node]]:
    """Topics, answer classes and articles: the entries, and each valid id with its node.

    An entry whose name is missing still declares its id, so that facts using
    it are not reported a second time for naming an unknown topic.
    """
    out: list[_T] = []
    ids: dict[str, Node] = {}
    seen: dict[str, int] = {}
    for m in c.entries(root, key, spec, required=required):
        ident, name, desc = c.ident(m, "id"), c.text(m, name_field), c.text(m, "description")
        id_node = m.get("id") or m
        if ident is not None:
            c.unique(seen, ident, id_node, "id", what)
            ids.setdefault(ident, id_node)
            if name is not None:
                out.append(make(ident, name, desc))
    return out, ids


def _references(c: Checker, root: Mapping) -> tuple[list[Reference], set[int]]:
    """The references, and every valid number declared (even where a title is bad, so
    that facts citing it are not reported a second time)."""
    references = []
    seen: dict[str, int] = {}
    for m in c.entries(root, "references", REFERENCE_FIELDS):
        id_node = m.get("id")
        ref_id = c.number(m, "id", "a reference number like 4")
        if ref_id is not None and id_node is not None:
            c.unique(seen, str(ref_id), id_node, "id", "reference number")
        title, publisher, citation = (c.text(m, k) for k in ("title", "publisher", "citation"))
        if ref_id is not None and title and publisher and citation:
            references.append(Reference(ref_id, title, publisher, citation))
    return references, {int(n) for n in seen}
