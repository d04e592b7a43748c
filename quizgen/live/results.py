"""The game's results on disk as they happen: a CSV row per answer, and a JSON document.

Each answer is appended to the CSV and flushed the moment it is recorded, so
a crash (or Ctrl-C) loses nothing already answered. The JSON document (every
question, player and answer) is rewritten atomically, at most once a second
while answers come in (in a worker thread, so the game does not wait for the
disk) and at every change of phase and at the end.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from quizgen.export.files import write_atomic
from quizgen.live.game import PlayerAnswer

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
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """A text cell a spreadsheet will not run as a formula (OWASP's CSV-injection advice)."""
    return "'" + value if value.startswith(_FORMULA) else value


class Results:
    def __init__(self, folder: Path, stem: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.csv_path = folder / f"{stem}.csv"
        self.json_path = folder / f"{stem}.json"
        self._file: IO[str] = self.csv_path.open("a", encoding="utf-8", newline="")
        self._csv = csv.writer(self._file)
        if self._file.tell() == 0:
            self._csv.writerow(COLUMNS)
            self._file.flush()

    def add(self, answer: PlayerAnswer) -> None:
        row = answer.to_dict()
        self._csv.writerow(
            [
                row["question"],
                row["item_id"],
                row["kind"],
                row["player_id"],
                _cell(row["player"]),
                _cell(row["response"]),
                "yes" if row["correct"] else "no",
                row["points"],
                row["seconds"],
                datetime.now().astimezone().isoformat(timespec="milliseconds"),
            ]
        )
        self._file.flush()

    def encode(self, document: dict[str, Any]) -> bytes:
        """The JSON document (compact: the C encoder, a few ms for a whole class's game)."""
        return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode(
            "utf-8"
        )

    def snapshot(self, document: dict[str, Any]) -> None:
        self.write(self.encode(document))

    def write(self, data: bytes) -> None:
        write_atomic(self.json_path, data)

    def close(self) -> None:
        self._file.close()
