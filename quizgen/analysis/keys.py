"""The questions file a quiz was made from, read back: quizgen's GIFT, Moodle XML or QTI.

Moodle's and Canvas's reports know a question only by its text; the file quizgen
exported for them knows its item id too (GIFT's ``::id::`` title, Moodle XML's
``<name>``, QTI's ``quizgen_item_id`` and ``quizgen_fact_ids`` metadata). Reading it
back gives, for each item, the text the LMS will show and the answers it accepts,
which is what :mod:`quizgen.analysis.matching` needs to tie a report's column to an
item, offline and without the fact file.

Only what quizgen writes is read (the escapes of :mod:`quizgen.export.gift`, the
elements of ``moodle_xml`` and ``qti``); a file from elsewhere is refused with one
line. XML is parsed by the standard library's expat, which expands no external
entity and refuses entity-expansion bombs.
"""

from __future__ import annotations

import html
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from quizgen.analysis.records import ResultsError
from quizgen.analysis.tables import read_bytes, text_of

QTI_NS = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
MOODLE_TYPES = {
    "multichoice": "choice",
    "truefalse": "truth",
    "shortanswer": "text",
    "matching": "pairs",
    "ordering": "order",
}
CANVAS_TYPES = {
    "multiple_choice_question": "choice",
    "true_false_question": "truth",
    "short_answer_question": "text",
    "matching_question": "pairs",
}
MAX_ZIP_MEMBER = 64 << 20


@dataclass(frozen=True, slots=True)
class ExportedItem:
    """One item as its questions file tells it: enough to recognise it in a report.

    ``shape`` is how a learner answers (``choice``, ``truth``, ``text``, ``pairs``,
    ``order``, as :class:`quizgen.items.Shape` names them); ``options`` the choices
    shown (or the statements, for pairs and order); ``accepted`` the right answers
    (the key for choice and truth, every accepted form for text, ``name -> statement``
    for pairs, the events in order for order). ``fact_ids`` are empty where the
    format does not carry them (GIFT, Moodle XML).
    """

    id: str
    shape: str
    prompt: str
    options: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    fact_ids: tuple[str, ...] = ()


def read(path: str | Path) -> tuple[ExportedItem, ...]:
    """The items of a quizgen questions file, told by its content."""
    name = str(path)
    data = read_bytes(path, "questions file")
    if data[:4] == b"PK\x03\x04":
        return qti_package(name, data)
    text = text_of(name, data)
    head = text.lstrip()[:200]
    if head.startswith("<?xml") or head.startswith("<"):
        root = _xml(name, text.encode("utf-8"))
        if root.tag == "quiz":
            return moodle_xml(name, root)
        if root.tag == f"{QTI_NS}questestinterop":
            return qti_document(name, root)
        raise ResultsError(
            name, f"is XML but not a quizgen questions file (its root is <{root.tag}>)"
        )
    if "::" in text and "{" in text:
        return gift(name, text)
    raise ResultsError(
        name, "is not a questions file quizgen wrote (GIFT, Moodle XML or a QTI package)"
    )


# -- GIFT -----------------------------------------------------------------------------------
_GIFT_SPECIAL = "\\~=#{}:"


