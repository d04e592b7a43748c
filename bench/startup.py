"""Start-up cost of quizgen against the floor typer itself sets.

Run: python bench/startup.py [-n RUNS] [--check]

The floor is a minimal two-command typer app written to a temporary folder
and run by the same interpreter. Each round runs all four commands in a
rotated order (interleaved, so drift in machine load hits all of them alike)
and the script prints the median wall time of each and two ratios:

- ``quizgen --help`` / floor ``--help``          (target: at most 1.2)
- ``quizgen validate`` (shipped facts) / floor command  (target: at most 1.5)

``--check`` exits 1 when a ratio is over its target.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR_APP = '''\
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


@app.command()
def bye() -> None:
    """Say goodbye."""
    print("bye")


if __name__ == "__main__":
    app()
'''

TARGETS = {"help": 1.2, "validate": 1.5}


def quizgen_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m quizgen``."""
    script = Path(sys.executable).with_name("quizgen")
    found = str(script) if script.exists() else shutil.which("quizgen")
    return [found] if found else [sys.executable, "-m", "quizgen"]


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=21)
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio is over target")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        floor = Path(tmp) / "floor_app.py"
        floor.write_text(FLOOR_APP, encoding="utf-8")
        commands = {
            "floor --help": [sys.executable, str(floor), "--help"],
            "floor hello": [sys.executable, str(floor), "hello"],
            "quizgen --help": [*quizgen_command(), "--help"],
            "quizgen validate": [*quizgen_command(), "validate"],
        }
        names = list(commands)
        for name in names:  # warm the file cache and .pyc files once
            timed(commands[name])
        samples: dict[str, list[float]] = {name: [] for name in names}
        for i in range(args.runs):
            order = names[i % len(names):] + names[: i % len(names)]
            for name in order:
                samples[name].append(timed(commands[name]))

    medians = {name: statistics.median(values) for name, values in samples.items()}
    print(f"quizgen start-up, median of {args.runs} interleaved runs ({sys.executable})")
    for name in names:
        print(f"  {name:<18} {medians[name] * 1000:7.1f} ms")
    ratios = {
        "help": medians["quizgen --help"] / medians["floor --help"],
        "validate": medians["quizgen validate"] / medians["floor hello"],
    }
    failed = False
    for key, ratio in ratios.items():
        ok = ratio <= TARGETS[key]
        failed |= not ok
        label = "quizgen --help / floor --help" if key == "help" else \
            "quizgen validate / floor hello"
        print(f"  {label:<34} {ratio:5.2f}  (target <= {TARGETS[key]}: "
              f"{'ok' if ok else 'OVER'})")
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
