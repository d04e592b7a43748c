"""Shown text that gives a later item's answer away though it is no registry name: a
phrase's head in a source label, a possessive in a stem, a false statement's swapped word
beside what it is about in another item's feedback (reviews 86420 and 13579)."""

from __future__ import annotations

from typing import Any

from quizgen.facts import AnswerKind, Fact, FactBase
from quizgen.generation.leaks import set_flaws
from quizgen.items.context import single
from quizgen.items.mc import MultipleChoice
from quizgen.items.tf import TrueFalse
from quizgen.items.typed import Typed
from tests.support.data import matching_of

GOVERNORATES = ["al-qaim-governorate", "al-tanf-governorate", "abu-kamal-governorate"]


def fields(fact: Fact, kind: str) -> dict[str, Any]:
    """An item's shared fields with no explanation, so only what a test puts in is shown."""
    return {**single(fact, kind), "explanation": ""}


def mc(fact: Fact, question: str | None = None) -> MultipleChoice:
    return MultipleChoice(
        **fields(fact, "mc"),
        question=question or fact.question,
        answer=fact.answer,
        answer_kind=fact.answer_kind,
        options=(fact.answer, *fact.wrong_answers),
    )


def flagged(shipped: FactBase, *items: Any) -> list[str]:
    return [
        i
        for i, _ in set_flaws(
            list(items), shipped.facts, shipped.source_label, entities=shipped.entities
        )
    ]


def test_a_source_label_showing_a_phrase_s_head_gives_it_away(shipped: FactBase) -> None:
    """'[4] Fox News: Iran building new tunnel to house missiles: intelligence sources' in
    the feedback of an item citing [4] (review 13579's item 14) leaves one word to guess
    of 'Western intelligence sources'."""
    hold = shipped.by_id["june-2018-airstrike-target"]
    first = Typed(**fields(hold, "typed"), question=hold.question, answer=hold.answer)
    who = shipped.by_id["tunnels-belief-attributed"]
    later = mc(who)
    assert "intelligence sources" in shipped.source_label(hold.source[0])
    assert flagged(shipped, first, later) == [later.id]


def test_a_possessive_in_a_stem_shows_the_name(shipped: FactBase) -> None:
    """'near Syria's border' before 'In which country was the base?' (key Syria): the stem
    is not about the base's country, yet names it."""
    border = mc(shipped.by_id["base-near-iraq-border"])
    country = mc(shipped.by_id["base-country"])
    assert "Syria's" in border.question
    assert flagged(shipped, border, country) == [country.id]


def test_a_single_swapped_word_beside_its_subject_gives_a_false_statement_away(
    shipped: FactBase,
) -> None:
    """A matching item whose feedback says Al-Qa'im lies in the Al Anbar Governorate tells
    that 'Al-Qa'im is the center of the governorate that bears its name' is false; the word
    'governorate' elsewhere, away from Al-Qa'im, tells nothing."""
    match = matching_of(shipped, GOVERNORATES)
    centre = shipped.by_id["al-qaim-district-centre"]
    false = TrueFalse(
        **fields(centre, "tf"),
        truth=False,
        statement=centre.statement.replace("district", "governorate"),
        answer_kind=AnswerKind.TEXT,
    )
    assert flagged(shipped, match, false) == [false.id]
    elsewhere = mc(shipped.by_id["base-governorate"])  # a governorate, not Al-Qa'im's
    assert flagged(shipped, elsewhere, false) == []


def test_a_one_word_option_beside_its_subject_is_ruled_out(shipped: FactBase) -> None:
    """The matching item's 'The Iraqi governorate in which Al-Qa'im is located is the Al
    Anbar Governorate' before 'Al-Qa'im is the center of which kind of administrative
    division that bears its name?' rules 'governorate' out of three options (review
    86420's worksheet, items 3 and 33)."""
    match = matching_of(shipped, GOVERNORATES)
    centre = shipped.by_id["al-qaim-district-centre"]
    kind = MultipleChoice(
        **fields(centre, "mc"),
        question=centre.question,
        answer="district",
        answer_kind=AnswerKind.TEXT,
        options=("region", "district", "governorate"),
    )
    assert flagged(shipped, match, kind) == [kind.id]
    assert flagged(shipped, mc(shipped.by_id["base-governorate"]), kind) == []
