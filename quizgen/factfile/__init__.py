"""Reading a fact file, and the files beside it: every problem found at once, never a traceback.

Holds: :mod:`.yamldoc` (safe YAML that remembers where each value came from),
:mod:`.checker` (turning YAML nodes into values while collecting problems),
:mod:`.header` (the header's sections and the ids they declare), :mod:`.reader`
(the fact file's rules; its :func:`load` and :func:`loads` are re-exported
here), :mod:`.entity_refs` (the ``entities`` section, and facts tied to the entities
they name), :mod:`.decks` (deck definitions), :mod:`.revise` (the fingerprint lock
that makes a corrected fact reach Anki), :mod:`.paths` (where the fact file is).
The JSON Schema of the format is data in ``quizgen/schema/``.

May import: the ground modules, :mod:`quizgen.language`, :mod:`quizgen.scheduling`,
:mod:`quizgen.facts`.
"""

from quizgen.factfile.reader import load, loads

__all__ = ["load", "loads"]
