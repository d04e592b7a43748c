"""Timeline: 3 to 5 dated events, their dates hidden, to be put in order.

Events are chosen so that no two dates can overlap (a month and a day inside
it could be either way round), so the order is never in doubt; and only facts
whose statement, its date hidden, reads as an event that gives nothing of its
place away ("After the strikes ..., the site was struck again on …" does).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from random import Random
from typing import Self

from quizgen.facts import Fact, spans
from quizgen.items import register
from quizgen.items.context import Context, several
from quizgen.items.cues import timeline_flaw
from quizgen.items.shapes import OrderItem
from quizgen.language.dates import interval

PROMPT = "Put these events in chronological order, earliest first."
Event = tuple[tuple[int, int], str, Fact]
"""(first and last day the date covers, the statement with its date hidden, the fact)"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline(OrderItem, kind="timeline", label="Timeline", single_fact=False):
    """3 to 5 dated events, their dates hidden, to be put in order."""

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str]) -> Self | None:
        events, by_id = ctx.memo("timeline", lambda: _events(ctx))
        own = by_id.get(fact.id)
        if own is None or len(events) < 3:
            return None
        size = rng.choice((3, 4, 5))
        chosen = [own]
        for _ in range(60):
            if len(chosen) == size:
                break
            candidate = events[rng.randrange(len(events))]
            if candidate[2].id not in avoid and all(_disjoint(candidate[0], c[0]) for c in chosen):
                chosen.append(candidate)
        if len(chosen) < 3:
            return None
        ordered = sorted(chosen, key=lambda c: c[0])
        shown = list(ordered)
        while shown == ordered:
            rng.shuffle(shown)
        facts = [c[2] for c in ordered]
        explanation = " ".join(f"{f.date}: {f.statement}" for f in facts)
        return cls(
            **several(cls.kind, facts, explanation, fact.topic),
            question=PROMPT,
            options=tuple(c[1] for c in shown),
            answer=tuple(c[1] for c in ordered),
            dates=tuple(str(f.date) for f in facts),
        )


def _events(ctx: Context) -> tuple[list[Event], dict[str, Event]]:
    """The companions that make events: dated, their date hidden, and worded as something
    that happened, giving nothing of its place in the order (:func:`timeline_flaw`)."""
    entries: list[Event] = []
    for fact in ctx.companions:
        label = spans.without_date(fact)
        if fact.date is not None and label is not None and timeline_flaw(label) is None:
            entries.append((interval(fact.date), label, fact))
    entries.sort(key=lambda e: e[0])
    return entries, {e[2].id: e for e in entries}


def _disjoint(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[1] < b[0] or b[1] < a[0]


register(Timeline)
