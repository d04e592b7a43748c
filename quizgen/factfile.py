"""Reading and checking a fact file, reporting every mistake at once.

A person edits ``facts.yaml`` by hand; the worst help is one error at a time
or a traceback. So every check here records a :class:`Problem` with the file,
line, column and field and carries on, and :func:`load` raises one
:class:`FactFileError` holding them all, sorted by position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quizgen import yamldoc
from quizgen.dates import FactDate, Precision, spoken_date
from quizgen.errors import FactFileError, Problem
from quizgen.facts import (
    DATE_KIND_PRECISION,
    AnswerKind,
    Article,
    Fact,
    FactBase,
    Reference,
    SourceKey,
    Topic,
)
from quizgen.text import fold, suggest
from quizgen.yamldoc import Mapping, Node, Scalar, Sequence, describe

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Field name -> required? The JSON Schema (quizgen/schema/facts.schema.json)
# states the same; a test keeps the two in step.
HEADER_FIELDS = {
    "id": False, "title": True, "version": True, "updated": True, "license": True,
    "license_url": False, "attribution": True, "topics": True, "references": True,
    "articles": True, "facts": True,
}
TOPIC_FIELDS = {"id": True, "name": True, "description": False}
REFERENCE_FIELDS = {"id": True, "title": True, "publisher": True, "citation": True}
ARTICLE_FIELDS = {"id": True, "title": True, "description": False}
FACT_FIELDS = {
    "id": True, "topic": True, "statement": True, "question": True, "answer": True,
    "answer_kind": True, "aliases": False, "date": False, "date_precision": False,
    "tags": True, "source": True, "wrong_answers": False, "explanation": False,
    "revision": False,
}


def slug(text: str) -> str:
    """A fact set id made from its title, for files that do not declare one."""
    return "-".join(fold(text).replace("_", " ").split()) or "facts"


@dataclass
class Checker:
    """Collects problems while turning nodes into values; never stops at the first."""

    path: str
    problems: list[Problem]

    def add(self, node: Node, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.column, field, message))

    def fields(self, mapping: Mapping, spec: dict[str, bool]) -> None:
        for key, (key_node, _) in mapping.entries.items():
            if key not in spec:
                hint = suggest(key, spec) or f"; expected one of: {', '.join(spec)}"
                self.add(key_node, key, f"unknown field{hint}")
        for name, required in spec.items():
            if required and name not in mapping.entries:
                self.add(mapping, name, "required field is missing")

    def mapping(self, node: Node, field: str) -> Mapping | None:
        if isinstance(node, Mapping):
            return node
        self.add(node, field, f"expected a mapping of fields, got {describe(node)}")
        return None

    def text(self, mapping: Mapping, name: str) -> str | None:
        node = mapping.get(name)
        return None if node is None else self.text_node(node, name)

    def text_node(self, node: Node, field: str) -> str | None:
        if not isinstance(node, Scalar):
            self.add(node, field, f"expected a string, got {describe(node)}")
            return None
        text = " ".join(node.text.split()) if node.value is not None else ""
        if not text:
            self.add(node, field, "must not be empty")
            return None
        return text

    def items(self, mapping: Mapping, name: str, *, required: bool) -> list[Node]:
        node = mapping.get(name)
        if node is None:
            return []
        if not isinstance(node, Sequence):
            self.add(node, name, f"expected a list, got {describe(node)}")
            return []
        if required and not node.items:
            self.add(node, name, "must not be empty")
        return node.items

    def text_list(self, mapping: Mapping, name: str, *, required: bool = False) -> list[str]:
        out = []
        for i, item in enumerate(self.items(mapping, name, required=required)):
            text = self.text_node(item, f"{name}[{i}]")
            if text is not None:
                out.append(text)
        return out

    def ident(self, mapping: Mapping, name: str) -> str | None:
        text = self.text(mapping, name)
        node = mapping.get(name)
        if text is not None and node is not None and not ID_PATTERN.fullmatch(text):
            self.add(node, name, f"'{text}' must be lower-case letters, digits and single hyphens")
            return None
        return text

    def choice(self, mapping: Mapping, name: str, allowed: type[AnswerKind] | type[Precision],
               ) -> str | None:
        text = self.text(mapping, name)
        node = mapping.get(name)
        values = [str(v) for v in allowed]
        if text is None or node is None or text in values:
            return text
        self.add(node, name, f"'{text}' is not one of: {', '.join(values)}{suggest(text, values)}")
        return None

    def unique(self, seen: dict[str, int], key: str, node: Node, field: str, what: str) -> None:
        if key in seen:
            self.add(node, field, f"duplicate {what} '{key}' (first used at line {seen[key]})")
        else:
            seen[key] = node.line


def _entries(c: Checker, root: Mapping, key: str, spec: dict[str, bool]) -> Iterator[Mapping]:
    """The mappings of one header list, each with its fields checked against ``spec``."""
    for item in c.items(root, key, required=True):
        m = c.mapping(item, key)
        if m is not None:
            c.fields(m, spec)
            yield m


def _named(c: Checker, root: Mapping, key: str, spec: dict[str, bool], name_field: str,
           what: str) -> list[tuple[str, str | None, str | None, Node]]:
    """Topics and articles alike: (id, name, description, id node) for each valid id.

    An entry whose name is missing still declares its id, so that facts using
    it are not reported a second time for naming an unknown topic.
    """
    out = []
    seen: dict[str, int] = {}
    for m in _entries(c, root, key, spec):
        ident, name = c.ident(m, "id"), c.text(m, name_field)
        desc = c.text(m, "description") if "description" in m.entries else None
        id_node = m.get("id") or m
        if ident is not None:
            c.unique(seen, ident, id_node, "id", what)
            out.append((ident, name, desc, id_node))
    return out


def _references(c: Checker, root: Mapping) -> list[Reference]:
    references = []
    seen: dict[str, int] = {}
    for m in _entries(c, root, "references", REFERENCE_FIELDS):
        id_node = m.get("id")
        ref_id = None
        if id_node is not None:
            if isinstance(id_node, Scalar) and isinstance(id_node.value, int) \
                    and not isinstance(id_node.value, bool) and id_node.value > 0:
                ref_id = id_node.value
                c.unique(seen, str(ref_id), id_node, "id", "reference number")
            else:
                c.add(id_node, "id", f"expected a reference number like 4, got {describe(id_node)}")
        title, publisher, citation = (c.text(m, k) for k in ("title", "publisher", "citation"))
        if ref_id is not None and title and publisher and citation:
            references.append(Reference(ref_id, title, publisher, citation))
    return references


def _sources(c: Checker, m: Mapping, refs: set[int], arts: set[str]) -> list[SourceKey]:
    out: list[SourceKey] = []
    for i, node in enumerate(c.items(m, "source", required=True)):
        field = f"source[{i}]"
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, int) and not isinstance(value, bool):
            if value in refs:
                out.append(value)
            else:
                known = (", ".join(str(r) for r in sorted(refs)) or "none") if len(refs) < 4 \
                    else f"{min(refs)}–{max(refs)}"
                c.add(node, field, f"[{value}] names no known reference (known: {known})")
        elif isinstance(value, str) and value.strip():
            if value in arts:
                out.append(value)
            else:
                c.add(node, field, f"'{value}' names no known reference or article"
                      f"{suggest(value, arts)}")
        else:
            c.add(node, field,
                  f"expected a reference number or an article id, got {describe(node)}")
    return out


def _date(c: Checker, m: Mapping) -> FactDate | None:
    date_node, prec_node = m.get("date"), m.get("date_precision")
    precision = c.choice(m, "date_precision", Precision)
    if date_node is None:
        if prec_node is not None:
            c.add(prec_node, "date_precision", "given without a date; add date or remove this")
        return None
    text = c.text_node(date_node, "date")
    if text is None:
        return None
    try:
        date = FactDate.parse_iso(text)
    except ValueError as exc:
        c.add(date_node, "date", f"'{text}' is not a valid date: {exc}")
        return None
    if prec_node is None:
        c.add(m, "date_precision",
              f"required with a date (here '{date.precision.value}', to match {text})")
        return None
    if precision is not None and precision != date.precision:
        c.add(prec_node, "date_precision",
              f"'{precision}' does not match date {text}, which has "
              f"{date.precision.value} precision")
        return None
    return date


def _answer_checks(c: Checker, m: Mapping, answer: str, kind: AnswerKind | None,
                   date: FactDate | None, aliases: list[str]) -> list[str]:
    answer_node = m.get("answer") or m
    if kind in DATE_KIND_PRECISION:
        assert kind is not None
        want = DATE_KIND_PRECISION[kind]
        if date is None and "date" not in m.entries:
            c.add(m, "date", f"required when answer_kind is '{kind}'")
        elif date is not None and date.precision != want:
            c.add(m.get("answer_kind") or m, "answer_kind",
                  f"'{kind}' needs a date of {want.value} precision, but date is {date.iso()}")
        elif date is not None:
            said = spoken_date(answer)
            if said is None:
                c.add(answer_node, "answer", f"'{answer}' is not written as a date like '{date}'")
            elif said != date:
                c.add(answer_node, "answer", f"'{answer}' does not match date {date.iso()}")
    elif kind == AnswerKind.NUMBER and not any(ch.isdigit() for ch in answer):
        c.add(answer_node, "answer",
              f"'{answer}' is a number answer without digits; write it in digits "
              "and put the words in aliases")
    wrong = c.text_list(m, "wrong_answers")
    right = {fold(answer): "the answer"} | {fold(a): f"the alias '{a}'" for a in aliases}
    seen: set[str] = set()
    node = m.get("wrong_answers")
    for i, w in enumerate(wrong):
        item = node.items[i] if isinstance(node, Sequence) else m
        key = fold(w)
        if key in right:
            c.add(item, f"wrong_answers[{i}]", f"'{w}' is the same as {right[key]}")
        elif key in seen:
            c.add(item, f"wrong_answers[{i}]", f"'{w}' is given twice")
        seen.add(key)
    return wrong


def _fact(c: Checker, m: Mapping, topics: set[str], refs: set[int], arts: set[str],
          ) -> Fact | None:
    c.fields(m, FACT_FIELDS)
    fid = c.ident(m, "id")
    topic = c.ident(m, "topic")
    topic_node = m.get("topic")
    if topic is not None and topic_node is not None and topic not in topics:
        c.add(topic_node, "topic", f"'{topic}' is not a declared topic{suggest(topic, topics)}")
        topic = None
    statement, question, answer = (c.text(m, k) for k in ("statement", "question", "answer"))
    kind_text = c.choice(m, "answer_kind", AnswerKind)
    kind = AnswerKind(kind_text) if kind_text else None
    aliases = c.text_list(m, "aliases")
    tags = []
    tag_node = m.get("tags")
    for i, tag in enumerate(c.text_list(m, "tags", required=True)):
        if ID_PATTERN.fullmatch(tag):
            tags.append(tag)
        else:
            where = tag_node.items[i] if isinstance(tag_node, Sequence) else m
            c.add(where, f"tags[{i}]", f"'{tag}' must be lower-case letters, digits and hyphens")
    source = _sources(c, m, refs, arts)
    date = _date(c, m)
    wrong = _answer_checks(c, m, answer, kind, date, aliases) if answer else []
    explanation = c.text(m, "explanation")
    revision = 1
    rev_node = m.get("revision")
    if rev_node is not None:
        value = rev_node.value if isinstance(rev_node, Scalar) else None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            revision = value
        else:
            c.add(rev_node, "revision", f"expected a whole number from 1 up, got "
                  f"{describe(rev_node)}; raise it by one each time you correct the fact")
    if None in (fid, topic, statement, question, answer, kind) or not source or not tags:
        return None
    assert fid and topic and statement and question and answer and kind
    return Fact(fid, topic, statement, question, answer, kind, tuple(source), tuple(tags),
                tuple(aliases), date, tuple(wrong), explanation, revision, m.line)


def _decode(data: bytes, path: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise FactFileError([Problem(path, line, column, "",
                                     f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); "
                                     "save it as UTF-8")]) from None
    return text.removeprefix("\ufeff")


def loads(data: bytes | str, path: str = "<string>", *, pure: bool = False) -> FactBase:
    """Parse and check a whole fact file given as bytes or text.

    Raises :class:`FactFileError` with every problem found. ``pure`` forces
    PyYAML's Python parser (the default uses libyaml's when it is installed).
    """
    text = _decode(data, path) if isinstance(data, bytes) else data
    if not text.strip():
        raise FactFileError([Problem(path, 1, 1, "", "file is empty")])
    doc = yamldoc.read(text, path, pure=pure)
    c = Checker(path, list(doc.problems))
    root = doc.root
    if not isinstance(root, Mapping):
        c.add(root, "", f"expected a mapping with a header and 'facts', got {describe(root)}")
        raise FactFileError(c.problems)
    c.fields(root, HEADER_FIELDS)
    header = {k: c.text(root, k) for k in ("title", "version", "updated", "license",
                                            "attribution", "license_url")}
    set_id = c.ident(root, "id") if root.get("id") is not None else None
    updated_node = root.get("updated")
    if header["updated"] and updated_node is not None:
        try:
            if FactDate.parse_iso(header["updated"]).precision is not Precision.DAY:
                raise ValueError("write it as YYYY-MM-DD")
        except ValueError as exc:
            c.add(updated_node, "updated", f"'{header['updated']}' is not a valid date: {exc}")

    named_topics = _named(c, root, "topics", TOPIC_FIELDS, "name", "topic id")
    named_articles = _named(c, root, "articles", ARTICLE_FIELDS, "title", "article id")
    topics = [Topic(i, n, d) for i, n, d, _ in named_topics if n is not None]
    articles = [Article(i, n, d) for i, n, d, _ in named_articles if n is not None]
    references = _references(c, root)
    topic_ids = {i for i, *_ in named_topics}
    ref_ids = {r.id for r in references}
    art_ids = {i for i, *_ in named_articles}

    facts: list[Fact] = []
    seen_ids: dict[str, int] = {}
    for item in c.items(root, "facts", required=True):
        m = c.mapping(item, "facts")
        if m is None:
            continue
        fact = _fact(c, m, topic_ids, ref_ids, art_ids)
        id_node = m.get("id")
        fid = id_node.text if isinstance(id_node, Scalar) else None
        if fid and id_node is not None:
            c.unique(seen_ids, fid, id_node, "id", "fact id")
        if fact is not None:
            facts.append(fact)

    used = {f.topic for f in facts}
    if not c.problems:
        for tid, _, _, node in named_topics:
            if tid not in used:
                c.add(node, "id", f"topic '{tid}' is declared but no fact uses it")
    if c.problems:
        raise FactFileError(c.problems)
    return FactBase(
        title=header["title"] or "", version=header["version"] or "",
        updated=header["updated"] or "", license=header["license"] or "",
        attribution=header["attribution"] or "", license_url=header["license_url"],
        topics=tuple(topics), references=tuple(references), articles=tuple(articles),
        facts=tuple(facts), path=path, id=set_id or slug(header["title"] or "facts"),
    )


def load(path: str | Path, *, pure: bool = False) -> FactBase:
    """Read a fact file from disk; any failure is a :class:`FactFileError`."""
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise FactFileError([Problem(shown, 0, 0, "", "file not found")]) from None
    except IsADirectoryError:
        raise FactFileError([Problem(shown, 0, 0, "", "is a directory, not a fact file")]) from None
    except OSError as exc:
        raise FactFileError([Problem(shown, 0, 0, "", f"cannot be read: {exc.strerror}")]) from None
    return loads(data, shown, pure=pure)
