"""FSRS fitted to one learner's progress store: ``quizgen optimize`` and the note in ``stats``.

The review log is the store's rated answers (review and flashcards), each on the
study day it fell on (the learner's rollover hour, as review counts days); the fit
is :mod:`quizgen.analysis.fitting`'s, with the optimizer Anki uses. What is stored
(per fact set, in the learner's store) is what review and flashcards schedule with
from then on: the fitted parameters when they predict the learner's own reviews
better than the ones in use (as Anki keeps the current ones otherwise), and the
desired retention when the learner sets one. A fit is refused politely below the
optimizer's minimum, and nothing is changed then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Any

from quizgen.analysis import fitting
from quizgen.analysis.fitting import Fit, NotEnoughReviews, Review, Workload
from quizgen.progress import FitRecord, ProgressStore, RatedAnswer, StoredTuning
from quizgen.scheduling.cards import DEFAULT_RETENTION, Tuning, check_tuning
from quizgen.scheduling.days import study_day

RETENTIONS = (0.8, 0.85, 0.9, 0.95)
"""The desired retentions whose workload ``optimize`` shows beside the learner's own."""
LOWEST, HIGHEST = 0.7, 0.99
"""The desired retentions Anki's options screen accepts."""


def review_log(rated: Sequence[RatedAnswer], zone: tzinfo, rollover: int) -> list[Review]:
    """Each rated answer as a review of each fact it rated, on its study day in ``zone``."""
    return [
        Review(fact, answer.rating, study_day(answer.answered_at.astimezone(zone), rollover).date,
               answer.answered_at)
        for answer in rated
        for fact in answer.fact_ids
    ]  # fmt: skip


def check_retention(value: float) -> float:
    """A desired retention Anki would take; ValueError saying the range if not."""
    if not LOWEST <= value <= HIGHEST:
        raise ValueError(
            f"--retention {value:g} is outside {LOWEST:.2f}-{HIGHEST:.2f} (0.90 means: "
            "remember 90% of the facts when they come due)"
        )
    return value


@dataclass(frozen=True, slots=True)
class Optimized:
    """What ``quizgen optimize`` did: the fit (None when refused or only reset), what is
    scheduled with now, and the workload the simulator expects of it."""

    fit: Fit | None
    refusal: str | None
    """Why no fit was made (too few reviews), in words for the learner."""
    tuning: StoredTuning
    """What is stored now."""
    workloads: tuple[Workload, ...]
    facts: int
    reset: bool = False
    from_defaults: bool = True
    """Whether the parameters in use before were FSRS's defaults (not an earlier fit)."""

    @property
    def retention(self) -> float:
        return self.tuning.retention or DEFAULT_RETENTION

    def to_dict(self) -> dict[str, Any]:
        fit = self.fit
        return {
            "fitted": fit is not None,
            "refused": self.refusal,
            "reset": self.reset,
            "reviews": None if fit is None else fit.reviews,
            "training_items": None if fit is None else fit.items,
            "before": None if fit is None else _evaluation(fit.before),
            "after": None if fit is None else _evaluation(fit.after),
            "kept": None if fit is None else fit.improved,
            "parameters": None if self.tuning.parameters is None else list(self.tuning.parameters),
            "desired_retention": self.retention,
            "workload": [
                {
                    "desired_retention": w.retention,
                    "days": w.days,
                    "reviews_per_day": round(w.reviews_per_day, 2),
                    "minutes_per_day": round(w.minutes_per_day, 2),
                    "remembered": round(w.memorized, 1),
                }
                for w in self.workloads
            ],
        }


def _evaluation(e: fitting.Evaluation) -> dict[str, float]:
    return {"log_loss": round(e.log_loss, 4), "rmse_bins": round(e.rmse, 4)}


