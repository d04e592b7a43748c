"""FSRS parameters fitted to one learner's reviews, with the optimizer Anki itself uses.

The optimizer is fsrs-rs (the Rust crate inside Anki) through its Python binding,
``fsrs_rs_python``, imported only here and only when a fit or a simulation is asked
for. This module does what Anki's ``compute_params`` does around it:

- the review log becomes training items as Anki's ``reviews_for_fsrs`` makes them:
  per card, in time order, each review on a later study day than the one before is
  an item holding the card's whole history up to it (``delta_t`` counted in study
  days, so the caller's day rollover applies); same-day reviews stay in the history
  but are not predicted;
- below :data:`MIN_ITEMS` items it refuses, politely, as Anki's options screen does;
- the fit is judged on the learner's own items, before and after (log loss and the
  binned RMSE Anki shows), and, as in Anki, the current parameters are kept unless
  the fitted ones have a lower RMSE.

:func:`workload` runs the library's simulator, as Anki's "simulator" and desired
retention screens do, to show what a desired retention costs in reviews a day.
Everything is deterministic: the optimizer and the simulator take fixed seeds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from quizgen.errors import QuizgenError

if TYPE_CHECKING:
    import fsrs_rs_python

MIN_ITEMS = 400
"""Anki's minimum: fewer reviews made on a later day than the one before, and its options
screen says there are not enough reviews to optimize."""
SEED = 2023
"""The optimizer's own default seed, kept so that a fit is the same every time."""


class NotEnoughReviews(QuizgenError):
    """Too few reviews to fit parameters to; the message says how many more are needed."""


@dataclass(frozen=True, slots=True)
class Review:
    """One graded review of one card (a fact): its FSRS rating (1 Again ... 4 Easy), the
    study day it fell on, and when (to order reviews within a day)."""

    card: str
    rating: int
    day: date
    at: datetime


@dataclass(frozen=True, slots=True)
class Evaluation:
    log_loss: float
    rmse: float
    """Anki's "RMSE (bins)": the root mean square gap between predicted and actual recall,
    over bins of similar predictions."""


@dataclass(frozen=True, slots=True)
class Fit:
    parameters: tuple[float, ...]
    """What to schedule with from now on: the fitted parameters, or the current ones when
    the fit is not better."""
    fitted: tuple[float, ...]
    before: Evaluation
    after: Evaluation
    """The evaluation of :attr:`fitted` (whether kept or not)."""
    reviews: int
    items: int
    improved: bool


@dataclass(frozen=True, slots=True)
class Workload:
    """What a desired retention costs, from the simulator: per day on average."""

    retention: float
    days: int
    reviews_per_day: float
    minutes_per_day: float
    memorized: float
    """Expected number of cards remembered at the end."""


def defaults() -> tuple[float, ...]:
    import fsrs_rs_python

    return tuple(fsrs_rs_python.DEFAULT_PARAMETERS)


def check(parameters: Sequence[float]) -> tuple[float, ...]:
    """Parameters the scheduler can use (the library's own check, which fills in older
    parameter sets); ValueError with the library's reason if not."""
    import fsrs_rs_python

    if not parameters:
        raise ValueError("no parameters")
    try:
        return tuple(fsrs_rs_python.check_and_fill_parameters(list(parameters)))
    except BaseException as exc:  # pyo3 raises its own errors for a bad list
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        raise ValueError(str(exc) or type(exc).__name__) from None


def histories(reviews: Iterable[Review]) -> dict[str, list[Review]]:
    """Each card's reviews in time order."""
    cards: dict[str, list[Review]] = {}
    for r in reviews:
        if not 1 <= r.rating <= 4:
            raise ValueError(f"rating {r.rating} of card '{r.card}' is not 1 to 4")
        cards.setdefault(r.card, []).append(r)
    for history in cards.values():
        history.sort(key=lambda r: r.at)
    return cards


def training_histories(reviews: Iterable[Review]) -> list[tuple[tuple[int, int], ...]]:
    """Anki's training items as (rating, days since the review before) pairs: one per
    review on a later day than the card's previous one, holding the history up to it;
    ordered by the time of that review."""
    dated: list[tuple[datetime, str, tuple[tuple[int, int], ...]]] = []
    for card, history in sorted(histories(reviews).items()):
        steps: list[tuple[int, int]] = []
        for i, r in enumerate(history):
            delta = max(0, (r.day - history[i - 1].day).days) if i else 0
            steps.append((r.rating, delta))
            if i and delta > 0:
                dated.append((r.at, card, tuple(steps)))
    dated.sort(key=lambda d: (d[0], d[1]))
    return [steps for _, _, steps in dated]


def training_items(reviews: Iterable[Review]) -> list[fsrs_rs_python.FSRSItem]:
    """:func:`training_histories` as the optimizer's items."""
    import fsrs_rs_python as F

    return [
        F.FSRSItem([F.FSRSReview(rating, delta) for rating, delta in steps])
        for steps in training_histories(reviews)
    ]


def evaluate(parameters: Sequence[float], items: Sequence[fsrs_rs_python.FSRSItem]) -> Evaluation:
    import fsrs_rs_python

    result = fsrs_rs_python.FSRS(list(parameters)).evaluate(list(items))
    return Evaluation(result.log_loss, result.rmse_bins)


def fit(
    reviews: Sequence[Review], current: Sequence[float] | None = None, minimum: int = MIN_ITEMS
) -> Fit:
    """Parameters fitted to ``reviews``; NotEnoughReviews below ``minimum`` training items.

    ``current`` are the parameters scheduled with now (the defaults if None): the fit
    replaces them only when its RMSE on the same reviews is lower, as in Anki.
    """
    import fsrs_rs_python

    base = tuple(current) if current else defaults()
    items = training_items(reviews)
    if len(items) < minimum:
        raise NotEnoughReviews(
            f"{len(items)} of your reviews can be used for fitting (a review counts when it "
            f"falls on a later day than the fact's review before it); the optimizer needs at "
            f"least {minimum}, as Anki's does. Keep reviewing: {minimum - len(items)} more "
            "will do"
        )
    config = fsrs_rs_python.TrainingConfig(seed=SEED)
    fitted = tuple(
        fsrs_rs_python.FSRS(list(base)).compute_parameters(items, training_config=config)
    )
    before, after = evaluate(base, items), evaluate(fitted, items)
    improved = after.rmse < before.rmse
    return Fit(
        fitted if improved else base,
        fitted,
        before,
        after,
        len(list(reviews)),
        len(items),
        improved,
    )


def workload(
    parameters: Sequence[float],
    retention: float,
    cards: int,
    *,
    days: int = 365,
    new_per_day: int = 10,
    seed: int = SEED,
) -> Workload:
    """The simulator's reviews and minutes a day for ``cards`` cards studied ``days`` days at
    ``retention``, learning ``new_per_day`` new ones a day (Anki's default costs per review)."""
    import fsrs_rs_python

    if not 0.7 <= retention <= 0.99:
        raise ValueError(f"desired retention {retention} is outside 0.70-0.99")
    config = fsrs_rs_python.default_simulator_config()
    config.deck_size = max(1, cards)
    config.learn_span = max(1, days)
    config.learn_limit = max(1, new_per_day)
    result = fsrs_rs_python.simulate(list(parameters), retention, config, seed)
    reviews = result.review_cnt_per_day
    return Workload(
        retention,
        days,
        sum(reviews) / len(reviews),
        sum(result.cost_per_day) / len(result.cost_per_day) / 60,
        result.memorized_cnt_per_day[-1],
    )
