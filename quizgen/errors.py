"""The exceptions quizgen raises on purpose.

The CLI catches :class:`QuizgenError` and prints it as one line per problem,
so anything a user can cause (a bad file, a missing file) must surface as one
of these and never as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with an input file, pinned to where a person can fix it.

    ``line`` and ``column`` are 1-based, as editors count them; they are 0 when
    the problem concerns the whole file (it is missing, say).
    """

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field \
            else f"{where}: {self.message}"


class QuizgenError(Exception):
    """Base class: an error the user can act on, shown without a traceback."""


class FactFileError(QuizgenError):
    """A fact or deck file could not be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SelectionError(QuizgenError):
    """A command-line choice names something the fact file does not have (a topic, a tag)."""


class WriteError(QuizgenError):
    """An output file could not be written (no such folder, no permission, disk full)."""
