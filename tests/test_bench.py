"""The benchmark scripts still run (tiny sizes; figures are read by people, not asserted)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from quizgen import factfile
from tests.support.data import ROOT

pytestmark = pytest.mark.slow


def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_generate_bench_runs() -> None:
    out = run("bench/generate.py", "--runs", "1", "--sizes", "100,300")
    assert "ratio 300/100" in out and "µs per item" in out and "baseline" in out


def test_generate_bench_compares_with_a_revision() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: no revision to compare with")
    out = run("bench/generate.py", "--against", "HEAD", "--runs", "1", "--sizes", "100")
    assert "generation per item, this tree beside HEAD" in out and "ratio" in out


def test_startup_bench_runs() -> None:
    out = run("bench/startup.py", "-n", "1")
    assert "quizgen --help / floor --help" in out and "quizgen validate / floor hello" in out
    assert "quizgen quiz / floor hello" in out


def test_scale_bench_runs() -> None:
    out = run("bench/scale.py", "--sizes", "200", "--runs", "1")
    for measure in (
        "first question, warm",
        "first question, any kind",
        "first question, cold",
        "memory",
        "validate, cold",
    ):
        assert measure in out
    assert "C event parse" in out


def test_synthetic_files_are_valid(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "s.yaml"
    run("bench/synth.py", "300", "-o", str(path), "--seed", "4")
    assert len(factfile.load(path).facts) == 300


def test_anki_bench_runs() -> None:
    out = run("bench/anki_export.py", "--facts", "200", "--runs", "1")
    assert "ratio quizgen/baseline" in out and "peak memory" in out


def test_first_question_bench_runs() -> None:
    out = run("bench/first_question.py", "-n", "1")
    assert "interactive / plain" in out


def test_grading_bench_runs() -> None:
    out = run("bench/grading.py", "--runs", "1")
    assert "median under 1.0 ms" in out and "baseline" in out and "ratio again/baseline" in out


def test_generate_bench_compares_with_another_checkout() -> None:
    out = run("bench/generate.py", "--against", str(ROOT), "--runs", "1", "--sizes", "100")
    assert "generation per item, this tree beside" in out and "ratio" in out
