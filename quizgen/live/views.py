"""What each screen of the live game shows, built from the game as it stands.

Pure functions of a :class:`~quizgen.live.game.Game` (the game knows nothing of them): the
projector's view, each phone's view, and the results document. The first
security rule lives here: a phone's view before the reveal holds the
question and whether an answer was received, and its score and place as they
stood before the question (the game banks points at the reveal); never the
answer, a verdict, a chart or a leaderboard.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quizgen.live import game as rules
from quizgen.live import questions as q

if TYPE_CHECKING:
    from quizgen.live.game import Game, PlayerAnswer

PODIUM_MAX = 10
"""Names shown on the podium: more share the first three places only in a tie of many."""


def board(game: Game, top: int) -> list[dict[str, Any]]:
    return [
        {"place": place, "name": p.name, "score": p.score, "points": p.last_points}
        for place, p in game.standings()[:top]
    ]


def podium(game: Game) -> dict[str, Any]:
    """Everyone in the first three places (ties included), the first ten of them shown."""
    on = [(place, p) for place, p in game.standings() if place <= 3]
    return {
        "places": [
            {"place": place, "name": p.name, "score": p.score} for place, p in on[:PODIUM_MAX]
        ],
        "more": max(0, len(on) - PODIUM_MAX),
    }


def question(game: Game) -> dict[str, Any] | None:
    if game.index < 0 or game.phase is rules.Phase.END:
        return None
    return {
        "index": game.index,
        "number": game.index + 1,
        "total": len(game.questions),
        "seconds": game.seconds,
        "remaining": round(game.remaining(), 3),
        **game.questions[game.index].public,
    }


def counted(game: Game) -> list[PlayerAnswer]:
    """This question's answers from players still in the game."""
    return [a for a in game.answers[game.index].values() if not game.players[a.player_id].removed]


def chart(game: Game) -> list[dict[str, Any]]:
    item = game.questions[game.index].item
    counts = dict.fromkeys(q.buckets(item), 0)
    for a in counted(game):
        label = q.bucket(item, a.response, a.correct)
        counts[label] = counts.get(label, 0) + 1
    right = q.right_buckets(item)
    return [{"label": k, "count": v, "right": k in right} for k, v in counts.items()]


def host_view(game: Game) -> dict[str, Any]:
    here = game.playing()
    view: dict[str, Any] = {
        "role": "host",
        "phase": game.phase.value,
        "title": game.title,
        "code": game.code,
        "locked": game.locked,
        "players": [{"id": p.id, "name": p.name, "connected": p.connected} for p in here],
        "connected": sum(p.connected for p in here),
        "question": question(game),
        "answered": len(counted(game)) if game.index >= 0 else 0,
    }
    if game.phase is rules.Phase.REVEAL:
        view |= {
            "reveal": game.questions[game.index].reveal,
            "chart": chart(game),
            "leaderboard": board(game, 5),
            "last": game.index + 1 == len(game.questions),
        }
    if game.phase is rules.Phase.END:
        view["podium"] = podium(game)
    return view


def player_views(game: Game) -> dict[str, dict[str, Any]]:
    """Every player's view at once (one ranking and one question for all of them)."""
    places = game.places()
    asked = question(game)
    ranks = podium(game) if game.phase is rules.Phase.END else None
    return {p.id: player_view(game, p.id, places, asked, ranks) for p in game.playing()}


def player_view(
    game: Game,
    player_id: str,
    places: dict[str, tuple[int, bool]] | None = None,
    asked: dict[str, Any] | None = None,
    ranks: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """What one phone may see. Before the reveal: the score and place as they stood
    before this question, and only whether an answer was received."""
    player = game.players[player_id]
    if places is None:
        places = game.places()
    place, tied = places.get(player_id, (0, False))
    view: dict[str, Any] = {
        "role": "player",
        "phase": game.phase.value,
        "title": game.title,
        "name": player.name,
        "score": player.score,
        "place": place,
        "tied": tied,
        "of": len(places),
        "question": asked if asked is not None else question(game),
        "answered": game.index >= 0 and player_id in game.answers[game.index],
    }
    if game.phase is rules.Phase.REVEAL:
        mine = game.answers[game.index].get(player_id)
        view |= {
            "reveal": game.questions[game.index].reveal,
            "result": None
            if mine is None
            else {"correct": mine.correct, "points": mine.points, "response": mine.response},
        }
    if game.phase is rules.Phase.END:
        view["podium"] = ranks if ranks is not None else podium(game)
    return view


def results(game: Game) -> dict[str, Any]:
    """Everything answered so far, for the JSON results file."""
    places = game.places()
    return {
        "title": game.title,
        "phase": game.phase.value,
        "seconds": game.seconds,
        "questions": [
            {
                "number": i + 1,
                "item_id": lq.item.id,
                "kind": lq.item.kind,
                "prompt": lq.item.prompt,
                "answer": lq.reveal["lines"],
                "sources": lq.reveal["sources"],
            }
            for i, lq in enumerate(game.questions)
        ],
        "players": [
            {"id": p.id, "name": p.name, "score": p.score, "place": places[p.id][0]}
            for p in game.ranking()
        ]
        + [
            {"id": p.id, "name": p.name, "score": p.score, "place": None, "removed": True}
            for p in game.players.values()
            if p.removed
        ],
        "answers": [a.to_dict() for per in game.answers for a in per.values()],
    }
