"""Question kinds and export formats added from outside quizgen, used through the CLI.

First registered from a test (``quizgen.items.register``, ``quizgen.export.register``),
then installed as a distribution whose entry points (``quizgen.kinds``,
``quizgen.formats``) name one module each, run through the real command in its own
process. No quizgen module knows about them, yet ``questions``, ``quiz``, ``export``
and every help that lists kinds take them like quizgen's own; a broken plugin is one
line on standard error.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Container, Iterator
from dataclasses import dataclass
from pathlib import Path
from random import Random

import pytest
from typer.testing import CliRunner

from quizgen import export, items
from quizgen.cli import app
from quizgen.facts import Fact
from quizgen.items import Shape
from quizgen.items.context import Context, single
from quizgen.items.shapes import TextItem
from tests.support.data import ROOT, SMALL

runner = CliRunner()


@dataclass(frozen=True, slots=True, kw_only=True)
class Echo(TextItem, kind="toy", label="Toy echo"):
    """Asks the fact's question back to front: the answer is shown, the question is wanted."""

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str]) -> Echo | None:
        said = f"Say it back: {fact.answer}"
        return cls(**single(fact, cls.kind), question=said, answer=fact.answer)


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
    export.register(
        export.Format(
            "toyformat",
            "toy.tsv",
            TOY_FORMAT_SHAPES,
            "Tab-separated lines: id, prompt, key.",
            render_lines,
        )
    )
    try:
        yield
    finally:
        items.unregister("toy")
        export.unregister("toyformat")


