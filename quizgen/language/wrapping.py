"""Lines wrapped at word boundaries to the terminal's width, lists hanging under their text.

A terminal left to itself cuts a long line wherever the width runs out, mid-word
("(Us/e arrow keys)"); every prompt, option and summary line quizgen shows at a
terminal goes through :func:`wrap` first. A numbered or lettered option
continues under its text, not under its number, so lists stay readable at 40
columns. Nothing is dropped: a single word longer than the width (a long
address) is the only thing ever split.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Iterable

MIN_WIDTH = 20
_DASH_BEFORE = re.compile(r" ([—–])(?= )")
_GLUE = "\ue000"
"""Stands for the space before a dash while wrapping: textwrap breaks only at ASCII
whitespace, so the dash cannot begin a line; written back as a space."""
_LEAD = re.compile(r"^(\s*)((?:\d+\.|[a-z]\)|Q:|A:|Undone:|[-•✓✗»])\s+)?")


def terminal_width(fallback: int = 80) -> int:
    """The columns to wrap to: one less than the terminal's, so that no line ever fills
    the last column (where terminals differ on whether the cursor wraps)."""
    return max(MIN_WIDTH, shutil.get_terminal_size((fallback, 24)).columns - 1)


def hang(line: str) -> str:
    """The indent a wrapped line continues at: its own, plus any list marker's width."""
    match = _LEAD.match(line)
    return " " * (match.end() if match else 0)


def wrap(line: str, width: int | None, indent: str | None = None) -> list[str]:
    """One line as lines of at most ``width`` characters (``None``: left as it is)."""
    if width is None or len(line) <= width or not line.strip():
        return [line]
    rest = hang(line) if indent is None else indent
    if len(rest) > width // 2:
        rest = rest[: width // 2]
    # Leading spaces of the line itself stay (textwrap keeps a paragraph's indent). A
    # dash between spaces stays with the word before it: a line never starts "— The".
    glued = _DASH_BEFORE.sub(_GLUE + r"\1", line)
    return [
        part.replace(_GLUE, " ")
        for part in textwrap.TextWrapper(
            width=width, subsequent_indent=rest, break_long_words=True, break_on_hyphens=False
        ).wrap(glued)
    ]


def wrap_all(lines: Iterable[str], width: int | None) -> list[str]:
    return [part for line in lines for part in wrap(line, width)]
