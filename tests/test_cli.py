"""The command line through typer's CliRunner: exact output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizgen import __version__, factfile
from quizgen.cli import app
from tests.support.data import SHIPPED, TINY, edit

runner = CliRunner()
COLOR = re.compile(r"\x1b\[(?:3[0-9]|9[0-7]|38;)")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run from an empty folder with no QUIZGEN_FACTS, so only the bundled file is found."""
    monkeypatch.delenv("QUIZGEN_FACTS", raising=False)
    monkeypatch.chdir(tmp_path)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"quizgen {__version__}\n")


def test_validate_shipped_facts() -> None:
    base = factfile.load(SHIPPED)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    decks = len(list((SHIPPED.parent / "decks").glob("*.yaml")))
    assert result.stdout == (
        f"OK: {len(base.facts)} facts ({len(base.topics)} topics), {decks} decks\n"
    )


def test_validate_given_path(tiny_file: Path) -> None:
    result = runner.invoke(app, ["validate", str(tiny_file)])
    assert (result.exit_code, result.stdout) == (0, "OK: 2 facts (1 topic)\n")


def test_validate_reports_every_problem_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(edit(32, "    date: 2019-02-30", edit(22, '    answer: ""')), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{bad}:22:13: answer: must not be empty\n"
        f"{bad}:32:11: date: '2019-02-30' is not a valid date: February 2019 has no day 30\n"
        "2 problems found.\n"
    )


def test_validate_missing_file() -> None:
    result = runner.invoke(app, ["validate", "nope.yaml"])
    assert (result.exit_code, result.stderr) == (1, "nope.yaml: file not found\n")
    assert "Traceback" not in result.output


