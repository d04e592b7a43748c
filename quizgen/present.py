"""Items as plain text: what ``quizgen questions`` prints and a screen reader can follow.

Letters label options and numbers label matching items, so an answer can be
typed back as ``b``, ``c a d b`` or ``1b 2a 3d 4c``.
"""

from __future__ import annotations

from string import ascii_lowercase

from quizgen.facts import FactBase
from quizgen.questions import Question, QuestionKind


def letter(i: int) -> str:
    return ascii_lowercase[i]


def sources_line(base: FactBase, q: Question) -> str:
    labels = ", ".join(base.source_label(s) for s in q.source)
    facts = ", ".join(q.fact_ids)
    return f"Source: {labels} (fact{'s' if len(q.fact_ids) > 1 else ''} {facts})"


def body(q: Question) -> list[str]:
    """The prompt and the options, as a learner sees them before answering."""
    lines = [q.prompt]
    if q.kind is QuestionKind.MATCH:
        lines += [f"  {i + 1}. {item}" for i, item in enumerate(q.items)]
        lines += [f"  {letter(i)}) {o}" for i, o in enumerate(q.options)]
    elif q.kind is not QuestionKind.TF:
        lines += [f"  {letter(i)}) {o}" for i, o in enumerate(q.options)]
    return lines


def answer_line(q: Question) -> str:
    if q.kind is QuestionKind.MC:
        assert isinstance(q.answer, str)
        return f"Answer: {letter(q.options.index(q.answer))}) {q.answer}"
    if q.kind is QuestionKind.TIMELINE:
        order = " ".join(letter(q.options.index(str(a))) for a in q.answer)
        return f"Answer: {order}"
    if q.kind is QuestionKind.MATCH:
        pairs = " ".join(f"{q.items.index(str(a[0])) + 1}{letter(q.options.index(str(a[1])))}"
                         for a in q.answer if isinstance(a, tuple))
        return f"Answer: {pairs}"
    also = f" (also accepted: {', '.join(q.accepted)})" if q.accepted else ""
    return f"Answer: {q.answer}{also}"


def question_text(base: FactBase, q: Question, number: int, total: int,
                  *, with_answer: bool = True) -> str:
    topic = base.topic_name(q.topic)
    lines = [f"Question {number} of {total} · {q.kind.label} · {topic}", *body(q)]
    if with_answer:
        lines += [answer_line(q), sources_line(base, q)]
    return "\n".join(lines)


def key_text(q: Question) -> str:
    """The key in words, one line per event or pair for timelines and matching."""
    if q.kind is QuestionKind.TIMELINE:
        return "\n".join(f"{i + 1}. {a}" for i, a in enumerate(q.answer))
    if q.kind is QuestionKind.MATCH:
        return "\n".join(f"{a[0]}: {a[1]}" for a in q.answer if isinstance(a, tuple))
    return str(q.answer)


def key_short(q: Question) -> str:
    """The key as plain mode takes it: '2 4 1 3' for a timeline, '1b 2a' for matching."""
    if q.kind is QuestionKind.TIMELINE:
        return " ".join(str(q.options.index(str(a)) + 1) for a in q.answer)
    if q.kind is QuestionKind.MATCH:
        return " ".join(f"{q.items.index(str(a[0])) + 1}{letter(q.options.index(str(a[1])))}"
                        for a in q.answer if isinstance(a, tuple))
    return str(q.answer)
