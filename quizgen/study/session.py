"""A study session, free of any terminal: questions in, graded answers out.

The engine asks each question through a :class:`Frontend`, times the answer
with an injected clock, grades it, hands it to ``on_answer`` (which commits it)
*before* showing feedback, and stops cleanly on end of input or Ctrl-C. The
same engine serves the questionary front end, plain mode and the tests.

The questions come from a list or from a :class:`Source` that decides as the
session goes (review brings a card back when its learning step is due; a
drill asks a missed fact again), told each answer once it is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Protocol

from quizgen.facts import FactBase
from quizgen.grading import Grade, Grader
from quizgen.items import Item
from quizgen.items.base import Response, Shape
from quizgen.scheduling.cards import Rating


class EndOfInput(Exception):
    """The answers ran out (end of file in plain mode): the session ends normally."""


class Source(Protocol):
    """Questions decided as the session goes (see :mod:`quizgen.study.queues`)."""

    def next(self, now: datetime) -> Item | None:
        """The next question at ``now``, or None when the session is done."""
        ...

    def answered(self, answer: Answer) -> None:
        """Called with each answer after ``on_answer`` has saved it."""
        ...

    def remaining(self, now: datetime) -> int:
        """How many questions are still to come, as things stand."""
        ...


class Listed:
    """A fixed list of questions as a :class:`Source`."""

    def __init__(self, questions: Sequence[Item]) -> None:
        self.questions = list(questions)
        self.position = 0

    def next(self, now: datetime) -> Item | None:
        if self.position == len(self.questions):
            return None
        self.position += 1
        return self.questions[self.position - 1]

    def answered(self, answer: Answer) -> None:
        pass

    def remaining(self, now: datetime) -> int:
        return len(self.questions) - self.position


@dataclass(frozen=True, slots=True)
class Offer:
    """What the learner may change a rating to, just after its verdict: the rating given
    and each rating with its interval ('Again 1m', 'Hard 6m', 'Good 10m', 'Easy 8d')."""

    current: Rating
    choices: tuple[str, ...]
    overrulable: bool = False
    """The answer was marked wrong and the same prompt also offers "I was right" (the
    key o): in review one prompt offers both, so nothing typed for one answers another."""


class Rerater(Protocol):
    """Lets the learner change the rating an answer was given (review's recorder)."""

    def offer(self, answer: Answer) -> Offer | None:
        """The ratings on offer after this answer, or None (nothing to change)."""
        ...

    def change(self, answer: Answer, rating: Rating) -> str:
        """Record ``rating`` instead; returns what the learner is told."""
        ...


class Frontend(Protocol):
    """What a session needs from whatever puts it in front of the learner."""

    def ask(self, question: Item, number: int, total: int) -> Response:
        """The learner's answer; raises EndOfInput or KeyboardInterrupt to stop."""
        ...

    def feedback(self, answer: Answer) -> bool | None:
        """Tell the learner how it went (after the answer is saved). Where the answer is
        ``overrulable``, offer "I was right", and return True if the learner takes it;
        an overruled answer is then shown once more (its grade says so)."""
        ...

    def confirm(self, message: str) -> bool:
        """A yes/no question (default no); False at end of input."""
        ...

    def rerate(self, offer: Offer, change: Callable[[Rating], str]) -> bool | None:
        """Offer to change the rating just given (keys 1-4; Enter keeps it), calling
        ``change`` with the rating chosen, if another, and showing what it returns.
        Where the offer is ``overrulable``, the same prompt offers "I was right" (o):
        return True if the learner takes it (the rating is then left alone)."""
        ...


@dataclass(frozen=True, slots=True)
class Answer:
    question: Item
    response: Response
    grade: Grade
    seconds: float
    answered_at: datetime
    note: str = ""
    """What saving it did, when worth saying ("Good: next review in 8d")."""
    overrulable: bool = False
    """Marked wrong, and the learner may say "I was right" (a typed reply) from its
    feedback; in review the rating offer that follows offers it instead
    (:attr:`Offer.overrulable`)."""

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
            "answers": [
                {
                    "question_id": a.question.id,
                    "kind": a.question.kind,
                    "topic": a.question.topic,
                    "fact_ids": list(a.question.fact_ids),
                    "prompt": a.question.prompt,
                    "response": a.response_text(),
                    "correct": a.correct,
                    "expected": a.grade.expected,
                    "seconds": round(a.seconds, 3),
                    "source": [base.source_label(s) for s in a.question.source],
                }
                for a in self.answers
            ],
        }


