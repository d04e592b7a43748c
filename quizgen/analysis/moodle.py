"""Moodle's quiz Responses report, downloaded as CSV, Excel (.xlsx) or JSON.

The columns are those Moodle's report writes (``mod/quiz/report/responses``):
the user's ``Last name`` (``Surname`` in older releases) and ``First name``, the
site's identity fields (``Email address``, ``ID number``...), ``State``, then, in a
download, ``Started on``, ``Completed`` and ``Time taken`` (``Duration`` in newer
releases), ``Grade/10.00`` and ``Feedback`` where the quiz has them, and for each
question slot N whichever the teacher ticked of ``Question N`` (Moodle's question
summary: the text, and for multiple choice ``: `` and the choices in the order that
student saw them), ``Response N`` (the response summary; ``-`` when unanswered) and
``Right answer N``. The CSV download is UTF-8 with a byte-order mark. The JSON
download is a list of sheets of records; only records keyed by column name can be
read (Moodle's table export writes rows as lists, without the header, in some
releases: download CSV or Excel instead).

Only finished attempts count, and only each student's first one (as Moodle's
statistics report does by default); the others are counted in a note. A question is
known to Moodle's report only by its slot and its text, so each (slot, question
text) becomes a :class:`ChannelQuestion` matched to a quizgen item by its text.
"""

from __future__ import annotations

import re
from typing import Any

from quizgen.analysis.records import ChannelQuestion, ClassResults, Reply, ResultsError
from quizgen.analysis.tables import Table, csv_table, is_xlsx, json_document, xlsx_table

CHANNEL = "moodle"
SLOT = re.compile(r"^(Question|Response|Right answer) (\d+)$")
LAST_NAMES = ("Last name", "Surname")
IDENTITY = ("Email address", "ID number", "Username")
"""Columns that name a student uniquely, best first; else Last name, First name."""
FINISHED = "Finished"
NO_RESPONSE = "-"


def looks_like(header: tuple[str, ...]) -> bool:
    return (
        "State" in header
        and any(SLOT.match(h) for h in header)
        and any(n in header for n in LAST_NAMES)
    )


def read(path: str, data: bytes) -> ClassResults:
    if is_xlsx(data):
        return from_table(xlsx_table(path, data))
    if data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"[":
        return from_table(json_table(path, json_document(path, data)))
    return from_table(csv_table(path, data))


def json_table(path: str, document: Any) -> Table:
    """Moodle's JSON download ([[record, ...]]) as a table, when its records are keyed."""
    sheets = document if isinstance(document, list) else None
    records = sheets[0] if sheets and isinstance(sheets[0], list) else None
    if records is None or not records:
        raise ResultsError(path, "is not a Moodle JSON download (a list of sheets of records)")
    if not all(isinstance(r, dict) for r in records):
        raise ResultsError(
            path,
            "is a Moodle JSON download whose rows have no column names; "
            "download the report as CSV or Excel instead",
        )
    header = tuple(str(k) for k in records[0])
    rows = []
    for i, record in enumerate(records):
        if tuple(str(k) for k in record) != header:
            raise ResultsError(path, f"record {i + 1} has other columns than the first")
        rows.append((i + 2, tuple("" if v is None else str(v) for v in record.values())))
    return Table(path, header, tuple(rows))


def _student(cells: dict[str, str]) -> str:
    for name in IDENTITY:
        if cells.get(name, "").strip():
            return cells[name].strip()
    last = next((cells[n] for n in LAST_NAMES if n in cells), "")
    return f"{last.strip()}, {cells.get('First name', '').strip()}".strip(", ")


def from_table(table: Table) -> ClassResults:
    path = table.path
    if not looks_like(table.header):
        raise ResultsError(
            path,
            "is not a Moodle quiz Responses report (it needs the "
            "columns Last name, State and Response 1, ...)",
            1,
        )
    slots: dict[int, dict[str, int]] = {}
    for index, name in enumerate(table.header):
        if match := SLOT.match(name):
            slots.setdefault(int(match.group(2)), {})[match.group(1)] = index
    no_text = sorted(n for n, cols in slots.items() if "Question" not in cols)
    if no_text:
        raise ResultsError(
            path,
            f"has no 'Question {no_text[0]}' column: in Moodle's "
            "Responses report, tick 'Question text' (with 'Response') under "
            "Display options, then download again",
            1,
        )
    no_response = sorted(n for n, cols in slots.items() if "Response" not in cols)
    if no_response:
        raise ResultsError(
            path,
            f"has no 'Response {no_response[0]}' column: tick "
            "'Response' under Display options, then download again",
            1,
        )
    questions: dict[tuple[int, str], ChannelQuestion] = {}
    responses: list[Reply] = []
    seen: set[str] = set()
    unfinished = repeated = 0
    for line, row in table.rows:
        cells = dict(zip(table.header, row, strict=False))
        if cells.get("State", "").strip() != FINISHED:
            unfinished += 1
            continue
        student = _student(cells)
        if not student:
            raise ResultsError(path, "a finished attempt names no student", line)
        if student in seen:
            repeated += 1
            continue
        seen.add(student)
        for slot, cols in sorted(slots.items()):
            text = row[cols["Question"]].strip()
            if not text or text == NO_RESPONSE:
                continue  # the slot was not in this attempt (a shorter random quiz)
            right = row[cols["Right answer"]].strip() if "Right answer" in cols else ""
            key = (slot, text)
            if key not in questions:
                questions[key] = ChannelQuestion(
                    f"{CHANNEL}:{slot}:{len(questions) + 1}", f"Response {slot}", text, right
                )
            given = row[cols["Response"]].strip()
            q = questions[key]
            responses.append(
                Reply.to_question(
                    student, q.key, "" if given == NO_RESPONSE else given, None, table.where(line)
                )
            )
    if not seen:
        raise ResultsError(path, "has no finished attempt")
    notes = []
    if unfinished:
        notes.append(f"{unfinished} attempt(s) not finished were left out")
    if repeated:
        notes.append(
            f"{repeated} later attempt(s) by the same students were left out "
            "(each student's first counts)"
        )
    return ClassResults(CHANNEL, path, tuple(responses), tuple(questions.values()), tuple(notes))
