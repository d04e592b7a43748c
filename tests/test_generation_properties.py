"""Hypothesis: for any small valid fact base, every generated item passes the checks."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.facts import AnswerKind, Article, Fact, FactBase, Reference, Topic
from quizgen.facts.spans import BLANK
from quizgen.generation.audit import audit
from quizgen.generation.bank import generate
from quizgen.items.distractors import DistractorIndex, correct_answers
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from quizgen.language.dates import FactDate
from quizgen.language.text import fold

SYLLABLES = ["ka", "bu", "mar", "sa", "din", "ha", "ra", "qa", "im", "zor", "tan", "nu"]
names = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map(
    lambda parts: "".join(parts).title()
)
suffixes = st.sampled_from(["", "", " Governorate", " District", " Forces", " Movement"])
NAMED = [AnswerKind.PLACE, AnswerKind.ORGANIZATION, AnswerKind.PERSON, AnswerKind.COUNTRY]


@st.composite
def fact_bases(draw: st.DrawFn) -> FactBase:
    facts: list[Fact] = []
    for i in range(draw(st.integers(min_value=1, max_value=14))):
        kind = draw(
            st.sampled_from(
                [
                    *NAMED,
                    AnswerKind.DATE,
                    AnswerKind.MONTH,
                    AnswerKind.YEAR,
                    AnswerKind.NUMBER,
                    AnswerKind.TEXT,
                ]
            )
        )
        date = None
        wrong: tuple[str, ...] = ()
        if kind in (AnswerKind.DATE, AnswerKind.MONTH, AnswerKind.YEAR):
            year = draw(st.integers(min_value=1948, max_value=2024))
            month = draw(st.integers(1, 12)) if kind is not AnswerKind.YEAR else None
            day = draw(st.integers(1, 28)) if kind is AnswerKind.DATE else None
            date = FactDate(year, month, day)
            answer = str(date)
        elif kind is AnswerKind.NUMBER:
            answer = str(draw(st.integers(min_value=1, max_value=200_000)))
        elif kind is AnswerKind.TEXT:
            answer = draw(names).lower() + " project"
            extra = draw(st.lists(names, max_size=3, unique_by=fold))
            wrong = tuple(w.lower() + " plan" for w in extra)
        else:
            answer = draw(names) + draw(suffixes)
            extra = draw(st.lists(names, max_size=2, unique_by=fold))
            wrong = tuple(w for w in extra if fold(w) != fold(answer))
        if date is None and draw(st.booleans()):
            date = FactDate(draw(st.integers(1990, 2024)), draw(st.integers(1, 12)))
        facts.append(
            Fact(
                id=f"f{i}",
                topic=draw(st.sampled_from(["a", "b"])),
                statement=f"Item {i} is linked to {answer}.",
                question=f"What is item {i} linked to?",
                answer=answer,
                answer_kind=kind,
                source=(1,),
                tags=("t",),
                date=date,
                wrong_answers=wrong,
            )
        )
    return FactBase(
        title="Prop",
        version="0",
        updated="2026-01-01",
        license="CC BY-SA 4.0",
        attribution="test",
        topics=(Topic("a", "A"), Topic("b", "B")),
        references=(Reference(1, "R", "P", "C"),),
        articles=(Article("main", "Main"),),
        facts=tuple(facts),
    )


PROPS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PER_ITEM = {
    "exactly one correct option",
    "options distinct",
    "options homogeneous in kind and precision",
    "no all/none of the above",
    "no negated stems (NOT, EXCEPT)",
    "traceable to facts and sources",
}


@PROPS
@given(base=fact_bases(), seed=st.integers(0, 10**6))
def test_every_item_passes_the_per_item_checks(base: FactBase, seed: int) -> None:
    bank = generate(base, seed=seed)
    quiz = generate(base, n=8, seed=seed)
    report = audit(base, bank, quiz)
    failing = [c for c in report.checks if c.name in PER_ITEM and not c.passed]
    assert failing == []


@PROPS
@given(base=fact_bases(), seed=st.integers(0, 10**6))
def test_items_are_consistent_with_their_facts(base: FactBase, seed: int) -> None:
    index = DistractorIndex(base.facts)
    statements = {f.statement for f in base.facts}
    for q in generate(base, seed=seed):
        fact = base.fact(q.fact_ids[0])
        if isinstance(q, ChoiceItem):
            wrong = [o for o in q.options if o != q.answer]
            assert all(fold(o) not in correct_answers(fact) for o in wrong)
            assert len(q.options) <= 4
        elif isinstance(q, TruthItem) and not q.truth:
            assert q.statement not in statements
        elif q.kind == "cloze" and isinstance(q, TextItem):
            # the statement, less the form its blank wants ("_____ (month and year)")
            prompt = re.sub(r" \((?:decade|month and year)\)", "", q.prompt, count=1)
            assert isinstance(q.answer, str) and prompt.replace(BLANK, q.answer) == fact.statement
        elif isinstance(q, OrderItem):
            assert 3 <= len(q.options) <= 5
        elif isinstance(q, PairsItem):
            assert 3 <= len(q.names) == len(q.statements) == len(q.answer) <= 4
        assert index.correct[fact.id]


@PROPS
@given(base=fact_bases(), seed=st.integers(0, 10**6), n=st.integers(1, 20))
def test_same_seed_same_items(base: FactBase, seed: int, n: int) -> None:
    assert generate(base, n=n, seed=seed) == generate(base, n=n, seed=seed)
    assert len(generate(base, n=n, seed=seed)) <= n
