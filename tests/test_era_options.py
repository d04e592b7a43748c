"""Date options in the era of what the stem names (review 13579, item 3: 2014 offered for
satellite imagery of a base built from 2018; review items of the Gaza war's months).

Where the registry gives a thing's years, a wrong date outside them is ruled out by a
learner who knows only when the thing existed: wrong dates, drawn or curated, keep to the
years of the things a fact names that hold its date; the audit reports one that does not.
"""

from __future__ import annotations

from random import Random

from quizgen import factfile
from quizgen.facts import AnswerKind, FactBase
from quizgen.generation.rules import FlawFinder
from quizgen.items.context import Context
from quizgen.items.mc import MultipleChoice
from quizgen.items.tf import TrueFalse
from tests.support.data import TINY_HEADER

HEADER = TINY_HEADER.replace(
    "facts:\n",
    """answer_classes:
  - id: base
    name: Military base
entities:
  - id: outpost
    class: base
    name: Northern Outpost
    period: 2016–2024
facts:
""",
)

FACTS = """\
  - id: imagery-year
    topic: base
    statement: Satellite imagery of tunnels at the Northern Outpost was taken in 2020.
    question: In which year was satellite imagery of tunnels at the Northern Outpost taken?
    answer: "2020"
    answer_kind: year
    date: 2020
    date_precision: year
    tags: [x]
    source: [1]
    wrong_answers: ["2014", "2018", "2022"]
  - id: old-treaty
    topic: base
    statement: A border treaty was signed in 2001.
    question: In which year was the border treaty signed?
    answer: "2001"
    answer_kind: year
    date: 2001
    date_precision: year
    tags: [x]
    source: [1]
  - id: old-road
    topic: base
    statement: A desert road was paved in 2008.
    question: In which year was the desert road paved?
    answer: "2008"
    answer_kind: year
    date: 2008
    date_precision: year
    tags: [x]
    source: [1]
  - id: new-fence
    topic: base
    statement: A border fence was finished in 2027.
    question: In which year was the border fence finished?
    answer: "2027"
    answer_kind: year
    date: 2027
    date_precision: year
    tags: [x]
    source: [1]
"""


def base() -> FactBase:
    return factfile.loads(HEADER + FACTS)


def test_wrong_years_keep_to_the_years_of_what_the_stem_names() -> None:
    b = base()
    ctx = Context(b)
    fact = b.by_id["imagery-year"]
    offered: set[str] = set()
    for seed in range(40):
        q = MultipleChoice.make(ctx, fact, Random(seed), ())
        assert q is not None
        offered.update(q.options)
        t = TrueFalse.make(ctx, fact, Random(seed), ())
        if t is not None and not t.truth:
            year = int(t.statement.rstrip(".").rsplit(" ", 1)[-1])
            assert 2016 <= year <= 2024, t.statement
    years = {int(o) for o in offered}
    assert years and min(years) >= 2016 and max(years) <= 2024, years
    assert "2014" not in offered  # curated, yet before the outpost existed


def test_the_audit_reports_a_year_before_the_thing_existed() -> None:
    b = base()
    q = MultipleChoice(
        id="mc-imagery-year",
        topic="base",
        fact_ids=("imagery-year",),
        source=(1,),
        explanation="",
        question=b.by_id["imagery-year"].question,
        answer="2020",
        answer_kind=AnswerKind.YEAR,
        options=("2014", "2018", "2020", "2022"),
    )
    rules = [f.rule for f in FlawFinder(b).flaws(q)]
    assert "date options keep to the stem and the record" in rules, rules
