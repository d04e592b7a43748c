"""Time from ``quizgen quiz`` to the first question with its options on screen.

Run: python bench/first_question.py [-n RUNS] [--check]

Each run starts ``quizgen quiz -n 1 --kinds mc`` in a real pseudo-terminal
(pexpect) and stops the clock when the last option of the first question has
been drawn: in the interactive front end that is questionary's select list,
in ``--plain`` the numbered lines. Interactive and plain runs alternate
(interleaved, so machine load hits both alike); the script prints the median
of each and their ratio. Target (issue 9): interactive at most 1.25 times
plain. ``--check`` exits 1 when the ratio is over it.

The interactive front end draws the first list as text before questionary
and prompt_toolkit are imported, then prompt_toolkit redraws it live in
place; the script also reports when that live list is drawn (prompt_toolkit
hides the cursor, erases below it and draws), for information: keys pressed
before then wait in the terminal.

The seed is chosen so that every option of the first question is at least a
few characters long and appears nowhere in the question, so finding its text
on the screen means the option was drawn.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

TARGET = 1.25
# As on a user's machine: .pyc files are written once and reused (see bench/startup.py).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV |= {"TERM": "xterm", "COLUMNS": "120", "LINES": "40"}


def quizgen_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m quizgen``."""
    script = Path(sys.executable).with_name("quizgen")
    found = str(script) if script.exists() else shutil.which("quizgen")
    return [found] if found else [sys.executable, "-m", "quizgen"]


def first_question(seed: int) -> dict[str, object]:
    done = subprocess.run(
        [
            *quizgen_command(),
            "questions",
            "--kinds",
            "mc",
            "-n",
            "1",
            "--seed",
            str(seed),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    return dict(json.loads(done.stdout)["questions"][0])


def pick_seed() -> tuple[int, list[str]]:
    """A seed whose first multiple-choice item has long, distinctive options."""
    for seed in range(1, 200):
        q = first_question(seed)
        options = [str(o) for o in q["options"]]  # type: ignore[attr-defined]
        if all(len(o) >= 6 and o not in str(q["prompt"]) for o in options):
            return seed, options
    raise SystemExit("no seed gives a question with long options")


def run(argv: list[str], last_option: str, *, live: bool) -> tuple[float, float]:
    """Seconds from spawning ``argv`` to ``last_option`` on the pseudo-terminal, and (with
    ``live``) to prompt_toolkit's live list showing it too."""
    start = time.perf_counter()
    child = pexpect.spawn(
        argv[0], argv[1:], env=ENV, encoding="utf-8", timeout=60, dimensions=(40, 120)
    )
    try:
        child.expect_exact(last_option)
        shown = time.perf_counter() - start
        if live:
            child.expect_exact("\x1b[?25l")  # prompt_toolkit starts drawing
            child.expect_exact(last_option)
        return shown, time.perf_counter() - start
    finally:
        child.terminate(force=True)
        child.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=15)
    parser.add_argument("--check", action="store_true", help="exit 1 when over the target")
    args = parser.parse_args()

    seed, options = pick_seed()
    with tempfile.TemporaryDirectory() as home:
        base = [
            *quizgen_command(),
            "quiz",
            "-n",
            "1",
            "--kinds",
            "mc",
            "--seed",
            str(seed),
            "--home",
            home,
        ]
        modes = {"interactive": base, "plain": [*base, "--plain"]}
        for mode, argv in modes.items():  # warm the file cache and .pyc files once
            run(argv, options[-1], live=mode == "interactive")
        samples: dict[str, list[float]] = {mode: [] for mode in modes}
        live: list[float] = []
        names = list(modes)
        for i in range(args.runs):
            for mode in names[i % 2 :] + names[: i % 2]:
                shown, ready = run(modes[mode], options[-1], live=mode == "interactive")
                samples[mode].append(shown)
                if mode == "interactive":
                    live.append(ready)

    medians = {mode: statistics.median(values) for mode, values in samples.items()}
    ratio = medians["interactive"] / medians["plain"]
    print(
        f"time to the first question with its options, median of {args.runs} interleaved "
        f"runs (seed {seed})"
    )
    for mode in names:
        print(f"  {mode:<12} {medians[mode] * 1000:7.1f} ms")
    live_median = statistics.median(live)
    print(
        f"  {'(live list)':<12} {live_median * 1000:7.1f} ms  (ratio to plain "
        f"{live_median / medians['plain']:.2f}, for information)"
    )
    ok = ratio <= TARGET
    print(f"  interactive / plain {ratio:5.2f}  (target <= {TARGET}: {'ok' if ok else 'OVER'})")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