def can_overrule(answer: Answer) -> bool:
    """Whether the learner may say "I was right": a typed reply the grader marked wrong
    (a choice, an order or pairs leave nothing for the grader to have misread)."""
    return (
        not answer.correct
        and answer.question.shape is Shape.TEXT
        and bool(answer.response_text().strip())
    )


def overruled(answer: Answer) -> Answer:
    """The answer as the learner says it was: right, and marked overruled."""
    grade = replace(answer.grade, correct=True, typo=False, overruled=True)
    return replace(answer, grade=grade, overrulable=False, note="")


def run(
    questions: Sequence[Item] | Source,
    frontend: Frontend,
    grader: Grader,
    clock: Callable[[], datetime],
    on_answer: Callable[[Answer], str | None],
    *,
    on_overrule: Callable[[Answer], str | None] | None = None,
    rerater: Rerater | None = None,
) -> Result:
    """Ask every question in turn; returns when done, out of input or interrupted.

    ``on_answer`` saves each answer before its feedback; what it returns, if
    anything, is shown with the feedback (review tells the next interval). With
    ``on_overrule``, a typed reply marked wrong may be overruled ("I was right"):
    ``on_overrule`` saves it as right (and says what that did) before the session goes
    on. With a ``rerater``, the learner may then change the rating (the end of input
    there keeps it); where both apply, one prompt offers both (see :class:`Offer`), and
    an overrule is rated Hard, which the learner may change in turn. The queue hears of
    each answer as finally recorded.
    """
    source = Listed(questions) if isinstance(questions, Sequence) else questions
    started = clock()
    result = Result(total=source.remaining(started), started=started, finished=started)
    while True:
        start = clock()
        question = source.next(start)
        if question is None:
            result.finished = start
            return result
        number = len(result.answers) + 1
        result.total = number + source.remaining(start)
        try:
            response = frontend.ask(question, number, result.total)
        except EndOfInput:
            result.ran_out = True
            break
        except KeyboardInterrupt:
            result.interrupted = True
            break
        answered_at = clock()
        answer = Answer(
            question,
            response,
            question.grade(response, grader),
            (answered_at - start).total_seconds(),
            answered_at,
        )
        note = on_answer(answer)  # committed before anything else can go wrong
        overrulable = on_overrule is not None and can_overrule(answer)
        offer = rerater.offer(answer) if rerater is not None else None
        # In review the rating offer holds "I was right"; elsewhere the feedback does.
        answer = replace(answer, note=note or "", overrulable=overrulable and offer is None)
        result.answers.append(answer)
        try:
            said = frontend.feedback(answer)
            if offer is not None and rerater is not None:
                offer = replace(offer, overrulable=overrulable)
                said = frontend.rerate(offer, _changer(rerater, answer, result))
            if said and overrulable and on_overrule is not None:
                answer = overruled(answer)
                answer = replace(answer, note=on_overrule(answer) or "")
                result.answers[-1] = answer
                frontend.feedback(answer)
                offer = rerater.offer(answer) if rerater is not None else None
                if offer is not None and rerater is not None:  # Hard, which may change
                    frontend.rerate(offer, _changer(rerater, answer, result))
        except KeyboardInterrupt:
            result.interrupted = True
            source.answered(result.answers[-1])
            break
        except EndOfInput:
            pass  # the rating given stands; the next question meets the end of input
        source.answered(result.answers[-1])  # once its rating is final
    result.finished = clock()
    return result


def _changer(rerater: Rerater, answer: Answer, result: Result) -> Callable[[Rating], str]:
    def change(rating: Rating) -> str:
        note = rerater.change(answer, rating)
        result.answers[-1] = replace(answer, note=note)
        return note

    return change


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
        lines.append(
            f"{why} after {answered} of {result.total} questions; every answer given is saved."
        )
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
            lines.extend(answer_lines(a, "     ", base))
    return lines


def answer_lines(answer: Answer, indent: str, base: FactBase | None = None) -> list[str]:
    """The answer in words, for the missed-questions list: the text, each event in order
    with its date, or each pair as a sentence; with the part the learner had right."""
    from quizgen.study.feedback import answer_words

    words = answer_words(answer.question, base)
    part = answer.grade.part
    got = f" (you had {part[0]} of {part[1]} right)" if part else ""
    if len(words) == 1:
        return [f"{indent}Answer: {words[0]}{got}"]
    return [f"{indent}Answer{got}:", *(f"{indent}  {w}" for w in words)]
