"""Progress made before fact sets: migrated, every answer kept, adopted by the right set.

The legacy file is built here with a frozen copy of the schema quizgen shipped
before migration 2 (the code's own copy may not be edited, but a test must not
trust that), filled the way that version filled it.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizgen.progress import APPLICATION_ID, DB_NAME, LATEST, ProgressStore, StoredTuning
from quizgen.progress.migrations import MIGRATIONS
from quizgen.scheduling.cards import Rating, after_review, card_to_json, new_card
from quizgen.study.stats import summarize

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
SMALL_IDS = ["town", "crossing-town", "capital", "builder", "strike-date"]
OTHER_IDS = ["town", "lock", "canal"]  # a second subject that happens to reuse "town"

SCHEMA_1 = """
    CREATE TABLE sessions (id INTEGER PRIMARY KEY, command TEXT NOT NULL, seed TEXT,
        started_at TEXT NOT NULL, finished_at TEXT);
    CREATE TABLE answers (id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id), question_id TEXT NOT NULL,
        kind TEXT NOT NULL, topic TEXT NOT NULL, fact_ids TEXT NOT NULL,
        response TEXT NOT NULL, correct INTEGER NOT NULL, seconds REAL NOT NULL,
        rating INTEGER, answered_at TEXT NOT NULL);
    CREATE INDEX answers_by_time ON answers(answered_at);
    CREATE TABLE cards (fact_id TEXT PRIMARY KEY, card TEXT NOT NULL, due TEXT NOT NULL,
        reps INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL);
    CREATE INDEX cards_by_due ON cards(due);
