"""Quantities said in words ('a few', 'dozens', 'hundreds', 'thousands') are a scale: shown
in its order, the key's rank uniform as a number's, never the middle every time (review
86420, item 35: 'a few < hundreds < thousands' with the key always the middle)."""

from __future__ import annotations

from collections import Counter
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


def test_a_verbal_key_takes_every_rank(shipped: FactBase) -> None:
    ctx, finder = Context(shipped), FlawFinder(shipped)
    fact = shipped.by_id["kataib-hezbollah-us-soldiers"]
    ranks: Counter[int] = Counter()
    for seed in range(300):
        q = MultipleChoice.make(ctx, fact, Random(seed), ())
        assert q is not None
        assert in_order(q.options) == list(range(len(q.options))), q.options
        assert finder.flaws(q) == [], (q.options, finder.flaws(q))
        ranks[q.options.index(q.answer)] += 1
    assert len(ranks) == 3 and all(60 <= n <= 140 for n in ranks.values()), ranks


def test_the_audit_reports_a_verbal_key_that_cannot_take_every_rank(shipped: FactBase) -> None:
    """'dozens' has one quantity below it ('a few'): among 'hundreds' and 'thousands' it is
    always first; it is asked another way."""
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
    assert rules == ["the key of ordered options can take every rank"], rules
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
