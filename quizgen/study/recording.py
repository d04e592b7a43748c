"""What to study and how an answer is recorded: the glue between session and store.

``quiz`` practises (answers are recorded for stats; the schedule is left
alone); ``review`` and ``flashcards`` are spaced repetition: each answer is
turned into an FSRS rating and the fact's card rescheduled, in the same
transaction as the answer itself, from the card as it is stored at that moment.
The order in which a session asks is :mod:`quizgen.study.queues`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from quizgen import items
from quizgen.facts import Fact
from quizgen.generation.bank import Maker
from quizgen.items import Item
from quizgen.progress import ProgressStore
from quizgen.scheduling.cards import (
    Rating,
    after_review,
    interval_text,
    lapsed,
    learning,
    new_card,
    rating_for,
)
from quizgen.study.session import Answer

if TYPE_CHECKING:
    import fsrs

LEARN_AHEAD = timedelta(minutes=20)
"""Anki's learn-ahead limit: with nothing else left, a card on its learning steps due
within this long is shown now rather than leaving the session to wait for it."""


@dataclass(frozen=True, slots=True)
class StudyPlan:
    due: list[Fact]
    new: list[Fact]
    learning: list[Fact]
    """Cards on their learning steps due within the learn-ahead limit (a session left
    a few minutes ago); asked after the others, as Anki does."""

    @property
    def facts(self) -> list[Fact]:
        return [*self.due, *self.new, *self.learning]


def study_plan(
    facts: Sequence[Fact],
    cards: dict[str, fsrs.Card],
    now: datetime,
    *,
    new: int,
    limit: int,
    learn_ahead: timedelta = LEARN_AHEAD,
) -> StudyPlan:
    """Facts due by ``now`` (most overdue first), then up to ``new`` never studied, at most
    ``limit`` in all; then learning cards due within ``learn_ahead``.

    ``new`` is what is left of today's new limit (:meth:`ProgressStore.take_new` has
    the last word, in its transaction).
    """
    due = sorted(
        (f for f in facts if f.id in cards and cards[f.id].due <= now),
        key=lambda f: (cards[f.id].due, f.id),
    )[:limit]
    fresh = [f for f in facts if f.id not in cards][: max(0, min(new, limit - len(due)))]
    soon = sorted(
        (
            f
            for f in facts
            if f.id in cards
            and now < cards[f.id].due <= now + learn_ahead
            and learning(cards[f.id])
        ),
        key=lambda f: cards[f.id].due,
    )
    return StudyPlan(due, fresh, soon)


def review_question(
    maker: Maker, fact: Fact, kinds: Sequence[str], seed: int | str, turn: int
) -> Item | None:
    """A single-fact question about ``fact``, the kinds taking turns by ``turn``.

    A fact that none of ``kinds`` can ask about falls back to the other review
    kinds, recall first, so every due fact is asked.
    """
    order = [*kinds[turn % len(kinds) :], *kinds[: turn % len(kinds)], *items.review_kinds()]
    return next((q for k in order if (q := maker.make(k, fact, seed)) is not None), None)


def rating_of(answer: Answer) -> Rating:
    """The learner's own grade, else the rule the README documents (wrong is Again...);
    an answer the learner overruled ("I was right") is Hard."""
    q = answer.question
    if answer.grade.overruled:
        return Rating.HARD
    if answer.grade.rating:
        return Rating(answer.grade.rating)
    return rating_for(answer.correct, answer.seconds, q.fast_seconds, answer.grade.typo)


class Recorder:
    """The ``on_answer`` of a session (commit the answer, and its card when scheduling),
    and its ``on_overrule`` (the learner says a wrong verdict was right).

    Each card is rescheduled from the one stored, read in the write transaction, and
    ``cards`` (the session's view) is updated with what was written. The card before
    the last answer is kept, so an overrule rates the answer Hard from it, as if the
    verdict had been right all along.
    """

    def __init__(
        self,
        store: ProgressStore,
        session_id: int,
        *,
        schedule: bool,
        cards: dict[str, fsrs.Card],
    ) -> None:
        self.store, self.session_id, self.schedule, self.cards = store, session_id, schedule, cards
        self._before: dict[str, tuple[fsrs.Card | None, fsrs.Card]] = {}
        self._last: tuple[str, datetime] | None = None

    def __call__(self, answer: Answer) -> str | None:
        q = answer.question
        rating = rating_of(answer)
        at = answer.answered_at
        before: dict[str, tuple[fsrs.Card | None, fsrs.Card]] = {}

        def rate(fact_id: str, card: fsrs.Card | None) -> fsrs.Card:
            after = after_review(card or new_card(fact_id, at), rating, at)
            before[fact_id] = (card, after)
            return after

        written = self.store.record(
            self.session_id,
            question_id=q.id,
            kind=q.kind,
            topic=q.topic,
            fact_ids=q.fact_ids,
            response=answer.response_text(),
            correct=answer.correct,
            seconds=answer.seconds,
            answered_at=at,
            rating=int(rating) if self.schedule else None,
            rate=rate if self.schedule else None,
        )
        self._before, self._last = before, (q.id, at)
        self.cards.update(written)
        return self._note(rating, written, at)

    def overrule(self, answer: Answer) -> str | None:
        """Record the last answer as right and overruled (rated Hard when scheduling)."""
        q = answer.question
        at = answer.answered_at
        if self._last != (q.id, at):
            return "Only the last answer can be overruled."
        rating = Rating.HARD
        replaced: dict[str, tuple[fsrs.Card, fsrs.Card, int]] = {}
        for fact_id, (card, was) in self._before.items():
            again = after_review(card or new_card(fact_id, at), rating, at)
            lapses = int(lapsed(card, again)) - int(lapsed(card, was))
            replaced[fact_id] = (was, again, lapses)
        done = self.store.overrule(
            self.session_id,
            question_id=q.id,
            answered_at=at,
            rating=int(rating) if self.schedule else None,
            cards=replaced,
        )
        if not done:
            return "That answer is no longer on record as wrong; nothing changed."
        self._last = None
        now_written = {f: card for f, (_, card, _) in replaced.items()}
        self.cards.update(now_written)
        return self._note(rating, now_written, at)

    def _note(self, rating: Rating, written: dict[str, fsrs.Card], at: datetime) -> str | None:
        if not written:
            return None
        soonest = min(c.due for c in written.values())
        return f"Rated {rating.name.capitalize()}: next review in {interval_text(soonest - at)}."


def recorder(
    store: ProgressStore, session_id: int, *, schedule: bool, cards: dict[str, fsrs.Card]
) -> Recorder:
    """The :class:`Recorder` for a session (see there): commit the answer (and, if
    scheduling, the card); when scheduling, say the rating and when the fact comes back."""
    return Recorder(store, session_id, schedule=schedule, cards=cards)
