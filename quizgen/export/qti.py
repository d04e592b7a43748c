"""A QTI 1.2 package (zip) that Canvas imports as a quiz.

An ``imsmanifest.xml`` names one ``imsqti_xmlv1p2`` resource, the
assessment's ``<questestinterop>`` document. Each item carries Canvas's
``question_type`` metadata and a ``resprocessing`` whose one full-score
condition names the correct response: an option's ident for multiple choice
and true/false, or the accepted texts for short answer. Timelines and
matching are left out and listed (Canvas reads them differently).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from quizgen.export.files import zip_bytes
from quizgen.facts import FactBase
from quizgen.questions import Question, QuestionKind

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
TYPES = {QuestionKind.MC: "multiple_choice_question", QuestionKind.TF: "true_false_question",
         QuestionKind.TYPED: "short_answer_question", QuestionKind.CLOZE: "short_answer_question"}


def ident(*parts: str) -> str:
    """A stable XML identifier (letters first, as XML ids must start)."""
    return "g" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:24]


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype="text/plain")


def _item(section: ET.Element, base: FactBase, q: Question, number: int) -> None:
    item = _sub(section, "item", ident=ident("item", q.id), title=f"Question {number}")
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", TYPES[q.kind]), ("points_possible", "1"),
                         ("quizgen_fact_ids", " ".join(q.fact_ids))):
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)
    presentation = _sub(item, "presentation")
    prompt = q.prompt.removeprefix("True or false: ") if q.kind is QuestionKind.TF else q.prompt
    _material(presentation, prompt)
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0",
         varname="SCORE", vartype="Decimal")
    condition = _sub(processing, "respcondition", **{"continue": "No"})
    variables = _sub(condition, "conditionvar")
    if q.kind in (QuestionKind.MC, QuestionKind.TF):
        response = _sub(presentation, "response_lid", ident="response1", rcardinality="Single")
        choices = _sub(response, "render_choice")
        for option in q.options:
            choice = _sub(choices, "response_label", ident=ident("option", q.id, option))
            _material(choice, option)
        _sub(variables, "varequal", ident("option", q.id, str(q.answer)), respident="response1")
    else:
        response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
        _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
        for accepted in dict.fromkeys([str(q.answer), *q.accepted]):
            _sub(variables, "varequal", accepted, respident="response1")
    _sub(condition, "setvar", "100", action="Set", varname="SCORE")
    sources = ", ".join(base.source_label(s) for s in q.source)
    feedback = _sub(item, "itemfeedback", ident="general_fb")
    _material(_sub(feedback, "flow_mat"), f"{q.explanation} Source: {sources}")


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + bytes(ET.tostring(root, encoding="utf-8"))


def render(base: FactBase, questions: Sequence[Question], title: str,
           ) -> tuple[bytes, list[tuple[str, str]]]:
    """The zip bytes, and (item id, reason) for each item left out."""
    assessment_id = ident("assessment", title, *(q.id for q in questions))
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = _sub(root, "assessment", ident=assessment_id, title=title)
    section = _sub(assessment, "section", ident="root_section")
    skipped, number = [], 0
    for q in questions:
        if q.kind not in TYPES:
            skipped.append((q.id, f"{q.kind.label.lower()} items are not written to QTI"))
            continue
        number += 1
        _item(section, base, q, number)
    quiz_path = f"{assessment_id}/{assessment_id}.xml"
    manifest = ET.Element("manifest", identifier=ident("manifest", assessment_id), xmlns=CP_NS)
    metadata = _sub(manifest, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(manifest, "organizations")
    resource = _sub(_sub(manifest, "resources"), "resource", identifier=assessment_id,
                    type="imsqti_xmlv1p2")
    _sub(resource, "file", href=quiz_path)
    return zip_bytes([("imsmanifest.xml", _xml(manifest)), (quiz_path, _xml(root))]), skipped
