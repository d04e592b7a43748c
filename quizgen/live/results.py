"""The game's results on disk as they happen: a CSV row per answer, and a JSON document.

Names: ``live-YYYYMMDD-HHMMSS`` and, if that is taken (two games started in
the same second, or anything at all at that name, a planted symbolic link
included), ``-2``, ``-3``, ...; both files are created exclusively
(``O_EXCL``, which never follows a link), readable by their owner only
(students' names and answers).

Each answer is appended to the CSV the moment it is recorded. A write that
fails (a full disk, a quota) loses nothing: the rows not yet written stay in
memory, byte for byte, and :meth:`Results.flush` writes them, in order and
once each, when it works again; :attr:`Results.problem` says what is wrong
meanwhile, for the host's screen. The JSON document (every question,
player and answer) is replaced atomically (a temporary file, then a rename
over our own file: a link never followed), at most once a second while
answers come in and at every change of phase.

Every text cell is made safe for a spreadsheet with either separator: a cell,
or any part of it after a comma or semicolon, that would start with ``=``,
``+``, ``-`` or ``@`` gets a ``'`` before it (so ``x;=1+1;`` is written
``x;'=1+1;``), and text cells are quoted.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
from collections import deque
from datetime import datetime
from pathlib import Path
from typing import Any

from quizgen.analysis.gameresults import COLUMNS
from quizgen.errors import QuizgenError
from quizgen.live.game import PlayerAnswer

NAMES_TRIED = 1000
_FORMULA = re.compile(r"(^|[,;])([ \t\r\n]*)(?=[=+\-@])")
_CREATE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def cell(value: str) -> str:
    """A text cell no spreadsheet will run as a formula, whichever separator it splits on
    (OWASP's CSV-injection advice, applied to every part a split could make)."""
    value = _FORMULA.sub(r"\1\2'", value)
    return "'" + value if value[:1] in ("\t", "\r") else value


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


class Results:
    def __init__(self, folder: Path, stem: str) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise QuizgenError(f"cannot make the results folder {folder}: {_why(exc)}") from None
        self._fd, self.csv_path, self.json_path = self._create(folder, stem)
        self._queue: deque[bytes] = deque()
        """Lines not yet written; ``_offset`` bytes of the first one are."""
        self._offset = 0
        self._lines = 0
        self._csv_problem: str | None = None
        self._json_problem: str | None = None
        self._queue.append(self._encode_row(COLUMNS))
        self.flush()

    @staticmethod
    def _create(folder: Path, stem: str) -> tuple[int, Path, Path]:
        """Both files, new: the first free ``stem``, ``stem-2``, ... (see the module's note)."""
        for n in range(1, NAMES_TRIED + 1):
            name = stem if n == 1 else f"{stem}-{n}"
            csv_path, json_path = folder / f"{name}.csv", folder / f"{name}.json"
            try:
                fd = os.open(csv_path, _CREATE | os.O_APPEND, 0o600)
            except FileExistsError:
                continue
            except OSError as exc:
                raise QuizgenError(f"cannot create {csv_path}: {_why(exc)}") from None
            try:
                os.close(os.open(json_path, _CREATE, 0o600))
            except FileExistsError:
                os.close(fd)
                os.unlink(csv_path)
                continue
            except OSError as exc:
                os.close(fd)
                os.unlink(csv_path)
                raise QuizgenError(f"cannot create {json_path}: {_why(exc)}") from None
            return fd, csv_path, json_path
        raise QuizgenError(
            f"cannot create the results in {folder}: {stem}.csv and "
            f"{NAMES_TRIED - 1} more names are taken"
        )

    @staticmethod
    def _encode_row(row: tuple[Any, ...] | list[Any]) -> bytes:
        out = io.StringIO()
        csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n").writerow(row)
        return out.getvalue().encode("utf-8")

    @property
    def problem(self) -> str | None:
        """What keeps the results from the disk now (None when all is written)."""
        return self._csv_problem or self._json_problem

    @property
    def rows(self) -> int:
        """Answers written to the CSV so far."""
        return max(0, self._lines - 1)

    @property
    def waiting(self) -> int:
        """Answers held in memory, not yet (wholly) in the CSV."""
        return len(self._queue) - (self._lines == 0 and bool(self._queue))

    def unwritten(self) -> str:
        """The CSV lines not (wholly) written, whole: the last resort at exit."""
        return b"".join(self._queue).decode("utf-8")

    def add(self, answer: PlayerAnswer) -> None:
        """Queue the answer's row and write what is queued; never raises (see flush)."""
        row = answer.to_dict()
        self._queue.append(
            self._encode_row(
                [
                    row["question"],
                    cell(row["item_id"]),
                    cell(row["kind"]),
                    cell(row["player_id"]),
                    cell(row["player"]),
                    cell(row["response"]),
                    "yes" if row["correct"] else "no",
                    row["points"],
                    row["seconds"],
                    datetime.now().astimezone().isoformat(timespec="milliseconds"),
                ]
            )
        )
        self.flush()

    def flush(self) -> bool:
        """Write every queued byte, in order; False (and :attr:`problem` set) if the disk
        refused, with what was not written still queued."""
        while self._queue:
            line = self._queue[0]
            try:
                self._offset += os.write(self._fd, line[self._offset :])
            except InterruptedError:
                continue
            except OSError as exc:
                self._csv_problem = f"cannot write {self.csv_path}: {_why(exc)}"
                return False
            if self._offset >= len(line):
                self._queue.popleft()
                self._offset = 0
                self._lines += 1
        self._csv_problem = None
        return True

    def encode(self, document: dict[str, Any]) -> bytes:
        """The JSON document (compact: the C encoder, a few ms for a whole class's game)."""
        return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode(
            "utf-8"
        )

    def snapshot(self, document: dict[str, Any]) -> str | None:
        return self.write(self.encode(document))

    def write(self, data: bytes) -> str | None:
        """Replace the JSON document with ``data``; the problem, or None. Never raises:
        it runs in a worker thread, and the next snapshot holds everything anyway."""
        folder = self.json_path.parent
        tmp = ""
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{self.json_path.stem}.", suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, self.json_path)
        except OSError as exc:
            if tmp:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            self._json_problem = f"cannot write {self.json_path}: {_why(exc)}"
            return self._json_problem
        self._json_problem = None
        return None

    def close(self) -> None:
        self.flush()
        with contextlib.suppress(OSError):
            os.close(self._fd)
