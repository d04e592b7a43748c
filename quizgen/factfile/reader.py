"""The fact file's rules: which fields it has and what must hold between them.

A person edits ``facts.yaml`` by hand, so every check here records a problem
with the file, line, column and field through a :class:`~quizgen.factfile.checker.Checker`
and carries on, and :func:`load` raises one :class:`FactFileError` holding
them all, sorted by position.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Collection
from pathlib import Path
from urllib.parse import urlsplit

from quizgen.errors import CONTROL, FactFileError, Problem
from quizgen.factfile import entity_refs, yamldoc
from quizgen.factfile.checker import ID_PATTERN, Checker, declared_ones, decode, read_bytes
from quizgen.factfile.header import (
    ANSWER_CLASS_FIELDS,
    ARTICLE_FIELDS,
    HEADER_FIELDS,
    REFERENCE_FIELDS,
    TOPIC_FIELDS,
    Header,
    Known,
    ReportMissing,
)
from quizgen.factfile.yamldoc import Mapping, Node, Scalar, Sequence, describe
from quizgen.facts import DATE_KIND_PRECISION, POOLED_KINDS, AnswerKind, Fact, FactBase, SourceKey
from quizgen.language.dates import FactDate, Precision, spoken_date
from quizgen.language.text import fold, suggest

__all__ = [
    "ANSWER_CLASS_FIELDS",
    "ARTICLE_FIELDS",
    "FACT_FIELDS",
    "HEADER_FIELDS",
    "MAX_FACTS",
    "REFERENCE_FIELDS",
    "TOPIC_FIELDS",
    "YEARS",
    "load",
    "loads",
    "parse_date",
    "slug",
]

FACT_FIELDS = {
    "id": True,
    "topic": True,
    "statement": True,
    "question": True,
    "answer": True,
    "answer_kind": True,
    "answer_class": False,
    "entity": False,
    "aliases": False,
    "date": False,
    "date_precision": False,
    "tags": True,
    "source": True,
    "wrong_answers": False,
    "explanation": False,
    "revision": False,
    "worded": False,
}
YEARS = range(1000, 3000)
"""Years a date in a fact file may have. Answers write years in four digits, and
questions, wrong answers and timelines move dates by months and years: a bound far
inside :mod:`datetime`'s 1-9999 means a date that validates never overflows later."""
MAX_FACTS = 200_000
"""Most facts read from one file (with :data:`~quizgen.inputs.MAX_FACT_FILE_BYTES`, the
documented limit): past it the load stops at once with one problem, rather than after
minutes, or at MemoryError. 100,000 facts load in under 300 MiB."""
_CLASSED_KINDS = ", ".join(k.value for k in AnswerKind if k in POOLED_KINDS)


def slug(text: str) -> str:
    """A fact set id made from its title, for files that do not declare one."""
    return "-".join(fold(text).replace("_", " ").split()) or "facts"


def _sources(c: Checker, m: Mapping, known: Known) -> list[SourceKey]:
    out: list[SourceKey] = []
    for i, node in enumerate(c.items(m, "source", required=True)):
        field = f"source[{i}]"
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, int) and not isinstance(value, bool):
            if known.check("references", value, _no_reference(c, node, field, value)):
                out.append(value)
        elif isinstance(value, str) and value.strip() and c.text_node(node, field):
            if known.check("articles", value, _no_article(c, node, field, value)):
                out.append(sys.intern(value))
        elif isinstance(value, str) and value.strip():
            pass  # text_node reported it
        else:
            c.add(
                node, field, f"expected a reference number or an article id, got {describe(node)}"
            )
    return out


def parse_date(text: str) -> FactDate:
    """A date as the file writes it (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``) within
    :data:`YEARS`; ValueError says what is wrong."""
    year = text.strip()[:4]
    if year.isdigit() and int(year) not in YEARS:
        raise ValueError(f"years from {YEARS.start} to {YEARS.stop - 1} only")
    return FactDate.parse_iso(text)