@pytest.mark.usefixtures("toys")
def test_a_toy_kind_through_questions_and_a_plain_quiz(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["questions", "--kinds", "TOY", "-n", "3", "--seed", "1", "--facts", str(SMALL)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count("· Toy echo ·") == 3 and "Say it back: " in result.stdout
    doc = json.loads(
        runner.invoke(
            app, ["questions", "--kinds", "toy", "--all", "--json", "--facts", str(SMALL)]
        ).stdout
    )
    assert {(q["kind"], q["shape"]) for q in doc["questions"]} == {("toy", "text")}
    one = json.loads(
        runner.invoke(
            app,
            [
                "questions",
                "--kinds",
                "toy",
                "-n",
                "1",
                "--seed",
                "1",
                "--json",
                "--facts",
                str(SMALL),
            ],
        ).stdout
    )
    quiz = runner.invoke(
        app,
        [
            "quiz",
            "--plain",
            "--kinds",
            "toy",
            "-n",
            "1",
            "--seed",
            "1",
            "--facts",
            str(SMALL),
            "--home",
            str(tmp_path),
        ],
        input=f"{one['questions'][0]['answer']}\n",
    )
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
    result = runner.invoke(
        app,
        [
            "export",
            "toyformat",
            "--kinds",
            "toy,mc",
            "-n",
            "4",
            "--seed",
            "2",
            "--facts",
            str(SMALL),
            "-o",
            str(out),
        ],
    )
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


HELPED = (
    ["quiz"],
    ["questions"],
    ["review"],
    ["live"],
    ["export", "worksheet"],
    ["export", "kahoot"],
)


@pytest.mark.usefixtures("toys")
@pytest.mark.parametrize("command", HELPED, ids=" ".join)
def test_every_list_of_kinds_in_help_comes_from_the_registry(command: list[str]) -> None:
    """A kind registered is named in the help of every command that takes --kinds."""
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    words = set(re.findall(r"[\w-]+", result.stdout))
    assert "toy" in items.names()
    assert [k for k in items.names() if k not in words] == []


def test_the_toys_are_gone_without_the_fixture() -> None:
    assert "toy" not in items.names() and "toyformat" not in export.names()
    result = runner.invoke(app, ["export", "toyformat"])
    assert result.exit_code == 2 and "No such command 'toyformat'" in result.output


def test_an_export_that_would_write_no_item_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "k.xlsx"
    result = runner.invoke(
        app,
        ["export", "kahoot", "--kinds", "typed", "-n", "3", "--facts", str(SMALL), "-o", str(out)],
    )
    assert result.exit_code == 1 and not out.exists()
    # kahoot draws further items in place of those it cannot take: all 15 were tried
    # (the small file's 16 facts, less the one whose answer is a phrase: never typed)
    assert result.stderr.startswith(
        "quizgen: error: kahoot can take none of the 15 items "
        "chosen (typed answer items are not multiple choice"
    )
    assert result.stderr.rstrip().endswith("try --kinds mc,tf")


def test_the_registry_imports_a_format_only_when_used() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from quizgen import export; names = export.names(); "
        "loaded = [m for m in sys.modules if m.startswith('quizgen.export.')]; "
        "export.get('gift'); print(names, loaded, 'quizgen.export.gift' in sys.modules, "
        "'quizgen.export.kahoot' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == (
        "('worksheet', 'gift', 'qti', 'kahoot', 'moodle-xml', "
        "'quizlet', 'csv', 'json', 'html') [] True False"
    )


# -- installed plugins: a distribution on sys.path whose entry points add a kind and a format

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_module(name: str) -> str:
    """The README's example module ``name``.py (its developer section), as written there."""
    blocks = re.findall(r"```python\n(# (\w+)\.py\n.*?)```", README, flags=re.S)
    return str(next(code for code, module in blocks if module == name))


def readme_entry_points() -> str:
    """The README's ``[project.entry-points...]`` table, as pip writes it to entry_points.txt
    (a section per group, values unquoted)."""
    toml = re.search(r"```toml\n(\[project\.entry-points.*?)```", README, flags=re.S)
    assert toml is not None
    text = re.sub(r'\[project\.entry-points\."([\w.]+)"\]', r"[\1]", str(toml.group(1)))
    return re.sub(r'= "([^"]*)"', r"= \1", text)


def distribution(site: Path, name: str, entry_points: str, **modules: str) -> None:
    """A installed distribution as pip leaves one: modules, and a .dist-info beside them."""
    for module, text in modules.items():
        (site / f"{module}.py").write_text(text, encoding="utf-8")
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def plugged(site: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """The real command, in its own process, with ``site`` on its path."""
    env = {k: v for k, v in os.environ.items() if k not in ("QUIZGEN_FACTS", "COLUMNS")}
    env |= {"PYTHONPATH": str(site), "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "quizgen", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=site.parent,
    )


@pytest.fixture
def toy_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    distribution(
        site,
        "quizgen_echo",
        readme_entry_points(),
        echo_kind=readme_module("echo_kind"),
        lines_format=readme_module("lines_format"),
    )
    return site


@pytest.mark.slow
def test_an_installed_kind_and_format_work_through_the_cli(toy_site: Path) -> None:
    """The README's example kind and format (one module and one register call each),
    installed with the README's entry points, work through the real command."""
    listed = plugged(
        toy_site, "questions", "--kinds", "echo", "-n", "2", "--seed", "1", "--facts", str(SMALL)
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("· Echo ·") == 2 and "Type it back: " in listed.stdout
    for command in ("quiz", "questions", "live"):
        helped = plugged(toy_site, command, "--help")
        assert "echo" in helped.stdout, command
    answer = json.loads(
        plugged(
            toy_site,
            "questions",
            "--kinds",
            "echo",
            "-n",
            "1",
            "--seed",
            "1",
            "--json",
            "--facts",
            str(SMALL),
        ).stdout
    )
    quiz = plugged(
        toy_site,
        "quiz",
        "--plain",
        "--kinds",
        "echo",
        "-n",
        "1",
        "--seed",
        "1",
        "--facts",
        str(SMALL),
        "--home",
        str(toy_site.parent / "home"),
        stdin=answer["questions"][0]["answer"] + "\n",
    )
    assert quiz.returncode == 0, quiz.stderr
    assert "Score: 1 of 1" in quiz.stdout
    formats = plugged(toy_site, "export", "--help")
    assert "lines" in formats.stdout and "One line a question" in formats.stdout
    own = plugged(toy_site, "export", "lines", "--help")
    assert "--shout" in own.stdout and "[default: typed,cloze,echo]" in own.stdout
    out = toy_site.parent / "out.tsv"
    written = plugged(
        toy_site,
        "export",
        "lines",
        "--kinds",
        "echo",
        "-n",
        "3",
        "--shout",
        "--facts",
        str(SMALL),
        "-o",
        str(out),
    )
    assert written.returncode == 0, written.stderr
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 3 and all(r[0].startswith("Type it back: ") for r in rows)
    assert all(r[1] == r[0].removeprefix("Type it back: ").upper() for r in rows)
    assert written.stderr == ""


@pytest.mark.slow
def test_a_broken_plugin_is_one_line_and_the_rest_works(toy_site: Path) -> None:
    distribution(
        toy_site,
        "quizgen_broken",
        "[quizgen.kinds]\nbroken = broken_kind\nmissing = no_such_module\n"
        "\n[quizgen.formats]\nbad = broken_kind\n",
        broken_kind="raise RuntimeError('broken on purpose')\n",
    )
    done = plugged(toy_site, "questions", "--kinds", "echo,mc", "-n", "2", "--facts", str(SMALL))
    assert done.returncode == 0 and "· Echo ·" in done.stdout
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and "Traceback" not in done.stderr
    assert lines[0].startswith(
        "quizgen: warning: plugin 'broken' (quizgen.kinds) is left "
        "out: broken_kind in quizgen_broken 1.0 could not be loaded "
        "(RuntimeError: broken on purpose)"
    )
    assert lines[1].startswith(
        "quizgen: warning: plugin 'missing' (quizgen.kinds) is left "
        "out: no_such_module in quizgen_broken 1.0 could not be loaded "
        "(ModuleNotFoundError"
    )
    asked = plugged(toy_site, "export", "bad", "--facts", str(SMALL))
    warning, error = asked.stderr.splitlines()
    assert asked.returncode == 1 and "Traceback" not in asked.stderr
    assert warning.startswith("quizgen: warning: plugin 'bad' (quizgen.formats) is left out")
    assert error.startswith("quizgen: error: no export format 'bad'")
