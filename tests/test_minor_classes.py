"""The minor classes of flaw that kept recurring in the teacher reviews (issue 20, items9):
each is never made by the generator, and the audit reports one flawed item of each where a
program can see it."""

from __future__ import annotations

from quizgen.facts import FactBase
from quizgen.items.cues import form_cue
from quizgen.items.mc import MultipleChoice
from tests.support.audit_items import audit_finds, flawed

# -- 1. curated wrong answers plausible, of the key's class and setting, alike in form ---


def test_a_key_alone_an_abbreviation_or_alone_written_out_is_a_cue() -> None:
    # 'SOHR' among names written out: a learner picks the one unlike the rest
    sources = ["Syrian state media", "Iranian state media", "SOHR", "Fox News"]
    assert form_cue("SOHR", sources, names=True) is not None
    irgc = ["IRGC", "Islamic Republic of Iran Army", "Basij", "Iranian Ministry of Intelligence"]
    assert form_cue("IRGC", irgc, names=True) is not None
    # a wrong option alone an abbreviation is no cue to the key; nor are options mixed
    outlets = ["Fox News", "CNN", "ABC News", "CBS News"]
    assert form_cue("Fox News", outlets, names=True) is None
    mixed = ["Syrian Democratic Forces", "SNA", "Jaysh al-Islam", "Syrian Free Army"]
    assert form_cue("Syrian Democratic Forces", mixed, names=True) is None
    # written out, the key is one of four alike
    written = ["Syrian Observatory for Human Rights", "Syrian Network for Human Rights"]
    assert form_cue(written[0], [*written, "Syrian state media"], names=True) is None


def test_the_audit_reports_a_key_alone_an_abbreviation(shipped: FactBase) -> None:
    item = flawed(
        MultipleChoice,
        shipped,
        "june-2021-casualty-source",
        question=shipped.fact("june-2021-casualty-source").question,
        answer="SOHR",
        options=("Syrian state media", "SOHR", "Violations Documentation Center", "Fox News"),
        answer_kind=shipped.fact("june-2021-casualty-source").answer_kind,
        origins=("curated", "key", "curated", "curated"),
    )
    audit_finds(shipped, item, "options share the key's class and setting")


# Curated options a teacher found implausible or off-class for their stem (a bloc of Gulf
# states for an Iraqi militia's alliance, a people among powers, a news outlet among
# monitors of the dead, a group the US fought offered as one it backed): none is offered.
IMPLAUSIBLE = {
    "kataib-hezbollah-axis": {
        "Arab League",
        "Gulf Cooperation Council",
        "Islamic Military Counter Terrorism Coalition",
    },
    "kataib-hezbollah-iraq-war": {"the Kurds", "Arab League"},
    "arab-powers-common-threat": {"the Kurds"},
    "june-2021-casualty-source": {"Fox News", "SOHR"},
    "satellite-images-confirmed": {"SOHR", "a statement from Tehran"},
    "us-supports-syrian-free-army": {"al-Nusra Front"},
    "kataib-hezbollah-aims-expel": {"Iraqi Armed Forces"},
}


def test_no_implausible_curated_option_is_offered(shipped: FactBase) -> None:
    from quizgen.generation.bank import Maker

    maker = Maker(shipped)
    for fact_id, banned in IMPLAUSIBLE.items():
        fact = shipped.fact(fact_id)
        assert not banned & set(fact.wrong_answers), fact_id
        offered = 0
        for seed in range(30):
            item = maker.make("mc", fact, seed)
            if isinstance(item, MultipleChoice):
                offered += 1
                assert not banned & set(item.options), (fact_id, item.options)
        assert offered, f"{fact_id} is never offered as multiple choice"


def test_no_curated_set_leaves_the_key_alone_in_form(shipped: FactBase) -> None:
    """Every three curated options of a name key: the key neither the only abbreviation
    nor the only option with an article."""
    for fact in shipped.facts:
        wrong = list(fact.wrong_answers[:3])
        if len(wrong) < 2 or fact.entity is None:
            continue
        assert form_cue(fact.answer, [fact.answer, *wrong], names=True) is None, fact.id


# -- 2. false statements false by the fact, never by their wording ----------------------


def test_a_description_set_off_after_a_swapped_name_is_a_cue(shipped: FactBase) -> None:
    from dataclasses import replace

    from quizgen.items.cues import appositive_cue
    from quizgen.items.tf import TrueFalse

    fact = shipped.fact("iran-supports-hamas")
    assert appositive_cue(fact, ", in the Gaza Strip.") is not None
    assert appositive_cue(fact, ", led by the People's Protection Units (YPG), as") is not None
    assert appositive_cue(fact, ", Syria, in the Syrian Desert.") is None  # a place's country
    assert appositive_cue(fact, " in the Gaza Strip.") is None
    # the audit reports the false statement the old wording made
    old = replace(
        shipped,
        facts=tuple(
            replace(f, statement=f.statement.removesuffix(".") + ", in the Gaza Strip.")
            if f.id == fact.id
            else f
            for f in shipped.facts
        ),
    )
    item = flawed(
        TrueFalse,
        old,
        fact.id,
        statement=old.fact(fact.id).statement.replace("Hamas", "Fatah"),
        truth=False,
        answer_kind=fact.answer_kind,
    )
    audit_finds(old, item, "false statements give nothing away")