def _no_reference(c: Checker, node: Node, field: str, value: int) -> ReportMissing[int]:
    def report(refs: Collection[int]) -> None:
        known = (
            (", ".join(str(r) for r in sorted(refs)) or "none")
            if len(refs) < 4
            else f"{min(refs)}–{max(refs)}"
        )
        c.add(node, field, f"[{value}] names no known reference (known: {known})")

    return report


def _no_article(c: Checker, node: Node, field: str, value: str) -> ReportMissing[str]:
    def report(arts: Collection[str]) -> None:
        c.add(node, field, f"'{value}' names no known reference or article{suggest(value, arts)}")

    return report


def _declared(
    c: Checker, m: Mapping, name: str, known: Known, section: str, what: str
) -> str | None:
    """An id field that must name one the header declares under ``section``."""
    text = c.ident(m, name)
    node = m.get(name)
    if text is None or node is None:
        return None

    def report(ids: Collection[str]) -> None:
        hint = suggest(text, ids) + declared_ones(ids) if ids else f"; declare it under {section}"
        c.add(node, name, f"'{text}' is not a declared {what}{hint}")

    return text if known.check(section, text, report) else None


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
        date = parse_date(text)
    except ValueError as exc:
        c.add(date_node, "date", f"'{text}' is not a valid date: {exc}")
        return None
    if prec_node is None:
        c.add(
            m,
            "date_precision",
            f"required with a date (here '{date.precision.value}', to match {text})",
        )
        return None
    if precision is not None and precision != date.precision:
        c.add(
            prec_node,
            "date_precision",
            f"'{precision}' does not match date {text}, which has {date.precision.value} precision",
        )
        return None
    return date


def _answer_checks(
    c: Checker,
    m: Mapping,
    answer: str,
    kind: AnswerKind | None,
    date: FactDate | None,
    aliases: list[str],
) -> list[str]:
    answer_node = m.get("answer") or m
    if kind in DATE_KIND_PRECISION:
        assert kind is not None
        want = DATE_KIND_PRECISION[kind]
        if date is None and "date" not in m.entries:
            c.add(m, "date", f"required when answer_kind is '{kind}'")
        elif date is not None and date.precision != want:
            c.add(
                m.get("answer_kind") or m,
                "answer_kind",
                f"'{kind}' needs a date of {want.value} precision, but date is {date.iso()}",
            )
        elif date is not None:
            said = spoken_date(answer)
            if said is None:
                c.add(answer_node, "answer", f"'{answer}' is not written as a date like '{date}'")
            elif said != date:
                c.add(answer_node, "answer", f"'{answer}' does not match date {date.iso()}")
    elif kind == AnswerKind.NUMBER and not any(ch.isdigit() for ch in answer):
        c.add(
            answer_node,
            "answer",
            f"'{answer}' is a number answer without digits; write it in digits "
            "and put the words in aliases",
        )
    wrong = c.text_list(m, "wrong_answers")
    if not wrong:
        return wrong
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


def _answer_class(
    c: Checker,
    m: Mapping,
    kind: AnswerKind | None,
    known: Known,
) -> str | None:
    """The fact's declared answer class, if it gives one that may be used."""
    node = m.get("answer_class")
    name = _declared(c, m, "answer_class", known, "answer_classes", "answer class")
    if node is None or name is None:
        return None
    if kind is not None and kind not in POOLED_KINDS:
        c.add(
            node,
            "answer_class",
            f"only answers of kind {_CLASSED_KINDS} have a class; this answer_kind is '{kind}'",
        )
        return None
    return name


def _new_fact(
    m: Mapping,
    head: tuple[str, str, str, str, str, AnswerKind],
    lists: tuple[Collection[SourceKey], Collection[str], Collection[str], Collection[str]],
    date: FactDate | None,
    rest: tuple[str | None, int, str | None, str | None, bool],
) -> Fact:
    """A fact from its read fields: the one place both reading paths (the checked one and the
    clean one) make it, so that they cannot come to differ in how."""
    source, tags, aliases, wrong = lists
    explanation, revision, answer_class, entity, worded = rest
    return Fact(
        *head,
        source=tuple(source),
        tags=tuple(tags),
        aliases=tuple(aliases),
        date=date,
        wrong_answers=tuple(wrong),
        explanation=explanation,
        revision=revision,
        line=m.line,
        answer_class=answer_class,
        entity=entity,
        worded=worded,
    )


