"""Peak memory of `quizgen validate` on a large fact file, against yaml.CSafeLoader.

Run: python bench/memory.py [--facts 100000] [--runs 3] [--file PATH]

Each measurement is a process of its own, started by a small wrapper that
reports its child's peak resident set (``getrusage(RUSAGE_CHILDREN)``, the
figure ``/usr/bin/time -v`` prints as "Maximum resident set size"), so no
run sees another's memory. The sides, interleaved run after run:

- ``quizgen validate FILE``, through ``python -m quizgen``, as a user runs it;
- ``yaml.load(FILE, Loader=yaml.CSafeLoader)``: libyaml building plain Python
  objects, with no positions, no checks and no facts, the floor any YAML
  loader that keeps the whole document starts from;
- ``python -c "import yaml"``: the interpreter alone, for scale.

The synthetic file (bench/synth.py) is made once, outside the measurements.
Target (issue 12): quizgen at most 300 MiB at 100,000 facts. Figures are
printed for people to read; nothing here is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MIB = 1 << 20
TARGET_MIB = 300

WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
print(done.returncode, peak * scale, seconds)
sys.stderr.write(done.stderr.decode("utf-8", "replace")[-2000:])
"""


def sides(path: Path) -> dict[str, list[str]]:
    py = sys.executable
    return {
        "quizgen validate": [py, "-m", "quizgen", "validate", str(path)],
        "yaml.CSafeLoader": [
            py,
            "-c",
            "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)",
            str(path),
        ],
        "python + import yaml": [py, "-c", "import yaml"],
    }


def measure(command: list[str]) -> tuple[int, float]:
    """(peak bytes, seconds) of one run of ``command`` in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True
    )
    code, peak, seconds = done.stdout.split()
    if code != "0":
        raise SystemExit(f"{' '.join(command[:4])} failed ({code}): {done.stderr.strip()}")
    return int(peak), float(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--file", type=Path, help="measure this fact file instead of making one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or Path(tmp) / f"synthetic-{args.facts}.yaml"
        if args.file is None:
            subprocess.run(
                [sys.executable, str(HERE / "synth.py"), str(args.facts), "-o", str(path)],
                check=True,
                capture_output=True,
            )
        size = path.stat().st_size
        print(f"{path.name}: {size / MIB:,.1f} MiB, {args.runs} runs each, interleaved")
        figures: dict[str, list[tuple[int, float]]] = {name: [] for name in sides(path)}
        for _ in range(args.runs):
            for name, command in sides(path).items():
                figures[name].append(measure(command))
    medians = {}
    for name, runs in figures.items():
        peak = statistics.median(p for p, _ in runs) / MIB
        seconds = statistics.median(s for _, s in runs)
        medians[name] = peak
        shown = ", ".join(f"{p / MIB:.0f}" for p, _ in runs)
        print(f"{name:22} peak {peak:7.1f} MiB (runs: {shown})  time {seconds:6.2f} s")
    quizgen, loader = medians["quizgen validate"], medians["yaml.CSafeLoader"]
    print(
        f"quizgen / CSafeLoader peak: {quizgen / loader:.2f}; target for quizgen at "
        f"100,000 facts: {TARGET_MIB} MiB ({'met' if quizgen <= TARGET_MIB else 'NOT met'}"
        f"{'' if args.facts == 100_000 and args.file is None else ', at another size'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
