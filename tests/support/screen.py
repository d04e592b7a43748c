"""A real pseudo-terminal of a given size, read back as a screen (pexpect + pyte).

pexpect runs quizgen in a pty; pyte plays its output onto a virtual screen of
the same size, keeping what scrolled off, so tests can look at the rows a
learner sees: whether any line was cut by the terminal, whether all the text
is there.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pyte


class Screen:
    def __init__(
        self, args: list[str], columns: int, rows: int = 40, cwd: Path | None = None
    ) -> None:
        env = {
            **os.environ,
            "TERM": "xterm",
            "NO_COLOR": "1",
            # pyte does not answer cursor position requests; real terminals do.
            "PROMPT_TOOLKIT_NO_CPR": "1",
        }
        for name in ("COLUMNS", "LINES"):
            env.pop(name, None)
        self.columns = columns
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "quizgen", *args],
            env=env,
            encoding="utf-8",
            dimensions=(rows, columns),
            timeout=30,
            cwd=str(cwd) if cwd else None,
        )
        self.screen = pyte.HistoryScreen(columns, rows, history=5000)
        self.stream = pyte.Stream(self.screen)

    def pump(self, seconds: float = 0.1) -> None:
        end = time.monotonic() + seconds
        while True:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
            except pexpect.TIMEOUT:
                if time.monotonic() > end:
                    return
            except pexpect.EOF:
                return

    def rows(self) -> list[str]:
        """Every row so far: those scrolled off the top, then the screen."""
        top = [
            "".join(line[x].data for x in range(self.columns)) for line in self.screen.history.top
        ]
        return [*top, *self.screen.display]

    def text(self) -> str:
        return "\n".join(r.rstrip() for r in self.rows())

    def wait_for(self, pattern: str, seconds: float = 60.0) -> None:
        """Until ``pattern`` (a regex) is on the visible screen."""
        deadline = time.monotonic() + seconds
        while not re.search(pattern, "\n".join(self.screen.display)):
            if time.monotonic() > deadline or (not self.child.isalive() and not self._more()):
                raise AssertionError(f"{pattern!r} not on screen:\n{self.text()}")
            self.pump(0.05)
        self.settle()  # let the rest of that frame arrive

    def settle(self, quiet: float = 0.05, seconds: float = 10.0) -> None:
        """Until quizgen has written nothing for ``quiet`` seconds (or ``seconds`` have
        passed): the frame it was drawing is whole. prompt_toolkit writes a frame at once;
        a pause means it is waiting for keys."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=quiet))
            except (pexpect.TIMEOUT, pexpect.EOF):
                return

    def react(self, seconds: float = 5.0) -> None:
        """Until what the keys just sent changed is drawn: their first output (waited for
        up to ``seconds``: a loaded machine is slow), then until the frame is whole."""
        try:
            self.stream.feed(self.child.read_nonblocking(65536, timeout=seconds))
        except (pexpect.TIMEOUT, pexpect.EOF):
            return
        self.settle(0.15)  # keys, then Enter's answer, then the next prompt: longer pauses

    def wait_for_input(self, seconds: float = 60.0) -> None:
        """Until a prompt reads keys: prompt_toolkit turns the terminal's echo off. (quizgen
        draws the first question before questionary is imported; keys sent earlier would
        be echoed by the terminal.)"""
        deadline = time.monotonic() + seconds
        while self.child.getecho():
            if time.monotonic() > deadline:
                raise AssertionError(f"no prompt took input:\n{self.text()}")
            self.pump(0.05)

    def _more(self) -> bool:
        try:
            self.stream.feed(self.child.read_nonblocking(65536, timeout=0.2))
            return True
        except (pexpect.TIMEOUT, pexpect.EOF):
            return False

    def send(self, keys: str) -> None:
        self.child.send(keys)

    def finish(self) -> int:
        self.child.expect(pexpect.EOF)
        self.pump(0.1)
        self.child.close()
        return int(self.child.exitstatus or 0)

    def close(self) -> None:
        if self.child.isalive():
            self.child.close(force=True)

    def cut_rows(self, typed: str = "? Your answer:") -> list[str]:
        """Rows the terminal had to wrap: text in the last column means a line was longer
        than the screen (quizgen wraps every line to one column less). What the learner
        types after ``typed`` is theirs, edited as one line by prompt_toolkit."""
        return [r for r in self.rows() if r[self.columns - 1 :].strip() and not r.startswith(typed)]

    def words(self) -> set[str]:
        return set(self.text().split())
