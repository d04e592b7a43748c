"""The fact base, and where a fact's answer stands in its own statement.

Holds: :mod:`.model` (the typed, immutable values a fact file holds, re-exported
here, so ``from quizgen.facts import Fact`` is the way to name them), :mod:`.entities`
(the named things a file speaks of, each with every name it goes by),
:mod:`.spans` (finding the answer in the statement, and the one function that
blanks it, which quiz items and Anki cloze notes share), :mod:`.bounds`
(numbers a fact gives as a bound).

May import: the ground modules, :mod:`quizgen.language`, :mod:`quizgen.scheduling`.
"""

from quizgen.facts.entities import Entities, Entity, Period
from quizgen.facts.model import (
    DATE_KIND_PRECISION,
    NAME_SORTS,
    POOLED_KINDS,
    WORDED_KINDS,
    AnswerClass,
    AnswerKind,
    Article,
    Fact,
    FactBase,
    Named,
    Reference,
    SourceKey,
    Topic,
)

__all__ = [
    "DATE_KIND_PRECISION",
    "NAME_SORTS",
    "POOLED_KINDS",
    "WORDED_KINDS",
    "AnswerClass",
    "AnswerKind",
    "Article",
    "Entities",
    "Entity",
    "Fact",
    "FactBase",
    "Named",
    "Period",
    "Reference",
    "SourceKey",
    "Topic",
]
