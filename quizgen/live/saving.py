"""The results on the server's event loop: when to write, and what to do when the disk refuses.

Each answer's CSV row is queued and written at once (:mod:`~quizgen.live.results`
keeps whatever the disk refuses). The JSON document is encoded between two
game calls (so it is consistent) and written by a worker thread, so the event
loop never waits for the disk: at once at each change of phase, and at most
once a second while answers come in. While the disk refuses, the host is told
(``tell``, at once), and the writes are tried again every second until they
go through; then the host is told that too.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from quizgen.live.game import PlayerAnswer
from quizgen.live.results import Results

RETRY_SECONDS = 1.0
SNAPSHOT_SECONDS = 1.0


@dataclass(slots=True)
class Saver:
    results: Results
    document: Callable[[], dict[str, Any]]
    """The JSON document as the game stands now."""
    tell: Callable[[str | None], None]
    """Tell the host what keeps the results from the disk (None: nothing any more)."""
    retry: asyncio.TimerHandle | None = None
    snapshot_due: bool = False
    writer: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="quizgen-results")
    )

    def record(self, answer: PlayerAnswer) -> None:
        """Queue an answer's CSV row and write it; if the disk refuses, tell the host."""
        self.results.add(answer)
        self._check()

    def save(self, *, now: bool = False) -> None:
        """Write the JSON document: now, or within a second (one write for many answers)."""
        if now:
            self.snapshot_due = False
            data = self.results.encode(self.document())
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # at shutdown, outside the loop
                self.results.write(data)
                return
            future = loop.run_in_executor(self.writer, self.results.write, data)  # in order
            future.add_done_callback(lambda _: self._check())
        elif not self.snapshot_due:
            self.snapshot_due = True
            asyncio.get_running_loop().call_later(
                SNAPSHOT_SECONDS, lambda: self.save(now=True) if self.snapshot_due else None
            )

    def _check(self) -> None:
        problem = self.results.problem
        if problem is None:
            self.tell(None)
            return
        waiting = self.results.waiting
        held = (
            f"{waiting} answer{'s' * (waiting != 1)} held in memory"
            if waiting
            else "the answers are safe in memory"
        )
        self.tell(
            f"Results cannot be saved: {problem}. The game goes on; {held}, written as "
            "soon as the disk takes them again. Free some space."
        )
        if self.retry is None:
            with contextlib.suppress(RuntimeError):
                self.retry = asyncio.get_running_loop().call_later(RETRY_SECONDS, self._again)

    def _again(self) -> None:
        self.retry = None
        self.results.flush()
        self.save(now=True)
        self._check()

    def stop(self) -> None:
        """At the end: no more timers, the worker done, everything written that can be."""
        if self.retry is not None:
            self.retry.cancel()
            self.retry = None
        self.snapshot_due = False
        self.writer.shutdown(wait=True)
        self.results.flush()
        self.results.snapshot(self.document())
