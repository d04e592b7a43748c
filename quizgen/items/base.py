"""What every question is, by the way a learner answers it.

A question *kind* (multiple choice, matching...) is a module of its own; what
the rest of quizgen needs to know is only its *shape*: pick one option, judge
a statement, type a text, put options in order, or pair names with statements.
Front ends, exporters and the audit go by shape, so a new kind of an existing
shape works everywhere without touching them.

Each shape's dataclass (in :mod:`quizgen.items.shapes`) knows how to grade a
response, how it reads as plain text (what ``quizgen questions`` prints and
plain mode shows), and how plain mode's typed reply becomes a response.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from string import ascii_lowercase
from typing import TYPE_CHECKING, Any, ClassVar, Self

from quizgen.errors import QuizgenError
from quizgen.facts import SourceKey

if TYPE_CHECKING:
    from collections.abc import Container
    from random import Random

    from quizgen.facts import Fact
    from quizgen.grading import Grade, Grader
    from quizgen.items.context import Context

TRUE, FALSE = "True", "False"

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


def labels(options: tuple[str, ...] | list[str]) -> list[str]:
    """What the learner types or presses for each option: '1'...'n', or 'a'...  when an
    option's text starts with a digit (a figure, a year, a date), so that typing "2" can
    only ever mean the text 2, never "the second option"."""
    if any(o[:1].isdigit() for o in options):
        return [letter(i) for i in range(len(options))]
    return [str(i + 1) for i in range(len(options))]


def label_text(label: str) -> str:
    """How a label is written before its option: '2.' for a number, 'b)' for a letter."""
    return f"{label}." if label.isdigit() else f"{label})"


def numbered(options: tuple[str, ...]) -> list[str]:
    """The options as plain mode lists them, each after its label ('  2. text', '  b) 7')."""
    return [f"  {label_text(k)} {o}" for k, o in zip(labels(options), options, strict=True)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """One question with everything needed to ask it, grade it and trace it to its facts."""

    kind: ClassVar[str] = ""
    """The kind's name, as ``--kinds`` and every output give it ('mc'); empty for a shape."""
    label: ClassVar[str] = ""
    """The kind's name for people ('Multiple choice')."""
    shape: ClassVar[Shape]
    single_fact: ClassVar[bool] = True
    """Asks about one fact, so it can stand for that fact in spaced-repetition review."""
    few_facts: ClassVar[bool] = False
    """Only a few facts of a base make one (a matching item needs names with rivals that
    give nothing away): a set's first turn draws it before other kinds about several
    facts, which would otherwise take those facts first."""
    recall: ClassVar[bool] = False
    """The learner produces the answer rather than recognising it (preferred in review)."""
    fast_seconds: ClassVar[float] = 8.0
    """At or under this, a right answer counts as fast (an Easy rating in review)."""

    id: str
    topic: str
    fact_ids: tuple[str, ...]
    source: tuple[SourceKey, ...]
    explanation: str

    def __init_subclass__(
        cls,
        *,
        kind: str | None = None,
        label: str | None = None,
        single_fact: bool | None = None,
        recall: bool | None = None,
        few_facts: bool | None = None,
        **rest: Any,
    ) -> None:
        """A kind names itself in its class line: ``class Cloze(TextItem, kind="cloze",
        label="Fill in the blank", recall=True)``; what it leaves out keeps the default."""
        super(Item, cls).__init_subclass__(**rest)  # slots dataclass: no bare super()
        given = {
            "kind": kind,
            "label": label,
            "single_fact": single_fact,
            "recall": recall,
            "few_facts": few_facts,
        }
        for name, value in given.items():
            if value is not None:
                setattr(cls, name, value)

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str]) -> Self | None:
        """An item of this kind about ``fact``, or None if the fact allows none.

        ``rng`` is the item's own (seeded by the seed, the kind and the fact), ``ctx``
        what the kinds share over the fact base, and ``avoid`` the facts an item
        drawing on several must not take in (those a quiz has asked already).
        """
        raise NotImplementedError

    @classmethod
    def other_form(
        cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str], item: object
    ) -> Self | None:
        """``item``'s other form, made from the same draws, where a kind makes two (a
        true/false item's true and false statements), else None: a set may take it to
        keep its balance (:data:`quizgen.generation.leaks.LEAN`)."""
        return None

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
        return {
            "id": self.id,
            "kind": self.kind,
            "shape": self.shape.value,
            "topic": self.topic,
            "prompt": self.prompt,
            **self.fields(),
            "fact_ids": list(self.fact_ids),
            "source": list(self.source),
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Asked(Item):
    """An item put as a question (or a stem with a blank) rather than a statement to judge."""

    question: str

    @property
    def prompt(self) -> str:
        return self.question


def compact(item: Item, *names: str) -> dict[str, Any]:
    """The item's fields of these names that hold something, lists for tuples and plain
    values for enums (a field may also be given as ``to_dict_name=attribute``, with ``=``)."""
    out: dict[str, Any] = {}
    for spec in names:
        name, _, attribute = spec.partition("=")
        value = getattr(item, attribute or name)
        if value is None or value == () or value == "":
            continue
        out[name] = (
            [list(v) if isinstance(v, tuple) else v for v in value]
            if isinstance(value, tuple)
            else getattr(value, "value", value)
        )
    return out
