"""Items as plain text: what ``quizgen questions`` prints and a screen reader can follow.

Numbers label options and matching names, letters label matching statements,
exactly as plain mode asks for them, so an answer can be typed back as
``2``, ``3 1 2`` or ``1b 2a 3d 4c``.
"""

from __future__ import annotations

from quizgen.facts import FactBase
from quizgen.items import Item


def sources_line(base: FactBase, q: Item) -> str:
    labels = ", ".join(base.source_label(s) for s in q.source)
    facts = ", ".join(q.fact_ids)
    return f"Source: {labels} (fact{'s' if len(q.fact_ids) > 1 else ''} {facts})"


def heading(base: FactBase, q: Item, number: int, total: int) -> str:
    return f"Question {number} of {total} · {q.label} · {base.topic_name(q.topic)}"


def question_text(
    base: FactBase, q: Item, number: int, total: int, *, with_answer: bool = True
) -> str:
    lines = [heading(base, q, number, total), *q.body()]
    if with_answer:
        lines += [q.answer_line(), sources_line(base, q)]
    return "\n".join(lines)
