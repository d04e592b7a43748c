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
from typing import TYPE_CHECKING, Protocol

from quizgen.facts import Fact
from quizgen.progress import ProgressStore
from quizgen.questions import Question, QuestionKind, QuestionMaker
from quizgen.schedule import Rating, new_card, rating_for, review
from quizgen.session import Answer, EndOfInput

if TYPE_CHECKING:
    import fsrs

REVIEW_KINDS = (QuestionKind.TYPED, QuestionKind.CLOZE, QuestionKind.MC)
"""Recall first: typed and fill-in-the-blank, multiple choice where those cannot be made."""


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


def review_questions(maker: QuestionMaker, facts: Sequence[Fact],
                     kinds: Sequence[QuestionKind], seed: int | str) -> list[Question]:
    """One single-fact question per fact, the kinds taking turns where the fact allows."""
    out = []
    for i, fact in enumerate(facts):
        order = [*kinds[i % len(kinds):], *kinds[: i % len(kinds)], QuestionKind.TYPED]
        question = next(q for k in order if (q := maker.make(k, fact, seed)) is not None)
        out.append(question)
    return out


def recorder(store: ProgressStore, session_id: int, *, schedule: bool,
             cards: dict[str, fsrs.Card]) -> Callable[[Answer], None]:
    """The ``on_answer`` for a session: commit the answer (and, if scheduling, the card)."""

    def record(answer: Answer) -> None:
        q = answer.question
        rating = rating_for(answer.correct, answer.seconds, q.kind, answer.grade.typo)
        updates: dict[str, fsrs.Card] = {}
        if schedule:
            for fact_id in q.fact_ids:
                card = cards.get(fact_id) or new_card(fact_id, answer.answered_at)
                cards[fact_id] = updates[fact_id] = review(card, rating, answer.answered_at)
        store.record(session_id, question_id=q.id, kind=q.kind.value, topic=q.topic,
                     fact_ids=q.fact_ids, response=answer.response_text(),
                     correct=answer.correct, seconds=answer.seconds,
                     answered_at=answer.answered_at,
                     rating=int(rating) if schedule else None, cards=updates)

    return record


class CardFrontend(Protocol):
    def flashcard(self, fact: Fact, number: int, total: int) -> Rating:
        """Show the front, reveal the back on request, return the learner's own grade."""
        ...


@dataclass
class CardResult:
    total: int
    ratings: list[tuple[Fact, Rating]]
    interrupted: bool = False
    ran_out: bool = False


def run_flashcards(facts: Sequence[Fact], frontend: CardFrontend, store: ProgressStore,
                   session_id: int, cards: dict[str, fsrs.Card],
                   clock: Callable[[], datetime]) -> CardResult:
    """Self-graded cards, each rating committed (with its rescheduled card) as given."""
    result = CardResult(len(facts), [])
    for number, fact in enumerate(facts, start=1):
        start = clock()
        try:
            rating = frontend.flashcard(fact, number, len(facts))
        except EndOfInput:
            result.ran_out = True
            break
        except KeyboardInterrupt:
            result.interrupted = True
            break
        now = clock()
        card = review(cards.get(fact.id) or new_card(fact.id, now), rating, now)
        cards[fact.id] = card
        store.record(session_id, question_id=f"card-{fact.id}", kind="flashcard",
                     topic=fact.topic, fact_ids=[fact.id], response=rating.name.lower(),
                     correct=rating >= Rating.GOOD, seconds=(now - start).total_seconds(),
                     answered_at=now, rating=int(rating), cards={fact.id: card})
        result.ratings.append((fact, rating))
    return result
