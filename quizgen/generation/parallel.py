"""A large bank made on every core: the facts split into runs, each run made in a process.

Every item is seeded by (seed, kind, fact id) alone (:mod:`.bank`), so the items
of one fact do not depend on which process makes them, nor on what it made
before: the bank made in parts and put back in fact order is the bank made in
one process, byte for byte (a test compares the two). The parts are runs of
consecutive facts, several per process so that a slow run does not leave a
core idle, and the results come back in the order the runs were given.

Processes are forked, so each starts with the fact base and its indexes
already in memory (nothing is read again or sent over); where fork is not
available (Windows, and macOS, where it is unsafe), or the bank is small, or
there is one core, the bank is made in this process, as before. A worker that
fails makes the whole call fail with the worker's error, as one process would.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

WORKERS_ENV = "QUIZGEN_WORKERS"
MIN_PER_WORKER = 20_000
"""Items of work (facts times kinds) below which a process of its own does not pay: fork,
and sending the items back, cost as much as making a few thousand items."""
RUNS_PER_WORKER = 4

_job: Callable[[int, int], list[Any]] | None = None
"""The work of the current :func:`split` call, inherited by the forked workers."""


def workers(work: int, environ: Mapping[str, str] | None = None) -> int:
    """How many processes to make ``work`` items of work in: 1 unless fork is available,
    there is more than one core, and the work is large enough to share.

    ``$QUIZGEN_WORKERS`` sets the number of processes (1: never split), whatever the
    size of the work; a value that is not a whole number from 1 is ignored.
    """
    import multiprocessing
    import sys

    if "fork" not in multiprocessing.get_all_start_methods() or sys.platform == "darwin":
        return 1
    env = os.environ if environ is None else environ
    wanted = env.get(WORKERS_ENV, "").strip()
    if wanted.isdigit() and int(wanted) >= 1:
        return int(wanted)
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, work // MIN_PER_WORKER))


def split(count: int, make: Callable[[int, int], list[T]], processes: int) -> list[T]:
    """``make(0, count)`` as the concatenation of ``make(start, stop)`` over consecutive
    runs, computed in ``processes`` forked processes (in this one when it is 1)."""
    if processes <= 1 or count < 2:
        return make(0, count)
    import multiprocessing
    import sys

    global _job
    for stream in (sys.stdout, sys.stderr):  # else each worker would write it out again
        if stream is not None:
            stream.flush()
    runs = min(count, processes * RUNS_PER_WORKER)
    bounds = [(count * i // runs, count * (i + 1) // runs) for i in range(runs)]
    _job = make
    try:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            parts = pool.map(_run, bounds, chunksize=1)
    finally:
        _job = None
    return [item for part in parts for item in part]


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _job is not None  # set before the pool forked this process
    return _job(*bounds)


def made(
    facts: Sequence[T], make_one: Callable[[T], list[Any]], kinds: int, processes: int | None = None
) -> list[Any]:
    """Every item ``make_one`` makes for each of ``facts``, in fact order, on as many
    processes as :func:`workers` says the work is worth (or ``processes``)."""
    shared = workers(len(facts) * max(kinds, 1)) if processes is None else processes

    def run(start: int, stop: int) -> list[Any]:
        return [item for fact in facts[start:stop] for item in make_one(fact)]

    return split(len(facts), run, shared)
