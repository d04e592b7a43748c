"""``quizgen optimize`` on a learner's own progress folder, and what review does afterwards.

The learner is the README's: 80 facts of the bundled file reviewed for 200 days by
someone who forgets far sooner after a first review than FSRS's defaults assume
(tests/support/simulated.py), stored as quizgen did before fitted parameters, so the
first open migrates the folder as it would a real learner's.
"""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizgen.analysis import fitting, learner
from quizgen.cli import app
from quizgen.cli.analysis_commands import optimize_lines
from quizgen.factfile.paths import bundled_facts
from quizgen.progress import ProgressStore
from quizgen.scheduling.cards import Rating, Tuning, after_review, card_from_json
from quizgen.scheduling.localzone import LOCAL
from tests.support.cli import one_line, run_quizgen
from tests.support.data import shipped_base
from tests.support.simulated import README, readme_learner

runner = CliRunner()
LEARNER = README / "learner"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A copy of the README learner's folder (opening a store migrates it in place)."""
    target = tmp_path / "learner"
    shutil.copytree(LEARNER, target)
    return target


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def invoke(*args: str | Path) -> str:
    result = runner.invoke(app, [*map(str, args)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_readme_learner_is_the_simulation(tmp_path: Path) -> None:
    made = tmp_path / "made"
    readme_learner(made)
    query = (
        "SELECT question_id, fact_ids, response, correct, rating, answered_at FROM answers "
        "ORDER BY id"
    )
    rows = [
        sqlite3.connect(folder / "progress.sqlite3").execute(query).fetchall()
        for folder in (made, LEARNER)
    ]
    assert rows[0] == rows[1] and len(rows[0]) > 700
    version = sqlite3.connect(LEARNER / "progress.sqlite3").execute("PRAGMA user_version")
    assert version.fetchone()[0] == 4  # from before fitted parameters: opening migrates it


def test_a_learner_unlike_the_defaults_gets_a_better_fit_that_review_then_uses(
    home: Path, offline: None
) -> None:
    out = invoke("optimize", "--home", home)
    assert out.startswith("Fitted FSRS to your reviews with Anki's optimizer: ")
    assert "The fitted parameters predict your reviews better" in out
    document = json.loads(invoke("stats", "--json", "--home", home))["fsrs"]
    assert document["parameters"] == "fitted" and document["last_fit"]["kept"] is True
    before, after = document["last_fit"]["log_loss"]
    assert after < before
    with ProgressStore.for_facts(home, shipped_base()) as store:
        stored = store.tuning()
        tuning = store.schedule_tuning()
    assert stored.parameters is not None and tuning.parameters == stored.parameters
    assert tuning.parameters != tuple(fitting.defaults())
    # The schedule uses them: a review now reschedules by the fitted parameters.
    with ProgressStore.for_facts(home, shipped_base()) as store:
        cards = store.cards()
    first = min(cards, key=lambda f: (cards[f].due, f))
    answer = shipped_base().fact(first).answer
    result = runner.invoke(
        app,
        ["review", "--plain", "--kinds", "typed", "--limit", "1", "--new", "0", "--home",
         str(home)],
        input=f"{answer}\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(home / "progress.sqlite3")
    (rating, at) = conn.execute(
        "SELECT rating, answered_at FROM answers ORDER BY id DESC LIMIT 1"
    ).fetchone()
    (card,) = conn.execute("SELECT card FROM cards WHERE fact_id = ?", (first,)).fetchone()
    moment = datetime.fromisoformat(at)
    fitted = after_review(cards[first], Rating(rating), moment, tuning)
    default = after_review(cards[first], Rating(rating), moment)
    assert card_from_json(card).due == fitted.due != default.due


def test_too_few_reviews_are_refused_politely_and_change_nothing(tmp_path: Path) -> None:
    home = tmp_path / "new"
    out = invoke("optimize", "--home", home)
    assert out.startswith(
        "Not fitted yet: 0 of your reviews can be used for fitting (a review counts when it "
        "falls on a later day than the fact's review before it); the optimizer needs at least "
        "400, as Anki's does. Keep reviewing: 400 more will do. The schedule is unchanged."
    )
    assert "desired retention 90%:" in out and "(yours)" in out
    count = sqlite3.connect(home / "progress.sqlite3").execute("SELECT count(*) FROM tuning")
    assert count.fetchone()[0] == 0


def test_a_desired_retention_is_kept_and_reset_returns_to_the_defaults(home: Path) -> None:
    out = invoke("optimize", "--retention", "0.85", "--home", home)
    assert "desired retention 85%:" in out and out.count("(yours)") == 1
    assert "85%: " in next(line for line in out.splitlines() if "(yours)" in line)
    with ProgressStore.for_facts(home, shipped_base()) as store:
        assert store.schedule_tuning().retention == 0.85
    stats = invoke("stats", "--home", home)
    assert "Desired retention: 85%." in stats
    out = invoke("optimize", "--reset", "--home", home)
    assert out.startswith("Back to FSRS's default parameters")
    with ProgressStore.for_facts(home, shipped_base()) as store:
        assert store.schedule_tuning() == Tuning()


@pytest.mark.slow  # a process of its own, as a user runs it
@pytest.mark.parametrize("value", ["0.5", "1", "abc"])
def test_a_retention_out_of_range_is_one_line(tmp_path: Path, value: str) -> None:
    run = run_quizgen("optimize", "--retention", value, "--home", tmp_path / "h")
    err = run.stderr.decode()
    assert "Traceback" not in err and run.returncode != 0
    if value != "abc":
        assert "outside 0.70-0.99" in one_line(run)


def test_a_fit_that_is_not_better_keeps_what_was_in_use(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = fitting.fit

    def worse(*args: object, **kwargs: object) -> fitting.Fit:
        fit = real(*args, **kwargs)  # type: ignore[arg-type]
        return replace(fit, parameters=fit.parameters, improved=False)

    monkeypatch.setattr(fitting, "fit", worse)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with ProgressStore.for_facts(home, shipped_base()) as store:
        done = learner.optimize(store, now=now, zone=UTC, rollover=4, facts=160)
        assert done.fit is not None and not done.fit.improved
        assert store.tuning().parameters is None and store.tuning().fit is not None
        note = learner.note(store, 4, UTC)
    assert note.line is not None and "was not better than FSRS's defaults, which stay" in note.line
    assert "not better than the parameters in use" in "\n".join(optimize_lines(done))


def test_the_stats_note_comes_once_a_fit_can_be_made(home: Path, tmp_path: Path) -> None:
    stats = invoke("stats", "--plain", "--home", home)
    assert "FSRS can now be fitted to your memory: " in stats
    assert "Run 'quizgen optimize'" in stats
    invoke("optimize", "--home", home)
    stats = invoke("stats", "--plain", "--home", home)
    assert "Scheduling with FSRS parameters fitted to " in stats
    (tmp_path / "new").mkdir()
    fresh = invoke("stats", "--plain", "--home", tmp_path / "new", "--facts", bundled_facts())
    assert "FSRS" not in fresh


@pytest.mark.parametrize("rollover", [0, 4, 23])
def test_sqlites_count_of_usable_reviews_is_the_fits(home: Path, rollover: int) -> None:
    with ProgressStore.for_facts(home, shipped_base()) as store:
        counted = store.fit_reviews(rollover)
        log = learner.review_log(store.rated_answers(), LOCAL, rollover)
    assert counted == len(fitting.training_histories(log)) > fitting.MIN_ITEMS


@pytest.mark.slow  # a process of its own, as a user runs it
def test_damaged_stored_parameters_are_one_line(home: Path) -> None:
    invoke("optimize", "--home", home)
    conn = sqlite3.connect(home / "progress.sqlite3")
    conn.execute("UPDATE tuning SET parameters = '[1, 2, 3]'")
    conn.commit()
    conn.close()
    run = run_quizgen("review", "--plain", "--home", home, stdin=b"")
    assert "fsrs refuses the FSRS parameters stored" in one_line(run)
    assert "'quizgen optimize --reset' goes back to the defaults" in one_line(run)
    conn = sqlite3.connect(home / "progress.sqlite3")
    conn.execute("UPDATE tuning SET parameters = 'not json'")
    conn.commit()
    conn.close()
    run = run_quizgen("stats", "--home", home)
    assert "the FSRS parameters stored for this fact set are damaged" in one_line(run)
    assert invoke("optimize", "--reset", "--home", home).startswith("Back to FSRS's default")


def test_a_damaged_review_is_named_with_its_fix(home: Path) -> None:
    with ProgressStore.for_facts(home, shipped_base()):
        pass  # migrated first, as any command would
    conn = sqlite3.connect(home / "progress.sqlite3")
    (row,) = conn.execute("SELECT min(id) FROM answers WHERE rating IS NOT NULL").fetchone()
    conn.execute("UPDATE answers SET answered_at = 'yesterday' WHERE id = ?", (row,))
    conn.commit()
    conn.close()
    result = runner.invoke(app, ["optimize", "--home", str(home)])
    assert result.exit_code == 1
    assert f"answer {row} is damaged" in result.output
    assert f"SELECT * FROM answers WHERE id = {row}" in result.output
