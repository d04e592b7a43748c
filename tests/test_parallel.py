"""A bank made on several processes is the bank made in one, item for item and byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quizgen import cores, items
from quizgen.facts import FactBase
from quizgen.generation import parallel
from quizgen.generation.bank import Maker
from quizgen.generation.documents import document, dumps
from tests.support.cli import run_quizgen
from tests.support.data import ROOT, SHIPPED

needs_fork = pytest.mark.skipif(
    cores.workers(10**9, {"QUIZGEN_WORKERS": "2"}) != 2, reason="no fork here"
)


def squares(start: int, stop: int) -> list[int]:
    return [i * i for i in range(start, stop)]


@needs_fork
@pytest.mark.parametrize("count", [0, 1, 2, 7, 100])
@pytest.mark.parametrize("processes", [1, 2, 3])
@pytest.mark.parametrize("runs", [None, 1, 50])
def test_split_is_the_whole_in_order(count: int, processes: int, runs: int | None) -> None:
    assert cores.split(count, squares, processes, runs=runs) == squares(0, count)


def test_a_long_job_is_cut_into_more_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Finer runs for a large bank: each a couple of thousand facts, whatever the size."""
    seen: list[int | None] = []

    def split(count: int, make: object, processes: int, runs: int | None = None) -> list[int]:
        seen.append(runs)
        return []

    monkeypatch.setattr(cores, "split", split)
    parallel.made(list(range(100_000)), lambda f: [f], 6, processes=2)
    assert seen == [100_000 // parallel.FACTS_PER_RUN]


def pids(start: int, stop: int) -> list[int]:
    import os
    import time

    time.sleep(0.05)
    return [os.getpid()] * (stop - start)


@needs_fork
def test_the_calling_process_takes_runs_too() -> None:
    """It does not sit waiting: runs it makes are neither sent nor read back."""
    import os

    made = cores.split(20, pids, 2, runs=20)
    assert len(made) == 20 and os.getpid() in made


def fails(start: int, stop: int) -> list[int]:
    if start > 0:
        raise ValueError(f"run {start}-{stop} failed")
    return []


@needs_fork
def test_a_failing_worker_fails_the_call() -> None:
    with pytest.raises(ValueError, match="failed"):
        cores.split(10, fails, 2)


@needs_fork
def test_the_shipped_bank_on_two_processes_is_the_same_bytes(shipped: FactBase) -> None:
    kinds = items.names()
    single = Maker(shipped).generate(kinds, None, "3")
    maker = Maker(shipped)
    maker.ctx.select(None)

    def one(fact: object) -> list[object]:
        return [q for k in kinds if (q := maker.make(k, fact, "3")) is not None]  # type: ignore[arg-type]

    split = parallel.made(shipped.facts, one, len(kinds), processes=2)
    assert split == single
    assert dumps(document(shipped, items=split, seed="3")) == dumps(
        document(shipped, items=single, seed="3")
    )


def test_how_many_workers() -> None:
    many = 10**9
    assert cores.workers(10, {}) == 1  # too little work to share
    assert cores.workers(many, {"QUIZGEN_WORKERS": "1"}) == 1
    if cores.workers(many, {"QUIZGEN_WORKERS": "3"}) != 1:  # fork is available
        assert cores.workers(many, {"QUIZGEN_WORKERS": "3"}) == 3
        assert cores.workers(many, {"QUIZGEN_WORKERS": "zero"}) >= 1
        assert cores.workers(many, {"QUIZGEN_WORKERS": "0"}) >= 1


@needs_fork
def test_output_not_yet_written_is_written_once() -> None:
    script = (
        "import sys; from quizgen import cores\n"
        "sys.stdout.write('before ')\n"
        "print(sum(cores.split(50, lambda a, b: list(range(a, b)), 2)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout == "before 1225\n"


@needs_fork
@pytest.mark.slow
def test_commands_write_the_same_bytes_on_one_process_and_on_two(tmp_path: Path) -> None:
    """``questions --all``, an export of the whole bank and the audit, as a user runs them:
    the bank split over two processes (forced, the shipped file being small) writes what
    one process writes."""
    for name, command in {
        "questions": ("questions", "--all"),
        "export": ("export", "gift", "--all"),
        "audit": ("audit", "--quizzes", "20"),
    }.items():
        runs = []
        for workers in ("1", "2"):
            out = tmp_path / f"{name}-{workers}.gift"
            run = run_quizgen(
                *command,
                *("--seed", "5", "--facts", SHIPPED),
                *(("-o", out) if name == "export" else ()),
                env={"QUIZGEN_WORKERS": workers, "QUIZGEN_CACHE": "off"},
            )
            assert b"Traceback" not in run.stderr
            written = out.read_bytes() if name == "export" else b""
            shown = (run.stdout + b"|" + run.stderr).replace(bytes(out), b"OUT")
            runs.append((run.returncode, shown, written))
        assert runs[0][1], (name, runs[0][2])
        assert runs[1] == runs[0], name
