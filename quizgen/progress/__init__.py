"""Learners' progress in SQLite, per fact set; every answer is committed as it is given.

One file in the user data folder (or ``--home`` / ``$QUIZGEN_HOME``).
:class:`ProgressStore` is the API, bound to one fact set; :mod:`.opening` finds,
checks and migrates the file; :mod:`.migrations` holds the numbered schema and
the rule by which progress made before fact sets is adopted; :mod:`.integrity`
says when opening checks the whole file.

May import: the units below it in the layout; it uses only the ground modules,
:mod:`quizgen.scheduling` and :mod:`quizgen.facts` (it stores answers and cards, and
knows no items).
"""

from quizgen.progress.migrations import LATEST
from quizgen.progress.opening import (
    APPLICATION_ID,
    DB_NAME,
    HOME_ENV,
    ProgressError,
    default_home,
    resolve_home,
)
from quizgen.progress.store import (
    AnswerRow,
    Counts,
    FitRecord,
    ProgressStore,
    RatedAnswer,
    StoredTuning,
    iso,
)

__all__ = [
    "APPLICATION_ID",
    "DB_NAME",
    "HOME_ENV",
    "LATEST",
    "AnswerRow",
    "Counts",
    "FitRecord",
    "ProgressError",
    "ProgressStore",
    "RatedAnswer",
    "StoredTuning",
    "default_home",
    "iso",
    "resolve_home",
]
