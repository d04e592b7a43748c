"""Simulated classes and learners: data whose truth is known, for the analysis tests.

A class answers from a two-parameter logistic IRT model: student ``j`` of ability
``theta_j`` answers item ``i`` (discrimination ``a_i``, difficulty ``b_i``) right with
probability ``1 / (1 + exp(-1.7 a_i (theta_j - b_i)))``; a wrong answer to a
multiple-choice item picks one of its three distractors at random, a wrong typed
reply is a guess of the student's own. One item's key is made wrong (the bank marks
a distractor right, so the students who know the answer are marked wrong) and one is
made far too easy. A learner reviews cards on the schedule the default parameters
give, but remembers by a forgetting curve with parameters of their own.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from quizgen.analysis.fitting import Review
from quizgen.analysis.itemstats import ItemInfo
from quizgen.analysis.records import Reply
from quizgen.facts import Fact, FactBase
from quizgen.items import Item, Shape

OPTIONS = ("Abu Kamal", "Al-Qaim", "Deir ez-Zor", "Mayadin")
KEY_WRONG = "mc-07"
TOO_EASY = "mc-11"


@dataclass(frozen=True)
class SimulatedClass:
    responses: list[Reply]
    items: dict[str, ItemInfo]
    sound: list[str]


def simulated_class(seed: int = 23, students: int = 40) -> SimulatedClass:
    rng = random.Random(seed)
    thetas = [rng.gauss(0, 1) for _ in range(students)]
    specs: list[tuple[str, str, float, float]] = []
    for i in range(20):
        shape = "typed" if i >= 18 else "tf" if i >= 14 else "mc"
        a, b = rng.uniform(1.2, 2.2), rng.uniform(-1.0, 0.3)
        specs.append((f"{shape}-{i:02d}", shape, a, b))
    specs = [(n, s, a, -4.0 if n == TOO_EASY else b) for n, s, a, b in specs]
    items: dict[str, ItemInfo] = {}
    for name, shape, _, _ in specs:
        fact = (f"fact-{name[-2:]}",)
        if shape == "mc":
            key = OPTIONS[1] if name == KEY_WRONG else OPTIONS[0]
            items[name] = ItemInfo(name, fact, "mc", OPTIONS, (key,))
        elif shape == "tf":
            items[name] = ItemInfo(name, fact, "tf", ("True", "False"), ("True",))
        else:
            items[name] = ItemInfo(name, fact, "typed", typed=True)
    responses = []
    for j, theta in enumerate(thetas):
        for name, shape, a, b in specs:
            knows = rng.random() < 1 / (1 + math.exp(-1.7 * a * (theta - b)))
            if shape == "mc":
                reply = OPTIONS[0] if knows else rng.choice(OPTIONS[1:])
                right = reply in items[name].key
            elif shape == "tf":
                reply = "True" if knows else "False"
                right = knows
            else:
                reply = "Abu Kamal" if knows else f"guess {j}-{name}"
                right = knows
            responses.append(
                Reply(
                    f"s{j:02d}",
                    name,
                    reply,
                    1.0 if right else 0.0,
                    round(rng.uniform(3, 30), 1),
                    f"sim:{j}",
                )
            )
    sound = [n for n in items if n not in (KEY_WRONG, TOO_EASY)]
    return SimulatedClass(responses, items, sound)


def forgetting(t: float, stability: float, decay: float) -> float:
    """FSRS-6's forgetting curve: recall probability ``t`` days after a review."""
    factor = 0.9 ** (-1 / decay) - 1
    return float((1 + factor * t / stability) ** (-decay))


