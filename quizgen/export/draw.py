"""Drawing a format's items: ``n`` it can take, the others listed, never fewer by accident.

A format declares what it can hold (a ``why_not(item)`` that gives the reason
an item does not fit: a kind it has no question for, a text over its length
limit). Asking the bank for ``n`` items and then dropping those gave a
Kahoot quiz of 14 questions for ``-n 20``. Instead the set is drawn with the
format's limits in it: an item the format cannot take is passed over as it is
drawn (and listed), and the set goes on as though it had never been made, so
it neither takes the place of an item nor counts against the set's rule (no
fact twice, no answer given away). As reproducible as the quiz itself, and pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from quizgen.facts import Fact, FactBase
from quizgen.generation.bank import Maker
from quizgen.items import Item

WhyNot = Callable[[Item], "str | None"]


class Drawn(NamedTuple):
    items: list[Item]
    """Up to ``n`` items the format takes, in the seed's order."""
    left_out: list[tuple[str, str]]
    """(item id, reason) for each item passed over on the way, in order."""
    passed: list[Item]
    """The items passed over themselves (to say why, when none fits)."""
    refused: dict[str, int]
    """How many items each rule of the set refused (:attr:`Maker.refused`)."""


def draw(
    base: FactBase,
    kinds: Sequence[str],
    n: int | None,
    seed: int | str,
    why_not: WhyNot,
    facts: Sequence[Fact] | None = None,
) -> Drawn:
    """The first ``n`` items of the seeded quiz sequence that ``why_not`` lets through.

    ``n`` None: the whole bank (every kind for every fact), split the same way.
    """
    maker = Maker(base)
    if n is None:
        bank = maker.generate(kinds, None, seed, facts)
        reasons = [(q, why_not(q)) for q in bank]
        return Drawn(
            [q for q, why in reasons if why is None],
            [(q.id, why) for q, why in reasons if why is not None],
            [q for q, why in reasons if why is not None],
            {},
        )
    left: list[tuple[str, str]] = []
    passed: list[Item] = []

    def take(q: Item) -> bool:
        reason = why_not(q)
        if reason is not None:
            left.append((q.id, reason))
            passed.append(q)
        return reason is None

    made = maker.generate(kinds, n, seed, facts, accept=take)
    return Drawn(made, left, passed, maker.refused)
