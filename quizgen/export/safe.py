"""Text made harmless for a file that another program reads: one place, every format.

A fact file is written by people; the loader (``quizgen validate``) refuses
control characters and bidi overrides, but an exporter must not rely on that:
a fact base built in code, or an older check, would hand them through. So
every exporter passes fact text through :func:`clean`, and spreadsheets also
through :func:`neutral` (OWASP's advice on CSV and formula injection).

- Line breaks and tabs become spaces: most formats are one line a record.
- Other control characters (C0, DEL, C1) become U+FFFD, the replacement
  character: visible, so a teacher sees something was there, and legal in
  XML, xlsx and every terminal (an ESC would start an escape sequence; a NUL
  or a form feed makes XML not well-formed and openpyxl raise).
- Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069)
  become U+FFFD too: they can make text read differently from what it says.
- Lone surrogates and U+FFFE/U+FFFF, which no UTF-8 file or XML document
  may hold, become U+FFFD as well.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_SPACES = re.compile(r"[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]")
_CONTROLS = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
"""OWASP's list: a cell starting with one of these is read as a formula by spreadsheets."""


def clean(text: str) -> str:
    """``text`` with line breaks as spaces and control and bidi characters replaced."""
    return _CONTROLS.sub(REPLACEMENT, _SPACES.sub(" ", text))


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def neutral(text: str) -> str:
    """A cleaned spreadsheet cell that no spreadsheet evaluates.

    As OWASP recommends for CSV: a cell starting with ``= + - @`` (or a tab or
    a line break) gets a leading apostrophe, which Excel and LibreOffice show
    as text (Excel hides it). The quoting of the cell is the CSV writer's job.
    """
    cleaned = clean(text)
    return "'" + cleaned if is_formula_like(cleaned) else cleaned
