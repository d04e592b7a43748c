"""Moodle GIFT: one text file Moodle's question import reads.

Written against what Moodle's importer (``qformat_gift::readquestion``)
does with the text, not only against the GIFT documentation, because fact
text is ordinary prose and the importer reads much of it as syntax:

- ``~ = # { } :`` and the backslash are escaped with a backslash everywhere;
  line breaks would end a question, so text is kept to one line.
- Every text that Moodle formats (question, general feedback, each answer,
  each matching name) starts with ``[plain]``: otherwise an answer starting
  with ``%50%`` is given 50% credit, and one starting with ``[markdown]`` is
  rendered as markdown. Plain text shows a fact's ``<``, ``>`` and ``&``.
- Moodle's plain-text display still turns numeric entities (``&#123;``)
  into characters, so in plain text an ``&`` before ``#`` or ``&`` is
  written as ``&#38;``, which displays as the ``&`` it was.
- A ``->`` anywhere among the answers makes Moodle read a matching question,
  and GIFT has no escape for it: in a shown text (an option, a matching name)
  it is written ``-&#62;`` (plain text shows ``->``); an accepted short answer
  is compared as written, so one holding ``->`` cannot be written as it is: it
  is left out and listed with its reason, never changed into another answer (a
  question with no accepted answer left is left out). A literal ``*`` in a
  short answer is written ``\\*``, as Moodle's short answers require.
- Matching choices are shown by Moodle's ``format_string``, which strips
  tags and which ``[plain]`` does not reach: they are HTML-escaped.
- ``$CATEGORY`` paths double a ``/`` inside a name (Moodle's own
  ``assemble_category_path``), so a title or topic with a slash stays one
  category instead of nesting; Moodle shows a category's name as text, as
  written, so it is written as it is: an ``&`` as ``&`` (``&amp;`` would show as
  those five characters), a ``<b>`` as the three characters it is.

Multiple choice, true/false, short answer (typed and fill-in-the-blank) and
matching are written; GIFT has no ordering question, so timelines are left
out and listed (the ``moodle-xml`` format writes them).
"""

from __future__ import annotations

import html
import re

from quizgen.export import Content, Format, Rendered, register
from quizgen.export.answers import accepted_forms, grader_for
from quizgen.export.safe import clean
from quizgen.grading import Grader
from quizgen.items import Item, Shape
from quizgen.items.shapes import ChoiceItem, PairsItem, TextItem, TruthItem

SPECIAL = "\\~=#{}:"
_ENTITY_AMP = re.compile(r"&(?=[#&])")


def escape(text: str) -> str:
    """Backslash GIFT's special characters; a line break would end the question, so none."""
    flat = " ".join(clean(text).split())
    return "".join(f"\\{c}" if c in SPECIAL else c for c in flat)


def plain(text: str, *, arrow: bool = False) -> str:
    """Text Moodle shows as plain text: ``[plain]``, entities kept, specials escaped.

    ``arrow`` also hides ``->`` from the importer (in matching names).
    """
    flat = _ENTITY_AMP.sub("&#38;", " ".join(clean(text).split()))
    if arrow:
        flat = flat.replace("->", "-&#62;")
    return "[plain]" + escape(flat)


ARROW = "->"
ARROW_REASON = "GIFT would read its '->' as a matching pair, and it cannot be escaped"


def short_answer(text: str) -> str:
    """An accepted short answer: compared as typed, so only the syntax is defused (one
    holding ``->`` is never written: see :func:`gift_forms`)."""
    assert ARROW not in text
    return "[plain]" + escape(text).replace("*", "\\*")


def gift_forms(grader: Grader, q: TextItem) -> tuple[list[str], list[str]]:
    """The forms quizgen's grader accepts (:func:`quizgen.export.answers.accepted_forms`)
    that GIFT can hold; and the item's own answers it cannot (holding ``->``), which are
    listed (the forms derived from them that hold one too go with them, unlisted)."""
    writable = [f for f in accepted_forms(grader, q) if ARROW not in f]
    return writable, [a for a in dict.fromkeys([q.answer, *q.accepted]) if ARROW in a]


def choice(text: str) -> str:
    """A matching choice, which Moodle shows with format_string (HTML, tags stripped)."""
    return escape(html.escape(" ".join(clean(text).split()), quote=False))


def category_name(text: str) -> str:
    """One name of a $CATEGORY path, as Moodle's assemble_category_path writes it."""
    name = " ".join(clean(text).split()).replace("/", "//")
    if name.startswith("/"):
        name = " " + name
    if name.endswith("/"):
        name += " "
    return name


def why_not(q: Item) -> str | None:
    """Why GIFT cannot hold an item, or None if it can."""
    if isinstance(q, TextItem) and all(ARROW in a for a in (q.answer, *q.accepted)):
        # Checked on the answers as written (a derived form such as "A B" for "A -> B"
        # would be another answer than the key, which a learner typing it would miss).
        return f"every accepted answer holds '{ARROW}': {ARROW_REASON}"
    if isinstance(q, ChoiceItem | TruthItem | TextItem | PairsItem):
        return None
    return f"GIFT cannot express {q.label.lower()} items (the moodle-xml format can)"


def _answers(q: Item, grader: Grader) -> str:
    if isinstance(q, ChoiceItem):
        return " ".join(("=" if o == q.answer else "~") + plain(o, arrow=True) for o in q.options)
    if isinstance(q, TruthItem):
        return "TRUE" if q.truth else "FALSE"
    if isinstance(q, TextItem):
        return " ".join("=" + short_answer(a) for a in gift_forms(grader, q)[0])
    assert isinstance(q, PairsItem)
    return " ".join(f"={plain(a, arrow=True)} -> {choice(b)}" for a, b in q.answer)


def render(content: Content) -> Rendered:
    """The GIFT text, and (item id, reason) for each item left out."""
    base, questions = content.base, content.items
    grader = grader_for(base)
    lines = [
        f"// {escape(base.title)}: questions from quizgen.",
        f"// {escape(base.attribution)}",
        "",
    ]
    skipped: list[tuple[str, str]] = []
    forms: list[tuple[str, str]] = []
    category = None
    for q in questions:
        reason = why_not(q)
        if reason is not None:
            skipped.append((q.id, reason))
            continue
        if isinstance(q, TextItem):
            forms += [
                (q.id, f"the accepted answer {form!r}: {ARROW_REASON}")
                for form in gift_forms(grader, q)[1]
            ]
        topic = base.topic_name(q.topic)
        if topic != category:
            lines += [f"$CATEGORY: $course$/{category_name(base.title)}/{category_name(topic)}", ""]
            category = topic
        sources = ", ".join(base.source_label(s) for s in q.source)
        feedback = plain(f"{q.explanation} Source: {sources}".strip())
        lines += [
            f"::{escape(q.id)}::{plain(q.prompt)} {{{_answers(q, grader)} ####{feedback}}}",
            "",
        ]
    return Rendered("\n".join(lines).encode("utf-8"), skipped, forms)


SHAPES = frozenset({Shape.CHOICE, Shape.TRUTH, Shape.TEXT, Shape.PAIRS})
HELP = "Moodle GIFT: categories from topics, feedback from the explanation."
FORMAT = register(Format("gift", "questions.gift", SHAPES, HELP, render, why_not))
