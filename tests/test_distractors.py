"""Wrong answers: of the key's kind and class, near it, curated first, and never true."""

from __future__ import annotations

import re
from dataclasses import replace
from random import Random
from typing import TypeVar

import pytest

from quizgen import factfile
from quizgen.facts import AnswerKind, Fact, FactBase
from quizgen.items.distractors import DistractorIndex
from quizgen.language.dates import spoken_date
from quizgen.language.text import fold
from tests.support.audit_items import audit_finds
from tests.support.audit_items import flawed as flawed_item
from tests.support.data import ROOT

T = TypeVar("T")


@pytest.fixture(scope="module")
def index(shipped: FactBase) -> DistractorIndex:
    return DistractorIndex(shipped.facts)


def texts(index: DistractorIndex, base: FactBase, fact_id: str, seed: int = 0) -> list[str]:
    return [o.text for o in index.wrong_answers(base.fact(fact_id), Random(seed), 3)]


def test_curated_come_first(index: DistractorIndex, shipped: FactBase) -> None:
    assert texts(index, shipped, "fox-news-report-outlet") == ["CNN", "ABC News", "CBS News"]


def test_never_a_correct_answer(index: DistractorIndex, shipped: FactBase) -> None:
    for fact in shipped.facts:
        right = {fold(t) for t in (fact.answer, *fact.aliases)}
        for seed in range(3):
            options = [fold(t) for t in texts(index, shipped, fact.id, seed)]
            assert not right & set(options), fact.id
            assert len(options) == len(set(options)), fact.id


def place(name: str, answer_class: str | None, topic: str = "a") -> Fact:
    return Fact(
        id=fold(name).replace(" ", "-"),
        topic=topic,
        statement=f"It is {name}.",
        question="Where is it?",
        answer=name,
        answer_kind=AnswerKind.PLACE,
        source=(1,),
        tags=("t",),
        answer_class=answer_class,
    )


CLASSED_PLACES = [
    *(
        place(f"{n} Governorate", "governorate", t)
        for n, t in [
            ("Homs", "a"),
            ("Idlib", "a"),
            ("Raqqa", "b"),
            ("Hasakah", "b"),
            ("Daraa", "b"),
        ]
    ),
    *(place(f"{n} River", "river") for n in ["Euphrates", "Tigris"]),
    *(
        place(n, None, t)
        for n, t in [
            ("Husaybah", "a"),
            ("Erbil", "a"),
            ("Hama", "b"),
            ("Kirkuk", "b"),
            ("Mosul", "b"),
        ]
    ),
]


@pytest.mark.parametrize("fact", CLASSED_PLACES, ids=lambda f: f.id)
def test_wrong_answers_come_from_the_keys_own_class(fact: Fact) -> None:
    """Classes, not the words of an answer, decide: 'Hama' is never offered for a governorate."""
    index = DistractorIndex(CLASSED_PLACES)
    same_class = {f.answer for f in CLASSED_PLACES if f.answer_class == fact.answer_class}
    drawn = set()
    for seed in range(10):
        options = [o.text for o in index.wrong_answers(fact, Random(seed), 3)]
        assert len(options) == min(3, len(same_class) - 1)
        assert set(options) <= same_class - {fact.answer}
        drawn.update(options)
    assert drawn == same_class - {fact.answer}  # topics first, but no class member left out


def test_the_same_topic_is_preferred_within_a_class() -> None:
    index = DistractorIndex(CLASSED_PLACES)
    homs = CLASSED_PLACES[0]
    firsts = [index.wrong_answers(homs, Random(seed), 1)[0].text for seed in range(40)]
    # Drawing is bounded random tries, so not always; by chance alone it would be 1 in 4.
    assert firsts.count("Idlib Governorate") >= 36


