"""Review like Anki, on an injected clock: study days, the per-day new limit, learning
steps in the session, the end-of-session due counts, two sessions at once."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest

from quizgen.facts import Fact, FactBase
from quizgen.items import Item
from quizgen.items.flashcard import card_for
from quizgen.progress import ProgressStore
from quizgen.scheduling.cards import Rating, after_review, new_card
from quizgen.scheduling.days import DueCounts, due_counts, forecast, parse_rollover, study_day
from quizgen.study import terminal
from quizgen.study.queues import ReviewQueue
from quizgen.study.session import Answer
from tests.support.clock import Ticking
from tests.support.data import SMALL

ZONE = timezone(timedelta(hours=2), "T")
"""A fixed zone two hours east of UTC, so local and UTC days differ."""


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=ZONE)


def flashcards(
    base: FactBase, home: Path, start: datetime, replies: str, *, new: int = 3, seconds: float = 5.0
) -> str:
    out = io.StringIO()
    term = terminal.Terminal(
        io.StringIO(replies), out, plain=True, clock=Ticking(start, seconds), zone=ZONE, rollover=4
    )
    terminal.flashcards(term, terminal.Spaced(base, base.facts, home, new, 50))
    return out.getvalue()


EASY = "\n4\n"  # reveal, then Easy: the card graduates at once (8 days)


# -- study days ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "moment,first",
    [
        (at(1, 10), date(2026, 3, 1)),
        (at(2, 3, 59), date(2026, 3, 1)),
        (at(2, 4), date(2026, 3, 2)),
        (at(1, 0, 30), date(2026, 2, 28)),
    ],
)
def test_a_study_day_rolls_over_at_four(moment: datetime, first: date) -> None:
    day = study_day(moment, 4)
    assert day.date == first
    assert day.start == datetime(first.year, first.month, first.day, 4, tzinfo=ZONE)
    assert day.end - day.start == timedelta(days=1) and day.start <= moment < day.end


def test_the_rollover_hour_is_the_learners() -> None:
    assert study_day(at(2, 5), 6).date == date(2026, 3, 1)
    assert study_day(at(2, 0, 10), 0).date == date(2026, 3, 2)
    assert [parse_rollover(t) for t in ("4", "04", "6:00", "0", "23")] == [4, 4, 6, 0, 23]
    for bad in ("24", "-1", "4:30", "four", ""):
        with pytest.raises(ValueError):
            parse_rollover(bad)


def test_due_counts_and_forecast() -> None:
    now = at(1, 10)
    dues = [at(1, 9), at(1, 10), at(1, 14), at(2, 3), at(2, 4), at(3, 3, 59), at(3, 4), at(9, 12)]
    counts = due_counts(dues, now, 4)
    assert counts == DueCounts(now=2, later_today=2, tomorrow=2, next_due=at(1, 14))
    assert counts.line(now) == "Due now: 2 · later today: 2 (next at 14:00) · tomorrow: 2."
    days = forecast(dues, now, 10, 4)
    assert days[0] == (date(2026, 3, 1), 4)  # overdue and later today
    assert [n for _, n in days] == [4, 2, 1, 0, 0, 0, 0, 0, 1, 0]


# -- the per-day new limit ---------------------------------------------------------------
def test_the_new_limit_is_per_day_and_rolls_over_at_four(small: FactBase, tmp_path: Path) -> None:
    first = flashcards(small, tmp_path, at(1, 10), EASY * 3)
    assert first.startswith("Studying 0 due and 3 new cards.")
    assert "Cards: 3 (3 Easy)" in first
    # A second run the same day takes none: the day's 3 are taken.
    second = flashcards(small, tmp_path, at(1, 11), EASY * 3)
    assert second.startswith("Nothing is due now and today's 3 new facts are taken")
    # Still the same study day at 03:30 the next morning.
    assert flashcards(small, tmp_path, at(2, 3, 30), EASY * 3).startswith("Nothing is due now")
    # --new 5 raises today's limit to 5: two more.
    more = flashcards(small, tmp_path, at(1, 12), EASY * 5, new=5)
    assert more.startswith("Studying 0 due and 2 new cards.")
    # At 04:00 a new study day: three new ones again, none of them seen before.
    with ProgressStore.for_facts(tmp_path, small) as store:
        seen = set(store.cards())
        assert store.new_taken("2026-03-01") == 5
    assert flashcards(small, tmp_path, at(2, 4), EASY * 3).startswith(
        "Studying 0 due and 3 new cards."
    )
    with ProgressStore.for_facts(tmp_path, small) as store:
        assert len(set(store.cards()) - seen) == 3 and store.new_taken("2026-03-02") == 3


def test_new_0_on_a_fresh_folder_says_why(small: FactBase, tmp_path: Path) -> None:
    text = flashcards(small, tmp_path, at(1, 10), "", new=0)
    assert text.startswith("Nothing is due now and --new 0 asks for no new facts.")
    assert f"{len(small.facts)} not yet started" in text


def test_facts_taken_but_not_asked_are_given_back(small: FactBase, tmp_path: Path) -> None:
    text = flashcards(small, tmp_path, at(1, 10), EASY)  # input ends after one card
    assert "Stopped after 1 of 3 cards" in text
    with ProgressStore.for_facts(tmp_path, small) as store:
        assert store.new_taken("2026-03-01") == 1
    assert flashcards(small, tmp_path, at(1, 11), EASY * 2).startswith(
        "Studying 0 due and 2 new cards."
    )


# -- learning steps in the session ----------------------------------------------------------
def test_a_card_rated_again_returns_in_the_session_after_its_step(
    small: FactBase, tmp_path: Path
) -> None:
    """Again puts a new card on its 1-minute step; with 20 s between clock readings the
    next card is asked first, then the failed one once its minute is up."""
    text = flashcards(small, tmp_path, at(1, 10), "\n1\n" + EASY * 3, seconds=20)
    cards = re.findall(r"Q: (.*)", text)
    assert len(cards) == 4 and cards[2] == cards[0] != cards[1]
    assert "Cards: 4 (1 Again, 3 Easy)" in text
    assert "How well did you know it? 1 Again 1m · 2 Hard 6m · 3 Good 10m · 4 Easy 8d" in text


def test_review_queue_order(small: FactBase) -> None:
    """Due learning steps first, then the rest, then learn-ahead up to 20 minutes."""
    f1, f2, f3 = small.facts[:3]
    now = at(1, 10)
    cards: dict[str, fsrs.Card] = {}
    asked: list[str] = []

    def make(fact: Fact, turn: int, when: datetime) -> Item | None:
        asked.append(fact.id)
        return card_for(fact)

    queue = ReviewQueue([f1, f2, f3], cards, make)

    def answer(fact: Fact, rating: Rating, when: datetime) -> None:
        cards[fact.id] = after_review(cards.get(fact.id) or new_card(fact.id, when), rating, when)
        queue.answered(
            Answer(
                card_for(fact),
                rating.name.lower(),
                card_for(fact).grade(rating.name.lower(), None),  # type: ignore[arg-type]
                1.0,
                when,
            )
        )

    assert queue.next(now) is not None
    answer(f1, Rating.AGAIN, now)  # due at 10:01
    assert queue.next(now + timedelta(seconds=30)) is not None  # f2: f1 not due yet
    answer(f2, Rating.GOOD, now + timedelta(seconds=30))  # due at 10:10:30
    assert queue.next(now + timedelta(minutes=2)) is not None  # f1, due, before f3
    answer(f1, Rating.GOOD, now + timedelta(minutes=2))  # next step: 10:12
    assert queue.next(now + timedelta(minutes=3)) is not None  # f3
    answer(f3, Rating.EASY, now + timedelta(minutes=3))  # graduates: gone
    assert queue.remaining(now + timedelta(minutes=3)) == 2
    assert queue.next(now + timedelta(minutes=3)) is not None  # learn ahead: f2 (10:10:30)
    assert queue.next(now + timedelta(minutes=3)) is not None  # then f1 (10:12)
    assert queue.next(now + timedelta(minutes=3)) is None
    assert asked == [f1.id, f2.id, f1.id, f3.id, f2.id, f1.id]
    far = ReviewQueue(
        [],
        {f1.id: after_review(new_card(f1.id, now), Rating.AGAIN, now)},
        make,
        learning_facts=[f1],
    )
    assert far.next(now - timedelta(minutes=20)) is None  # due in 21 min: past the limit
    assert far.next(now - timedelta(minutes=19)) is not None


# -- the end summary agrees with the store -----------------------------------------------------
def test_the_summary_due_counts_match_the_store(small: FactBase, tmp_path: Path) -> None:
    """Three cards learnt on day one come due on day nine; one is failed (back in 10
    minutes) and the input ends: the summary counts 2 due now and 1 later today, as the
    store has them at the summary's "now"."""
    flashcards(small, tmp_path, at(1, 10), EASY * 3)
    clock = Ticking(at(9, 12), 5)
    out = io.StringIO()
    term = terminal.Terminal(io.StringIO("\n1\n"), out, plain=True, clock=clock, zone=ZONE)
    terminal.flashcards(term, terminal.Spaced(small, small.facts, tmp_path, 0, 50))
    line = out.getvalue().strip().splitlines()[-1]
    now = clock.last.astimezone(ZONE)
    with ProgressStore.for_facts(tmp_path, small) as store:
        expected = due_counts(store.due_dates(), now, 4)
    assert (expected.now, expected.later_today, expected.tomorrow) == (2, 1, 0)
    assert line.startswith(expected.line(now)), line
    assert line.startswith("Due now: 2 · later today: 1 (next at 12:10) · tomorrow: 0.")


