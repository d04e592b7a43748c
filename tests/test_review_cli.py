"""review, flashcards and stats through the CLI: scheduling, history by fact id, errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from quizgen.cli import app
from tests.support.data import SMALL

runner = CliRunner()


def stats(home: Path, facts: Path) -> dict[str, object]:
    result = runner.invoke(app, ["stats", "--json", "--home", str(home), "--facts", str(facts)])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_review_schedules_and_history_follows_the_fact_id(tmp_path: Path) -> None:
    home, facts = tmp_path / "home", tmp_path / "facts.yaml"
    facts.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "review",
            "--order",
            "file",
            "--plain",
            "--new",
            "2",
            "--kinds",
            "typed",
            "--home",
            str(home),
            "--facts",
            str(facts),
        ],
        input="Abu Kamal\n4\nHusaybah\n4\n",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Reviewing 0 due and 2 new facts.")
    assert "Score: 2 of 2 (100%)" in result.stdout and " · next review: " in result.stdout
    conn = sqlite3.connect(home / "progress.sqlite3")
    assert sorted(f for (f,) in conn.execute("SELECT fact_id FROM cards")) == [
        "crossing-town",
        "town",
    ]
    assert stats(home, facts)["facts_studied"] == 2
    # Reword one fact: its history stays. Remove the other: no longer scheduled.
    text = facts.read_text(encoding="utf-8")
    text = text.replace(
        "The base was near the town of Abu Kamal.", "The base stood near the town of Abu Kamal."
    )
    start = text.index("  - id: crossing-town")
    text = text[:start] + text[text.index("  - id: airstrike-town") :]
    facts.write_text(text, encoding="utf-8")
    assert stats(home, facts)["facts_studied"] == 1
    again = runner.invoke(
        app, ["review", "--plain", "--new", "0", "--home", str(home), "--facts", str(facts)]
    )
    assert again.stdout.startswith("Nothing is due now and --new 0 asks for no new facts.")


def test_flashcards_record_self_grades(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "flashcards",
            "--order",
            "file",
            "--plain",
            "--new",
            "2",
            "--home",
            str(tmp_path),
            "--facts",
            str(SMALL),
        ],
        input="\n4\n\nagain\n",
    )
    assert result.exit_code == 0, result.output
    assert "Cards: 2 (1 Again, 1 Easy)" in result.stdout
    conn = sqlite3.connect(tmp_path / "progress.sqlite3")
    assert [r for (r,) in conn.execute("SELECT rating FROM answers ORDER BY id")] == [4, 1]


def test_a_foreign_progress_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "progress.sqlite3").write_text("my shopping list\n", encoding="utf-8")
    for command in (["quiz", "-n", "1"], ["review"], ["stats"], ["flashcards"]):
        result = runner.invoke(
            app,
            [*command, "--plain", "--home", str(tmp_path)]
            if command[0] != "stats"
            else [*command, "--home", str(tmp_path)],
            input="1\n",
        )
        assert result.exit_code == 1, command
        assert result.stderr.startswith(
            f"quizgen: error: {tmp_path / 'progress.sqlite3'} is "
            "not a usable quizgen progress database"
        )
        assert "Traceback" not in result.output
    assert (tmp_path / "progress.sqlite3").read_text(encoding="utf-8") == "my shopping list\n"


def test_stats_on_a_fresh_home(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--home", str(tmp_path)])
    assert result.exit_code == 0
    assert "No answers yet" in result.stdout


def test_review_rejects_multi_fact_kinds(tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", "--kinds", "timeline", "--home", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (
        "quizgen: error: review asks one fact at a time: use kinds from typed,cloze,mc,tf\n"
    )


def test_deck_option_limits_the_facts(tmp_path: Path) -> None:
    from tests.support.data import SHIPPED

    result = runner.invoke(
        app,
        [
            "quiz",
            "--plain",
            "-n",
            "40",
            "--kinds",
            "typed",
            "--deck",
            "classroom-starter",
            "--seed",
            "1",
            "--home",
            str(tmp_path),
            "--facts",
            str(SHIPPED),
        ],
        input="",
    )
    assert result.exit_code == 0, result.output
    # the deck's facts whose answers can be typed, as many as one quiz can ask without
    # one question giving another's answer away (the note says so)
    from quizgen.generation import selection

    made = selection.questions(
        selection.Which(SHIPPED, "classroom-starter"), kinds="typed", n=40, seed="1"
    )
    deck = {f.id for f in selection.choose(selection.Which(SHIPPED, "classroom-starter")).facts}
    assert {i for q in made.items for i in q.fact_ids} <= deck
    assert f"Input ended after 0 of {len(made.items)} questions" in result.stdout
    assert result.stdout.startswith(f"Only {len(made.items)} of the 40 questions asked for: ")
    bad = runner.invoke(
        app, ["review", "--deck", "clasroom", "--home", str(tmp_path), "--facts", str(SHIPPED)]
    )
    assert bad.exit_code == 1
    assert bad.stderr.startswith(
        "quizgen: error: no deck 'clasroom' (did you mean 'classroom-starter'?)"
    )


def test_two_fact_files_with_the_same_fact_ids_keep_separate_progress(tmp_path: Path) -> None:
    home, other = tmp_path / "home", tmp_path / "other.yaml"
    other.write_text("id: small-again\n" + SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    first = runner.invoke(
        app,
        [
            "review",
            "--order",
            "file",
            "--plain",
            "--new",
            "2",
            "--kinds",
            "typed",
            "--home",
            str(home),
            "--facts",
            str(SMALL),
        ],
        input="Abu Kamal\n\nHusaybah\n\n",
    )
    assert first.exit_code == 0, first.output
    second = runner.invoke(
        app,
        [
            "review",
            "--order",
            "file",
            "--plain",
            "--new",
            "1",
            "--kinds",
            "typed",
            "--home",
            str(home),
            "--facts",
            str(other),
        ],
        input="wrong\n\n",
    )
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith("Reviewing 0 due and 1 new fact.")  # not the first's
    mine, theirs = stats(home, SMALL), stats(home, other)
    assert (mine["answered"], mine["correct"], mine["facts_studied"]) == (2, 2, 2)
    assert (theirs["answered"], theirs["correct"], theirs["facts_studied"]) == (1, 0, 1)
    conn = sqlite3.connect(home / "progress.sqlite3")
    assert conn.execute("SELECT set_id, fact_id FROM cards ORDER BY 1, 2").fetchall() == [
        ("small", "crossing-town"),
        ("small", "town"),
        ("small-again", "town"),
    ]


def test_stats_on_a_home_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "x"
    result = runner.invoke(app, ["stats", "--home", str(missing)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"quizgen: error: {missing}: no such folder")
    assert not missing.exists() and not missing.parent.exists()
    env = runner.invoke(app, ["stats"], env={"QUIZGEN_HOME": str(missing)})
    assert env.exit_code == 1 and not missing.exists()
    # An existing folder with nothing saved yet is no error, and stays empty.
    empty = runner.invoke(app, ["stats", "--home", str(tmp_path)])
    assert empty.exit_code == 0 and "No answers yet" in empty.stdout
    assert not list(tmp_path.iterdir())  # stats made nothing


def test_stats_plain_tables_and_json_weak_spots(tmp_path: Path) -> None:
    runner.invoke(
        app,
        [
            "review",
            "--order",
            "file",
            "--plain",
            "--new",
            "2",
            "--kinds",
            "typed",
            "--home",
            str(tmp_path),
            "--facts",
            str(SMALL),
        ],
        input="wrong\n\nHusaybah\n\n",
    )
    shown = runner.invoke(app, ["stats", "--home", str(tmp_path), "--facts", str(SMALL)])
    assert shown.exit_code == 0, shown.output
    assert "Due in the next 30 days\n  Day" in shown.stdout  # not a terminal: tables
    assert (
        "Most missed (quizgen quiz --missed drills them)\n  - town: missed 1 of 1" in shown.stdout
    )
    doc = stats(tmp_path, SMALL)
    assert doc["most_missed"] == [{"fact_id": "town", "missed": 1, "asked": 1}]
    forecast = doc["forecast"]
    assert isinstance(forecast, list) and len(forecast) == 30


def test_quiz_missed_drills_until_right(tmp_path: Path) -> None:
    args = ["--home", str(tmp_path), "--facts", str(SMALL)]
    runner.invoke(
        app,
        ["review", "--order", "file", "--plain", "--new", "2", "--kinds", "typed", *args],
        input="wrong\n\nwrong\n\n",
    )
    drill = runner.invoke(
        app,
        ["quiz", "--missed", "--plain", "--kinds", "typed,timeline", *args],
        input="Husaybah\nwrong\nAbu Kamal\n",
    )
    assert drill.exit_code == 0, drill.output
    assert drill.stdout.startswith("Drilling 2 missed facts until each is answered right once.")
    assert "Each of the 2 is now answered right." in drill.stdout
    nothing = runner.invoke(app, ["quiz", "--missed", "--plain", *args], input="")
    assert nothing.stdout.startswith("Nothing to drill")


def test_the_day_starts_option_and_variable(tmp_path: Path) -> None:
    args = ["--plain", "--home", str(tmp_path), "--facts", str(SMALL)]
    for given in (["--day-starts", "6"], []):
        result = runner.invoke(
            app,
            ["flashcards", "--new", "1", *given, *args],
            input="\n4\n",
            env={"QUIZGEN_DAY_STARTS": "5:00"},
        )
        assert result.exit_code == 0, result.output
    bad = runner.invoke(app, ["review", "--day-starts", "24", *args])
    assert bad.exit_code == 2 and "is not an hour from 0 to 23" in bad.output
