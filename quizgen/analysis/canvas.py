"""Canvas's quiz "Student Analysis" report (classic quizzes), a CSV.

The columns are those Canvas writes (``Quizzes::QuizStatistics::StudentAnalysis#to_csv``):
``name`` and ``id`` (left out for an anonymous survey), ``sis_id`` and
``root_account`` where the account has them, ``section``, ``section_id``,
``section_sis_id`` (with SIS ids), ``submitted``, ``attempt`` (when every attempt is
included), then two columns per question: ``<question id>: <question text>`` with
the student's answer (for matching, ``left=>right`` pairs joined by commas, a comma
inside written ``\\,``), and a column headed by the question's points possible with
the points the student got; then ``n correct``, ``n incorrect`` and ``score``.

Canvas grades every answer, so each response carries its share of the marks
(points over points possible, partial credit for matching). A question is known
only by Canvas's own id and its text, so each becomes a :class:`ChannelQuestion`
matched to a quizgen item by its text. With every attempt included, each student's
first attempt counts.
"""

from __future__ import annotations

import re

from quizgen.analysis.records import ChannelQuestion, ClassResults, Reply, ResultsError
from quizgen.analysis.tables import Table, csv_table, number

CHANNEL = "canvas"
TAIL = ("n correct", "n incorrect", "score")
LEADING = (
    "name",
    "id",
    "sis_id",
    "root_account",
    "section",
    "section_id",
    "section_sis_id",
    "submitted",
    "attempt",
)
QUESTION = re.compile(r"^(\d+): ?(.*)$", re.DOTALL)


def looks_like(header: tuple[str, ...]) -> bool:
    return header[-3:] == TAIL and "section_id" in header and "submitted" in header


def read(path: str, data: bytes) -> ClassResults:
    return from_table(csv_table(path, data))


def from_table(table: Table) -> ClassResults:
    path, header = table.path, table.header
    if not looks_like(header):
        raise ResultsError(
            path,
            "is not a Canvas Student Analysis report (it needs the "
            "columns section_id, submitted, ..., n correct, n incorrect, score)",
            1,
        )
    first = max(i for i, h in enumerate(header) if h in ("submitted", "attempt")) + 1
    middle = header[first:-3]
    if len(middle) % 2 or not middle:
        raise ResultsError(
            path,
            "has no question columns in pairs (answer, points) between 'submitted' and 'n correct'",
            1,
        )
    questions: list[tuple[int, ChannelQuestion, float]] = []
    for offset in range(0, len(middle), 2):
        match = QUESTION.match(middle[offset])
        possible = number(middle[offset + 1])
        if match is None or possible is None or possible < 0:
            raise ResultsError(
                path,
                f"column {first + offset + 1}: '{middle[offset]}' and "
                f"'{middle[offset + 1]}' are not a question and its points",
                1,
            )
        key = f"{CHANNEL}:{match.group(1)}"
        questions.append(
            (
                first + offset,
                ChannelQuestion(key, middle[offset], " ".join(match.group(2).split())),
                possible,
            )
        )
    who = header.index("id") if "id" in header else None
    attempt_col = header.index("attempt") if "attempt" in header else None
    chosen: dict[str, tuple[int, int, tuple[str, ...]]] = {}
    for line, row in table.rows:
        student = row[who].strip() if who is not None else f"row {line}"
        if not student:
            student = f"row {line}"  # a logged-out user's submission has no id
        attempt = 1
        if attempt_col is not None:
            value = number(row[attempt_col])
            if value is None or value < 1:
                raise ResultsError(path, f"attempt: '{row[attempt_col]}' is not a number", line)
            attempt = int(value)
        if student not in chosen or attempt < chosen[student][0]:
            chosen[student] = (attempt, line, row)
    responses = []
    for student, (_attempt, line, row) in chosen.items():
        for column, question, possible in questions:
            given, points = row[column], row[column + 1].strip()
            if not given.strip() and not points:
                continue  # not in this student's quiz (a question group drew others)
            got = number(points)
            if got is None:
                raise ResultsError(
                    path, f"{question.column}: points '{points}' are not a number", line
                )
            score = min(max(got / possible, 0.0), 1.0) if possible else 1.0
            responses.append(
                Reply.to_question(student, question.key, given.strip(), score, table.where(line))
            )
    if not chosen:
        raise ResultsError(path, "has no submissions")
    later = len(table.rows) - len(chosen)
    notes = (f"{later} later attempt(s) by the same students were left out",) if later else ()
    return ClassResults(CHANNEL, path, tuple(responses), tuple(q for _, q, _ in questions), notes)