def test_the_summary_counts_facts_already_due(small: FactBase, tmp_path: Path) -> None:
    """The old "Next review" line left out facts already due; the counts do not."""
    flashcards(small, tmp_path, at(1, 10), "\n1\n" * 30, new=2, seconds=1)
    text = flashcards(small, tmp_path, at(1, 10, 30), "", new=0)
    assert text.startswith("Studying 2 due")
    assert "Due now: 2 · " in text.strip().splitlines()[-1]


# -- two sessions at once on one progress folder ------------------------------------------------
def test_two_sessions_never_take_the_same_new_facts(small: FactBase, tmp_path: Path) -> None:
    ids = [f.id for f in small.facts]
    with (
        ProgressStore.for_facts(tmp_path, small) as one,
        ProgressStore.for_facts(tmp_path, small) as two,
    ):
        s1 = one.start_session("review", None, at(1, 10))
        s2 = two.start_session("review", None, at(1, 10))
        first = one.take_new(s1, ids, day="2026-03-01", limit=10, most=4)
        second = two.take_new(s2, ids, day="2026-03-01", limit=10)
        assert len(first) == 4 and len(second) == 6 and not set(first) & set(second)
        assert two.take_new(s2, ids, day="2026-03-01", limit=10) == []  # the day is full
        # The first session ends having asked one: the other three are given back.
        one.record(
            s1,
            question_id="q",
            kind="flashcard",
            topic="base",
            fact_ids=[first[0]],
            response="good",
            correct=True,
            seconds=1,
            answered_at=at(1, 10),
            rating=3,
            rate=lambda f, c: after_review(c or new_card(f, at(1, 10)), Rating.GOOD, at(1, 10)),
        )
        one.finish_session(s1, at(1, 11))
        assert one.new_taken("2026-03-01") == 7
        assert set(two.take_new(s2, ids, day="2026-03-01", limit=10)) == set(first[1:])


