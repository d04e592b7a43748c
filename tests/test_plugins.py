"""A question kind and an export format added from outside quizgen, used through the CLI.

Both are registered here, in the test, through the registries
(``quizgen.items.register`` and ``quizgen.export.register``); no quizgen
module knows about them, yet ``quizgen questions``, ``quizgen quiz`` and
``quizgen export`` take them like their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from quizgen import export, items
from quizgen.cli import app
from quizgen.facts import Fact
from quizgen.items import Shape
from quizgen.items.context import Context, single
from quizgen.items.shapes import TextItem
from tests.test_questions import SMALL

runner = CliRunner()


@dataclass(frozen=True, slots=True, kw_only=True)
class Echo(TextItem):
    """Asks the fact's question back to front: the answer is shown, the question is wanted."""

    kind: ClassVar[str] = "toy"
    label: ClassVar[str] = "Toy echo"

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: frozenset[str]) -> Echo | None:
        return cls(**single(fact, cls.kind), question=f"Say it back: {fact.answer}",
                   answer=fact.answer)


def render_lines(content: export.Content) -> export.Rendered:
    lines, left_out = [], []
    for q in content.items:
        if q.shape not in TOY_FORMAT_SHAPES:
            left_out.append((q.id, f"toyformat takes no {q.label.lower()} items"))
            continue
        lines.append(f"{q.id}\t{q.prompt}\t{q.key()}")
    header = f"# {content.title} · seed {content.seed} · {content.base.license}"
    return export.Rendered("\n".join([header, *lines, ""]).encode("utf-8"), left_out)


TOY_FORMAT_SHAPES = frozenset({Shape.TEXT})


@pytest.fixture
def toys() -> Iterator[None]:
    items.register(Echo)
    export.register(export.Format("toyformat", "toy.tsv", TOY_FORMAT_SHAPES,
                                  "Tab-separated lines: id, prompt, key.", render_lines))
    try:
        yield
    finally:
        items.unregister("toy")
        export.unregister("toyformat")


@pytest.mark.usefixtures("toys")
def test_a_toy_kind_through_questions_and_a_plain_quiz(tmp_path: Path) -> None:
    result = runner.invoke(app, ["questions", "--kinds", "TOY", "-n", "3", "--seed", "1",
                                 "--facts", str(SMALL)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("· Toy echo ·") == 3 and "Say it back: " in result.stdout
    doc = json.loads(runner.invoke(app, ["questions", "--kinds", "toy", "--all", "--json",
                                         "--facts", str(SMALL)]).stdout)
    assert {(q["kind"], q["shape"]) for q in doc["questions"]} == {("toy", "text")}
    one = json.loads(runner.invoke(app, ["questions", "--kinds", "toy", "-n", "1", "--seed",
                                         "1", "--json", "--facts", str(SMALL)]).stdout)
    quiz = runner.invoke(app, ["quiz", "--plain", "--kinds", "toy", "-n", "1", "--seed", "1",
                               "--facts", str(SMALL), "--home", str(tmp_path)],
                         input=f"{one['questions'][0]['answer']}\n")
    assert quiz.exit_code == 0, quiz.output
    assert "Say it back: " in quiz.stdout and "Score: 1 of 1" in quiz.stdout


@pytest.mark.usefixtures("toys")
def test_a_toy_format_through_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    listed = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "120"})
    assert "toyformat" in listed.stdout and "Tab-separated lines" in listed.stdout
    helped = runner.invoke(app, ["export", "toyformat", "--help"], env={"COLUMNS": "200"})
    assert "[default: typed,cloze,toy]" in helped.stdout  # the kinds of its one shape
    out = tmp_path / "out.tsv"
    result = runner.invoke(app, ["export", "toyformat", "--kinds", "toy,mc", "-n", "4",
                                 "--seed", "2", "--facts", str(SMALL), "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# Small: quiz · seed 2 · CC BY-SA 4.0"
    written = [line.split("\t") for line in lines[1:]]
    assert written and all(row[0].startswith("toy-") for row in written)
    left = result.stdout.count("toyformat takes no multiple choice items")
    assert left + len(written) == 4
    assert result.stdout.startswith(f"Wrote {out}: {len(written)} question")
    default = runner.invoke(app, ["export", "toyformat", "-n", "2", "--facts", str(SMALL)])
    assert default.exit_code == 0 and Path("toy.tsv").is_file()  # its default file name


def test_the_toys_are_gone_without_the_fixture() -> None:
    assert "toy" not in items.names() and "toyformat" not in export.names()
    result = runner.invoke(app, ["export", "toyformat"])
    assert result.exit_code == 2 and "No such command 'toyformat'" in result.output


def test_an_export_that_would_write_no_item_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "k.xlsx"
    result = runner.invoke(app, ["export", "kahoot", "--kinds", "typed", "-n", "3",
                                 "--facts", str(SMALL), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    # kahoot draws further items in place of those it cannot take: all 15 were tried
    # (the small file's 16 facts, less the one whose answer is a phrase: never typed)
    assert result.stderr.startswith("quizgen: error: kahoot can take none of the 15 items "
                                    "chosen (typed answer items are not multiple choice")
    assert result.stderr.rstrip().endswith("try --kinds mc,tf")


def test_the_registry_imports_a_format_only_when_used() -> None:
    import subprocess
    import sys

    code = ("import sys; from quizgen import export; names = export.names(); "
            "loaded = [m for m in sys.modules if m.startswith('quizgen.export.')]; "
            "export.get('gift'); print(names, loaded, 'quizgen.export.gift' in sys.modules, "
            "'quizgen.export.kahoot' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == ("('worksheet', 'gift', 'qti', 'kahoot', 'moodle-xml', "
                                   "'quizlet', 'csv', 'json', 'html') [] True False")
