"""The live server against a pupil with a laptop, through real sockets on 127.0.0.x.

Every client picks its own loopback source address (127.x.y.z all reach the
server on 127.0.0.1), so a test can be a class of phones and an attacker at
once: wrong codes from one address must not keep the class out; joins per
address are capped and the host can remove a player and lock the game; idle,
silent and trickling connections are closed, connections per address
bounded; only the announced Host is served; messages no page sends are
refused without a traceback in the log; and no frame a phone receives before
the reveal says whether it was right.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.exceptions import ConnectionClosed

from quizgen.generation.bank import generate
from quizgen.items.shapes import ChoiceItem
from quizgen.live.guard import Limits
from quizgen.live.run import Live, prepare_game
from tests.support.browser import free_port, serving
from tests.support.data import shipped_base
from tests.support.sockets import Client

BASE = shipped_base()
BANK = generate(BASE, seed=1)
CODE, TOKEN = "424242", "host-secret"
CHOICES = [i for i in BANK if isinstance(i, ChoiceItem) and len(i.options) == 4][:3]


@contextlib.contextmanager
def game(tmp_path: Path, limits: Limits | None = None) -> Iterator[tuple[Live, str]]:
    port = free_port()
    live = prepare_game(
        BASE,
        CHOICES,
        title=BASE.title,
        address="127.0.0.1",
        port=port,
        output=tmp_path,
        seconds=60,
        code=CODE,
        host_token=TOKEN,
        limits=limits,
    )
    with serving(live, port) as url:
        yield live, url


def host_of(url: str) -> Client:
    host = Client(url, "127.0.0.2")
    host.send({"type": "host", "token": TOKEN})
    host.get("state")
    return host


def join(url: str, source: str, name: str, code: str = CODE) -> Client:
    phone = Client(url, source)
    phone.send({"type": "join", "code": code, "name": name})
    return phone


def closed(sock: socket.socket, within: float) -> bool:
    """Whether the server closes ``sock`` within ``within`` seconds (EOF or reset)."""
    sock.settimeout(within)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return True


def test_wrong_codes_from_one_address_do_not_keep_the_class_out(tmp_path: Path) -> None:
    with game(tmp_path) as (live, url):
        stop = threading.Event()
        refusals: list[str] = []

        def guesser() -> None:  # about one wrong code a second, reconnecting when cut off
            code = 100_000
            while not stop.is_set():
                try:
                    bot = Client(url, "127.0.66.6")
                    while not stop.is_set():
                        code += 1
                        bot.send({"type": "join", "code": str(code), "name": "Bot"})
                        refusals.append(bot.get("error")["message"])
                        stop.wait(0.05 if len(refusals) < 15 else 1.0)
                except (ConnectionClosed, OSError, TimeoutError):
                    continue

        thread = threading.Thread(target=guesser, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while len(refusals) < 15 and time.monotonic() < deadline:
            time.sleep(0.05)
        students = [join(url, f"127.0.10.{i}", f"Student {i}") for i in range(1, 31)]
        names = [s.get("joined")["name"] for s in students]
        stop.set()
        thread.join(5)
        assert names == [f"Student {i}" for i in range(1, 31)]
        assert any("Too many wrong codes from this network address" in r for r in refusals)
        # The guesser's address is held back even with the right code; no one else is.
        assert "Too many wrong codes" in join(url, "127.0.66.6", "Sneaky").get("error")["message"]
        assert sorted(p.name for p in live.game.players.values()) == sorted(names)


def test_joins_per_address_removing_and_locking(tmp_path: Path) -> None:
    with game(tmp_path, Limits(players_per_address=3)) as (live, url):
        host = host_of(url)
        bots = [join(url, "127.0.20.1", f"Bot {i}") for i in range(4)]
        for bot in bots[:3]:
            bot.get("joined")
        assert "3 players have joined from this network address" in bots[3].get("error")["message"]
        alert = host.get("state")
        while not alert["alerts"]:
            alert = host.get("state")
        assert "127.0.20.1" in alert["alerts"][0]
        ana = join(url, "127.0.21.1", "Ana")
        ana.get("joined")
        assert "Only the host" in ana.refused({"type": "remove", "player": "p1"})
        assert "Only the host" in ana.refused({"type": "lock", "locked": True})
        host.send({"type": "remove", "player": "p1"})
        with pytest.raises(ConnectionClosed) as cut:
            bots[0].get("state", "never")
        assert cut.value.rcvd is not None and cut.value.rcvd.code == 4001
        assert "removed" in cut.value.rcvd.reason
        view = host.get("state")["view"]
        while len(view["players"]) != 3:
            view = host.get("state")["view"]
        assert "Bot 0" not in [p["name"] for p in view["players"]]
        host.send({"type": "lock", "locked": True})
        while not host.get("state")["view"]["locked"]:
            pass
        late = join(url, "127.0.22.1", "Late")
        assert "locked" in late.get("error")["message"]
        token = live.game.players["p4"].token
        again = Client(url, "127.0.21.1")  # Ana's phone reconnects: still welcome
        again.send({"type": "rejoin", "token": token})
        assert again.get("joined")["name"] == "Ana"
        host.send({"type": "lock", "locked": False})
        while host.get("state")["view"]["locked"]:
            pass
        late.send({"type": "join", "code": CODE, "name": "Late"})
        assert late.get("joined")["name"] == "Late"


def test_idle_silent_and_trickling_connections_are_closed(tmp_path: Path) -> None:
    limits = Limits(request_seconds=1.5, hello_seconds=1.0, sweep_seconds=0.2)
    with game(tmp_path, limits) as (_, url):
        port = int(url.rsplit(":", 1)[1])
        ana = join(url, "127.0.30.1", "Ana")
        ana.get("joined")
        silent = socket.create_connection(("127.0.0.1", port), source_address=("127.0.31.1", 0))
        trickle = socket.create_connection(("127.0.0.1", port), source_address=("127.0.31.2", 0))
        keep = socket.create_connection(("127.0.0.1", port), source_address=("127.0.31.3", 0))
        keep.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
        keep.settimeout(5)
        assert keep.recv(100).startswith(b"HTTP/1.1 200")
        quiet = Client(url, "127.0.31.4")  # a WebSocket that never says who it is
        started = time.monotonic()
        request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nX-Slow: " % port + b"a" * 100
        cut_at = None
        for byte in request:  # a byte every 0.1 s: it would take 11 s
            try:
                trickle.send(bytes([byte]))
            except OSError:
                cut_at = time.monotonic() - started
                break
            time.sleep(0.1)
        assert cut_at is not None or closed(trickle, 0.5)
        assert time.monotonic() - started < 4
        assert closed(silent, 1.0)
        assert closed(keep, 1.0)  # idle after its answer: closed too
        with pytest.raises(ConnectionClosed) as gone:
            quiet.get("state")
        assert gone.value.rcvd is not None and gone.value.rcvd.code == 4408
        # Ana, joined and quiet all that time, is still in the game.
        ana.send({"type": "rejoin", "token": "x"})
        assert "already joined" in ana.get("error")["message"]


def test_connections_per_address_are_bounded(tmp_path: Path) -> None:
    with game(tmp_path, Limits(connections_per_address=10)) as (live, url):
        port = int(url.rsplit(":", 1)[1])
        held = [
            socket.create_connection(("127.0.0.1", port), source_address=("127.0.40.1", 0))
            for _ in range(25)
        ]
        cut: set[int] = set()
        deadline = time.monotonic() + 5  # the server cuts at once; a loaded machine is slow
        while len(cut) < 15 and time.monotonic() < deadline:
            cut |= {i for i, s in enumerate(held) if i not in cut and closed(s, 0.01)}
        assert len(cut) == 15
        assert live.guard.per_address["127.0.40.1"] == 10
        page = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=5, source_address=("127.0.40.2", 0)
        )
        page.request("GET", "/")
        assert page.getresponse().status == 200
        for s in held:
            s.close()


def test_only_the_announced_host_is_served(tmp_path: Path) -> None:
    with game(tmp_path) as (_, url):
        port = int(url.rsplit(":", 1)[1])

        def status(host: str, path: str = "/") -> tuple[int, str]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.putrequest("GET", path, skip_host=True)
            conn.putheader("Host", host)
            conn.endheaders()
            response = conn.getresponse()
            return response.status, response.read().decode()

        for good in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}"):
            assert status(good)[0] == 200
        for bad in (
            f"attacker.example:{port}",
            "127.0.0.1",
            f"127.0.0.1:{port + 1}",
            f"192.168.1.9:{port}",
        ):
            code, body = status(bad, "/host")
            assert code == 421 and body.startswith(f"This game answers only at {url}/")
        with pytest.raises(Exception, match=r"403|rejected"):
            Client(url, additional_headers={"Host": f"attacker.example:{port}"})


def test_bad_messages_are_refused_without_a_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    with game(tmp_path) as (live, url):
        host = host_of(url)
        phone = Client(url, "127.0.50.1")
        deep = '{"type":"answer","question":0,"value":' + "[" * 2000 + "]" * 2000 + "}"
        assert "nest" in phone.refused(deep)
        for raw in (
            '{"type":"host","token":"\\ud800"}',
            '{"type":"rejoin","token":"\\udfff"}',
            '{"type":"join","code":"\\ud800","name":"x"}',
            '{"type":"join","code":"424242","name":"A\\ud800"}',
        ):
            assert "Unicode" in phone.refused(raw)
        phone.ws.send(b"\xff\xfe\x00")
        assert "JSON" in phone.get("error")["message"]
        phone.send({"type": "join", "code": CODE, "name": "Ana"})
        assert phone.get("joined")["name"] == "Ana"
        host.send({"type": "next"})
        phone.get("state", "question")
        assert "nest" in phone.refused(deep.replace('"question":0', '"question":0'))
        phone.send({"type": "answer", "question": 0, "value": 0})
        phone.get("state", "reveal")
        assert len(live.game.answers[0]) == 1
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "Error" not in err, err


def bare_length(frame: str, name: str) -> int:
    """A frame's length less its player's name and its countdown's digits."""
    remaining = json.loads(frame)["view"]["question"]["remaining"]
    return len(frame) - len(name) - len(json.dumps(remaining))