def test_classes_declared_in_the_file_are_used() -> None:
    small = factfile.load(ROOT / "tests" / "data" / "small.yaml")
    assert [c.id for c in small.answer_classes] == ["governorate", "force"]
    small_index = DistractorIndex(small.facts)
    for seed in range(5):
        assert texts(small_index, small, "governorate", seed) == ["Al Anbar Governorate"]
        # Alone in its class: only the curated options, never the unclassified 'IRGC'.
        assert texts(small_index, small, "builder", seed) == [
            "Kata'ib Hezbollah",
            "Popular Mobilization Forces",
        ]


def test_related_names_are_not_offered(index: DistractorIndex, shipped: FactBase) -> None:
    """The Quds Force is the IRGC's service: offering it for 'IRGC' could be half true."""
    for seed in range(30):
        assert "Quds Force" not in texts(index, shipped, "withdrawing-force-irgc", seed)
        assert "IRGC" not in texts(index, shipped, "kataib-hezbollah-support", seed)


def test_no_ally_is_drawn_where_the_stem_asks_who_stood_with_whom(shipped: FactBase) -> None:
    """'Which group in the Gaza Strip has Iran supported?': Palestinian Islamic Jihad, of
    Hamas's side, is right too; 'members of which faction were killed?' is answered by
    the PMF, the umbrella of Kataib Sayyed al-Shuhada, too. Where the stem does not ask
    about sides, a name of the key's side is the best wrong answer and stays."""
    index = DistractorIndex(shipped.facts, shipped.entities)
    for seed in range(30):
        assert "Palestinian Islamic Jihad" not in texts(index, shipped, "iran-supports-hamas", seed)
        assert "Popular Mobilization Forces" not in texts(
            index, shipped, "kataib-sayyed-al-shuhada", seed
        )
    sides = {
        index.entity_named(t).side  # type: ignore[union-attr]
        for seed in range(10)
        for t in texts(index, shipped, "us-airstrikes-december-2019-target", seed)
    }
    assert sides == {"iran-axis"}


def test_dates_are_near_of_the_same_precision_and_not_other_facts(
    index: DistractorIndex, shipped: FactBase
) -> None:
    fact = shipped.fact("us-strike-25-february-2021")
    fact_dates = {f.date.iso() for f in shipped.facts if f.date is not None}
    for seed in range(20):
        for text in texts(index, shipped, fact.id, seed):
            date = spoken_date(text)
            assert date is not None and date.day is not None
            assert date.iso() not in fact_dates
            assert abs(date.year - 2021) <= 2


def test_numbers_keep_magnitude_and_units(index: DistractorIndex, shipped: FactBase) -> None:
    for seed in range(20):
        for text in texts(index, shipped, "al-qaim-distance-from-baghdad", seed):
            match = re.fullmatch(r"(\d+) km", text)
            assert match and 160 <= int(match.group(1)) <= 1000 and text != "400 km"
        for text in texts(index, shipped, "al-qaim-population", seed):
            assert re.fullmatch(r"\d{2,3},\d{3}", text) and text != "74,100"


def test_free_text_gets_only_curated(index: DistractorIndex, shipped: FactBase) -> None:
    assert texts(index, shipped, "iaf-mightiest") == []
    # a description, not a name: two curated options and nothing drawn (the Arab League
    # beside it was true as well; NATO beside the Western powers, one true if the other)
    assert texts(index, shipped, "arab-powers-common-threat") == [
        "Western powers",
        "African powers",
    ]
    # three U.S. doctrines beside Israel's and Iran's were out of its setting: none now
    assert texts(index, shipped, "periphery-doctrine") == []


def counted(statement: str, question: str, answer: str, aliases: tuple[str, ...] = ()) -> Fact:
    return Fact(
        id="n",
        topic="a",
        statement=statement,
        question=question,
        answer=answer,
        answer_kind=AnswerKind.NUMBER,
        source=(1,),
        tags=("t",),
        aliases=aliases,
    )


