"""Timeline events are events: about the world, distinct in date, their order not in their words.

A teacher's review found "After the strikes by the Israeli Air Force, the site
... was struck again on …" (the order in the words, two rounds of strikes
confused) and "The infobox gives … as the year the base was built" (a sentence
about the article) among the events to order.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from quizgen.facts import FactBase
from quizgen.generation.bank import Maker
from quizgen.items.cues import timeline_flaw
from quizgen.items.shapes import OrderItem
from quizgen.language.dates import interval


@pytest.mark.parametrize(
    "label",
    [
        "After the strikes by the Israeli Air Force, the site was struck again on ….",
        "The site was struck again on ….",
        "On …, another airstrike targeted the base.",
        "A second round of strikes hit the site on ….",
        "The 2nd wave of attacks began on ….",
        "Israel declared its independence on …, shortly before its air force was formed.",
        "In …, following US airstrikes, the attacks were halted.",
        "The infobox gives … as the year the base was built.",
        "According to the article, the base was built in ….",
        "The base has reportedly been under construction since early ….",
        "As of …, the site would reportedly soon be operational.",
        "The conflict shifted into a direct confrontation by early ….",
        "Iranian involvement in Syria increased from … onwards.",
        "Satellite imagery taken in late … suggests a tunnel system is being built.",
    ],
)
def test_wordings_that_are_no_event_or_give_the_order_away(label: str) -> None:
    assert timeline_flaw(label) is not None


@pytest.mark.parametrize(
    "label",
    [
        "The United States struck the site on … in retaliation for rocket attacks.",
        "Israel fought a war with Hezbollah in ….",
        "The IRGC withdrew its fighters from Syria in …, amid the fall of the Assad regime.",
        "Fox News reported on … that an Iranian base was being constructed near Abu Kamal.",
    ],
)
def test_events_that_happened_are_kept(label: str) -> None:
    assert timeline_flaw(label) is None


def test_shipped_timelines_hold_only_events_apart_in_date(shipped: FactBase) -> None:
    maker = Maker(shipped)
    made = 0
    for seed in range(10):
        for fact in shipped.facts:
            q = maker.make("timeline", fact, seed)
            if q is None:
                continue
            assert isinstance(q, OrderItem)
            made += 1
            for event in q.options:
                assert timeline_flaw(event) is None, event
            dates = [shipped.fact(i).date for i in q.fact_ids]
            spans = sorted(interval(d) for d in dates if d is not None)
            assert len(spans) == len(dates), q.fact_ids
            assert all(a[1] < b[0] for a, b in pairwise(spans)), q.fact_ids
    assert made > 100
