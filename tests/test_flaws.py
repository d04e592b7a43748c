"""The audit's item rules: each flaw class a teacher found is caught, and the bank has none."""

from __future__ import annotations

from typing import Any

import pytest

from quizgen import factfile
from quizgen.facts import AnswerKind, FactBase
from quizgen.generation.audit import semantic_checks
from quizgen.generation.bank import generate
from quizgen.generation.rules import FlawFinder
from quizgen.items import Item
from quizgen.items.cloze import Cloze
from quizgen.items.match import Match
from quizgen.items.mc import MultipleChoice
from quizgen.items.tf import TrueFalse
from quizgen.items.timeline import Timeline
from quizgen.items.typed import Typed
from quizgen.language.dates import interval
from quizgen.language.datespan import dates_in, fits, record_span, references
from tests.support.data import SHIPPED, problems
from tests.support.data import SMALL as SMALL_PATH


def common(fact_id: str, kind: str) -> dict[str, Any]:
    return {
        "id": f"{kind}-{fact_id}-flawed",
        "topic": "base",
        "fact_ids": (fact_id,),
        "source": (1,),
        "explanation": "",
    }


def flawed_bank() -> dict[str, Item]:
    """One item of each flaw class, keyed by the rule that must catch it."""
    return {
        "date options keep to the stem and the record": MultipleChoice(
            **common("strike-date", "mc"),
            question="On what date in 2021 was the site struck?",
            answer="25 February 2021",
            answer_kind=AnswerKind.DATE,
            options=("4 March 2020", "25 February 2021", "1 May 2021", "3 June 2021"),
        ),
        "options share the key's class and setting": MultipleChoice(
            **common("town", "mc"),
            question="Near which town was the base?",
            answer="Abu Kamal",
            answer_kind=AnswerKind.PLACE,
            options=("Abu Kamal", "Quds Force", "Hama"),
            origins=("key", "fact:builder", "fact:airstrike-town"),
        ),
        "no two options name the same thing": MultipleChoice(
            **common("crossing-town", "mc"),
            question="To which town does the crossing lead?",
            answer="Husaybah",
            answer_kind=AnswerKind.PLACE,
            options=("Husaybah", "Abu Kamal", "Al-Bukamal"),
        ),
        "no accepted answer in the prompt": Cloze(
            **common("town", "cloze"),
            question="The base was near the town of _____ (Al-Bukamal).",
            answer="Abu Kamal",
            accepted=("Al-Bukamal",),
        ),
        "blanks give no cue in their article": Cloze(
            **common("town", "cloze"),
            question="The base stood in an _____ border town.",
            answer="Syrian",
            accepted=(),
        ),
        "false statements give nothing away": TrueFalse(
            **common("withdrawal-month", "tf"),
            truth=False,
            statement="The IRGC withdrew its fighters from Syria in June 2031.",
        ),
        "a bound is not offered as bare numbers": MultipleChoice(
            **common("deaths", "mc"),
            question="According to SOHR, at least how many fighters died in the airstrike?",
            answer="9",
            answer_kind=AnswerKind.NUMBER,
            options=("9", "14", "17", "26"),
        ),
        "number and date options in order, the key no cluster's middle": MultipleChoice(
            **common("population", "mc"),
            question="About how many people live in Al-Qa'im?",
            answer="74,100",
            answer_kind=AnswerKind.NUMBER,
            options=("50,300", "74,000", "74,100", "74,200"),
        ),
        "timeline events happened, apart in date, their order not in their words": Timeline(
            **common("strike-date", "timeline")
            | {"fact_ids": ("war-year", "report-date", "strike-date")},
            question="Put these events in chronological order, earliest first.",
            options=(
                "Fox News reported on … that the base was being built.",
                "Israel fought a war with Hezbollah in ….",
                "After the war, the site was struck again on … by the United States military.",
            ),
            answer=(
                "Israel fought a war with Hezbollah in ….",
                "Fox News reported on … that the base was being built.",
                "After the war, the site was struck again on … by the United States military.",
            ),
        ),
        "stems and options speak of the world, not the source": MultipleChoice(
            **common("town", "mc"),
            question="According to the infobox, near which town was the base?",
            answer="Abu Kamal",
            answer_kind=AnswerKind.PLACE,
            options=("Abu Kamal", "Husaybah", "Erbil"),
        ),
        "explanations are for learners, not editors": Typed(
            **common("capital", "typed")
            | {"explanation": "The text does not say where the airstrikes were."},
            question="Which city is the capital of the Kurdistan Region?",
            answer="Erbil",
        ),
        "no claim that holds only when it was written": Typed(
            **common("builder", "typed"),
            question="Which force is currently completing the project?",
            answer="Quds Force",
        ),
        "no word of the stem left to the key alone": MultipleChoice(
            **common("builder", "mc"),
            question="Which force is completing the project?",
            answer="Quds Force",
            answer_kind=AnswerKind.ORGANIZATION,
            options=("Basij", "Quds Force", "Kata'ib Hezbollah"),
        ),
        "the key is not the option the others converge on": MultipleChoice(
            **common("contractor", "mc"),
            question="Who was killed in the rocket attack on the airbase?",
            answer="an American civilian contractor",
            answer_kind=AnswerKind.TEXT,
            options=(
                "an American soldier",
                "an Iraqi civilian",
                "an American civilian contractor",
                "a British contractor",
            ),
        ),
        "typed only where recall has one answer": Typed(
            **common("condition", "typed"),
            question="In what condition was the base left?",
            answer="Inoperative",
            answer_kind=AnswerKind.TEXT,
        ),
        "matching gives nothing away": Match(
            **common("capital", "match")
            | {"fact_ids": ("capital", "town", "airstrike-town", "crossing-town")},
            question="Match each name.",
            names=("Erbil", "Abu Kamal", "Hama", "Husaybah"),
            statements=(
                "_____ is the capital, far from Hama.",
                "The base was near _____.",
                "Israel struck _____.",
                "The crossing leads to _____.",
            ),
            answer=(
                ("Erbil", "_____ is the capital, far from Hama."),
                ("Abu Kamal", "The base was near _____."),
                ("Hama", "Israel struck _____."),
                ("Husaybah", "The crossing leads to _____."),
            ),
        ),
    }


