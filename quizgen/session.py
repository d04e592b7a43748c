"""A study session, free of any terminal: questions in, graded answers out.

The engine asks each question through a :class:`Frontend`, times the answer
with an injected clock, grades it, hands it to ``on_answer`` (which commits it)
*before* showing feedback, and stops cleanly on end of input or Ctrl-C. The
same engine serves the questionary front end, plain mode and the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from quizgen.facts import FactBase
from quizgen.grading import Grade, Grader
from quizgen.items import Item
from quizgen.items.base import Response


class EndOfInput(Exception):
    """The answers ran out (end of file in plain mode): the session ends normally."""


class Frontend(Protocol):
    """What a session needs from whatever puts it in front of the learner."""

    def ask(self, question: Item, number: int, total: int) -> Response:
        """The learner's answer; raises EndOfInput or KeyboardInterrupt to stop."""
        ...

    def feedback(self, answer: Answer) -> None:
        """Tell the learner how it went (after the answer is saved)."""
        ...

    def confirm(self, message: str) -> bool:
        """A yes/no question (default no); False at end of input."""
        ...


@dataclass(frozen=True, slots=True)
class Answer:
    question: Item
    response: Response
    grade: Grade
    seconds: float
    answered_at: datetime

    @property
    def correct(self) -> bool:
        return self.grade.correct

    def response_text(self) -> str:
        return self.question.response_text(self.response)


@dataclass
class Result:
    """What happened in a session, for the summary and ``--json``."""

    total: int
    started: datetime
    finished: datetime
    answers: list[Answer] = field(default_factory=list)
    interrupted: bool = False  # Ctrl-C or Esc
    ran_out: bool = False  # end of input before the last question

    @property
    def score(self) -> int:
        return sum(1 for a in self.answers if a.correct)

    @property
    def missed(self) -> list[Answer]:
        return [a for a in self.answers if not a.correct]

    @property
    def seconds(self) -> float:
        return (self.finished - self.started).total_seconds()

    def by_topic(self) -> dict[str, tuple[int, int]]:
        """topic -> (right, asked), in the order topics first came up."""
        out: dict[str, tuple[int, int]] = {}
        for a in self.answers:
            right, asked = out.get(a.question.topic, (0, 0))
            out[a.question.topic] = (right + a.correct, asked + 1)
        return out

    def to_dict(self, base: FactBase) -> dict[str, object]:
        return {
            "total": self.total,
            "answered": len(self.answers),
            "correct": self.score,
            "seconds": round(self.seconds, 3),
            "started": self.started.isoformat(),
            "finished": self.finished.isoformat(),
            "interrupted": self.interrupted,
            "by_topic": {t: {"correct": r, "answered": n} for t, (r, n) in self.by_topic().items()},
            "answers": [{
                "question_id": a.question.id, "kind": a.question.kind,
                "topic": a.question.topic, "fact_ids": list(a.question.fact_ids),
                "prompt": a.question.prompt, "response": a.response_text(),
                "correct": a.correct, "expected": a.grade.expected,
                "seconds": round(a.seconds, 3),
                "source": [base.source_label(s) for s in a.question.source],
            } for a in self.answers],
        }


def run(questions: Sequence[Item], frontend: Frontend, grader: Grader,
        clock: Callable[[], datetime], on_answer: Callable[[Answer], None]) -> Result:
    """Ask every question in turn; returns when done, out of input or interrupted."""
    started = clock()
    result = Result(total=len(questions), started=started, finished=started)
    for number, question in enumerate(questions, start=1):
        start = clock()
        try:
            response = frontend.ask(question, number, len(questions))
        except EndOfInput:
            result.ran_out = True
            break
        except KeyboardInterrupt:
            result.interrupted = True
            break
        answered_at = clock()
        answer = Answer(question, response, question.grade(response, grader),
                        (answered_at - start).total_seconds(), answered_at)
        on_answer(answer)  # committed before anything else can go wrong
        result.answers.append(answer)
        try:
            frontend.feedback(answer)
        except KeyboardInterrupt:
            result.interrupted = True
            break
    result.finished = clock()
    return result


def duration(seconds: float) -> str:
    """'3 min 12 s', '45 s', '1 h 2 min'."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def summary_lines(result: Result, base: FactBase) -> list[str]:
    """The end-of-session summary as plain lines (the rich front end styles them)."""
    answered = len(result.answers)
    lines = []
    if result.interrupted or result.ran_out:
        why = "Stopped" if result.interrupted else "Input ended"
        lines.append(f"{why} after {answered} of {result.total} questions; "
                     "every answer given is saved.")
    if not answered:
        lines.append("No questions answered.")
        return lines
    percent = f" ({round(100 * result.score / answered)}%)"
    lines.append(f"Score: {result.score} of {answered}{percent} in {duration(result.seconds)}")
    if result.answers:
        lines.append("By topic:")
        width = max(len(base.topic_name(t)) for t in result.by_topic())
        for topic, (right, asked) in result.by_topic().items():
            lines.append(f"  {base.topic_name(topic):<{width}}  {right} of {asked}")
    if result.missed:
        lines.append("Missed:")
        for a in result.missed:
            number = result.answers.index(a) + 1
            lines.append(f"  {number}. {a.question.prompt}")
            lines.append(f"     Answer: {a.question.key()}")
    return lines