def test_no_false_statement_reads_false_by_its_wording(shipped: FactBase) -> None:
    """Over many seeds: no false statement keeps a description set off after the swapped
    name, no one-word name takes an article the file never gives it ('the Russia'), and no
    word stands twice in a row ('the Jordan River River')."""
    import re

    from quizgen.generation.bank import Maker
    from quizgen.items.tf import TrueFalse

    maker = Maker(shipped)
    seen = 0
    for fact in shipped.facts:
        for seed in range(8):
            item = maker.make("tf", fact, seed)
            if not isinstance(item, TrueFalse) or item.truth:
                continue
            seen += 1
            assert (
                re.search(
                    r"\bthe (?:Russia|Iran|Israel|Syria|Iraq|Jordan)(?=[.,]| in | and | as )",
                    item.statement,
                )
                is None
            ), item.statement
            assert ", in the Gaza Strip" not in item.statement, item.statement
            assert re.search(r"\b(\w+) \1\b", item.statement) is None, item.statement
            assert "led by the People's Protection Units" not in item.statement
    assert seen > 200


def test_a_swap_after_the_statements_own_determiner_is_a_cue(shipped: FactBase) -> None:
    """Review 40351: "in retaliation for multiple the attack on a Kirkuk airbase" (the
    statement's "multiple" left before a wrong answer that brings its own article) reads
    false by its grammar. The cue, the audit reporting that statement, and the maker never
    making it over many seeds (it did on 22 of 40 before)."""
    from quizgen.generation.bank import Maker
    from quizgen.items.cues import determiner_clash
    from quizgen.items.tf import TrueFalse

    assert determiner_clash("in retaliation for multiple ", "the attack on a Kirkuk airbase")
    assert determiner_clash("for 3 ", "the rockets") == "3 the"
    assert determiner_clash("allies of ", "the IRGC") is None
    assert determiner_clash("for multiple ", "rocket attacks") is None
    fact = shipped.fact("us-strike-february-2021-retaliation")
    item = flawed(
        TrueFalse,
        shipped,
        fact.id,
        statement=fact.statement.replace(
            "rocket attacks against U.S. forces in Iraq", "the attack on a Kirkuk airbase"
        ),
        truth=False,
        answer_kind=fact.answer_kind,
    )
    assert item.statement != fact.statement
    audit_finds(shipped, item, "false statements give nothing away")
    maker = Maker(shipped)
    falses = 0
    for seed in range(60):
        made = maker.make("tf", fact, seed)
        if isinstance(made, TrueFalse) and not made.truth:
            falses += 1
            assert " multiple the " not in made.statement, made.statement
    assert falses > 10


def test_a_wrong_time_never_overlaps_the_time_the_fact_names(shipped: FactBase) -> None:
    """Review 19388: "covert ties continued during the Soviet–Afghan War" (1979–1989) is as
    true as during the Iran–Iraq War (1980–1988), yet was the false statement. A thing whose
    years overlap the key's, where the fact names its key as a time, is no wrong answer:
    never offered, never swapped in, and the audit reports the old statement."""
    from quizgen.generation.bank import Maker
    from quizgen.items.distractors import overlaps_as_a_time
    from quizgen.items.tf import TrueFalse

    fact = shipped.fact("covert-ties-iran-iraq-war")
    key, soviet, gulf = (
        shipped.entities.resolve(n) for n in ("Iran–Iraq War", "Soviet–Afghan War", "Gulf War")
    )
    assert key is not None and soviet is not None and gulf is not None
    assert overlaps_as_a_time(fact, key, soviet)
    assert not overlaps_as_a_time(fact, key, gulf)
    president = shipped.fact("june-2021-biden-directed")  # no time named: not compared
    biden, trump = shipped.entities.resolve("Joe Biden"), shipped.entities.resolve("Donald Trump")
    assert biden is not None and trump is not None
    assert not overlaps_as_a_time(president, biden, trump)
    item = flawed(
        TrueFalse,
        shipped,
        fact.id,
        statement=fact.statement.replace("Iran–Iraq War", "Soviet–Afghan War"),
        truth=False,
        answer_kind=fact.answer_kind,
    )
    audit_finds(shipped, item, "false statements give nothing away")
    maker = Maker(shipped)
    offered: set[str] = set()
    for seed in range(40):
        for kind in ("mc", "tf"):
            made = maker.make(kind, fact, seed)
            if isinstance(made, TrueFalse):
                offered.add(made.statement)
            elif made is not None:
                offered.update(made.options)  # type: ignore[attr-defined]
    assert offered and not any(
        w in text for text in offered for w in ("Soviet", "Lebanese Civil War")
    ), offered