def optimize(
    store: ProgressStore,
    *,
    now: datetime,
    zone: tzinfo,
    rollover: int,
    facts: int,
    retention: float | None = None,
    reset: bool = False,
    minimum: int = fitting.MIN_ITEMS,
) -> Optimized:
    """Fit FSRS to the store's review log and keep what schedules better; see the module.

    ``retention`` (checked by :func:`check_retention`) is stored whether or not a fit
    can be made; ``reset`` forgets the stored parameters and retention first (and
    fits nothing). ``facts`` is the fact set's size, for the workload.
    """
    if retention is not None:
        check_retention(retention)
    if reset:
        store.reset_tuning()
        stored = StoredTuning(retention=retention)
        if retention is not None:
            store.save_tuning(stored, now)
        return Optimized(None, None, stored, _workloads(stored, facts), facts, reset=True)
    stored = store.tuning()
    if retention is not None:
        stored = replace(stored, retention=retention)
    before = stored.parameters
    reviews = review_log(store.rated_answers(), zone, rollover)
    try:
        fit = fitting.fit(reviews, stored.parameters, minimum)
    except NotEnoughReviews as exc:
        if retention is not None:
            store.save_tuning(stored, now)
        return Optimized(None, str(exc), stored, _workloads(stored, facts), facts,
                         from_defaults=before is None)  # fmt: skip
    if fit.improved and not _usable(fit.fitted):
        fit = replace(fit, parameters=_current(stored), improved=False)
    record = FitRecord(
        now,
        fit.items,
        (fit.before.log_loss, fit.after.log_loss),
        (fit.before.rmse, fit.after.rmse),
        fit.improved,
    )
    stored = replace(
        stored, parameters=fit.fitted if fit.improved else stored.parameters, fit=record
    )
    store.save_tuning(stored, now)
    return Optimized(fit, None, stored, _workloads(stored, facts), facts,
                     from_defaults=before is None)  # fmt: skip


def _current(stored: StoredTuning) -> tuple[float, ...]:
    return stored.parameters if stored.parameters is not None else fitting.defaults()


def _usable(parameters: Sequence[float]) -> bool:
    """Whether the scheduler (the ``fsrs`` package) takes these parameters: its bounds are
    the optimizer's, but a fit that reached one is not trusted blindly."""
    try:
        check_tuning(Tuning(tuple(parameters)))
    except ValueError:
        return False
    return True


def _workloads(stored: StoredTuning, facts: int) -> tuple[Workload, ...]:
    """The simulator's reviews a day at the usual retentions and the learner's own."""
    wanted = sorted({*RETENTIONS, stored.retention or DEFAULT_RETENTION})
    parameters = _current(stored)
    return tuple(fitting.workload(parameters, r, max(1, facts)) for r in wanted)


@dataclass(frozen=True, slots=True)
class Note:
    """What ``stats`` says about fitting FSRS: a line for people, figures for scripts."""

    line: str | None
    usable: int | None
    """Reviews a fit could use; None when too few answers were rated for it to matter (then
    they are not counted)."""
    tuning: StoredTuning

    def to_dict(self) -> dict[str, Any]:
        fit = self.tuning.fit
        return {
            "usable_reviews": self.usable,
            "minimum": fitting.MIN_ITEMS,
            "parameters": "default" if self.tuning.parameters is None else "fitted",
            "desired_retention": self.tuning.retention or DEFAULT_RETENTION,
            "last_fit": None
            if fit is None
            else {
                "at": fit.fitted_at.isoformat(),
                "reviews": fit.reviews,
                "log_loss": [round(v, 4) for v in fit.log_loss],
                "rmse_bins": [round(v, 4) for v in fit.rmse],
                "kept": fit.kept,
            },
            "note": self.line,
        }


def note(store: ProgressStore | None, rollover: int, zone: tzinfo) -> Note:
    """The stats note: nothing until a fit can be made, then that it can; after a fit,
    what the schedule runs with, and when enough new reviews make another worth it.
    Counted by SQLite (:meth:`ProgressStore.fit_reviews`), so stats stay fast. No store
    (nothing saved yet): no note."""
    if store is None:
        return Note(None, None, StoredTuning())
    stored = store.tuning()
    fit = stored.fit
    minimum = fitting.MIN_ITEMS
    # Fewer rated answers than a fit needs, or than a new one would add: nothing to count.
    rated = store.rated_count()
    usable = store.fit_reviews(rollover) if rated >= minimum + (fit.reviews if fit else 0) else None
    line = None
    if fit is None and usable is not None and usable >= minimum:
        line = (
            f"FSRS can now be fitted to your memory: {usable:,} of your reviews can be used "
            "(at least 400 are needed). Run 'quizgen optimize', as Anki's optimizer does."
        )
    elif fit is not None:
        day = fit.fitted_at.astimezone(zone).date().isoformat()
        if fit.kept:
            line = (
                f"Scheduling with FSRS parameters fitted to {fit.reviews:,} of your reviews "
                f"on {day}."
            )
        else:
            kept = "FSRS's defaults" if stored.parameters is None else "your earlier fit"
            line = (
                f"On {day} a fit to {fit.reviews:,} of your reviews was not better than "
                f"{kept}, which stay."
            )
        if usable is not None and usable - fit.reviews >= minimum:
            line += (
                f" {usable - fit.reviews:,} reviews since: 'quizgen optimize' may fit them "
                "better now."
            )
    if stored.retention is not None:
        extra = f"Desired retention: {stored.retention:.0%}."
        line = f"{line} {extra}" if line else extra
    return Note(line, usable, stored)