def _fact(c: Checker, m: Mapping, known: Known) -> Fact | None:
    c.fields(m, FACT_FIELDS)
    fid = c.ident(m, "id")
    entity = c.ident(m, "entity")
    topic = _declared(c, m, "topic", known, "topics", "topic")
    statement, question, answer = (c.text(m, k) for k in ("statement", "question", "answer"))
    kind_text = c.choice(m, "answer_kind", AnswerKind)
    kind = AnswerKind(kind_text) if kind_text else None
    answer_class = _answer_class(c, m, kind, known)
    aliases = c.text_list(m, "aliases")
    tags = c.ident_list(m, "tags", required=True)
    source = _sources(c, m, known)
    date = _date(c, m)
    wrong = _answer_checks(c, m, answer, kind, date, aliases) if answer else []
    explanation = c.text(m, "explanation")
    revision = (
        c.number(
            m,
            "revision",
            "a whole number from 1 up",
            "; raise it by one each time you correct the fact",
        )
        or 1
    )
    worded = c.flag(m, "worded")
    if None in (fid, topic, statement, question, answer, kind) or not source or not tags:
        return None
    assert fid and topic and statement and question and answer and kind
    head = (fid, topic, statement, question, answer, kind)
    lists = (source, tags, aliases, wrong)
    return _new_fact(m, head, lists, date, (explanation, revision, answer_class, entity, worded))


_FACT_KEYS = FACT_FIELDS.keys()
_REQUIRED_FACT_KEYS = frozenset(name for name, required in FACT_FIELDS.items() if required)
_KIND_OF = {str(kind): kind for kind in AnswerKind}
"""An answer kind as the file writes it (what :meth:`Checker.choice` accepts), and its value."""
_bad = CONTROL.search
_is_id = ID_PATTERN.fullmatch


def _clean_text(node: Node) -> str | None:
    """What :meth:`Checker.text_node` returns for ``node`` when it has nothing to report;
    None when it would report something (then the fact takes the checked path)."""
    if type(node) is not Scalar or node.value is None or _bad(node.text):
        return None
    return " ".join(node.text.split()) or None


def _clean_id(node: Node) -> str | None:
    """What :meth:`Checker.ident` returns for ``node`` when it has nothing to report; else None.
    An id is ASCII letters, digits and hyphens, so no character of it can be a bad one."""
    if type(node) is not Scalar or node.value is None or not _is_id(node.text):
        return None
    return sys.intern(node.text)


def _clean_list(node: Node | None, each: Callable[[Node], str | None]) -> list[str] | None:
    """A list field whose every item ``each`` reads cleanly (absent: []); else None."""
    if node is None:
        return []
    if type(node) is not Sequence:
        return None
    out = []
    for item in node.items:
        value = each(item)
        if value is None:
            return None
        out.append(value)
    return out


def _clean_sources(node: Node, known: Known) -> list[SourceKey] | None:
    """What :func:`_sources` returns when it has nothing to report (every section it looks
    in already read, so nothing waits); else None."""
    if type(node) is not Sequence or not node.items:
        return None
    out: list[SourceKey] = []
    for item in node.items:
        value = item.value if type(item) is Scalar else None
        if type(value) is int:
            numbers = known.ids["references"]
            if numbers is None or value not in numbers:
                return None
            out.append(value)
        elif type(value) is str and value.strip() and _clean_text(item) is not None:
            names = known.ids["articles"]
            if names is None or value not in names:
                return None
            out.append(sys.intern(value))
        else:
            return None
    return out


