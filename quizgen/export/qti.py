"""A QTI 1.2 package (zip) that Canvas imports as a quiz.

An ``imsmanifest.xml`` names one ``imsqti_xmlv1p2`` resource, the
assessment's ``<questestinterop>`` document. Each item carries Canvas's
``question_type`` metadata and a ``resprocessing`` that scores it:

- multiple choice and true/false: one full-score condition naming the right
  option's ident;
- short answer: one condition whose accepted texts are wrapped in ``<or>``
  (several ``varequal`` side by side are an AND by the QTI standard, which
  Canvas happens to read as OR; other readers do not);
- matching, as Canvas's own ``matching_question``: one ``response_lid`` per
  name, each offering every statement, and one condition per name adding
  its share of the score.

Canvas's classic quizzes have no ordering question, so timelines are left
out and listed (the ``moodle-xml`` format writes them). Each item's metadata also
names its quizgen item and facts (``quizgen_item_id``, ``quizgen_fact_ids``), so that
Canvas's reports can be tied back to them (``quizgen analyse --questions``). Every text passes
through :func:`quizgen.export.safe.clean`: a control character would make
the XML not well-formed.
"""

from __future__ import annotations

import hashlib
from xml.etree import ElementTree as ET

from quizgen.export import Content, Format, Rendered, register
from quizgen.export.answers import accepted_forms, grader_for
from quizgen.export.files import zip_bytes
from quizgen.export.safe import clean
from quizgen.facts import FactBase
from quizgen.grading import Grader
from quizgen.items import Item, Shape
from quizgen.items.shapes import ChoiceItem, PairsItem, TextItem, TruthItem

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
TYPES = {
    Shape.CHOICE: "multiple_choice_question", Shape.TRUTH: "true_false_question",
    Shape.TEXT: "short_answer_question", Shape.PAIRS: "matching_question",
}  # fmt: skip
"""Canvas's question type for each shape written; the others are left out."""


def why_not(q: Item) -> str | None:
    """Why a QTI package for Canvas cannot hold an item, or None if it can."""
    if TYPES.get(q.shape) is not None:
        return None
    return (
        f"Canvas quizzes have no question for {q.label.lower()} items "
        "(the moodle-xml format writes them)"
    )


def ident(*parts: str) -> str:
    """A stable XML identifier (letters first, as XML ids must start)."""
    return "g" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:24]


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = clean(text)
    return element


def _material(parent: ET.Element, text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype="text/plain")


def _item(
    section: ET.Element, base: FactBase, q: Item, number: int, kind: str, grader: Grader
) -> None:
    item = _sub(section, "item", ident=ident("item", str(number), q.id), title=f"Question {number}")
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (
        ("question_type", kind),
        ("points_possible", "1"),
        ("quizgen_item_id", q.id),
        ("quizgen_fact_ids", " ".join(q.fact_ids)),
    ):
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)
    presentation = _sub(item, "presentation")
    _material(presentation, q.prompt)
    processing = _sub(item, "resprocessing")
    _sub(
        _sub(processing, "outcomes"),
        "decvar",
        maxvalue="100",
        minvalue="0",
        varname="SCORE",
        vartype="Decimal",
    )
    if isinstance(q, PairsItem):
        _pairs(presentation, processing, q)
        condition = None
    elif isinstance(q, ChoiceItem | TruthItem):
        response = _sub(presentation, "response_lid", ident="response1", rcardinality="Single")
        choices = _sub(response, "render_choice")
        for option in q.options:
            choice = _sub(choices, "response_label", ident=ident("option", q.id, option))
            _material(choice, option)
        condition = _sub(processing, "respcondition", **{"continue": "No"})
        _sub(
            _sub(condition, "conditionvar"),
            "varequal",
            ident("option", q.id, q.answer),
            respident="response1",
        )
    else:
        assert isinstance(q, TextItem)
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        condition = _sub(processing, "respcondition", **{"continue": "No"})
        either = _sub(_sub(condition, "conditionvar"), "or")
        for accepted in dict.fromkeys(clean(a) for a in accepted_forms(grader, q)):
            _sub(either, "varequal", accepted, respident="response1")
    if condition is not None:
        _sub(condition, "setvar", "100", action="Set", varname="SCORE")
    sources = ", ".join(base.source_label(s) for s in q.source)
    feedback = _sub(item, "itemfeedback", ident="general_fb")
    _material(_sub(feedback, "flow_mat"), f"{q.explanation} Source: {sources}")


def _pairs(presentation: ET.Element, processing: ET.Element, q: PairsItem) -> None:
    """Canvas's matching_question: a response per name, every statement its choices."""
    right = dict(q.answer)
    share = f"{100 / len(q.names):.2f}"
    for i, name in enumerate(q.names, start=1):
        response_id = f"response_{i}"
        response = _sub(presentation, "response_lid", ident=response_id)
        _material(response, name)
        choices = _sub(response, "render_choice")
        for statement in q.statements:
            _material(
                _sub(choices, "response_label", ident=ident("match", q.id, statement)), statement
            )
        condition = _sub(processing, "respcondition")
        _sub(
            _sub(condition, "conditionvar"),
            "varequal",
            ident("match", q.id, right[name]),
            respident=response_id,
        )
        _sub(condition, "setvar", share, varname="SCORE", action="Add")


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + bytes(ET.tostring(root, encoding="utf-8"))


def render(content: Content) -> Rendered:
    """The zip bytes, and (item id, reason) for each item left out."""
    base, questions, title = content.base, content.items, content.title
    assessment_id = ident("assessment", title, *(q.id for q in questions))
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = _sub(root, "assessment", ident=assessment_id, title=clean(title))
    section = _sub(assessment, "section", ident="root_section")
    grader = grader_for(base)
    skipped, number = [], 0
    for q in questions:
        kind = TYPES.get(q.shape)
        if kind is None:
            skipped.append((q.id, why_not(q) or ""))
            continue
        number += 1
        _item(section, base, q, number, kind, grader)
    quiz_path = f"{assessment_id}/{assessment_id}.xml"
    manifest = ET.Element("manifest", identifier=ident("manifest", assessment_id), xmlns=CP_NS)
    metadata = _sub(manifest, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(manifest, "organizations")
    resource = _sub(
        _sub(manifest, "resources"), "resource", identifier=assessment_id, type="imsqti_xmlv1p2"
    )
    _sub(resource, "file", href=quiz_path)
    files = [("imsmanifest.xml", _xml(manifest)), (quiz_path, _xml(root))]
    return Rendered(zip_bytes(files), skipped)


SHAPES = frozenset({Shape.CHOICE, Shape.TRUTH, Shape.TEXT, Shape.PAIRS})
HELP = "A QTI 1.2 package that Canvas imports as a quiz."
FORMAT = register(Format("qti", "questions-qti.zip", SHAPES, HELP, render, why_not))
