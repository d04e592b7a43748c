"""The live game's rules added for a class with a pupil who attacks it, without a network.

What a phone sees before the reveal (nothing derived from its verdict), tied
places, look-alike and invisible names, removing a player and locking the
game, players per address, messages no page would send, and the results
files (unique, exclusive, safe in a spreadsheet, kept through a failing disk).
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizgen.generation.bank import generate
from quizgen.grading import Grader
from quizgen.items.shapes import ChoiceItem, TextItem
from quizgen.live import protocol, views
from quizgen.live.game import Game, Phase
from quizgen.live.names import check_name, keys
from quizgen.live.questions import Rejected, live_questions
from quizgen.live.results import Results, cell
from tests.support.clock import Stopped
from tests.support.data import shipped_base

BASE = shipped_base()
BANK = generate(BASE, seed=1)
CHOICES = [i for i in BANK if isinstance(i, ChoiceItem)][:3]
TYPED = next(i for i in BANK if isinstance(i, TextItem))


def make_game(clock: Stopped, items: list[Any] | None = None, per_address: int = 4) -> Game:
    counter: Iterator[int] = iter(range(10_000))
    return Game(
        live_questions(BASE, items or CHOICES),
        code="123456",
        host_token="HOST",
        clock=clock,
        new_token=lambda: f"tok{next(counter)}",
        grader=Grader(BASE.facts),
        seconds=20.0,
        title=BASE.title,
        per_address=per_address,
    )


def right_and_wrong(item: ChoiceItem) -> tuple[int, int]:
    right = item.options.index(item.answer)
    return right, (right + 1) % len(item.options)


def test_a_phone_learns_nothing_of_its_verdict_before_the_reveal() -> None:
    clock = Stopped()
    game = make_game(clock)
    players = [game.join("123456", n) for n in ("Ana", "Ben", "Cy", "Dee")]
    for index, item in enumerate(game.questions):
        game.advance("HOST")
        assert isinstance(item.item, ChoiceItem)
        right, wrong = right_and_wrong(item.item)
        before = views.player_views(game)
        clock.now += 1
        # Ana and Cy right, Ben and Dee wrong: their views must differ only by name.
        for player, value in zip(players, (right, wrong, right), strict=False):
            game.answer(player.id, index, value)
        shown = views.player_views(game)

        def strip(view: dict[str, Any]) -> dict[str, Any]:
            return {k: v for k, v in view.items() if k != "question"}  # its timer runs

        for p in players[:3]:  # answering changed one thing: "answered"
            assert strip(shown[p.id]) == strip(before[p.id]) | {"answered": True}
        assert strip(shown[players[3].id]) == strip(before[players[3].id])
        assert json.dumps(views.host_view(game)).count('"right"') == 0  # no chart before the reveal
        game.advance("HOST")  # the reveal: now the points are banked
        assert game.phase is Phase.REVEAL
        after = views.player_views(game)
        assert after[players[0].id]["result"]["correct"] is True
        assert after[players[0].id]["score"] > before[players[0].id]["score"]
        assert after[players[1].id]["score"] == before[players[1].id]["score"]


def test_tied_players_share_a_place_and_the_podium() -> None:
    clock = Stopped()
    game = make_game(clock, CHOICES[:1])
    ana, ben, cy, dee = (game.join("123456", n) for n in ("Ana", "Ben", "Cy", "Dee"))
    game.advance("HOST")
    item = game.questions[0].item
    assert isinstance(item, ChoiceItem)
    right, wrong = right_and_wrong(item)
    for p in (ana, ben):  # at the same moment: the same points
        game.answer(p.id, 0, right)
    game.answer(cy.id, 0, wrong)
    game.answer(dee.id, 0, wrong)
    game.advance("HOST")
    assert [r["place"] for r in views.host_view(game)["leaderboard"]] == [1, 1, 3, 3]
    shown = views.player_views(game)
    assert (shown[ana.id]["place"], shown[ana.id]["tied"]) == (1, True)
    assert (shown[cy.id]["place"], shown[cy.id]["tied"]) == (3, True)
    game.advance("HOST")
    podium = views.host_view(game)["podium"]
    assert [(p["place"], p["name"]) for p in podium["places"]] == [
        (1, "Ana"),
        (1, "Ben"),
        (3, "Cy"),
        (3, "Dee"),
    ]


@pytest.mark.parametrize(
    "alike", ["Аlice", "Ａｌｉｃｅ", "Alice.", "alice", "AIice", "A lice", "ALICE", "Alice-"]
)
def test_look_alike_names_are_one_name(alike: str) -> None:
    game = make_game(Stopped())
    game.join("123456", "Alice")
    with pytest.raises(Rejected, match="taken"):
        game.join("123456", alike)
    assert len(game.players) == 1


@pytest.mark.parametrize(
    "name",
    [
        "\u3164",
        "\u3164\u3164",
        "Ana\u3164",
        "\u115f",
        "\uffa0",
        "A\u200bna",
        "\u2800",
        "...",
        "-",
        "\u0301a",
    ],
)
def test_invisible_or_empty_names_are_refused(name: str) -> None:
    with pytest.raises(Rejected):
        check_name(name)


def test_names_of_every_script_are_kept() -> None:
    for name in ("Zoë O'Neil-Smith", "प्रिया", "Иван", "محمد", "李雷", "Nguyễn"):
        assert check_name(name) == name
    assert not keys("Ivan") & keys("Иван")  # they look different
    assert not keys("Ana") & keys("Anna")
    assert keys("Zoë") != keys("Zoe")


@given(st.text(max_size=30))
def test_any_name_is_checked_without_an_error(name: str) -> None:
    try:
        clean = check_name(name)
    except Rejected:
        return
    assert 0 < len(clean) <= 20 and keys(clean)


def test_the_host_removes_a_player_and_locks_the_game() -> None:
    clock = Stopped()
    game = make_game(clock)
    ana = game.join("123456", "Ana")
    bot = game.join("123456", "B0t")
    with pytest.raises(Rejected, match="Only the host"):
        game.remove(ana.token, bot.id)
    game.remove("HOST", bot.id)
    assert [p["name"] for p in views.host_view(game)["players"]] == ["Ana"]
    with pytest.raises(Rejected, match="join again"):
        game.rejoin(bot.token)
    with pytest.raises(Rejected, match="not in the game"):
        game.remove("HOST", bot.id)
    game.lock("HOST", True)
    with pytest.raises(Rejected, match="locked"):
        game.join("123456", "Late")
    assert game.rejoin(ana.token) is ana  # those in the game come back
    game.lock("HOST", False)
    game.join("123456", "B0t")  # the name is free again
    game.advance("HOST")
    item = game.questions[0].item
    assert isinstance(item, ChoiceItem)
    game.answer(ana.id, 0, right_and_wrong(item)[0])
    assert game.answers[0]
    document = views.results(game)
    assert {"id": bot.id, "name": "B0t", "score": 0, "place": None, "removed": True} in document[
        "players"
    ]


def test_a_removed_player_no_longer_holds_the_question_open() -> None:
    clock = Stopped()
    game = make_game(clock)
    ana, ben = game.join("123456", "Ana"), game.join("123456", "Ben")
    game.advance("HOST")
    game.answer(ana.id, 0, 0)
    assert not game.tick()
    game.remove("HOST", ben.id)
    assert game.tick() and game.phase is Phase.REVEAL
    with pytest.raises(Rejected, match="Join"):
        game.answer(ben.id, 0, 0)


def test_players_per_address_are_limited() -> None:
    game = make_game(Stopped(), per_address=2)
    game.join("123456", "One", "10.0.0.5")
    game.join("123456", "Two", "10.0.0.5")
    with pytest.raises(Rejected, match="network address"):
        game.join("123456", "Three", "10.0.0.5")
    game.join("123456", "Three", "10.0.0.6")


def test_messages_no_page_would_send_are_refused() -> None:
    deep = '{"type":"answer","question":0,"value":' + "[" * 2000 + "]" * 2000 + "}"
    with pytest.raises(Rejected, match="nest"):
        protocol.parse(deep)
    with pytest.raises(Rejected, match="nest"):
        protocol.parse('{"type":"answer","question":0,"value":[[1]]}')
    for raw in (
        '{"type":"host","token":"\\ud800"}',
        '{"type":"join","code":"1","name":"a\\udfff"}',
        '{"type":"rejoin","token":"x","\\ud83d":1}',
    ):
        with pytest.raises(Rejected, match=r"Unicode|Unexpected"):
            protocol.parse(raw)
    assert protocol.parse('{"type":"host","token":"\\ud83d\\ude00"}')["token"] == "😀"
    assert protocol.parse('{"type":"lock","locked":true}')["locked"] is True
    with pytest.raises(Rejected, match="valid 'locked'"):
        protocol.parse('{"type":"lock","locked":1}')


# ---- the results files --------------------------------------------------------------------
def test_two_games_in_the_same_second_get_their_own_files(tmp_path: Path) -> None:
    first, second = Results(tmp_path, "live-x"), Results(tmp_path, "live-x")
    assert first.csv_path.name == "live-x.csv" and second.csv_path.name == "live-x-2.csv"
    assert second.json_path.name == "live-x-2.json"
    for r in (first, second):
        r.close()
    assert os.stat(first.csv_path).st_mode & 0o077 == 0  # students' names: the owner's only


def test_a_planted_link_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (tmp_path / "live-x.csv").symlink_to(victim)
    (tmp_path / "live-x-2.json").symlink_to(victim)
    (tmp_path / "live-x-3.json").symlink_to(tmp_path / "nowhere")  # dangling
    results = Results(tmp_path, "live-x")
    assert results.csv_path.name == "live-x-4.csv"
    results.snapshot({"answers": []})
    results.close()
    assert victim.read_text() == "keep me\n"
    assert not (tmp_path / "nowhere").exists()
    assert not results.json_path.is_symlink()


@pytest.mark.parametrize(
    "text",
    [
        "x;=1+1;",
        '=HYPERLINK("http://x")',
        "a,+1",
        "ok; -2",
        "@SUM(A1)",
        "\t=1",
        "x;\n=1",
        "a, ;  =1",
    ],
)
def test_no_cell_becomes_a_formula_with_either_separator(tmp_path: Path, text: str) -> None:
    clock = Stopped()
    game = make_game(clock, [TYPED])
    player = game.join("123456", "-Ana")
    game.advance("HOST")
    results = Results(tmp_path, "r")
    results.add(game.answer(player.id, 0, text))
    results.close()
    raw = results.csv_path.read_text(encoding="utf-8")
    for separator in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(raw), delimiter=separator):
            for field in row:
                assert not field.lstrip(' \t\r\n"').startswith(("=", "+", "-", "@")), (
                    separator,
                    field,
                )
    (record,) = csv.DictReader(io.StringIO(raw))
    assert record["response"] == cell(game.answers[0][player.id].response)
    assert record["player"] == "'-Ana"


def test_a_failing_disk_keeps_every_row_and_writes_it_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Stopped()
    game = make_game(clock, [TYPED])
    names = [f"P{i}" for i in range(12)]
    players = [game.join("123456", n, f"10.0.0.{i}") for i, n in enumerate(names)]
    game.advance("HOST")
    results = Results(tmp_path, "r")
    real = os.write
    state = {"full": False, "calls": 0}

    def write(fd: int, data: Any) -> int:
        if fd == results._fd and state["full"]:
            state["calls"] += 1
            if state["calls"] % 3 == 1:  # a short write first, as a filling disk does
                return real(fd, bytes(data[:7]))
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd, data)

    monkeypatch.setattr("quizgen.live.results.os.write", write)
    for p in players[:4]:
        results.add(game.answer(p.id, 0, f"answer of {p.name}"))
    state["full"] = True
    for p in players[4:]:
        results.add(game.answer(p.id, 0, f"answer of {p.name}"))
        assert results.problem is not None and "No space left" in results.problem
    assert results.waiting == 8 and results.rows == 4
    assert not results.flush()
    state["full"] = False  # space returns
    assert results.flush() and results.problem is None and results.waiting == 0
    results.close()
    written = list(csv.DictReader(results.csv_path.open(encoding="utf-8")))
    assert [r["player"] for r in written] == names
    assert [r["response"] for r in written] == [f"answer of {n}" for n in names]


def test_a_class_behind_one_address_gets_room_for_its_connections_and_typos() -> None:
    from quizgen.live.guard import Limits, limits_for

    assert limits_for(4) == Limits()
    shared = limits_for(40)
    assert shared.players_per_address == 40
    assert shared.connections_per_address >= 2 * 40 and shared.wrong_codes_burst >= 40
    # ...as the README and the option's help say, with the rate after the burst unchanged
    assert shared.wrong_codes_per_minute == Limits().wrong_codes_per_minute
    assert limits_for(10).wrong_codes_burst == 10 and limits_for(1).wrong_codes_burst == 10
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "allows that address N wrong codes at once where N is above 10" in " ".join(
        readme.split()
    )
