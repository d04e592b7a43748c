"""quizgen's own live-game results: the JSON document and the CSV a game writes as it runs.

The columns and keys are the game's (``quizgen live``'s results files); they are
defined here, and the game's writer (:mod:`quizgen.live.results`) takes them from
here, because analysis comes before the live game in the package order. A CSV cell the game
guarded with an apostrophe (so that a spreadsheet does not run it as a formula:
before a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return, and, in newer
games, before any such part after a comma or semicolon) is read back without it. The
JSON document holds the replies exactly; the CSV, a reply that itself held ``,'=``.

"""

from __future__ import annotations

import re
from typing import Any

from quizgen.analysis.records import ClassResults, Reply, ResultsError
from quizgen.analysis.tables import Table, csv_table, json_document, number

COLUMNS = (
    "question",
    "item_id",
    "kind",
    "player_id",
    "player",
    "response",
    "correct",
    "points",
    "seconds",
    "answered_at",
)
"""The live game's results CSV, column by column: the game writes it, analysis reads it."""
ANSWER_KEYS = COLUMNS[:-1]
"""Each answer's keys in the JSON document: the CSV's columns but the time it was given."""
_GUARD = re.compile(r"(^|[,;])([ \t\r\n]*)'(?=[=+\-@])")
CHANNEL = "live"


def looks_like_csv(header: tuple[str, ...]) -> bool:
    return header == COLUMNS


def looks_like_json(document: Any) -> bool:
    return isinstance(document, dict) and "answers" in document and "players" in document


def _uncell(value: str) -> str:
    """A cell as the game meant it: its formula guard apostrophes taken off."""
    if value[:1] == "'" and value[1:2] in ("\t", "\r"):
        return value[1:]
    return _GUARD.sub(r"\1\2", value)


def read_csv(path: str, data: bytes) -> ClassResults:
    return read_csv_table(csv_table(path, data))


def read_csv_table(table: Table) -> ClassResults:
    path = table.path
    if not looks_like_csv(table.header):
        raise ResultsError(
            path,
            "is not a live game's results CSV (its header should be: " + ",".join(COLUMNS) + ")",
            1,
        )
    responses = []
    for line, row in table.rows:
        cells = dict(zip(COLUMNS, row, strict=True))
        correct = cells["correct"].strip().lower()
        if correct not in ("yes", "no"):
            raise ResultsError(path, f"correct: '{cells['correct']}' is neither yes nor no", line)
        seconds = number(cells["seconds"])
        if seconds is None or seconds < 0:
            raise ResultsError(
                path, f"seconds: '{cells['seconds']}' is not a time in seconds", line
            )
        for key in ("item_id", "player_id"):
            if not cells[key].strip():
                raise ResultsError(path, f"{key}: empty", line)
        responses.append(
            Reply(
                cells["player_id"].strip(),
                cells["item_id"].strip(),
                _uncell(cells["response"]),
                1.0 if correct == "yes" else 0.0,
                seconds,
                table.where(line),
            )
        )
    return ClassResults(CHANNEL, path, tuple(responses))


def read_json(path: str, data: bytes) -> ClassResults:
    return from_json(path, json_document(path, data))


def from_json(path: str, document: Any) -> ClassResults:
    if not looks_like_json(document):
        raise ResultsError(
            path, "is not a live game's results JSON (it has no 'answers' and 'players')"
        )
    answers = document["answers"]
    if not isinstance(answers, list):
        raise ResultsError(path, "answers: not a list")
    responses = []
    for i, answer in enumerate(answers):
        at = f"answers[{i}]"
        if not isinstance(answer, dict):
            raise ResultsError(path, f"{at}: not an object")
        missing = [k for k in ANSWER_KEYS if k not in answer]
        if missing:
            raise ResultsError(path, f"{at}: no '{missing[0]}'")
        for key in ("item_id", "player_id", "response"):
            if not isinstance(answer[key], str) or (key != "response" and not answer[key]):
                raise ResultsError(path, f"{at}.{key}: not a non-empty text")
        if not isinstance(answer["correct"], bool):
            raise ResultsError(path, f"{at}.correct: not true or false")
        seconds = answer["seconds"]
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, int | float)
            or not 0 <= seconds < float("inf")
        ):
            raise ResultsError(path, f"{at}.seconds: not a time in seconds")
        responses.append(
            Reply(
                answer["player_id"],
                answer["item_id"],
                answer["response"],
                1.0 if answer["correct"] else 0.0,
                float(seconds),
                f"{path}:{at}",
            )
        )
    return ClassResults(CHANNEL, path, tuple(responses))
