"""When a fact comes back: FSRS cards and study days, pure (every function takes ``now``).

Holds: :mod:`.cards` (FSRS through the ``fsrs`` package: ratings, reviews,
interval previews), :mod:`.days` (study days that roll over at a set hour, due
counts, the forecast), :mod:`.localzone` (the machine's time zone, DST included).

May import: the ground modules and :mod:`quizgen.language`.
"""
