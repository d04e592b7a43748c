"""``quizgen stats`` against the floor a bare SQL GROUP BY sets, on a large history.

Run: python bench/stats.py [--answers N] [-n RUNS] [--old-runs K] [--check]

Builds a progress store with N answers (default 100,000: sessions of 20-80
answers, one or two a day, six kinds, eight topics, 150 facts with cards) in a
temporary folder, then in each round times, in a rotated order so that drift in
machine load hits all of them alike:

- ``stats.summarize`` and ``stats.weak_spots`` (what ``quizgen stats`` runs once
  the store is open: counts per local day, topic and kind, due dates, streak,
  forecast; the most-missed facts and lapsed cards), for the fact set;
- the floor: ``SELECT date(answered_at), topic, kind, count(*), sum(correct)
  FROM answers GROUP BY 1, 2, 3`` with its rows fetched;
- in the first K rounds, the previous way (every answer read back as an object
  and its timestamp parsed in Python), for reference.

It prints the median of each and the ratio summarize/floor (target: at most
2.0), and the time to open the store (``ProgressStore.open``, which no longer
runs the whole-file check on a large file at every open) beside one full
``PRAGMA quick_check``. ``--check`` exits 1 when the ratio is over the target.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizgen import items
from quizgen.progress import ProgressStore
from quizgen.scheduling.cards import Rating, after_review, card_to_json, new_card
from quizgen.scheduling.localzone import LOCAL
from quizgen.study import stats

TARGET = 2.0
SET_ID = "bench"
KINDS = items.names()
TOPICS = tuple(f"topic-{n}" for n in range(8))
FACTS = tuple(f"fact-{n:03d}" for n in range(150))
FLOOR = (
    "SELECT date(answered_at), topic, kind, count(*), sum(correct) FROM answers GROUP BY 1, 2, 3"
)


def build(home: Path, answers: int, end: datetime, seed: int = 1) -> None:
    """A store with ``answers`` answers, written in one transaction (the bench measures
    reading; writing them one by one with a sync each would take minutes)."""
    rng = random.Random(seed)
    rows: list[tuple[object, ...]] = []
    moment = end - timedelta(hours=answers / 50 * 20.5)  # so that the last session ends near now
    with ProgressStore.open(home, set_id=SET_ID) as store:
        conn = store.conn
        conn.execute("PRAGMA synchronous = OFF")
        with store.transaction():
            while len(rows) < answers:
                moment += timedelta(hours=rng.choice((9, 14, 24, 33)), minutes=rng.randrange(60))
                session = conn.execute(
                    "INSERT INTO sessions (set_id, command, seed, started_at) VALUES (?,?,?,?)",
                    (SET_ID, "quiz", "1", moment.isoformat()),
                ).lastrowid
                at = moment
                for _ in range(min(rng.randrange(20, 81), answers - len(rows))):
                    at += timedelta(seconds=rng.randrange(3, 40))
                    fact = rng.choice(FACTS)
                    rows.append(
                        (
                            SET_ID,
                            session,
                            f"q-{fact}",
                            rng.choice(KINDS),
                            rng.choice(TOPICS),
                            fact,
                            "an answer",
                            int(rng.random() < 0.7),
                            5.0,
                            None,
                            at.isoformat(timespec="microseconds"),
                        )
                    )
            conn.executemany(
                "INSERT INTO answers (set_id, session_id, question_id, kind, topic, fact_ids,"
                " response, correct, seconds, rating, answered_at) VALUES"
                " (?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            for fact in FACTS:
                card = after_review(new_card(fact, end), Rating.GOOD, end)
                conn.execute(
                    "INSERT INTO cards (set_id, fact_id, card, due, reps, updated_at)"
                    " VALUES (?,?,?,?,1,?)",
                    (SET_ID, fact, card_to_json(card), card.due.isoformat(), end.isoformat()),
                )


def timed(job: Callable[[], object]) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("-n", "--runs", type=int, default=11)
    parser.add_argument("--old-runs", type=int, default=3)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)

    now = datetime(2026, 3, 1, 18, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        build(home, args.answers, now)
        local_now = now.astimezone(LOCAL)
        with ProgressStore.open(home, set_id=SET_ID, fact_ids=FACTS) as store:
            jobs: dict[str, Callable[[], object]] = {
                "summarize": lambda: (
                    stats.summarize(store, local_now, FACTS),
                    stats.weak_spots(store, FACTS),
                ),
                "floor": lambda: store.conn.execute(FLOOR).fetchall(),
                "old": lambda: stats.compute(store.answers(), store.cards(), local_now, FACTS),
            }
            assert stats.summarize(store, local_now, FACTS) == jobs["old"](), "results differ"
            times: dict[str, list[float]] = {name: [] for name in jobs}
            for round_no in range(args.runs):
                names = [n for n in jobs if n != "old" or round_no < args.old_runs]
                shift = round_no % len(names)
                for name in names[shift:] + names[:shift]:
                    times[name].append(timed(jobs[name]))
            check = timed(lambda: store.conn.execute("PRAGMA quick_check").fetchall())
            size = store.path.stat().st_size
        opens = [
            timed(lambda: ProgressStore.open(home, set_id=SET_ID, fact_ids=FACTS).close())
            for _ in range(args.runs)
        ]

    median = {name: statistics.median(t) for name, t in times.items() if t}
    for name, value in median.items():
        print(f"{name:>10}: median {value * 1000:8.1f} ms over {len(times[name])} runs")
    ratio = median["summarize"] / median["floor"]
    print(f"ratio summarize/floor: {ratio:.2f} (target <= {TARGET})")
    if "old" in median:
        print(f"ratio old/floor: {median['old'] / median['floor']:.2f}")
    print(
        f"open: median {statistics.median(opens) * 1000:.1f} ms; one quick_check of the "
        f"{size / 1e6:.1f} MB file: {check * 1000:.1f} ms"
    )
    return 1 if args.check and ratio > TARGET else 0


if __name__ == "__main__":
    raise SystemExit(main())
