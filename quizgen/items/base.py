"""What every question is, by the way a learner answers it.

A question *kind* (multiple choice, matching...) is a module of its own; what
the rest of quizgen needs to know is only its *shape*: pick one option, judge
a statement, type a text, put options in order, or pair names with statements.
Front ends, exporters and the audit go by shape, so a new kind of an existing
shape works everywhere without touching them.

Each shape's dataclass knows how to grade a response, how it reads as plain
text (what ``quizgen questions`` prints and plain mode shows), and how plain
mode's typed reply becomes a response.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from string import ascii_lowercase
from typing import TYPE_CHECKING, Any, ClassVar

from quizgen.errors import QuizgenError
from quizgen.facts import AnswerKind, SourceKey
from quizgen.text import fold

if TYPE_CHECKING:
    from quizgen.grading import Grade, Grader

TRUE, FALSE = "True", "False"
_TRUE_WORDS = frozenset({"t", "true", "y", "yes"})
_FALSE_WORDS = frozenset({"f", "false", "n", "no"})

Response = str | list[str] | list[tuple[str, str]]
"""Option text (choice, truth, text), the options in order, or (name, statement) pairs."""


class Shape(StrEnum):
    """How the learner answers; everything outside the kind modules goes by this."""

    CHOICE = "choice"
    TRUTH = "truth"
    TEXT = "text"
    ORDER = "order"
    PAIRS = "pairs"
    SELF = "self"
    """See the question, reveal the answer, grade yourself (a flashcard)."""


class InvalidReply(QuizgenError):
    """A plain-mode reply that is not an answer of the item's form; the message says why."""


def letter(i: int) -> str:
    return ascii_lowercase[i]


def numbered(options: tuple[str, ...]) -> list[str]:
    return [f"  {i + 1}. {o}" for i, o in enumerate(options)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One question with everything needed to ask it, grade it and trace it to its facts."""

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""
    shape: ClassVar[Shape]
    fast_seconds: ClassVar[float] = 8.0
    """At or under this, a right answer counts as fast (an Easy rating in review)."""

    id: str
    topic: str
    fact_ids: tuple[str, ...]
    source: tuple[SourceKey, ...]
    explanation: str

    @property
    def prompt(self) -> str:
        raise NotImplementedError

    def grade(self, response: Response, grader: Grader) -> Grade:
        raise NotImplementedError

    def body(self) -> list[str]:
        """The prompt and the options, as a learner sees them before answering."""
        return [self.prompt]

    def hint(self) -> str:
        """How to reply in plain mode."""
        raise NotImplementedError

    def parse(self, reply: str) -> Response:
        """Plain mode's typed reply as a response; InvalidReply says what is wrong."""
        raise NotImplementedError

    def key(self) -> str:
        """The answer as plain mode takes it ('2', '3 1 2', '1b 2a', or the text)."""
        raise NotImplementedError

    def key_lines(self) -> list[str]:
        """The answer in words, a line per event or pair where there are several."""
        return [self.key()]

    def answer_line(self) -> str:
        return f"Answer: {self.key()}"

    def response_text(self, response: Response) -> str:
        if isinstance(response, str):
            return response
        return "; ".join(r if isinstance(r, str) else f"{r[0]} = {r[1]}" for r in response)

    def fields(self) -> dict[str, Any]:
        """The shape's own fields, for :meth:`to_dict`."""
        return {}

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "shape": self.shape.value, "topic": self.topic,
                "prompt": self.prompt, **self.fields(), "fact_ids": list(self.fact_ids),
                "source": list(self.source), "explanation": self.explanation}


def _choice_reply(options: tuple[str, ...], reply: str) -> str:
    if reply.isdigit() and 1 <= int(reply) <= len(options):
        return options[int(reply) - 1]
    matches = [o for o in options if fold(o) == fold(reply)]
    if len(matches) == 1:
        return matches[0]
    raise InvalidReply(f"'{reply}' is not one of the options." if reply else "No answer given.")


