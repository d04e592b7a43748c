"""Flashcards: the fact's question, the answer on request, and the learner's own grade.

A flashcard is an item like any other, run by the same session engine as
quizzes and review; its "response" is the learner's grade, Again to Easy, as
Anki asks for it. It is made directly by the flashcards command rather than
registered as a quiz kind: a self-graded card has no place in a marked quiz.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from quizgen.facts import Fact
from quizgen.items.base import Asked, InvalidReply, Response, Shape
from quizgen.items.context import single
from quizgen.scheduling.cards import Rating

if TYPE_CHECKING:
    from quizgen.grading import Grade, Grader

HINT = "How well did you know it? " + " · ".join(f"{r.value} {r.name.capitalize()}" for r in Rating)


@dataclass(frozen=True, slots=True, kw_only=True)
class Flashcard(Asked):
    kind: ClassVar[str] = "flashcard"
    label: ClassVar[str] = "Flashcard"
    shape: ClassVar[Shape] = Shape.SELF
    answer: str
    grades: tuple[str, ...] = ()
    """Each grade with the interval it would give, as fsrs computes it for this card now
    ('Again 1m', 'Hard 6m', 'Good 10m', 'Easy 8d'); set when the card is asked."""

    def grade(self, response: Response, grader: Grader) -> Grade:
        from quizgen.grading import Grade

        assert isinstance(response, str)
        rating = Rating[response.upper()]
        return Grade(rating >= Rating.GOOD, self.answer, rating=int(rating))

    def hint(self) -> str:
        if not self.grades:
            return HINT
        return "How well did you know it? " + " · ".join(
            f"{i} {g}" for i, g in enumerate(self.grades, start=1)
        )

    def parse(self, reply: str) -> Response:
        """'1'..'4' or a grade's name -> the grade's name ('again' ... 'easy')."""
        word = reply.strip().lower()
        names = {r.name.lower(): r for r in Rating}
        if word.isdigit() and 1 <= int(word) <= len(Rating):
            return Rating(int(word)).name.lower()
        if word in names:
            return word
        raise InvalidReply("Please answer 1, 2, 3 or 4.")

    def key(self) -> str:
        return self.answer

    def fields(self) -> dict[str, Any]:
        return {"answer": self.answer}

    def with_grades(self, grades: tuple[str, ...]) -> Flashcard:
        from dataclasses import replace

        return replace(self, grades=grades)


def card_for(fact: Fact) -> Flashcard:
    fields = single(fact, "card") | {"explanation": fact.explanation or ""}
    return Flashcard(**fields, question=fact.question, answer=fact.answer)
