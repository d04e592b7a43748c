"""How a set is drawn so that it can be full and still protected to its last item.

A feedback that shows another item's answer leaks nothing when it comes after that
item, so the drawing orders such pairs instead of refusing them; only a prompt that
shows an answer (read before anything is answered, all at once on a worksheet), two
feedbacks that show each other's answers, and two facts said in one sentence of the
source rule a pair out. Tiny fact files, so each case is one pair.
"""

from __future__ import annotations

from quizgen import factfile
from quizgen.facts import FactBase
from quizgen.generation.bank import Maker
from quizgen.generation.leaks import Drawing, Twins, set_flaws
from quizgen.items import Item

HEADER = """\
title: Tiny
version: 0.0.1
updated: 2026-01-02
license: CC BY-SA 4.0
attribution: Test data.
topics:
  - id: t
    name: Things
references:
  - id: 1
    title: One report
    publisher: A paper
    citation: A paper. 2020.
  - id: 2
    title: Another report
    publisher: A paper
    citation: A paper. 2021.
articles:
  - id: main
    title: Main article
facts:
"""


def fact(
    fid: str, statement: str, question: str, answer: str, *, source: str = "1", **more: str
) -> str:
    lines = [
        f"  - id: {fid}",
        "    topic: t",
        f"    statement: {statement}",
        f"    question: {question}",
        f'    answer: "{answer}"',
        f"    answer_kind: {more.pop('kind', 'place')}",
        f"    source: [{source}]",
        "    tags: [x]",
    ]
    lines += [f"    {k}: {v}" for k, v in more.items()]
    return "\n".join(lines) + "\n"


LEADER = fact(
    "leader",
    "The garrison of Tall Hamra was commanded by Jabal Nur.",
    "Who commanded the garrison of Tall Hamra?",
    "Jabal Nur",
    kind="person",
    source="2",
)
SUPPLY = fact(
    "supply",
    "The garrison's supplies came by way of the Qasr crossing.",
    "By way of which crossing did the garrison's supplies come?",
    "Qasr",
    explanation="The garrison, commanded by Jabal Nur, was supplied through Qasr.",
)
ASKS_LEADER = fact(
    "asks-leader",
    "Jabal Nur left the garrison in the spring for Wadi Sirr.",
    "Where did Jabal Nur go when he left the garrison in the spring?",
    "Wadi Sirr",
)


def base(*facts: str) -> FactBase:
    return factfile.loads(HEADER + "".join(facts))


def typed(maker: Maker, fid: str) -> Item:
    item = maker.make("typed", maker.ctx.facts[[f.id for f in maker.facts].index(fid)], 1)
    assert item is not None
    return item


def test_a_feedback_showing_an_answer_goes_after_the_item_asking_it() -> None:
    b = base(LEADER, SUPPLY)
    maker = Maker(b)
    shows, asks = typed(maker, "supply"), typed(maker, "leader")
    assert set_flaws([shows, asks], b.facts) != []  # in the drawn order it would leak
    drawing = Drawing({f.id: f for f in b.facts}, b.source_label)
    drawing.add(shows)
    assert drawing.why(asks) is None
    drawing.add(asks)
    assert [q.id for q in drawing.ordered()] == [asks.id, shows.id]
    assert set_flaws(drawing.ordered(), b.facts, b.source_label) == []


def test_a_prompt_may_show_an_earlier_answer_in_a_quiz_never_on_a_worksheet() -> None:
    b = base(LEADER, ASKS_LEADER)
    maker = Maker(b)
    prompt, asks = typed(maker, "asks-leader"), typed(maker, "leader")
    facts = {f.id: f for f in b.facts}
    in_order = Drawing(facts, b.source_label)
    in_order.add(prompt)
    assert in_order.why(asks) is None
    in_order.add(asks)
    assert [q.id for q in in_order.ordered()] == [asks.id, prompt.id]
    at_once = Drawing(facts, b.source_label, at_once=True)
    at_once.add(prompt)
    assert at_once.why(asks) is not None
    assert set_flaws([asks, prompt], b.facts, at_once=True) != []
    assert set_flaws([asks, prompt], b.facts) == []


def test_two_feedbacks_showing_each_other_s_answer_are_refused() -> None:
    both = fact(
        "leader",
        "The garrison of Tall Hamra was commanded by Jabal Nur.",
        "Who commanded the garrison of Tall Hamra?",
        "Jabal Nur",
        kind="person",
        source="2",
        explanation="Jabal Nur had the garrison's supplies brought through Qasr.",
    )
    b = base(both, SUPPLY)
    maker = Maker(b)
    drawing = Drawing({f.id: f for f in b.facts}, b.source_label)
    drawing.add(typed(maker, "supply"))
    assert "no order keeps both" in (drawing.why(typed(maker, "leader")) or "")


def test_two_facts_of_one_sentence_are_one_for_a_set() -> None:
    killed = fact(
        "killed",
        "The airstrikes of 3 May 2020 reportedly killed at least 12 militiamen"
        " and wounded 30 more.",
        "At least how many militiamen did the airstrikes of 3 May 2020 reportedly kill?",
        "12",
        kind="number",
    )
    wounded = fact(
        "wounded",
        "The airstrikes of 3 May 2020 reportedly wounded 30 militiamen.",
        "How many militiamen did the airstrikes of 3 May 2020 reportedly wound?",
        "30",
        kind="number",
    )
    elsewhere = fact(
        "elsewhere",
        "The airstrikes of 3 May 2020 reportedly wounded 30 militiamen.",
        "How many militiamen did the airstrikes of 3 May 2020 reportedly wound?",
        "30",
        kind="number",
        source="2",
    )
    b = base(killed, wounded, elsewhere)
    twins = Twins(b.facts)
    assert twins.of("killed") == {"wounded"}  # same report, one sentence
    assert "elsewhere" not in twins.of("wounded")  # another report says it again
    maker = Maker(b)
    first, second = typed(maker, "killed"), typed(maker, "wounded")
    drawing = Drawing({f.id: f for f in b.facts}, b.source_label)
    drawing.add(first)
    assert "same sentence" in (drawing.why(second) or "")
    assert set_flaws([first, second], b.facts) != []
