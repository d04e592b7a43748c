"""The live game as a state machine: lobby, question, reveal, ..., end.

No sockets, no files, no clock of its own: the server passes in a clock and a
token maker and turns each browser message into one method call here. Every
method either changes the game and says what changed, or raises
:class:`~quizgen.live.questions.Rejected` with a message for the sender and
changes nothing, so the rules (who may advance, who may answer what and
when, what a phone may see) are tested without a network.

Scoring follows Kahoot: a right answer is worth 1,000 points at once, falling
linearly to 500 at the end of the timer; a wrong or missing answer, nothing.
"""

from __future__ import annotations

import hmac
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from quizgen.grading import Grader
from quizgen.live import questions as q
from quizgen.live.questions import LiveQuestion, Rejected

NAME_MAX = 20
PLAYERS_MAX = 300
GRACE = 0.75
"""Seconds after the timer during which an answer still counts (it was in flight)."""
_NAME = re.compile(r"[\w .'’-]+")


class WrongCode(Rejected):
    """A join with another game's code (the server counts these, to stop guessing)."""


class Phase(StrEnum):
    LOBBY = "lobby"
    QUESTION = "question"
    REVEAL = "reveal"
    END = "end"


@dataclass(slots=True)
class Player:
    id: str
    name: str
    token: str
    score: int = 0
    connected: bool = True
    last_points: int = 0


@dataclass(frozen=True, slots=True)
class PlayerAnswer:
    """One student's answer to one question: what is written to the results files."""

    question: int
    item_id: str
    kind: str
    player_id: str
    player: str
    response: str
    correct: bool
    points: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question + 1,
            "item_id": self.item_id,
            "kind": self.kind,
            "player_id": self.player_id,
            "player": self.player,
            "response": self.response,
            "correct": self.correct,
            "points": self.points,
            "seconds": round(self.seconds, 3),
        }


def points(correct: bool, seconds: float, limit: float) -> int:
    if not correct:
        return 0
    return round(1000 * (1 - min(max(seconds, 0.0), limit) / limit / 2))


def check_name(name: Any) -> str:
    """A name as shown: trimmed, single-spaced; Rejected if empty, too long or not plain text."""
    if not isinstance(name, str):
        raise Rejected("Enter a name.")
    clean = " ".join(unicodedata.normalize("NFC", name).split())
    if not clean:
        raise Rejected("Enter a name.")
    if len(clean) > NAME_MAX:
        raise Rejected(f"Names are at most {NAME_MAX} characters.")
    if not _NAME.fullmatch(clean):
        raise Rejected("Names may use letters, digits, spaces, apostrophes, dots and hyphens.")
    return clean