def test_each_flaw_class_is_caught_by_its_own_rule(small: FactBase) -> None:
    checker = FlawFinder(small)
    for rule, item in flawed_bank().items():
        assert [f.rule for f in checker.flaws(item)] == [rule], item.id


def test_the_audit_fails_the_flawed_bank_per_rule(small: FactBase) -> None:
    checks = {c.name: c for c in semantic_checks(small, list(flawed_bank().values()))}
    for rule, item in flawed_bank().items():
        assert not checks[rule].passed and checks[rule].examples[0].startswith(item.id)


def test_stem_dates_bind_the_options() -> None:
    def fit(option: str, context: str, record: str = "") -> bool:
        key = dates_in("25 February 2021")[0]
        span = interval(dates_in(record)[0]) if record else record_span([])
        return fits(interval(dates_in(option)[0]), interval(key), references(key, context), span)

    assert fit("3 May 2021", "On what date in 2021 was it struck?")
    assert not fit("3 May 2020", "On what date in 2021 was it struck?")
    assert fit("3 January 2021", "for which the strikes of 1 March 2021 retaliated?")
    assert not fit("3 March 2021", "for which the strikes of 1 March 2021 retaliated?")
    assert not fit("3 March 2025", "", record="2021")


@pytest.mark.parametrize("seed", range(1, 6))
def test_the_shipped_bank_breaks_no_rule(seed: int) -> None:
    base = factfile.load(SHIPPED)
    checker = FlawFinder(base)
    flaws = [f for q in generate(base, seed=seed) for f in checker.flaws(q)]
    assert flaws == []


