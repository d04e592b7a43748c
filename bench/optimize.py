"""What fitting FSRS adds to ``quizgen stats``, and what ``quizgen optimize`` costs.

Run: python bench/optimize.py [--answers N] [-n RUNS] [--fit-reviews N ...]

Builds a progress store with N rated answers (default 100,000: review sessions of
20-80 answers, one or two a day, 150 facts) and times, in a rotated order so that
drift in machine load hits all of them alike:

- ``stats.summarize`` and ``stats.weak_spots``: what ``quizgen stats`` computed
  before the note, the baseline;
- ``learner.note``: the note ``stats`` now adds (the stored settings and SQLite's
  count of the reviews a fit can use);
- the same count made in Python from the review log (every rated answer read back
  and put on its study day), which ``optimize`` itself does, for reference.

It prints the median of each and the ratio note/baseline (the note should cost a
small part of what ``stats`` already does), then the optimizer's median time to fit
simulated learners of a few sizes (``--fit-reviews``), beside evaluating the
defaults on the same reviews.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizgen.analysis import fitting, learner
from quizgen.progress import ProgressStore
from quizgen.scheduling.localzone import LOCAL
from quizgen.study import stats
from tests.support.simulated import simulated_learner

SET_ID = "bench"
FACTS = tuple(f"fact-{n:03d}" for n in range(150))
ROLLOVER = 4


def build(home: Path, answers: int, end: datetime, seed: int = 1) -> None:
    """A store of ``answers`` rated answers, written in one transaction."""
    rng = random.Random(seed)
    rows: list[tuple[object, ...]] = []
    moment = end - timedelta(hours=answers / 50 * 20.5)
    with ProgressStore.open(home, set_id=SET_ID) as store, store.transaction() as conn:
        while len(rows) < answers:
            moment += timedelta(hours=rng.choice((9, 14, 24, 33)), minutes=rng.randrange(60))
            session = conn.execute(
                "INSERT INTO sessions (set_id, command, seed, started_at) VALUES (?,?,?,?)",
                (SET_ID, "review", "1", moment.isoformat()),
            ).lastrowid
            at = moment
            for _ in range(min(rng.randrange(20, 81), answers - len(rows))):
                at += timedelta(seconds=rng.randrange(3, 40))
                fact = rng.choice(FACTS)
                rating = rng.choices((1, 2, 3, 4), (0.15, 0.1, 0.65, 0.1))[0]
                rows.append(
                    (SET_ID, session, f"typed-{fact}", "typed", "t", fact, "x", int(rating > 1),
                     5.0, rating, at.isoformat(timespec="microseconds"))
                )  # fmt: skip
        conn.executemany(
            "INSERT INTO answers (set_id, session_id, question_id, kind, topic, fact_ids,"
            " response, correct, seconds, rating, answered_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def timed(job: Callable[[], object]) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("-n", "--runs", type=int, default=7)
    parser.add_argument("--fit-reviews", type=int, nargs="*", default=[80, 400])
    args = parser.parse_args(argv)

    now = datetime(2026, 3, 1, 18, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        build(home, args.answers, now)
        local_now = now.astimezone(LOCAL)
        with ProgressStore.open(home, set_id=SET_ID, fact_ids=FACTS) as store:
            jobs: dict[str, Callable[[], object]] = {
                "stats (baseline)": lambda: (
                    stats.summarize(store, local_now, FACTS),
                    stats.weak_spots(store, FACTS),
                ),
                "note": lambda: learner.note(store, ROLLOVER, LOCAL),
                "count in Python": lambda: len(
                    fitting.training_histories(
                        learner.review_log(store.rated_answers(), LOCAL, ROLLOVER)
                    )
                ),
            }
            counted = jobs["count in Python"]()
            assert store.fit_reviews(ROLLOVER) == counted, "the two counts differ"
            times: dict[str, list[float]] = {name: [] for name in jobs}
            names = list(jobs)
            for round_no in range(args.runs):
                shift = round_no % len(names)
                for name in names[shift:] + names[:shift]:
                    times[name].append(timed(jobs[name]))
    median = {name: statistics.median(t) for name, t in times.items()}
    print(f"{args.answers:,} rated answers, {counted:,} of them usable by a fit")
    for name, value in median.items():
        print(f"{name:>18}: median {value * 1000:8.1f} ms over {len(times[name])} runs")
    print(f"ratio note/baseline: {median['note'] / median['stats (baseline)']:.2f}")

    true = list(fitting.defaults())
    true[0:4] = [0.05, 0.3, 0.8, 3.0]
    true[20] = 0.4
    for cards in args.fit_reviews:
        reviews = simulated_learner(true, cards=cards, days=200)
        items = fitting.training_items(reviews)
        fits = [timed(partial(fitting.fit, reviews)) for _ in range(3)]
        evals = [timed(partial(fitting.evaluate, fitting.defaults(), items)) for _ in range(3)]
        print(
            f"fit to {len(reviews):,} reviews ({len(items):,} usable): median "
            f"{statistics.median(fits) * 1000:.0f} ms; evaluating the defaults on them "
            f"{statistics.median(evals) * 1000:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
