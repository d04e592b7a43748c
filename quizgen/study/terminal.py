"""Study sessions at a terminal: pick a front end, run, save, summarise, offer a retry.

Plain mode is used when standard input or output is not a terminal, or when
asked for. Ctrl-C (or Esc) anywhere ends the session with what was answered
saved, a partial summary and exit status 130. Review and flashcards follow
Anki: due facts, then new ones up to the per-day limit of the study day
(:mod:`quizgen.scheduling.days`), and cards still on their learning steps come back in
the same session (:mod:`quizgen.study.queues`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from quizgen.facts import Fact, FactBase
from quizgen.generation.bank import Maker
from quizgen.grading import Grader
from quizgen.items import Item
from quizgen.language.wrapping import terminal_width, wrap_all
from quizgen.progress import ProgressStore
from quizgen.scheduling.cards import DEFAULTS, Rating, Tuning
from quizgen.scheduling.clock import utc_now
from quizgen.scheduling.days import DEFAULT_ROLLOVER, due_counts, study_day
from quizgen.scheduling.localzone import LOCAL
from quizgen.study.queues import DrillQueue, ReviewQueue
from quizgen.study.recording import (
    Recorder,
    order_new,
    review_item,
    study_plan,
)
from quizgen.study.session import Frontend, Result, Source, run, summary_lines

if TYPE_CHECKING:
    import fsrs

INTERRUPTED = 130


@dataclass
class Terminal:
    """Where a session reads and writes; tests pass their own streams, clock and zone."""

    stdin: TextIO
    stdout: TextIO
    plain: bool
    json_out: bool = False
    clock: Callable[[], datetime] = utc_now
    zone: tzinfo = LOCAL
    rollover: int = DEFAULT_ROLLOVER
    width: int | None = None
    """Columns to wrap to; None: the terminal's when output is one, else no wrapping."""

    @classmethod
    def real(cls, plain: bool, json_out: bool, rollover: int = DEFAULT_ROLLOVER) -> Terminal:
        from quizgen.scheduling.clock import clock

        tty = sys.stdin.isatty() and sys.stdout.isatty()
        return cls(
            sys.stdin, sys.stdout, plain or not tty, json_out, clock=clock(), rollover=rollover
        )

    @property
    def out(self) -> TextIO:
        """Human output; with --json it moves to stderr so stdout is pure JSON."""
        return sys.stderr if self.json_out else self.stdout

    def now(self) -> datetime:
        """The clock in the learner's zone: study days roll over at a local hour."""
        return self.clock().astimezone(self.zone)

    def columns(self) -> int | None:
        if self.width is not None:
            return self.width
        try:
            return terminal_width() if self.out.isatty() else None
        except (AttributeError, ValueError):
            return None

    def frontend(self, base: FactBase) -> Frontend:
        if self.plain:
            from quizgen.study.frontends.plain import PlainFrontend

            return PlainFrontend(base, self.stdin, self.out, width=self.columns())
        from quizgen.study.frontends.interactive import InteractiveFrontend

        return InteractiveFrontend(base, console_file=self.out, width=self.width)

    def say(self, text: str = "") -> None:
        for line in wrap_all([text], self.columns()):
            self.out.write(line + "\n")
        self.out.flush()


def _summary(term: Terminal, result: Result, base: FactBase) -> None:
    term.say()
    for line in summary_lines(result, base):
        term.say(line)


def quiz(
    term: Terminal,
    base: FactBase,
    questions: Sequence[Item],
    home: Path,
    seed: str,
    fewer: str = "",
) -> int:
    """A practice quiz: answers recorded for stats, then an offer to retry the missed.

    ``fewer`` says why there are fewer questions than asked for, before the first; the
    seed is told with the first summary, so the same questions can be asked again."""
    frontend = term.frontend(base)
    if fewer:
        term.say(fewer)
    grader = Grader(base.facts, base.entities)
    results: list[Result] = []
    with ProgressStore.for_facts(home, base) as store:
        pending = list(questions)
        while pending:
            session_id = store.start_session("quiz", seed, term.clock())
            try:
                record = Recorder(store, session_id, schedule=False, cards={})
                result = run(
                    pending, frontend, grader, term.clock, record, on_overrule=record.overrule
                )
            finally:
                store.finish_session(session_id, term.clock())
            results.append(result)
            _summary(term, result, base)
            if len(results) == 1:
                term.say(
                    f"Seed: {seed} (the same options with --seed {seed} ask these questions again)"
                )
            if result.interrupted or result.ran_out or not result.missed:
                break
            try:
                again = frontend.confirm(
                    f"Retry the {len(result.missed)} missed "
                    f"question{'s' if len(result.missed) > 1 else ''}?"
                )
            except KeyboardInterrupt:
                again = False
            pending = [a.question for a in result.missed] if again else []
    _json(term, {"seed": seed, "runs": [r.to_dict(base) for r in results]})
    return INTERRUPTED if any(r.interrupted for r in results) else 0


