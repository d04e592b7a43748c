"""What a fact's text becomes in an Anki field: shown as written, never as Anki syntax.

Anki reads a field as HTML, finds cloze deletions (``{{c1::...}}``) in the
raw field text, plays ``[sound:...]`` tags, renders ``[latex]`` and MathJax
(``\\(...\\)``); a fact may contain any of these as plain prose. So every
field is HTML-escaped and the characters that start Anki's own syntax
(``{ } [ \\``) are written as numeric entities, which the card shows as the
characters and Anki's parsers do not see. Control and bidi characters are
replaced (:mod:`quizgen.export.safe`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from quizgen.export.safe import clean
from quizgen.facts import Fact, spans
from quizgen.language.text import fold

_ANKI_SYNTAX = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "\\": "&#92;"})


def escape(text: str) -> str:
    """A field that shows ``text`` as written: no HTML, cloze, sound, LaTeX or MathJax."""
    return html.escape(clean(text), quote=True).translate(_ANKI_SYNTAX)


def cloze_text(fact: Fact) -> str | None:
    """The statement with ``{{c1::...}}`` round the words the quiz's cloze blanks, by the
    same function (:func:`quizgen.facts.spans.blanked`); None where the quiz has no blank.

    Every part is escaped, so the only cloze deletion is the one made here.
    """
    found = spans.blanked(fact)
    if found is None:
        return None
    hidden = escape(found.hidden).replace("::", ":&#58;")
    # the form wanted stays beside the blank, as the quiz shows it: "[...] (decade)"
    told = found.text("\x00").split("\x00", 1)[1]
    return escape(found.before) + "{{c1::" + hidden + "}}" + escape(told)


def one_thing_to_say(facts: Iterable[Fact], candidates: Iterable[Fact]) -> set[str]:
    """Ids of the ``candidates`` whose answer is a name the fact base says one thing about.

    A reversed card shows the name and asks for the fact it answers: fair only
    when there is one. "Iran", "the United States" or "the IRGC" answer many
    facts and stand in many more statements, so a learner shown the name could
    rightly recall any of them and be marked wrong. A name (any of its forms) that
    another fact also answers, or that another fact's statement or question
    mentions, gets no reversed card.
    """
    owner: dict[str, str] = {}
    shared: set[str] = set()
    for fact in candidates:
        for name in (fact.answer, *fact.aliases):
            v = fold(name)
            if len(v) > 1 and owner.setdefault(v, fact.id) != fact.id:
                shared.update((owner[v], fact.id))
    out = set(owner.values()) - shared
    firsts = {v.split(" ", 1)[0] for v in owner}
    longest = max((v.count(" ") + 1 for v in owner), default=0)
    for fact in facts:
        for name in (fact.answer, *fact.aliases):
            found = owner.get(fold(name))
            if found is not None and found != fact.id:
                out.discard(found)
        words = fold(f"{fact.statement} | {fact.question}").split()
        for i, word in enumerate(words):
            if word in firsts:
                for size in range(1, min(longest, len(words) - i) + 1):
                    found = owner.get(" ".join(words[i : i + size]))
                    if found is not None and found != fact.id:
                        out.discard(found)
    return out
