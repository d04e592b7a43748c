"""A blank says the form it wants where its sentence does not (review rounds 71829 and
40351): "since _____" refused "1982" for "the 1980s", and "In the month of _____" was a
stilted way to say it. One blanking function, so the quiz's cloze and the Anki note agree."""

from __future__ import annotations

from dataclasses import replace

from quizgen.export.anki_text import cloze_text
from quizgen.facts import Fact, FactBase, spans
from quizgen.generation.bank import generate


def _fact(base: FactBase, fact_id: str) -> Fact:
    return next(f for f in base.facts if f.id == fact_id)


def test_a_decade_and_a_month_blank_say_their_form(shipped: FactBase) -> None:
    decade = spans.blanked(_fact(shipped, "proxy-conflict-since-1980s"))
    assert decade is not None and decade.text().endswith("since _____ (decade).")
    month = spans.blanked(_fact(shipped, "irgc-withdrawal-december-2024"))
    assert month is not None and month.text().startswith("In _____ (month and year), ")
    cloze = [
        q
        for q in generate(shipped, ["cloze"], seed=0)
        if q.fact_ids == ("proxy-conflict-since-1980s",)
    ]
    assert cloze and "since _____ (decade)" in cloze[0].body()[0]


def test_the_anki_note_gives_the_same_form(shipped: FactBase) -> None:
    note = cloze_text(_fact(shipped, "proxy-conflict-since-1980s"))
    assert note is not None and note.endswith("since {{c1::the 1980s}} (decade).")


def test_a_sentence_that_says_the_form_gets_no_hint(shipped: FactBase) -> None:
    fact = _fact(shipped, "irgc-withdrawal-december-2024")
    said = replace(
        fact, statement=fact.statement.replace("In December", "In the month of December")
    )
    found = spans.blanked(said)
    assert found is not None and found.hint == "" and "(month and year)" not in found.text()


def test_no_statement_says_in_the_month_of(shipped: FactBase) -> None:
    assert not [f.id for f in shipped.facts if "the month of" in f.statement.lower()]
