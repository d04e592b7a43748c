"""The five shapes of item: the dataclasses every kind module builds on.

Grading, plain rendering and reading plain replies live here, once per shape,
so that kinds of one shape (quizgen's own, or one added later) behave alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from string import ascii_lowercase
from typing import TYPE_CHECKING, Any, ClassVar

from quizgen.facts import WORDED_KINDS, AnswerKind, Fact
from quizgen.items.base import (
    FALSE,
    TRUE,
    Asked,
    InvalidReply,
    Item,
    Response,
    Shape,
    compact,
    label_text,
    labels,
    letter,
    numbered,
)
from quizgen.language.numbers import normalize
from quizgen.language.text import contains, fold

if TYPE_CHECKING:
    from quizgen.grading import Grade, Grader

_TRUE_WORDS = frozenset({"t", "true", "y", "yes"})
_FALSE_WORDS = frozenset({"f", "false", "n", "no"})


def _picked(response: Response, answer: str) -> Grade:
    from quizgen.grading import Grade

    return Grade(isinstance(response, str) and fold(response) == fold(answer), answer)


def _choice_reply(options: tuple[str, ...], reply: str) -> str:
    """The option a reply means: its label (a number, or a letter where the options are
    figures), else its text; a label is never read as a text, nor a text as a label."""
    keys = labels(options)
    label = reply.strip().lower().rstrip(".)")
    if label in keys:
        return options[keys.index(label)]
    matches = [o for o in options if fold(o) == fold(reply)]
    if len(matches) == 1:
        return matches[0]
    # An option's figure in words ('four' for 4, 'twenty-one days' for 21 days), read
    # as grading reads typed numbers
    said = normalize(reply)
    matches = [o for o in options if said and normalize(o) == said]
    if len(matches) == 1:
        return matches[0]
    raise InvalidReply(f"'{reply}' is not one of the options." if reply else "No answer given.")


def choice_hint(options: tuple[str, ...]) -> str:
    """How to answer a list of options in plain mode, by its labels."""
    keys = labels(options)
    kind = "a number" if keys[0].isdigit() else "a letter"
    return f"Answer with {kind} from {keys[0]} to {keys[-1]}, or the text."


@dataclass(frozen=True, slots=True, kw_only=True)
class ChoiceItem(Asked):
    """Pick the one right option."""

    shape: ClassVar[Shape] = Shape.CHOICE
    options: tuple[str, ...]
    answer: str
    answer_kind: AnswerKind | None = None
    origins: tuple[str, ...] = ()
    """Where each option came from ("key", "curated", "fact:ID", "entity:ID", "synthetic")."""

    def grade(self, response: Response, grader: Grader) -> Grade:
        return _picked(response, self.answer)

    def body(self) -> list[str]:
        return [self.prompt, *numbered(self.options)]

    def hint(self) -> str:
        return choice_hint(self.options)

    def parse(self, reply: str) -> Response:
        return _choice_reply(self.options, reply)

    def key(self) -> str:
        return self.answer

    def fields(self) -> dict[str, Any]:
        return compact(self, "options", "answer", "answer_kind", "origins")

    def answer_line(self) -> str:
        label = labels(self.options)[self.options.index(self.answer)]
        return f"Answer: {label_text(label)} {self.answer}"


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
        return _picked(response, self.answer)

    def body(self) -> list[str]:
        return [f"True or false: {self.statement}", *numbered(self.options)]

    def hint(self) -> str:
        return choice_hint(self.options)

    def key(self) -> str:
        return self.answer

    def parse(self, reply: str) -> Response:
        word = reply.lower()
        if word in _TRUE_WORDS | _FALSE_WORDS:
            return TRUE if word in _TRUE_WORDS else FALSE
        return _choice_reply(self.options, reply)

    def fields(self) -> dict[str, Any]:
        return compact(self, "statement", "options", "answer", "answer_kind")


@dataclass(frozen=True, slots=True, kw_only=True)
class TextItem(Asked):
    """Type the answer; graded forgivingly of form, strictly of fact."""

    shape: ClassVar[Shape] = Shape.TEXT
    fast_seconds: ClassVar[float] = 15.0
    answer: str
    accepted: tuple[str, ...] = ()
    answer_kind: AnswerKind | None = None

    @staticmethod
    def typable(fact: Fact) -> bool:
        """Whether a typed answer about ``fact`` can be graded: not when the answer is a
        phrase or coordinates, which learners word their own way (a paraphrase would be
        marked wrong), nor when the fact says its answer is ``worded`` so; those are asked
        for recognition and as self-graded cards."""
        return fact.answer_kind not in WORDED_KINDS and not fact.worded

    @staticmethod
    def also_right(fact: Fact, prompt: str) -> tuple[str, ...]:
        """Names of the answer's entity that the fact's text shows (so not among its
        aliases) but that ``prompt`` does not: right for this item, as for any other."""
        return tuple(n for n in fact.shown_names if not contains(prompt, n))

    def grade(self, response: Response, grader: Grader) -> Grade:
        assert isinstance(response, str)
        return grader.grade_text(
            response,
            self.answer,
            self.accepted,
            self.answer_kind,
            context=self.prompt,
            fact_id=self.fact_ids[0],
        )

    def hint(self) -> str:
        return "Type your answer (an empty line if you do not know)."

    def fields(self) -> dict[str, Any]:
        return compact(self, "answer", "accepted", "answer_kind")

    def parse(self, reply: str) -> Response:
        """The reply as typed: grading reads it (an all-number date that reads two ways,
        '4/9/2019', is right when either reading is the key, as a teacher reads it)."""
        return reply

    def key(self) -> str:
        return self.answer

    def answer_line(self) -> str:
        also = f" (also accepted: {', '.join(self.accepted)})" if self.accepted else ""
        return f"Answer: {self.answer}{also}"


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderItem(Asked):
    """Put the options in order; ``answer`` is the right order, ``dates`` each one's date."""

    shape: ClassVar[Shape] = Shape.ORDER
    options: tuple[str, ...]
    answer: tuple[str, ...]
    dates: tuple[str, ...] = ()
    """The date of each entry of ``answer``, as the feedback shows it."""

    def grade(self, response: Response, grader: Grader) -> Grade:
        from quizgen.grading import Grade

        given = tuple(r for r in response if isinstance(r, str))
        in_place = sum(1 for a, b in zip(given, self.answer, strict=False) if a == b)
        return Grade(
            given == self.answer, "; ".join(self.answer), part=(in_place, len(self.answer))
        )

    def body(self) -> list[str]:
        return [self.prompt, *numbered(self.options)]

    def fields(self) -> dict[str, Any]:
        return compact(self, "options", "answer", "dates")

    def hint(self) -> str:
        example = " ".join(str(i + 1) for i in reversed(range(len(self.options))))
        return f"Type the numbers in order, earliest first, e.g. {example}."

    def parse(self, reply: str) -> Response:
        numbers = [n for n in re.split(r"[\s,;]+", reply.strip()) if n]
        count = len(self.options)
        if not all(n.isdigit() for n in numbers) or sorted(int(n) for n in numbers) != list(
            range(1, count + 1)
        ):
            raise InvalidReply(f"Give each number from 1 to {count} once.")
        return [self.options[int(n) - 1] for n in numbers]

    def key(self) -> str:
        return " ".join(str(self.options.index(a) + 1) for a in self.answer)

    def key_lines(self) -> list[str]:
        dates = self.dates or ("",) * len(self.answer)
        return [
            f"{i + 1}. {a}" + (f" ({d})" if d else "")
            for i, (a, d) in enumerate(zip(self.answer, dates, strict=True))
        ]