def _clean_fact(c: Checker, m: Mapping, known: Known) -> Fact | None:
    """The fact :func:`_fact` makes of ``m`` when it finds nothing wrong, made without its
    round of calls per field; None at anything it would look at twice (a field that is
    absent, of another shape, unknown, not declared yet, or wrong), and then
    :func:`_fact` checks the fact and reports what it finds, exactly as ever.

    Nearly every fact of a large file is like every other and has nothing wrong: this
    is the path they take, at about a third of the cost. The fields few facts have
    (a date, wrong answers, an explanation, a revision) go through the checked
    functions themselves; a problem they record is taken back, and the fact checked
    whole.
    """
    e = m.entries
    if not (e.keys() <= _FACT_KEYS and e.keys() >= _REQUIRED_FACT_KEYS):
        return None
    topics = known.ids["topics"]
    fid, topic = _clean_id(e["id"][1]), _clean_id(e["topic"][1])
    statement, question = _clean_text(e["statement"][1]), _clean_text(e["question"][1])
    answer, kind_text = _clean_text(e["answer"][1]), _clean_text(e["answer_kind"][1])
    kind = _KIND_OF.get(kind_text) if kind_text is not None else None
    if (
        fid is None
        or topic is None
        or topics is None
        or topic not in topics
        or statement is None
        or question is None
        or answer is None
        or kind is None
    ):
        return None
    entity = answer_class = None
    if "entity" in e and (entity := _clean_id(e["entity"][1])) is None:
        return None
    if "answer_class" in e:
        answer_class = _clean_id(e["answer_class"][1])
        classes = known.ids["answer_classes"]
        if answer_class is None or classes is None or answer_class not in classes:
            return None
        if kind not in POOLED_KINDS:
            return None
    aliases = _clean_list(m.get("aliases"), _clean_text)
    tags = _clean_list(e["tags"][1], _clean_id)
    source = _clean_sources(e["source"][1], known)
    if aliases is None or not tags or source is None:
        return None
    before = len(c.problems)
    date = _date(c, m) if "date" in e or "date_precision" in e else None
    wrong = _answer_checks(c, m, answer, kind, date, aliases)
    explanation = c.text(m, "explanation") if "explanation" in e else None
    revision = 1
    if "revision" in e:
        revision = c.number(m, "revision", "a whole number from 1 up") or 1
    worded = c.flag(m, "worded") if "worded" in e else False
    if len(c.problems) != before or (date is None and "date" in e):
        del c.problems[before:]  # _fact reports them, with what else it finds
        return None
    head = (fid, topic, statement, question, answer, kind)
    lists = (source, tags, aliases, wrong)
    return _new_fact(m, head, lists, date, (explanation, revision, answer_class, entity, worded))


class _Facts:
    """The consumer of the streamed ``facts`` list: each fact checked as it completes."""

    def __init__(self, c: Checker, header: Header) -> None:
        self.c, self.header = c, header
        self.facts: list[Fact] = []
        self.seen_ids: dict[str, int] = {}
        self.wheres: dict[int, entity_refs.Where] = {}
        """Where each fact that may name an entity wrote its fields (see :mod:`.entity_refs`)."""

    def __call__(self, item: Node, root: Mapping) -> None:
        c = self.c
        if len(self.facts) >= MAX_FACTS:
            raise FactFileError(
                [
                    Problem(
                        c.path,
                        item.line,
                        item.column,
                        "facts",
                        f"more than {MAX_FACTS:,} facts; quizgen reads at most {MAX_FACTS:,} from "
                        "one file: split it",
                    )
                ]
            )
        self.header.take(root)
        m = c.mapping(item, "facts")
        if m is None:
            return
        fact = _clean_fact(c, m, self.header.known) or _fact(c, m, self.header.known)
        id_node = m.get("id")
        fid = id_node.text if isinstance(id_node, Scalar) else None
        if fid and id_node is not None:
            c.unique(self.seen_ids, fid, id_node, "id", "fact id")
        if fact is not None:
            if fact.entity is not None or fact.answer_kind in POOLED_KINDS:
                self.wheres[len(self.facts)] = entity_refs.Where.of(m)
            self.facts.append(fact)


