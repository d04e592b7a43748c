"""Learners' progress stores as class results: each ``--home`` is one student.

A class that studies with quizgen itself (each student with their own progress
folder, copied to the teacher, or one folder per student on a school machine)
needs no export: every answer a store holds was graded when it was given. Only the
answers to questions (``quiz`` and ``review``) count; a flashcard is graded by the
learner, not a question of the bank, so its self-grades are left out. Each
student's first answer to an item is the one analysed (:func:`itemstats.analyse`
keeps the first), as Moodle's statistics take each student's first attempt. An answer
the learner overruled ("I was right") counts as the right answer it is recorded as, and
is listed beside its item.
"""

from __future__ import annotations

from pathlib import Path

from quizgen import items
from quizgen.analysis.records import ClassResults, Reply, ResultsError
from quizgen.facts import FactBase
from quizgen.progress import ProgressError, ProgressStore

CHANNEL = "progress"


def read_home(home: Path, base: FactBase) -> ClassResults:
    """The answers in ``home``'s store for this fact set, as one student's replies."""
    name = str(home)
    try:
        store = ProgressStore.for_reading(home, base)
    except ProgressError as exc:
        raise ResultsError(name, str(exc).removeprefix(f"{name}: ")) from None
    if store is None:
        raise ResultsError(name, "holds no progress file (a learner's --home folder has one "
                           "once they have answered a question)")  # fmt: skip
    with store:
        rows = store.answers()
    kinds = set(items.names())
    replies = []
    facts: dict[str, tuple[str, ...]] = {}
    left_out = 0
    for number, row in enumerate(rows, start=1):
        if row.kind not in kinds:
            left_out += 1
            continue
        replies.append(
            Reply(name, row.question_id, row.response, 1.0 if row.correct else 0.0, row.seconds,
                  f"{name}: answer {number}", overruled=row.overruled)
        )  # fmt: skip
        facts.setdefault(row.question_id, row.fact_ids)
    if not replies:
        raise ResultsError(name, f"holds no answer to a question of {base.path or 'this fact set'}")
    notes = (f"{name}: {left_out} self-graded flashcard answer(s) left out",) if left_out else ()
    return ClassResults(CHANNEL, name, tuple(replies), notes=notes, fact_ids=facts)
