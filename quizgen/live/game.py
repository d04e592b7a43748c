"""The live game as a state machine: lobby, question, reveal, ..., end.

No sockets, no files, no clock of its own: the server passes in a clock and a
token maker and turns each browser message into one method call here. Every
method either changes the game and says what changed, or raises
:class:`~quizgen.live.questions.Rejected` with a message for the sender and
changes nothing, so the rules (who may advance, who may answer what and
when, what a phone may see) are tested without a network.

Scoring follows Kahoot: a right answer is worth 1,000 points at once, falling
linearly to 500 at the end of the timer; a wrong or missing answer, nothing.
Points are *banked* when the question closes, not when the answer comes in:
until the reveal a phone's view (its score, its place) is what it was before
the question, so nothing a phone receives says whether its answer was right.
Places are shared on a tie (1, 1, 3: standard competition ranking).
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from quizgen.grading import Grader
from quizgen.live import questions as q
from quizgen.live.names import NAME_MAX, check_name, keys
from quizgen.live.questions import LiveQuestion, Rejected

__all__ = [
    "GRACE",
    "NAME_MAX",
    "PLAYERS_MAX",
    "Game",
    "Phase",
    "Player",
    "PlayerAnswer",
    "WrongCode",
    "check_name",
    "points",
]

PLAYERS_MAX = 300
PER_ADDRESS = 4
"""Players who may join from one network address: a shared laptop, not a bot farm."""
GRACE = 0.75
"""Seconds after the timer during which an answer still counts (it was in flight)."""


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
    address: str = ""
    keys: frozenset[str] = frozenset()
    score: int = 0
    connected: bool = True
    removed: bool = False
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
        """The fields in their order, the question counted from 1 as the host page shows it
        and the seconds to the millisecond."""
        return asdict(self) | {"question": self.question + 1, "seconds": round(self.seconds, 3)}


def points(correct: bool, seconds: float, limit: float) -> int:
    if not correct:
        return 0
    return round(1000 * (1 - min(max(seconds, 0.0), limit) / limit / 2))


def _same(given: str, secret: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), secret.encode("utf-8"))


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
    per_address: int = PER_ADDRESS
    phase: Phase = Phase.LOBBY
    index: int = -1
    opened: float = 0.0
    locked: bool = False
    players: dict[str, Player] = field(default_factory=dict)
    answers: list[dict[str, PlayerAnswer]] = field(default_factory=list)
    _by_token: dict[str, str] = field(default_factory=dict)
    _standings: list[tuple[int, Player]] | None = None
    """The standings as last worked out: they change only when a player joins or leaves
    and at a reveal, while every answer asks for them (a phone's place in its view)."""
    _places_of: tuple[list[tuple[int, Player]], dict[str, tuple[int, bool]]] | None = None

    # ---- who is who -------------------------------------------------------------------
    def is_host(self, token: Any) -> bool:
        return isinstance(token, str) and _same(token, self.host_token)

    def playing(self) -> list[Player]:
        """Everyone in the game: the removed are not."""
        return [p for p in self.players.values() if not p.removed]

    def join(self, code: Any, name: Any, address: str = "") -> Player:
        """A new player; late joiners play from the current question."""
        if not isinstance(code, str) or not _same(code.strip(), self.code):
            raise WrongCode("That is not this game's code: check the code on the screen.")
        if self.phase is Phase.END:
            raise Rejected("This game is over.")
        if self.locked:
            raise Rejected("The teacher has locked the game: no one new can join now.")
        clean = check_name(name)
        mine = keys(clean)
        here = self.playing()
        alike = next((p for p in here if p.keys & mine), None)
        if alike is not None:
            like = "" if alike.name == clean else f" (it looks like '{alike.name}', who has joined)"
            raise Rejected(f"The name '{clean}' is taken{like}: choose another.")
        if address and sum(p.address == address for p in here) >= self.per_address:
            raise Rejected(
                f"{self.per_address} players have joined from this network address "
                "already: ask the teacher."
            )
        if len(here) >= PLAYERS_MAX:
            raise Rejected("The game is full.")
        player = Player(f"p{len(self.players) + 1}", clean, self.new_token(), address, mine)
        self.players[player.id] = player
        self._standings = None
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
    def _host(self, token: Any) -> None:
        if not self.is_host(token):
            raise Rejected("Only the host's page can control the game.")

    def advance(self, token: Any) -> Phase:
        """The host's one button: start, close the question early, next question, podium."""
        self._host(token)
        if self.phase is Phase.QUESTION:
            self._close()
        elif self.phase is Phase.END:
            raise Rejected("The game is over.")
        elif self.index + 1 < len(self.questions):
            self._open(self.index + 1)
        else:
            self.phase = Phase.END
        return self.phase

    def remove(self, token: Any, player_id: Any) -> Player:
        """The host takes a player out: their name is free again, their phone's token void,
        their answers kept in the results (marked) but out of the chart and the ranking."""
        self._host(token)
        player = self.players.get(player_id) if isinstance(player_id, str) else None
        if player is None or player.removed:
            raise Rejected("That player is not in the game.")
        player.removed, player.connected, player.keys = True, False, frozenset()
        self._by_token.pop(player.token, None)
        self._standings = None
        return player

    def lock(self, token: Any, locked: bool) -> bool:
        """The host closes (or opens) the game to new players; those in it can rejoin."""
        self._host(token)
        self.locked = bool(locked)
        return self.locked

    def _open(self, index: int) -> None:
        self.index, self.phase, self.opened = index, Phase.QUESTION, self.clock()
        self.answers.append({})
        for p in self.players.values():
            p.last_points = 0

    def _close(self) -> None:
        """The reveal: the question's points are banked now, and only now."""
        self.phase = Phase.REVEAL
        self._standings = None
        for answer in self.answers[self.index].values():
            player = self.players[answer.player_id]
            player.score += answer.points
            player.last_points = answer.points

    def remaining(self) -> float:
        if self.phase is not Phase.QUESTION:
            return 0.0
        return max(0.0, self.seconds - (self.clock() - self.opened))

    def tick(self) -> bool:
        """Close the question when its time is up or every connected player has answered;
        True if that happened (the server then sends everyone the reveal)."""
        if self.phase is not Phase.QUESTION:
            return False
        answered = self.answers[self.index]
        everyone = False
        if len(answered) >= sum(p.connected and not p.removed for p in self.players.values()):
            here = [p for p in self.playing() if p.connected]  # fewer answers: not everyone
            everyone = bool(here) and all(p.id in answered for p in here)
        if everyone or self.remaining() <= 0:
            self._close()
            return True
        return False

    # ---- answering --------------------------------------------------------------------
    def answer(self, player_id: str, index: Any, value: Any) -> PlayerAnswer:
        """Record ``player_id``'s answer to question ``index`` (0-based), graded at once and
        banked at the reveal (see the module's note)."""
        player = self.players.get(player_id)
        if player is None or player.removed:
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
        return record

    # ---- what each screen shows ------------------------------------------------------
    def ranking(self) -> list[Player]:
        return sorted(self.playing(), key=lambda p: (-p.score, p.name.casefold(), p.id))

    def standings(self) -> list[tuple[int, Player]]:
        """Each player with their place: a tie shares it, and the next place is skipped."""
        if self._standings is None:
            out: list[tuple[int, Player]] = []
            for i, p in enumerate(self.ranking()):
                place = out[-1][0] if out and out[-1][1].score == p.score else i + 1
                out.append((place, p))
            self._standings = out
        return self._standings

    def places(self) -> dict[str, tuple[int, bool]]:
        """Each player's place, and whether it is shared (worked out with the standings)."""
        standings = self.standings()
        if self._places_of is None or self._places_of[0] is not standings:
            shared: dict[int, int] = {}
            for place, _ in standings:
                shared[place] = shared.get(place, 0) + 1
            self._places_of = (
                standings,
                {p.id: (place, shared[place] > 1) for place, p in standings},
            )
        return self._places_of[1]