def drill(
    term: Terminal,
    base: FactBase,
    facts: Sequence[Fact],
    home: Path,
    *,
    n: int,
    kinds: Sequence[str],
    seed: str,
) -> int:
    """The facts missed most recently, asked until each is answered right once (Quizlet's
    Learn): a miss goes to the back of the line and comes back as another kind."""
    chosen = {f.id: f for f in facts}
    maker = Maker(base)
    with ProgressStore.for_facts(home, base) as store:
        missed = [chosen[f] for f in store.last_missed() if f in chosen][:n]
        if not missed:
            term.say(
                "Nothing to drill: no fact's latest answer was wrong. "
                "Take a quiz or a review first."
            )
            return 0
        term.say(
            f"Drilling {len(missed)} missed fact{'s' if len(missed) != 1 else ''} "
            "until each is answered right once."
        )
        queue = DrillQueue(
            missed, lambda f, turn, now: review_item(maker, f, kinds, seed, turn, None, now)
        )
        result = _run(term, base, store, "quiz", seed, queue, schedule=False, cards={})
        _summary(term, result, base)
        if not (result.interrupted or result.ran_out):
            term.say(f"Each of the {len(missed)} is now answered right.")
    _json(term, {"seed": seed, "runs": [result.to_dict(base)]})
    return INTERRUPTED if result.interrupted else 0


def _run(
    term: Terminal,
    base: FactBase,
    store: ProgressStore,
    command: str,
    seed: str | None,
    source: Source,
    *,
    schedule: bool,
    cards: dict[str, fsrs.Card],
    session_id: int | None = None,
    tuning: Tuning = DEFAULTS,
) -> Result:
    session = (
        session_id if session_id is not None else store.start_session(command, seed, term.clock())
    )
    record = Recorder(store, session, schedule=schedule, cards=cards, tuning=tuning)
    try:
        return run(
            source,
            term.frontend(base),
            Grader(base.facts, base.entities),
            term.clock,
            record,
            on_overrule=record.overrule,
            rerater=record if schedule else None,
        )
    finally:
        store.finish_session(session, term.clock())


def _json(term: Terminal, doc: dict[str, object]) -> None:
    if term.json_out:
        term.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


@dataclass(frozen=True, slots=True)
class Spaced:
    """What a spaced-repetition session (review or flashcards) studies: the chosen
    ``facts`` of ``base``, the learner's progress in ``home``, at most ``new`` new facts
    a study day (taken in ``order``: ``file`` or ``random``) and ``limit`` in all."""

    base: FactBase
    facts: Sequence[Fact]
    home: Path
    new: int
    limit: int
    order: str = "random"


def review(term: Terminal, spaced: Spaced, *, kinds: Sequence[str], seed: str) -> int:
    """Spaced repetition: due facts first, then new ones; each answer reschedules its fact.
    Every fact taken is asked: where no kind fits, as a self-graded card."""
    maker = Maker(spaced.base)
    turns = {f.id: i for i, f in enumerate(spaced.facts)}

    def make(
        fact: Fact, turn: int, now: datetime, card: fsrs.Card | None, tuning: Tuning
    ) -> Item | None:
        turn += turns.get(fact.id, 0)
        return review_item(maker, fact, kinds, seed, turn, card, now, tuning)

    result = _scheduled(term, spaced, "review", seed, make)
    if result is not None:
        _json(term, result.to_dict(spaced.base))
    return _status_code(result)


def flashcards(term: Terminal, spaced: Spaced) -> int:
    """Anki-style cards: front, reveal, grade yourself Again, Hard, Good or Easy, each
    grade showing the interval fsrs would give."""
    from quizgen.items.flashcard import card_for
    from quizgen.scheduling.cards import choices, new_card

    def make(
        fact: Fact, turn: int, now: datetime, card: fsrs.Card | None, tuning: Tuning
    ) -> Item | None:
        card = card or new_card(fact.id, now)
        return card_for(fact).with_grades(choices(card, now, tuning))

    return _status_code(_scheduled(term, spaced, "flashcards", None, make))


def _status_code(result: Result | None) -> int:
    """130 for a session Ctrl-C ended, 0 for one that ran (or had nothing to do)."""
    return INTERRUPTED if result is not None and result.interrupted else 0


