"""The question bank: items of any registered kind, made from facts, seeded and pure.

Generation never touches global random state or the clock: each item draws
from its own ``Random`` seeded by (seed, kind, fact id), so a fact's question
is the same whichever other facts are chosen with it, and the same seed gives
the same questions byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterator, Sequence
from random import Random

from quizgen import cores, items
from quizgen.facts import Fact, FactBase
from quizgen.generation import parallel
from quizgen.generation.leaks import (
    LEAN,
    Avoided,
    Blocking,
    Companions,
    Drawing,
    Secret,
    truth_lean,
)
from quizgen.items import Item
from quizgen.items.context import Context
from quizgen.items.shuffles import copied, drawn, moved_past


class Maker:
    """Makes items for one fact base; holds the indexes that make that fast."""

    def __init__(self, base: FactBase | Sequence[Fact]) -> None:
        self.ctx = Context(base)
        self.facts = self.ctx.facts
        self.label = base.source_label if isinstance(base, FactBase) else None
        self.entities = base.entities if isinstance(base, FactBase) else None
        """The registry: names it ties to a key give the key away too (a demonym...)."""
        """How a source is cited: source labels are shown too, and may give an answer away."""
        self._by_id = self.ctx.index.by_id
        self._secrets: dict[tuple[str, bool], list[Secret]] = {}
        self._companions: tuple[tuple[str, ...], Companions] | None = None
        self.refused: dict[str, int] = {}
        """How many items each rule refused in the last set drawn (:attr:`Drawing.refused`):
        why it is shorter than asked, if it is."""

    def make(
        self, kind: str, fact: Fact, seed: int | str, avoid: Container[str] = frozenset()
    ) -> Item | None:
        """One item of ``kind`` about ``fact``; None when the fact does not allow it.

        ``avoid`` names facts that an item drawing on several facts must not take
        in beside ``fact`` (those already asked in the same quiz).
        """
        return items.kind(kind).make(self.ctx, fact, _rng(kind, fact, seed), avoid)

    def generate(
        self,
        kinds: Sequence[str] = (),
        n: int | None = None,
        seed: int | str = 0,
        facts: Sequence[Fact] | None = None,
        accept: Callable[[Item], bool] | None = None,
    ) -> list[Item]:
        """See :func:`generate`. ``accept`` may refuse an item of a set as it is drawn
        (an export's limits): the set goes on as though it had never been made."""
        with cores.collector_paused():
            return self._generate(kinds, n, seed, facts, accept)

    def _generate(
        self,
        kinds: Sequence[str],
        n: int | None,
        seed: int | str,
        facts: Sequence[Fact] | None,
        accept: Callable[[Item], bool] | None,
    ) -> list[Item]:
        chosen = list(self.facts if facts is None else facts)
        self.ctx.select(None if facts is None else chosen)
        kinds = tuple(dict.fromkeys(kinds)) or items.names()
        if n is None:
            # Every item is seeded by its own (seed, kind, fact): the bank made in runs of
            # facts on every core is the bank made here, byte for byte.
            def made_for(fact: Fact) -> list[Item]:
                return [q for k in kinds if (q := self.make(k, fact, seed)) is not None]

            return parallel.made(chosen, made_for, len(kinds))
        rng = Random(f"{seed}:quiz")
        out: list[Item] = []
        companions = None
        if any(not items.kind(k).single_fact for k in kinds):
            key = tuple(f.id for f in chosen)
            if self._companions is None or self._companions[0] != key:
                self._companions = (key, Companions(chosen))
            companions = self._companions[1]
        leaks = Drawing(
            self._by_id,
            self.label,
            self._secrets,
            companions,
            entities=self.entities,
        )
        # Kinds take turns in shuffled blocks, each drawing facts from its own seeded
        # queue, so every kind gets its share while facts last. Every item keeps the
        # set's rule (quizgen.generation.leaks) to the last: no fact asked twice (facts
        # inside a timeline or matching item count as asked, and so do facts said in
        # the same sentence), no prompt showing any other item's answer (every set is
        # read as a worksheet is, all at once) and no feedback giving an answer away
        # before its item; the drawing then orders the set so that every feedback comes
        # after the items whose answers it shows. The rule only tightens as items are
        # added, so a fact refused once is never taken later: when the queues run dry
        # the set is done, shorter than n rather than broken. A scarce set (n from few
        # facts) weighs, for each turn, up to WINDOW items that may join and takes the
        # one that shuts fewest facts out, and its timelines and matching items leave
        # out companions that would shut others out (leaks.Blocking). Each kind's queue
        # is the shuffle rng.sample(chosen, len(chosen)) would make, drawn only as far
        # as the set needs (a quiz of ten from 100,000 facts places a few dozen, not
        # every fact for every kind) from a copy of rng; rng itself is moved on as that
        # shuffle moves it, so every set is the one a whole shuffle per kind makes.
        queues = {}
        for kind in kinds:
            queues[kind] = _Queue(drawn(copied(rng), chosen))
            moved_past(rng, len(chosen))
        blocking = Blocking(leaks, chosen) if len(chosen) <= SCARCE * n else None
        avoid: Container[str] = leaks.unfit  # asked as each companion is considered
        if blocking is not None:
            avoid = Avoided(leaks.unfit, blocking, SHUTS_OUT)
        live = list(kinds)
        short = {k for k in kinds if not items.kind(k).single_fact}
        """Kinds about several facts the set has no item of yet."""
        lean = 0  # false true/false items less true ones so far (leaks.LEAN)
        first = n >= len(kinds)  # every kind will have its turn in the first block
        while live and len(out) < n:
            turn = rng.sample(live, len(live))
            slots = {k: len(out) + i for i, k in enumerate(turn)}
            if first:  # those about several facts first, while most facts are free, and
                # of those the kinds few facts make first (Item.few_facts)
                turn.sort(key=lambda k: (items.kind(k).single_fact, not items.kind(k).few_facts))
                first = False
            for kind in turn:
                if len(out) == n:
                    break
                found: list[tuple[Fact, Item]] = []
                queue = queues[kind]
                # facts an item of a kind the set lacks could not be made of while
                # leaving out every companion that shuts a fact out: tried again below
                missed: list[Fact] | None = [] if kind in short else None
                for fact in queue:
                    if not leaks.open_to(fact):
                        continue  # asked, or its answer shown: no item about it may follow
                    question = self.make(kind, fact, seed, avoid)
                    if question is None and missed is not None:
                        missed.append(fact)
                    if question is not None and abs(lean + truth_lean((question,))) > LEAN:
                        # its other form keeps the set's true/false balance; none: the
                        # next fact's item is tried
                        question = items.kind(kind).other_form(
                            self.ctx, fact, _rng(kind, fact, seed), avoid, question
                        )
                    if (
                        question is not None
                        and not leaks.between(question)
                        and (accept is None or accept(question))
                    ):
                        found.append((fact, question))
                        if blocking is None or len(found) == WINDOW:
                            break
                if not found and missed and blocking is not None:
                    # an asked kind the set lacks (a timeline, whose every event's date
                    # some other fact names): its companions chosen under a looser limit,
                    # then under the set's rule alone, rather than no item of it at all
                    found = self._first_of(kind, missed, seed, leaks, blocking, accept)
                if not found:
                    live.remove(kind)  # no fact left that this kind can use
                    continue
                pick = 0
                if blocking is not None and len(found) > 1:
                    costs = [blocking.cost(q) for _, q in found]
                    pick = costs.index(min(costs))
                queue.put_back([f for i, (f, _) in enumerate(found) if i != pick])
                question = found[pick][1]
                lean += truth_lean((question,))
                leaks.add(question, slots[kind])
                if blocking is not None:
                    blocking.close(question)
                out.append(question)
                short.discard(kind)
        self.refused = leaks.refused
        return leaks.ordered()

    def _first_of(
        self,
        kind: str,
        facts: Sequence[Fact],
        seed: int | str,
        leaks: Drawing,
        blocking: Blocking,
        accept: Callable[[Item], bool] | None,
    ) -> list[tuple[Fact, Item]]:
        """Items of ``kind`` about ``facts`` that may join the set, their companions left
        out under the tightest limit of :data:`LOOSER` that lets one be made (None: the
        set's rule alone): of the first WINDOW found, the one taking fewest facts."""
        for limit in LOOSER:
            avoid: Container[str] = leaks.unfit
            if limit is not None:
                avoid = Avoided(leaks.unfit, blocking, limit)
            found: list[tuple[Fact, Item]] = []
            for fact in facts:
                question = self.make(kind, fact, seed, avoid)
                if (
                    question is not None
                    and not leaks.between(question)
                    and (accept is None or accept(question))
                ):
                    found.append((fact, question))
                    if len(found) == FIRST_WINDOW:
                        break
            if found:
                # the one that takes the fewest facts from the set: those it shuts out
                # and its own companions, each of which could have been an item
                costs = [blocking.cost(q) + len(q.fact_ids) for _, q in found]
                return [found[costs.index(min(costs))]]
        return []


WINDOW = 6
FIRST_WINDOW = 20
"""How many first items of a kind the set lacks are weighed against each other
(:meth:`Maker._first_of`)."""
LOOSER: tuple[int | None, ...] = (1, 2, 4, 8, None)
"""The limits tried in turn for the companions of the first item of a kind about several
facts (:meth:`Maker._first_of`) when none shutting out no fact would do."""
"""How many items that may join a scarce set are weighed against each other for a turn."""
SHUTS_OUT = 0
SCARCE = 4
"""A set of n from at most this many times n facts is drawn weighing what each item shuts
out (:class:`~quizgen.generation.leaks.Blocking`): it takes a large share of its facts,
and an item that shuts many out leaves it short."""


class _Queue:
    """A kind's facts in the order it tries them, with facts weighed but not taken put
    back in front, in their order."""

    def __init__(self, facts: Iterator[Fact]) -> None:
        self._facts = facts
        self._back: list[Fact] = []

    def __iter__(self) -> _Queue:
        return self

    def __next__(self) -> Fact:
        return self._back.pop() if self._back else next(self._facts)

    def put_back(self, facts: Sequence[Fact]) -> None:
        self._back.extend(reversed(facts))


def _rng(kind: str, fact: Fact, seed: int | str) -> Random:
    """An item's own draws: seeded by (seed, kind, fact), whatever else a set asks."""
    return Random(f"{seed}:{kind}:{fact.id}")


def generate(
    base: FactBase | Sequence[Fact],
    kinds: Sequence[str] = (),
    n: int | None = None,
    seed: int | str = 0,
    facts: Sequence[Fact] | None = None,
) -> list[Item]:
    """Questions about ``facts`` (default: all), wrong answers drawn from the whole base.

    With ``n`` None: the bank, one item of each kind per fact where the fact
    allows it, in file order. With ``n``: a set of up to ``n`` items of mixed
    kinds in a seeded order, no fact asked twice, no prompt showing any other item's
    answer (a set is read all at once, as a worksheet is) and no feedback giving an
    answer away before its item (:mod:`quizgen.generation.leaks`); fewer than ``n``
    when the facts allow no more. ``kinds`` empty means every registered kind.
    """
    return Maker(base).generate(kinds, n, seed, facts)