def _split(text: str, marks: str) -> list[tuple[str, str]]:
    """``text`` cut before each unescaped character of ``marks``: (mark, piece) pairs."""
    pieces: list[tuple[str, str]] = []
    mark, current, i = "", [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch in marks:
            pieces.append((mark, "".join(current)))
            mark, current = ch, []
        else:
            current.append(ch)
        i += 1
    pieces.append((mark, "".join(current)))
    return pieces


def gift_text(raw: str) -> str:
    """A GIFT text as Moodle shows it: ``[plain]`` dropped and the escapes undone."""
    text = raw.strip()
    text = text.removeprefix("[plain]")
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _GIFT_SPECIAL + "*":
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return " ".join("".join(out).replace("-*>", "->").split())


def gift(path: str, text: str) -> tuple[ExportedItem, ...]:
    items: list[ExportedItem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("::"):
            continue
        end = _title_end(line)
        if end < 0:
            raise ResultsError(path, "a question title is not closed with '::'", number)
        item_id = gift_text(line[2:end])
        pieces = _split(line[end + 2 :], "{}")
        if len(pieces) < 3 or pieces[1][0] != "{" or pieces[2][0] != "}":
            raise ResultsError(path, f"question '{item_id}' has no {{answers}}", number)
        answers = _split(pieces[1][1], "#")[0][1]  # up to '####' and the feedback
        items.append(_gift_item(item_id, _gift_plain(pieces[0][1]), answers))
    if not items:
        raise ResultsError(path, "holds no GIFT question with a '::title::'")
    return tuple(items)


def _find(text: str, token: str, start: int = 0) -> int:
    """Where ``token`` first occurs in ``text`` from ``start`` outside a backslash escape."""
    i = start
    while i <= len(text) - len(token):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(token, i):
            return i
        i += 1
    return -1


def _title_end(line: str) -> int:
    """Where the ``::`` closing the title starts: the first unescaped one after the opening."""
    return _find(line, "::", 2)


def _gift_plain(raw: str) -> str:
    return html.unescape(gift_text(raw)) if "&#" in raw else gift_text(raw)


def _gift_item(item_id: str, prompt: str, answers: str) -> ExportedItem:
    body = answers.strip()
    if body in ("TRUE", "FALSE", "T", "F"):
        key = "True" if body.startswith("T") else "False"
        return ExportedItem(item_id, "truth", prompt, ("True", "False"), (key,))
    marked = [(m, p) for m, p in _split(body, "=~") if m]
    if any(_has_arrow(p) for _, p in marked):
        pairs = []
        for _, piece in marked:
            name, _, choice = _arrow(piece)
            pairs.append((_gift_plain(name), html.unescape(gift_text(choice))))
        return ExportedItem(
            item_id,
            "pairs",
            prompt,
            tuple(s for _, s in pairs),
            tuple(f"{n} -> {s}" for n, s in pairs),
        )
    options = tuple(_gift_plain(p) for _, p in marked)
    right = tuple(o for (m, _), o in zip(marked, options, strict=True) if m == "=")
    if all(m == "=" for m, _ in marked):
        return ExportedItem(item_id, "text", prompt, (), options)
    return ExportedItem(item_id, "choice", prompt, options, right)


def _has_arrow(piece: str) -> bool:
    return _arrow(piece)[1] == "->"


def _arrow(piece: str) -> tuple[str, str, str]:
    """A matching answer cut at its unescaped ' -> '."""
    i = _find(piece, "->")
    return (piece, "", "") if i < 0 else (piece[:i], "->", piece[i + 2 :])


# -- Moodle XML -----------------------------------------------------------------------------
def _xml(path: str, data: bytes) -> ET.Element:
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ResultsError(path, "declares a DOCTYPE or entities, which quizgen never writes")
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise ResultsError(path, f"is not well-formed XML ({exc})", exc.position[0]) from None


def _text(element: ET.Element | None, path: str = "text") -> str:
    found = element.find(path) if element is not None else None
    return " ".join(html.unescape(found.text or "").split()) if found is not None else ""


def moodle_xml(path: str, root: ET.Element) -> tuple[ExportedItem, ...]:
    items = []
    for question in root.iter("question"):
        kind = question.get("type", "")
        if kind == "category":
            continue
        shape = MOODLE_TYPES.get(kind)
        item_id = _text(question.find("name"))
        if shape is None or not item_id:
            raise ResultsError(path, f"holds a '{kind}' question quizgen does not write")
        prompt = _text(question.find("questiontext"))
        answers = [(a.get("fraction", "0"), _text(a)) for a in question.findall("answer")]
        if shape == "pairs":
            pairs = [(_text(s.find("answer")), _text(s)) for s in question.findall("subquestion")]
            items.append(
                ExportedItem(
                    item_id,
                    shape,
                    prompt,
                    tuple(s for _, s in pairs),
                    tuple(f"{n} -> {s}" for n, s in pairs),
                )
            )
            continue
        if shape == "order":
            items.append(
                ExportedItem(
                    item_id,
                    shape,
                    prompt,
                    tuple(t for _, t in answers),
                    tuple(t for _, t in answers),
                )
            )
            continue
        right = tuple(t.replace("\\*", "*") for f, t in answers if _full(f))
        if shape == "truth":
            key = "True" if right == ("true",) else "False"
            items.append(ExportedItem(item_id, shape, prompt, ("True", "False"), (key,)))
        elif shape == "text":
            items.append(ExportedItem(item_id, shape, prompt, (), right))
        else:
            items.append(ExportedItem(item_id, shape, prompt, tuple(t for _, t in answers), right))
    if not items:
        raise ResultsError(path, "holds no question")
    return tuple(items)


def _full(fraction: str) -> bool:
    try:
        return float(fraction) >= 100
    except ValueError:
        return False


# -- QTI ------------------------------------------------------------------------------------
def qti_package(path: str, data: bytes) -> tuple[ExportedItem, ...]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = [
                i
                for i in package.infolist()
                if i.filename.endswith(".xml") and i.filename != "imsmanifest.xml"
            ]
            if not names:
                raise ResultsError(path, "is a zip without a QTI assessment in it")
            if names[0].file_size > MAX_ZIP_MEMBER:
                raise ResultsError(path, f"{names[0].filename} is too large to be quizgen's")
            document = package.read(names[0])
    except zipfile.BadZipFile as exc:
        raise ResultsError(path, f"is not a readable zip ({exc})") from None
    root = _xml(f"{path}:{names[0].filename}", document)
    if root.tag != f"{QTI_NS}questestinterop":
        raise ResultsError(path, "is a zip without a QTI 1.2 assessment in it")
    return qti_document(path, root)


def _metadata(item: ET.Element) -> dict[str, str]:
    fields = {}
    for field in item.iter(f"{QTI_NS}qtimetadatafield"):
        label = field.findtext(f"{QTI_NS}fieldlabel") or ""
        fields[label] = field.findtext(f"{QTI_NS}fieldentry") or ""
    return fields


def _mattext(element: ET.Element | None) -> str:
    if element is None:
        return ""
    found = element.find(f"{QTI_NS}material/{QTI_NS}mattext")
    return " ".join((found.text or "").split()) if found is not None else ""


def qti_document(path: str, root: ET.Element) -> tuple[ExportedItem, ...]:
    items = []
    for item in root.iter(f"{QTI_NS}item"):
        meta = _metadata(item)
        shape = CANVAS_TYPES.get(meta.get("question_type", ""))
        if shape is None:
            raise ResultsError(
                path, f"holds a '{meta.get('question_type', '')}' question quizgen does not write"
            )
        item_id = meta.get("quizgen_item_id") or item.get("ident") or ""
        presentation = item.find(f"{QTI_NS}presentation")
        prompt = _mattext(presentation)
        labels = {
            label.get("ident", ""): _mattext(label)
            for label in item.iter(f"{QTI_NS}response_label")
        }
        right_ids = [v.text or "" for v in item.iter(f"{QTI_NS}varequal")]
        facts = tuple(meta.get("quizgen_fact_ids", "").split())
        if shape == "text":
            accepted = tuple(" ".join(t.split()) for t in right_ids)
            items.append(ExportedItem(item_id, shape, prompt, (), accepted, facts))
        elif shape == "pairs":
            names = [_mattext(r) for r in item.iter(f"{QTI_NS}response_lid")]
            statements = tuple(dict.fromkeys(labels.values()))
            pairs = tuple(
                f"{n} -> {labels.get(r, '')}" for n, r in zip(names, right_ids, strict=False)
            )
            items.append(ExportedItem(item_id, shape, prompt, statements, pairs, facts))
        else:
            options = tuple(labels.values())
            right = tuple(labels[r] for r in right_ids if r in labels)
            items.append(ExportedItem(item_id, shape, prompt, options, right, facts))
    if not items:
        raise ResultsError(path, "holds no question")
    return tuple(items)
