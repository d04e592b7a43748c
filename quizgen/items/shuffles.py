"""Seeded shuffles drawn only as far as they are used.

A whole shuffle of a large list costs a random draw per element; a set of ten
questions from 100,000 facts, or a matching item looking for three companions
among thousands of names, uses a few of them. :func:`drawn` gives the order
``rng.sample(things, len(things))`` gives, one element per draw as it is
taken; :func:`moved_past` moves a generator on as such a shuffle would, where
what comes after must not change.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from random import Random
from typing import TypeVar

T = TypeVar("T")


def drawn(rng: Random, things: Sequence[T]) -> Iterator[T]:
    """``things`` in the order ``rng.sample(things, len(things))`` gives them, each drawn
    only when the one before has been taken.

    The shuffle's moves are kept aside (``moved``: place -> what the shuffle put
    there) rather than made in a copy of ``things``, so drawing a few of 100,000
    costs a few steps, not a copy of them all.
    """
    moved: dict[int, T] = {}
    for left in range(len(things), 0, -1):
        at = rng.randrange(left)
        yield moved.pop(at, things[at]) if at == left - 1 else moved.get(at, things[at])
        if at != left - 1:
            moved[at] = moved.pop(left - 1, things[left - 1])


def moved_past(rng: Random, count: int) -> None:
    """``rng`` moved on as ``rng.sample(population, count)`` of ``count`` things moves it
    (one draw below count, count - 1, ..., 1), without placing anything: a few hundredths
    of a second for 100,000 things, where the whole shuffle costs several times that."""
    if type(rng) is not Random:  # a generator of its own: its own way of drawing
        for left in range(count, 0, -1):
            rng.randrange(left)
        return
    # randrange(n) of a plain Random is getrandbits(n.bit_length()) until below n: done
    # here without its two calls around each draw, a run of places of one bit length at
    # a time (100,000 places in an eighth of the time)
    bits = rng.getrandbits
    left = count
    while left > 0:
        k = left.bit_length()
        lowest = 1 << (k - 1)
        for n in range(left, lowest - 1, -1):
            while bits(k) >= n:
                pass
        left = lowest - 1


def shuffle(rng: Random, things: list[T]) -> None:
    """``rng.shuffle(things)``, the same order and the same draws, without its two calls
    around each draw (a plain Random's draw below n is getrandbits(n.bit_length()) until
    below n): a pool of a few hundred numbers, shuffled for every number item, in a
    third of the time."""
    if type(rng) is not Random:  # a generator of its own: its own way of drawing
        rng.shuffle(things)
        return
    bits = rng.getrandbits
    for i in range(len(things) - 1, 0, -1):
        n = i + 1
        k = n.bit_length()
        j = bits(k)
        while j >= n:
            j = bits(k)
        things[i], things[j] = things[j], things[i]


def sampled(rng: Random, things: Sequence[T]) -> list[T]:
    """``rng.sample(things, len(things))``, the same order and the same draws, without its
    two calls around each draw (a whole sample is the pool method: each place drawn below
    the count left, the last left moved into it): a matching item orders the names of its
    sort this way for every fact."""
    if type(rng) is not Random:  # a generator of its own: its own way of drawing
        return rng.sample(things, len(things))
    pool = list(things)
    out: list[T] = []
    bits = rng.getrandbits
    for left in range(len(pool), 0, -1):
        k = left.bit_length()
        j = bits(k)
        while j >= left:
            j = bits(k)
        out.append(pool[j])
        pool[j] = pool[left - 1]
    return out


def copied(rng: Random) -> Random:
    """A generator in ``rng``'s state, to draw from without moving ``rng``."""
    twin = Random()
    twin.setstate(rng.getstate())
    return twin
