"""Errors as a user meets them: every case, run as a user runs it (``python -m quizgen`` in
a process of its own), gives one line on standard error, a non-zero exit where it is an
error, and leaves what was saved as it was; never a traceback, never a hang.

Bad input of every kind: text that is not UTF-8, dates out of range, deck entries that
are no files, a progress file or folder that cannot be written or belongs to another
user, a full disk part way through, a damaged card, closed or failing standard streams,
devices and pipes given as files, look-alike ids, a home with control characters."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from quizgen.progress import DB_NAME
from tests.support.cli import DECK, HANG, one_line, project, run_quizgen
from tests.support.data import ROOT, TINY
from tests.support.special_files import dangling, directory, fifo, loop, unprivileged, unreadable

pytestmark = pytest.mark.slow

ELSEWHERE = "choose another folder with --home DIR or $QUIZGEN_HOME"


def saved(home: Path) -> list[str]:
    """Everything the progress file holds (as SQL), to show nothing saved changed; its
    bytes may differ without that (a reader marks the -shm file as it goes)."""
    # Not read-only: the last connection to close removes the -wal and -shm files, which a
    # read-only one would leave behind (and with them SQLite can write in a read-only folder).
    conn = sqlite3.connect(home / DB_NAME)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def answers(home: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(home / DB_NAME)
    try:
        return conn.execute("SELECT question_id, response FROM answers ORDER BY id").fetchall()
    finally:
        conn.close()


def studied(home: Path, facts: Path) -> list[str]:
    run = run_quizgen(
        "quiz",
        "-n",
        "2",
        "--kinds",
        "typed",
        "--plain",
        "--seed",
        "1",
        "--home",
        home,
        "--facts",
        facts,
        stdin=b"Abu Kamal\nnot sure\n",
    )
    assert run.returncode == 0, run.stderr
    assert len(answers(home)) == 2
    return saved(home)


# -- tracebacks -----------------------------------------------------------------------
def test_typed_answer_not_utf8_is_saved(tmp_path: Path) -> None:
    home, facts = tmp_path / "home", project(tmp_path)
    run = run_quizgen(
        "quiz",
        "--kinds",
        "typed",
        "-n",
        "1",
        "--plain",
        "--seed",
        "1",
        "--home",
        home,
        "--facts",
        facts,
        stdin=b"Caf\xe9\n",
    )
    assert run.returncode == 0 and b"Traceback" not in run.stderr, run.stderr
    assert [r for _, r in answers(home)] == ["Caf\ufffd"]


@pytest.mark.parametrize(
    "date,precision,answer",
    [("0000-01-01", "day", "1 January 0000"), ("9999-12", "month", "December 9999")],
)
def test_dates_out_of_range_stop_at_validation(
    tmp_path: Path, date: str, precision: str, answer: str
) -> None:
    facts = project(tmp_path)
    facts.write_text(
        TINY.replace("2019-09-04", date)
        .replace("4 September 2019", answer)
        .replace("date_precision: day", f"date_precision: {precision}"),
        encoding="utf-8",
    )
    expected = f"{facts}:32:11: date: '{date}' is not a valid date: years from 1000 to 2999 only"
    commands: list[list[str | Path]] = [
        ["validate", facts],
        ["quiz", "--plain", "--facts", facts, "--home", tmp_path / "home"],
        ["export", "csv", "--facts", facts, "-o", tmp_path / "q.csv"],
    ]
    for command in commands:
        assert one_line(run_quizgen(*command)) == expected
    assert not (tmp_path / "q.csv").exists() and not (tmp_path / "home").exists()


@pytest.mark.parametrize(
    "make", [directory, dangling, loop, fifo], ids=["directory", "dangling", "loop", "fifo"]
)
def test_deck_entries_that_are_no_files(tmp_path: Path, make: object) -> None:
    facts = project(tmp_path)
    entry = tmp_path / "decks" / "bad.yaml"
    make(entry)  # type: ignore[operator]
    line = one_line(run_quizgen("validate", facts, timeout=HANG))
    assert line.startswith(f"{entry}: ")


def test_unreadable_deck_entry(tmp_path: Path) -> None:
    facts = project(tmp_path)
    unreadable(tmp_path / "decks" / "bad.yaml")
    one_line(
        run_quizgen("validate", facts, prefix=unprivileged(), timeout=HANG),
        f"{tmp_path / 'decks' / 'bad.yaml'}: cannot be read: permission denied",
    )


def test_deck_id_past_what_anki_stores(tmp_path: Path) -> None:
    facts = project(tmp_path)
    (tmp_path / "decks" / "deck.yaml").write_text(
        DECK.replace("1234567890", str(2**63)), encoding="utf-8"
    )
    expected = (
        f"{tmp_path / 'decks' / 'deck.yaml'}:2:5: id: 9223372036854775808 is too "
        "large (at most 9,223,372,036,854,775,807)"
    )
    one_line(run_quizgen("validate", facts), expected)
    one_line(run_quizgen("export", "anki", "--facts", facts, "-o", tmp_path / "out"), expected)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_read_only_progress_file(tmp_path: Path) -> None:
    home, facts = tmp_path / "home", project(tmp_path)
    before = studied(home, facts)
    (home / DB_NAME).chmod(0o444)
    run = run_quizgen(
        "quiz",
        "-n",
        "1",
        "--plain",
        "--home",
        home,
        "--facts",
        facts,
        stdin=b"1\n",
        prefix=unprivileged(),
    )
    one_line(
        run,
        f"quizgen: error: progress file {home / DB_NAME} is read-only (mode 444); "
        f"make it writable (chmod u+w) or {ELSEWHERE} (the session was not started)",
    )
    assert saved(home) == before


def test_read_only_progress_folder_and_stats_there(tmp_path: Path) -> None:
    home, facts = tmp_path / "home", project(tmp_path)
    before = studied(home, facts)
    home.chmod(0o555)
    try:
        run = run_quizgen(
            "review",
            "--plain",
            "--home",
            home,
            "--facts",
            facts,
            stdin=b"x\n",
            prefix=unprivileged(),
        )
        one_line(
            run,
            f"quizgen: error: progress folder {home} is read-only; quizgen cannot "
            f"save your answers there: make it writable or {ELSEWHERE}",
        )
        stats = run_quizgen(
            "stats", "--json", "--home", home, "--facts", facts, prefix=unprivileged()
        )
        assert stats.returncode == 0 and stats.stderr == b"", stats.stderr
        assert b'"answered": 2' in stats.stdout
    finally:
        home.chmod(0o755)
    assert saved(home) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_another_users_progress_file(tmp_path: Path) -> None:
    home, facts = tmp_path / "home", project(tmp_path)
    before = studied(home, facts)
    os.chown(home / DB_NAME, 65534, 65534)
    run = run_quizgen(
        "quiz",
        "-n",
        "1",
        "--plain",
        "--home",
        home,
        "--facts",
        facts,
        stdin=b"1\n",
        prefix=unprivileged(),
    )
    line = one_line(run)
    assert line.startswith(
        f"quizgen: error: progress file {home / DB_NAME} belongs to another user"
    )
    assert saved(home) == before


FULL_DISK = """
mount -t tmpfs -o size=400k tmpfs "$HOME_DIR" || exit 3
"$@" quiz -n 1 --kinds typed --plain --home "$HOME_DIR" < /dev/null > /dev/null || exit 4
"$PYTHON" -c "
import os, sys

