"""Text and dates as people write them, knowing nothing of facts or questions.

Holds: :mod:`.text` (folding text for comparison, did-you-mean), :mod:`.numbers`
(number words), :mod:`.dates` (a date known to a day, month or year, read strictly
or loosely), :mod:`.datespan` (dates against other dates), :mod:`.wrapping`
(lines wrapped to a terminal's width).

May import: the ground modules (:mod:`quizgen.errors`, :mod:`quizgen.inputs`,
:mod:`quizgen.stdio`) and itself; nothing else of quizgen.
"""