def simulated_learner(
    true: list[float],
    cards: int = 150,
    days: int = 200,
    seed: int = 7,
    names: Sequence[str] = (),
    start: date = date(2025, 1, 6),
) -> list[Review]:
    """Reviews of a learner who remembers by ``true`` but is scheduled by the defaults;
    card ``c`` is named ``names[c]`` (``card-c`` past the names given)."""
    import fsrs_rs_python as F

    rng = random.Random(seed)
    truth, scheduler = F.FSRS(true), F.FSRS(list(F.DEFAULT_PARAMETERS))
    grades = {1: "again", 2: "hard", 3: "good", 4: "easy"}
    reviews = []
    for c in range(cards):
        day, last = rng.randrange(0, 60), None
        remembered = scheduled = None
        while day < days:
            if last is None:
                rating = rng.choices([1, 2, 3, 4], [0.3, 0.1, 0.5, 0.1])[0]
                elapsed = 0
            else:
                elapsed = day - last
                assert remembered is not None
                recall = forgetting(elapsed, remembered.stability, true[20])
                rating = (
                    1 if rng.random() > recall else rng.choices([2, 3, 4], [0.15, 0.7, 0.15])[0]
                )
            on = start + timedelta(days=day)
            at = datetime(on.year, on.month, on.day, 18, tzinfo=UTC) + timedelta(seconds=c)
            reviews.append(Review(names[c] if c < len(names) else f"card-{c}", rating, on, at))
            remembered = getattr(truth.next_states(remembered, 0.9, elapsed), grades[rating]).memory
            state = getattr(scheduler.next_states(scheduled, 0.9, elapsed), grades[rating])
            scheduled = state.memory
            last, day = day, day + max(1, round(state.interval))
    return reviews


def live_game_rows(
    base: FactBase,
    questions: Sequence[Item],
    *,
    students: int = 30,
    seed: int = 3,
    truth: Mapping[str, str] | None = None,
    start: datetime = datetime(2026, 11, 25, 10, 15, tzinfo=UTC),
) -> list[list[str]]:
    """A class's live game as ``quizgen live`` writes its results CSV (header first).

    Students answer from the same 2PL model as :func:`simulated_class`; one who knows a
    fact gives its true answer, which is ``truth[fact id]`` where the fact file is wrong
    (so the game, grading by the file, marks them wrong). Graded by each item's own
    rules, with the game's points; times are a fixed clock's, so the rows are the same
    every run.
    """
    from quizgen.analysis.gameresults import COLUMNS
    from quizgen.grading import Grader
    from quizgen.live.game import points

    rng = random.Random(seed)
    truth = dict(truth or {})
    grader = Grader(base.facts, base.entities)
    thetas = [rng.gauss(0, 1) for _ in range(students)]
    shape = [(rng.uniform(1.2, 2.2), rng.uniform(-1.2, 0.4)) for _ in questions]
    rows: list[list[str]] = [list(COLUMNS)]
    for number, (item, (a, b)) in enumerate(zip(questions, shape, strict=True)):
        fact = base.fact(item.fact_ids[0])
        true = truth.get(fact.id, fact.answer)
        asked = start + timedelta(seconds=40 * number)
        for j, theta in enumerate(thetas):
            knows = rng.random() < 1 / (1 + math.exp(-1.7 * a * (theta - b)))
            reply = _reply(item, fact, true, knows, rng)
            seconds = round(rng.uniform(3, 11) if knows else rng.uniform(7, 19), 3)
            correct = item.grade(reply, grader).correct
            at = asked + timedelta(seconds=seconds)
            rows.append(
                [str(number + 1), item.id, item.kind, f"p{j + 1}", f"Student {j + 1:02d}", reply,
                 "yes" if correct else "no", str(points(correct, seconds, 20.0)), str(seconds),
                 at.isoformat(timespec="milliseconds")]
            )  # fmt: skip
    return rows


def _reply(item: Item, fact: Fact, true: str, knows: bool, rng: random.Random) -> str:
    """What one student answers: the truth when they know it, else a guess."""
    if item.shape is Shape.CHOICE:
        options = list(getattr(item, "options", ()))
        return true if knows else rng.choice([o for o in options if o != true])
    if item.shape is Shape.TRUTH:
        statement = str(getattr(item, "statement", ""))
        really = true in statement if true != fact.answer else bool(getattr(item, "truth", True))
        return ("True" if really else "False") if knows else rng.choice(["True", "False"])
    if knows:
        return true
    guesses = [w for w in fact.wrong_answers if w != true]
    return rng.choice(guesses) if guesses and rng.random() < 0.8 else ""


