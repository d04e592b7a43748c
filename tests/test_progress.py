"""The progress store: migrations, atomic answers, and files that are not ours."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizgen.progress import (
    APPLICATION_ID,
    DB_NAME,
    LATEST,
    ProgressError,
    ProgressStore,
    integrity,
    resolve_home,
)
from quizgen.scheduling.cards import Rating, after_review, new_card
from quizgen.study.stats import summarize

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
SET = "small"


def record(
    store: ProgressStore, session: int, fact: str = "f", correct: bool = True, **extra: object
) -> None:
    store.record(
        session,
        question_id=f"mc-{fact}",
        kind="mc",
        topic="base",
        fact_ids=[fact],
        response="x",
        correct=correct,
        seconds=1.5,
        answered_at=NOW,
        **extra,  # type: ignore[arg-type]
    )


def test_new_database_is_marked_and_migrated(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path, set_id=SET) as store:
        c = store.conn
        assert c.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert c.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert (tmp_path / DB_NAME).exists()


def test_answers_and_cards_round_trip(tmp_path: Path) -> None:
    card = after_review(new_card("f", NOW), Rating.GOOD, NOW)
    with ProgressStore.open(tmp_path, set_id=SET) as store:
        session = store.start_session("review", "7", NOW)
        record(store, session, rating=3, cards={"f": card})
        record(
            store,
            session,
            correct=False,
            rating=1,
            cards={"f": after_review(card, Rating.AGAIN, NOW + timedelta(minutes=10))},
        )
    with ProgressStore.open(tmp_path, set_id=SET) as store:
        rows = store.answers()
        assert [(r.question_id, r.correct, r.rating) for r in rows] == [
            ("mc-f", True, 3),
            ("mc-f", False, 1),
        ]
        assert store.conn.execute("SELECT reps FROM cards").fetchone()[0] == 2
        assert set(store.cards()) == {"f"}


def test_a_failing_answer_leaves_nothing_half_written(tmp_path: Path) -> None:
    class Broken:
        due = NOW

        def to_dict(self) -> dict[str, object]:
            raise RuntimeError("boom")

    with ProgressStore.open(tmp_path, set_id=SET) as store:
        session = store.start_session("review", None, NOW)
        with pytest.raises(RuntimeError):
            record(store, session, cards={"f": Broken()})
        assert store.answers() == [] and store.cards() == {}


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProgressError) as info:
        ProgressStore.open(tmp_path, set_id=SET)
    assert str(info.value) == (
        f"{path} is not a usable quizgen progress database: it belongs to another program. "
        "quizgen has not changed it. Move it aside (your progress starts afresh) or choose "
        "another folder with --home DIR or $QUIZGEN_HOME."
    )
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    with pytest.raises(ProgressError, match="it is not a SQLite database"):
        ProgressStore.open(tmp_path, set_id=SET)
    assert path.read_bytes() == b"these are my notes, not a database\n" * 10


def test_a_damaged_database_is_refused(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path, set_id=SET) as store:
        session = store.start_session("quiz", None, NOW)
        for i in range(200):
            record(store, session, fact=f"f{i}")
    path = tmp_path / DB_NAME
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # clobber the first page after the header
    path.write_bytes(bytes(data))
    with pytest.raises(ProgressError, match="not a usable quizgen progress database"):
        ProgressStore.open(tmp_path, set_id=SET)


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path, set_id=SET) as store:
        store.conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(ProgressError, match="made by a newer quizgen"):
        ProgressStore.open(tmp_path, set_id=SET)


def test_home_resolution(tmp_path: Path) -> None:
    assert resolve_home("given", {"QUIZGEN_HOME": "env"}) == Path("given")
    assert resolve_home(None, {"QUIZGEN_HOME": "env"}) == Path("env")
    assert resolve_home(None, {}).name == "quizgen"


def test_two_connections_both_record(tmp_path: Path) -> None:
    with (
        ProgressStore.open(tmp_path, set_id=SET) as one,
        ProgressStore.open(tmp_path, set_id=SET) as two,
    ):
        s1, s2 = one.start_session("quiz", None, NOW), two.start_session("quiz", None, NOW)
        for i in range(20):
            record(one, s1, fact=f"a{i}")
            record(two, s2, fact=f"b{i}")
    with ProgressStore.open(tmp_path, set_id=SET) as store:
        assert len(store.answers()) == 40


def test_when_opening_checks_the_whole_file() -> None:
    small, big = integrity.ALWAYS_PAGES, integrity.ALWAYS_PAGES * 4
    assert integrity.due(small, small)  # small files: every time
    assert integrity.due(big, None)  # never checked by this schema
    assert not integrity.due(big, big) and not integrity.due(big + big // 2, big)
    assert integrity.due(big + big // 2 + 1, big)  # grown by more than half
    assert integrity.due(big - 1, big)  # shrunk: something rewrote it


def fill(home: Path, answers: int) -> None:
    with ProgressStore.open(home, set_id=SET) as store:
        store.conn.execute("PRAGMA synchronous = OFF")  # test data: no need to wait for disk
        session = store.start_session("quiz", None, NOW)
        with store.transaction():
            for i in range(answers):
                store.conn.execute(
                    "INSERT INTO answers (set_id, session_id, question_id, kind, topic,"
                    " fact_ids, response, correct, seconds, answered_at) VALUES"
                    " (?, ?, ?, 'mc', 'base', ?, ?, 1, 1.0, ?)",
                    (SET, session, f"mc-f{i}", f"f{i}", "an answer " * 5, NOW.isoformat()),
                )


def test_damage_found_between_checks_is_reported_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file is not checked at every open; a damaged page met later still gives
    the 'damaged, move it aside' message, and check() finds it on demand."""
    monkeypatch.setattr(integrity, "ALWAYS_PAGES", 8)
    fill(tmp_path, 3000)
    with ProgressStore.open(tmp_path, set_id=SET) as store:  # checks, and records it
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        recorded = store.conn.execute("SELECT value FROM meta").fetchone()[0]
        assert pages > 8 and recorded == str(pages)
    path = tmp_path / DB_NAME
    data = bytearray(path.read_bytes())
    page = 4096
    middle = range(len(data) // page // 3, 2 * len(data) // page // 3)
    for n in middle:
        data[n * page : (n + 1) * page] = b"\xff" * page
    path.write_bytes(bytes(data))
    with ProgressStore.open(tmp_path, set_id=SET) as store:  # not due: opens at once
        for read in (store.answers, lambda: summarize(store, NOW), store.check):
            with pytest.raises(
                ProgressError,
                match=r"is not a usable quizgen progress "
                r"database: it is damaged",
            ):
                read()


def test_an_old_answer_whose_fact_left_every_set_is_kept(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path, set_id=SET, fact_ids=["f"]) as store:
        record(store, store.start_session("quiz", None, NOW), fact="f")
    with ProgressStore.open(tmp_path, set_id="another", fact_ids=["f"]) as other:
        assert other.answers() == []  # another set's answers are never claimed
    with pytest.raises(ValueError, match="cannot be empty"):
        ProgressStore.open(tmp_path, set_id="")