def test_no_frame_before_the_reveal_says_right_or_wrong(tmp_path: Path) -> None:
    with game(tmp_path) as (live, url):
        host = host_of(url)
        names = ["Ana", "Ben", "Cy", "Dee"]
        phones = {n: join(url, f"127.0.60.{i}", n) for i, n in enumerate(names, 1)}
        for phone in phones.values():
            phone.get("state", "lobby")
        for index, item in enumerate(CHOICES):
            right = item.options.index(item.answer)
            host.send({"type": "next"})
            marks: dict[str, int] = {}
            for phone in phones.values():
                phone.frames.clear()
                phone.get("state", "question")
            for i, (n, phone) in enumerate(phones.items()):
                value = right if i % 2 == 0 else (right + 1) % 4
                marks[n] = value
                if i < 3:
                    phone.send({"type": "answer", "question": index, "value": value})
                    assert phone.get("state")["view"]["answered"] is True
            before = {n: list(p.frames) for n, p in phones.items()}
            host.send({"type": "next"})  # the host reveals (Dee has not answered)
            for n, phone in phones.items():
                reveal = phone.get("state", "reveal")["view"]
                if n != "Dee":
                    assert reveal["result"]["correct"] is (marks[n] == right)
            for frames in before.values():
                views = [json.loads(f)["view"] for f in frames]
                assert all(v["phase"] == "question" for v in views)
                for v in views:
                    assert not {"result", "reveal", "chart", "leaderboard", "podium"} & set(v)
                    assert item.answer not in json.dumps(v["question"]["prompt"])
                assert len({(v["score"], v["place"], v["tied"]) for v in views}) == 1

            def same(frames: list[str], name: str) -> list[Any]:
                out = []
                for f in frames:
                    v = json.loads(f)["view"]
                    v["question"].pop("remaining")
                    out.append({k: x for k, x in v.items() if k != "name"})
                return out

            if index == 0:  # all at 0 points: right (Ana) and wrong (Ben) look the same
                assert same(before["Ana"], "Ana") == same(before["Ben"], "Ben")
                # Nor by their size, once the name and the countdown (which ticks between
                # two players' frames and may change its number of digits) are set aside.
                assert [bare_length(f, "Ana") for f in before["Ana"]] == [
                    bare_length(f, "Ben") for f in before["Ben"]
                ]
            host.get("state", "reveal")
        assert live.game.phase.value == "reveal"
