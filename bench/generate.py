"""Question generation at scale: one item of each kind per fact, 10k against 100k facts.

Run: python bench/generate.py [--runs 3] [--sizes 10000,100000] [--check]
     python bench/generate.py --against main [--runs 5] [--sizes 10000]

Fact bases come from bench/synth.py (built in memory; loading YAML is timed
separately, once, because the issue is about generating). Runs are interleaved
(small, large, small, large, ...) so machine noise falls on both alike, and
the script prints the median of each size and the ratio of the largest to the
smallest. Beside each, in the same run, a baseline: what seeding one Random
and building one item object per (fact, kind) costs, before any option is
chosen or rule checked. Targets: ratio at most 10.5 (close to linear) and 100k
facts in under 10 s. ``--check`` exits 1 when a target is missed.

``--against REV`` compares this tree with another revision (say ``main``) side by
side in the same run: the revision's ``quizgen`` package is taken out of git into
a temporary folder, and runs of the two alternate, each in a fresh process that
loads the same synthetic file with its own loader and times generating the bank.
It prints each side's median time per item and their ratio (this tree over the
revision): a change to the items must not make generation per item slower.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synth import synthetic_base, to_yaml

from quizgen import factfile, items
from quizgen.generation.bank import Maker

RATIO_TARGET = 10.5
SECONDS_TARGET = 10.0
ROOT = Path(__file__).resolve().parent.parent
WORKER = """
import gc, sys, time
from quizgen import factfile
from quizgen.generation.bank import Maker
base = factfile.load(sys.argv[1])
maker = Maker(base)
gc.collect()
start = time.perf_counter()
made = maker.generate()
print(time.perf_counter() - start, len(made))
"""
"""One timing in a fresh process: the bank of the file named, by whichever quizgen the
process imports (this tree's, or the revision's taken out of git)."""


def timed(source: Path, facts: Path) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(
        [sys.executable, "-c", WORKER, str(facts)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=source,
    )
    seconds, count = done.stdout.split()
    return float(seconds), int(count)


def against(rev: str, sizes: list[int], runs: int) -> int:
    """This tree and ``rev`` side by side: median time per item of each, and the ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "rev"
        other.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "quizgen"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(other)], input=archive.stdout, check=True)
        files = {}
        for n in sizes:
            files[n] = Path(tmp) / f"synth-{n}.yaml"
            files[n].write_text(to_yaml(synthetic_base(n)), encoding="utf-8")
        per_item: dict[tuple[str, int], list[float]] = {}
        counts: dict[tuple[str, int], int] = {}
        for _ in range(runs):
            for n in sizes:
                for side, source in (("this tree", ROOT), (rev, other)):
                    seconds, counts[side, n] = timed(source, files[n])
                    per_item.setdefault((side, n), []).append(seconds / counts[side, n] * 1e6)
    print(f"bank generation per item, this tree against {rev}, median of {runs} alternating runs")
    for n in sizes:
        mine = statistics.median(per_item["this tree", n])
        theirs = statistics.median(per_item[rev, n])
        print(
            f"  {n:>7,} facts  this tree {mine:6.1f} µs per item ({counts['this tree', n]:,} "
            f"items)  {rev} {theirs:6.1f} µs per item ({counts[rev, n]:,} items)  "
            f"ratio {mine / theirs:.2f}"
        )
    return 0


def time_floor(base: object) -> float:
    """The baseline: per (fact, kind), the seeded Random and one item object, nothing else.

    What any generator that seeds each item on its own (so that a fact's
    question does not depend on which other facts are asked) pays before
    choosing a single option or checking a single rule.
    """
    from quizgen.items.context import single
    from quizgen.items.typed import Typed

    names = items.names()
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        made = []
        for f in base.facts:  # type: ignore[attr-defined]
            for k in names:
                Random(f"0:{k}:{f.id}")  # seeded, then dropped, as an item's own draws are
                made.append(
                    Typed(
                        **single(f, k),
                        question=f.question,
                        answer=f.answer,
                        accepted=f.aliases,
                        answer_kind=f.answer_kind,
                    )
                )
        seconds = time.perf_counter() - start
    finally:
        gc.enable()
    del made
    return seconds


def time_generation(base: object) -> tuple[float, int]:
    gc.collect()
    start = time.perf_counter()
    items = Maker(base).generate()  # type: ignore[arg-type]
    return time.perf_counter() - start, len(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--against", metavar="REV", help="compare with this git revision")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.against:
        return against(args.against, sizes, args.runs)
    bases = {n: synthetic_base(n) for n in sizes}

    largest = sizes[-1]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "facts.yaml"
        path.write_text(to_yaml(bases[largest]), encoding="utf-8")
        start = time.perf_counter()
        loaded = factfile.load(path)
        load_seconds = time.perf_counter() - start
    assert len(loaded.facts) == largest

    samples: dict[int, list[float]] = {n: [] for n in sizes}
    floors: dict[int, list[float]] = {n: [] for n in sizes}
    counts: dict[int, int] = {}
    for _ in range(args.runs):
        for n in sizes:
            seconds, counts[n] = time_generation(bases[n])
            samples[n].append(seconds)
            floors[n].append(time_floor(bases[n]))

    print(
        f"question generation, one item of each kind per fact, median of {args.runs} "
        "interleaved runs"
    )
    medians = {n: statistics.median(samples[n]) for n in sizes}
    for n in sizes:
        per_item = medians[n] / counts[n] * 1e6
        floor = statistics.median(floors[n])
        print(
            f"  {n:>7,} facts  {counts[n]:>7,} items  {medians[n]:7.2f} s "
            f"({per_item:.1f} µs per item); baseline {floor:.2f} s, "
            f"{medians[n] / floor:.1f}x it"
        )
    ratio = medians[largest] / medians[sizes[0]]
    ok_ratio = ratio <= RATIO_TARGET
    ok_time = medians[largest] < SECONDS_TARGET
    print(
        f"  ratio {largest:,}/{sizes[0]:,}: {ratio:.2f}  (target <= {RATIO_TARGET}: "
        f"{'ok' if ok_ratio else 'OVER'})"
    )
    print(
        f"  {largest:,} facts: {medians[largest]:.2f} s  (target < {SECONDS_TARGET} s: "
        f"{'ok' if ok_time else 'OVER'})"
    )
    print(f"  (loading the {largest:,}-fact YAML file, once: {load_seconds:.2f} s)")
    print(
        "  baseline: a seeded Random and one item object per (fact, kind), no option "
        "chosen and no rule checked"
    )
    return 1 if args.check and not (ok_ratio and ok_time) else 0


if __name__ == "__main__":
    sys.exit(main())
