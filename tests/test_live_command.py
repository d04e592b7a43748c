"""``quizgen live`` as a teacher runs it, a real process on 127.0.0.1, under hard conditions.

The browser it opens gets a one-time link (what ``ps`` shows is spent once
used), not the host token; results go to quizgen's data folder, and the
command says where; a full disk (a real one for the process: a file-size
limit) cuts no phone off and loses no row; 1,100 half-open connections
against a 1,024-file limit do not keep phones from the page; ``--help``
shows every kind; ``validate`` refuses a ``javascript:`` licence address.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.support.browser import Watch, free_port, needs_chromium
from tests.support.data import ROOT, SHIPPED
from tests.support.sockets import Client

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.slow


@dataclass
class Running:
    proc: subprocess.Popen[str]
    url: str
    code: str
    token: str
    lines: list[str]
    errors: list[str]
    """Standard error, once the command has ended."""


@contextlib.contextmanager
def command(
    tmp_path: Path,
    *args: str,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> Iterator[Running]:
    """``quizgen live`` on a free port; Ctrl-C at the end (its output is kept in
    ``lines``)."""
    port = free_port()
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
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
            "--facts",
            str(SHIPPED),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environ,
        cwd=tmp_path,
        preexec_fn=preexec,
    )
    assert proc.stdout is not None
    errors: list[str] = []
    try:
        lines = [proc.stdout.readline() for _ in range(4)]
        assert lines[0].startswith(f"Students join at http://127.0.0.1:{port}/"), lines
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.05)
        yield Running(
            proc,
            url,
            lines[0].split()[-1].strip(),
            lines[1].rsplit("#", 1)[1].strip(),
            lines,
            errors,
        )
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        lines += out.splitlines(keepends=True)
        errors += err.splitlines()
        assert "Traceback" not in err, err


def test_malformed_requests_leave_the_teachers_console_quiet(tmp_path: Path) -> None:
    """An empty Host header and bytes that are not HTTP at all are refused without a
    word on the teacher's console (uvicorn's 'Invalid HTTP request received.')."""
    with command(tmp_path) as game:
        port = int(game.url.rsplit(":", 1)[1])
        for raw in (b"GET / HTTP/1.1\r\nHost:\r\n\r\n", b"\x16\x03\x01 not http\r\n\r\n"):
            with socket.create_connection(("127.0.0.1", port), 5) as sock:
                sock.sendall(raw)
                sock.settimeout(5)
                with contextlib.suppress(OSError):
                    sock.recv(4096)
        time.sleep(0.3)
    assert not [e for e in game.errors if "Invalid HTTP" in e or "WARNING" in e], game.errors


def test_the_browser_gets_a_one_time_link_and_results_go_to_the_data_folder(tmp_path: Path) -> None:
    argv = tmp_path / "argv.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{argv}'\n")
    browser.chmod(0o755)
    home = tmp_path / "home"
    with command(tmp_path, env={"BROWSER": str(browser), "QUIZGEN_HOME": str(home)}) as game:
        assert game.lines[2].startswith(f"Results: {home / 'live'}{os.sep}live-")
        for _ in range(100):
            if argv.exists() and argv.read_text():
                break
            time.sleep(0.05)
        opened = argv.read_text()
        assert game.token not in opened and "/host#once=" in opened
        once = opened.strip().rsplit("#", 1)[1]
        page = Client(game.url)
        page.send({"type": "claim", "once": once[len("once=") :]})
        assert page.get("token")["token"] == game.token
        assert page.get("welcome")["join"]["code"] == game.code
        thief = Client(game.url)  # read from `ps`, too late: spent
        assert "one-time link has been used" in thief.refused(
            {"type": "claim", "once": once[len("once=") :]}
        )
    (csv_file,) = (home / "live").glob("live-*.csv")
    assert csv_file.read_text(encoding="utf-8").startswith('"question","item_id"')
    assert not list(tmp_path.glob("live-*"))  # not where the command was started


def test_a_full_disk_cuts_no_phone_off_and_loses_no_row(tmp_path: Path) -> None:
    def small_files() -> None:
        # the disk is "full" past 1,500 bytes a file, for this process: room for the
        # results document as the game opens (about 1,000 bytes with its three items),
        # not for the answers of 40 players
        resource.setrlimit(resource.RLIMIT_FSIZE, (1500, resource.RLIM_INFINITY))

    out = tmp_path / "out"
    with command(tmp_path, "-o", str(out), "--no-browser", preexec=small_files) as game:
        host = Client(game.url, "127.0.0.2")
        host.send({"type": "host", "token": game.token})
        host.get("state")
        phones = [Client(game.url, f"127.0.70.{i}") for i in range(1, 41)]
        for i, phone in enumerate(phones):
            phone.send({"type": "join", "code": game.code, "name": f"Student {i}"})
            phone.get("joined")
        host.send({"type": "next"})
        for phone in phones:
            phone.get("state", "question")
        for phone in phones[:10]:
            phone.send({"type": "answer", "question": 0, "value": 0})
            assert phone.get("state")["view"]["answered"] is True
        state = host.get("state")
        while not state["alerts"]:
            state = host.get("state")
        assert state["view"]["phase"] == "question"  # told at once, the game going on
        assert "Results cannot be saved" in state["alerts"][0]
        assert "File too large" in state["alerts"][0]
        for phone in phones[10:39]:
            phone.send({"type": "answer", "question": 0, "value": 1})
            assert phone.get("state")["view"]["answered"] is True  # no phone cut off
        rows = list(csv.DictReader((next(out.glob("live-*.csv"))).open(encoding="utf-8")))
        assert len(rows) < 39
        resource.prlimit(
            game.proc.pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
        )  # space returns
        while host.get("state")["alerts"]:
            pass
        phones[39].send({"type": "answer", "question": 0, "value": 2})
        for phone in phones:
            phone.get("state", "reveal")
    assert any("Stopped. 40 answers from 40 players" in line for line in game.lines)
    rows = list(csv.DictReader(next(out.glob("live-*.csv")).open(encoding="utf-8")))
    assert sorted(r["player"] for r in rows) == sorted(f"Student {i}" for i in range(40))
    document = json.loads(next(out.glob("live-*.json")).read_text(encoding="utf-8"))
    assert len(document["answers"]) == 40


@needs_chromium
def test_half_open_connections_over_the_file_limit_do_not_keep_phones_out(
    browser: Browser, tmp_path: Path
) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 2048:
        pytest.skip(f"this test holds 1,100 sockets itself; its open-file limit is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 2048), hard))

    def few_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))

    held: list[socket.socket] = []
    with command(tmp_path, "-o", str(tmp_path), "--no-browser", preexec=few_files) as game:
        port = int(game.url.rsplit(":", 1)[1])
        try:
            for i in range(1100):  # 110 addresses, 10 each: no per-address bound helps here
                sock = socket.create_connection(
                    ("127.0.0.1", port),
                    timeout=5,
                    source_address=(f"127.0.{80 + i // 250}.{1 + (i // 10) % 25}", 0),
                )
                if i % 2:
                    sock.send(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")  # and never the rest
                held.append(sock)
            started = time.monotonic()
            with urllib.request.urlopen(game.url + "/", timeout=5) as response:
                assert response.status == 200
            watch = Watch(allowed=(game.url + "/", game.url.replace("http", "ws") + "/", "data:"))
            page = watch.attach(browser.new_context().new_page())
            page.goto(game.url + "/")
            page.fill("#code", game.code)
            page.fill("#name", "Ana")
            page.click("#join")
            expect(page.locator("h1")).to_have_text("You're in, Ana!")
            watch.clean()
            took = time.monotonic() - started
            assert took < 9  # while the 1,100 are still held (they are cut after 10 s)
        finally:
            for sock in held:
                sock.close()


def test_help_shows_every_kind() -> None:
    for columns in ("60", "80", "120"):
        out = subprocess.run(
            [sys.executable, "-m", "quizgen", "live", "--help"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "COLUMNS": columns, "PYTHONPATH": str(ROOT)},
        )
        text = " ".join(out.stdout.replace("│", " ").split())
        assert "mc, tf, typed, cloze, timeline, match." in text, out.stdout
        assert "…" not in out.stdout


def test_validate_refuses_a_javascript_licence_address(tmp_path: Path) -> None:
    source = (ROOT / "tests" / "data" / "small.yaml").read_text(encoding="utf-8")
    for url, ok in (
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:text/html,x", False),
        ("//example.org/x", False),
        ("https://creativecommons.org/licenses/by-sa/4.0/", True),
    ):
        path = tmp_path / "facts.yaml"
        path.write_text(
            source.replace("license: CC BY-SA 4.0", f'license: CC BY-SA 4.0\nlicense_url: "{url}"'),
            encoding="utf-8",
        )
        run = subprocess.run(
            [sys.executable, "-m", "quizgen", "validate", str(path)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        if ok:
            assert run.returncode == 0, run.stderr
        else:
            assert run.returncode == 1
            assert run.stderr.strip() == (
                f"{path}:6:14: license_url: '{url}' is not a web address: only http:// and "
                "https:// addresses may be linked"
            )
