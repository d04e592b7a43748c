"""Start-up cost of quizgen against the floor typer itself sets.

Run: python bench/startup.py [-n RUNS] [--check]

The floor is a minimal two-command typer app written to a temporary folder
and run by the same interpreter. Each round runs all four commands in a
rotated order (interleaved, so drift in machine load hits all of them alike)
and the script prints, for each, the median wall time (``time.perf_counter``
around the child process) and the median CPU time of the child (user +
system, from ``os.wait4``: less disturbed by other work on a busy machine),
then two ratios of the wall medians:

- ``quizgen --help`` / floor ``--help``                  (target: at most 1.10)
- ``quizgen validate`` (shipped facts) / floor ``hello``  (target: at most 1.35)
- ``quizgen quiz --plain -n 1`` (shipped facts, input closed at once, a fresh
  progress folder) / floor ``hello``                      (target: at most 1.35)

quizgen reads the shipped facts through its compiled cache (a folder of the
script's own, filled by the warm-up run), as every run after a user's first does.

``--check`` exits 1 when a ratio is over its target.
"""

from __future__ import annotations

import argparse
import os
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

TARGETS = {"help": 1.10, "validate": 1.35, "quiz": 1.35}
PAIRS = {
    "help": ("quizgen --help", "floor --help"),
    "validate": ("quizgen validate", "floor hello"),
    "quiz": ("quizgen quiz", "floor hello"),
}


def quizgen_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m quizgen``."""
    script = Path(sys.executable).with_name("quizgen")
    found = str(script) if script.exists() else shutil.which("quizgen")
    return [found] if found else [sys.executable, "-m", "quizgen"]


# Children may write .pyc files, as on a user's machine: with PYTHONDONTWRITEBYTECODE
# set, every run would compile quizgen's modules from source while typer's (compiled
# at install time) load from .pyc, and the ratio would measure the compiler.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, child CPU seconds) of one run; a failing run is an error."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV | env,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}")
    return wall, usage.ru_utime + usage.ru_stime


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
            "quizgen quiz": [
                *quizgen_command(),
                *("quiz", "--plain", "-n", "1", "--seed", "1", "--home", str(Path(tmp) / "home")),
            ],
        }
        env = {"QUIZGEN_CACHE": str(Path(tmp) / "cache")}
        names = list(commands)
        for name in names:  # warm the file cache and .pyc files once
            timed(commands[name], env)
        wall: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for i in range(args.runs):
            order = names[i % len(names) :] + names[: i % len(names)]
            for name in order:
                seconds, used = timed(commands[name], env)
                wall[name].append(seconds)
                cpu[name].append(used)

    medians = {name: statistics.median(values) for name, values in wall.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    print(f"quizgen start-up, median of {args.runs} interleaved runs ({sys.executable})")
    print(f"  {'':<18} {'wall':>9} {'cpu':>9}")
    for name in names:
        print(f"  {name:<18} {medians[name] * 1000:6.1f} ms {cpu_medians[name] * 1000:6.1f} ms")
    failed = False
    for key, (ours, floor_name) in PAIRS.items():
        ratio = medians[ours] / medians[floor_name]
        cpu_ratio = cpu_medians[ours] / cpu_medians[floor_name]
        ok = ratio <= TARGETS[key]
        failed |= not ok
        print(
            f"  {ours} / {floor_name:<14} {ratio:5.2f}  (target <= {TARGETS[key]:.2f}: "
            f"{'ok' if ok else 'OVER'}; cpu ratio {cpu_ratio:.2f})"
        )
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
