"""FSRS fitted to a simulated learner with Anki's optimizer (fsrs-rs), offline."""

from __future__ import annotations

import socket
from datetime import UTC, date, datetime, timedelta

import pytest

from quizgen.analysis import fitting
from quizgen.analysis.fitting import NotEnoughReviews, Review
from tests.support.simulated import simulated_learner

TRUE = list(fitting.defaults())
TRUE[0:4] = [0.05, 0.3, 0.8, 3.0]  # forgets much sooner after a first review
TRUE[20] = 0.4


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No socket can be opened: the optimizer and the simulator work on this machine alone."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_a_learner_unlike_the_defaults_gets_a_better_fit() -> None:
    reviews = simulated_learner(TRUE)
    fit = fitting.fit(reviews)
    assert fit.improved and fit.parameters == fit.fitted
    assert fit.after.log_loss < fit.before.log_loss
    assert fit.after.rmse < fit.before.rmse
    assert fit.items >= fitting.MIN_ITEMS and fit.reviews == len(reviews)
    truth = fitting.evaluate(TRUE, fitting.training_items(reviews))
    # the fit comes close to what the true parameters themselves achieve
    assert fit.after.log_loss - truth.log_loss < (fit.before.log_loss - truth.log_loss) / 4
    # and moves the first stabilities the way the learner differs
    assert all(f < d for f, d in zip(fit.fitted[:4], fitting.defaults()[:4], strict=True))


def test_the_same_reviews_give_the_same_parameters() -> None:
    reviews = simulated_learner(TRUE, cards=80, days=150)
    assert fitting.fit(reviews).fitted == fitting.fit(reviews).fitted


def test_a_learner_like_the_defaults_keeps_them_when_the_fit_is_not_better() -> None:
    reviews = simulated_learner(list(fitting.defaults()), cards=120, days=150, seed=3)
    fit = fitting.fit(reviews)
    if not fit.improved:
        assert fit.parameters == fitting.defaults()
    else:  # a fit may still edge the defaults on their own data; then it is better
        assert fit.after.rmse < fit.before.rmse


def test_too_few_reviews_are_refused_politely() -> None:
    reviews = simulated_learner(TRUE, cards=10, days=60)
    usable = len(fitting.training_items(reviews))
    with pytest.raises(NotEnoughReviews) as caught:
        fitting.fit(reviews)
    message = str(caught.value)
    assert f"{usable} of your reviews" in message and "at least 400" in message
    assert f"{400 - usable} more" in message and "\n" not in message


def test_training_items_are_ankis() -> None:
    day = date(2025, 3, 1)

    def at(d: int, h: int) -> Review:
        moment = datetime(2025, 3, 1, h, tzinfo=UTC) + timedelta(days=d)
        return Review("f", 3 if h != 9 else 1, day + timedelta(days=d), moment)

    # learnt and failed on day 0, reviewed on day 0 again, then days 2 and 7
    reviews = [at(7, 10), at(0, 9), at(0, 10), at(2, 10)]
    assert fitting.training_histories(reviews) == [
        ((1, 0), (3, 0), (3, 2)),
        ((1, 0), (3, 0), (3, 2), (3, 5)),
    ]
    assert [i.long_term_review_cnt() for i in fitting.training_items(reviews)] == [1, 2]


def test_a_bad_rating_is_refused() -> None:
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="rating 5"):
        fitting.training_items([Review("f", 5, moment.date(), moment)])


def test_higher_retention_costs_more_reviews_a_day() -> None:
    loads = [fitting.workload(fitting.defaults(), r, 100, days=120) for r in (0.8, 0.9, 0.95)]
    assert loads[0].reviews_per_day < loads[1].reviews_per_day < loads[2].reviews_per_day
    assert loads[0].memorized < loads[2].memorized <= 100
    with pytest.raises(ValueError, match="outside"):
        fitting.workload(fitting.defaults(), 0.5, 100)


def test_parameters_are_checked_by_the_library() -> None:
    assert fitting.check(fitting.defaults()) == fitting.defaults()
    with pytest.raises(ValueError):
        fitting.check([1.0, 2.0, 3.0])
    with pytest.raises(ValueError):
        fitting.check([])