MakeScheduled = Callable[[Fact, int, datetime, "fsrs.Card | None", Tuning], "Item | None"]
"""A :data:`~quizgen.study.queues.MakeItem` that is also given the fact's card (None: a new
fact) and the learner's schedule tuning: what a review or flashcards item is made from."""


def _scheduled(
    term: Terminal, spaced: Spaced, command: str, seed: str | None, make: MakeScheduled
) -> Result | None:
    """A review or flashcards session: plan, take new facts (in ``spaced.order``), run
    the queue, summarise.

    The schedule is the learner's (``quizgen optimize``): its tuning is read from the
    store and handed to ``make`` with the fact's card, as the session has it then."""
    base, new, limit = spaced.base, spaced.new, spaced.limit
    cards: dict[str, fsrs.Card] = {}
    facts = order_new(spaced.facts, spaced.order, base.id)
    with ProgressStore.for_facts(spaced.home, base) as store:
        tuning = store.schedule_tuning()
        now = term.now()
        day = study_day(now, term.rollover)
        cards.update(store.cards())
        todo = study_plan(
            facts, cards, now, new=max(0, new - store.new_taken(day.key)), limit=limit
        )
        if not todo.facts:
            term.say(
                _nothing_to_do(cards, facts, new)
                + _status(store, cards, facts, now, term.rollover, new, day.key)
            )
            return None
        session_id = store.start_session(command, seed, term.clock())
        fresh = set(
            store.take_new(
                session_id,
                [f.id for f in facts if f.id not in cards],
                day=day.key,
                limit=new,
                most=limit - len(todo.due),
            )
        )
        taken = [f for f in facts if f.id in fresh]
        if not (todo.due or taken or todo.learning):  # another session took them meanwhile
            store.finish_session(session_id, term.clock())
            term.say(
                _nothing_to_do(cards, facts, new)
                + _status(store, cards, facts, now, term.rollover, new, day.key)
            )
            return None
        what = "cards" if command == "flashcards" else "facts"
        soon = f", {len(todo.learning)} learning" if todo.learning else ""
        term.say(
            f"{'Studying' if command == 'flashcards' else 'Reviewing'} {len(todo.due)} "
            f"due{soon} and {len(taken)} new "
            f"{what if len(todo.due) + len(taken) + len(todo.learning) != 1 else what[:-1]}."
        )
        queue = ReviewQueue(
            [*todo.due, *taken],
            cards,
            lambda fact, turn, now: make(fact, turn, now, cards.get(fact.id), tuning),
            learning_facts=todo.learning,
        )
        result = _run(
            term,
            base,
            store,
            command,
            seed,
            queue,
            schedule=True,
            cards=cards,
            session_id=session_id,
            tuning=tuning,
        )
        if command == "flashcards":
            _card_summary(term, result)
        else:
            _summary(term, result, base)
        term.say(_status(store, cards, facts, term.now(), term.rollover, new, day.key))
    return result


def _card_summary(term: Terminal, result: Result) -> None:
    ratings = [Rating(a.grade.rating or Rating.AGAIN) for a in result.answers]
    term.say()
    if result.interrupted or result.ran_out:
        term.say(
            f"Stopped after {len(ratings)} of {result.total} cards; every grade given is saved."
        )
    graded = ", ".join(f"{ratings.count(r)} {r.name.capitalize()}" for r in sorted(set(ratings)))
    term.say(f"Cards: {len(ratings)}" + (f" ({graded})" if graded else ""))


def _status(
    store: ProgressStore,
    cards: dict[str, fsrs.Card],
    facts: Sequence[Fact],
    now: datetime,
    rollover: int,
    new: int,
    day: str,
) -> str:
    """What is due now, later today and tomorrow, and what is left of today's new facts."""
    ids = {f.id for f in facts}
    counts = due_counts([c.due for f, c in cards.items() if f in ids], now, rollover)
    unseen = sum(1 for f in facts if f.id not in cards)
    return (
        f"{counts.line(now)} New today: {store.new_taken(day)} of {new}; {unseen} not yet started."
    )


def _nothing_to_do(cards: dict[str, fsrs.Card], facts: Sequence[Fact], new: int) -> str:
    """Why a session has nothing to ask, before the status line."""
    unseen = sum(1 for f in facts if f.id not in cards)
    if not unseen:
        why = "every fact has been started"
    elif new == 0:
        why = "--new 0 asks for no new facts"
    else:
        why = f"today's {new} new facts are taken (--new N raises today's limit)"
    return f"Nothing is due now and {why}. "
