"""The classes of flaw left open by the teacher reviews of seeds 24817 and 59263 (issue 20):
each is never made by the generator, and the audit reports one flawed item of each."""

from __future__ import annotations

import datetime
from random import Random

from quizgen.facts import AnswerKind, FactBase
from quizgen.items.context import Context
from quizgen.items.cues import form_cue, shared_with_stem
from quizgen.items.mc import MultipleChoice
from tests.support.audit_items import audit_finds, flawed

# -- 1. the odd one out by its form, or by a root it shares with the stem ----------------


def test_a_key_alone_in_number_article_or_register_is_a_cue() -> None:
    options = ["a military convoy", "residential areas", "a Peshmerga base"]
    assert form_cue("residential areas", options) is not None
    alike = ["residential areas", "military convoys", "Peshmerga bases", "oil fields"]
    assert form_cue("residential areas", alike) is None  # the register is split, not odd
    # names keep their own number and words: only an article sets one apart
    forces = ["Sons of Iraq", "Popular Mobilization Forces", "Peshmerga"]
    assert form_cue("Popular Mobilization Forces", forces, names=True) is None
    assert form_cue("the Kurds", ["the Kurds", "Hamas", "Hezbollah"], names=True) is not None


def test_a_key_of_the_stem_s_root_is_a_cue() -> None:
    stem = "Which company's satellite imagery suggested that a tunnel system was being built?"
    options = ["ImageSat International", "Planet Labs", "Maxar Technologies"]
    assert shared_with_stem(stem, "ImageSat International", options) == "imagesat"
    # an Arabic article is no root: 'al-Muhammadawi' is not 'al-Muhandis'
    stem = "Who became leader in Abu Mahdi al-Muhandis's place?"
    leaders = ["Abdul Aziz al-Muhammadawi", "Hadi al-Amiri", "Qais al-Khazali"]
    assert shared_with_stem(stem, leaders[0], leaders) is None


def test_the_generator_makes_no_key_odd_by_its_form(shipped: FactBase) -> None:
    ctx = Context(shipped)
    for fact_id in ("erbil-rockets-residential-areas", "imagesat-tunnel-imagery"):
        fact = shipped.fact(fact_id)
        for seed in range(10):
            assert MultipleChoice.make(ctx, fact, Random(seed), ()) is None, (fact_id, seed)


def test_the_audit_sees_a_key_odd_by_its_form(shipped: FactBase) -> None:
    item = flawed(
        MultipleChoice,
        shipped,
        "erbil-rockets-residential-areas",
        question=shipped.fact("erbil-rockets-residential-areas").question,
        answer="residential areas",
        answer_kind=AnswerKind.TEXT,
        options=("a military convoy", "residential areas", "a Peshmerga base"),
    )
    audit_finds(shipped, item, "options share the key's class and setting")


def test_the_audit_sees_a_key_of_the_stem_s_root(shipped: FactBase) -> None:
    item = flawed(
        MultipleChoice,
        shipped,
        "imagesat-tunnel-imagery",
        question=shipped.fact("imagesat-tunnel-imagery").question,
        answer="ImageSat International",
        answer_kind=shipped.fact("imagesat-tunnel-imagery").answer_kind,
        options=("ImageSat International", "Planet Labs", "Airbus Defence and Space", "Maxar"),
    )
    audit_finds(shipped, item, "no word of the stem left to the key alone")


# -- 2. wrong dates plausible given the stem, the key's year not the odd one out ---------


def test_a_key_alone_of_its_year_is_the_odd_one_out() -> None:
    from quizgen.language.dates import FactDate
    from quizgen.language.datespan import lone_unit

    key = FactDate(2021, 1, 13)
    late_2020 = [FactDate(2020, 11, 21), FactDate(2020, 12, 5), FactDate(2020, 12, 22)]
    assert lone_unit(key, late_2020) == "year"
    spread = [FactDate(2019, 5, 1), FactDate(2020, 12, 5), FactDate(2022, 2, 2)]
    assert lone_unit(key, spread) is None
    months = [FactDate(2021, 3, 1), FactDate(2021, 3, 9), FactDate(2021, 3, 20)]
    assert lone_unit(key, months) == "month"


