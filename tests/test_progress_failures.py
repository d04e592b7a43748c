"""Issue 12: the progress store says what is true when it cannot go on, and loses nothing.

A read-only folder, a read-only or another user's file, a full disk, a damaged card or
time, an answer that is not UTF-8, a home path with control characters: each is one
message saying which and what to do, with every answer saved before it still there.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from quizgen.errors import InputError
from quizgen.progress import DB_NAME, ProgressError, ProgressStore, resolve_home
from quizgen.progress.migrations import LATEST
from quizgen.scheduling.cards import Rating, after_review, new_card
from quizgen.study.stats import summarize
from tests.support.special_files import python_as_user

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
ELSEWHERE = "choose another folder with --home DIR or $QUIZGEN_HOME"


def answer(
    store: ProgressStore, session: int, response: str = "x", fact: str = "f", **extra: object
) -> None:
    store.record(
        session,
        question_id=f"typed-{fact}",
        kind="typed",
        topic="base",
        fact_ids=[fact],
        response=response,
        correct=True,
        seconds=2.0,
        answered_at=NOW,
        **extra,  # type: ignore[arg-type]
    )


def saved(home: Path) -> list[tuple[str, str]]:
    """The answers on disk, read without quizgen."""
    conn = sqlite3.connect(home / DB_NAME)
    try:
        return conn.execute("SELECT question_id, response FROM answers ORDER BY id").fetchall()
    finally:
        conn.close()


def studied(home: Path, answers: int = 3) -> None:
    with ProgressStore.open(home, set_id="s") as store:
        session = store.start_session("review", None, NOW)
        for i in range(answers):
            answer(
                store,
                session,
                fact=f"f{i}",
                cards={f"f{i}": after_review(new_card(f"f{i}", NOW), Rating.GOOD, NOW)},
            )


# -- a full disk -----------------------------------------------------------------------
def test_disk_full_says_so_and_keeps_every_earlier_answer(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path, set_id="s") as store:
        session = store.start_session("quiz", None, NOW)
        answer(store, session, "first")
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
        with pytest.raises(ProgressError) as info:
            answer(store, session, "y" * 20_000)
        assert not store.conn.in_transaction
    assert str(info.value) == (
        f"disk full: the last answer was not saved ({tmp_path / DB_NAME}); free some space "
        "and go on: every earlier answer is kept"
    )
    assert saved(tmp_path) == [("typed-f", "first")]


# -- read-only folder, read-only file, another user's file ----------------------------
PROBE = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from quizgen.errors import QuizgenError
from quizgen.progress import ProgressStore
from quizgen.study.stats import summarize
home, now = Path(sys.argv[1]), datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
try:
    with ProgressStore.open(home, set_id="s", readonly=True) as store:
        print("read:", summarize(store, now).total.answered)
    with ProgressStore.open(home, set_id="s") as store:
        store.start_session("quiz", None, now)
    print("wrote")
except QuizgenError as exc:
    print("error:", exc)
"""


def probe(home: Path) -> list[str]:
    done = python_as_user(PROBE, str(home), cwd=Path(__file__).parent.parent)
    assert done.stderr == "", done.stderr
    return done.stdout.splitlines()


def test_read_only_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    studied(home)
    before = (home / DB_NAME).read_bytes()
    home.chmod(0o555)
    try:
        assert probe(home) == [
            "read: 3",  # stats works on a read-only folder
            f"error: progress folder {home} is read-only; quizgen cannot save your answers "
            f"there: make it writable or {ELSEWHERE}",
        ]
    finally:
        home.chmod(0o755)
    assert (home / DB_NAME).read_bytes() == before


def test_read_only_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    studied(home)
    (home / DB_NAME).chmod(0o444)
    before = (home / DB_NAME).read_bytes()
    assert probe(home) == [
        "read: 3",
        f"error: progress file {home / DB_NAME} is read-only (mode 444); make it writable "
        f"(chmod u+w) or {ELSEWHERE} (the session was not started)",
    ]
    assert (home / DB_NAME).read_bytes() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_another_users_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    studied(home)
    os.chown(home / DB_NAME, 65534, 65534)
    before = (home / DB_NAME).read_bytes()
    lines = probe(home)
    assert lines[0] == "read: 3"
    assert lines[1].startswith(f"error: progress file {home / DB_NAME} belongs to another user (")
    assert lines[1].endswith(
        f"); quizgen cannot save your answers in it: {ELSEWHERE} (the session was not started)"
    )
    assert (home / DB_NAME).read_bytes() == before


def test_reading_never_creates_anything(tmp_path: Path) -> None:
    home = tmp_path / "not-yet"
    with ProgressStore.open(home, set_id="s", readonly=True) as store:
        figures = summarize(store, NOW)
    assert figures.total.answered == 0 and not home.exists()


def test_reading_an_older_schema_upgrades_it_where_it_can(tmp_path: Path) -> None:
    studied(tmp_path)
    conn = sqlite3.connect(tmp_path / DB_NAME)
    # undo migrations 6, 5, 4 and 3, as a file made by a quizgen of schema 2 has them
    for sql in (
        "DROP TABLE tuning",
        "DROP INDEX answers_rated",
        "ALTER TABLE answers DROP COLUMN overruled",
        "DROP INDEX answers_missed",
        "ALTER TABLE cards DROP COLUMN lapses",
        "DROP TABLE taken",
        "DROP TABLE meta",
        "PRAGMA user_version = 2",
    ):
        conn.execute(sql)
    conn.commit()
    conn.close()
    with ProgressStore.open(tmp_path, set_id="s", readonly=True) as store:
        assert summarize(store, NOW).total.answered == 3
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST


