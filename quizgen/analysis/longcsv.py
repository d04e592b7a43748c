"""The plain long CSV a teacher types from paper worksheets: one line per student and item.

Columns (any order, any case): ``student``, ``item`` (a quizgen item id, as the
worksheet's answer key prints it) and ``response``; optionally ``correct`` (yes/no,
true/false, y/n, 1/0, right/wrong, or a share of the marks between 0 and 1) and
``seconds``. A reply with no ``correct`` is graded against the bank later. Other
columns (a teacher's notes) are left alone and named in a note.
"""

from __future__ import annotations

from quizgen.analysis.records import ClassResults, Reply, ResultsError
from quizgen.analysis.tables import Table, csv_table, number

REQUIRED = ("student", "item", "response")
OPTIONAL = ("correct", "seconds")
CHANNEL = "long-csv"
_YES = {"yes", "y", "true", "t", "1", "right", "correct", "✓"}
_NO = {"no", "n", "false", "f", "0", "wrong", "incorrect", "✗"}


def looks_like(header: tuple[str, ...]) -> bool:
    """A student and an item column: meant as a long CSV (a missing response is named)."""
    names = {h.strip().lower() for h in header}
    return "student" in names and "item" in names


def score_of(text: str) -> float | None:
    """The ``correct`` cell as a share of the marks; None when empty; ValueError if unreadable."""
    value = text.strip().lower()
    if not value:
        return None
    if value in _YES:
        return 1.0
    if value in _NO:
        return 0.0
    share = number(value.rstrip("%"))
    if share is not None and value.endswith("%"):
        share /= 100
    if share is None or not 0 <= share <= 1:
        raise ValueError(f"'{text}' is not yes/no, true/false, 1/0 or a share between 0 and 1")
    return share


def read(path: str, data: bytes) -> ClassResults:
    return from_table(csv_table(path, data))


def from_table(table: Table) -> ClassResults:
    path = table.path
    names = [h.strip().lower() for h in table.header]
    for name in {n for n in names if names.count(n) > 1} & {*REQUIRED, *OPTIONAL}:
        raise ResultsError(path, f"the column '{name}' appears twice", 1)
    missing = [r for r in REQUIRED if r not in names]
    if missing:
        raise ResultsError(
            path,
            f"has no '{missing[0]}' column (a long results CSV has the "
            "columns student,item,response and optionally correct,seconds)",
            1,
        )
    col = {name: names.index(name) for name in (*REQUIRED, *OPTIONAL) if name in names}
    responses = []
    for line, row in table.rows:
        student, item = row[col["student"]].strip(), row[col["item"]].strip()
        for name, value in (("student", student), ("item", item)):
            if not value:
                raise ResultsError(path, f"{name}: empty", line)
        try:
            score = score_of(row[col["correct"]]) if "correct" in col else None
        except ValueError as exc:
            raise ResultsError(path, f"correct: {exc}", line) from None
        seconds = None
        if "seconds" in col and row[col["seconds"]].strip():
            seconds = number(row[col["seconds"]])
            if seconds is None or seconds < 0:
                raise ResultsError(
                    path, f"seconds: '{row[col['seconds']]}' is not a time in seconds", line
                )
        responses.append(
            Reply(student, item, row[col["response"]].strip(), score, seconds, table.where(line))
        )
    extra = [h for h, n in zip(table.header, names, strict=True) if n not in col]
    notes = (f"columns left alone: {', '.join(extra)}",) if extra else ()
    return ClassResults(CHANNEL, path, tuple(responses), notes=notes)