def test_made_dates_are_exactly_the_dates_that_fit() -> None:
    """The unit range near() draws from is what fits() allows, at every precision."""
    from random import Random

    from quizgen.language.datespan import near, unit

    record = (interval(dates_in("1 March 2015")[0])[0], interval(dates_in("2024")[0])[1])
    for key_text, context in [
        ("15 June 2019", "after the strike of 3 March 2019"),
        ("June 2019", "before 20 July 2019"),
        ("2019", "in the years after 2016"),
        ("15 June 2019", "in 2019"),
        ("March 2015", ""),
    ]:
        key = dates_in(key_text)[0]
        refs = references(key, context)
        made = near(key, 3, Random(1), taken={unit(key)}, known=set(), refs=refs, record=record)
        assert len(made) == 3, key_text
        for date in made:
            assert fits(interval(date), interval(key), refs, record), (key_text, str(date))


def test_matching_statements_that_open_alike_are_a_flaw(small: FactBase) -> None:
    """A teacher's review found 'Syrian Desert' and 'Rif Dimashq Governorate' able to swap."""
    from quizgen.items.cues import open_alike

    desert, province = "Al-Tanf is in the _____.", "Al-Tanf is in a part of the _____, Syria."
    assert open_alike(desert, province)
    assert not open_alike(desert, "The base was near the _____.")
    assert not open_alike("_____ is the capital.", "_____ is the capital.")  # nothing before
    pairs = (
        ("Syrian Desert", desert),
        ("Rif Dimashq Governorate", province),
        ("Euphrates", "The base was near the _____."),
        ("Hama", "Israel struck the _____."),
    )
    item = Match(
        **common("capital", "match") | {"fact_ids": ("x1", "x2", "x3", "x4")},
        question="Match each name.",
        names=tuple(n for n, _ in pairs),
        statements=tuple(s for _, s in pairs),
        answer=pairs,
    )
    assert [f.detail for f in FlawFinder(small).flaws(item)] == [
        "the statements for 'Syrian Desert' and 'Rif Dimashq Governorate' open alike: "
        "the names may swap"
    ]


def test_a_bound_offered_as_numbers_is_a_flaw(small: FactBase) -> None:
    """'More than 170' among bare numbers: every smaller figure is true too, so the key is
    always the smallest. Offered at all, it is a flaw; no figure alone makes it false."""
    import dataclasses

    from quizgen.facts import Fact
    from quizgen.items.cues import truth_swap_flaw

    fact = Fact(
        id="attacks",
        topic="base",
        statement="Militias made more than 170 attacks.",
        question="More than how many attacks did militias make?",
        answer="170",
        answer_kind=AnswerKind.NUMBER,
        source=(1,),
        tags=("t",),
    )
    checker = FlawFinder(dataclasses.replace(small, facts=(*small.facts, fact)))
    item = MultipleChoice(
        **common("attacks", "mc"),
        question=fact.question,
        answer="170",
        answer_kind=AnswerKind.NUMBER,
        options=("170", "200", "290", "350"),
    )
    assert [f.rule for f in checker.flaws(item)] == ["a bound is not offered as bare numbers"]
    rest = "Militias made  attacks."
    # 'more than 140' is true as well, and 'more than 200' is not false by the text:
    # only the bound turned round, at or below it, is false
    assert truth_swap_flaw(fact, "more than 170", "more than 140", rest, checker.record)
    assert truth_swap_flaw(fact, "more than 170", "more than 200", rest, checker.record)
    assert truth_swap_flaw(fact, "more than 170", "fewer than 200", rest, checker.record)
    assert truth_swap_flaw(fact, "more than 170", "fewer than 120", rest, checker.record) is None


def test_worded_answers_are_not_typed_or_blanked(small: FactBase) -> None:
    """A paraphrase of a phrase answer would be marked wrong: such facts are recognised."""
    from quizgen.facts import WORDED_KINDS

    worded = {f.id for f in small.facts if f.answer_kind in WORDED_KINDS}
    assert worded
    bank = generate(small, seed=1)
    assert not [q.id for q in bank if q.kind in ("typed", "cloze") and q.fact_ids[0] in worded]
    assert {q.fact_ids[0] for q in bank if q.kind == "mc"} & worded


