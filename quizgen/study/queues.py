"""The order a study session asks in, decided as it goes: Anki's for review, Quizlet's for drills.

A queue is a :class:`quizgen.study.session.Source`: the engine asks it for the next
item at the current time and tells it each answer (after the answer is saved).

- :class:`ReviewQueue`: a card still on its (re)learning steps after an answer
  (rated Again or Hard, or a new card rated Good, whose next step is minutes
  away) comes back when its step is due: before the rest once due, and, with
  nothing else left, up to the learn-ahead limit early (20 minutes, as Anki).
  Cards due later than that are left for a later session.
- :class:`DrillQueue`: each fact until it is answered right once; a miss goes
  to the back of the line and comes back as another kind of question where
  there is one.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from quizgen.facts import Fact
from quizgen.items import Item
from quizgen.scheduling.cards import learning
from quizgen.study.session import Answer

if TYPE_CHECKING:
    import fsrs

MakeItem = Callable[[Fact, int, datetime], "Item | None"]
"""(fact, how many times it was asked before in this session, now) -> the item to ask."""


class ReviewQueue:
    def __init__(
        self,
        facts: Sequence[Fact],
        cards: dict[str, fsrs.Card],
        make: MakeItem,
        learn_ahead: timedelta = timedelta(minutes=20),
        learning_facts: Sequence[Fact] = (),
    ) -> None:
        """``facts`` in order (due, then new); ``cards`` is the session's view of the
        store, which the recorder updates before :meth:`answered` is called;
        ``learning_facts`` are learning cards to ask when their step is due."""
        self.main = deque(facts)
        self.cards = cards
        self.make = make
        self.learn_ahead = learn_ahead
        self.asked: dict[str, int] = {}
        self.by_id = {f.id: f for f in [*facts, *learning_facts]}
        self.waiting: list[tuple[datetime, str]] = []
        for fact in learning_facts:
            heapq.heappush(self.waiting, (cards[fact.id].due, fact.id))

    def next(self, now: datetime) -> Item | None:
        while True:
            fact = self._pick(now)
            if fact is None:
                return None
            item = self.make(fact, self.asked.get(fact.id, 0), now)
            self.asked[fact.id] = self.asked.get(fact.id, 0) + 1
            if item is not None:
                return item

    def _pick(self, now: datetime) -> Fact | None:
        if self.waiting and self.waiting[0][0] <= now:
            return self.by_id[heapq.heappop(self.waiting)[1]]
        if self.main:
            return self.main.popleft()
        if self.waiting and self.waiting[0][0] <= now + self.learn_ahead:
            return self.by_id[heapq.heappop(self.waiting)[1]]
        return None

    def answered(self, answer: Answer) -> None:
        """Put a fact whose card is still learning back in line for its next step."""
        for fact_id in answer.question.fact_ids:
            card = self.cards.get(fact_id)
            if card is not None and fact_id in self.by_id and learning(card):
                heapq.heappush(self.waiting, (card.due, fact_id))

    def remaining(self, now: datetime) -> int:
        """What the session will still ask as things stand (learning steps due in time)."""
        return len(self.main) + sum(1 for due, _ in self.waiting if due <= now + self.learn_ahead)


class DrillQueue:
    def __init__(self, facts: Sequence[Fact], make: MakeItem) -> None:
        self.line = deque(facts)
        self.make = make
        self.asked: dict[str, int] = {}
        self.current: Fact | None = None

    def next(self, now: datetime) -> Item | None:
        while self.line:
            fact = self.line.popleft()
            turn = self.asked.get(fact.id, 0)
            self.asked[fact.id] = turn + 1
            item = self.make(fact, turn, now)
            if item is not None:
                self.current = fact
                return item
        return None

    def answered(self, answer: Answer) -> None:
        if not answer.correct and self.current is not None:
            self.line.append(self.current)

    def remaining(self, now: datetime) -> int:
        return len(self.line)
