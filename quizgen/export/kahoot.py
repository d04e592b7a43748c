"""Kahoot's spreadsheet import (xlsx): multiple choice and true/false only.

Laid out as Kahoot's "Quiz template": a title, the header on row 8 (number,
question, four answers, time limit, correct answer numbers), questions from
row 9. Kahoot allows 120 characters for a question and 75 for an answer; an
item over either, or of another kind, is left out and listed with why, and
the export draws another item in its place (see :func:`why_not`, which the
draw asks).

What a teacher's spreadsheet program must not do with fact text:

- **No formulas.** Every text cell is written with the string type, so
  ``=HYPERLINK(...)`` is text, never a live formula; a cell starting with
  ``= + - @`` is also marked "quote prefix" (Excel's own way of saying "this
  is text", shown without the apostrophe), so editing and saving it in Excel
  or LibreOffice keeps it text.
- **Control characters** are replaced (see :mod:`quizgen.export.safe`);
  openpyxl would raise on them, and xlsx cannot hold them.
- **The used range starts at A1**, as in Kahoot's template (a reader that
  counts rows from the first used one, as SheetJS does, finds the header on
  row 8).
- **No wall-clock time**: ``docProps/core.xml`` is written with a fixed date
  and every zip entry with a fixed time, so the same quiz gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from quizgen.export import Content, Format, Rendered, register
from quizgen.export.files import zip_bytes
from quizgen.export.safe import clean, is_formula_like
from quizgen.items import Item, Shape
from quizgen.items.shapes import ChoiceItem, TruthItem

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

HEADER = (
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
HEADER_ROW = 8
QUESTION_LIMIT, ANSWER_LIMIT = 120, 75
TIME_LIMIT = 20
FIXED_TIME = "2026-01-01T00:00:00Z"
CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>quizgen</dc:creator>'
    f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:created>'
    f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:modified>'
    "</cp:coreProperties>"
).encode()
"""The document properties, fixed: openpyxl stamps the time of saving into them."""


def question_text(q: Item) -> str:
    return clean(q.prompt)


def why_not(q: Item) -> str | None:
    """Why an item cannot go to Kahoot, or None if it can."""
    if not isinstance(q, ChoiceItem | TruthItem):
        return f"{q.label.lower()} items are not multiple choice or true/false"
    if len(q.options) > 4:
        return f"{len(q.options)} options (Kahoot allows 4)"
    text = question_text(q)
    if len(text) > QUESTION_LIMIT:
        return f"question is {len(text)} characters (Kahoot allows {QUESTION_LIMIT})"
    longest = max((clean(o) for o in q.options), key=len)
    if len(longest) > ANSWER_LIMIT:
        return f"an answer is {len(longest)} characters (Kahoot allows {ANSWER_LIMIT})"
    return None


def _put(sheet: Worksheet, row: int, column: int, value: str | int | None) -> None:
    """A cell whose text is text: string type always, quote prefix before a formula-like one."""
    cell = sheet.cell(row, column)
    if isinstance(value, str):
        cell.value = clean(value)
        cell.data_type = "s"  # openpyxl would take a leading "=" for a formula
        if is_formula_like(cell.value):
            cell.quotePrefix = True
    else:
        cell.value = value


def render(content: Content) -> Rendered:
    """The xlsx bytes (reproducible: fixed times inside and out), and what was left out."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.create_sheet("Sheet1", 0)
    del book[book.sheetnames[1]]  # the default sheet; ours is the only one
    sheet["A1"].font = Font(bold=False)  # the used range starts at A1, as in the template
    _put(sheet, 2, 2, "Quiz template")
    sheet["B2"].font = Font(bold=True)
    # The fact file's own licence and attribution: whoever reuses the quiz needs them.
    _put(
        sheet,
        3,
        2,
        f"{content.title}. Import in Kahoot: add question, then import "
        f"spreadsheet. {content.base.license}: {content.base.attribution}",
    )
    for column, name in enumerate(HEADER, start=1):
        _put(sheet, HEADER_ROW, column, name or None)
        sheet.cell(HEADER_ROW, column).font = Font(bold=True)
    skipped, row = [], HEADER_ROW
    for q in content.items:
        reason = why_not(q)
        if reason is not None:
            skipped.append((q.id, reason))
            continue
        assert isinstance(q, ChoiceItem | TruthItem)
        row += 1
        answers = [*q.options, "", "", "", ""][:4]
        correct = q.options.index(q.answer) + 1
        values: list[str | int | None] = [
            row - HEADER_ROW,
            question_text(q),
            *(a or None for a in answers),
            TIME_LIMIT,
            correct,
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value)
    book.properties.creator = "quizgen"
    raw = io.BytesIO()
    book.save(raw)
    # openpyxl stamps the zip entries and docProps/core.xml with the time of saving.
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as archive:
        entries = [
            (name, CORE if name == "docProps/core.xml" else archive.read(name))
            for name in archive.namelist()
        ]
    return Rendered(zip_bytes(entries), skipped)


SHAPES = frozenset({Shape.CHOICE, Shape.TRUTH})
HELP = "Kahoot's quiz spreadsheet (multiple choice and true/false)."
FORMAT = register(Format("kahoot", "kahoot.xlsx", SHAPES, HELP, render, why_not))
