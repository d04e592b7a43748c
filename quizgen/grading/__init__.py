"""Grading a learner's answer against a fact base: forgiving of form, strict about facts.

Holds: :mod:`.grader` (:class:`Grade` and :class:`Grader`, re-exported here),
:mod:`.spec` (what is derived from an item's key, once: its accepted forms, and the
fact base's world of names), :mod:`.verdict` (reading a reply and comparing: the
study page's ``grading.js`` is its twin), :mod:`.reading` (names, numbers and dates
as a reply writes them), :mod:`.lexicon` (the English words both graders know, from
``lexicon.json``), :mod:`.forms` (the accepted texts an LMS short answer carries).
Items call the grader (``item.grade(response, grader)``), never the other way
round: nothing here knows items.

May import: the ground modules, :mod:`quizgen.language`, :mod:`quizgen.scheduling`,
:mod:`quizgen.facts`, :mod:`quizgen.factfile`.
"""

from quizgen.grading.grader import Grade, Grader

__all__ = ["Grade", "Grader"]
