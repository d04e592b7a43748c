"""Study sessions at a terminal: pick a front end, run, save, summarise, offer a retry.

Plain mode is used when standard input or output is not a terminal, or when
asked for. Ctrl-C (or Esc) anywhere ends the session with what was answered
saved, a partial summary and exit status 130.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from quizgen.bank import Maker
from quizgen.facts import Fact, FactBase
from quizgen.grading import Grader
from quizgen.items import Item
from quizgen.progress import ProgressStore
from quizgen.schedule import Rating
from quizgen.session import Frontend, Result, run, summary_lines
from quizgen.study import Plan, plan, recorder, review_questions

if TYPE_CHECKING:
    import fsrs

INTERRUPTED = 130


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Terminal:
    """Where a session reads and writes; tests pass their own streams and clock."""

    stdin: TextIO
    stdout: TextIO
    plain: bool
    json_out: bool = False
    clock: Callable[[], datetime] = utc_now

    @classmethod
    def real(cls, plain: bool, json_out: bool) -> Terminal:
        tty = sys.stdin.isatty() and sys.stdout.isatty()
        return cls(sys.stdin, sys.stdout, plain or not tty, json_out)

    @property
    def out(self) -> TextIO:
        """Human output; with --json it moves to stderr so stdout is pure JSON."""
        return sys.stderr if self.json_out else self.stdout

    def frontend(self, base: FactBase) -> Frontend:
        if self.plain:
            from quizgen.frontends.plain import PlainFrontend

            return PlainFrontend(base, self.stdin, self.out)
        from quizgen.frontends.interactive import InteractiveFrontend

        return InteractiveFrontend(base, console_file=self.out)

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()


def quiz(term: Terminal, base: FactBase, questions: Sequence[Item], home: Path,
         seed: str) -> int:
    """A practice quiz: answers recorded for stats, then an offer to retry the missed."""
    frontend = term.frontend(base)
    grader = Grader(base.facts)
    results: list[Result] = []
    with ProgressStore.for_facts(home, base) as store:
        pending = list(questions)
        while pending:
            session_id = store.start_session("quiz", seed, term.clock())
            result = run(pending, frontend, grader, term.clock,
                         recorder(store, session_id, schedule=False, cards={}))
            store.finish_session(session_id, term.clock())
            results.append(result)
            term.say()
            for line in summary_lines(result, base):
                term.say(line)
            if result.interrupted or result.ran_out or not result.missed:
                break
            try:
                again = frontend.confirm(f"Retry the {len(result.missed)} missed "
                                         f"question{'s' if len(result.missed) > 1 else ''}?")
            except KeyboardInterrupt:
                again = False
            pending = [a.question for a in result.missed] if again else []
    if term.json_out:
        doc = {"seed": seed, "runs": [r.to_dict(base) for r in results]}
        term.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return INTERRUPTED if any(r.interrupted for r in results) else 0


def review(term: Terminal, base: FactBase, facts: Sequence[Fact], home: Path, *, new: int,
           limit: int, kinds: Sequence[str], seed: str) -> int:
    """Spaced repetition: due facts first, then new ones; each answer reschedules its fact."""
    with ProgressStore.for_facts(home, base) as store:
        cards = store.cards()
        todo = _plan_or_say_why_not(term, cards, facts, new, limit)
        if todo is None:
            return 0
        term.say(f"Reviewing {len(todo.due)} due and {len(todo.new)} new "
                 f"fact{'s' if len(todo.facts) != 1 else ''}.")
        questions = review_questions(Maker(base), todo.facts, kinds, seed)
        session_id = store.start_session("review", seed, term.clock())
        result = run(questions, term.frontend(base), Grader(base.facts), term.clock,
                     recorder(store, session_id, schedule=True, cards=cards))
        store.finish_session(session_id, term.clock())
        term.say()
        for line in summary_lines(result, base):
            term.say(line)
        term.say(_next_due(cards, facts, term.clock()))
    if term.json_out:
        term.stdout.write(json.dumps(result.to_dict(base), ensure_ascii=False, indent=2) + "\n")
    return INTERRUPTED if result.interrupted else 0


def flashcards(term: Terminal, base: FactBase, facts: Sequence[Fact], home: Path, *,
               new: int, limit: int) -> int:
    """Anki-style cards: front, reveal, grade yourself Again, Hard, Good or Easy."""
    with ProgressStore.for_facts(home, base) as store:
        cards = store.cards()
        todo = _plan_or_say_why_not(term, cards, facts, new, limit)
        if todo is None:
            return 0
        from quizgen.items.flashcard import make

        session_id = store.start_session("flashcards", None, term.clock())
        result = run([make(f) for f in todo.facts], term.frontend(base), Grader(base.facts),
                     term.clock, recorder(store, session_id, schedule=True, cards=cards))
        store.finish_session(session_id, term.clock())
        ratings = [Rating(a.grade.rating or Rating.AGAIN) for a in result.answers]
        term.say()
        if result.interrupted or result.ran_out:
            term.say(f"Stopped after {len(ratings)} of {result.total} cards; "
                     "every grade given is saved.")
        graded = ", ".join(f"{ratings.count(r)} {r.name.capitalize()}"
                           for r in sorted(set(ratings)))
        term.say(f"Cards: {len(ratings)}" + (f" ({graded})" if graded else ""))
        term.say(_next_due(cards, facts, term.clock()))
    return INTERRUPTED if result.interrupted else 0


def _plan_or_say_why_not(term: Terminal, cards: dict[str, fsrs.Card], facts: Sequence[Fact],
                         new: int, limit: int) -> Plan | None:
    """What to study now, or None after telling the learner there is nothing."""
    todo = plan(facts, cards, term.clock(), new=new, limit=limit)
    if todo.facts:
        return todo
    term.say("Nothing is due and there are no new facts left. "
             + _next_due(cards, facts, term.clock()))
    return None


def _next_due(cards: dict[str, fsrs.Card], facts: Sequence[Fact], now: datetime) -> str:
    ids = {f.id for f in facts}
    upcoming = sorted(c.due for f, c in cards.items() if f in ids and c.due > now)
    if not upcoming:
        return "Nothing else is scheduled for these facts."
    return f"Next review: {upcoming[0].astimezone().strftime('%Y-%m-%d %H:%M')} " \
           f"({len(upcoming)} fact{'s' if len(upcoming) != 1 else ''} scheduled)."
