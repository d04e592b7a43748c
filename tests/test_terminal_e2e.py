"""End to end in real processes: a pseudo-terminal session, SIGKILL, two at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from quizgen import factfile
from quizgen.generation.bank import generate
from quizgen.items.shapes import ChoiceItem
from tests.support.data import SMALL, of

pytestmark = pytest.mark.slow

DB = "progress.sqlite3"


def command(home: Path, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "quizgen",
        "quiz",
        "--facts",
        str(SMALL),
        "--home",
        str(home),
        *args,
    ]


def count(home: Path) -> int:
    if not (home / DB).exists():
        return 0
    conn = sqlite3.connect(home / DB, timeout=30)
    try:
        return int(conn.execute("SELECT count(*) FROM answers").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def wait_for(home: Path, n: int, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while count(home) < n:
        assert time.monotonic() < deadline, f"only {count(home)} of {n} answers recorded"
        time.sleep(0.05)


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_quiz_in_a_real_terminal_with_arrow_keys(tmp_path: Path) -> None:
    items = of(ChoiceItem, generate(factfile.load(SMALL), ["mc"], n=2, seed=8))
    args = command(tmp_path, "-n", "2", "--kinds", "mc", "--seed", "8")
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40"}
    child = pexpect.spawn(
        args[0], args[1:], env=env, encoding="utf-8", timeout=30, dimensions=(40, 100)
    )
    try:
        for number, q in enumerate(items, start=1):
            child.expect(f"Question {number} of 2")
            child.expect("»")  # questionary's pointer: the list is drawn
            child.send("\x1b[B" * q.options.index(str(q.answer)))
            child.send("\r")
            child.expect("Correct")
        child.expect(r"Score: 2 of 2 \(100%\)")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0
    conn = sqlite3.connect(tmp_path / DB)
    rows = conn.execute("SELECT question_id, correct FROM answers ORDER BY id").fetchall()
    assert rows == [(q.id, 1) for q in items]


def test_sigkill_mid_session_loses_nothing_answered(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        command(tmp_path, "--plain", "-n", "6", "--kinds", "typed", "--seed", "1"),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdin is not None
    try:
        for n in range(1, 4):
            proc.stdin.write(f"answer {n}\n")
            proc.stdin.flush()
            wait_for(tmp_path, n)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    conn = sqlite3.connect(tmp_path / DB)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    responses = [r for (r,) in conn.execute("SELECT response FROM answers ORDER BY id")]
    assert responses == ["answer 1", "answer 2", "answer 3"]


def test_two_sessions_at_once_both_record(tmp_path: Path) -> None:
    procs = [
        subprocess.Popen(
            command(tmp_path, "--plain", "-n", "8", "--kinds", "typed", "--seed", str(seed)),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in (1, 2)
    ]
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("x\n" * 8 + "n\n")
        proc.stdin.flush()
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    assert count(tmp_path) == 16


def test_many_processes_opening_a_new_database_together(tmp_path: Path) -> None:
    """Found by the two-session test: WAL set-up on a new file may report 'locked' at once.

    Each process imports first and then opens at the same wall-clock moment, so
    their openings really do collide.
    """
    code = (
        "import sys, time; from pathlib import Path; from quizgen.progress import "
        "ProgressStore; time.sleep(max(0.0, float(sys.argv[2]) - time.time())); "
        "s = ProgressStore.open(Path(sys.argv[1]), set_id='s'); s.close()"
    )
    for round_no in range(4):
        home = tmp_path / f"home{round_no}"
        start_at = time.time() + 1.0
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, str(home), str(start_at)],
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(8)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
