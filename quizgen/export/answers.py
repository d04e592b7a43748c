"""What a short answer in an LMS file accepts: the forms quizgen's grader would take.

GIFT, Moodle XML and QTI hold a list of accepted texts per short answer; the list is
:meth:`quizgen.grading.Grader.forms` (every name of the key's entity, dates in the
usual orders, numbers with their units and conversions...), each text one the
grader marks right, so the LMS never accepts what the terminal would refuse.
"""

from __future__ import annotations

from quizgen.facts import FactBase
from quizgen.grading import Grader
from quizgen.items.shapes import TextItem


def grader_for(base: FactBase) -> Grader:
    """The grader an export asks, once per file."""
    return Grader(base.facts, base.entities)


def accepted_forms(grader: Grader, q: TextItem) -> list[str]:
    """The texts the LMS should accept for ``q``, the key first."""
    spec = grader.spec(q.answer, q.accepted, q.answer_kind, q.prompt, q.fact_ids[0])
    return grader.forms(spec, q.accepted)
