"""What to study and how an answer is recorded: the glue between session and store.

``quiz`` practises (answers are recorded for stats; the schedule is left
alone); ``review`` and ``flashcards`` are spaced repetition: each answer is
turned into an FSRS rating and the fact's card rescheduled, in the same
transaction as the answer itself, from the card as it is stored at that moment.
The order in which a session asks is :mod:`quizgen.study.queues`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from quizgen.facts import Fact
from quizgen.generation.bank import Maker
from quizgen.items import Item
from quizgen.progress import ProgressStore
from quizgen.progress.store import Rescheduled
from quizgen.scheduling.cards import (
    DEFAULTS,
    Rating,
    Tuning,
    after_review,
    interval_text,
    learning,
    new_card,
    rating_for,
)
from quizgen.study.session import Answer, Offer

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
    """A single-fact question about ``fact`` in one of ``kinds``, taking turns by ``turn``;
    None where none of them can ask it (:func:`review_item` then shows a self-graded
    card). Never another kind: ``--kinds typed`` must not ask a multiple choice."""
    order = [*kinds[turn % len(kinds) :], *kinds[: turn % len(kinds)]]
    return next((q for k in order if (q := maker.make(k, fact, seed)) is not None), None)


def review_item(
    maker: Maker,
    fact: Fact,
    kinds: Sequence[str],
    seed: int | str,
    turn: int,
    card: fsrs.Card | None,
    now: datetime,
    tuning: Tuning = DEFAULTS,
) -> Item:
    """What review asks about ``fact``: a question (:func:`review_question`), or, where
    no kind fits (a phrase or coordinates with no wrong answers to offer), a self-graded
    card, as Anki would show it: every fact review takes is asked."""
    from quizgen.items.flashcard import card_for
    from quizgen.scheduling.cards import choices

    asked = review_question(maker, fact, kinds, seed, turn)
    if asked is not None:
        return asked
    return card_for(fact).with_grades(choices(card or new_card(fact.id, now), now, tuning))


def order_new(facts: Sequence[Fact], order: str, key: str) -> list[Fact]:
    """New facts in the order they are taken: as in the file (``file``), or ``random``:
    a shuffle fixed by the fact set ``key`` and each fact's id (Anki's random new-card
    order: a position drawn once per card), so one card does not give the next away
    and review and flashcards agree on what comes next."""
    if order == "file":
        return list(facts)
    import hashlib

    return sorted(facts, key=lambda f: hashlib.sha256(f"{key}\0{f.id}".encode()).digest())


def rating_of(answer: Answer, new: bool = False) -> Rating:
    """The learner's own grade, else the rule the README documents (wrong is Again...).

    A ``new`` card's first answer is at most Good: a lucky guess at a fact never seen
    must not put it 8 days away; the learner can still choose Easy (see
    :meth:`Recorder.change`). An answer the learner overruled ("I was right") is Hard.
    """
    q = answer.question
    if answer.grade.overruled:
        return Rating.HARD
    if answer.grade.rating:
        return Rating(answer.grade.rating)
    rating = rating_for(answer.correct, answer.seconds, q.fast_seconds, answer.grade.typo)
    return min(rating, Rating.GOOD) if new else rating


@dataclass(frozen=True, slots=True)
class Recorded:
    """The answer a :class:`Recorder` wrote last, which the learner may still rate again
    or overrule: its row, which question and when, its rating, and each fact's card
    before it and as written."""

    row: int
    question_id: str
    answered_at: datetime
    rating: Rating
    cards: dict[str, tuple[fsrs.Card | None, fsrs.Card]]


class Recorder:
    """The ``on_answer`` of a session: commit the answer (and, if scheduling, its cards);
    its ``on_overrule`` (the learner says a wrong verdict was right); and, when
    scheduling, its rerater (the learner changes the rating just given).

    Each card is rescheduled from the one stored, read in the write transaction, with
    the learner's ``tuning``, and ``cards`` (the session's view) is updated with what
    was written. When scheduling, returns what the learner is told (the rating and when
    the fact comes back). The cards before the last answer are kept, so that
    :meth:`change` and :meth:`overrule` reschedule from them, as if the answer had been
    rated so all along.
    """

    def __init__(
        self,
        store: ProgressStore,
        session_id: int,
        *,
        schedule: bool,
        cards: dict[str, fsrs.Card],
        tuning: Tuning = DEFAULTS,
    ) -> None:
        self.store = store
        self.session_id = session_id
        self.schedule = schedule
        self.cards = cards
        self.tuning = tuning
        self.last: Recorded | None = None

    def __call__(self, answer: Answer) -> str | None:
        q = answer.question
        rating = rating_of(answer, new=any(f not in self.cards for f in q.fact_ids))
        at = answer.answered_at
        before: dict[str, fsrs.Card | None] = {}

        def rate(fact_id: str, card: fsrs.Card | None) -> fsrs.Card:
            before[fact_id] = card
            return after_review(card or new_card(fact_id, at), rating, at, self.tuning)

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
        self.cards.update(written)
        self.last = Recorded(
            self.store.last_answer,
            q.id,
            at,
            rating,
            {f: (before.get(f), card) for f, card in written.items()},
        )
        return self._told(rating, written, at)

    def _told(self, rating: Rating, written: dict[str, fsrs.Card], at: datetime) -> str | None:
        if not written:
            return None
        soonest = min(c.due for c in written.values())
        return f"Rated {rating.name.capitalize()}: next review in {interval_text(soonest - at)}."

    def _last(self, answer: Answer) -> Recorded | None:
        last = self.last
        if last is None or (last.question_id, last.answered_at) != (
            answer.question.id,
            answer.answered_at,
        ):
            return None
        return last

    def offer(self, answer: Answer) -> Offer | None:
        """The ratings the learner may change this answer's to; None where the learner
        rated it already (a flashcard) or nothing was scheduled."""
        last = self._last(answer)
        if last is None or not last.cards or answer.grade.rating:
            return None
        fact_id, (before, _) = next(iter(last.cards.items()))
        at = answer.answered_at
        card = before or new_card(fact_id, at)
        return Offer(
            last.rating,
            tuple(
                f"{r.name.capitalize()} "
                f"{interval_text(after_review(card, r, at, self.tuning).due - at)}"
                for r in Rating
            ),
        )

    def _rated(self, last: Recorded, rating: Rating) -> dict[str, Rescheduled]:
        """Each card of the last answer: before it, as written, and as ``rating`` gives."""
        at = last.answered_at
        return {
            f: (before, after, after_review(before or new_card(f, at), rating, at, self.tuning))
            for f, (before, after) in last.cards.items()
        }

    def _rewritten(
        self,
        last: Recorded,
        rating: Rating,
        new: dict[str, Rescheduled],
        written: dict[str, fsrs.Card],
    ) -> str | None:
        """Note what the store rewrote; what the learner is told."""
        self.cards.update(written)
        self.last = replace(
            last,
            rating=rating,
            cards={f: (b, written.get(f, a)) for f, (b, a, _) in new.items()},
        )
        return self._told(rating, {f: n for f, (_, _, n) in new.items()}, last.answered_at)

    def change(self, answer: Answer, rating: Rating) -> str:
        """Rate the last answer ``rating`` instead: its cards rescheduled from before it,
        in one transaction; returns what the learner is told."""
        last = self._last(answer)
        assert last is not None and last.cards
        new = self._rated(last, rating)
        written = self.store.rerate(last.row, int(rating), new)
        return self._rewritten(last, rating, new, written) or ""

    def overrule(self, answer: Answer) -> str | None:
        """Record the last answer as right and overruled ("I was right"), rated Hard when
        scheduling (which the learner may still change); what the learner is told."""
        last = self._last(answer)
        if last is None:
            return "Only the last answer can be overruled."
        rating = Rating.HARD
        new = self._rated(last, rating)  # none when nothing is scheduled
        written = self.store.overrule(last.row, int(rating) if self.schedule else None, new)
        if written is None:
            return "That answer is no longer on record as wrong; nothing changed."
        return self._rewritten(last, rating, new, written)
