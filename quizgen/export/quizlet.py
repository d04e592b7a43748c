"""Quizlet: one card a line, term TAB definition, as Quizlet's import box expects.

Tabs and line breaks inside a field would start a new definition or card, so
they become spaces; other control characters are replaced. Items without a
single text answer (true/false, timeline, matching) are left out, and said
to be.
"""

from __future__ import annotations

import re

from quizgen.export import Content, Format, Rendered, register
from quizgen.export.safe import clean
from quizgen.items import Shape
from quizgen.items.shapes import ChoiceItem, TextItem

_BREAKS = re.compile(r"[\t\r\n\v\f\u2028\u2029]+")


def field(text: str) -> str:
    """One line, no tab: control characters replaced (quizgen.export.safe)."""
    return " ".join(clean(_BREAKS.sub(" ", text)).split())


def render(content: Content) -> Rendered:
    """The import text, and (item id, reason) for each item left out."""
    lines, skipped = [], []
    for q in content.items:
        if not isinstance(q, TextItem | ChoiceItem):
            skipped.append((q.id, f"{q.label.lower()} items have no single text answer"))
            continue
        lines.append(f"{field(q.prompt)}\t{field(q.answer)}")
    return Rendered(("\n".join(lines) + "\n").encode("utf-8"), skipped)


SHAPES = frozenset({Shape.TEXT, Shape.CHOICE})
HELP = "Quizlet import text: term TAB definition, one card a line."
FORMAT = register(Format("quizlet", "quizlet.txt", SHAPES, HELP, render))
