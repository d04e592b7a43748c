"""Moodle XML: every question kind, as Moodle's "Moodle XML format" import reads it.

GIFT cannot express ordering and is fragile with ordinary punctuation; Moodle
XML holds all six kinds with no syntax inside the text:

- multiple choice as ``multichoice`` (one right answer), true/false as
  ``truefalse``, typed and fill-in-the-blank as ``shortanswer`` (every
  accepted form an answer at 100%), matching as ``matching`` (each statement
  a sub-question, the names its choices), timelines as ``ordering`` (Moodle's
  ordering question, standard since Moodle 4.4: the events in the right
  order, each answer's ``fraction`` its position, graded by absolute position);
- one ``category`` question per topic, path ``$course$/title/topic`` with a
  ``/`` inside a name doubled, as Moodle's own exporter writes it;
- the explanation and source as general feedback.

Every shown text is in ``html`` format and HTML-escaped, so a fact's ``<b>``
shows as ``<b>`` and ``&#123;`` as ``&#123;`` (Moodle's plain-text format
would turn that entity into ``{``); matching choices, which Moodle shows with
``format_string``, are escaped the same way. Short answers are compared, not
shown: only Moodle's wildcard ``*`` is escaped (``\\*``). ElementTree escapes
for XML, and control characters are replaced first (:mod:`quizgen.export.safe`),
so the document is always well-formed.
"""

from __future__ import annotations

import html
from xml.etree import ElementTree as ET

from quizgen.export import Content, Format, Rendered, register
from quizgen.export.answers import accepted_forms, grader_for
from quizgen.export.gift import category_name
from quizgen.export.safe import clean
from quizgen.grading import Grader
from quizgen.items import Item, Shape
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem

TYPES = {
    Shape.CHOICE: "multichoice", Shape.TRUTH: "truefalse", Shape.TEXT: "shortanswer",
    Shape.PAIRS: "matching", Shape.ORDER: "ordering",
}  # fmt: skip
"""Moodle's question type for each shape it has a question for."""


def why_not(q: Item) -> str | None:
    """Why Moodle XML cannot hold an item (a shape it has no question for), or None."""
    return None if TYPES.get(q.shape) else f"Moodle has no question for {q.label.lower()} items"


def shown(text: str) -> str:
    """Text for an ``html``-format field: shown exactly as the fact file writes it."""
    return html.escape(" ".join(clean(text).split()), quote=False)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    element = _sub(parent, tag, **({"format": fmt} if fmt else {}))
    _sub(element, "text", text)
    return element


def _answer(question: ET.Element, fraction: str, text: str, fmt: str = "html") -> None:
    answer = _sub(question, "answer", fraction=fraction, format=fmt)
    _sub(answer, "text", text)
    _text(answer, "feedback", "")


def _body(question: ET.Element, q: Item, grader: Grader) -> None:
    if isinstance(q, ChoiceItem):
        for tag, value in (
            ("single", "true"),
            ("shuffleanswers", "true"),
            ("answernumbering", "abc"),
        ):
            _sub(question, tag, value)
        for option in q.options:
            _answer(question, "100" if option == q.answer else "0", shown(option))
    elif isinstance(q, TruthItem):
        _answer(question, "100" if q.truth else "0", "true", "moodle_auto_format")
        _answer(question, "0" if q.truth else "100", "false", "moodle_auto_format")
    elif isinstance(q, TextItem):
        _sub(question, "usecase", "0")
        for accepted in accepted_forms(grader, q):
            typed = " ".join(clean(accepted).split()).replace("*", "\\*")
            _answer(question, "100", typed, "moodle_auto_format")
    elif isinstance(q, PairsItem):
        _sub(question, "shuffleanswers", "true")
        for name, statement in sorted(q.answer, key=lambda p: q.statements.index(p[1])):
            sub = _text(question, "subquestion", shown(statement))
            _sub(_sub(sub, "answer"), "text", shown(name))
    else:
        assert isinstance(q, OrderItem)
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", "0"),
            ("gradingtype", "ABSOLUTE_POSITION"),
            ("showgrading", "SHOW"),
            ("numberingstyle", "none"),
        ):
            _sub(question, tag, value)
        for position, entry in enumerate(q.answer, start=1):
            _answer(question, f"{position}.0000000", shown(entry))


def render(content: Content) -> Rendered:
    """The XML document, and (item id, reason) for each item left out (none, today)."""
    base, questions = content.base, content.items
    grader = grader_for(base)
    quiz = ET.Element("quiz")
    skipped: list[tuple[str, str]] = []
    category = None
    for q in questions:
        kind = TYPES.get(q.shape)
        if kind is None:
            skipped.append((q.id, why_not(q) or ""))
            continue
        topic = base.topic_name(q.topic)
        if topic != category:
            path = f"$course$/{category_name(base.title)}/{category_name(topic)}"
            _sub(_sub(_sub(quiz, "question", type="category"), "category"), "text", path)
            category = topic
        question = _sub(quiz, "question", type=kind)
        _sub(_sub(question, "name"), "text", " ".join(clean(q.id).split()))
        _text(question, "questiontext", shown(q.prompt))
        sources = ", ".join(base.source_label(s) for s in q.source)
        _text(question, "generalfeedback", shown(f"{q.explanation} Source: {sources}".strip()))
        for tag, value in (("defaultgrade", "1"), ("penalty", "0.3333333"), ("hidden", "0")):
            _sub(question, tag, value)
        _body(question, q, grader)
    ET.indent(quiz)
    return Rendered(
        b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8") + b"\n",
        skipped,
    )


SHAPES = frozenset(Shape) - {Shape.SELF}
HELP = "Moodle XML: every kind, timelines as ordering questions, matching as matching."
FORMAT = register(Format("moodle-xml", "questions.xml", SHAPES, HELP, render, why_not))