def test_a_bound_gets_no_bare_numbers() -> None:
    """'More than 170 attacks': 'more than 140' would be true too, and numbers kept above
    it left the key always the smallest (a teacher's review): a bound gets none."""
    from quizgen.facts.bounds import number_bound

    more = counted("Militias made more than 170 attacks.", "More than how many attacks?", "170")
    least = counted("It left at least nine dead.", "At least how many died?", "9", ("nine",))
    fewer = counted("Fewer than 40 people came.", "How many people came?", "40")
    about = counted("About 74,100 people live there.", "About how many live there?", "74,100")
    assert [number_bound(f) for f in (more, least, fewer, about)] == [1, 1, -1, 0]
    for fact in (more, least, fewer):
        index = DistractorIndex([fact])
        for seed in range(10):
            assert index.wrong_answers(fact, Random(seed), 3) == []
            assert index.number_options(fact, Random(seed), 3) is None
    assert DistractorIndex([about]).number_options(about, Random(1), 3)


def test_the_audit_sees_an_ally_offered_where_the_stem_asks_about_sides(
    shipped: FactBase,
) -> None:
    from quizgen.generation.audit import semantic_checks
    from quizgen.generation.rules import FlawFinder
    from quizgen.items.mc import MultipleChoice

    rule = "no drawn ally where the stem asks about sides"
    flawed = MultipleChoice(
        id="mc-iran-supports-hamas-flawed",
        topic="conflicts",
        fact_ids=("iran-supports-hamas",),
        source=("iran-us-relations",),
        explanation="",
        question="Which group in the Gaza Strip has Iran supported?",
        answer="Hamas",
        answer_kind=AnswerKind.ORGANIZATION,
        options=("Fatah", "Hamas", "Palestinian Authority", "Palestinian Islamic Jihad"),
    )
    assert [f.rule for f in FlawFinder(shipped).flaws(flawed)] == [rule]
    check = next(c for c in semantic_checks(shipped, [flawed]) if c.name == rule)
    assert not check.passed and check.examples[0].startswith(flawed.id)
    fine = replace(flawed, options=("Fatah", "Hamas", "Palestinian Authority"))
    assert FlawFinder(shipped).flaws(fine) == []
    chosen = replace(flawed, origins=("curated", "key", "curated", "curated"))
    assert FlawFinder(shipped).flaws(chosen) == []  # a person chose it, knowing


def test_every_curated_wrong_answer_of_the_shipped_file_is_taken(shipped: FactBase) -> None:
    """A wrong answer a person chose and the generator refuses (of another class than the
    key, or right after all) is silently replaced by a drawn one, which the person never
    saw: 'Western powers' for the Coalition the militia fought, 'Arab League' beside
    'Arab powers'. Every curated option of the shipped file must be one it can offer."""
    from quizgen.items.distractors import Taken

    index = DistractorIndex(shipped.facts, shipped.entities)
    refused = []
    for fact in shipped.facts:
        taken = Taken(index)
        taken.add(fact.answer)
        for text in fact.wrong_answers:
            if index.is_safe_curated(fact, text, taken):
                taken.add(text)
            else:
                refused.append((fact.id, text))
    assert refused == []


SETTING_RULE = "options share the key's class and setting"


def test_the_audit_sees_a_place_offered_outside_the_key_s_country(shipped: FactBase) -> None:
    """'In which desert is Al-Tanf?' with the Negev and the Sinai: anyone who knows Al-Tanf
    is in Syria, as the set's other items say, picks the Syrian Desert."""
    from quizgen.generation.rules import FlawFinder
    from quizgen.items.mc import MultipleChoice

    flawed = flawed_item(
        MultipleChoice,
        shipped,
        "al-tanf-desert",
        question="In which desert does the Al-Tanf base lie?",
        answer="Syrian Desert",
        answer_kind=AnswerKind.PLACE,
        options=("Dasht-e Kavir", "Negev Desert", "Syrian Desert"),
    )
    audit_finds(shipped, flawed, SETTING_RULE)
    governorates = flawed_item(
        MultipleChoice,
        shipped,
        "al-tanf-governorate",
        question="In which Syrian governorate is the Al-Tanf base?",
        answer="Rif Dimashq Governorate",
        answer_kind=AnswerKind.PLACE,
        options=("Daraa Governorate", "Raqqa Governorate", "Rif Dimashq Governorate"),
    )
    assert FlawFinder(shipped).flaws(governorates) == []