@dataclass(frozen=True, slots=True, kw_only=True)
class ChoiceItem(Item):
    """Pick the one right option."""

    shape: ClassVar[Shape] = Shape.CHOICE
    question: str
    options: tuple[str, ...]
    answer: str
    answer_kind: AnswerKind | None = None
    origins: tuple[str, ...] = ()
    """Where each option came from ("key", "curated", "fact:ID", "synthetic")."""

    @property
    def prompt(self) -> str:
        return self.question

    def grade(self, response: Response, grader: Grader) -> Grade:
        from quizgen.grading import Grade

        return Grade(isinstance(response, str) and fold(response) == fold(self.answer),
                     self.answer)

    def body(self) -> list[str]:
        return [self.prompt, *numbered(self.options)]

    def hint(self) -> str:
        return f"Answer with a number from 1 to {len(self.options)}, or the text."

    def parse(self, reply: str) -> Response:
        return _choice_reply(self.options, reply)

    def key(self) -> str:
        return self.answer

    def answer_line(self) -> str:
        return f"Answer: {self.options.index(self.answer) + 1}. {self.answer}"

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {"options": list(self.options), "answer": self.answer}
        if self.answer_kind is not None:
            out["answer_kind"] = self.answer_kind.value
        if self.origins:
            out["origins"] = list(self.origins)
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class TruthItem(Item):
    """Judge a statement as written: true, or a doctored false variant."""

    shape: ClassVar[Shape] = Shape.TRUTH
    statement: str
    truth: bool
    answer_kind: AnswerKind | None = None
    options: ClassVar[tuple[str, str]] = (TRUE, FALSE)

    @property
    def prompt(self) -> str:
        return self.statement

    @property
    def answer(self) -> str:
        return TRUE if self.truth else FALSE

    def grade(self, response: Response, grader: Grader) -> Grade:
        from quizgen.grading import Grade

        return Grade(isinstance(response, str) and fold(response) == fold(self.answer),
                     self.answer)

    def body(self) -> list[str]:
        return [f"True or false: {self.statement}", *numbered(self.options)]

    def hint(self) -> str:
        return "Answer with a number from 1 to 2, or the text."

    def parse(self, reply: str) -> Response:
        word = reply.lower()
        if word in _TRUE_WORDS | _FALSE_WORDS:
            return TRUE if word in _TRUE_WORDS else FALSE
        return _choice_reply(self.options, reply)

    def key(self) -> str:
        return self.answer

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {"statement": self.statement, "options": list(self.options),
                               "answer": self.answer}
        if self.answer_kind is not None:
            out["answer_kind"] = self.answer_kind.value
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class TextItem(Item):
    """Type the answer; graded forgivingly of form, strictly of fact."""

    shape: ClassVar[Shape] = Shape.TEXT
    fast_seconds: ClassVar[float] = 15.0
    question: str
    answer: str
    accepted: tuple[str, ...] = ()
    answer_kind: AnswerKind | None = None

    @property
    def prompt(self) -> str:
        return self.question

    def grade(self, response: Response, grader: Grader) -> Grade:
        assert isinstance(response, str)
        return grader.grade_text(response, self.answer, self.accepted, self.answer_kind)

    def hint(self) -> str:
        return "Type your answer (an empty line if you do not know)."

    def parse(self, reply: str) -> Response:
        return reply

    def key(self) -> str:
        return self.answer

    def answer_line(self) -> str:
        also = f" (also accepted: {', '.join(self.accepted)})" if self.accepted else ""
        return f"Answer: {self.answer}{also}"

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {"answer": self.answer}
        if self.accepted:
            out["accepted"] = list(self.accepted)
        if self.answer_kind is not None:
            out["answer_kind"] = self.answer_kind.value
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderItem(Item):
    """Put the options in order; ``answer`` is the right order, ``dates`` each one's date."""

    shape: ClassVar[Shape] = Shape.ORDER
    question: str
    options: tuple[str, ...]
    answer: tuple[str, ...]
    dates: tuple[str, ...] = ()
    """The date of each entry of ``answer``, as the feedback shows it."""

    @property
    def prompt(self) -> str:
        return self.question

    def grade(self, response: Response, grader: Grader) -> Grade:
        from quizgen.grading import Grade

        given = tuple(r for r in response if isinstance(r, str))
        in_place = sum(1 for a, b in zip(given, self.answer, strict=False) if a == b)
        return Grade(given == self.answer, "; ".join(self.answer),
                     part=(in_place, len(self.answer)))

    def body(self) -> list[str]:
        return [self.prompt, *numbered(self.options)]

    def hint(self) -> str:
        example = " ".join(str(i + 1) for i in reversed(range(len(self.options))))
        return f"Type the numbers in order, earliest first, e.g. {example}."

    def parse(self, reply: str) -> Response:
        numbers = [n for n in re.split(r"[\s,;]+", reply.strip()) if n]
        count = len(self.options)
        if not all(n.isdigit() for n in numbers) or \
                sorted(int(n) for n in numbers) != list(range(1, count + 1)):
            raise InvalidReply(f"Give each number from 1 to {count} once.")
        return [self.options[int(n) - 1] for n in numbers]

    def key(self) -> str:
        return " ".join(str(self.options.index(a) + 1) for a in self.answer)

    def key_lines(self) -> list[str]:
        dates = self.dates or ("",) * len(self.answer)
        return [f"{i + 1}. {a}" + (f" ({d})" if d else "")
                for i, (a, d) in enumerate(zip(self.answer, dates, strict=True))]

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {"options": list(self.options), "answer": list(self.answer)}
        if self.dates:
            out["dates"] = list(self.dates)
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class PairsItem(Item):
    """Pair each name with the statement it goes with; ``answer`` holds the right pairs."""

    shape: ClassVar[Shape] = Shape.PAIRS
    question: str
    names: tuple[str, ...]
    statements: tuple[str, ...]
    answer: tuple[tuple[str, str], ...]

    @property
    def prompt(self) -> str:
        return self.question

    def grade(self, response: Response, grader: Grader) -> Grade:
        from quizgen.grading import Grade

        given = {tuple(r) for r in response if not isinstance(r, str)}
        right = sum(1 for pair in self.answer if pair in given)
        return Grade(right == len(self.answer) and len(given) == len(self.answer),
                     "; ".join(f"{a} – {b}" for a, b in self.answer),
                     part=(right, len(self.answer)))

    def body(self) -> list[str]:
        return [self.prompt, *numbered(self.names),
                *(f"  {letter(i)}) {s}" for i, s in enumerate(self.statements))]

    def hint(self) -> str:
        count = len(self.names)
        return "Pair each number with a letter, e.g. " + " ".join(
            f"{i + 1}{letter((i + 1) % count)}" for i in range(count))

    def parse(self, reply: str) -> Response:
        found = re.findall(r"(\d+)\s*[-:=]?\s*([a-z])", reply.lower())
        count = len(self.names)
        letters = ascii_lowercase[:count]
        if sorted(int(n) for n, _ in found) != list(range(1, count + 1)) or \
                sorted(x for _, x in found) != list(letters):
            raise InvalidReply(f"Give each number from 1 to {count} one letter from a to "
                               f"{letters[-1]}, each letter once.")
        return [(self.names[int(n) - 1], self.statements[letters.index(x)]) for n, x in found]

    def key(self) -> str:
        return " ".join(f"{self.names.index(a) + 1}{letter(self.statements.index(b))}"
                        for a, b in self.answer)

    def key_lines(self) -> list[str]:
        return [f"{a}: {b}" for a, b in self.answer]

    def fields(self) -> dict[str, Any]:
        return {"items": list(self.names), "options": list(self.statements),
                "answer": [list(p) for p in self.answer]}