"""

# (session, question id, kind, fact ids, correct, rating)
LEGACY_ANSWERS = [
    (1, "mc-town", "mc", "town", 1, None),
    (1, "timeline-1", "timeline", "builder strike-date", 0, None),
    (1, "mc-gone", "mc", "removed-since", 1, None),  # a fact deleted from the file later
    (2, "typed-town", "typed", "town", 1, 4),
    (2, "typed-capital", "typed", "capital", 0, 1),
    (3, "card-crossing-town", "flashcard", "crossing-town", 1, 3),
]
LEGACY_CARDS = {
    "town": Rating.EASY,
    "capital": Rating.AGAIN,
    "crossing-town": Rating.GOOD,
    "removed-since": Rating.GOOD,
}


def legacy_home(home: Path) -> Path:
    """A progress folder as the version before fact sets left it."""
    home.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(home / DB_NAME, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN")
    for statement in SCHEMA_1.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for sid, command in ((1, "quiz"), (2, "review"), (3, "flashcards")):
        conn.execute(
            "INSERT INTO sessions VALUES (?, ?, '7', ?, ?)",
            (sid, command, NOW.isoformat(), NOW.isoformat()),
        )
    for n, (sid, qid, kind, facts, correct, rating) in enumerate(LEGACY_ANSWERS):
        at = (NOW + timedelta(minutes=n)).isoformat(timespec="microseconds")
        conn.execute(
            "INSERT INTO answers (session_id, question_id, kind, topic, fact_ids,"
            " response, correct, seconds, rating, answered_at) VALUES"
            " (?,?,?,?,?,?,?,?,?,?)",
            (sid, qid, kind, "base", facts, f"said {n}", correct, 2.5, rating, at),
        )
    for fact, rating in LEGACY_CARDS.items():
        card = after_review(new_card(fact, NOW), rating, NOW)
        conn.execute(
            "INSERT INTO cards VALUES (?, ?, ?, 1, ?)",
            (fact, card_to_json(card), card.due.isoformat(), NOW.isoformat()),
        )
    conn.execute("COMMIT")
    conn.close()
    return home


def dump(home: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(home / DB_NAME)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("sessions", "answers", "cards")
        }
    finally:
        conn.close()


def owners(home: Path) -> dict[str, str]:
    """question id -> the set that owns the answer ('' = unclaimed)."""
    conn = sqlite3.connect(home / DB_NAME)
    try:
        return dict(conn.execute("SELECT question_id, set_id FROM answers"))
    finally:
        conn.close()


def test_a_legacy_file_is_migrated_and_claimed_keeping_every_answer(tmp_path: Path) -> None:
    home = legacy_home(tmp_path / "home")
    before = dump(home)
    with ProgressStore.open(home, set_id="small", fact_ids=SMALL_IDS) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        mine = store.answers()
        cards = store.cards()
        set_sessions = store.conn.execute("SELECT id, set_id FROM sessions").fetchall()
    after = dump(home)
    # Every answer is still there, word for word; only its set id was added.
    assert [row[:11] for row in after["answers"]] == [row[:11] for row in before["answers"]]
    assert owners(home) == {
        "mc-town": "small",
        "timeline-1": "small",
        "mc-gone": "",
        "typed-town": "small",
        "typed-capital": "small",
        "card-crossing-town": "small",
    }
    assert [a.question_id for a in mine] == [q for _, q, *_ in LEGACY_ANSWERS if q != "mc-gone"]
    assert set_sessions == [(1, "small"), (2, "small"), (3, "small")]
    # Every card kept; those of the set's facts are its own now, unchanged.
    old_cards = {row[0]: row[1:] for row in before["cards"]}
    new_cards = {(row[0], row[1]): row[2:6] for row in after["cards"]}
    assert {row[6] for row in after["cards"]} == {0}  # lapses, counted from migration 4 on
    assert new_cards == {
        (("small", f) if f in SMALL_IDS else ("", f)): v for f, v in old_cards.items()
    }
    assert {f: c.to_dict() for f, c in cards.items()} == {
        f: after_review(new_card(f, NOW), r, NOW).to_dict()
        for f, r in LEGACY_CARDS.items()
        if f in SMALL_IDS
    }


def test_reopening_changes_nothing(tmp_path: Path) -> None:
    home = legacy_home(tmp_path / "home")
    with ProgressStore.open(home, set_id="small", fact_ids=SMALL_IDS):
        pass
    once = dump(home)
    for _ in range(2):
        with ProgressStore.open(home, set_id="small", fact_ids=SMALL_IDS):
            pass
    assert dump(home) == once


def test_the_claim_rule_is_every_fact_of_the_answer(tmp_path: Path) -> None:
    """The first set to open takes what fits it wholly; a later set takes what is left."""
    home = legacy_home(tmp_path / "home")
    with ProgressStore.open(home, set_id="other", fact_ids=OTHER_IDS) as other:
        assert [a.question_id for a in other.answers()] == ["mc-town", "typed-town"]
        assert set(other.cards()) == {"town"}
    with ProgressStore.open(home, set_id="small", fact_ids=SMALL_IDS) as small:
        assert [a.question_id for a in small.answers()] == [
            "timeline-1",
            "typed-capital",
            "card-crossing-town",
        ]
        assert set(small.cards()) == {"capital", "crossing-town"}
    assert owners(home)["mc-gone"] == ""
    assert sum(len(v) for v in dump(home).values()) == 3 + len(LEGACY_ANSWERS) + len(LEGACY_CARDS)


def test_a_card_studied_since_the_upgrade_is_kept_over_the_old_one(tmp_path: Path) -> None:
    home = legacy_home(tmp_path / "home")
    later = NOW + timedelta(days=3)
    fresh = after_review(new_card("town", later), Rating.GOOD, later)
    with ProgressStore.open(home, set_id="small", fact_ids=["capital"]) as store:
        session = store.start_session("review", None, later)
        store.record(
            session,
            question_id="typed-town",
            kind="typed",
            topic="base",
            fact_ids=["town"],
            response="x",
            correct=True,
            seconds=1.0,
            answered_at=later,
            rating=3,
            cards={"town": fresh},
        )
    # "town" joins the set only now: the set's own card is newer and wins.
    with ProgressStore.open(home, set_id="small", fact_ids=SMALL_IDS) as store:
        assert store.cards()["town"].to_dict() == fresh.to_dict()
    assert sum(1 for row in dump(home)["cards"] if row[1] == "town") == 2  # nothing deleted


def test_two_fact_sets_in_one_home_keep_separate_cards_answers_and_stats(tmp_path: Path) -> None:
    home = legacy_home(tmp_path / "home")
    later = NOW + timedelta(days=1)
    for set_id, ids, right in (("small", SMALL_IDS, True), ("other", OTHER_IDS, False)):
        with ProgressStore.open(home, set_id=set_id, fact_ids=ids) as store:
            session = store.start_session("review", None, later)
            rating = Rating.GOOD if right else Rating.AGAIN
            store.record(
                session,
                question_id="typed-town",
                kind="typed",
                topic="base",
                fact_ids=["town"],
                response="Abu Kamal",
                correct=right,
                seconds=3.0,
                answered_at=later,
                rating=int(rating),
                cards={"town": after_review(new_card("town", later), rating, later)},
            )
    with (
        ProgressStore.open(home, set_id="small", fact_ids=SMALL_IDS) as small,
        ProgressStore.open(home, set_id="other", fact_ids=OTHER_IDS) as other,
    ):
        assert small.cards()["town"].due != other.cards()["town"].due
        mine, theirs = summarize(small, later, SMALL_IDS), summarize(other, later, OTHER_IDS)
        assert (mine.total.answered, mine.total.correct) == (6, 4)  # 5 legacy + 1 new
        assert (theirs.total.answered, theirs.total.correct) == (1, 0)
        assert (mine.studied, theirs.studied) == (3, 1)
        assert "timeline" not in theirs.by_kind and "flashcard" in mine.by_kind
        sessions = small.conn.execute(
            "SELECT set_id, count(*) FROM sessions GROUP BY set_id ORDER BY 1"
        ).fetchall()
        assert sessions == [("other", 1), ("small", 4)]


@pytest.mark.slow
def test_many_processes_migrating_and_claiming_at_once(tmp_path: Path) -> None:
    """Eight processes of two fact sets open one legacy file at the same moment: it is
    migrated once, and each answer claimed once, by the set it fits."""
    code = (
        "import sys, time; from pathlib import Path; from quizgen.progress import "
        "ProgressStore; time.sleep(max(0.0, float(sys.argv[2]) - time.time())); "
        "s = ProgressStore.open(Path(sys.argv[1]), set_id=sys.argv[3], "
        "fact_ids=sys.argv[4].split(',')); print(len(s.answers())); s.close()"
    )
    for round_no in range(3):
        home = legacy_home(tmp_path / f"home{round_no}")
        before = dump(home)
        start_at = time.time() + 1.0
        sets = [("small", SMALL_IDS), ("other", ["lock", "canal"])] * 4
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(home), str(start_at), set_id, ",".join(ids)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for set_id, ids in sets
        ]
        for proc, (set_id, _) in zip(procs, sets, strict=True):
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
            assert out == ("5\n" if set_id == "small" else "0\n")  # each sees its own
        after = dump(home)
        assert [r[:11] for r in after["answers"]] == [r[:11] for r in before["answers"]]
        assert len(after["cards"]) == len(before["cards"])
        assert sorted(set(owners(home).values())) == ["", "small"]
        assert sum(1 for v in owners(home).values() if v == "small") == 5
        conn = sqlite3.connect(home / DB_NAME)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()


def test_the_migrations_are_numbered_one_to_latest_in_order() -> None:
    """5 ("I was right") before 6 (fitted parameters): a file at 4 takes both, in turn."""
    assert [number for number, _ in MIGRATIONS] == list(range(1, LATEST + 1))


def test_schema_4_migrates_through_5_then_6_and_both_work(tmp_path: Path) -> None:
    """A file of schema 4 (the last before overruled answers and fitted parameters): its
    answers are marked not overruled, it gets the tuning table, and both are used."""
    with ProgressStore.open(tmp_path, set_id="small", fact_ids=SMALL_IDS) as store:
        session = store.start_session("review", "1", NOW)
        store.record(
            session,
            question_id="typed-town",
            kind="typed",
            topic="base",
            fact_ids=["town"],
            response="Abu Kamall?",
            correct=False,
            seconds=3.0,
            answered_at=NOW,
            rating=int(Rating.AGAIN),
        )
        row = store.last_answer
    conn = sqlite3.connect(tmp_path / DB_NAME)
    for sql in (
        "DROP TABLE tuning",  # undo 6
        "DROP INDEX answers_rated",
        "ALTER TABLE answers DROP COLUMN overruled",  # undo 5
        "PRAGMA user_version = 4",
    ):
        conn.execute(sql)
    conn.commit()
    conn.close()
    with ProgressStore.open(tmp_path, set_id="small", fact_ids=SMALL_IDS) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert [a.overruled for a in store.answers()] == [False]
        assert store.overrule(row, int(Rating.HARD), {}) == {}
        assert store.overrule(row, int(Rating.HARD), {}) is None  # once only
        (answer,) = store.answers(overruled=True)
        assert (answer.correct, answer.overruled, answer.rating) == (True, True, 2)
        store.save_tuning(StoredTuning(retention=0.85), NOW)
        assert store.tuning().retention == 0.85
