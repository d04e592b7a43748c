"""Small promises of the command line, through real processes: the seed a quiz prints,
why -n gives fewer, --topic in any case, --facts on validate and revise, the id warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import one_line, project, run_quizgen
from tests.support.data import SMALL, TINY

pytestmark = pytest.mark.slow


def test_quiz_prints_its_seed_and_the_seed_repeats_it(tmp_path: Path) -> None:
    args = ("quiz", "--plain", "-n", "3", "--kinds", "mc", "--facts", SMALL, "--home", tmp_path)
    first = run_quizgen(*args, stdin=b"").stdout.decode()
    seed = first.split("Seed: ")[1].split(" ")[0]
    assert f"(the same options with --seed {seed} ask these questions again)" in first
    again = run_quizgen(*args, "--seed", seed, stdin=b"").stdout.decode()
    assert (
        again.split("Question 1 of 3")[1].split("\n")[:7]
        == first.split("Question 1 of 3")[1].split("\n")[:7]
    )


def test_more_questions_than_the_facts_allow_says_why(tmp_path: Path) -> None:
    run = run_quizgen(
        "quiz",
        "--plain",
        "-n",
        "40",
        "--kinds",
        "typed",
        "--seed",
        "1",
        "--facts",
        SMALL,
        "--home",
        tmp_path,
        stdin=b"",
    )
    out = run.stdout.decode()
    first = out.splitlines()[0]
    assert first.startswith("Only ") and first.endswith(
        "of the 40 questions asked for: the 16 facts chosen allow no more of these kinds "
        "(typed answer) without asking a fact twice or giving one question's answer away in "
        "another. Ask for fewer, or choose more facts."
    ), out
    total = int(first.split()[1])
    assert f"Question 1 of {total} · " in out
    # the same seed: the line names the rule that refused most, which is the seed's
    shown = run_quizgen(
        "questions", "-n", "40", "--kinds", "typed", "--seed", "1", "--facts", SMALL
    )
    assert shown.stdout.decode().startswith(first + "\n\n")
    enough = run_quizgen("questions", "-n", "3", "--kinds", "typed", "--facts", SMALL)
    assert not enough.stdout.decode().startswith("Only ")


def test_topics_and_tags_in_any_case_or_by_name() -> None:
    def ids(*option: str) -> str:
        run = run_quizgen("facts", "--json", *option)
        assert run.returncode == 0, run.stderr
        return run.stdout.decode()

    assert ids("--topic", "Strikes") == ids("--topic", "strikes") == ids("--topic", "STRIKES")
    assert ids("--topic", "strikes on the base") == ids("--topic", "strikes")
    assert ids("--tag", "Biden") == ids("--tag", "biden")
    one_line(
        run_quizgen("quiz", "--topic", "Strike", "--plain"),
        "quizgen: error: no topic 'Strike' (did you mean 'strikes'?); topics: base, "
        "construction, strikes, places, groups, conflicts, events",
    )


def test_validate_and_revise_take_facts_like_every_command(tmp_path: Path) -> None:
    facts = project(tmp_path)
    facts.write_text("id: tiny\n" + TINY, encoding="utf-8")
    by_option = run_quizgen("validate", "--facts", facts)
    assert by_option.returncode == 0 and by_option.stdout == b"OK: 2 facts (1 topic), 1 deck\n"
    assert run_quizgen("validate", facts).stdout == by_option.stdout
    revised = run_quizgen("revise", "--facts", facts)
    assert revised.returncode == 0, revised.stderr
    assert revised.stdout.decode().endswith("decks/quizgen.lock: 2 facts\n")
    other = tmp_path / "other.yaml"
    other.write_text(TINY, encoding="utf-8")
    one_line(
        run_quizgen("validate", other, "--facts", facts),
        f"quizgen: error: two fact files given ({other} and --facts {facts}): give one, either way",
    )


def test_validate_warns_when_the_fact_file_has_no_id(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(TINY, encoding="utf-8")
    run = run_quizgen("validate", "--facts", mine)
    assert run.returncode == 0 and run.stdout == b"OK: 2 facts (1 topic)\n"
    assert run.stderr.decode() == (
        f"Warning: {mine} has no 'id': its progress is kept under 'tiny', made from its "
        "title, so a new title would leave that progress behind; add the line 'id: tiny' "
        "at the top to keep it\n"
    )
    mine.write_text("id: tiny\n" + TINY, encoding="utf-8")
    assert run_quizgen("validate", "--facts", mine).stderr == b""