path = os.path.join(sys.argv[1], 'filler')
with open(path, 'wb', buffering=0) as filler:
    try:
        while True:
            filler.write(bytes(1024))
    except OSError:
        pass
os.truncate(path, os.path.getsize(path) - 100 * 1024)  # room for a few answers
" "$HOME_DIR"
"$PYTHON" -c "print(('x' * 3000 + '\\n') * 30, end='')" | "$@" quiz -n 30 --kinds typed \
    --plain --seed 2 --home "$HOME_DIR" > "$OUT/stdout" 2> "$OUT/stderr"
echo $? > "$OUT/status"
"$PYTHON" -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); \
print(c.execute('SELECT count(*) FROM answers').fetchone()[0])" "$HOME_DIR/progress.sqlite3" \
    > "$OUT/answers"
"""


def test_disk_full_part_way_through_a_quiz(tmp_path: Path) -> None:
    """A real full disk: a small tmpfs in a mount namespace of its own (root only)."""
    if (
        os.geteuid() != 0
        or shutil.which("unshare") is None
        or subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False).returncode
    ):
        pytest.skip("needs root and mount namespaces to fill a disk of its own")
    home, out = tmp_path / "home", tmp_path / "out"
    home.mkdir()
    out.mkdir()
    env = {
        **os.environ,
        "HOME_DIR": str(home),
        "OUT": str(out),
        "PYTHON": sys.executable,
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
    }
    subprocess.run(
        ["unshare", "-m", "sh", "-c", FULL_DISK, "sh", sys.executable, "-m", "quizgen"],
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
        cwd=ROOT,
    )
    err = (out / "stderr").read_text()
    assert (out / "status").read_text().strip() == "1", err
    assert err.splitlines() == [
        f"quizgen: error: disk full: the last answer was not saved ({home / DB_NAME}); free "
        "some space and go on: every earlier answer is kept"
    ]
    shown = (out / "stdout").read_text().count("Question ")
    kept = int((out / "answers").read_text())
    # part-way: some answers were saved, and every one shown before the failed one is kept
    assert kept >= 1 and shown == kept + 1


@pytest.mark.parametrize("card", ["{not json", "[]"])
def test_damaged_card_is_reported_with_what_to_do(tmp_path: Path, card: str) -> None:
    home, facts = tmp_path / "home", project(tmp_path)
    run = run_quizgen(
        "review",
        "--plain",
        "--kinds",
        "typed",
        "--home",
        home,
        "--facts",
        facts,
        stdin=b"Abu Kamal\n\n4 September 2019\n\n",
    )
    assert run.returncode == 0, run.stderr
    conn = sqlite3.connect(home / DB_NAME)
    conn.execute("UPDATE cards SET card = ? WHERE fact_id = 'one'", (card,))
    conn.commit()
    conn.close()
    before = saved(home)
    for command in ("review", "flashcards"):
        line = one_line(run_quizgen(command, "--plain", "--home", home, "--facts", facts))
        assert line.startswith(
            f"quizgen: error: {home / DB_NAME}: the card of fact 'one' is damaged ("
        )
        assert line.endswith(
            "delete its card: sqlite3 "
            f"'{home / DB_NAME}' \"DELETE FROM cards WHERE set_id = 'tiny' "
            "AND fact_id = 'one'\""
        )
    assert saved(home) == before


# -- standard streams --------------------------------------------------------------------
def test_closed_standard_input_ends_the_quiz_with_its_summary(tmp_path: Path) -> None:
    home, facts = tmp_path / "home", project(tmp_path)
    run = run_quizgen(
        "quiz",
        "-n",
        "2",
        "--home",
        home,
        "--facts",
        facts,
        stdin=None,
        shell="<&-",
        timeout=HANG + 5,
    )
    assert run.returncode == 0 and run.stderr == b"", run.stderr
    assert b"Input ended after 0 of 2 questions; every answer given is saved." in run.stdout


def test_closed_standard_output(tmp_path: Path) -> None:
    home, facts = tmp_path / "home", project(tmp_path)
    before = studied(home, facts)
    commands: list[list[str | Path]] = [
        ["facts", "--facts", facts],
        ["quiz", "--home", home, "--facts", facts],
    ]
    for command in commands:
        one_line(
            run_quizgen(*command, shell=">&-"),
            "quizgen: error: standard output is closed; give quizgen somewhere to write "
            "(a terminal, a file, or > /dev/null)",
        )
    assert saved(home) == before


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_output_to_a_full_device(tmp_path: Path) -> None:
    home, facts = tmp_path / "home", project(tmp_path)
    before = studied(home, facts)
    commands: list[list[str | Path]] = [
        ["facts", "--facts", facts],
        ["facts", "--json", "--facts", facts],
        ["validate", facts],
        ["stats", "--home", home, "--facts", facts],
    ]
    with open("/dev/full", "wb") as full:
        for command in commands:
            one_line(
                run_quizgen(*command, stdout=full),
                "quizgen: error: cannot write to standard output (No space left on "
                "device); what was saved before is kept",
            )
    assert saved(home) == before


@pytest.mark.parametrize(
    "command", ["questions --all", "questions --all --json", "facts", "facts --json", "stats"]
)
def test_output_to_a_closed_pipe_ends_quietly(tmp_path: Path, command: str) -> None:
    """``| head``: no error line, and exit 0 or 141 (SIGPIPE's status), as other tools."""
    run = subprocess.run(
        f'"{sys.executable}" -m quizgen {command} | head -c 10; '
        'echo "status ${PIPESTATUS[0]}" >&2',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QUIZGEN_HOME": str(tmp_path)},
    )
    lines = run.stderr.decode().splitlines()
    assert lines[-1] in ("status 0", "status 141") and lines[:-1] == [], run.stderr


def test_ascii_output_encoding() -> None:
    for command in (["facts"], ["facts", "--json"], ["questions", "-n", "3", "--seed", "1"]):
        run = run_quizgen(*command, env={"PYTHONIOENCODING": "ascii"})
        assert run.returncode == 0 and run.stderr == b"", run.stderr


def test_validate_a_device_is_refused_at_once() -> None:
    one_line(
        run_quizgen("validate", "/dev/zero", timeout=HANG),
        "/dev/zero: is a device, not a fact file; quizgen reads only regular files",
    )


# -- hangs ----------------------------------------------------------------------------
def test_a_fifo_anywhere_is_refused_at_once(tmp_path: Path) -> None:
    facts = project(tmp_path)
    pipe = tmp_path / "pipe.yaml"
    fifo(pipe)
    said = "is a named pipe (FIFO), not a {}; quizgen reads only regular files"
    one_line(run_quizgen("validate", pipe, timeout=HANG), f"{pipe}: {said.format('fact file')}")
    one_line(
        run_quizgen("facts", env={"QUIZGEN_FACTS": str(pipe)}, timeout=HANG),
        f"{pipe}: {said.format('fact file')}",
    )
    fifo(tmp_path / "decks" / "pipe.yaml")
    one_line(
        run_quizgen("validate", facts, timeout=HANG),
        f"{tmp_path / 'decks' / 'pipe.yaml'}: {said.format('deck definition')}",
    )
    home = tmp_path / "home"
    home.mkdir()
    fifo(home / DB_NAME)
    one_line(
        run_quizgen("stats", "--home", home, "--facts", facts, timeout=HANG),
        f"quizgen: error: {home / DB_NAME} {said.format('progress database')}. quizgen "
        f"has not changed it: move it aside or {ELSEWHERE}",
    )


def test_audit_quizzes_is_bounded() -> None:
    one_line(
        run_quizgen("audit", "--quizzes", "1000000000", timeout=HANG),
        "quizgen: error: --quizzes 1,000,000,000 is more than the 10,000 quizgen samples "
        "(about a minute; 700, the default, is enough for the figures)",
    )


# -- identity and wrong advice ----------------------------------------------------------
def test_fact_ids_that_look_alike_are_errors(tmp_path: Path) -> None:
    facts = project(tmp_path)
    facts.write_text(TINY.replace("  - id: two", '  - id: "one "'), encoding="utf-8")
    one_line(
        run_quizgen("validate", facts),
        f"{facts}:26:9: id: 'one ' must be lower-case letters, digits and single hyphens "
        "(it contains U+0020 (space))",
    )
    facts.write_text(TINY.replace("  - id: two", '  - id: "one\\u00a0"'), encoding="utf-8")
    assert one_line(run_quizgen("validate", facts)).endswith(
        "(it contains U+00A0 (no-break space))"
    )


def test_home_with_control_characters_makes_no_folder(tmp_path: Path) -> None:
    facts = project(tmp_path)
    for command in (["stats"], ["quiz", "--plain"]):
        one_line(
            run_quizgen(*command, "--facts", facts, env={"QUIZGEN_HOME": "\x01\x02"}, cwd=tmp_path),
            "quizgen: error: $QUIZGEN_HOME is '\\x01\\x02', which holds U+0001: give a "
            "folder's path without control characters",
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decks", "facts.yaml"]
