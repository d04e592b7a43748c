"""Moodle GIFT: one text file Moodle's question import reads.

Following Moodle's GIFT documentation: the characters ``~ = # { } :`` (and
the backslash itself) are escaped with a backslash wherever they appear in
text; a ``$CATEGORY:`` line puts the questions of each topic in their own
category; the explanation and source go in as general feedback (``####``).
Multiple choice, true/false, short answer (typed and fill-in-the-blank) and
matching are written; GIFT has no ordering question, so timelines are left
out and listed. Question text is marked ``[plain]`` so that Moodle shows a
fact's ``<``, ``>`` and ``&`` as written.
"""

from __future__ import annotations

from quizgen.export import Bank, Format, Rendered, register
from quizgen.items import Item, Shape
from quizgen.items.shapes import ChoiceItem, PairsItem, TextItem, TruthItem

SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """Backslash GIFT's special characters; a line break would end the question, so none."""
    flat = " ".join(text.split())
    return "".join(f"\\{c}" if c in SPECIAL else c for c in flat)


def _answers(q: Item) -> str | None:
    if isinstance(q, ChoiceItem):
        return " ".join(("=" if o == q.answer else "~") + escape(o) for o in q.options)
    if isinstance(q, TruthItem):
        return "TRUE" if q.truth else "FALSE"
    if isinstance(q, TextItem):
        return " ".join(f"={escape(a)}" for a in dict.fromkeys([q.answer, *q.accepted]))
    if isinstance(q, PairsItem):
        return " ".join(f"={escape(a)} -> {escape(b)}" for a, b in q.answer)
    return None


def render(bank: Bank) -> Rendered:
    """The GIFT text, and (item id, reason) for each item left out."""
    base, questions = bank.base, bank.items
    lines = [f"// {base.title}: questions from quizgen.",
             f"// {base.attribution}", ""]
    skipped: list[tuple[str, str]] = []
    category = None
    for q in questions:
        answers = _answers(q)
        if answers is None:
            skipped.append((q.id, f"GIFT cannot express {q.label.lower()} items"))
            continue
        topic = base.topic_name(q.topic)
        if topic != category:
            lines += [f"$CATEGORY: $course$/{base.title}/{topic}", ""]
            category = topic
        prompt = q.prompt
        sources = ", ".join(base.source_label(s) for s in q.source)
        feedback = escape(f"{q.explanation} Source: {sources}")
        # [plain]: Moodle would otherwise read "<" and "&" in a fact as HTML.
        lines += [f"::{escape(q.id)}::[plain]{escape(prompt)} {{{answers} ####{feedback}}}", ""]
    return Rendered("\n".join(lines).encode("utf-8"), skipped)


FORMAT = register(Format(
    "gift", "questions.gift", frozenset({Shape.CHOICE, Shape.TRUTH, Shape.TEXT, Shape.PAIRS}),
    "Moodle GIFT: categories from topics, feedback from the explanation.", render))
