"""A large bank made on every core: the facts split into runs, each made in a process.

Every item is seeded by (seed, kind, fact id) alone (:mod:`.bank`), so the
items of one fact do not depend on which process makes them, nor on what it
made before: the bank made in runs of consecutive facts and put back in fact
order is the bank made in one process, byte for byte (a test compares the
two). How many processes, and how: :mod:`quizgen.cores`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from quizgen import cores

T = TypeVar("T")

FACTS_PER_RUN = 2_000
"""Facts in a run of a large bank (about a second of one core's work): the runs are
handed out as processes finish them, and the process that finishes last keeps the others
idle for what is left of its run. With a handful of runs a process, as a small job has,
that was some seconds of one idle core at 100,000 facts."""


def made(
    facts: Sequence[T], make_one: Callable[[T], list[Any]], kinds: int, processes: int | None = None
) -> list[Any]:
    """Every item ``make_one`` makes for each of ``facts``, in fact order, on as many
    processes as :func:`quizgen.cores.workers` says the work is worth (or ``processes``)."""
    shared = cores.workers(len(facts) * max(kinds, 1)) if processes is None else processes
    if shared > 1 and len(facts) > 1:
        # What every item draws on (the indexes a maker builds the first time they are
        # needed) is built here, once, by making the first fact's items, and every
        # process inherits it, rather than each building it again.
        make_one(facts[0])

    def run(start: int, stop: int) -> list[Any]:
        return [item for fact in facts[start:stop] for item in make_one(fact)]

    return cores.split(len(facts), run, shared, runs=len(facts) // FACTS_PER_RUN)
