"""A built wheel carries the facts, decks and schema, and works outside the repository."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.data import ROOT, SHIPPED

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    builder_module = pytest.importorskip("hatchling.builders.wheel")
    out = tmp_path_factory.mktemp("wheel")
    builder = builder_module.WheelBuilder(str(ROOT))
    return Path(next(builder.build(directory=str(out), versions=["standard"])))


def test_wheel_contains_package_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert zf.read("quizgen/data/facts.yaml") == SHIPPED.read_bytes()
    assert "quizgen/data/decks/README.md" in names
    assert "quizgen/schema/facts.schema.json" in names
    assert "quizgen/cli/__init__.py" in names and "quizgen/__main__.py" in names
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_finds_bundled_facts_from_any_directory(
    wheel: Path, tmp_path: Path
) -> None:

    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "QUIZGEN_FACTS"}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import quizgen.factfile.paths as p; "
            "print(p.bundled_facts()); print(p.bundled_decks())",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines() == [
        str(site / "quizgen" / "data" / "facts.yaml"),
        str(site / "quizgen" / "data" / "decks"),
    ]
    done = subprocess.run(
        [sys.executable, "-m", "quizgen", "validate"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: ") and done.stdout.rstrip().endswith("3 decks")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "quizgen",
            "export",
            "anki",
            "--deck",
            "classroom-starter",
            "-o",
            "out",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (elsewhere / "out" / "classroom-starter.apkg").is_file()
