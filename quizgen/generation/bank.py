"""The question bank: items of any registered kind, made from facts, seeded and pure.

Generation never touches global random state or the clock: each item draws
from its own ``Random`` seeded by (seed, kind, fact id), so a fact's question
is the same whichever other facts are chosen with it, and the same seed gives
the same questions byte for byte.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from random import Random

from quizgen import items
from quizgen.facts import Fact, FactBase
from quizgen.items import Item, Shape
from quizgen.items.context import Context
from quizgen.language.dates import date_forms
from quizgen.language.text import fold


class Maker:
    """Makes items for one fact base; holds the indexes that make that fast."""

    def __init__(self, base: FactBase | Sequence[Fact]) -> None:
        self.ctx = (
            Context(base.facts, base.entities) if isinstance(base, FactBase) else Context(base)
        )
        self.facts = self.ctx.facts

    def make(
        self, kind: str, fact: Fact, seed: int | str, avoid: frozenset[str] = frozenset()
    ) -> Item | None:
        """One item of ``kind`` about ``fact``; None when the fact does not allow it.

        ``avoid`` names facts that an item drawing on several facts must not take
        in beside ``fact`` (those already asked in the same quiz).
        """
        return items.kind(kind).make(self.ctx, fact, Random(f"{seed}:{kind}:{fact.id}"), avoid)

    def generate(
        self,
        kinds: Sequence[str] = (),
        n: int | None = None,
        seed: int | str = 0,
        facts: Sequence[Fact] | None = None,
    ) -> list[Item]:
        """See :func:`generate`."""
        with _collector_paused():
            return self._generate(kinds, n, seed, facts)

    def _generate(
        self, kinds: Sequence[str], n: int | None, seed: int | str, facts: Sequence[Fact] | None
    ) -> list[Item]:
        chosen = list(self.facts if facts is None else facts)
        self.ctx.select(None if facts is None else chosen)
        kinds = tuple(dict.fromkeys(kinds)) or items.names()
        if n is None:
            return [q for f in chosen for k in kinds if (q := self.make(k, f, seed)) is not None]
        rng = Random(f"{seed}:quiz")
        out: list[Item] = []
        seen: set[str] = set()
        asked: set[str] = set()
        leaks = Leaks(self.ctx)
        # Kinds take turns in shuffled blocks, each drawing facts from its own
        # seeded queue, so every kind gets its share while facts last. In the
        # first round a fact is asked once and facts inside a timeline or matching
        # item count as asked, and no item may show what another asks (one item
        # must not answer another); further rounds, only when more items are
        # wanted than that gives, allow a fact again.
        for round_no in range(max(len(kinds), 2)):  # a second round takes up what leaked
            queues = {k: iter(rng.sample(chosen, len(chosen))) for k in kinds}
            live = list(kinds)
            while live and len(out) < n:
                for kind in rng.sample(live, len(live)):
                    if len(out) == n:
                        break
                    avoid = frozenset(asked) if round_no == 0 else frozenset()
                    question = None
                    for fact in queues[kind]:
                        if round_no == 0 and fact.id in asked:
                            continue
                        question = self.make(kind, fact, seed, avoid)
                        if (
                            question is not None
                            and question.id not in seen
                            and (round_no > 0 or not leaks.between(question))
                        ):
                            break
                        question = None
                    if question is None:
                        live.remove(kind)  # no fact left that this kind can use
                        continue
                    out.append(question)
                    leaks.add(question)
                    seen.add(question.id)
                    asked.update(question.fact_ids)
            if len(out) == n:
                break
        return out


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Cyclic garbage collection held off while items are made, then restored.

    Items are frozen dataclasses of strings and tuples, so making them creates
    no reference cycles for the collector to find; yet it walks every live
    object again and again as hundreds of thousands of items pile up. At
    100,000 facts that was a quarter of the time, and what made generation grow
    faster than the base. Reference counting frees everything as before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Leaks:
    """What the items of one quiz show and what they ask, so no item answers another.

    An item's secrets are the answers (and other names) of its facts, and for
    a timeline the dates it hides; what it shows is its prompt and options as
    printed. A quiz where one item's options or statement name another item's
    answer is a worse test than a shorter one.
    """

    def __init__(self, ctx: Context) -> None:
        self.by_id = {f.id: f for f in ctx.facts}
        self.shown: list[str] = []
        self.secrets: list[str] = []

    def _secrets(self, item: Item) -> list[str]:
        out = []
        for fact in (self.by_id[i] for i in item.fact_ids if i in self.by_id):
            out += [fact.answer, *fact.aliases]
            if item.shape is Shape.ORDER and fact.date is not None:
                out += date_forms(fact.date)
        return [f" {s} " for s in dict.fromkeys(fold(t) for t in out) if len(s) > 1]

    def _shown(self, item: Item) -> str:
        """What the item prints; for a true/false item, its true statement.

        A false statement hides the answer a true one shows, and shows another
        name instead: judging both by the true statement keeps the check from
        preferring true or false statements, so the key stays a coin toss.
        """
        text = item.body()
        if item.shape is Shape.TRUTH:  # the true statement, whichever is shown
            text = [self.by_id[i].statement for i in item.fact_ids if i in self.by_id]
        return f" {fold(' | '.join(text))} "

    def between(self, item: Item) -> bool:
        """Whether ``item`` shows a secret of the quiz so far, or the quiz shows one of its own."""
        shown = self._shown(item)
        return any(s in shown for s in self.secrets) or any(
            s in other for s in self._secrets(item) for other in self.shown
        )

    def add(self, item: Item) -> None:
        self.shown.append(self._shown(item))
        self.secrets.extend(self._secrets(item))


def generate(
    base: FactBase | Sequence[Fact],
    kinds: Sequence[str] = (),
    n: int | None = None,
    seed: int | str = 0,
    facts: Sequence[Fact] | None = None,
) -> list[Item]:
    """Questions about ``facts`` (default: all), wrong answers drawn from the whole base.

    With ``n`` None: the bank, one item of each kind per fact where the fact
    allows it, in file order. With ``n``: a quiz of up to ``n`` items of mixed
    kinds, each about a different fact while facts last, in a seeded order.
    ``kinds`` empty means every registered kind.
    """
    return Maker(base).generate(kinds, n, seed, facts)