def test_every_rating_is_applied_to_the_card_as_stored(small: FactBase, tmp_path: Path) -> None:
    """Two terminals review one fact: the second rating builds on the first's card."""
    fact = small.facts[0].id
    moments = [at(1, 10), at(1, 10, 5), at(1, 10, 20)]
    ratings = [Rating.GOOD, Rating.AGAIN, Rating.GOOD]
    with (
        ProgressStore.for_facts(tmp_path, small) as one,
        ProgressStore.for_facts(tmp_path, small) as two,
    ):
        sessions = [
            one.start_session("review", None, at(1, 10)),
            two.start_session("review", None, at(1, 10)),
        ]
        for i, (moment, rating) in enumerate(zip(moments, ratings, strict=True)):

            def rate(
                f: str, c: fsrs.Card | None, m: datetime = moment, r: Rating = rating
            ) -> fsrs.Card:
                return after_review(c or new_card(f, m), r, m)

            (one, two)[i % 2].record(
                sessions[i % 2],
                question_id="q",
                kind="typed",
                topic="base",
                fact_ids=[fact],
                response="x",
                correct=rating > 1,
                seconds=1,
                answered_at=moment,
                rating=int(rating),
                rate=rate,
            )
        stored = one.cards()[fact]
    expected = new_card(fact, moments[0])
    for moment, rating in zip(moments, ratings, strict=True):
        expected = after_review(expected, rating, moment)
    assert stored.to_dict() == expected.to_dict()


