"""Tying an LMS report's questions to quizgen items, by the text the LMS shows.

Moodle's Responses report shows a question as its summary: the question text, and
for multiple choice ``: `` followed by the choices in the order the student saw
them (for matching, `` {statements} -> {choices}``). Canvas heads a column with the
question's text. Both are compared with the prompts of the questions file the quiz
was made from (:mod:`quizgen.analysis.keys`), after the same normalisation (HTML
entities, Unicode compatibility forms, case and runs of white space). Where two
items share a prompt, the choices the summary lists, then the report's right
answer, tell them apart; failing those, they are taken in the order of the questions
file, which is the order an LMS imports them in (Canvas numbers its questions so, and
Moodle's quiz lists them so unless the teacher reorders them).
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from quizgen.analysis.keys import ExportedItem
from quizgen.analysis.records import ChannelQuestion, ClassResults, ResultsError


def normal(text: str) -> str:
    """Text as compared: entities decoded, NFKC, case folded, white space single."""
    return " ".join(unicodedata.normalize("NFKC", html.unescape(text)).casefold().split())


@dataclass(frozen=True, slots=True)
class Matched:
    """Each channel question's item, and the questions that are no quizgen item's."""

    items: dict[str, str]
    """ChannelQuestion.key -> item id."""
    unmatched: tuple[ChannelQuestion, ...]


def _candidates(text: str, prompts: Sequence[tuple[str, ExportedItem]]) -> list[ExportedItem]:
    """Items whose prompt is the text, or begins it followed by Moodle's summary marks."""
    exact = [item for prompt, item in prompts if prompt == text]
    if exact:
        return exact
    best: list[ExportedItem] = []
    longest = 0
    for prompt, item in prompts:
        rest = text[len(prompt) :].lstrip() if text.startswith(prompt) else None
        if rest is not None and rest[:1] in (":", "{") and len(prompt) >= longest:
            best = [*best, item] if len(prompt) == longest else [item]
            longest = len(prompt)
    return best


def _choose(question: ChannelQuestion, found: list[ExportedItem]) -> ExportedItem | None:
    if len(found) == 1:
        return found[0]
    text = normal(question.text)
    listing = [i for i in found if i.options and all(normal(o) in text for o in i.options)]
    if len(listing) == 1:
        return listing[0]
    right = normal(question.right)
    keyed = [i for i in (listing or found) if right and any(normal(a) in right for a in i.accepted)]
    return keyed[0] if len(keyed) == 1 else None


def match(
    questions: Iterable[ChannelQuestion], items: Sequence[ExportedItem], path: str = ""
) -> Matched:
    """Each question's item; one whose text fits two items alike is refused, naming both."""
    prompts = [(normal(i.prompt), i) for i in items if i.prompt.strip()]
    found: dict[str, str] = {}
    unmatched: list[ChannelQuestion] = []
    taken: dict[str, str] = {}  # item id -> the column that took it by order
    for question in questions:
        candidates = _candidates(normal(question.text), prompts)
        if not candidates:
            unmatched.append(question)
            continue
        chosen = _choose(question, candidates)
        if chosen is None:
            free = [c for c in candidates if taken.get(c.id, question.column) == question.column]
            if not free:
                names = " and ".join(f"'{c.id}'" for c in candidates[:2])
                raise ResultsError(
                    path,
                    f"{question.column}: the question fits {names} alike "
                    "and both are taken; give the questions file of this quiz",
                )
            chosen = free[0]
            taken[chosen.id] = question.column
        found[question.key] = chosen.id
    return Matched(found, tuple(unmatched))


def resolve(results: ClassResults, items: Sequence[ExportedItem]) -> ClassResults:
    """``results`` with each channel question's responses given their item id.

    Questions that are no item's (a teacher's own, added in the LMS) are left out and
    named in a note; if none is anyone's, the questions file is the wrong one.
    """
    if not results.questions:
        return results
    matched = match(results.questions, items, results.path)
    if not matched.items:
        raise ResultsError(
            results.path,
            "none of its questions is in the questions file "
            "given; give the GIFT, Moodle XML or QTI file this quiz was made "
            "from",
        )
    kept = tuple(
        replace(r, item=matched.items[r.question])
        for r in results.responses
        if r.question in matched.items
    )
    notes = results.notes
    if matched.unmatched:
        columns = sorted({q.column for q in matched.unmatched})
        notes = (
            *notes,
            f"{len(columns)} question(s) not from quizgen were left out: "
            + ", ".join(columns[:5])
            + (" ..." if len(columns) > 5 else ""),
        )
    return replace(results, responses=kept, notes=notes)
