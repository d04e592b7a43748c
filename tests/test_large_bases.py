"""What a large fact base costs only when it is used: work over every fact is done the first
time it is needed, with the result it would have had if done at once."""

from __future__ import annotations

from quizgen import factfile
from quizgen.grading import Grader
from quizgen.grading import spec as specs
from tests.support.data import SHIPPED


def test_the_grader_gathers_the_names_of_the_base_when_it_first_grades() -> None:
    base = factfile.load(SHIPPED)
    grader = Grader(base.facts, base.entities)
    assert grader._world is None  # a quiz shows its first question before this pass
    fact = next(f for f in base.facts if f.wrong_answers)
    wrong = grader.grade_text(fact.wrong_answers[0], fact.answer, fact.aliases, fact.answer_kind)
    right = grader.grade_text(fact.answer, fact.answer, fact.aliases, fact.answer_kind)
    assert (wrong.correct, right.correct) == (False, True)
    assert grader._world is not None
    assert grader.world.to_json() == specs.world(base.facts, base.entities).to_json()
