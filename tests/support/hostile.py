"""Hostile fact text the export, Anki and page tests share: tests/data/hostile.yaml, plus
what no fact file may hold (control characters and bidi overrides), put in after loading;
a deck of it; and a tiny fact file with markup and script in its statement and title."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from quizgen import factfile
from quizgen.export import Content, Rendered
from quizgen.export.safe import clean
from quizgen.factfile import decks
from quizgen.facts import FactBase, Topic
from quizgen.items import Item
from tests.support.data import ROOT, TINY

HOSTILE = ROOT / "tests" / "data" / "hostile.yaml"
CONTROLS = "\x1b]0;pwned\x07\x1b[2J\x00\x0c\u202e\u2066"
"""An escape sequence (window title, screen clear), NUL, form feed, bidi override, isolate."""


def hostile_base() -> FactBase:
    """The fixture file with control and bidi characters in a statement, a question, an
    answer, a wrong answer, a topic name and the title."""
    base = factfile.load(HOSTILE)
    facts = list(base.facts)
    first = facts[0]
    facts[0] = replace(
        first,
        question=first.question + CONTROLS,
        wrong_answers=(*first.wrong_answers[:2], "Omega" + CONTROLS),
    )
    markup = facts[1]
    facts[1] = replace(
        markup,
        statement=markup.statement.replace("lies", "lies" + CONTROLS),
        explanation="Why" + CONTROLS,
    )
    topics = tuple(
        replace(t, name=t.name + CONTROLS) if t.id == "names" else t for t in base.topics
    )
    assert all(isinstance(t, Topic) for t in topics)
    return replace(base, title=base.title + CONTROLS, facts=tuple(facts), topics=topics)


def flat(text: str) -> str:
    """What a one-line format keeps of a text: cleaned, whitespace runs as one space."""
    return " ".join(clean(text).split())


def out(
    render: Callable[[Content], Rendered],
    base: FactBase,
    items: Sequence[Item],
    options: Any = None,
) -> tuple[bytes, list[tuple[str, str]]]:
    """A format's file for ``items`` (seed "1", the fact file's title) and what it left out."""
    rendered = render(Content(base, items, "1", base.title, options))
    return rendered.data, rendered.left_out


def hostile_deck(base: FactBase) -> decks.DeckDef:
    every = decks.Selection(topics=tuple(t.id for t in base.topics))
    parts = (
        decks.Part(
            "Names", None, decks.Selection(topics=("names",)), ("qa", "reverse", "cloze"), "file"
        ),
        decks.Part("All", None, every, ("qa", "cloze"), "file"),
    )
    return decks.DeckDef(
        "hostile", "hostile.yaml", "Hostile <b>deck</b> {{c1::x}}", 987654321, None, parts
    )


EVIL = TINY.replace(
    "statement: The base was near Abu Kamal.",
    'statement: "The base was near Abu Kamal. </script><script>alert(1)</script>'
    ' <img src=x onerror=alert(2)> \\L <!-- &amp;"',
)
EVIL = EVIL.replace("title: Tiny", 'title: "Tiny <b>bold</b> </title><script>alert(3)</script>"')


def evil_base(tmp_path: Path) -> FactBase:
    path = tmp_path / "evil.yaml"
    path.write_text(EVIL, encoding="utf-8")
    return factfile.load(path)
