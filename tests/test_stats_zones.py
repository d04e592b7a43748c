"""Days are local days: SQLite's counts agree with Python's, across summer-time changes.

The machine's zone is set to New York for these tests (``$TZ`` and ``tzset``),
which moves both Python's and SQLite's idea of local time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quizgen.progress import ProgressStore
from quizgen.scheduling.localzone import LOCAL
from quizgen.study.stats import compute, summarize

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_local_follows_the_machines_rules(in_new_york: None) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for hour in range(0, 365 * 24, 7):
        moment = start + timedelta(hours=hour, minutes=30)
        ours, theirs = moment.astimezone(LOCAL), moment.astimezone(NEW_YORK)
        assert (ours.replace(tzinfo=None), ours.fold) == (theirs.replace(tzinfo=None), theirs.fold)
        assert ours.utcoffset() == theirs.utcoffset()
        assert ours.astimezone(UTC) == moment
    # The repeated hour of the autumn change: the same wall time, told apart by fold.
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC).astimezone(LOCAL)
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC).astimezone(LOCAL)
    assert first.replace(tzinfo=None) == second.replace(tzinfo=None)
    assert (first.utcoffset(), second.utcoffset()) == (timedelta(hours=-4), timedelta(hours=-5))


@pytest.fixture(scope="module")
def spread(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Answers every 37 minutes through both summer-time changes of New York and Berlin."""
    home = tmp_path_factory.mktemp("spread")
    with ProgressStore.open(home, set_id="s") as store:
        store.conn.execute("PRAGMA synchronous = OFF")  # test data: no need to wait for disk
        session = store.start_session("quiz", None, datetime(2026, 3, 1, tzinfo=UTC))
        for start in (datetime(2026, 3, 5, tzinfo=UTC), datetime(2026, 10, 22, tzinfo=UTC)):
            for n in range(450):
                moment = start + timedelta(minutes=37 * n, microseconds=n)
                store.record(
                    session,
                    question_id=f"q{n}",
                    kind=("mc", "typed")[n % 2],
                    topic=("base", "events", "people")[n % 3],
                    fact_ids=["f"],
                    response="x",
                    correct=n % 5 != 0,
                    seconds=2.0,
                    answered_at=moment if n % 4 else moment.astimezone(NEW_YORK),
                )
    return home


@pytest.mark.parametrize(
    "zone",
    [
        LOCAL,
        UTC,
        timezone(timedelta(hours=5, minutes=30)),
        timezone(timedelta(hours=-9)),
        ZoneInfo("Europe/Berlin"),
        ZoneInfo("Asia/Kathmandu"),
        NEW_YORK,
    ],
    ids=str,
)
def test_sql_counts_equal_counting_each_answer(
    spread: Path, in_new_york: None, zone: tzinfo
) -> None:
    now = datetime(2026, 11, 5, 12, tzinfo=UTC).astimezone(zone)
    with ProgressStore.open(spread, set_id="s") as store:
        by_sql = summarize(store, now)
        by_row = compute(store.answers(), store.due_dates(), now)
    assert by_sql == by_row
    assert by_sql.total.answered == 900 and len(by_sql.by_day) > 20


def test_a_late_evening_answer_counts_on_the_local_day(tmp_path: Path, in_new_york: None) -> None:
    evening = datetime(2026, 7, 1, 23, 30, tzinfo=NEW_YORK)  # 03:30 UTC on 2 July
    with ProgressStore.open(tmp_path, set_id="s") as store:
        session = store.start_session("quiz", None, evening)
        store.record(
            session,
            question_id="q",
            kind="mc",
            topic="t",
            fact_ids=["f"],
            response="x",
            correct=True,
            seconds=1.0,
            answered_at=evening.astimezone(UTC),
        )
        figures = summarize(store, evening.astimezone(LOCAL))
        assert list(figures.by_day) == ["2026-07-01"] and figures.streak == 1
        assert list(summarize(store, evening.astimezone(UTC)).by_day) == ["2026-07-02"]
