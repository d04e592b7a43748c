"""One learner's progress for one fact set: sessions, answers and FSRS cards.

Every answer, and the card it reschedules, is written in one transaction with
``synchronous=FULL`` in WAL mode, so killing the process (even SIGKILL) loses
at most the question not yet answered and two terminals can study at once.
Progress is keyed by (fact set id, fact id): editing a fact's wording keeps its
history, and two fact files studied from one folder keep theirs apart.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from quizgen.errors import printable
from quizgen.progress import integrity, opening
from quizgen.progress.failures import not_writable
from quizgen.progress.migrations import claim, claimable
from quizgen.progress.rows import aware, checked_card, damaged_card, utf8
from quizgen.progress.weak import WeakSpots
from quizgen.scheduling.localzone import LOCAL

if TYPE_CHECKING:
    import fsrs

    from quizgen.facts import FactBase
    from quizgen.scheduling.cards import Tuning

Rate = Callable[[str, "fsrs.Card | None"], "fsrs.Card"]
"""(fact id, its card as stored now or None if new) -> the card after this answer."""
Rescheduled = tuple["fsrs.Card | None", "fsrs.Card", "fsrs.Card"]
"""A card rated again: (before the answer, as the answer wrote it, as the new rating gives)."""


_V = TypeVar("_V")


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One recorded answer, as stats read them back."""

    question_id: str
    kind: str
    topic: str
    fact_ids: tuple[str, ...]
    response: str
    correct: bool
    seconds: float
    rating: int | None
    answered_at: str
    overruled: bool = False
    """Marked wrong, and the learner said "I was right" (recorded as right)."""


@dataclass(frozen=True, slots=True)
class RatedAnswer:
    """One answer that moved the schedule: the facts it rated, the rating (1 Again to 4
    Easy) and when; the review log an FSRS fit learns from."""

    fact_ids: tuple[str, ...]
    rating: int
    answered_at: datetime


@dataclass(frozen=True, slots=True)
class FitRecord:
    """The last fit of FSRS to this learner, as ``quizgen optimize`` reported it."""

    fitted_at: datetime
    reviews: int
    """Training items: reviews on a later day than the fact's review before them."""
    log_loss: tuple[float, float]
    """Before (the parameters scheduled with then) and after (the fitted ones)."""
    rmse: tuple[float, float]
    kept: bool
    """Whether the fitted parameters were better and are scheduled with."""


@dataclass(frozen=True, slots=True)
class StoredTuning:
    """The learner's FSRS settings for one fact set; None is "the default"."""

    parameters: tuple[float, ...] | None = None
    retention: float | None = None
    fit: FitRecord | None = None


@dataclass(frozen=True, slots=True)
class Counts:
    """(answered, correct) per local day, per topic and per kind, as stats show them."""

    by_day: dict[str, tuple[int, int]]
    by_topic: dict[str, tuple[int, int]]
    by_kind: dict[str, tuple[int, int]]


