"""Review as the learner drives it, in real processes with ``$QUIZGEN_NOW`` for the time:
every fact taken is asked, ratings can be changed, new facts capped at Good, their order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.study.recording import order_new
from tests.support.cli import one_line, progress_rows, run_quizgen
from tests.support.data import SMALL, TINY

pytestmark = pytest.mark.slow

# TINY and two facts no question kind can ask: a phrase and coordinates, neither with
# wrong answers to offer; review must still ask them (as self-graded cards).
UNASKABLE = (
    TINY
    + """\
  - id: aim
    topic: base
    statement: The project aimed at building tunnels.
    question: What did the project aim at?
    answer: building tunnels
    answer_kind: text
    tags: [aim]
    source: [main]
  - id: where
    topic: base
    statement: The base stood at 34.4N 40.9E.
    question: Where did the base stand?
    answer: 34.4N 40.9E
    answer_kind: coordinates
    tags: [location]
    source: [main]
"""
)
MORNING = "2026-03-02T09:00:00+00:00"
NEXT_WEEK = "2026-03-12T09:00:00+00:00"


def review(home: Path, facts: Path, replies: str, now: str, *more: str) -> str:
    run = run_quizgen(
        "review",
        "--plain",
        "--order",
        "file",
        "--kinds",
        "typed",
        "--home",
        home,
        "--facts",
        facts,
        *more,
        stdin=replies.encode(),
        env={"QUIZGEN_NOW": now},
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.decode()


def test_every_fact_taken_is_asked_and_ratings_can_be_changed(tmp_path: Path) -> None:
    facts = tmp_path / "facts.yaml"
    facts.write_text(UNASKABLE, encoding="utf-8")
    replies = [
        "Abu Kamal",  # right and fast, but new: Good, not Easy
        "",  # Enter keeps Good
        "4 September 2019",  # right
        "4",  # the learner chooses Easy
        "",  # card: reveal
        "3",  # Good
        "",  # card: reveal
        "1",  # Again
    ]
    out = review(tmp_path, facts, "\n".join(replies) + "\n", MORNING, "--new", "4")
    assert out.startswith("Reviewing 0 due and 4 new facts.\n"), out
    assert "Question 1 of 4 · Typed answer" in out
    assert "Card 3 of " in out and "Q: What did the project aim at?" in out
    assert "Card 4 of " in out and "Q: Where did the base stand?" in out
    assert "Rated Good: next review in 10m." in out  # Abu Kamal, capped
    assert "Rating: Good. Enter keeps it; to change it: 1 Again 1m · 2 Hard 6m" in out
    assert "Rated Easy: next review in 8d." in out  # changed by the learner
    ratings = progress_rows(tmp_path, "SELECT fact_ids, rating FROM answers ORDER BY id")
    assert ratings[:4] == [("one", 3), ("two", 4), ("aim", 3), ("where", 1)]
    due = {str(f): str(d) for f, d in progress_rows(tmp_path, "SELECT fact_id, due FROM cards")}
    assert str(due["two"]).startswith("2026-03-10")  # Easy: 8 days from the morning
    # A week later everything is due again and is asked: nothing is left "due" unasked.
    later = review(tmp_path, facts, "", NEXT_WEEK, "--new", "0")
    assert later.startswith("Reviewing 4 due and 0 new facts.\n"), later
    args = ("stats", "--json", "--home", tmp_path, "--facts", facts)
    now = json.loads(run_quizgen(*args, env={"QUIZGEN_NOW": MORNING}).stdout)
    later = json.loads(run_quizgen(*args, env={"QUIZGEN_NOW": NEXT_WEEK}).stdout)
    assert (now["due_today"], later["due_today"]) == (3, 4)


def test_a_lucky_guess_on_a_new_fact_is_at_most_good_unless_chosen(tmp_path: Path) -> None:
    out = review(tmp_path, SMALL, "Abu Kamal\n\n", MORNING, "--new", "1")
    assert "Rated Good: next review in 10m." in out and "Easy" not in out.split("Rating:")[0]


def test_new_facts_come_in_a_fixed_random_order_or_the_files(tmp_path: Path) -> None:
    base = factfile.load(SMALL)
    shuffled = [f.id for f in order_new(base.facts, "random", base.id)]
    assert shuffled != [f.id for f in base.facts] and sorted(shuffled) == sorted(
        f.id for f in base.facts
    )
    run = run_quizgen(
        "flashcards",
        "--plain",
        "--new",
        "3",
        "--home",
        tmp_path,
        "--facts",
        SMALL,
        stdin=b"\n4\n\n4\n\n4\n",
        env={"QUIZGEN_NOW": MORNING},
    )
    assert run.returncode == 0, run.stderr
    studied = [f for (f,) in progress_rows(tmp_path, "SELECT fact_ids FROM answers ORDER BY id")]
    assert studied == shuffled[:3]
    by_file = run_quizgen(
        "review",
        "--order",
        "file",
        "--plain",
        "--new",
        "1",
        "--home",
        tmp_path / "b",
        "--facts",
        SMALL,
        stdin=b"x\n\n",
    )
    assert by_file.returncode == 0
    assert progress_rows(tmp_path / "b", "SELECT fact_ids FROM answers") == [(base.facts[0].id,)]
    bad = run_quizgen("review", "--order", "shuffled", "--home", tmp_path)
    assert bad.returncode == 2 and b"'shuffled' is not one of 'file', 'random'" in bad.stderr


def test_quizgen_now_is_checked(tmp_path: Path) -> None:
    run = run_quizgen("stats", "--home", tmp_path, env={"QUIZGEN_NOW": "next tuesday"})
    one_line(
        run,
        "quizgen: error: QUIZGEN_NOW: 'next tuesday' is not a date and time; write it as "
        "2026-03-08T09:00 (local time) or 2026-03-08T09:00+01:00",
    )