def test_a_fact_marked_worded_is_recognised_never_typed(small: FactBase) -> None:
    """`worded: true` on a name answer: multiple choice still, no typed item, no blank; and
    the audit names a phrase answer left unmarked."""
    from dataclasses import replace

    from quizgen.generation.rules import phrase

    text = (
        (SMALL_PATH)
        .read_text("utf-8")
        .replace("    answer_class: force\n", "    answer_class: force\n    worded: true\n", 1)
    )
    base = factfile.loads(text, "small.yaml")
    assert base.fact("builder").worded and base.fact("builder").to_dict()["worded"] is True
    bank = generate(base, seed=1, facts=[base.fact("builder")])
    assert {q.kind for q in bank} & {"mc", "tf"}
    assert not {q.kind for q in bank} & {"typed", "cloze"}
    assert phrase("rocket attacks against U.S. forces in Iraq")
    assert phrase("in a US drone attack") and phrase("the fall of the Assad regime")
    assert not phrase("Rukban refugee camp") and not phrase("Deir ez-Zor Governorate")
    assert not phrase("Islamic Republic of Iran Armed Forces")
    unmarked = replace(small.fact("builder"), answer="the fall of the Assad regime")
    finder = FlawFinder(replace(small, facts=(unmarked,)))
    typed = Typed(
        **common("builder", "typed"),
        question="Amid which event?",
        answer="the fall of the Assad regime",
        answer_kind=AnswerKind.EVENT,
    )
    assert [f.rule for f in finder.flaws(typed)] == ["typed only where recall has one answer"]


def test_worded_must_be_true_or_false() -> None:
    text = SMALL_PATH.read_text("utf-8").replace(
        "    answer_class: force\n", "    answer_class: force\n    worded: maybe\n", 1
    )
    line = text.splitlines().index("    worded: maybe") + 1
    assert problems(text) == [f"tiny.yaml:{line}:13: worded: expected true or false, got a string"]


def test_a_false_figure_keeps_its_noun_s_agreement(shipped: FactBase) -> None:
    """'one operational and weapons storage facilities were targeted' is false by its
    grammar (review 13579, item 38): a false figure that turns its noun from many to one
    (or one to many) is a flaw, and the generator never writes one."""
    from random import Random

    from quizgen.items.context import Context

    fact = shipped.by_id["june-2021-facilities-targeted"]
    checker = FlawFinder(shipped)

    def false(figure: str) -> TrueFalse:
        return TrueFalse(
            **common(fact.id, "tf") | {"source": fact.source},
            truth=False,
            statement=fact.statement.replace("two", figure),
            answer_kind=AnswerKind.NUMBER,
        )

    assert [f.rule for f in checker.flaws(false("one"))] == ["false statements give nothing away"]
    assert checker.flaws(false("three")) == []
    ctx = Context(shipped)
    written = set()
    for seed in range(60):
        item = TrueFalse.make(ctx, fact, Random(seed), ())
        if item is not None and not item.truth:
            written.add(item.statement.split(" facilities")[0].rsplit(" ", 3)[-3])
    assert written and "one" not in written, written


def test_the_key_the_others_converge_on_is_a_flaw_and_never_made(shipped: FactBase) -> None:
    """'an American civilian contractor' among 'a U.S. service member', 'an Iraqi soldier'
    and 'a British contractor' (review 13579, item 36): the key alone combines the
    nationality one option repeats ('U.S.' and 'American' name one country) and the role
    another does. No multiple-choice item of the bank is such."""
    from quizgen.items.cues import converges
    from quizgen.items.distractors import DistractorIndex

    kin = DistractorIndex(shipped.facts, shipped.entities, shipped.by_id).kin
    options = [
        "a U.S. service member",
        "an Iraqi soldier",
        "an American civilian contractor",
        "a British contractor",
    ]
    assert converges(options[2], options, kin) is not None
    assert converges(options[2], options) is None  # 'U.S.' and 'American' unknown as one
    assert converges("Quds Force", ["Basij", "Quds Force", "Syrian Army", "IRGC"], kin) is None
    finder = FlawFinder(shipped)
    rule = "the key is not the option the others converge on"
    for seed in range(3):
        for q in generate(shipped, ["mc"], seed=seed):
            assert rule not in [f.rule for f in finder.flaws(q)], q
