"""The one shape every channel's class results are read into, and how a bad file is refused.

A live game, a worksheet typed in by a teacher, Moodle's responses report and
Canvas's student analysis all say the same thing in different words: which
student gave which reply to which question, and (where the channel knows) whether
it was right and how long it took. Readers turn each into :class:`Reply`
records; a question the channel names by its own number or text rather than by a
quizgen item id is a :class:`ChannelQuestion`, matched to an item later
(:mod:`quizgen.analysis.matching`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from quizgen.errors import QuizgenError, printable

MAX_RESULTS_BYTES = 64 << 20
"""Largest results file read (64 MiB: a Moodle download of some 50,000 attempts)."""


class ResultsError(QuizgenError):
    """A class results file that cannot be used: unknown, damaged, or not what it claims.

    The message is one line, ``path:line: what is wrong`` (no line when the problem is
    the file as a whole), so the CLI prints it as it is.
    """

    def __init__(self, path: str, message: str, line: int = 0) -> None:
        self.path, self.line, self.reason = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(printable(f"{where}: {message}"))


@dataclass(frozen=True, slots=True)
class Reply:
    """One student's reply to one question, as a channel recorded it.

    ``item`` is a quizgen item id, or the key of a :class:`ChannelQuestion` (``question``
    set) until matching replaces it. ``score`` is the share of the question's marks the
    channel gave (0 to 1; partial credit for matching and ordering), None when the
    channel does not say and the reply is to be graded against the bank. ``seconds``
    is None where the channel keeps no time per question (Moodle, Canvas).
    """

    student: str
    item: str
    response: str
    score: float | None
    seconds: float | None
    where: str
    """``file:line`` of the record, for messages about it."""
    question: str | None = None
    """The channel's own key for the question (``moodle:3``), when ``item`` is not yet known."""
    overruled: bool = False
    """The learner overruled the grade (a typed reply they said was right)."""

    @classmethod
    def to_question(
        cls, student: str, question: str, response: str, score: float | None, where: str
    ) -> Reply:
        """A reply to an LMS's own question (Moodle, Canvas), keyed ``question`` until
        matching finds its item; such a channel keeps no time per question."""
        return cls(student, question, response, score, None, where, question=question)

    @property
    def correct(self) -> bool | None:
        return None if self.score is None else self.score >= 1.0


@dataclass(frozen=True, slots=True)
class ChannelQuestion:
    """A question as an LMS report names it: its column and the text the report shows."""

    key: str
    column: str
    """The column header, for messages ('Response 3', '4512: When was ...')."""
    text: str
    """What the report shows of the question: Moodle's question summary, Canvas's text."""
    right: str = ""
    """The report's right answer, where it has one."""


@dataclass(frozen=True, slots=True)
class ClassResults:
    """Everything one file said: its responses, the questions they need matched, notes."""

    channel: str
    path: str
    responses: tuple[Reply, ...]
    questions: tuple[ChannelQuestion, ...] = ()
    notes: tuple[str, ...] = field(default=())
    """What was left out and why ('2 attempts still in progress were left out')."""
    fact_ids: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Item id -> the facts it asks about, where the channel records them (a progress
    store does; the others leave it to the questions file or the bank)."""
