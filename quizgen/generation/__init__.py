"""Making questions: the seeded bank and quizzes, the facts a command chooses, and the audit.

Holds: :mod:`.bank` (items of every registered kind, seeded and pure),
:mod:`.selection` (which facts and questions a command works on),
:mod:`.rules` (what makes an item flawed) and :mod:`.audit` (the item-writing
checks over a bank), :mod:`.documents` (the JSON documents quizgen prints),
:mod:`.present` (items as plain text).

May import: everything below it (the ground modules, :mod:`quizgen.language`,
:mod:`quizgen.scheduling`, :mod:`quizgen.facts`, :mod:`quizgen.factfile`,
:mod:`quizgen.grading`, :mod:`quizgen.items`).
"""
