"""``quizgen analyse`` and ``quizgen audit --results`` as a teacher runs them, every channel.

The class is the README's: a unit whose copy has a key and a wrong answer swapped,
and the results of a live game its class played (simulated from a 2PL model, the
students who know the fact giving the source's answer). Each other channel gets a
file in its real format: a live game's JSON, a teacher's long CSV (graded by the
file, and graded by the bank), Moodle's responses report and Canvas's student
analysis matched through the questions files quizgen exported, and learners'
progress folders.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quizgen import factfile
from quizgen.cli import app
from quizgen.generation.bank import generate
from quizgen.generation.selection import Which, questions
from tests.support.cli import one_line, run_quizgen
from tests.support.data import SMALL
from tests.support.simulated import (
    README,
    UNIT,
    UNIT_GAME_SEED,
    UNIT_TRUTH,
    live_game_rows,
    readme_class_game,
)

runner = CliRunner()
GAME = README / "unit" / "class-game.csv"
SWAPPED = "mc-base-near-abu-kamal"


def analyse(*args: str | Path) -> Any:
    """``quizgen analyse ARGS --json``, its document parsed."""
    result = runner.invoke(app, ["analyse", *map(str, args), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def items_of(document: Any) -> dict[str, Any]:
    return {i["item"]: i for i in document["items"]}


def codes(item: Any) -> set[str]:
    return {f["code"] for f in item["flags"]}


def test_the_readme_game_is_the_simulation() -> None:
    """The committed results are what the simulation makes, so the README shows real output."""
    assert GAME.read_bytes() == readme_class_game()


@pytest.mark.parametrize("seed", [UNIT_GAME_SEED, None])
def test_the_swapped_key_is_flagged_and_points_at_its_line(seed: str | None) -> None:
    document = analyse(GAME, "--facts", UNIT, *(["--seed", seed] if seed else []))
    by = items_of(document)
    assert {i for i, item in by.items() if item["flags"]} == {SWAPPED}
    assert {"key-error", "negative-discrimination"} <= codes(by[SWAPPED])
    assert by[SWAPPED]["fact_ids"] == ["base-near-abu-kamal"]
    assert by[SWAPPED]["kind"] == "mc"
    fact = next(f for f in document["facts"] if f["fact"] == "base-near-abu-kamal")
    line = factfile.load(UNIT).fact("base-near-abu-kamal").line
    assert fact["where"] == f"{UNIT}:{line}"
    options = {o["option"]: o for o in by[SWAPPED]["options"]}
    assert options["Al-Mayadin"]["key"] and not options["Abu Kamal"]["key"]
    assert options["Abu Kamal"]["upper"] > options["Al-Mayadin"]["upper"]
    assert document["test"]["students"] == 30 and document["test"]["items"] == 9


def test_the_terminal_summary_names_the_fact_and_says_why() -> None:
    result = runner.invoke(
        app, ["analyse", str(GAME), "--facts", str(UNIT), "--seed", UNIT_GAME_SEED]
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Item analysis: 30 students, 9 items · mean score ")
    assert "KR-20 reliability 0." in out
    assert f"Read {GAME}: live game, 270 replies from 30 students" in out
    row = next(line for line in out.splitlines() if line.startswith(SWAPPED))
    assert row.endswith("too hard, negative discr., key?")
    assert f"fact 'base-near-abu-kamal' ({UNIT}:" in out
    assert "the top group chose 'Abu Kamal'" in out and "the key 'Al-Mayadin'" in out
    assert "Flags need at least 20 replies to an item" in out


def test_audit_results_fails_naming_the_fact_and_passes_once_fixed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["audit", "--results", str(GAME), "--facts", str(UNIT)])
    assert result.exit_code == 1, result.output
    line = factfile.load(UNIT).fact("base-near-abu-kamal").line
    failed = [x for x in result.stdout.splitlines() if x.startswith(f"{UNIT}:{line}: ")]
    assert len(failed) == 1
    assert (
        "fact 'base-near-abu-kamal' (item mc-base-near-abu-kamal): possible key error"
        in (failed[0])
    )
    assert "negative discrimination" in failed[0]
    assert result.stdout.endswith("1 item failed: the bank may be wrong there.\n")
    # The class again, on the corrected unit: nothing for the audit to fail on.
    fixed = tmp_path / "facts.yaml"
    fixed.write_text(
        UNIT.read_text(encoding="utf-8")
        .replace("answer: Al-Mayadin", "answer: Abu Kamal")
        .replace("[Abu Kamal, ", "[Al-Mayadin, ")
        .replace("town of Al-Mayadin", "town of Abu Kamal"),
        encoding="utf-8",
    )
    made = questions(Which(fixed), kinds="mc,tf,typed", n=9, seed=UNIT_GAME_SEED)
    game = tmp_path / "again.csv"
    write_csv(game, live_game_rows(made.base, made.items, seed=22, truth=UNIT_TRUTH))
    again = runner.invoke(app, ["audit", "--results", str(game), "--facts", str(fixed)])
    assert again.exit_code == 0, again.output
    assert "No item is flagged as a possible key error" in again.stdout


def write_csv(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8", newline="")


def test_a_live_games_json_is_analysed_like_its_csv(tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(GAME.read_text(encoding="utf-8"))))
    head, body = rows[0], rows[1:]
    answers = []
    for row in body:
        cells = dict(zip(head, row, strict=True))
        answers.append(
            {"question": int(cells["question"]), "item_id": cells["item_id"],
             "kind": cells["kind"], "player_id": cells["player_id"], "player": cells["player"],
             "response": cells["response"], "correct": cells["correct"] == "yes",
             "points": int(cells["points"]), "seconds": float(cells["seconds"])}
        )  # fmt: skip
    players = sorted({(a["player_id"], a["player"]) for a in answers})
    document = {"title": "Unit 3", "phase": "end", "seconds": 20, "questions": [],
                "players": [{"id": p, "name": n, "score": 0, "place": 1} for p, n in players],
                "answers": answers}  # fmt: skip
    path = tmp_path / "live-20261125-101500.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    from_json = analyse(path, "--facts", UNIT, "--seed", UNIT_GAME_SEED)
    from_csv = analyse(GAME, "--facts", UNIT, "--seed", UNIT_GAME_SEED)
    for document in (from_json, from_csv):
        document.pop("sources")
    assert from_json == from_csv


def test_a_teachers_long_csv_is_graded_by_the_bank_where_it_has_no_marks(
    tmp_path: Path,
) -> None:
    """Typed replies from paper, graded as a quiz grades them (a forgiven typo is right)."""
    base = factfile.load(SMALL)
    typed = {q.id: q for q in generate(base, kinds=["typed"])}
    rows = [["Student", "Item", "Response", "Seconds"]]
    for j in range(24):
        rows.append([f"s{j}", "typed-town", "Abu Kamall" if j % 3 else "Mayadin", "12"])
        rows.append([f"s{j}", "typed-capital", "Erbil" if j % 4 else "", ""])
    path = tmp_path / "paper.csv"
    write_csv(path, rows)
    by = items_of(analyse(path, "--facts", SMALL))
    assert {"typed-town", "typed-capital"} <= set(typed)
    assert by["typed-town"]["facility"] == pytest.approx(16 / 24, abs=1e-4)
    assert by["typed-capital"]["facility"] == pytest.approx(18 / 24, abs=1e-4)
    assert (
        by["typed-town"]["median_seconds"] == 12 and by["typed-capital"]["median_seconds"] is None
    )
    assert by["typed-town"]["fact_ids"] == ["town"]


def test_a_long_csv_with_marks_needs_no_bank_item(tmp_path: Path) -> None:
    rows = [["student", "item", "response", "correct"]]
    rows += [[f"s{j}", "q1", "x", "yes" if j % 2 else "no"] for j in range(30)]
    rows += [[f"s{j}", "q2", "y", "1" if j % 3 else "0"] for j in range(30)]
    path = tmp_path / "marks.csv"
    write_csv(path, rows)
    by = items_of(analyse(path, "--facts", SMALL))
    assert by["q1"]["facility"] == 0.5 and by["q1"]["fact_ids"] == []


@pytest.mark.slow  # a process of its own, as a user runs it
@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["student", "item", "response"], ["a", "no-such-item", "x"]],
         "paper.csv:2: item: 'no-such-item' is not a question of"),
        ([["student", "item", "response"], ["a", "mc-town", "2"]],
         "paper.csv:2: response: '2' gives options by number, and that depends on the seed"),
        ([["student", "item", "response"], ["a", "tf-town", "True"]],
         "paper.csv:2: response: 'True' judges a statement, and that depends on the seed"),
    ],
)  # fmt: skip
def test_a_reply_that_cannot_be_graded_is_one_line(
    tmp_path: Path, rows: list[list[str]], message: str
) -> None:
    path = tmp_path / "paper.csv"
    write_csv(path, rows)
    run = run_quizgen("analyse", path, "--facts", SMALL)
    assert message in one_line(run)


def test_learners_progress_folders_are_a_class(tmp_path: Path) -> None:
    """Each --home is a student: their first answer to each item counts."""
    made = questions(Which(SMALL), kinds="typed", n=2, seed="3")
    first, second = (str(getattr(q, "answer", "")) for q in made.items)
    homes = []
    for j in range(4):
        home = tmp_path / f"home-{j}"
        answers = f"{first if j else 'Mayadin'}\n{second}\n"
        result = runner.invoke(
            app,
            ["quiz", "-n", "2", "--plain", "--kinds", "typed", "--seed", "3", "--home",
             str(home), "--facts", str(SMALL)],
            input=answers + "n\n",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        homes += ["--home", str(home)]
    document = analyse(*homes, "--facts", SMALL)
    assert document["test"]["students"] == 4
    by = items_of(document)
    one, two = (by[q.id] for q in made.items)
    assert (one["n"], one["facility"], two["facility"]) == (4, 0.75, 1.0)
    assert one["fact_ids"] == list(made.items[0].fact_ids)
    assert one["flags_withheld"] is True and one["flags"] == []  # 4 replies: no flag
    sources = document["sources"]
    assert all(s.endswith("progress store, 2 replies from 1 student") for s in sources)


@pytest.mark.slow  # a process of its own, as a user runs it
def test_a_home_without_progress_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    run = run_quizgen("analyse", "--home", tmp_path / "empty", "--facts", SMALL)
    assert "empty: holds no progress file" in one_line(run)
    run = run_quizgen("analyse", "--home", tmp_path / "missing", "--facts", SMALL)
    assert "missing: no such folder" in one_line(run)


@pytest.mark.slow  # a process of its own, as a user runs it
def test_nothing_to_analyse_is_one_line() -> None:
    run = run_quizgen("analyse", "--facts", SMALL)
    assert "give a results file or a learner's --home" in one_line(run)


@pytest.mark.slow  # a process of its own, as a user runs it
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"name,score\nAnn,3\n", "is not a results file quizgen knows"),
        (b'{"answers": 3, "players": []}', "answers: not a list"),
        (b"\xff\xfe\x00garbage", "is not UTF-8 text"),
        (b"PK\x03\x04broken zip", "is not a readable Excel workbook"),
    ],
)
def test_unknown_or_damaged_results_are_one_line_through_the_cli(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "results.csv"
    path.write_bytes(data)
    commands: list[list[str | Path]] = [["analyse", path], ["audit", "--results", path]]
    for command in commands:
        assert message in one_line(run_quizgen(*command, "--facts", SMALL))


def test_the_html_report_is_written_with_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["analyse", str(GAME), "--facts", str(UNIT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {out}\nItem analysis: 30 students")
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "mc-base-near-abu-kamal" in page
    again = tmp_path / "again.html"
    runner.invoke(app, ["analyse", str(GAME), "--facts", str(UNIT), "-o", str(again)])
    assert again.read_bytes() == out.read_bytes()  # the same results, the same bytes


def export(tmp_path: Path, fmt: str, name: str, *extra: str) -> Path:
    out = tmp_path / name
    args = ["export", fmt, "--facts", str(SMALL), "-n", "4", "--seed", "5", "-o", str(out)]
    result = runner.invoke(app, [*args, *extra])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.slow  # a process of its own, as a user runs it
def test_moodles_responses_report_is_analysed_through_its_questions_file(
    tmp_path: Path,
) -> None:
    """Moodle's download (its columns, a BOM, '-' for no response, an unfinished attempt),
    tied to items by the Moodle XML quizgen exported, graded by the bank."""
    from quizgen.analysis import keys

    exported = keys.read(export(tmp_path, "moodle-xml", "q.xml", "--kinds", "mc,tf,typed"))
    assert {e.shape for e in exported} == {"choice", "truth", "text"}
    head = ["Last name", "First name", "Email address", "State", "Started on", "Completed",
            "Time taken", f"Grade/{len(exported)}.00"]  # fmt: skip
    for n in range(1, len(exported) + 1):
        head += [f"Question {n}", f"Response {n}", f"Right answer {n}"]
    rows = [head]
    for j in range(25):
        state = "Finished" if j < 24 else "In progress"
        row = [f"Student{j}", "A", f"s{j}@example.org", state, "5 January 2026  10:02 AM",
               "5 January 2026  10:09 AM", "7 mins", "2.00"]  # fmt: skip
        for i, item in enumerate(exported):
            shown = f"{item.prompt}: " + "; ".join(item.options) if item.options else item.prompt
            right = item.accepted[0]
            wrong = next((o for o in item.options if o not in item.accepted), "no idea")
            reply = right if (j + i) % 4 else (wrong if j % 2 else "-")
            row += [shown, reply, right]
        rows.append(row)
    path = tmp_path / "Responses.csv"
    text = "".join(f"{line}\r\n" for line in csv_lines(rows))
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # Moodle's CSV: a BOM, CRLF
    refused = run_quizgen("analyse", path, "--facts", SMALL)
    assert "give the questions file quizgen exported for this quiz" in one_line(refused)
    document = analyse(path, "--questions", tmp_path / "q.xml", "--facts", SMALL)
    assert document["test"]["students"] == 24
    assert "1 attempt(s) not finished were left out" in document["notes"]
    by = items_of(document)
    assert set(by) == {e.id for e in exported}
    for i, e in enumerate(exported):
        marked = sum(1 for j in range(24) if (j + i) % 4)
        assert by[e.id]["facility"] == pytest.approx(marked / 24, abs=1e-4), e.id


def csv_lines(rows: list[list[str]]) -> list[str]:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().splitlines()


def test_canvas_student_analysis_is_analysed_through_the_qti(tmp_path: Path) -> None:
    """Canvas's columns (id: text, then points; n correct, n incorrect, score), partial
    credit as its points give it, tied to items by the QTI's quizgen_item_id."""
    from quizgen.analysis import keys

    exported = keys.read(export(tmp_path, "qti", "q.zip", "--kinds", "mc,typed"))
    head = ["name", "id", "sis_id", "section", "section_id", "section_sis_id", "submitted",
            "attempt"]  # fmt: skip
    for n, item in enumerate(exported):
        head += [f"{4100 + n}: {item.prompt}", "1.0"]
    head += ["n correct", "n incorrect", "score"]
    rows = [head]
    for j in range(22):
        row = [f"Student {j}", str(100 + j), "", "P2", "5", "", "2026-01-05 10:09:00 UTC", "1"]
        got = 0
        for i, item in enumerate(exported):
            ok = (j * 3 + i) % 5 != 0
            got += ok
            row += [item.accepted[0] if ok else "nope", "1.0" if ok else "0.0"]
        row += [str(got), str(len(exported) - got), str(float(got))]
        rows.append(row)
    path = tmp_path / "Quiz Student Analysis Report.csv"
    write_csv(path, rows)
    document = analyse(path, "--questions", tmp_path / "q.zip", "--facts", SMALL)
    by = items_of(document)
    assert set(by) == {e.id for e in exported}
    for i, e in enumerate(exported):
        assert by[e.id]["n"] == 22
        right = sum(1 for j in range(22) if (j * 3 + i) % 5 != 0)
        assert by[e.id]["facility"] == pytest.approx(right / 22, abs=1e-4)
        assert by[e.id]["fact_ids"] == list(e.fact_ids)


REPLIES = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["2", "True", "Abu Kamal", "<b>x</b>", "=1+1", "", " 3 1 2 ", "1b 2a"]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["ann", "bob", "cy", "dee"]),
            st.sampled_from(["typed-town", "mc-town", "tf-capital", "cloze-town", "nope"]),
            REPLIES,
            st.sampled_from(["", "yes", "no", "0.5", "maybe"]),
        ),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([None, "3"]),
)
def test_any_long_csv_gives_a_report_or_one_line(
    rows: list[tuple[str, str, str, str]], seed: str | None
) -> None:
    """Whatever a teacher types, the analysis is made or refused with a ResultsError."""
    from quizgen.analysis.classroom import ClassRequest, gather
    from quizgen.analysis.records import ResultsError

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "typed.csv"
        write_csv(path, [["student", "item", "response", "correct"], *map(list, rows)])
        try:
            report = gather(ClassRequest((path,), seed=seed), factfile.load(SMALL))
        except ResultsError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(str(path))
            return
    assert report.analysis.test.students >= 1
    json.dumps(report.to_dict())