def test_date_options_never_leave_the_key_alone_of_its_year(shipped: FactBase) -> None:
    from quizgen.items.cues import one_date
    from quizgen.language.datespan import lone_unit

    ctx = Context(shipped)
    dated = [f for f in shipped.facts if f.answer_kind.value in ("date", "month")]
    made = 0
    for fact in dated:
        for seed in range(15):
            q = MultipleChoice.make(ctx, fact, Random(seed), ())
            if q is None:
                continue
            made += 1
            key = one_date(q.answer)
            others = [one_date(o) for o in q.options if o != q.answer]
            assert key is not None and lone_unit(key, [d for d in others if d]) is None, q.options
    assert made > 100


def test_the_audit_sees_a_key_alone_of_its_year(shipped: FactBase) -> None:
    fact = shipped.fact("israeli-airstrikes-13-january-2021")
    item = flawed(
        MultipleChoice,
        shipped,
        fact.id,
        question=fact.question,
        answer=fact.answer,
        answer_kind=fact.answer_kind,
        options=("21 November 2020", "5 December 2020", "22 December 2020", "13 January 2021"),
    )
    audit_finds(shipped, item, "date options keep to the stem and the record")


def test_a_period_by_its_months_bounds_the_options(shipped: FactBase) -> None:
    """The attacks 'during the Gaza war' began in October 2023: no halt in May 2023."""
    from quizgen.facts.entities import Period
    from quizgen.generation.bank import Maker
    from quizgen.items.cues import one_date

    assert str(Period.parse("2023-10–present")) == "2023-10–present"
    assert Period.parse("2023-10–2024-02").last_day(datetime.date.max).isoformat() == "2024-02-29"
    assert Period.parse("2019-2024") == Period(2019, 2024)
    maker, fact = Maker(shipped), shipped.fact("gaza-war-attacks-halted")
    for seed in range(30):
        for kind in ("mc", "tf"):
            q = maker.make(kind, fact, seed)
            assert q is not None or kind == "mc"
            shown = q.options if isinstance(q, MultipleChoice) else (q.prompt,) if q else ()
            for text in shown:
                d = one_date(text)
                assert d is None or (d.year, d.month or 12) >= (2023, 10), text


# -- 5. a timeline's years shown by earlier items ---------------------------------------


def test_a_timeline_event_of_few_words_is_told_by_its_year(shipped: FactBase) -> None:
    """'On 22 September 2014, the United States officially intervened in the Syrian civil
    war': two words of its own (the rest are names), so 'the United States intervened in
    Syria in 2014' in an earlier stem places it among the timeline's events."""
    from quizgen.generation.bank import generate
    from quizgen.generation.leaks import set_flaws

    bank = generate(shipped, seed=1)
    stem = next(q for q in bank if q.id == "mc-operation-inherent-resolve")
    assert "intervened in Syria in 2014" in stem.prompt
    timeline = next(
        q for q in bank if q.kind == "timeline" and "us-intervention-syria-date" in q.fact_ids
    )
    found = set_flaws(
        [stem, timeline], shipped.facts, shipped.source_label, entities=shipped.entities
    )
    assert found == [(timeline.id, "its answer (2014) is shown by an earlier item")]


# -- 4. a cloze whose blank another true name fills -------------------------------------


def test_a_blank_the_subject_stands_to_other_things_in_is_not_made(shipped: FactBase) -> None:
    """'Iran continued to back _____' (Shia militias): Iran backs many groups the facts name
    ('Iran-backed militias'), so the sentence has more than one answer."""
    from quizgen.generation.bank import Maker
    from quizgen.items.cues import Sayings

    fact = shipped.fact("shia-militias-southern-lebanon")
    before = fact.statement[: fact.statement.index(fact.answer)]
    other = Sayings(shipped.facts).same_relation(fact, before, shipped.entities)
    assert other is not None and other.id != fact.id
    assert Maker(shipped).make("cloze", fact, 0) is None
    # the blank's own words decide: the same fact asked by its question stays typed
    assert Maker(shipped).make("typed", fact, 0) is not None


def test_the_audit_sees_a_blank_with_a_second_answer(shipped: FactBase) -> None:
    from quizgen.items.cloze import Cloze

    item = flawed(
        Cloze,
        shipped,
        "shia-militias-southern-lebanon",
        question="After arming Hezbollah in 1982, Iran continued to back _____ throughout the "
        "Israeli occupation of Southern Lebanon.",
        answer="Shia militias",
        accepted=(),
    )
    audit_finds(shipped, item, "a blank has one answer given its sentence")
