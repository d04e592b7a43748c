"""Question generation at scale: one item of each kind per fact, 10k against 100k facts.

Run: python bench/generate.py [--runs 3] [--sizes 10000,100000] [--check]
     python bench/generate.py --against main [--runs 5] [--sizes 10000] [--check]

Fact bases come from bench/synth.py (built in memory; loading YAML is timed
separately, once, because the issue is about generating). Runs are interleaved
(small, large, small, large, ...) so machine noise falls on both alike, and
the script prints the median of each size and the ratio of the largest to the
smallest. Beside each, in the same run, a baseline: what seeding one Random
and building one item object per (fact, kind) costs, before any option is
chosen or rule checked. Targets: ratio at most 10.5 (close to linear) and 100k
facts in under 10 s. ``--check`` exits 1 when a target is missed.

``--against REV`` (a git revision, say ``main``, or another checkout's folder) compares
per item instead, side by side in the same run: a revision's ``quizgen`` package and
``facts.yaml`` are taken out of git into a temporary folder; each side generates the
whole bank of its own shipped fact file, and of the same synthetic file, in fresh
processes of their own, interleaved; medians per item and their ratio are printed
(the target: this tree no slower per item, a ratio of at most 1.1 allowing for noise).
"""

from __future__ import annotations

import argparse
import gc
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


_TIMED = """
import gc, json, sys, time
sys.path.insert(0, sys.argv[1])
from quizgen import factfile
from quizgen.generation.bank import Maker
base = factfile.load(sys.argv[2])
gc.collect()
start = time.perf_counter()
made = Maker(base).generate()
print(json.dumps([time.perf_counter() - start, len(made)]))
"""
AGAINST_TARGET = 1.1


def per_item(checkout: Path, facts: Path) -> float:
    """Seconds per item to generate the whole bank of ``facts`` with ``checkout``'s quizgen,
    in a fresh process (so neither checkout's code or caches help the other)."""
    import json
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", _TIMED, str(checkout), str(facts)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, count = json.loads(done.stdout)
    return float(seconds) / int(count)


def against(other: str, runs: int, size: int) -> int:
    """This tree beside ``other`` (a folder, else a git revision), per item, on each one's
    shipped file and one synthetic file, interleaved."""
    with tempfile.TemporaryDirectory() as tmp:
        checkout = Path(other)
        if not checkout.is_dir():
            checkout = Path(tmp) / "revision"
            checkout.mkdir()
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", other, "quizgen", "facts.yaml"],
                capture_output=True,
                check=True,
            )
            subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive.stdout, check=True)
        here, other_tree = ROOT, checkout.resolve()
        synthetic = Path(tmp) / "synthetic.yaml"
        synthetic.write_text(to_yaml(synthetic_base(size)), encoding="utf-8")
        pairs = {
            "shipped facts.yaml": (here / "facts.yaml", other_tree / "facts.yaml"),
            f"{size:,} synthetic facts": (synthetic, synthetic),
        }
        times: dict[str, tuple[list[float], list[float]]] = {k: ([], []) for k in pairs}
        for _ in range(runs):
            for name, (ours, theirs) in pairs.items():
                times[name][0].append(per_item(here, ours))
                times[name][1].append(per_item(other_tree, theirs))
    print(f"generation per item, this tree beside {other}, median of {runs} runs")
    worst = 0.0
    for name, (ours_t, theirs_t) in times.items():
        a, b = statistics.median(ours_t) * 1e6, statistics.median(theirs_t) * 1e6
        worst = max(worst, a / b)
        print(f"  {name:<24} this {a:7.1f} µs · other {b:7.1f} µs · ratio {a / b:.2f}")
    ok = worst <= AGAINST_TARGET
    print(
        f"  target: ratio at most {AGAINST_TARGET} (no slower per item): {'ok' if ok else 'OVER'}"
    )
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--check", action="store_true")
    parser.add_argument(
        "--against", metavar="REV", help="compare with a git revision or another checkout"
    )
    args = parser.parse_args()
    if args.against is not None:
        status = against(args.against, args.runs, int(args.sizes.split(",")[0]))
        return status if args.check else 0
    sizes = [int(s) for s in args.sizes.split(",")]
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
