"""Grading a learner's answer against a fact base: forgiving of form, strict about facts.

Holds: :mod:`.grader` (:class:`Grade` and :class:`Grader`, re-exported here).
Items call the grader (``item.grade(response, grader)``), never the other way
round: nothing here knows items.

May import: the ground modules, :mod:`quizgen.language`, :mod:`quizgen.scheduling`,
:mod:`quizgen.facts`, :mod:`quizgen.factfile`.
"""

from quizgen.grading.grader import Grade, Grader

__all__ = ["Grade", "Grader"]
