"""Selections are exact through the CLI: with --topic, --tag or --deck, every item of a
quiz, a review or an export, of every kind, uses only facts of that selection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizgen import items
from quizgen.cli import app
from quizgen.generation import selection
from tests.support.data import SHIPPED

pytestmark = pytest.mark.slow

runner = CliRunner()
ANY = "1\na\n1 2 3\n1 2 3 4\n1 2 3 4 5\n1a 2b 3c 4d\n" * 60
"""Replies that answer any kind in turn: those that do not fit are asked again."""
SELECTIONS = [
    ("--topic", "strikes"),
    ("--topic", "base"),
    ("--tag", "biden"),
    ("--tag", "airstrike"),
    ("--deck", "classroom-starter"),
]


def allowed(option: str, value: str) -> set[str]:
    key = option.removeprefix("--")
    return {f.id for f in selection.choose(selection.Which(SHIPPED, **{key: value})).facts}


@pytest.mark.parametrize("kind", items.names())
@pytest.mark.parametrize("option,value", SELECTIONS)
def test_quiz_items_keep_to_the_selection(
    tmp_path: Path, kind: str, option: str, value: str
) -> None:
    result = runner.invoke(
        app,
        [
            "quiz",
            "--plain",
            "--json",
            "--kinds",
            kind,
            option,
            value,
            "-n",
            "12",
            "--seed",
            "4",
            "--facts",
            str(SHIPPED),
            "--home",
            str(tmp_path),
        ],
        input=ANY,
    )
    if result.exit_code == 1:  # no item of this kind can be made from so few facts
        assert "no questions of those kinds" in result.stderr, result.output
        return
    assert result.exit_code == 0, result.output
    ids = {
        f
        for run in json.loads(result.stdout)["runs"]
        for a in run["answers"]
        for f in a["fact_ids"]
    }
    assert ids and ids <= allowed(option, value)


@pytest.mark.parametrize("kind", items.review_kinds())
@pytest.mark.parametrize("option,value", SELECTIONS)
def test_review_items_keep_to_the_selection(
    tmp_path: Path, kind: str, option: str, value: str
) -> None:
    result = runner.invoke(
        app,
        [
            "review",
            "--plain",
            "--json",
            "--kinds",
            kind,
            option,
            value,
            "--new",
            "30",
            "--facts",
            str(SHIPPED),
            "--home",
            str(tmp_path),
        ],
        input=ANY,
    )
    assert result.exit_code == 0, result.output
    ids = {f for a in json.loads(result.stdout)["answers"] for f in a["fact_ids"]}
    assert ids and ids <= allowed(option, value)


@pytest.mark.parametrize("kind", items.names())
@pytest.mark.parametrize("option,value", SELECTIONS)
def test_export_items_keep_to_the_selection(
    tmp_path: Path, kind: str, option: str, value: str
) -> None:

    out = tmp_path / "bank.json"
    result = runner.invoke(
        app,
        [
            "export",
            "json",
            "--kinds",
            kind,
            option,
            value,
            "-n",
            "30",
            "--facts",
            str(SHIPPED),
            "-o",
            str(out),
        ],
    )
    if result.exit_code == 1:
        assert "no questions of those kinds" in result.stderr, result.output
        return
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    ids = {f for q in doc["questions"] for f in q["fact_ids"]}
    assert ids and ids <= allowed(option, value)
