"""Kahoot's spreadsheet import (xlsx): multiple choice and true/false only.

Laid out as Kahoot's "Quiz template": a title, the header on row 8 (number,
question, four answers, time limit, correct answer numbers), questions from
row 9. Kahoot allows 120 characters for a question and 75 for an answer;
an item over either, or of another kind, is left out and listed with why.
"""

from __future__ import annotations

import io
from datetime import datetime

from quizgen.export import Bank, Format, Rendered, register
from quizgen.export.files import zip_bytes
from quizgen.items import Item, Shape
from quizgen.items.shapes import ChoiceItem, TruthItem

HEADER = ("", "Question - max 120 characters", "Answer 1 - max 75 characters",
          "Answer 2 - max 75 characters", "Answer 3 - max 75 characters",
          "Answer 4 - max 75 characters",
          "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
          "Correct answer(s) - choose at least one")
HEADER_ROW = 8
QUESTION_LIMIT, ANSWER_LIMIT = 120, 75
TIME_LIMIT = 20
_FIXED = datetime(2026, 1, 1)


def question_text(q: Item) -> str:
    return q.prompt


def why_not(q: Item) -> str | None:
    """Why an item cannot go to Kahoot, or None if it can."""
    if not isinstance(q, ChoiceItem | TruthItem):
        return f"{q.label.lower()} items are not multiple choice or true/false"
    if len(q.options) > 4:
        return f"{len(q.options)} options (Kahoot allows 4)"
    text = question_text(q)
    if len(text) > QUESTION_LIMIT:
        return f"question is {len(text)} characters (Kahoot allows {QUESTION_LIMIT})"
    longest = max(q.options, key=len)
    if len(longest) > ANSWER_LIMIT:
        return f"an answer is {len(longest)} characters (Kahoot allows {ANSWER_LIMIT})"
    return None


def render(bank: Bank) -> Rendered:
    """The xlsx bytes (reproducible: fixed times inside and out), and what was left out."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.create_sheet("Sheet1", 0)
    del book[book.sheetnames[1]]  # the default sheet; ours is the only one
    sheet["B2"] = "Quiz template"
    sheet["B2"].font = Font(bold=True)
    # The fact file's own licence and attribution: whoever reuses the quiz needs them.
    sheet["B3"] = (f"{bank.title}. Import in Kahoot: add question, then import spreadsheet. "
                   f"{bank.base.license}: {bank.base.attribution}")
    for column, name in enumerate(HEADER, start=1):
        sheet.cell(HEADER_ROW, column, name).font = Font(bold=True)
    skipped, row = [], HEADER_ROW
    for q in bank.items:
        reason = why_not(q)
        if reason is not None:
            skipped.append((q.id, reason))
            continue
        assert isinstance(q, ChoiceItem | TruthItem)
        row += 1
        answers = [*q.options, "", "", "", ""][:4]
        correct = q.options.index(q.answer) + 1
        values: list[str | int | None] = [row - HEADER_ROW, question_text(q),
                                          *(a or None for a in answers), TIME_LIMIT, correct]
        for column, value in enumerate(values, start=1):
            sheet.cell(row, column, value)
    book.properties.created = book.properties.modified = _FIXED
    book.properties.creator = "quizgen"
    raw = io.BytesIO()
    book.save(raw)
    # openpyxl stamps each zip entry with the current time; re-pack with fixed times.
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as archive:
        entries = [(name, archive.read(name)) for name in archive.namelist()]
    return Rendered(zip_bytes(entries), skipped)


FORMAT = register(Format(
    "kahoot", "kahoot.xlsx", frozenset({Shape.CHOICE, Shape.TRUTH}),
    "Kahoot's quiz spreadsheet (multiple choice and true/false).", render))
