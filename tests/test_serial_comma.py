"""A list written with or without a serial comma is one answer.

"45th, 46th, and 47th" in a statement and "45th, 46th and 47th" as its answer are
the same words in two house styles: the statement shows its answer (a true/false
may swap it, a blank may hide it), and a false statement writes its wrong list in
the statement's style, so no comma tells it apart.
"""

from __future__ import annotations

from quizgen import factfile
from quizgen.facts.spans import find_answer, serial_like, serial_twin
from quizgen.generation.bank import Maker
from quizgen.items.tf import TrueFalse
from tests.support.data import TINY_HEADER, shipped_base

LIST_FACT = """\
  - id: brigades
    topic: base
    statement: The garrison staffs the 45th, 46th, and 47th Brigades.
    question: Which numbered brigades does the garrison staff?
    answer: 45th, 46th and 47th
    answer_kind: text
    source: [1]
    tags: [x]
    wrong_answers: ["41st, 42nd and 43rd", "48th, 49th and 50th"]
"""


def test_a_serial_comma_is_added_or_dropped() -> None:
    assert serial_twin("45th, 46th and 47th") == "45th, 46th, and 47th"
    assert serial_twin("45th, 46th, and 47th") == "45th, 46th and 47th"
    assert serial_twin("Iraq, Syria or Iran") == "Iraq, Syria, or Iran"
    assert serial_twin("Iraq and Syria") is None  # two items: no list comma to speak of
    assert serial_twin("Washington, D.C.") is None
    assert serial_like("41st, 42nd and 43rd", "45th, 46th, and 47th") == "41st, 42nd, and 43rd"
    assert serial_like("41st, 42nd and 43rd", "45th, 46th and 47th") == "41st, 42nd and 43rd"
    assert serial_like("Hama", "45th, 46th, and 47th") == "Hama"


def test_the_answer_in_its_other_comma_style_is_the_answer_in_the_statement() -> None:
    base = factfile.loads(TINY_HEADER + LIST_FACT, "tiny.yaml")
    fact = base.fact("brigades")
    span = find_answer(fact)
    assert span is not None and span.is_answer and span.text == "45th, 46th, and 47th"
    made = [Maker(base).make("tf", fact, seed) for seed in range(20)]
    statements = {m.statement for m in made if isinstance(m, TrueFalse)}
    assert "The garrison staffs the 41st, 42nd, and 43rd Brigades." in statements
    assert not any("42nd and" in s for s in statements)


def test_kataib_hezbollah_s_brigades_are_asked() -> None:
    base = shipped_base()
    fact = base.fact("kataib-hezbollah-brigades")
    maker = Maker(base)
    kinds = ("mc", "tf", "typed", "cloze", "timeline", "match")
    asked = {k for k in kinds for seed in range(10) if maker.make(k, fact, seed) is not None}
    assert "tf" in asked
    bank = maker.generate(seed=0)
    assert any(fact.id in item.fact_ids for item in bank)