def test_facts_json(tiny_file: Path) -> None:
    result = runner.invoke(app, ["facts", "--json", "--facts", str(tiny_file)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["count"] == 2 and doc["license"] == "CC BY-SA 4.0"
    assert doc["facts"][1] == {
        "id": "two",
        "topic": "base",
        "statement": "Fox News reported the base on 4 September 2019.",
        "question": "On what date did Fox News report the base?",
        "answer": "4 September 2019",
        "answer_kind": "date",
        "date": "2019-09-04",
        "date_precision": "day",
        "tags": ["report"],
        "source": [1],
        "wrong_answers": ["5 September 2019"],
    }


def test_facts_filters(tiny_file: Path) -> None:
    result = runner.invoke(app, ["facts", "--json", "--tag", "report", "--facts", str(tiny_file)])
    assert [f["id"] for f in json.loads(result.stdout)["facts"]] == ["two"]
    result = runner.invoke(app, ["facts", "--json", "--topic", "strikes"])
    ids = [f["id"] for f in json.loads(result.stdout)["facts"]]
    assert "us-strike-25-february-2021" in ids and "base-country" not in ids


def test_facts_table(tiny_file: Path) -> None:
    result = runner.invoke(app, ["facts", "--facts", str(tiny_file)], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].rstrip() == "Tiny: 2 facts"
    assert "│ two  (base)" in result.stdout
    assert "│ Fox News reported the base on 4 September 2019." in result.stdout
    assert "│ 2019-09-04 │ [1]" in result.stdout and "│ Main article" in result.stdout


def test_facts_table_prints_brackets_literally(tmp_path: Path) -> None:
    """Rich markup must not eat a title such as '[Summary: ...]' or a statement's brackets."""
    path = tmp_path / "f.yaml"
    path.write_text(
        TINY.replace("title: Main article", 'title: "[Summary: bold]"').replace(
            "near Abu Kamal.", "near [red]Abu Kamal[/red]."
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["facts", "--facts", str(path)], env={"COLUMNS": "120"})
    assert "[Summary: bold]" in result.stdout
    assert "[red]Abu Kamal[/red]" in result.stdout


def test_no_color_is_respected(tiny_file: Path) -> None:
    forced = runner.invoke(app, ["facts", "--facts", str(tiny_file)], env={"FORCE_COLOR": "1"})
    assert COLOR.search(forced.stdout), "the check needs colour to appear without NO_COLOR"
    plain = runner.invoke(
        app, ["facts", "--facts", str(tiny_file)], env={"FORCE_COLOR": "1", "NO_COLOR": "1"}
    )
    assert not COLOR.search(plain.stdout)


def test_unknown_topic_is_an_error_with_a_suggestion(tiny_file: Path) -> None:
    result = runner.invoke(app, ["facts", "--topic", "bsae", "--facts", str(tiny_file)])
    assert (result.exit_code, result.stderr) == (
        1,
        "quizgen: error: no topic 'bsae' (did you mean 'base'?); topics: base\n",
    )


def test_unknown_tag(tiny_file: Path) -> None:
    result = runner.invoke(app, ["facts", "--tag", "reprot", "--facts", str(tiny_file)])
    assert result.exit_code == 1
    assert result.stderr.startswith("quizgen: error: no tag 'reprot' (did you mean 'report'?)")


def test_facts_path_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def count() -> int:
        result = runner.invoke(app, ["facts", "--json"])
        assert result.exit_code == 0, result.output
        return int(json.loads(result.stdout)["count"])

    bundled = len(factfile.load(SHIPPED).facts)
    assert count() == bundled  # nothing else: the bundled file
    (tmp_path / "facts.yaml").write_text(TINY, encoding="utf-8")
    assert count() == 2  # ./facts.yaml
    one = tmp_path / "one.yaml"
    one.write_text(edit(26, "  - id: three", TINY).split("  - id: three")[0], encoding="utf-8")
    monkeypatch.setenv("QUIZGEN_FACTS", str(one))
    assert count() == 1  # $QUIZGEN_FACTS beats ./facts.yaml
    result = runner.invoke(app, ["facts", "--json", "--facts", str(SHIPPED)])
    assert json.loads(result.stdout)["count"] == bundled  # --facts beats all
    monkeypatch.setenv("QUIZGEN_FACTS", str(tmp_path / "gone.yaml"))
    result = runner.invoke(app, ["facts"])
    assert (result.exit_code, result.stderr) == (1, f"{tmp_path / 'gone.yaml'}: file not found\n")


@pytest.mark.parametrize(
    "command", ["validate", "facts", "questions", "audit", "quiz", "review", "flashcards", "stats"]
)
def test_each_command_help_has_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert f"Example: quizgen {command}" in result.stdout


def test_main_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for command in (
        "quiz",
        "review",
        "flashcards",
        "stats",
        "questions",
        "audit",
        "facts",
        "validate",
    ):
        assert f"quizgen {command}" in text  # an example of each


@pytest.mark.slow
def test_python_dash_m(tiny_file: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "quizgen", "validate", str(tiny_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "OK: 2 facts (1 topic)\n")
    assert done.stderr.startswith("Warning: ") and "has no 'id'" in done.stderr  # TINY has none


# -- the CLI package: selection, kinds, JSON documents, help conventions, laziness --------
def _json(args: list[str]) -> dict[str, object]:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_questions_takes_a_deck_and_uses_only_its_facts() -> None:
    from quizgen.factfile import decks

    base = factfile.load(SHIPPED)
    timeline = next(
        d
        for d in decks.load_definitions(SHIPPED.parent / "decks", base)
        if d.key == "imam-ali-timeline"
    )
    in_deck = {f.id for p in decks.plan(timeline, base) for f in p.facts}
    doc = _json(
        [
            "questions",
            "--deck",
            "imam-ali-timeline",
            "--kinds",
            "typed,cloze",
            "--all",
            "--json",
            "--seed",
            "2",
        ]
    )
    facts = {f for q in doc["questions"] for f in q["fact_ids"]}  # type: ignore[attr-defined]
    assert facts and facts <= in_deck
    result = runner.invoke(app, ["questions", "--deck", "timelin"])
    assert result.exit_code == 1
    assert result.stderr.startswith("quizgen: error: no deck 'timelin'")


def test_deck_topic_and_tag_intersect() -> None:
    from quizgen.generation.selection import Which, choose

    both = choose(Which(SHIPPED, "imam-ali-complete", "strikes", "airstrike"))
    assert both.facts and all(f.topic == "strikes" and "airstrike" in f.tags for f in both.facts)
    assert len(both.facts) < len(choose(Which(SHIPPED, "imam-ali-complete", "strikes")).facts)


def test_kinds_and_choices_are_case_insensitive(tmp_path: Path) -> None:
    doc = _json(["questions", "--kinds", "MC,Tf", "-n", "4", "--seed", "1", "--json"])
    assert {q["kind"] for q in doc["questions"]} <= {"mc", "tf"}  # type: ignore[attr-defined]
    out = tmp_path / "w.html"
    result = runner.invoke(
        app, ["export", "worksheet", "-n", "2", "--paper", "Letter", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "size: letter" in out.read_text(encoding="utf-8")


def test_json_documents_share_one_shape(tiny_file: Path, tmp_path: Path) -> None:
    header = {
        "title": "Tiny",
        "version": "0.0.1",
        "license": "CC BY-SA 4.0",
        "attribution": "Test data.",
    }
    facts = _json(["facts", "--json", "--facts", str(tiny_file)])
    assert {k: facts[k] for k in header} == header and facts["count"] == 2
    args = ["-n", "3", "--seed", "5", "--facts", str(SHIPPED)]
    printed = runner.invoke(app, ["questions", "--json", *args]).stdout
    out = tmp_path / "q.json"
    assert runner.invoke(app, ["export", "json", "-o", str(out), *args]).exit_code == 0
    assert out.read_text(encoding="utf-8") == printed
    assert list(json.loads(printed))[:5] == [*header, "seed"]


def test_facts_caption_comes_from_the_fact_file(tiny_file: Path) -> None:
    result = runner.invoke(app, ["facts", "--facts", str(tiny_file)], env={"COLUMNS": "120"})
    assert "CC BY-SA 4.0: Test data. Run 'quizgen facts --json'" in result.stdout
    assert "Wikipedia" not in result.stdout


@pytest.mark.parametrize(
    "args", [[], ["quiz"], ["review"], ["export", "worksheet"], ["export", "anki"], ["facts"]]
)
def test_help_shows_booleans_as_plain_flags_and_names_no_subject(args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout and "--no-" not in result.stdout
    for word in ("Imam", "Abu Kamal", "Syria", "strikes"):
        assert word not in result.stdout


@pytest.mark.parametrize("args", [["questions"], ["export", "json"], ["export", "worksheet"]])
def test_all_is_one_option_wherever_it_is_taken(args: list[str]) -> None:
    """``--all`` is the shared option of cli/options.py: the same help in each command."""
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "--all The whole bank: every kind for every chosen fact (ignores -n)." in text


def test_command_list_matches_each_command() -> None:
    """The one-liners kept as data for a fast --help say what each command's docstring says."""
    from quizgen.cli import COMMANDS

    for entry in COMMANDS:
        result = runner.invoke(app, [entry.name, "--help"], env={"COLUMNS": "300"})
        assert " ".join(entry.help.split()) in " ".join(result.stdout.split()), entry.name


def test_unknown_command_suggests() -> None:
    result = runner.invoke(app, ["vaildate"])
    assert result.exit_code == 2 and "Did you mean 'validate'?" in result.output


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (
            ["--help"],
            [
                "quizgen.cli.fact_commands",
                "quizgen.cli.study_commands",
                "quizgen.cli.export_commands",
                "quizgen.cli.analysis_commands",
                "quizgen.analysis",
                "fsrs_rs_python",
                "yaml",
            ],
        ),
        (
            ["analyse", "--help"],
            ["quizgen.analysis", "fsrs_rs_python", "openpyxl", "quizgen.web"],
        ),
        (["optimize", "--help"], ["quizgen.analysis", "fsrs_rs_python", "fsrs"]),
        (
            ["validate"],
            [
                "quizgen.cli.study_commands",
                "quizgen.cli.question_commands",
                "quizgen.cli.export_commands",
                "rich.table",
                "questionary",
                "fsrs",
                "quizgen.items",
                "quizgen.export",
                "pydantic",
            ],
        ),
    ],
)
def test_start_up_imports_only_the_command_run(args: list[str], absent: list[str]) -> None:
    code = (
        "import sys; from quizgen.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {absent!r} if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


@pytest.mark.slow
def test_a_quiz_shows_its_first_question_without_the_grading_machinery(tmp_path: Path) -> None:
    """Grading is loaded when a reply is graded: a quiz whose input ends at once never is."""
    absent = ["quizgen.grading.spec", "quizgen.grading.verdict", "quizgen.grading.lexicon"]
    absent.append("pydantic")  # typer's reading of -n, --kinds and --home: see cli.lazy._Quick
    args = ["quiz", "--plain", "-n", "1", "--kinds", "mc", "--seed", "1", "--home", str(tmp_path)]
    code = (
        "import sys; from quizgen.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        f"print([m for m in {absent!r} if m in sys.modules])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "QUIZGEN_CACHE": "off"},
    )
    assert "Question 1 of 1" in done.stdout
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