def test_the_generator_offers_no_place_outside_the_key_s_country(shipped: FactBase) -> None:
    index = DistractorIndex(shipped.facts, shipped.entities)
    for seed in range(20):
        assert texts(index, shipped, "al-tanf-desert", seed) == []  # no other Syrian desert
        for text in texts(index, shipped, "al-tanf-governorate", seed):
            entity = shipped.entities.resolve(text)
            assert entity is not None and entity.country == "syria", text


def test_the_audit_sees_a_key_unlike_the_options_in_form(shipped: FactBase) -> None:
    """'Kurdistan Region' among three '... Governorate's: the one unlike the rest."""
    from quizgen.items.cues import form_odd_one_out
    from quizgen.items.mc import MultipleChoice

    flawed = flawed_item(
        MultipleChoice,
        shipped,
        "erbil-capital",
        question="Of which autonomous part of Iraq is Erbil the capital?",
        answer="Kurdistan Region",
        answer_kind=AnswerKind.PLACE,
        options=(
            "Al Anbar Governorate",
            "Basra Governorate",
            "Kurdistan Region",
            "Nineveh Governorate",
        ),
    )
    audit_finds(shipped, flawed, SETTING_RULE)
    militias = ("Christian militias", "Druze militias", "Shia militias", "Sunni militias")
    assert form_odd_one_out("Shia militias", militias) is None
    assert form_odd_one_out("Kurdistan Region", flawed.options) == "governorate"


def test_the_audit_sees_a_statement_false_only_by_its_setting(shipped: FactBase) -> None:
    """'Al-Tanf lies in the Negev Desert': false by the country, which the set tells."""
    from quizgen.items.tf import TrueFalse

    flawed = flawed_item(
        TrueFalse,
        shipped,
        "al-tanf-desert",
        statement="Al-Tanf lies in the Negev Desert.",
        truth=False,
        answer_kind=AnswerKind.PLACE,
    )
    audit_finds(shipped, flawed, "false statements give nothing away")


def test_a_number_swapped_in_at_the_start_of_a_sentence_keeps_its_capital() -> None:
    from quizgen.items.tf import written_like

    fact = counted("Two people were killed.", "How many people were killed?", "2")
    assert written_like("6", "Two", fact) == "Six"
    assert written_like("6", "two", fact) == "six"


def test_a_blank_that_says_only_where_is_not_asked(shipped: FactBase) -> None:
    """'Al-Tanf lies in the _____.' takes Syria, the Rif Dimashq Governorate and the Syrian
    Desert, all true: the generator makes no such blank, and the audit sees one."""
    from quizgen.generation.bank import Maker
    from quizgen.items.cloze import Cloze

    maker = Maker(shipped)
    for fact_id in ("al-tanf-desert", "base-country", "erbil-coalition-base-location"):
        assert maker.make("cloze", shipped.fact(fact_id), 0) is None, fact_id
    river = maker.make("cloze", shipped.fact("al-qaim-river"), 0)  # "along the _____ River"
    assert river is not None
    flawed = flawed_item(
        Cloze,
        shipped,
        "al-tanf-desert",
        question="Al-Tanf lies in the _____.",
        answer="Syrian Desert",
        accepted=(),
    )
    audit_finds(shipped, flawed, "a blank says what it asks")


def test_who_fought_whom_offers_no_one_of_the_side_the_stem_names(shipped: FactBase) -> None:
    """'Against which group was the US-led involvement directed?' never offers the SDF or
    the Syrian Free Army, whom the US backed (another item of the set says so)."""
    index = DistractorIndex(shipped.facts, shipped.entities)
    for seed in range(20):
        offered = texts(index, shipped, "us-led-intervention-against", seed)
        assert len(offered) == 3
        for text in offered:
            entity = shipped.entities.resolve(text)
            assert entity is None or entity.side not in ("us-coalition", "jihadist"), text
    assert "Axis of Resistance" not in texts(index, shipped, "kataib-hezbollah-iraq-war")
