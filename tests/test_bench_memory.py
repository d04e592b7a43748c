"""bench/memory.py still runs (a tiny file; its figures are read by people, not asserted)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.support.data import ROOT

pytestmark = pytest.mark.slow


def test_memory_bench_runs() -> None:
    done = subprocess.run(
        [sys.executable, "bench/memory.py", "--facts", "200", "--runs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for side in ("quizgen validate", "yaml.CSafeLoader", "python + import yaml"):
        assert side in done.stdout
    assert "quizgen / CSafeLoader peak" in done.stdout
