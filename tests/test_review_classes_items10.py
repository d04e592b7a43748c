"""Classes of flaw from the teacher reviews of seeds 71829 and 40351 (issue 20, items10):
each is never made by the generator, and the audit reports a flawed item where a program
can see the class."""

from __future__ import annotations

from random import Random

from quizgen.facts import AnswerKind, FactBase
from quizgen.items.context import Context
from quizgen.items.cues import form_cue
from quizgen.items.mc import MultipleChoice
from tests.support.audit_items import audit_finds, flawed

UNIDENTIFIED = "israeli-airstrikes-iraq-unidentified"

# -- 3. the key the only hedged "X or Y" option ---------------------------------------------


def test_a_key_alone_hedged_between_two_is_a_cue() -> None:
    singles = ["drone or aircraft", "cruise missile", "helicopter gunship", "ballistic missile"]
    assert form_cue("drone or aircraft", singles) is not None
    hedged = ["drone or aircraft", "missile or rocket", "artillery or mortar", "truck or car bomb"]
    assert form_cue("drone or aircraft", hedged) is None


def test_the_generator_offers_hedges_beside_a_hedged_key(shipped: FactBase) -> None:
    ctx = Context(shipped)
    fact = shipped.fact(UNIDENTIFIED)
    for seed in range(10):
        item = MultipleChoice.make(ctx, fact, Random(seed), ())
        assert item is not None, seed
        assert all(" or " in o for o in item.options), item.options


def test_the_audit_sees_a_key_alone_hedged(shipped: FactBase) -> None:
    item = flawed(
        MultipleChoice,
        shipped,
        UNIDENTIFIED,
        question=shipped.fact(UNIDENTIFIED).question,
        answer="drone or aircraft",
        answer_kind=AnswerKind.TEXT,
        options=("cruise missile", "helicopter gunship", "drone or aircraft", "ballistic missile"),
    )
    audit_finds(shipped, item, "options share the key's class and setting")


# -- 2. a blank that does not say the form it wants (its audit rule) -------------------------

PROXY = "proxy-conflict-since-1980s"


def test_the_audit_sees_a_blank_that_does_not_say_its_form(shipped: FactBase) -> None:
    from quizgen.items.cloze import Cloze

    fact = shipped.fact(PROXY)
    item = flawed(
        Cloze,
        shipped,
        PROXY,
        question="There has been an ongoing proxy conflict between Iran and Israel since _____.",
        answer=fact.answer,
        answer_kind=fact.answer_kind,
        accepted=(fact.answer, *fact.aliases),
    )
    audit_finds(shipped, item, "a blank says what it asks")


# -- 4. a verbal scale of three options, every one repeating its noun -----------------------

SOLDIERS = "kataib-hezbollah-us-soldiers"


def test_a_verbal_scale_offers_four_quantities_its_noun_in_the_stem(shipped: FactBase) -> None:
    ctx = Context(shipped)
    fact = shipped.fact(SOLDIERS)
    for seed in range(10):
        item = MultipleChoice.make(ctx, fact, Random(seed), ())
        assert item is not None, seed
        assert item.options == ("a few", "dozens", "hundreds", "thousands"), item.options
        assert item.answer == "hundreds"


def test_the_audit_sees_a_verbal_scale_of_three_repeating_its_noun(shipped: FactBase) -> None:
    fact = shipped.fact(SOLDIERS)
    item = flawed(
        MultipleChoice,
        shipped,
        SOLDIERS,
        question=fact.question,
        answer=fact.answer,
        answer_kind=fact.answer_kind,
        options=("a few U.S. soldiers", "hundreds of U.S. soldiers", "thousands of U.S. soldiers"),
    )
    audit_finds(shipped, item, "a verbal scale offers four quantities, its noun in the stem")


# -- 6. a cloze with a second true answer, reworded from the seed ---------------------------


def test_the_erbil_capital_blank_is_worded_as_the_seed(shipped: FactBase) -> None:
    """'the capital of the _____ of Iraq' took 'Erbil Governorate' as well; the seed says
    'Erbil, the capital of the Kurdistan Region, Iraq'."""
    from quizgen.facts import spans

    found = spans.blanked(shipped.fact("erbil-capital"))
    assert found is not None
    assert found.text() == "Erbil is the capital of the _____, Iraq."


# -- 7. wrong dates before the day the thing the stem names began ---------------------------


def test_a_period_may_give_its_first_day() -> None:
    import datetime

    from quizgen.facts.entities import Period

    period = Period.parse("2023-10-07–present")
    assert period.first_day() == datetime.date(2023, 10, 7)
    assert str(period) == "2023-10-07–present"


def test_no_wrong_date_before_the_gaza_war_began(shipped: FactBase) -> None:
    """'2 October 2023' was offered for the start of attacks 'during the Gaza war' (begun
    7 October 2023): the registry's month alone let the whole of October in."""
    from quizgen.language.dates import spoken_date

    ctx = Context(shipped)
    fact = shipped.fact("gaza-war-attacks-start")
    made = 0
    for seed in range(40):
        item = MultipleChoice.make(ctx, fact, Random(seed), ())
        if item is None:
            continue
        made += 1
        for option in item.options:
            date = spoken_date(option)
            assert date is not None and (date.year, date.month, date.day) >= (2023, 10, 7), option
    assert made >= 20