# -- damage in rows ----------------------------------------------------------------------
def damage(home: Path, sql: str) -> None:
    conn = sqlite3.connect(home / DB_NAME)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "card,why",
    [
        ("{not json", "JSONDecodeError: Expecting property name enclosed in double quotes"),
        ("[]", "TypeError: list indices must be integers"),
        ('{"card_id": 1}', "KeyError"),
        (
            '{"card_id": 1, "state": 2, "step": null, "stability": 3.1, "difficulty": 5.0, '
            '"due": "2026-03-04T09:30:00", "last_review": null}',
            "ValueError: a time without a time zone",
        ),
        (
            '{"card_id": 1, "state": 2, "step": "x", "stability": 3.1, "difficulty": 5.0, '
            '"due": "2026-03-04T09:30:00+00:00", "last_review": null}',
            "ValueError: step 'x' is not a whole number",
        ),
        (
            '{"card_id": 1, "state": 2, "step": null, "stability": "NaN", "difficulty": 5.0, '
            '"due": "2026-03-04T09:30:00+00:00", "last_review": null}',
            "ValueError: stability or difficulty is not a number",
        ),
    ],
)
def test_a_damaged_card_is_reported_with_its_fix(tmp_path: Path, card: str, why: str) -> None:
    studied(tmp_path)
    damage(tmp_path, f"UPDATE cards SET card = '{card}' WHERE fact_id = 'f1'")
    before = (tmp_path / DB_NAME).read_bytes()
    with ProgressStore.open(tmp_path, set_id="s") as store, pytest.raises(ProgressError) as info:
        store.cards()
    message = str(info.value)
    path = tmp_path / DB_NAME
    assert message.startswith(f"{path}: the card of fact 'f1' is damaged ({why}")
    fix = (
        f"quizgen has not changed the file. To study that fact afresh and keep everything "
        f"else, delete its card: sqlite3 '{path}' \"DELETE FROM cards WHERE set_id = 's' "
        "AND fact_id = 'f1'\""
    )
    assert message.endswith(fix)
    assert (tmp_path / DB_NAME).read_bytes() == before
    # The fix given works: the other cards and every answer are kept.
    damage(tmp_path, "DELETE FROM cards WHERE set_id = 's' AND fact_id = 'f1'")
    with ProgressStore.open(tmp_path, set_id="s") as store:
        assert sorted(store.cards()) == ["f0", "f2"] and len(store.answers()) == 3


@pytest.mark.parametrize("due", ["yesterday", "2026-03-01T09:30:00", "NULL"])
def test_a_damaged_due_date(tmp_path: Path, due: str) -> None:
    studied(tmp_path)
    # NOT NULL in the schema: a "NULL" due date is damaged into a blob instead
    value = "x'00'" if due == "NULL" else f"'{due}'"
    damage(tmp_path, f"UPDATE cards SET due = {value} WHERE fact_id = 'f2'")
    with (
        ProgressStore.open(tmp_path, set_id="s", readonly=True) as store,
        pytest.raises(ProgressError, match="the due date of fact 'f2' is damaged"),
    ):
        summarize(store, NOW)


def test_a_damaged_answer_time(tmp_path: Path) -> None:
    studied(tmp_path)
    damage(tmp_path, "UPDATE answers SET answered_at = 'last Tuesday' WHERE rowid = 2")
    with (
        ProgressStore.open(tmp_path, set_id="s", readonly=True) as store,
        pytest.raises(ProgressError) as info,
    ):
        summarize(store, NOW)
    assert str(info.value) == (
        f"{tmp_path / DB_NAME}: answer 2 is damaged: 'last Tuesday' where its time belongs; "
        "quizgen has not changed the file. Delete that answer and keep everything else with: "
        f"sqlite3 '{tmp_path / DB_NAME}' \"DELETE FROM answers WHERE id = 2\""
    )


# -- answers that are not UTF-8, homes with control characters ------------------------
def test_an_answer_that_was_not_utf8_is_saved(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path, set_id="s") as store:
        session = store.start_session("quiz", "s\udcff", NOW)
        answer(store, session, "Caf\udce9")  # b"Caf\xe9" read with surrogateescape
        answer(store, session, "x\ud800y")  # a lone surrogate from anywhere else
    assert saved(tmp_path) == [("typed-f", "Caf\ufffd"), ("typed-f", "x\ufffd\ufffd\ufffdy")]
    assert json.dumps(saved(tmp_path))  # plain, valid text


@pytest.mark.parametrize("value", ["\x01\x02", "home\x1b]0;x\x07", "a\u202eb"])
def test_home_with_control_characters_is_refused(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as info:
        resolve_home(environ={"QUIZGEN_HOME": value})
    assert str(info.value).startswith("$QUIZGEN_HOME is '")
    assert str(info.value).endswith(": give a folder's path without control characters")
    assert "\x1b" not in str(info.value) and "\x01" not in str(info.value)
    with pytest.raises(InputError, match=r"^--home is"):
        resolve_home(value)
    assert list(tmp_path.iterdir()) == []


def test_an_old_answer_naming_its_facts_wrongly_is_left_unclaimed(tmp_path: Path) -> None:
    studied(tmp_path)
    damage(
        tmp_path,
        "INSERT INTO answers (set_id, session_id, question_id, kind, topic, "
        "fact_ids, response, correct, seconds, answered_at) VALUES ('', 1, 'q', 'mc', "
        "'base', 42, 'x', 1, 1.0, '2026-03-01T09:30:00+00:00')",
    )
    with ProgressStore.open(tmp_path, set_id="s", fact_ids=["f0", "f1"]) as store:
        assert len(store.answers()) == 3  # the damaged row is kept, and not claimed
