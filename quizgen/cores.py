"""Work split over every core: a list made in runs, each run in a process, put back in order.

Used where the parts of a job do not depend on each other: the items of a
large bank (each seeded by its own fact, see :mod:`quizgen.generation.bank`)
and the parts of a large fact file being read for the first time
(:mod:`quizgen.factfile.split`). The runs are consecutive, several per
process so that a slow one does not leave a core idle, each taken by whichever
process is free (the caller's own among them), and the results are put back in
the order the runs were given: the same list one process makes.

Processes are forked, so each starts with everything the caller has in memory
(nothing is read again or sent over but the results of the runs the forked
ones make); where fork is not
available (Windows, and macOS, where it is unsafe), or the work is small, or
there is one core, it is done in this process. A worker that fails makes the
whole call fail with the worker's error, as one process would.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")

WORKERS_ENV = "QUIZGEN_WORKERS"
MIN_PER_WORKER = 20_000
"""Units of work below which a process of its own does not pay (fork, and sending the
results back, cost as much as making a few thousand items): see :func:`workers`."""
RUNS_PER_WORKER = 4

_job: tuple[Callable[[int, int], list[Any]], list[tuple[int, int]]] | None = None
"""The work of the current :func:`split` call and its runs, inherited by the forked workers."""


def workers(work: int, environ: Mapping[str, str] | None = None) -> int:
    """How many processes to do ``work`` units in (an item of a bank, a fact of a file):
    1 unless fork is available, there is more than one core, and the work is large
    enough to share.

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


def split(
    count: int, make: Callable[[int, int], list[T]], processes: int, runs: int | None = None
) -> list[T]:
    """``make(0, count)`` as the concatenation of ``make(start, stop)`` over consecutive
    runs, computed in ``processes`` processes: this one and ``processes - 1`` forked
    (this one alone when it is 1).

    ``runs``: how many runs (default :data:`RUNS_PER_WORKER` a process; never more than
    ``count``). Each process takes the next run as it finishes one, so the last to
    finish keeps the others waiting for at most about one run: work that is long in
    all is worth cutting finer. This process takes runs too rather than wait: its
    share is neither sent over a pipe nor read back (for a bank of 100,000 facts,
    sending and reading the items cost some seconds of CPU), and it has a core of its
    own to do it on, where it would otherwise sit reading the others' results while
    they need both cores."""
    if processes <= 1 or count < 2:
        return make(0, count)
    import multiprocessing
    import sys

    global _job, _next
    for stream in (sys.stdout, sys.stderr):  # else each worker would write it out again
        if stream is not None:
            stream.flush()
    cuts = min(count, max(processes * RUNS_PER_WORKER, runs or 0))
    bounds = [(count * i // cuts, count * (i + 1) // cuts) for i in range(cuts)]
    context = multiprocessing.get_context("fork")
    _job, _next = (make, bounds), context.Value("l", 0)
    done: dict[int, list[Any]] = {}
    try:
        with context.Pool(processes - 1) as pool:
            theirs = pool.map_async(_take, range(processes - 1), chunksize=1)
            done.update(_take(-1))
            for part in theirs.get():
                done.update(part)
    finally:
        _job = _next = None
    return [item for i in range(cuts) for item in done[i]]


_next: Any = None
"""The index of the next run to be taken, in memory shared by the processes of a :func:`split`."""


def _take(_: int) -> dict[int, list[Any]]:
    """Runs of the current :func:`split`, taken one after another until none is left (by
    this process or another): each one's index and what it made."""
    assert _job is not None and _next is not None  # set before the pool forked this process
    make, bounds = _job
    out: dict[int, list[Any]] = {}
    while True:
        with _next.get_lock():
            i = _next.value
            _next.value = i + 1
        if i >= len(bounds):
            return out
        out[i] = make(*bounds[i])


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector held off while a large job piles up objects, then
    restored as it was.

    Facts read from a file or a cache entry, and the items made of them, are frozen
    dataclasses, strings and tuples: they make no reference cycles for the collector to
    find, yet it walks every live object again and again as hundreds of thousands pile
    up (a quarter of generation's time at 100,000 facts; 0.35 s of CPU in each half of a
    100,000-fact file read in parts, whose forked workers inherit the pause). Reference
    counting frees everything as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