# -- drilling the missed facts (quiz --missed) ---------------------------------------------------
def test_a_drill_asks_each_missed_fact_until_it_is_right(small: FactBase, tmp_path: Path) -> None:
    town, leader, capital = (small.fact(f) for f in ("town", "leader", "capital"))
    with ProgressStore.for_facts(tmp_path, small) as store:
        session = store.start_session("quiz", None, at(1, 9))
        for i, (fact, correct) in enumerate(
            [(town, False), (capital, False), (leader, False), (capital, True)]
        ):
            store.record(
                session,
                question_id=f"typed-{fact.id}",
                kind="typed",
                topic=fact.topic,
                fact_ids=[fact.id],
                response="x",
                correct=correct,
                seconds=3,
                answered_at=at(1, 9, i),
            )
    out = io.StringIO()
    replies = ["wrong", town.answer, leader.answer]  # leader (latest miss) first, then town
    term = terminal.Terminal(
        io.StringIO("\n".join(replies) + "\n"), out, plain=True, clock=Ticking(at(1, 10)), zone=ZONE
    )
    assert terminal.drill(term, small, small.facts, tmp_path, n=10, kinds=("typed",), seed="1") == 0
    text = out.getvalue()
    assert text.startswith("Drilling 2 missed facts until each is answered right once.")
    asked = re.findall(r"Question (\d+) of (\d+)", text)
    assert asked == [("1", "2"), ("2", "3"), ("3", "3")]  # the miss comes back at the end
    assert "Each of the 2 is now answered right." in text
    with ProgressStore.for_facts(tmp_path, small) as store:
        assert store.last_missed() == []
    again = io.StringIO()
    terminal.drill(
        terminal.Terminal(io.StringIO(""), again, plain=True, zone=ZONE),
        small,
        small.facts,
        tmp_path,
        n=10,
        kinds=("typed",),
        seed="1",
    )
    assert again.getvalue().startswith("Nothing to drill")


@pytest.mark.slow
def test_two_review_processes_at_once_take_different_new_facts(tmp_path: Path) -> None:
    """The first holds its session open at its first question while the second starts."""
    import sqlite3
    import subprocess
    import sys
    import time

    def start(new: int) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "quizgen",
                "review",
                "--plain",
                "--kinds",
                "typed",
                "--new",
                str(new),
                "--facts",
                str(SMALL),
                "--home",
                str(tmp_path),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    first = start(3)
    second: subprocess.Popen[str] | None = None
    try:
        assert first.stdout is not None
        assert first.stdout.readline().startswith("Reviewing 0 due and 3 new facts.")
        second = start(6)  # today's limit 6, of which the first holds 3
        assert second.stdout is not None
        assert second.stdout.readline().startswith("Reviewing 0 due and 3 new facts.")
        conn = sqlite3.connect(tmp_path / "progress.sqlite3")
        try:
            taken = conn.execute("SELECT fact_id, session_id FROM taken").fetchall()
        finally:
            conn.close()
        assert len(taken) == 6 and len({f for f, _ in taken}) == 6
        assert len({s for _, s in taken}) == 2
        for proc in (first, second):
            proc.communicate("", timeout=60)  # end of input: both end, giving them back
            assert proc.returncode == 0
        second = None
    finally:
        for left in (first, second):
            if left is not None and left.poll() is None:
                left.kill()
    time.sleep(0.1)
    conn = sqlite3.connect(tmp_path / "progress.sqlite3")
    try:
        assert conn.execute("SELECT count(*) FROM taken").fetchone()[0] == 0
    finally:
        conn.close()
