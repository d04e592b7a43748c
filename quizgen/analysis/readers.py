"""Which channel a results file comes from, told by its content, and its responses.

The file's name is not trusted (a download is often renamed): a workbook or a CSV
is told by its header, a JSON document by its shape. A file none of the channels
recognises is refused with one line that lists what can be read.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from quizgen.analysis import canvas, gameresults, longcsv, moodle
from quizgen.analysis.records import ClassResults, ResultsError
from quizgen.analysis.tables import Table, csv_table, is_xlsx, json_document, read_bytes, xlsx_table

KNOWN = (
    "a quizgen live game's results (JSON or CSV), a long CSV with the columns "
    "student,item,response, Moodle's quiz Responses report (CSV, Excel or JSON) or "
    "Canvas's Student Analysis CSV"
)


def from_table(table: Table) -> ClassResults:
    header = table.header
    if gameresults.looks_like_csv(header):
        return gameresults.read_csv_table(table)
    if canvas.looks_like(header):
        return canvas.from_table(table)
    if moodle.looks_like(header):
        return moodle.from_table(table)
    if longcsv.looks_like(header):
        return longcsv.from_table(table)
    raise ResultsError(table.path, f"is not a results file quizgen knows; it reads {KNOWN}", 1)


def parse(path: str, data: bytes) -> ClassResults:
    """The responses in ``data``, read as the channel its content shows."""
    if is_xlsx(data):
        return from_table(xlsx_table(path, data))
    start = data.lstrip(b"\xef\xbb\xbf \r\n\t")[:1]
    if start in (b"{", b"["):
        document = json_document(path, data)
        if gameresults.looks_like_json(document):
            return gameresults.from_json(path, document)
        if isinstance(document, list):
            return moodle.from_table(moodle.json_table(path, document))
        raise ResultsError(path, f"is JSON quizgen does not know; it reads {KNOWN}")
    return from_table(csv_table(path, data))


def read(path: str | Path) -> ClassResults:
    """The responses in the file at ``path``, students named apart from other files'.

    Students are keyed by file as well (``results.csv#p3``): two games' player ids, or
    two classes' row numbers, are not the same student.
    """
    name = str(path)
    results = parse(name, read_bytes(path))
    return replace(
        results,
        responses=tuple(replace(r, student=f"{name}#{r.student}") for r in results.responses),
    )
