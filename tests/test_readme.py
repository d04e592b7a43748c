"""The README's two commands stay true: CI runs the same test steps, the run command exists."""

from __future__ import annotations

import re

from tests.support.data import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)


def test_readme_has_a_run_and_a_test_command() -> None:
    run, test = shell_blocks()[:2]
    assert run.startswith("python3 -m venv .venv && .venv/bin/pip install . && ")
    assert run.endswith(".venv/bin/quizgen quiz")
    assert test.startswith("python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && ")


def test_ci_runs_the_readme_test_steps_in_order() -> None:
    test = shell_blocks()[1]
    steps = [s.strip() for s in test.split("&&")][2:]  # after venv and install
    assert steps[0] == ". .venv/bin/activate"
    ci_lines = [line.strip() for line in CI.splitlines()]
    positions = [ci_lines.index(step) for step in steps]
    assert positions == sorted(positions)
    # A fresh venv in .venv (with pip, or without it where the host's pip fills it), the
    # project installed into it with its test extras, as the README's command does.
    venvs = [line for line in ci_lines if line.startswith("python3 -m venv --clear ")]
    assert venvs and all(line.endswith(" .venv") for line in venvs), venvs
    assert "\"${pip[@]}\" install -q --no-compile -e '.[test]'" in ci_lines
