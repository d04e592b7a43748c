"""The live game's rules, without a network: a fake clock and made-up tokens.

Every refusal must leave the game exactly as it was; a phone's view must hold
no answer before the reveal.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from quizgen.generation.bank import generate
from quizgen.grading import Grader
from quizgen.items import Item
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from quizgen.live import protocol, views
from quizgen.live.game import Game, Phase, WrongCode, check_name, points
from quizgen.live.questions import Rejected, live_questions, response
from tests.support.clock import Stopped
from tests.support.data import shipped_base

BASE = shipped_base()
BANK = generate(BASE, seed=1)


def first(cls: type[Item]) -> Item:
    return next(i for i in BANK if isinstance(i, cls))


def make_game(items: list[Item], clock: Stopped) -> Game:
    counter: Iterator[int] = iter(range(1000))
    return Game(
        live_questions(BASE, items),
        code="123456",
        host_token="HOST",
        clock=clock,
        new_token=lambda: f"tok{next(counter)}",
        grader=Grader(BASE.facts),
        seconds=20.0,
        title=BASE.title,
    )


def state(game: Game) -> Any:
    """Everything about a game that a refusal must not change."""
    return copy.deepcopy(
        (
            game.phase,
            game.index,
            game.opened,
            {k: (p.name, p.score, p.connected) for k, p in game.players.items()},
            [dict(a) for a in game.answers],
        )
    )


@pytest.fixture()
def clock() -> Stopped:
    return Stopped()


@pytest.fixture()
def game(clock: Stopped) -> Game:
    return make_game([first(ChoiceItem), first(TruthItem), first(TextItem)], clock)


def test_a_whole_game_right_wrong_typed_and_podium(game: Game, clock: Stopped) -> None:
    ana, ben, cy = (game.join("123456", n) for n in ("Ana", "Ben", "Cy"))
    assert game.advance("HOST") is Phase.QUESTION
    choice = game.questions[0].item
    assert isinstance(choice, ChoiceItem)
    right = choice.options.index(choice.answer)
    clock.now += 2
    a = game.answer(ana.id, 0, right)
    assert a.correct and a.points == 950  # 2 s of 20: 1000 - 2/20/2 * 1000
    clock.now += 8
    b = game.answer(ben.id, 0, (right + 1) % len(choice.options))
    assert not b.correct and b.points == 0
    assert not game.tick()  # Cy has not answered and there is time
    game.answer(cy.id, 0, right)
    assert game.tick() and game.phase is Phase.REVEAL  # everyone answered
    host = views.host_view(game)
    assert [r["count"] for r in host["chart"] if r["right"]] == [2]
    assert host["leaderboard"][0]["name"] == "Ana"
    game.advance("HOST")
    clock.now += 21  # time runs out
    assert game.tick() and game.phase is Phase.REVEAL
    game.advance("HOST")
    typed = game.questions[2].item
    assert isinstance(typed, TextItem)
    game.answer(ben.id, 2, typed.answer.upper() + " ")  # the grader forgives case and spaces
    assert game.answers[2][ben.id].correct
    game.advance("HOST")
    assert game.advance("HOST") is Phase.END
    podium = views.host_view(game)["podium"]["places"]
    assert [(p["place"], p["name"], p["score"]) for p in podium] == [
        (1, "Ben", 1000),
        (2, "Ana", 950),
        (3, "Cy", 750),
    ]
    assert len(views.results(game)["answers"]) == 4


def test_the_answer_never_reaches_a_phone_before_the_reveal(clock: Stopped) -> None:
    items = [
        first(ChoiceItem),
        first(TruthItem),
        first(TextItem),
        first(OrderItem),
        first(PairsItem),
    ]
    game = make_game(items, clock)
    ana = game.join("123456", "Ana")
    for lq in game.questions:
        game.advance("HOST")
        item = lq.item
        seen = json.dumps(views.player_view(game, ana.id)) + json.dumps(views.host_view(game))
        assert "reveal" not in views.player_view(game, ana.id)
        if isinstance(item, TextItem):
            assert item.answer not in seen.replace(item.prompt, "")
        if isinstance(item, OrderItem):
            assert views.player_view(game, ana.id)["question"]["options"] == list(item.options)
            assert "dates" not in seen
        if isinstance(item, TruthItem):
            assert '"answer"' not in seen
        game.advance("HOST")
        assert views.player_view(game, ana.id)["reveal"]["sources"]


def test_refusals_change_nothing(game: Game, clock: Stopped) -> None:
    ana = game.join("123456", "Ana")
    before = state(game)
    with pytest.raises(WrongCode):
        game.join("654321", "Bob")
    for bad in ("", " ", "x" * 21, "<b>Bob</b>", "<img src=x onerror=alert(1)>", None, 7):
        with pytest.raises(Rejected):
            game.join("123456", bad)
    with pytest.raises(Rejected, match="taken"):
        game.join("123456", "ana")
    with pytest.raises(Rejected, match="Only the host"):
        game.advance("guess")
    with pytest.raises(Rejected, match="Only the host"):
        game.advance(None)
    with pytest.raises(Rejected, match="not open"):
        game.answer(ana.id, 0, 0)
    assert state(game) == before
    game.advance("HOST")
    game.answer(ana.id, 0, 0)
    before = state(game)
    with pytest.raises(Rejected, match="already answered"):
        game.answer(ana.id, 0, 1)
    with pytest.raises(Rejected, match="Join"):
        game.answer("p99", 0, 1)
    with pytest.raises(Rejected, match="not open"):
        game.answer(ana.id, 1, 0)
    with pytest.raises(Rejected, match="not open"):
        game.answer(ana.id, True, 0)
    assert state(game) == before


def test_bad_answers_are_refused_for_each_shape(clock: Stopped) -> None:
    order, pairs = first(OrderItem), first(PairsItem)
    assert isinstance(order, OrderItem) and isinstance(pairs, PairsItem)
    values: list[Any] = [-1, 4, True, "0", 1.0, None, [0]]
    for value in values:
        with pytest.raises(Rejected):
            response(first(ChoiceItem), value)
    with pytest.raises(Rejected):
        response(first(TextItem), "x" * 201)
    with pytest.raises(Rejected):
        response(first(TextItem), 3)
    assert response(first(TextItem), "  Abu\u202eKamal ") == "AbuKamal"  # no control chars
    n = len(order.options)
    bad: list[Any] = [[0] * n, list(range(n - 1)), [*range(n - 1), n], "0 1 2", [True] * n]
    for value in bad:
        with pytest.raises(Rejected):
            response(order, value)
    assert response(order, list(range(n))) == list(order.options)
    m = len(pairs.statements)
    with pytest.raises(Rejected):
        response(pairs, [0] * m)
    assert response(pairs, list(range(m))) == list(zip(pairs.names, pairs.statements, strict=True))


def test_late_joiner_reconnect_and_time_up(game: Game, clock: Stopped) -> None:
    ana = game.join("123456", "Ana")
    game.advance("HOST")
    clock.now += 5
    late = game.join("123456", "Late")  # joins during the first question and can answer it
    game.answer(late.id, 0, 0)
    game.disconnect(ana.id)
    assert game.tick()  # everyone still connected has answered
    back = game.rejoin(ana.token)
    assert back is ana and back.connected
    with pytest.raises(Rejected, match="join again"):
        game.rejoin("nope")
    game.advance("HOST")
    clock.now += 20.0 + 1.0
    with pytest.raises(Rejected, match="Time is up"):
        game.answer(ana.id, 1, 0)
    assert game.tick()


def test_points_and_names() -> None:
    assert points(True, 0, 20) == 1000
    assert points(True, 20, 20) == 500
    assert points(True, 99, 20) == 500
    assert points(False, 1, 20) == 0
    assert check_name("  Zoë   O'Neil-Smith ") == "Zoë O'Neil-Smith"


def test_protocol_refuses_what_is_not_a_message() -> None:
    assert protocol.parse('{"type":"next"}') == {"type": "next"}
    cases = {
        "x" * (protocol.MESSAGE_MAX + 1): "too large",
        "not json": "JSON",
        "[1]": "Unknown message",
        '{"type":"shutdown"}': "Unknown message",
        '{"type":"answer","question":0,"value":1,"player":"p2"}': "Unexpected field",
        '{"type":"answer","question":"0","value":1}': "valid 'question'",
        '{"type":"answer","question":true,"value":1}': "valid 'question'",
        '{"type":"join","code":"1"}': "valid 'name'",
    }
    for raw, message in cases.items():
        with pytest.raises(Rejected, match=message):
            protocol.parse(raw)


def test_rate_bucket() -> None:
    clock = Stopped()
    bucket = protocol.Bucket(rate=5, burst=3, clock=clock)
    assert [bucket.allow() for _ in range(4)] == [True, True, True, False]
    clock.now += 0.2
    assert bucket.allow() and not bucket.allow()


def test_results_files_keep_every_answer_and_no_formula(tmp_path: Any, clock: Stopped) -> None:
    import csv

    from quizgen.live.results import Results

    game = make_game([first(TextItem)], clock)
    ana = game.join("123456", "Ana")
    game.advance("HOST")
    results = Results(tmp_path, "r")
    results.add(game.answer(ana.id, 0, '=HYPERLINK("http://x")'))
    results.snapshot(views.results(game))
    results.close()
    (row,) = csv.DictReader((tmp_path / "r.csv").open(encoding="utf-8"))
    assert row["response"].startswith("'=")  # a spreadsheet shows it, does not run it
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert document["answers"][0]["response"].startswith("=HYPERLINK")
