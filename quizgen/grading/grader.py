"""Grading answers, typed ones above all: by what the learner meant, strictly about facts.

A typed answer is right when it gives the key in a form a teacher accepts: any
name of the key's entity, with the forms a name takes derived (dots in
acronyms, a bracket that adds its abbreviation or its years, a title or given
name, a generic head dropped or changed, word order), a date in any order and
separator, a number in words or digits, with its counted noun, a hedge, or a
correct conversion of its unit. It is never right when it names another thing,
another date, number or unit, however close it looks ("Hama" for "Hamas",
"400 m" for "400 km"). See :mod:`.spec` (what is derived from the key, once per
item) and :mod:`.verdict` (reading the reply; the study page runs its twin).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.facts import AnswerKind, Entities, Fact

if TYPE_CHECKING:
    from quizgen.grading import spec as specs

# The grading machinery (.spec, .verdict, and the readers and lexicon they load) is
# imported the first time a reply is graded: every command that makes a Grader pays
# for it otherwise at start-up, and a quiz shows its first question before any reply.


@dataclass(frozen=True, slots=True)
class Grade:
    correct: bool
    expected: str
    typo: bool = False  # right, but only by forgiving a small typo
    part: tuple[int, int] | None = None
    """(right, out of) for items with several parts: events in place, pairs matched."""
    rating: int | None = None
    """The learner's own grade (1 Again to 4 Easy) for self-graded items such as flashcards."""
    overruled: bool = False
    """Marked wrong, and the learner said "I was right": recorded as right, rated Hard."""

    @property
    def note(self) -> str:
        if self.overruled:
            return f"Recorded as right, as you said (the answer is: {self.expected})."
        if self.correct:
            return f"Correct (the answer is spelt '{self.expected}')." if self.typo else "Correct."
        return f"The answer is: {self.expected}"


_SpecKey = tuple[str, tuple[str, ...], AnswerKind | None, str, str | None]


class Grader:
    """Grades against one fact base, which it needs to know what else a reply might name."""

    def __init__(self, facts: Iterable[Fact] = (), entities: Entities | None = None) -> None:
        self.facts = {f.id: f for f in facts}
        self.entities = entities or Entities()
        self._world: specs.World | None = None
        self._specs: dict[_SpecKey, specs.Spec] = {}

    @property
    def world(self) -> specs.World:
        """Every name the fact base knows (:func:`quizgen.grading.spec.world`), gathered the
        first time a reply is graded: a pass over every fact, which a quiz on a large base
        then makes while the learner reads the first question, not before showing it."""
        if self._world is None:
            from quizgen.grading import spec as specs

            self._world = specs.world(self.facts.values(), self.entities)
        return self._world

    def spec(
        self,
        answer: str,
        accepted: Sequence[str] = (),
        kind: AnswerKind | None = None,
        context: str = "",
        fact_id: str | None = None,
    ) -> specs.Spec:
        """The :class:`~quizgen.grading.spec.Spec` of an item, made once and kept."""
        cache_key = (answer, tuple(accepted), kind, context, fact_id)
        found = self._specs.get(cache_key)
        if found is None:
            from quizgen.grading import spec as specs

            fact = self.facts.get(fact_id) if fact_id is not None else None
            found = specs.build(answer, accepted, kind, context, fact, self.entities, self.world)
            self._specs[cache_key] = found
        return found

    def forms(self, spec: specs.Spec, accepted: Sequence[str] = ()) -> list[str]:
        """The texts an LMS short answer should accept for the item ``spec`` is made of
        (by :meth:`spec`, from its key and ``accepted`` answers), the key first (see
        :mod:`quizgen.grading.forms`); each is one this grader marks right."""
        from quizgen.grading.forms import forms
        from quizgen.grading.verdict import judge

        return [f for f in forms(spec, spec.answer, accepted) if judge(spec, self.world, f).correct]

    def grade_text(
        self,
        response: str,
        answer: str,
        accepted: Sequence[str] = (),
        kind: AnswerKind | None = None,
        context: str = "",
        fact_id: str | None = None,
    ) -> Grade:
        """Grade a typed or fill-in-the-blank answer.

        ``context`` is the prompt as shown (a blank's sentence, or the question):
        what it already shows is not an answer, what it names need not be repeated
        (a year), and a number may be followed by what it counts. ``fact_id`` ties
        the item to its fact, for the entity, the fact's own text and date.
        """
        from quizgen.grading.verdict import judge

        verdict = judge(self.spec(answer, accepted, kind, context, fact_id), self.world, response)
        return Grade(verdict.correct, answer, typo=verdict.typo)