@dataclass(frozen=True, slots=True, kw_only=True)
class PairsItem(Asked):
    """Pair each name with the statement it goes with; ``answer`` holds the right pairs."""

    shape: ClassVar[Shape] = Shape.PAIRS
    names: tuple[str, ...]
    statements: tuple[str, ...]
    answer: tuple[tuple[str, str], ...]

    def grade(self, response: Response, grader: Grader) -> Grade:
        from quizgen.grading import Grade

        given = {tuple(r) for r in response if not isinstance(r, str)}
        right = sum(1 for pair in self.answer if pair in given)
        return Grade(
            right == len(self.answer) and len(given) == len(self.answer),
            "; ".join(f"{a} – {b}" for a, b in self.answer),
            part=(right, len(self.answer)),
        )

    def body(self) -> list[str]:
        return [
            self.prompt,
            *numbered(self.names),
            *(f"  {letter(i)}) {s}" for i, s in enumerate(self.statements)),
        ]

    def hint(self) -> str:
        count = len(self.names)
        return "Pair each number with a letter, e.g. " + " ".join(
            f"{i + 1}{letter((i + 1) % count)}" for i in range(count)
        )

    def parse(self, reply: str) -> Response:
        found = re.findall(r"(\d+)\s*[-:=]?\s*([a-z])", reply.lower())
        count = len(self.names)
        letters = ascii_lowercase[:count]
        if sorted(int(n) for n, _ in found) != list(range(1, count + 1)) or sorted(
            x for _, x in found
        ) != list(letters):
            raise InvalidReply(
                f"Give each number from 1 to {count} one letter from a to "
                f"{letters[-1]}, each letter once."
            )
        return [(self.names[int(n) - 1], self.statements[letters.index(x)]) for n, x in found]

    def key(self) -> str:
        return " ".join(
            f"{self.names.index(a) + 1}{letter(self.statements.index(b))}" for a, b in self.answer
        )

    def key_lines(self) -> list[str]:
        return [f"{a}: {b}" for a, b in self.answer]

    def fields(self) -> dict[str, Any]:
        return compact(self, "items=names", "options=statements", "answer")