def _source(data: bytes | str, path: str, pure: bool) -> bytes | str:
    """What the parser reads: checked UTF-8, and not empty. Bytes stay bytes for
    libyaml (a string it would copy into UTF-8 again: 25 MB at 100,000 facts)."""
    text = decode(data, path) if isinstance(data, bytes) else data
    if not text.strip():
        raise FactFileError([Problem(path, 1, 1, "", "file is empty")])
    return text if pure or isinstance(data, str) else data


def loads(
    data: bytes | str, path: str = "<string>", *, pure: bool = False, whole: bool = True
) -> FactBase:
    """Parse and check a whole fact file given as bytes or text.

    Raises :class:`FactFileError` with every problem found. ``pure`` forces
    PyYAML's Python parser (the default uses libyaml's when it is installed).
    Facts are checked as the parser completes each, and its YAML is dropped.
    ``whole`` False: ``data`` is the file with only some of its facts (the others
    blanked, :mod:`.split`), so what only all the facts together can show (a
    topic no fact uses) is left to the caller.
    """
    c = Checker(path, [])
    header = Header(c)
    reader = _Facts(c, header)
    doc = yamldoc.read(_source(data, path, pure), path, pure=pure, stream=("facts", reader))
    c.problems.extend(doc.problems)
    root = doc.root
    if not isinstance(root, Mapping):
        c.add(root, "", f"expected a mapping with a header and 'facts', got {describe(root)}")
        raise FactFileError(c.problems)
    c.fields(root, HEADER_FIELDS)
    head = {
        k: c.text(root, k)
        for k in ("title", "version", "updated", "license", "attribution", "license_url")
    }
    url_node = root.get("license_url")
    if url_node is not None and head["license_url"] and not _web_address(head["license_url"]):
        c.add(
            url_node,
            "license_url",
            f"'{head['license_url']}' is not a web address: only "
            "http:// and https:// addresses may be linked",
        )
    set_id = c.ident(root, "id") if root.get("id") is not None else None
    updated_node = root.get("updated")
    if head["updated"] and updated_node is not None:
        try:
            if parse_date(head["updated"]).precision is not Precision.DAY:
                raise ValueError("write it as YYYY-MM-DD")
        except ValueError as exc:
            c.add(updated_node, "updated", f"'{head['updated']}' is not a valid date: {exc}")
    header.take(root, final=True)
    listed = root.get("facts")
    if not (isinstance(listed, Sequence) and listed.streamed):  # not a list, or empty
        for item in c.items(root, "facts", required=True):
            reader(item, root)
    header.known.settle()
    facts = reader.facts
    classes = header.known.ids["answer_classes"]
    found = entity_refs.read(c, root, {str(k) for k in classes} if classes else None)
    if found or any(f.entity is not None for f in facts):
        entity_refs.tie(c, facts, reader.wheres, found)
    header.used_classes.update(e.answer_class for e in found.all)
    if whole and not c.problems:  # else a fact left out for another mistake may use it
        header.unused(facts)
    if c.problems:
        raise FactFileError(c.problems)
    return FactBase(
        title=head["title"] or "",
        version=head["version"] or "",
        updated=head["updated"] or "",
        license=head["license"] or "",
        attribution=head["attribution"] or "",
        license_url=head["license_url"],
        topics=tuple(header.topics),
        references=tuple(header.references),
        articles=tuple(header.articles),
        facts=tuple(facts),
        path=path,
        id=set_id or slug(head["title"] or "facts"),
        answer_classes=tuple(header.classes),
        entities=found,
        id_declared=set_id is not None,
    )


def _web_address(url: str) -> bool:
    """An http(s) URL with a host: a page links it, so ``javascript:`` must never pass."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def load(path: str | Path, *, pure: bool = False) -> FactBase:
    """Read a fact file from disk; any failure is a :class:`FactFileError`."""
    return loads(read_bytes(path, "fact file"), str(path), pure=pure)
