"""quizgen as a user runs it: ``python -m quizgen`` in a process of its own, and what a
one-line error looks like."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from tests.support.data import ROOT, TINY

DECK = "name: Deck\nid: 1234567890\nselect:\n  topics: [base]\n"
"""A deck definition for TINY's one topic."""
HANG = 30.0
"""Seconds after which a command that should answer at once counts as hung: a guard
against hangs, never a speed check (a loaded machine takes longer, not 30 seconds)."""
Run = subprocess.CompletedProcess[bytes]


def run_quizgen(
    *args: str | Path,
    stdin: bytes | None = b"",
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    shell: str = "",
    prefix: Sequence[str] = (),
    stdout: int | IO[bytes] = subprocess.PIPE,
    timeout: float = 120,
) -> Run:
    """Run quizgen; ``shell`` adds redirections (``<&-``) through ``sh -c``."""
    argv = [*prefix, sys.executable, "-m", "quizgen", *map(str, args)]
    if shell:
        argv = ["sh", "-c", f'exec "$@" {shell}', "sh", *argv]
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
        "COLUMNS": "100",
        **(env or {}),
    }
    return subprocess.run(
        argv,
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=environment,
        cwd=cwd or ROOT,
        timeout=timeout,
        check=False,
    )


def progress_rows(home: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of the progress database in ``home``, as the learner's answers left them."""
    import sqlite3

    conn = sqlite3.connect(home / "progress.sqlite3")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def one_line(run: Run, expected: str | None = None, *, status: int = 1) -> str:
    """The single line on stderr (checked against ``expected`` if given) and the status."""
    err = run.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert run.returncode == status, (run.returncode, err)
    # validate's notes and warnings (no lock yet, no id) are not part of the error
    lines = [line for line in err.splitlines() if not line.startswith(("Note: ", "Warning: "))]
    assert len(lines) == 1, err
    if expected is not None:
        assert lines[0] == expected
    return lines[0]


def project(tmp_path: Path) -> Path:
    """TINY as facts.yaml with a decks/ folder beside it; returns the fact file."""
    (tmp_path / "decks").mkdir()
    (tmp_path / "decks" / "deck.yaml").write_text(DECK, encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(TINY, encoding="utf-8")
    return facts
