"""The exceptions quizgen raises on purpose.

The CLI catches :class:`QuizgenError` and prints it as one line per problem,
so anything a user can cause (a bad file, a missing file) must surface as one
of these and never as a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Characters text may not carry to a person: C0 and C1 controls (but tab, line feed and
carriage return, which YAML folding and the loader's white-space rule make spaces),
bidirectional embeddings, overrides and isolates, and lone surrogates (which no UTF-8
file or terminal can hold). :mod:`quizgen.inputs` refuses them in what it reads."""


_UNPRINTABLE = re.compile(f"{CONTROL.pattern}|[\n\r]")


def printable(text: str) -> str:
    """``text`` with each :data:`CONTROL` character, line feed and carriage return written
    as an escape (``\\x1b``, ``\\u202e``, ``\\n``): an error message quoting a file's text,
    a path or an answer must not drive the terminal it is printed on, nor take two lines."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        if match.group() in "\n\r":
            return "\\n" if code == 10 else "\\r"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, text)


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
        text = (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )
        return printable(text)


class QuizgenError(Exception):
    """Base class: an error the user can act on, shown without a traceback."""


class FactFileError(QuizgenError):
    """A fact or deck file could not be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class SelectionError(QuizgenError):
    """A command-line choice names something the fact file does not have (a topic, a tag)."""


class InputError(QuizgenError):
    """Something from outside other than a fact file (an environment variable, a path
    given on the command line, standard input) cannot be used as it is."""


class WriteError(QuizgenError):
    """An output file could not be written (no such folder, no permission, disk full)."""


class NoteWarning(UserWarning):
    """Something a user may like to know that changes no result (a damaged cache entry was
    replaced, say). The core warns with it; the CLI prints it as one ``Note:`` line on
    standard error, and a library user sees an ordinary Python warning."""
