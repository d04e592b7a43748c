"""The fact file's rules: which fields it has and what must hold between them.

A person edits ``facts.yaml`` by hand, so every check here records a problem
with the file, line, column and field through a :class:`~quizgen.checker.Checker`
and carries on, and :func:`load` raises one :class:`FactFileError` holding
them all, sorted by position.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from quizgen import yamldoc
from quizgen.checker import Checker, decode, read_bytes
from quizgen.dates import FactDate, Precision, spoken_date
from quizgen.errors import FactFileError, Problem
from quizgen.facts import (
    DATE_KIND_PRECISION,
    POOLED_KINDS,
    AnswerClass,
    AnswerKind,
    Article,
    Fact,
    FactBase,
    Reference,
    SourceKey,
    Topic,
)
from quizgen.text import fold, suggest
from quizgen.yamldoc import Mapping, Node, Scalar, describe

# Field name -> required? The JSON Schema (quizgen/schema/facts.schema.json)
# states the same; a test keeps the two in step.
HEADER_FIELDS = {
    "id": False, "title": True, "version": True, "updated": True, "license": True,
    "license_url": False, "attribution": True, "topics": True, "answer_classes": False,
    "references": True, "articles": True, "facts": True,
}
TOPIC_FIELDS = {"id": True, "name": True, "description": False}
ANSWER_CLASS_FIELDS = {"id": True, "name": True, "description": False}
REFERENCE_FIELDS = {"id": True, "title": True, "publisher": True, "citation": True}
ARTICLE_FIELDS = {"id": True, "title": True, "description": False}
FACT_FIELDS = {
    "id": True, "topic": True, "statement": True, "question": True, "answer": True,
    "answer_kind": True, "answer_class": False, "aliases": False, "date": False,
    "date_precision": False, "tags": True, "source": True, "wrong_answers": False,
    "explanation": False, "revision": False,
}
_T = TypeVar("_T", Topic, AnswerClass, Article)
_CLASSED_KINDS = ", ".join(k.value for k in AnswerKind if k in POOLED_KINDS)


class _Known(NamedTuple):
    """The ids the header declares, which facts must name."""

    topics: set[str]
    classes: set[str]
    refs: set[int]
    arts: set[str]


def slug(text: str) -> str:
    """A fact set id made from its title, for files that do not declare one."""
    return "-".join(fold(text).replace("_", " ").split()) or "facts"


def _named(c: Checker, root: Mapping, key: str, spec: dict[str, bool], name_field: str,
           what: str, make: Callable[[str, str, str | None], _T], *, required: bool = True,
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


def _references(c: Checker, root: Mapping) -> list[Reference]:
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
    for i, w in enumerate(wrong):
        item = c.item(m, "wrong_answers", i)
        key = fold(w)
        if key in right:
            c.add(item, f"wrong_answers[{i}]", f"'{w}' is the same as {right[key]}")
        elif key in seen:
            c.add(item, f"wrong_answers[{i}]", f"'{w}' is given twice")
        seen.add(key)
    return wrong


def _answer_class(c: Checker, m: Mapping, kind: AnswerKind | None, known: set[str],
                  ) -> str | None:
    """The fact's declared answer class, if it gives one that may be used."""
    node = m.get("answer_class")
    name = c.declared(m, "answer_class", known, "answer class", "answer_classes")
    if node is None or name is None:
        return None
    if kind is not None and kind not in POOLED_KINDS:
        c.add(node, "answer_class", f"only answers of kind {_CLASSED_KINDS} have a class; "
              f"this answer_kind is '{kind}'")
        return None
    return name


def _fact(c: Checker, m: Mapping, known: _Known) -> Fact | None:
    c.fields(m, FACT_FIELDS)
    fid = c.ident(m, "id")
    topic = c.declared(m, "topic", known.topics, "topic", "topics")
    statement, question, answer = (c.text(m, k) for k in ("statement", "question", "answer"))
    kind_text = c.choice(m, "answer_kind", AnswerKind)
    kind = AnswerKind(kind_text) if kind_text else None
    answer_class = _answer_class(c, m, kind, known.classes)
    aliases = c.text_list(m, "aliases")
    tags = c.ident_list(m, "tags", required=True)
    source = _sources(c, m, known.refs, known.arts)
    date = _date(c, m)
    wrong = _answer_checks(c, m, answer, kind, date, aliases) if answer else []
    explanation = c.text(m, "explanation")
    revision = c.number(m, "revision", "a whole number from 1 up",
                        "; raise it by one each time you correct the fact") or 1
    if None in (fid, topic, statement, question, answer, kind) or not source or not tags:
        return None
    assert fid and topic and statement and question and answer and kind
    return Fact(fid, topic, statement, question, answer, kind, tuple(source), tuple(tags),
                tuple(aliases), date, tuple(wrong), explanation, revision, m.line,
                answer_class)


def loads(data: bytes | str, path: str = "<string>", *, pure: bool = False) -> FactBase:
    """Parse and check a whole fact file given as bytes or text.

    Raises :class:`FactFileError` with every problem found. ``pure`` forces
    PyYAML's Python parser (the default uses libyaml's when it is installed).
    """
    text = decode(data, path) if isinstance(data, bytes) else data
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

    topics, topic_ids = _named(c, root, "topics", TOPIC_FIELDS, "name", "topic id", Topic)
    classes, class_ids = _named(c, root, "answer_classes", ANSWER_CLASS_FIELDS, "name",
                                "answer class id", AnswerClass, required=False)
    articles, art_ids = _named(c, root, "articles", ARTICLE_FIELDS, "title", "article id",
                               Article)
    references = _references(c, root)
    known = _Known(set(topic_ids), set(class_ids), {r.id for r in references}, set(art_ids))

    facts: list[Fact] = []
    seen_ids: dict[str, int] = {}
    for item in c.items(root, "facts", required=True):
        m = c.mapping(item, "facts")
        if m is None:
            continue
        fact = _fact(c, m, known)
        id_node = m.get("id")
        fid = id_node.text if isinstance(id_node, Scalar) else None
        if fid and id_node is not None:
            c.unique(seen_ids, fid, id_node, "id", "fact id")
        if fact is not None:
            facts.append(fact)

    if not c.problems:  # else a fact left out for another mistake may be the one using it
        _unused(c, topic_ids, {f.topic for f in facts}, "topic")
        _unused(c, class_ids, {f.answer_class for f in facts}, "answer class")
    if c.problems:
        raise FactFileError(c.problems)
    return FactBase(
        title=header["title"] or "", version=header["version"] or "",
        updated=header["updated"] or "", license=header["license"] or "",
        attribution=header["attribution"] or "", license_url=header["license_url"],
        topics=tuple(topics), references=tuple(references), articles=tuple(articles),
        facts=tuple(facts), path=path, id=set_id or slug(header["title"] or "facts"),
        answer_classes=tuple(classes),
    )


def _unused(c: Checker, declared: dict[str, Node], used: set[str | None], what: str) -> None:
    """A declared id no fact uses is most likely a typo on the facts' side."""
    for ident, node in declared.items():
        if ident not in used:
            c.add(node, "id", f"{what} '{ident}' is declared but no fact uses it")


def load(path: str | Path, *, pure: bool = False) -> FactBase:
    """Read a fact file from disk; any failure is a :class:`FactFileError`."""
    return loads(read_bytes(path, "fact file"), str(path), pure=pure)
