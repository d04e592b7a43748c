"""Reading a results file at the edge: bytes, text, and rows with their line numbers.

Every reader starts here, so every file is refused the same way: one that is not a
regular file, is too large, is not UTF-8, or is not a table gets one line naming the
file (and the line, where there is one). CSV is read as spreadsheets and LMSs write
it: a UTF-8 byte-order mark is dropped (Moodle writes one), and the delimiter is
whichever of comma, semicolon or tab the header line uses (a spreadsheet saved in a
locale with a decimal comma writes semicolons). An ``.xlsx`` workbook (Moodle's
"Microsoft Excel" download) is read with openpyxl, imported only then.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizgen.analysis.records import MAX_RESULTS_BYTES, ResultsError
from quizgen.inputs import Refused, read_regular

DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True, slots=True)
class Table:
    """A file's header and data rows, each row with the line it starts on (1-based)."""

    path: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    def where(self, line: int) -> str:
        return f"{self.path}:{line}"


def read_bytes(path: str | Path, what: str = "results file") -> bytes:
    try:
        return read_regular(path, what, MAX_RESULTS_BYTES)
    except Refused as exc:
        raise ResultsError(str(path), str(exc)) from None


def text_of(path: str, data: bytes) -> str:
    """UTF-8 text without its byte-order mark; anything else is refused with the offset."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ResultsError(
            path,
            f"is not UTF-8 text (byte {exc.start + 1}); save it as CSV UTF-8 and try again",
            line,
        ) from None
    if "\x00" in text:
        raise ResultsError(path, "holds a null character: it is not a text file")
    return text


def csv_table(path: str, data: bytes) -> Table:
    """The CSV in ``data`` as a :class:`Table`; every row as wide as the header."""
    text = text_of(path, data)
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=lambda d: (first.count(d), d == ","))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, tuple[str, ...]]] = []
    try:
        header = tuple(cell.strip() for cell in next(reader, []))
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((line, tuple(row)))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ResultsError(path, f"is not a readable CSV file ({exc})", reader.line_num) from None
    if not any(header):
        raise ResultsError(path, "is empty: a results file starts with a header line")
    for line, cells in rows:
        if len(cells) != len(header):
            raise ResultsError(
                path, f"has {len(cells)} cells where the header has {len(header)}", line
            )
    return Table(path, header, tuple(rows))


def xlsx_table(path: str, data: bytes) -> Table:
    """The first worksheet of an ``.xlsx`` workbook, cells as text, rows numbered as shown."""
    import openpyxl  # a spreadsheet download only; costs a quarter second to import

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise ResultsError(path, f"is not a readable Excel workbook ({exc})") from None
    try:
        sheet = book.worksheets[0]
        rows = [
            (i, tuple(_cell(c) for c in row))
            for i, row in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    rows = [(i, r) for i, r in rows if any(c.strip() for c in r)]
    if not rows:
        raise ResultsError(path, "is an empty workbook")
    width = max(len(r) for _, r in rows)
    padded = [(i, r + ("",) * (width - len(r))) for i, r in rows]
    header = tuple(c.strip() for c in padded[0][1])
    while header and not header[-1]:
        header = header[:-1]
    return Table(path, header, tuple((i, r[: len(header)]) for i, r in padded[1:]))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def json_document(path: str, data: bytes) -> Any:
    text = text_of(path, data)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResultsError(
            path, f"is not valid JSON ({exc.msg}, column {exc.colno})", exc.lineno
        ) from None
    except RecursionError:
        raise ResultsError(path, "is JSON nested too deeply to read") from None


def is_xlsx(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def number(text: str) -> float | None:
    """A number as a report writes it ('1.00', '1,00', ' 3 '), or None if it is not one."""
    cleaned = (
        text.strip().replace(",", ".") if text.count(",") == 1 and "." not in text else text.strip()
    )
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None