@dataclass(slots=True)
class Game:
    questions: Sequence[LiveQuestion]
    code: str
    host_token: str
    clock: Callable[[], float]
    new_token: Callable[[], str]
    grader: Grader
    seconds: float = 20.0
    title: str = ""
    phase: Phase = Phase.LOBBY
    index: int = -1
    opened: float = 0.0
    players: dict[str, Player] = field(default_factory=dict)
    answers: list[dict[str, PlayerAnswer]] = field(default_factory=list)
    _by_token: dict[str, str] = field(default_factory=dict)

    # ---- who is who -------------------------------------------------------------------
    def is_host(self, token: Any) -> bool:
        return isinstance(token, str) and hmac.compare_digest(
            token.encode(), self.host_token.encode()
        )

    def join(self, code: Any, name: Any) -> Player:
        """A new player; late joiners play from the current question."""
        if not isinstance(code, str) or not hmac.compare_digest(
            code.strip().encode(), self.code.encode()
        ):
            raise WrongCode("That is not this game's code: check the code on the screen.")
        if self.phase is Phase.END:
            raise Rejected("This game is over.")
        clean = check_name(name)
        if any(p.name.casefold() == clean.casefold() for p in self.players.values()):
            raise Rejected(f"The name '{clean}' is taken: choose another.")
        if len(self.players) >= PLAYERS_MAX:
            raise Rejected("The game is full.")
        player = Player(f"p{len(self.players) + 1}", clean, self.new_token())
        self.players[player.id] = player
        self._by_token[player.token] = player.id
        return player

    def rejoin(self, token: Any) -> Player:
        """The player a phone's stored token belongs to, with their name and score."""
        player_id = self._by_token.get(token) if isinstance(token, str) else None
        if player_id is None:
            raise Rejected("This phone's place in the game was not found: join again.")
        player = self.players[player_id]
        player.connected = True
        return player

    def disconnect(self, player_id: str) -> None:
        if player_id in self.players:
            self.players[player_id].connected = False

    # ---- the host's controls --------------------------------------------------------
    def advance(self, token: Any) -> Phase:
        """The host's one button: start, close the question early, next question, podium."""
        if not self.is_host(token):
            raise Rejected("Only the host's page can control the game.")
        if self.phase is Phase.QUESTION:
            self._close()
        elif self.phase is Phase.END:
            raise Rejected("The game is over.")
        elif self.index + 1 < len(self.questions):
            self._open(self.index + 1)
        else:
            self.phase = Phase.END
        return self.phase

    def _open(self, index: int) -> None:
        self.index, self.phase, self.opened = index, Phase.QUESTION, self.clock()
        self.answers.append({})
        for p in self.players.values():
            p.last_points = 0

    def _close(self) -> None:
        self.phase = Phase.REVEAL

    def remaining(self) -> float:
        if self.phase is not Phase.QUESTION:
            return 0.0
        return max(0.0, self.seconds - (self.clock() - self.opened))

    def tick(self) -> bool:
        """Close the question when its time is up or every connected player has answered;
        True if that happened (the server then sends everyone the reveal)."""
        if self.phase is not Phase.QUESTION:
            return False
        here = [p for p in self.players.values() if p.connected]
        everyone = bool(here) and all(p.id in self.answers[self.index] for p in here)
        if everyone or self.remaining() <= 0:
            self._close()
            return True
        return False

    # ---- answering --------------------------------------------------------------------
    def answer(self, player_id: str, index: Any, value: Any) -> PlayerAnswer:
        """Record ``player_id``'s answer to question ``index`` (0-based), graded at once."""
        player = self.players.get(player_id)
        if player is None:
            raise Rejected("Join the game first.")
        if self.phase is not Phase.QUESTION or index != self.index or isinstance(index, bool):
            raise Rejected("That question is not open.")
        seconds = self.clock() - self.opened
        if seconds > self.seconds + GRACE:
            raise Rejected("Time is up for this question.")
        if player_id in self.answers[self.index]:
            raise Rejected("You have already answered this question.")
        question = self.questions[self.index]
        given = q.response(question.item, value)
        grade = question.item.grade(given, self.grader)
        won = points(grade.correct, seconds, self.seconds)
        record = PlayerAnswer(
            self.index,
            question.item.id,
            question.item.kind,
            player.id,
            player.name,
            question.item.response_text(given),
            grade.correct,
            won,
            max(seconds, 0.0),
        )
        self.answers[self.index][player_id] = record
        player.score += won
        player.last_points = won
        return record

    # ---- what each screen shows ------------------------------------------------------
    def ranking(self) -> list[Player]:
        return sorted(self.players.values(), key=lambda p: (-p.score, p.name.casefold(), p.id))

    def _board(self, top: int) -> list[dict[str, Any]]:
        return [
            {"rank": i + 1, "name": p.name, "score": p.score, "points": p.last_points}
            for i, p in enumerate(self.ranking()[:top])
        ]

    def _question(self) -> dict[str, Any] | None:
        if self.index < 0 or self.phase is Phase.END:
            return None
        return {
            "index": self.index,
            "number": self.index + 1,
            "total": len(self.questions),
            "seconds": self.seconds,
            "remaining": round(self.remaining(), 3),
            **self.questions[self.index].public,
        }

    def _chart(self) -> list[dict[str, Any]]:
        item = self.questions[self.index].item
        counts = dict.fromkeys(q.buckets(item), 0)
        for a in self.answers[self.index].values():
            label = q.bucket(item, a.response, a.correct)
            counts[label] = counts.get(label, 0) + 1
        right = q.right_buckets(item)
        return [{"label": k, "count": v, "right": k in right} for k, v in counts.items()]

    def host_view(self) -> dict[str, Any]:
        lobby = self.phase is Phase.LOBBY
        view: dict[str, Any] = {
            "role": "host",
            "phase": self.phase.value,
            "title": self.title,
            "code": self.code,
            "players": [p.name for p in self.players.values()] if lobby else [],
            "connected": sum(p.connected for p in self.players.values()),
            "question": self._question(),
            "answered": len(self.answers[self.index]) if self.index >= 0 else 0,
        }
        if self.phase is Phase.REVEAL:
            view |= {
                "reveal": self.questions[self.index].reveal,
                "chart": self._chart(),
                "leaderboard": self._board(5),
                "last": self.index + 1 == len(self.questions),
            }
        if self.phase is Phase.END:
            view["podium"] = self._board(3)
        return view

    def player_views(self) -> dict[str, dict[str, Any]]:
        """Every player's view at once (one ranking and one question for all of them)."""
        ranks = {p.id: i + 1 for i, p in enumerate(self.ranking())}
        question = self._question()
        return {pid: self.player_view(pid, ranks, question) for pid in self.players}

    def player_view(
        self,
        player_id: str,
        ranks: dict[str, int] | None = None,
        question: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        player = self.players[player_id]
        if ranks is None:
            ranks = {p.id: i + 1 for i, p in enumerate(self.ranking())}
        view: dict[str, Any] = {
            "role": "player",
            "phase": self.phase.value,
            "title": self.title,
            "name": player.name,
            "score": player.score,
            "rank": ranks[player_id],
            "of": len(ranks),
            "question": question if question is not None else self._question(),
            "answered": self.index >= 0 and player_id in self.answers[self.index],
        }
        if self.phase is Phase.REVEAL:
            mine = self.answers[self.index].get(player_id)
            view |= {
                "reveal": self.questions[self.index].reveal,
                "result": None
                if mine is None
                else {"correct": mine.correct, "points": mine.points, "response": mine.response},
            }
        if self.phase is Phase.END:
            view["podium"] = self._board(3)
        return view

    def results(self) -> dict[str, Any]:
        """Everything answered so far, for the JSON results file."""
        return {
            "title": self.title,
            "phase": self.phase.value,
            "seconds": self.seconds,
            "questions": [
                {
                    "number": i + 1,
                    "item_id": lq.item.id,
                    "kind": lq.item.kind,
                    "prompt": lq.item.prompt,
                    "answer": lq.reveal["lines"],
                    "sources": lq.reveal["sources"],
                }
                for i, lq in enumerate(self.questions)
            ],
            "players": [
                {"id": p.id, "name": p.name, "score": p.score, "rank": i + 1}
                for i, p in enumerate(self.ranking())
            ],
            "answers": [a.to_dict() for per in self.answers for a in per.values()],
        }
