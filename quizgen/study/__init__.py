"""Studying: sessions, the order they ask in, what an answer records, feedback and stats.

Holds: :mod:`.session` (the engine, free of any terminal), :mod:`.queues` (the
order a session asks in), :mod:`.recording` (what to study today, and how an
answer is saved and rescheduled), :mod:`.feedback` (what the learner is told),
:mod:`.stats` and :mod:`.statsview` (progress figures and how they are shown),
:mod:`.terminal` (sessions at a terminal) and :mod:`.frontends` (plain lines or
questionary prompts).

May import: everything below it, up to :mod:`quizgen.generation` and
:mod:`quizgen.progress`.
"""
