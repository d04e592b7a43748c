"""Learning from learners: item analysis of class results, and FSRS fitted to one learner.

Two loops close here. A class's answers (the live game's results, a teacher's typed-in
worksheet marks, Moodle's and Canvas's quiz reports) become classical item statistics
and flags that point at the fact to fix (:mod:`quizgen.analysis.itemstats`). A
learner's own review log becomes FSRS parameters fitted with the optimizer Anki uses
(:mod:`quizgen.analysis.fitting`).

Every module is pure over dataclasses except the readers, which check a file at the
edge and refuse it with one line. Nothing heavy is imported here: ``fsrs_rs_python``
and ``openpyxl`` load only inside the functions that need them.

May import: everything below it, up to :mod:`quizgen.study` (the review log in
:mod:`quizgen.progress`, the bank and its items for grading replies); never the web
page, the exports or the live game, whose files it reads as data.
"""
