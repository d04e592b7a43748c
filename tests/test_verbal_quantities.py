"""Quantities said in words ('a few', 'dozens', 'hundreds', 'thousands') are a scale: shown
in its order, the key's rank uniform as a number's, never the middle every time (review
86420, item 35: 'a few < hundreds < thousands' with the key always the middle)."""

from __future__ import annotations

from random import Random
from typing import Any

from quizgen.facts import AnswerKind, FactBase
from quizgen.generation.rules import FlawFinder
from quizgen.items.context import Context
from quizgen.items.cues import in_order
from quizgen.items.mc import MultipleChoice


def test_verbal_quantities_are_ordered_by_their_scale() -> None:
    assert in_order(["thousands", "a few", "hundreds"]) == [1, 2, 0]
    assert in_order(["Tens of thousands", "dozens"]) == [1, 0]
    assert in_order(["hundreds", "Syria"]) is None


def test_a_verbal_key_stands_among_four_ranks_in_a_row(shipped: FactBase) -> None:
    """Reviews 71829 and 40351: three options ('a few / hundreds / tens of thousands of U.S.
    soldiers') left the key the middle or the top, one implausible, each repeating its noun.
    Four quantities in a row of the scale now, the noun in the stem; the scale has too few
    plausible ranks for the key to take every one (it keeps its place)."""
    ctx, finder = Context(shipped), FlawFinder(shipped)
    fact = shipped.by_id["kataib-hezbollah-us-soldiers"]
    for seed in range(50):
        q = MultipleChoice.make(ctx, fact, Random(seed), ())
        assert q is not None
        assert q.options == ("a few", "dozens", "hundreds", "thousands"), q.options
        assert finder.flaws(q) == [], (q.options, finder.flaws(q))


def test_the_audit_reports_a_verbal_key_that_cannot_take_every_rank(shipped: FactBase) -> None:
    """'dozens' has one quantity below it ('a few'), and its wrong answers skip a rank to
    the implausible ('tens of thousands'): it is asked another way; three quantities are
    too few."""
    fact = shipped.by_id["gaza-war-us-injuries"]
    assert MultipleChoice.make(Context(shipped), fact, Random(0), ()) is None
    fields: dict[str, Any] = {
        "id": "mc-injuries",
        "topic": fact.topic,
        "fact_ids": (fact.id,),
        "source": fact.source,
        "explanation": "",
        "question": fact.question,
        "answer": fact.answer,
        "answer_kind": AnswerKind.TEXT,
    }
    rules = [
        f.rule
        for f in FlawFinder(shipped).flaws(
            MultipleChoice(**fields, options=("dozens", "hundreds", "thousands"))
        )
    ]
    assert rules == ["a verbal scale offers four quantities, its noun in the stem"], rules
    rules = [
        f.rule
        for f in FlawFinder(shipped).flaws(
            MultipleChoice(**fields, options=("hundreds", "dozens", "thousands"))
        )
    ]
    assert "number and date options in order, the key no cluster's middle" in rules, rules


def test_a_quantity_of_a_noun_is_on_the_scale_as_the_bare_quantity_is() -> None:
    """Whole phrases, so a false statement reads 'a few U.S. soldiers' (not 'a few of'):
    ordered on the scale when all count one noun, and the scale's own quantities said of it."""
    from quizgen.items.cues import on_scale, verbal

    soldiers = ["thousands of U.S. soldiers", "hundreds of U.S. soldiers", "a few U.S. soldiers"]
    assert in_order(soldiers) == [2, 1, 0]
    assert in_order(["hundreds of U.S. soldiers", "thousands of troops"]) is None
    assert in_order(["hundreds of U.S. soldiers", "thousands"]) is None
    assert verbal("tens of thousands of U.S. soldiers") == (5, "u s soldiers")
    assert verbal("thousands") == (4, "") and verbal("hundreds of thousands") == (6, "")
    assert on_scale("hundreds of U.S. soldiers", "dozens") == "dozens of U.S. soldiers"
    assert on_scale("hundreds of U.S. soldiers", "a few") == "a few U.S. soldiers"
    assert on_scale("dozens", "hundreds") == "hundreds"


def test_a_rank_the_fact_curates_is_not_offered_again_by_the_scale(shipped: FactBase) -> None:
    """'a handful' and 'a few' are one rank, never both shown: 'dozens' with only 'a handful'
    below it cannot be the last of three, so it is asked another way."""
    fact = shipped.by_id["gaza-war-us-injuries"]
    assert "a handful" in fact.wrong_answers
    assert all(
        MultipleChoice.make(Context(shipped), fact, Random(s), ()) is None for s in range(50)
    )
