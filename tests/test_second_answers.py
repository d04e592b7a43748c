"""A blank with a second true answer is not made, in the quiz nor in Anki; one Anki
note per question; an Anki year sub-deck for every fact its words date.

"The _____ struck the site of the Imam Ali military base multiple times" is true of
the United States military as well (another fact says so): a learner who types it is
right and marked wrong. "Iran trained and armed Hezbollah during Israel's 1982
invasion of Lebanon" and "During Israel's 1982 invasion of Lebanon, Iran trained and
armed Hezbollah" are one sentence: two cloze notes from it show each other's answer.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.export import anki
from quizgen.factfile import decks
from quizgen.facts import FactBase
from quizgen.facts.spans import blanked
from quizgen.generation.bank import Maker
from quizgen.items.cues import Sayings
from quizgen.language.datespan import dates_in
from quizgen.language.text import fold
from tests.support.data import ROOT, shipped_base


@pytest.fixture(scope="module")
def base() -> FactBase:
    return shipped_base()


def _notes(base: FactBase) -> list[tuple[str, str, str]]:
    """(sub-deck, note kind, fact id) of every note of the complete deck's package."""
    (complete,) = [
        d for d in decks.load_definitions(ROOT / "decks", base) if d.key == "imam-ali-complete"
    ]
    models, note_class = anki._models(), anki._note_class()
    seen: set[str] = set()
    out = []
    for planned in decks.plan(complete, base):
        for note in anki.notes_for(
            complete, planned, base, models, note_class, iter(range(10**6)), seen
        ):
            out.append(
                (
                    planned.name,
                    note.kind,
                    html.unescape(note.fields[-1 if note.kind == "cloze" else 4]),
                )
            )
    return out


def test_a_blank_another_fact_fills_otherwise_is_not_made(base: FactBase) -> None:
    fact = base.fact("israeli-air-force-strikes")
    found = blanked(fact)
    assert found is not None
    other = Sayings(base.facts).second_subject(fact, found.before, found.after, base.entities)
    assert other is not None and "United States military struck the site" in other.statement
    maker = Maker(base)
    assert all(maker.make("cloze", fact, seed) is None for seed in range(10))
    assert maker.make("typed", fact, 0) is not None  # its question names the tunnels: one answer
    # a blank whose words no other fact says of another thing is made
    alone = base.fact("al-qaim-river")
    told = blanked(alone)
    assert told is not None
    assert Sayings(base.facts).second_subject(alone, told.before, told.after, base.entities) is None


def test_anki_keeps_the_quiz_s_blanks_one_note_a_question_and_dates_its_sub_decks(
    base: FactBase,
) -> None:
    notes = _notes(base)
    cloze = [fid for _, kind, fid in notes if kind == "cloze"]
    assert "israeli-air-force-strikes" not in cloze
    # one cloze note a sentence: no two notes blank the same words in another order
    # (the 1982 invasion's two facts were one sentence until its year was asked beside
    # the 2006 war; the rule itself: tests/test_anki.py)
    sentences = Counter(" ".join(sorted(fold(base.fact(f).statement).split())) for f in cloze)
    assert sentences.most_common(1)[0][1] == 1
    undated = [fid for deck, _, fid in notes if deck.endswith("::Undated")]
    for fid in undated:
        fact = base.fact(fid)
        assert not dates_in(fact.statement), fid
    assert any(deck.endswith("::2019") and fid == "dod-retaliation-claim" for deck, _, fid in notes)


def test_a_sub_deck_year_comes_from_the_statement_when_the_fact_has_no_date(
    tmp_path: Path,
) -> None:
    from tests.support.data import TINY_HEADER

    text = TINY_HEADER + (
        "  - id: said\n    topic: base\n"
        "    statement: The garrison said on 3 March 2020 that it had left.\n"
        "    question: What did the garrison say on 3 March 2020?\n"
        "    answer: that it had left\n    answer_kind: text\n    source: [1]\n    tags: [x]\n"
    )
    fact = factfile.loads(text, "tiny.yaml").fact("said")
    assert fact.date is None and decks.event_year(fact) == 2020


def test_one_cloze_note_a_sentence_whatever_its_order(tmp_path: Path) -> None:
    """The rule the shipped twins showed until their sentences parted: a sentence another
    cloze note of the package blanks in another order makes no second note."""
    from tests.support.data import TINY_HEADER

    fact = (
        "  - id: {id}\n    topic: base\n    statement: {statement}\n"
        "    question: Which group did Iran arm?\n    answer: Hezbollah\n"
        "    answer_kind: organization\n    source: [1]\n    tags: [x]\n"
    )
    text = TINY_HEADER + "".join(
        fact.format(id=i, statement=s)
        for i, s in (
            ("one", "Iran armed Hezbollah during the 1982 invasion."),
            ("two", "During the 1982 invasion, Iran armed Hezbollah."),
            ("three", "Iran armed Hezbollah during the 2006 war."),
        )
    )
    base = factfile.loads(text, "tiny.yaml")
    said: set[str] = set()
    assert [anki._said_before(f, said) for f in base.facts] == [False, True, False]
