"""``bench/live.py`` still runs (a tiny class and attack; its timings are read by people,
never asserted), and what it counts is right: every student in, every answer recorded."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.support.data import ROOT


@pytest.mark.slow
def test_live_bench_runs_both_rounds() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "bench/live.py",
            "--students",
            "6",
            "--questions",
            "2",
            "--idle",
            "20",
            "--warmup",
            "0.5",
            "--limit",
            "60",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    out = done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    assert out.count("joined 6 of 6") == 2, out
    assert out.count("answers: 12 sent, 12 in the CSV, 12 in the JSON (expected 12)") == 2, out
    assert "load average before" in out and "load average after" in out
    assert "ratio under attack / baseline, answer received: median" in out
    assert re.search(r"held by the attacker: \d+ idle connections opened", out), out
