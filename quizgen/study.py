"""What to study and how an answer is recorded: the glue between session and store.

``quiz`` practises (answers are recorded for stats; the schedule is left
alone); ``review`` and ``flashcards`` are spaced repetition: each answer is
turned into an FSRS rating and the fact's card rescheduled, in the same
transaction as the answer itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from quizgen import items
from quizgen.bank import Maker
from quizgen.facts import Fact
from quizgen.items import Item
from quizgen.progress import ProgressStore
from quizgen.schedule import Rating, new_card, rating_for, review
from quizgen.session import Answer

if TYPE_CHECKING:
    import fsrs


@dataclass(frozen=True, slots=True)
class Plan:
    due: list[Fact]
    new: list[Fact]

    @property
    def facts(self) -> list[Fact]:
        return [*self.due, *self.new]


def plan(facts: Sequence[Fact], cards: dict[str, fsrs.Card], now: datetime, *, new: int,
         limit: int) -> Plan:
    """Facts due by ``now`` (most overdue first), then up to ``new`` never studied."""
    due = sorted((f for f in facts if f.id in cards and cards[f.id].due <= now),
                 key=lambda f: (cards[f.id].due, f.id))[:limit]
    fresh = [f for f in facts if f.id not in cards][: max(0, min(new, limit - len(due)))]
    return Plan(due, fresh)


def review_questions(maker: Maker, facts: Sequence[Fact], kinds: Sequence[str],
                     seed: int | str) -> list[Item]:
    """One single-fact question per fact, the kinds taking turns where the fact allows.

    A fact that none of ``kinds`` can ask about falls back to the other review
    kinds, recall first, so every due fact is asked.
    """
    out = []
    fallback = items.review_kinds()
    for i, fact in enumerate(facts):
        order = [*kinds[i % len(kinds):], *kinds[: i % len(kinds)], *fallback]
        question = next((q for k in order if (q := maker.make(k, fact, seed)) is not None), None)
        if question is not None:
            out.append(question)
    return out


def recorder(store: ProgressStore, session_id: int, *, schedule: bool,
             cards: dict[str, fsrs.Card]) -> Callable[[Answer], None]:
    """The ``on_answer`` for a session: commit the answer (and, if scheduling, the card)."""

    def record(answer: Answer) -> None:
        q = answer.question
        rating = Rating(answer.grade.rating) if answer.grade.rating else rating_for(
            answer.correct, answer.seconds, q.fast_seconds, answer.grade.typo)
        updates: dict[str, fsrs.Card] = {}
        if schedule:
            for fact_id in q.fact_ids:
                card = cards.get(fact_id) or new_card(fact_id, answer.answered_at)
                cards[fact_id] = updates[fact_id] = review(card, rating, answer.answered_at)
        store.record(session_id, question_id=q.id, kind=q.kind, topic=q.topic,
                     fact_ids=q.fact_ids, response=answer.response_text(),
                     correct=answer.correct, seconds=answer.seconds,
                     answered_at=answer.answered_at,
                     rating=int(rating) if schedule else None, cards=updates)

    return record