def learner_home(home: Path, base: FactBase, reviews: Sequence[Review]) -> None:
    """A progress folder holding ``reviews`` as answers of ``review`` sessions (a session
    per day, typed answers right unless rated Again), each fact's card as those ratings
    left it. Written in one transaction: thousands of answers committed one by one would
    only make the tests slower."""
    from quizgen.progress import ProgressStore, iso
    from quizgen.scheduling.cards import Rating, after_review, card_to_json, new_card

    facts = {f.id: f for f in base.facts}
    cards: dict[str, Any] = {}
    with ProgressStore.for_facts(home, base) as store, store.transaction() as c:
        sessions: dict[date, int] = {}
        for r in sorted(reviews, key=lambda r: (r.at, r.card)):
            if r.day not in sessions:
                started = iso(r.at - timedelta(minutes=1))
                sessions[r.day] = int(
                    c.execute(
                        "INSERT INTO sessions (set_id, command, seed, started_at, finished_at)"
                        " VALUES (?, 'review', '7', ?, ?)",
                        (store.set_id, started, started),
                    ).lastrowid
                    or 0
                )
            fact = facts[r.card]
            c.execute(
                "INSERT INTO answers (set_id, session_id, question_id, kind, topic, fact_ids,"
                " response, correct, seconds, rating, answered_at)"
                " VALUES (?, ?, ?, 'typed', ?, ?, ?, ?, 6.5, ?, ?)",
                (store.set_id, sessions[r.day], f"typed-{fact.id}", fact.topic, fact.id,
                 fact.answer if r.rating > 1 else "", int(r.rating > 1), r.rating, iso(r.at)),
            )  # fmt: skip
            card = cards.get(r.card) or new_card(r.card, r.at)
            cards[r.card] = after_review(card, Rating(r.rating), r.at)
        for fact_id, card in cards.items():
            c.execute(
                "INSERT INTO cards (set_id, fact_id, card, due, reps, updated_at)"
                " VALUES (?, ?, ?, ?, 1, ?)",
                (
                    store.set_id,
                    fact_id,
                    card_to_json(card),
                    iso(card.due),
                    iso(card.last_review or card.due),
                ),
            )


README = Path(__file__).resolve().parent.parent / "data" / "readme"
UNIT = README / "unit" / "facts.yaml"
UNIT_GAME_SEED = "17"
"""The live game's seed: it asks the swapped fact as multiple choice."""
UNIT_TRUTH = {"base-near-abu-kamal": "Abu Kamal"}
"""What the source says where the unit's copy is wrong (its key and a wrong answer swapped)."""
UNIT_CLASS_SEED = 9
"""The simulated class: of the seeds tried, the first whose game shows the swapped key and no
sound item flagged (others flag a sound item as too hard or too easy for that class too)."""
LEARNER_TRUE = (0.05, 0.3, 0.8, 3.0)
"""The README learner's first stabilities (days), far below FSRS's defaults, and a decay
of 0.4: someone who forgets much sooner after a first review than the defaults assume."""


def readme_class_game() -> bytes:
    """``tests/data/readme/unit/class-game.csv``: the README teacher's live game, as
    ``quizgen live -n 9 --kinds mc,tf,typed --seed 17`` on the unit asked it (nine questions:
    the unit's 12 facts allow no more without asking one twice or giving one's answer away)."""
    import csv
    import io

    from quizgen.generation.selection import Which, questions

    made = questions(Which(UNIT), kinds="mc,tf,typed", n=9, seed=UNIT_GAME_SEED)
    rows = live_game_rows(made.base, made.items, seed=UNIT_CLASS_SEED, truth=UNIT_TRUTH)
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def readme_learner(home: Path) -> None:
    """``tests/data/readme/learner/``: 80 of the bundled facts reviewed for 200 days by the
    learner of :data:`LEARNER_TRUE`, stored as quizgen did before overruled answers and
    fitted parameters (schema 4, so opening it migrates it through 5 and 6 as it would a
    real learner's)."""
    import sqlite3

    from quizgen import factfile
    from quizgen.analysis import fitting
    from quizgen.factfile.paths import bundled_facts

    base = factfile.load(bundled_facts())
    true = list(fitting.defaults())
    true[0:4] = LEARNER_TRUE
    true[20] = 0.4
    reviews = simulated_learner(true, cards=80, days=200, names=[f.id for f in base.facts])
    learner_home(home, base, reviews)
    conn = sqlite3.connect(home / "progress.sqlite3", isolation_level=None)
    conn.execute("DROP TABLE tuning")
    conn.execute("DROP INDEX answers_rated")
    conn.execute("ALTER TABLE answers DROP COLUMN overruled")  # migration 5, "I was right"
    conn.execute("PRAGMA user_version = 4")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("VACUUM")
    conn.close()
