"""bench/stats.py still runs (tiny size; its figures are read by people, not asserted)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.data import ROOT

pytestmark = pytest.mark.slow


def test_stats_bench_runs() -> None:
    done = subprocess.run(
        [sys.executable, "bench/stats.py", "--answers", "3000", "-n", "2", "--old-runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "ratio summarize/floor" in done.stdout and "quick_check" in done.stdout