class ProgressStore(WeakSpots):
    """One learner's progress for one fact set. Use :meth:`open`; close when done.

    Every read and write is of the set the store was opened for, so a second fact
    file studied from the same folder has its own cards, answers and stats even
    where its fact ids repeat the first one's.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, set_id: str) -> None:
        if not set_id:
            raise ValueError("a fact set id cannot be empty")
        self.path = path
        self.conn = conn
        self.set_id = set_id
        self.last_answer = 0
        """The row id of the answer :meth:`record` wrote last (for :meth:`rerate`)."""

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def for_facts(cls, home: Path, base: FactBase, *, readonly: bool = False) -> ProgressStore:
        """The store for this fact file: its set id, and its facts to claim old progress."""
        return cls.open(
            home, set_id=base.id, fact_ids=[f.id for f in base.facts], readonly=readonly
        )

    @classmethod
    def for_reading(cls, home: Path, base: FactBase) -> ProgressStore | None:
        """The store for a command that only reads (``stats``): a ``home`` that does not
        exist is an error (a mistyped ``--home`` must not show an empty history), and
        a folder without a progress file gives None rather than a new file."""
        if not home.is_dir():
            raise opening.ProgressError(
                f"{home}: no such folder; progress is kept where answers were saved "
                "(give that folder with --home DIR or $QUIZGEN_HOME)"
            )
        if not os.path.lexists(home / opening.DB_NAME):  # a dangling link is for open() to name
            return None
        return cls.for_facts(home, base, readonly=True)

    @classmethod
    def open(
        cls, home: Path, *, set_id: str, fact_ids: Iterable[str] = (), readonly: bool = False
    ) -> ProgressStore:
        """Open (creating, migrating) the store in ``home``, bound to the fact set ``set_id``.

        ``fact_ids``, the set's facts, let it adopt progress recorded before stores
        knew fact sets (:func:`quizgen.progress.migrations.claim`); without them it
        adopts none. ``readonly`` is for commands that only read (``stats``): nothing
        is created, and old progress is adopted only where the file can be written.
        Errors are :class:`~quizgen.progress.ProgressError`.
        """
        path, conn = (opening.connect_readonly if readonly else opening.connect)(home)
        with opening.reported(path, conn):
            store = cls(path, conn, set_id)
            wanted = frozenset(fact_ids)
            if readonly and store._claimable(wanted) and not_writable(path) is None:
                conn.close()  # old progress to adopt, and the file can take it: adopt now
                return cls.open(home, set_id=set_id, fact_ids=wanted)
            if not readonly:
                store._adopt(wanted)
        return store

    def _claimable(self, fact_ids: frozenset[str]) -> bool:
        return bool(fact_ids) and claimable(self.conn, self.set_id, fact_ids) != ([], [])

    def _adopt(self, fact_ids: frozenset[str]) -> None:
        """Claim old progress that fits this set; a read first, so that the usual open
        (nothing left to claim) takes no write lock."""
        if self._claimable(fact_ids):
            with self.transaction() as c:
                claim(c, self.set_id, fact_ids)

    def check(self) -> None:
        """The full ``quick_check`` now, which opening runs only as the file grows (see
        :mod:`quizgen.progress.integrity`); raises ``ProgressError`` if damaged."""
        with opening.damage_reported(self.path):
            result = self.conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise opening.not_ours(self.path, f"it is damaged ({result})")
        with self.transaction() as c:
            integrity.remember(c, c.execute("PRAGMA page_count").fetchone()[0])

    def transaction(
        self,
        doing: str = "",
    ) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error: all or nothing; ``doing``
        says what a failure means for the user ('the last answer was not saved')."""
        return opening.transaction(self.path, self.conn, doing)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------
    def start_session(self, command: str, seed: str | None, now: datetime) -> int:
        with self.transaction("the session was not started") as c:
            cur = c.execute(
                "INSERT INTO sessions (set_id, command, seed, started_at) VALUES (?, ?, ?, ?)",
                (self.set_id, command, utf8(seed), iso(now)),
            )
            return int(cur.lastrowid or 0)

    def finish_session(self, session_id: int, now: datetime) -> None:
        """Mark the session done and give back the new facts it took but never asked, so
        that they count neither against today's new limit nor as another session's."""
        with self.transaction() as c:
            c.execute("UPDATE sessions SET finished_at = ? WHERE id = ?", (iso(now), session_id))
            c.execute(
                "DELETE FROM taken WHERE session_id = ? AND NOT EXISTS (SELECT 1 FROM "
                "cards WHERE cards.set_id = taken.set_id AND cards.fact_id = "
                "taken.fact_id)",
                (session_id,),
            )

    def take_new(
        self,
        session_id: int,
        candidates: Sequence[str],
        *,
        day: str,
        limit: int,
        most: int | None = None,
    ) -> list[str]:
        """Take for this session the first ``candidates`` that are new, up to the per-day
        ``limit`` less what the study ``day`` has taken already, and at most ``most``.

        In one write transaction, so a second session started meanwhile sees what this
        one took and takes others (or none, when the day's limit is reached). A fact
        taken by a session that was killed stays taken until the day is over.
        """
        with self.transaction() as c:
            carded = {
                f
                for (f,) in c.execute("SELECT fact_id FROM cards WHERE set_id = ?", (self.set_id,))
            }
            taken = {
                f
                for (f,) in c.execute(
                    "SELECT fact_id FROM taken WHERE set_id = ? AND day = ?", (self.set_id, day)
                )
            }
            room = max(0, limit - len(taken) if most is None else min(most, limit - len(taken)))
            picked = [f for f in dict.fromkeys(candidates) if f not in carded and f not in taken][
                :room
            ]
            c.executemany(
                "INSERT INTO taken (set_id, fact_id, day, session_id) VALUES (?, ?, ?, ?)",
                [(self.set_id, f, day, session_id) for f in picked],
            )
        return picked

    def new_taken(self, day: str) -> int:
        """How many new facts the study ``day`` has taken (answered, or in a session)."""
        return int(self._read("SELECT count(*) FROM taken WHERE day = ? AND set_id = ?", day)[0][0])

    def record(
        self,
        session_id: int,
        *,
        question_id: str,
        kind: str,
        topic: str,
        fact_ids: Iterable[str],
        response: str,
        correct: bool,
        seconds: float,
        answered_at: datetime,
        rating: int | None = None,
        cards: Mapping[str, fsrs.Card] | None = None,
        rate: Rate | None = None,
    ) -> dict[str, fsrs.Card]:
        """One answer and the cards it reschedules, committed together, now.

        With ``rate``, each fact's card is read *inside* the write transaction and
        rescheduled from what is stored, so that every rating is applied in order to
        the card as it stands, even when another terminal has just reviewed it (a card
        computed beforehand, as ``cards`` gives them, would overwrite that review).
        Returns the cards written.
        """
        from quizgen.scheduling.cards import card_to_json, lapsed

        ids = tuple(fact_ids)
        with self.transaction("the last answer was not saved") as c:
            cursor = c.execute(
                "INSERT INTO answers (set_id, session_id, question_id, kind, topic, fact_ids,"
                " response, correct, seconds, rating, answered_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    self.set_id,
                    session_id,
                    question_id,
                    kind,
                    topic,
                    " ".join(ids),
                    utf8(response),
                    int(correct),
                    seconds,
                    rating,
                    iso(answered_at),
                ),
            )
            self.last_answer = int(cursor.lastrowid or 0)
            updates = dict(cards or {})
            lapses: dict[str, int] = {}
            for fact_id in ids if rate is not None else ():
                assert rate is not None
                row = c.execute(
                    "SELECT card FROM cards WHERE set_id = ? AND fact_id = ?",
                    (self.set_id, fact_id),
                ).fetchone()
                before = self._row(fact_id, "card", checked_card, row[0]) if row else None
                updates[fact_id] = rate(fact_id, before)
                lapses[fact_id] = int(lapsed(before, updates[fact_id]))
            for fact_id, card in updates.items():
                c.execute(
                    "INSERT INTO cards (set_id, fact_id, card, due, reps, updated_at, lapses)"
                    " VALUES (?,?,?,?,1,?,?) ON CONFLICT(set_id, fact_id) DO UPDATE SET"
                    " card = excluded.card, due = excluded.due, reps = reps + 1,"
                    " updated_at = excluded.updated_at, lapses = lapses + excluded.lapses",
                    (
                        self.set_id,
                        fact_id,
                        card_to_json(card),
                        iso(card.due),
                        iso(answered_at),
                        lapses.get(fact_id, 0),
                    ),
                )
        return updates

    def rerate(
        self,
        answer_id: int,
        rating: int,
        changes: Mapping[str, Rescheduled],
    ) -> dict[str, fsrs.Card]:
        """The learner changed the rating of an answer just recorded: the answer's rating
        and each card it rescheduled, rewritten together.

        ``changes`` maps a fact to (its card before the answer, the card the answer
        wrote, the card the new rating gives). A card is rewritten only if it is still
        the one the answer wrote: had another terminal reviewed the fact meanwhile, that
        later review stands. The lapse count follows the new rating. Returns the cards
        written.
        """
        with self.transaction("the changed rating was not saved") as c:
            c.execute(
                "UPDATE answers SET rating = ? WHERE id = ? AND set_id = ?",
                (rating, answer_id, self.set_id),
            )
            return self._reschedule(c, changes)

    def overrule(
        self, answer_id: int, rating: int | None, changes: Mapping[str, Rescheduled]
    ) -> dict[str, fsrs.Card] | None:
        """The learner said "I was right" of an answer just recorded as wrong: it is
        recorded as right and marked overruled, with ``rating`` (Hard in review, None
        where nothing is scheduled), and its cards rescheduled as :meth:`rerate` does,
        together. None, and nothing changed, when that answer is not on record as wrong
        (it was overruled already). Returns the cards written.
        """
        with self.transaction("the overrule was not saved") as c:
            done = c.execute(
                "UPDATE answers SET correct = 1, overruled = 1, rating = ?"
                " WHERE id = ? AND set_id = ? AND correct = 0",
                (rating, answer_id, self.set_id),
            ).rowcount
            return self._reschedule(c, changes) if done == 1 else None

    def _reschedule(
        self, c: sqlite3.Connection, changes: Mapping[str, Rescheduled]
    ) -> dict[str, fsrs.Card]:
        """Inside a write transaction: each card still as the answer wrote it replaced by
        the one its new rating gives, its lapse count following the rating."""
        from quizgen.scheduling.cards import card_to_json, lapsed

        written: dict[str, fsrs.Card] = {}
        for fact_id, (before, old, new) in changes.items():
            row = c.execute(
                "SELECT card FROM cards WHERE set_id = ? AND fact_id = ?",
                (self.set_id, fact_id),
            ).fetchone()
            if row is None or row[0] != card_to_json(old):
                continue
            c.execute(
                "UPDATE cards SET card = ?, due = ?, lapses = max(0, lapses + ?) "
                "WHERE set_id = ? AND fact_id = ?",
                (
                    card_to_json(new),
                    iso(new.due),
                    int(lapsed(before, new)) - int(lapsed(before, old)),
                    self.set_id,
                    fact_id,
                ),
            )
            written[fact_id] = new
        return written

    def save_tuning(self, tuning: StoredTuning, now: datetime) -> None:
        """Store the learner's FSRS settings for this set, replacing what was there."""
        import json

        fit = tuning.fit
        with self.transaction("the FSRS parameters were not saved") as c:
            c.execute(
                "INSERT INTO tuning (set_id, parameters, retention, fit, updated_at)"
                " VALUES (?,?,?,?,?) ON CONFLICT(set_id) DO UPDATE SET"
                " parameters = excluded.parameters, retention = excluded.retention,"
                " fit = excluded.fit, updated_at = excluded.updated_at",
                (
                    self.set_id,
                    None if tuning.parameters is None else json.dumps(list(tuning.parameters)),
                    tuning.retention,
                    None
                    if fit is None
                    else json.dumps(
                        {
                            "fitted_at": iso(fit.fitted_at),
                            "reviews": fit.reviews,
                            "log_loss": list(fit.log_loss),
                            "rmse": list(fit.rmse),
                            "kept": fit.kept,
                        }
                    ),
                    iso(now),
                ),
            )

    def reset_tuning(self) -> bool:
        """Back to fsrs's defaults for this set; whether there was anything to forget."""
        with self.transaction() as c:
            return c.execute("DELETE FROM tuning WHERE set_id = ?", (self.set_id,)).rowcount > 0

    # -- reading ---------------------------------------------------------------------
    def tuning(self) -> StoredTuning:
        """The learner's FSRS settings for this set (all defaults if never set)."""
        rows = self._read("SELECT parameters, retention, fit FROM tuning WHERE set_id = ?")
        if not rows:
            return StoredTuning()
        parameters, retention, fit = rows[0]
        try:
            return StoredTuning(_floats(parameters), _retention(retention), _fit(fit))
        except (ValueError, TypeError, KeyError) as exc:
            raise opening.ProgressError(
                f"{self.path}: the FSRS parameters stored for this fact set are damaged "
                f"({type(exc).__name__}: {exc}); quizgen has not changed the file. "
                "'quizgen optimize --reset' goes back to the defaults"
            ) from None

    def fit_reviews(self, rollover: int) -> int:
        """How many of this set's rated answers fell on a later study day than the fact's
        rated answer before: the reviews an FSRS fit learns from (Anki's rule), counted by
        SQLite. Study days are the machine's zone's, starting at ``rollover`` o'clock; an
        answer that rated several facts at once counts as one card (review and flashcards
        rate one fact an answer)."""
        rows = self._read(
            "SELECT sum(days) - count(*) FROM (SELECT count(DISTINCT date(answered_at,"
            " 'localtime', ?)) AS days FROM answers WHERE set_id = ? AND rating IS NOT NULL"
            " GROUP BY fact_ids)",
            f"-{int(rollover)} hours",
        )
        return int(rows[0][0] or 0)

    def rated_count(self) -> int:
        """How many of this set's answers rated their facts (review, flashcards)."""
        rows = self._read("SELECT count(*) FROM answers WHERE set_id = ? AND rating IS NOT NULL")
        return int(rows[0][0])

    def schedule_tuning(self) -> Tuning:
        """What review and flashcards schedule with for this set: the learner's fitted
        parameters and desired retention where set, checked by fsrs, else the defaults."""
        from quizgen.scheduling.cards import DEFAULT_RETENTION, Tuning, check_tuning

        stored = self.tuning()
        wanted = Tuning(stored.parameters, stored.retention or DEFAULT_RETENTION)
        try:
            return check_tuning(wanted)
        except ValueError as exc:
            reason = "; ".join(str(exc).split("\n"))
            raise opening.ProgressError(
                f"{self.path}: fsrs refuses the FSRS parameters stored for this fact set "
                f"({reason}); 'quizgen optimize --reset' goes back to the defaults"
            ) from None

    def rated_answers(self) -> list[RatedAnswer]:
        """This set's answers that rated their facts (review, flashcards), oldest first."""
        out = []
        for row_id, ids, rating, at in self._read(
            "SELECT id, fact_ids, rating, answered_at FROM answers"
            " WHERE set_id = ? AND rating IS NOT NULL ORDER BY id"
        ):
            try:
                if type(rating) is not int or not 1 <= rating <= 4:
                    raise ValueError(f"rating {rating!r} is not 1 to 4")
                out.append(RatedAnswer(tuple(str(ids).split()), rating, aware(str(at))))
            except ValueError as exc:
                raise opening.ProgressError(
                    f"{self.path}: answer {row_id} is damaged ({exc}); quizgen has not "
                    f"changed the file. Correct or delete it: sqlite3 '{self.path}' "
                    f'"SELECT * FROM answers WHERE id = {row_id}"'
                ) from None
        return out

    def cards(self, fact_ids: Iterable[str] | None = None) -> dict[str, fsrs.Card]:
        """fact id -> fsrs Card, for this set's facts that have been studied."""
        wanted = None if fact_ids is None else set(fact_ids)
        return {
            f: self._row(f, "card", checked_card, text)
            for f, text in self._read("SELECT fact_id, card FROM cards WHERE set_id = ?")
            if wanted is None or f in wanted
        }

    def due_dates(self) -> dict[str, datetime]:
        """fact id -> when its card is due: what stats need, without reading whole cards."""
        return {
            f: self._row(f, "due date", aware, due)
            for f, due in self._read("SELECT fact_id, due FROM cards WHERE set_id = ?")
        }

    def _row(self, fact_id: str, what: str, read: Callable[[str], _V], value: object) -> _V:
        """A stored value read back, or the damage reported with what to do about it."""
        try:
            if not isinstance(value, str):
                raise TypeError(f"{type(value).__name__} instead of text")
            return read(value)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:  # json, fsrs, datetime
            raise damaged_card(self.path, self.set_id, fact_id, what, exc) from None

    def _check_answers(self) -> None:
        """Refuse to count from a damaged answer: the first row holding something other
        than what its column must (a result that is not 0 or 1, a time SQLite cannot
        read, text for seconds or a rating) is named, with the command that deletes it
        and keeps everything else."""
        bad = self._read(
            "SELECT id, correct, answered_at, seconds, rating FROM answers WHERE set_id = ?"
            " AND (typeof(correct) != 'integer' OR correct NOT IN (0, 1)"
            " OR typeof(answered_at) != 'text' OR julianday(answered_at) IS NULL"
            " OR typeof(seconds) NOT IN ('integer', 'real')"
            " OR (rating IS NOT NULL AND typeof(rating) != 'integer')) ORDER BY id LIMIT 1"
        )
        if not bad:
            return
        row, correct, at, seconds, rating = bad[0]
        value, where = next(
            (v, w)
            for v, w, ok in (
                (correct, "its result (0 or 1)", correct in (0, 1) and isinstance(correct, int)),
                (at, "its time", isinstance(at, str)),
                (seconds, "its seconds", isinstance(seconds, int | float)),
                (rating, "its rating", rating is None or isinstance(rating, int)),
                (at, "its time", False),
            )
            if not ok
        )
        raise opening.ProgressError(
            f"{self.path}: answer {row} is damaged: {printable(repr(value))[:40]} where "
            f"{where} belongs; quizgen has not changed the file. Delete that answer and keep "
            f"everything else with: sqlite3 '{self.path}' \"DELETE FROM answers WHERE id = "
            f'{row}"'
        )

    def answers(self, *, overruled: bool = False) -> list[AnswerRow]:
        """This set's answers, oldest first (only the overruled ones, if ``overruled``)."""
        self._check_answers()
        return [
            AnswerRow(q, k, t, tuple(str(f).split()), r, bool(c), s, rt, at, bool(o))
            for q, k, t, f, r, c, s, rt, at, o in self._read(
                "SELECT question_id, kind, topic, fact_ids, response, correct, seconds,"
                " rating, answered_at, overruled FROM answers WHERE set_id = ?"
                + (" AND overruled = 1" if overruled else "")
                + " ORDER BY id"
            )
        ]

    def counts(self, zone: tzinfo) -> Counts:
        """This set's answers counted per day of ``zone``, per topic and per kind, by SQLite.

        One scan groups by (day, topic, kind); the three tables are then summed from
        those groups inside SQLite, so Python receives a row per day, topic and kind
        rather than an object per answer. Days: the machine's zone
        (:data:`~quizgen.scheduling.localzone.LOCAL`) uses SQLite's ``'localtime'`` (the C
        library's rules, as Python's), a fixed offset is added as seconds; any other
        zone is counted per 15-minute UTC slot, which no real zone's midnight
        splits, and the slots are put on days here.
        """
        self._check_answers()
        args: tuple[str, ...] = ()
        if zone is LOCAL:
            day = "date(answered_at, 'localtime')"
        elif isinstance(zone, timezone):
            offset = int(zone.utcoffset(None).total_seconds())
            day, args = "date(answered_at, ?)", (f"{offset:+d} seconds",)
        else:
            day = "CAST(strftime('%s', answered_at) AS INTEGER) / 900"
        tables: tuple[dict[str, tuple[int, int]], ...] = ({}, {}, {})  # day, topic, kind
        for table, key, answered, correct in self._read(
            f"WITH t AS (SELECT {day} AS day, topic, kind, count(*) AS n,"
            " sum(correct) AS c FROM answers WHERE set_id = ? GROUP BY day, topic, kind)"
            " SELECT 0, day, sum(n), sum(c) FROM t GROUP BY day"
            " UNION ALL SELECT 1, topic, sum(n), sum(c) FROM t GROUP BY topic"
            " UNION ALL SELECT 2, kind, sum(n), sum(c) FROM t GROUP BY kind",
            *args,
        ):
            if table == 0 and isinstance(key, int):
                key = datetime.fromtimestamp(key * 900, zone).date().isoformat()
            if (
                not isinstance(key, str)
                or not isinstance(answered, int)
                or not isinstance(correct, int | float)
            ):
                raise opening.ProgressError(
                    f"{self.path}: an answer's time or result is damaged (read {key!r}); "
                    "quizgen has not changed the file. Find such answers with: sqlite3 "
                    f"'{self.path}' \"SELECT id, answered_at, correct FROM answers WHERE "
                    "julianday(answered_at) IS NULL OR typeof(correct) != 'integer'\", then "
                    "correct or delete them"
                )
            a, c = tables[table].get(key, (0, 0))
            tables[table][key] = (a + answered, c + correct)
        return Counts(*tables)

    def _read(self, sql: str, *before: object, after: tuple[object, ...] = ()) -> list[Any]:
        """Rows of a query whose parameters are ``before``, this store's set id, ``after``."""
        with opening.damage_reported(self.path):
            return self.conn.execute(sql, (*before, self.set_id, *after)).fetchall()


def _floats(text: object) -> tuple[float, ...] | None:
    import json
    import math

    if text is None:
        return None
    values = json.loads(str(text))
    if not isinstance(values, list) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in values
    ):
        raise ValueError("the parameters are not a list of numbers")
    return tuple(float(v) for v in values)


def _retention(value: object) -> float | None:
    if value is None:
        return None
    if not isinstance(value, int | float) or not 0 < value < 1:
        raise ValueError(f"desired retention {value!r} is not between 0 and 1")
    return float(value)


def _fit(text: object) -> FitRecord | None:
    import json

    if text is None:
        return None
    data = json.loads(str(text))
    pairs = [tuple(float(v) for v in data[k]) for k in ("log_loss", "rmse")]
    if any(len(p) != 2 for p in pairs):
        raise ValueError("a figure is not a pair of before and after")
    return FitRecord(
        aware(str(data["fitted_at"])),
        int(data["reviews"]),
        (pairs[0][0], pairs[0][1]),
        (pairs[1][0], pairs[1][1]),
        bool(data["kept"]),
    )
