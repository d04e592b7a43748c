"""Grading a typed reply: the median time per reply, beside a baseline, in one run.

Run: python bench/grading.py [--runs 5] [--check]

Every reply of the grading table (tests/data/grading/cases.yaml) is graded against
its item of the shipped fact file, as a session grades: the item's spec is worked
out the first time it is graded ("first") and kept ("again"). Beside it, in the
same run, a baseline: folding the reply and looking it up in a set of accepted
answers, what the simplest exact grader costs. Runs are interleaved, and the
script prints medians and 95th percentiles of each, and their ratio. Target: a
reply graded in under 1 ms (median). ``--check`` exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from quizgen import factfile
from quizgen.generation.bank import Maker
from quizgen.grading import Grader
from quizgen.items.shapes import TextItem
from quizgen.language.text import fold

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 1.0


def cases() -> list[tuple[str, str, str]]:
    # libyaml where installed: the same rows in a fifth of the time (untimed, but the
    # suite runs this bench)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rows = yaml.load((ROOT / "tests/data/grading/cases.yaml").read_text("utf-8"), Loader=loader)
    return [(r["fact"], r["kind"], str(r["reply"])) for r in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    base = factfile.load(ROOT / "facts.yaml")
    maker = Maker(base)
    pairs: list[tuple[TextItem, str]] = []
    for fact, kind, reply in cases():
        item = maker.make(kind, base.fact(fact), seed=0)
        if isinstance(item, TextItem):
            pairs.append((item, reply))
    first: list[float] = []
    again: list[float] = []
    floor: list[float] = []
    for _ in range(args.runs):
        grader = Grader(base.facts, base.entities)  # a new session: no spec made yet
        accept = {id(q): {fold(t) for t in (q.answer, *q.accepted)} for q, _ in pairs}
        gc.collect()
        gc.disable()
        try:
            seen: set[str] = set()
            for q, reply in pairs:
                start = time.perf_counter()
                q.grade(reply, grader)
                took = time.perf_counter() - start
                (again if q.id in seen else first).append(took)
                seen.add(q.id)
                start = time.perf_counter()
                _ = fold(reply) in accept[id(q)]
                floor.append(time.perf_counter() - start)
        finally:
            gc.enable()

    def ms(values: list[float], q: float = 0.5) -> float:
        if q == 0.5:
            return statistics.median(values) * 1000
        return statistics.quantiles(values, n=100)[int(q * 100) - 1] * 1000

    print(
        f"grading a reply: {len(pairs)} replies of the grading table, {args.runs} interleaved "
        "runs (milliseconds)"
    )
    for name, values in (("first", first), ("again", again), ("baseline", floor)):
        print(f"  {name:<9} median {ms(values):.4f}  p95 {ms(values, 0.95):.4f}")
    median = statistics.median(again) * 1000
    print(
        f"  ratio again/baseline: {statistics.median(again) / statistics.median(floor):.1f}x; "
        f"target: median under {TARGET_MS} ms: {'ok' if median < TARGET_MS else 'OVER'}"
    )
    print(
        "  first: an item's first reply, its spec made while grading (once per item and "
        "session); again: every later reply, the spec kept; baseline: fold() and a set look-up"
    )
    return 1 if args.check and median >= TARGET_MS else 0


if __name__ == "__main__":
    sys.exit(main())
