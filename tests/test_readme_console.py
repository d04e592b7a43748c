"""Every ```console example in the README is run, and its output must be the one shown.

Each ``$ command`` runs in bash, in a fresh folder with a fresh progress home,
the installed ``quizgen`` on PATH (as after the README's install command and
activating ``.venv``), 80 columns, ``NO_COLOR``; standard error is shown with
standard output, as a terminal shows both, and spaces at the ends of lines are
not compared. A line ``…`` in a shown output
stands for lines left out: the lines before it must start the output, those
after it must end it. Files and folders an example reads (``mine.yaml``,
``unit/``, ``learner/``) come from ``tests/data/readme/``. What cannot run to
the same output anywhere (a server that waits for students, an address of this
machine) is shown as ```text.

``QUIZGEN_UPDATE_README=1 pytest tests/test_readme_console.py`` rewrites the
shown outputs from real runs (keeping each ``…``), for review like a golden file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.data import ROOT

pytestmark = pytest.mark.slow

README = ROOT / "README.md"
FILES = ROOT / "tests" / "data" / "readme"
ELLIPSIS = "…"
UPDATE = os.environ.get("QUIZGEN_UPDATE_README") == "1"


@dataclass
class Example:
    command: str
    shown: list[str]


def examples(lines: list[str]) -> list[Example]:
    out: list[Example] = []
    inside = False
    for line in lines:
        if line.strip() == "```console":
            inside = True
        elif inside and line.strip() == "```":
            inside = False
        elif inside and line.startswith("$ "):
            out.append(Example(line[2:], []))
        elif inside and out:
            out[-1].shown.append(line)
    for example in out:  # a blank line before the next "$" separates examples
        while example.shown and not example.shown[-1].strip():
            example.shown.pop()
    return out


def run(command: str, folder: Path) -> list[str]:
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "COLUMNS": "80",
        "TERM": "dumb",
        "QUIZGEN_HOME": str(folder / "home"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    for name in ("QUIZGEN_FACTS", "QUIZGEN_DAY_STARTS"):
        env.pop(name, None)
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    # Lines as a reader sees them: rich pads table lines to the width with spaces.
    return [line.rstrip() for line in (done.stdout + done.stderr).rstrip("\n").split("\n")]


def matches(shown: list[str], got: list[str]) -> bool:
    shown = [line.rstrip() for line in shown]
    if ELLIPSIS not in [s.strip() for s in shown]:
        return shown == got
    cut = [s.strip() for s in shown].index(ELLIPSIS)
    head, tail = shown[:cut], shown[cut + 1 :]
    return (
        got[: len(head)] == head
        and (not tail or got[-len(tail) :] == tail)
        and len(got) >= len(head) + len(tail)
    )


def rewritten(shown: list[str], got: list[str]) -> list[str]:
    if ELLIPSIS not in [s.strip() for s in shown]:
        return got
    cut = [s.strip() for s in shown].index(ELLIPSIS)
    tail = len(shown) - cut - 1
    return [*got[:cut], shown[cut], *(got[-tail:] if tail else [])]


LINES = README.read_text(encoding="utf-8").split("\n")
EXAMPLES = examples(LINES)


def test_the_readme_has_console_examples() -> None:
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.command[:40] for e in EXAMPLES])
def test_console_example(example: Example, tmp_path: Path) -> None:
    if FILES.is_dir():
        for path in FILES.iterdir():
            if path.is_dir():  # a fact file with its decks/, a learner's progress folder
                shutil.copytree(path, tmp_path / path.name)
            else:
                shutil.copy(path, tmp_path / path.name)
    got = run(example.command, tmp_path)
    if UPDATE and not matches(example.shown, got):
        # Found again in the README as it is now: earlier rewrites may have moved it.
        text = README.read_text(encoding="utf-8").split("\n")
        old = example.shown
        at = text.index(f"$ {example.command}") + 1
        assert text[at : at + len(old)] == old, "README changed under the test; run again"
        text[at : at + len(old)] = rewritten(old, got)
        README.write_text("\n".join(text), encoding="utf-8")
        return
    assert matches(example.shown, got), (
        f"$ {example.command}\n--- shown ---\n"
        + "\n".join(example.shown)
        + "\n--- got ---\n"
        + "\n".join(got)
    )


def test_ellipsis_rules() -> None:
    assert matches(["a", "…", "z"], ["a", "b", "c", "z"])
    assert not matches(["a", "…", "z"], ["a", "b"])
    assert matches(["a", "…"], ["a", "b"]) and not matches(["a", "b"], ["a", "b", "c"])
    assert rewritten(["a", "…", "z"], ["A", "b", "Z"]) == ["A", "…", "Z"]
    assert re.sub("x", "y", "x") == "y"
