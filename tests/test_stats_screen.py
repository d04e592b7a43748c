"""``quizgen stats`` as a learner sees it in a real terminal at 40 and 120 columns, and on
damaged progress files: one line each, naming the row to blame."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from tests.support.cli import one_line, run_quizgen
from tests.support.data import SMALL
from tests.support.screen import Screen

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX"),
]
MONDAY = "2026-03-02T09:00:00+00:00"


def studied(home: Path) -> Path:
    """Four wrong typed answers on Monday 2 March 2026."""
    run = run_quizgen(
        "review",
        "--plain",
        "--order",
        "file",
        "--new",
        "4",
        "--kinds",
        "typed",
        "--home",
        home,
        "--facts",
        SMALL,
        stdin=b"x\n\n" * 4,
        env={"QUIZGEN_NOW": MONDAY},
    )
    assert run.returncode == 0, run.stderr
    return home / "progress.sqlite3"


@pytest.mark.parametrize("columns", (40, 120))
def test_stats_in_a_terminal_with_no_color(tmp_path: Path, columns: int) -> None:
    studied(tmp_path)
    import os

    os.environ["QUIZGEN_NOW"] = "2026-03-02T10:00:00+00:00"
    try:
        screen = Screen(["stats", "--home", str(tmp_path), "--facts", str(SMALL)], columns, 100)
    finally:
        del os.environ["QUIZGEN_NOW"]
    try:
        screen.wait_for("Most missed")
        assert screen.finish() == 0  # all of it drawn
    finally:
        screen.close()
    rows = [r.rstrip() for r in screen.rows()]
    text = "\n".join(rows)
    # NO_COLOR (set by Screen) leaves the charts: only colour would go, and they have none.
    assert "today  +7" in text and "│█" in text, text
    assert "Accuracy per week (each from its" in text
    assert "2 Mar 2026" in text and "W10" not in text
    assert "Typed answer" in text and "typed " not in text
    # A '·' never ends a row nor starts one without its item beside it.
    assert not [r for r in rows if r.endswith("·") or r.strip() == "·"], text
    # A dash stays with the words before it: no row starts with one.
    assert "missed 1 of 1" in " ".join(text.split()), text
    assert not [r for r in rows if r.lstrip().startswith(("—", "–"))], text
    if columns == 40:
        assert rows[0] == "Answers: 4, correct: 0 (0%)", text
        assert rows[1] == "· facts studied: 4 · streak: 1 day", text
    assert not screen.cut_rows(), text


def test_stats_on_damaged_progress_files(tmp_path: Path) -> None:
    good = studied(tmp_path / "good")
    conn = sqlite3.connect(good)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = good.read_bytes()
    cases = {
        "magic": b"SQLite format 3\x00" + bytes(range(256)) * 40,  # the magic, then garbage
        "truncated": data[: len(data) // 2],
    }
    for name, content in cases.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "progress.sqlite3").write_bytes(content)
        line = one_line(run_quizgen("stats", "--home", tmp_path / name, "--facts", SMALL))
        path = tmp_path / name / "progress.sqlite3"
        assert line.startswith(
            f"quizgen: error: {path} is not a usable quizgen progress database: it is damaged ("
        ), line
        assert path.read_bytes() == content  # never changed
    conn = sqlite3.connect(good)
    conn.execute("UPDATE answers SET correct = 'yes' WHERE id = 2")
    conn.commit()
    conn.close()
    one_line(
        run_quizgen("stats", "--home", tmp_path / "good", "--facts", SMALL),
        f"quizgen: error: {good}: answer 2 is damaged: 'yes' where its result (0 or 1) "
        "belongs; quizgen has not changed the file. Delete that answer and keep everything "
        f"else with: sqlite3 '{good}' \"DELETE FROM answers WHERE id = 2\"",
    )
    conn = sqlite3.connect(good)
    conn.execute("DELETE FROM answers WHERE id = 2")
    conn.commit()
    conn.close()
    assert run_quizgen("stats", "--home", tmp_path / "good", "--facts", SMALL).returncode == 0
