"""The live server on 127.0.0.1 under uvicorn, spoken to by plain WebSocket clients.

Bad input (a wrong join code, a second answer, a non-host advancing, a 1 MB
message, a name with HTML, an answer for someone else, a flood) is refused
with a clear message and leaves the game as it was. Also: the pages' security
headers, the results files written as answers come in, and Ctrl-C on the real
command keeping them.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from quizgen.generation.bank import generate
from quizgen.items.shapes import ChoiceItem, TextItem, TruthItem
from quizgen.live.run import Live, prepare_game
from tests.support.browser import free_port, serving
from tests.support.data import ROOT, SHIPPED, shipped_base
from tests.support.sockets import Client

BASE = shipped_base()
BANK = generate(BASE, seed=1)
ITEMS = [next(i for i in BANK if isinstance(i, cls)) for cls in (ChoiceItem, TruthItem, TextItem)]


@pytest.fixture()
def live(tmp_path: Path) -> Iterator[tuple[Live, str]]:
    port = free_port()
    game = prepare_game(
        BASE,
        ITEMS,
        title=BASE.title,
        address="127.0.0.1",
        port=port,
        output=tmp_path,
        seconds=30,
        code="424242",
        host_token="host-secret",
    )
    with serving(game, port) as url:
        yield game, url


def snapshot(live: Live) -> Any:
    g = live.game
    return (
        g.phase,
        g.index,
        sorted((p.name, p.score) for p in g.players.values()),
        [sorted(a) for a in g.answers],
    )


def test_bad_input_is_refused_and_changes_nothing(live: tuple[Live, str]) -> None:
    game, url = live
    host = Client(url)
    host.send({"type": "host", "token": "host-secret"})
    assert host.get("state")["view"]["phase"] == "lobby"
    ana = Client(url)
    ana.send({"type": "join", "code": "424242", "name": "Ana"})
    assert ana.get("joined")["name"] == "Ana"
    ben = Client(url)  # a second player keeps the question open after Ana answers
    ben.send({"type": "join", "code": "424242", "name": "Ben"})
    ben.get("joined")
    before = snapshot(game)
    eve = Client(url)
    assert "not this game's code" in eve.refused({"type": "join", "code": "000000", "name": "E"})
    assert "Names may use" in eve.refused({"type": "join", "code": "424242", "name": "<b>Eve</b>"})
    assert "at most 20" in eve.refused({"type": "join", "code": "424242", "name": "E" * 21})
    assert "Only the host" in ana.refused({"type": "next"})
    assert "Join the game first" in eve.refused({"type": "answer", "question": 0, "value": 0})
    assert "too large" in eve.refused("x" * 10_000)
    assert snapshot(game) == before
    host.send({"type": "next"})
    ana.get("state", "question")
    before = snapshot(game)
    assert "Unexpected field" in ana.refused(
        {"type": "answer", "question": 0, "value": 0, "player": "p2"}
    )
    assert "Choose an option" in ana.refused({"type": "answer", "question": 0, "value": 9})
    ana.send({"type": "answer", "question": 0, "value": 0})
    assert ana.get("state")["view"]["answered"] is True
    after_one = snapshot(game)
    assert after_one != before
    assert "already answered" in ana.refused({"type": "answer", "question": 0, "value": 1})
    assert snapshot(game) == after_one
    # 1 MB: uvicorn drops the frame unread and closes with 1009 (message too big).
    with pytest.raises(ConnectionClosed) as closed:
        eve.send("x" * 1_000_000)
        eve.get("error")
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    # A wrong host token is refused and the connection closed.
    mallory = Client(url)
    assert "wrong host token" in mallory.refused({"type": "host", "token": "guess"})
    with pytest.raises(ConnectionClosed):
        mallory.get("error")
    assert snapshot(game) == after_one


def test_floods_and_foreign_pages_are_refused(live: tuple[Live, str]) -> None:
    game, url = live
    flood = Client(url)
    for _ in range(50):  # 20 at once are taken; then each is a strike; 20 strikes close
        flood.send({"type": "rejoin", "token": "x"})
    errors = []
    with pytest.raises(ConnectionClosed):
        for _ in range(60):
            errors.append(flood.get("error")["message"])
    assert "Too many messages: slow down." in errors
    with pytest.raises(Exception, match=r"403|1008|rejected"):
        Client(url, origin="http://evil.example")
    guesser = Client(url)
    for _ in range(5):
        guesser.send({"type": "join", "code": "111111", "name": "G"})
    with pytest.raises(ConnectionClosed):
        for _ in range(6):
            guesser.get("error")
    assert game.game.players == {}


def test_pages_carry_no_answer_no_code_and_strict_headers(live: tuple[Live, str]) -> None:
    game, url = live
    for path in ("/", "/host"):
        with urllib.request.urlopen(url + path, timeout=30) as response:
            body = response.read().decode()
            policy = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "connect-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert "host-secret" not in body
        for item in ITEMS:
            assert item.prompt not in body  # questions arrive only over the WebSocket
        # Without the token, the host page shows nothing a student could use.
        assert "424242" not in body and game.results.csv_path.name not in body
    host = Client(url)
    host.send({"type": "host", "token": "host-secret"})
    welcome = host.get("welcome")
    assert welcome["join"]["code"] == "424242" and welcome["join"]["url"] == url + "/"
    assert welcome["results"] == [str(game.results.csv_path), str(game.results.json_path)]
    assert set("".join(welcome["join"]["qr"])) == {"0", "1"}
    assert "424242" not in "".join(Client(url).refused({"type": "host", "token": "guess"}))


def test_results_are_written_as_answers_come_in(live: tuple[Live, str]) -> None:
    game, url = live
    host = Client(url)
    host.send({"type": "host", "token": "host-secret"})
    ana = Client(url)
    ana.send({"type": "join", "code": "424242", "name": "Ana"})
    ana.get("joined")
    host.send({"type": "next"})
    ana.get("state", "question")
    ana.send({"type": "answer", "question": 0, "value": 1})
    ana.get("state", "reveal")
    rows = list(csv.DictReader(game.results.csv_path.open(encoding="utf-8")))
    assert isinstance(ITEMS[0], ChoiceItem)
    assert [(r["question"], r["player"], r["response"]) for r in rows] == [
        ("1", "Ana", ITEMS[0].options[1])
    ]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        document = json.loads(game.results.json_path.read_text(encoding="utf-8"))
        if document["answers"]:
            break
        time.sleep(0.05)
    assert document["answers"][0]["player"] == "Ana"


@pytest.mark.slow
def test_ctrl_c_stops_the_command_and_keeps_the_results(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quizgen",
            "live",
            "-n",
            "3",
            "--kinds",
            "mc",
            "--seed",
            "1",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-browser",
            "-o",
            str(tmp_path),
            "--facts",
            str(SHIPPED),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert proc.stdout is not None
    lines = [proc.stdout.readline() for _ in range(4)]
    assert lines[0].startswith(f"Students join at http://127.0.0.1:{port}/ with code ")
    code = lines[0].split()[-1]
    token = lines[1].rsplit("#", 1)[1].strip()
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            host = Client(url)
            break
        except OSError:
            time.sleep(0.05)
    host.send({"type": "host", "token": token})
    ana = Client(url)
    ana.send({"type": "join", "code": code, "name": "Ana"})
    ana.get("joined")
    host.send({"type": "next"})
    ana.get("state", "question")
    ana.send({"type": "answer", "question": 0, "value": 0})
    ana.get("state", "reveal")
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    assert "Stopped. 1 answer from 1 player; results in" in out
    (csv_file,) = tmp_path.glob("live-*.csv")
    (json_file,) = tmp_path.glob("live-*.json")
    assert len(list(csv.DictReader(csv_file.open(encoding="utf-8")))) == 1
    assert json.loads(json_file.read_text(encoding="utf-8"))["answers"][0]["player"] == "Ana"


def test_a_taken_port_is_a_one_line_error() -> None:
    import socket

    from quizgen.errors import QuizgenError
    from quizgen.live.run import check_port

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(QuizgenError, match=f"cannot listen on 127.0.0.1:{port}.*--port"):
            check_port("127.0.0.1", port)
