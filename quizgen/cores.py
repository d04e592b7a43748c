"""Work split over every core: a list made in runs, each run in a process, put back in order.

Used where the parts of a job do not depend on each other: the items of a
large bank (each seeded by its own fact, see :mod:`quizgen.generation.bank`)
and the parts of a large fact file being read for the first time
(:mod:`quizgen.factfile.split`). The runs are consecutive, several per
process so that a slow one does not leave a core idle, and the results come
back in the order the runs were given: the same list one process makes.

Processes are forked, so each starts with everything the caller has in memory
(nothing is read again or sent over but the results); where fork is not
available (Windows, and macOS, where it is unsafe), or the work is small, or
there is one core, it is done in this process. A worker that fails makes the
whole call fail with the worker's error, as one process would.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")

WORKERS_ENV = "QUIZGEN_WORKERS"
MIN_PER_WORKER = 20_000
"""Units of work below which a process of its own does not pay (fork, and sending the
results back, cost as much as making a few thousand items): see :func:`workers`."""
RUNS_PER_WORKER = 4

_job: Callable[[int, int], list[Any]] | None = None
"""The work of the current :func:`split` call, inherited by the forked workers."""


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
    runs, computed in ``processes`` forked processes (in this one when it is 1).

    ``runs``: how many runs (default :data:`RUNS_PER_WORKER` a process; never more than
    ``count``). Each process takes the next run as it finishes one, so the last to
    finish keeps the others waiting for at most about one run: work that is long in
    all is worth cutting finer."""
    if processes <= 1 or count < 2:
        return make(0, count)
    import multiprocessing
    import sys

    global _job
    for stream in (sys.stdout, sys.stderr):  # else each worker would write it out again
        if stream is not None:
            stream.flush()
    cuts = min(count, max(processes * RUNS_PER_WORKER, runs or 0))
    bounds = [(count * i // cuts, count * (i + 1) // cuts) for i in range(cuts)]
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
