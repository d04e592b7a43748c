"""Each results channel read from a file in its real format; bad files get one line.

Moodle's and Canvas's files are made from the columns their sources write (Moodle's
``mod/quiz/report/responses`` with its language strings; Canvas's
``Quizzes::QuizStatistics::StudentAnalysis#to_csv``); quizgen's own from its live
game's results writer. Questions are matched through the files ``quizgen export``
writes for the LMS.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quizgen import factfile
from quizgen.analysis import keys, readers
from quizgen.analysis.matching import resolve
from quizgen.analysis.records import ResultsError
from quizgen.cli import app
from quizgen.generation.bank import generate
from quizgen.live.game import PlayerAnswer
from quizgen.live.results import Results
from tests.support.data import TINY

runner = CliRunner()


@pytest.fixture
def tiny_file(tmp_path: Path) -> Path:
    """The tiny file with dates curated on both sides of its one date: a single date is
    the whole record, so without them no date fits beside the key and its multiple
    choice (the item these files answer) would not be offered in date order at all."""
    path = tmp_path / "tiny.yaml"
    curated = (
        "wrong_answers: [2 September 2019, 3 September 2019, 5 September 2019, 6 September 2019]"
    )
    text = TINY.replace("wrong_answers: [5 September 2019]", curated)
    assert text != TINY
    path.write_text(text, encoding="utf-8")
    return path


def export(tmp_path: Path, tiny_file: Path, fmt: str, name: str) -> Path:
    out = tmp_path / name
    result = runner.invoke(app, ["export", fmt, "--all", "--facts", str(tiny_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def csv_bytes(rows: list[list[str]], bom: bool = False, delimiter: str = ",") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")


# -- quizgen's live game ---------------------------------------------------------------------
def test_the_live_csv_is_read_back_from_the_games_own_writer(tmp_path: Path) -> None:
    results = Results(tmp_path, "game")
    results.add(PlayerAnswer(0, "mc-one", "mc", "p1", "Ann", "Abu Kamal", True, 950, 2.5))
    results.add(PlayerAnswer(0, "mc-one", "mc", "p2", "=cmd", "=1+1", False, 0, 7.25))
    results.close()
    read = readers.read(results.csv_path)
    assert read.channel == "live"
    first, second = read.responses
    assert (first.item, first.response, first.score, first.seconds) == (
        "mc-one",
        "Abu Kamal",
        1.0,
        2.5,
    )
    assert second.response == "=1+1" and second.score == 0.0  # the formula guard taken off
    assert first.student.endswith("#p1") and first.student != second.student


def test_the_live_json_is_read(tmp_path: Path) -> None:
    document = {
        "title": "Quiz",
        "phase": "end",
        "seconds": 20,
        "questions": [
            {
                "number": 1,
                "item_id": "tf-two",
                "kind": "tf",
                "prompt": "?",
                "answer": ["True"],
                "sources": [],
            }
        ],
        "players": [{"id": "p1", "name": "Ann", "score": 900, "rank": 1}],
        "answers": [PlayerAnswer(0, "tf-two", "tf", "p1", "Ann", "True", True, 900, 3.0).to_dict()],
    }
    path = tmp_path / "game.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    (response,) = readers.read(path).responses
    assert (response.item, response.response, response.score) == ("tf-two", "True", 1.0)


# -- a teacher's long CSV ----------------------------------------------------------------------
def test_a_long_csv_with_semicolons_and_a_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "paper.csv"
    path.write_bytes(
        csv_bytes(
            [
                ["Student", "Item", "Response", "Correct", "Seconds", "Notes"],
                ["ann", "typed-one", "Abu Kamal", "", "", ""],
                ["bob", "typed-one", "Al Qaim", "no", "12", "late"],
                ["cy", "match-x", "a = 1; b = 2", "50%", "", ""],
            ],
            bom=True,
            delimiter=";",
        )
    )
    read = readers.read(path)
    assert read.channel == "long-csv"
    assert [r.score for r in read.responses] == [None, 0.0, 0.5]
    assert read.responses[1].seconds == 12.0
    assert read.notes == ("columns left alone: Notes",)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["student", "item"], ["a", "b"]], "paper.csv:1: has no 'response' column"),
        (
            [["student", "item", "response", "correct"], ["a", "b", "c", "maybe"]],
            "paper.csv:2: correct: 'maybe' is not yes/no",
        ),
        (
            [["student", "item", "response", "seconds"], ["a", "b", "c", "-1"]],
            "paper.csv:2: seconds: '-1' is not a time",
        ),
        ([["student", "item", "response"], ["", "b", "c"]], "paper.csv:2: student: empty"),
        (
            [["student", "item", "response"], ["a", "b"]],
            "paper.csv:2: has 2 cells where the header",
        ),
    ],
)
def test_a_bad_long_csv_gets_one_line(tmp_path: Path, rows: list[list[str]], message: str) -> None:
    path = tmp_path / "paper.csv"
    path.write_bytes(csv_bytes(rows))
    with pytest.raises(ResultsError) as caught:
        readers.read(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


# -- Moodle ------------------------------------------------------------------------------------
MOODLE_HEAD = [
    "Last name",
    "First name",
    "Email address",
    "State",
    "Started on",
    "Completed",
    "Time taken",
    "Grade/2.00",
]


def moodle_rows(items: dict[str, keys.ExportedItem]) -> list[list[str]]:
    mc = next(i for i in items.values() if i.shape == "choice")
    text = next(i for i in items.values() if i.shape == "text")
    summary = f"{mc.prompt}: " + "; ".join(reversed(mc.options))  # the order a student saw
    wrong = next(o for o in mc.options if o not in mc.accepted)
    head = [
        *MOODLE_HEAD,
        "Question 1",
        "Response 1",
        "Right answer 1",
        "Question 2",
        "Response 2",
        "Right answer 2",
    ]
    return [
        head,
        [
            "One",
            "Ann",
            "ann@example.org",
            "Finished",
            "5 January 2026  10:02 AM",
            "5 January 2026  10:09 AM",
            "7 mins 1 sec",
            "2.00",
            summary,
            mc.accepted[0],
            mc.accepted[0],
            text.prompt,
            text.accepted[0],
            text.accepted[0],
        ],
        [
            "Two",
            "Bob",
            "bob@example.org",
            "Finished",
            "5 January 2026  10:03 AM",
            "5 January 2026  10:12 AM",
            "9 mins",
            "0.00",
            summary,
            wrong,
            mc.accepted[0],
            text.prompt,
            "-",
            text.accepted[0],
        ],
        [
            "Two",
            "Bob",
            "bob@example.org",
            "Finished",
            "6 January 2026  10:03 AM",
            "6 January 2026  10:12 AM",
            "9 mins",
            "2.00",
            summary,
            mc.accepted[0],
            mc.accepted[0],
            text.prompt,
            text.accepted[0],
            text.accepted[0],
        ],
        [
            "Three",
            "Cy",
            "cy@example.org",
            "In progress",
            "5 January 2026  10:03 AM",
            "-",
            "-",
            "-",
            summary,
            "-",
            mc.accepted[0],
            text.prompt,
            "-",
            text.accepted[0],
        ],
    ]


@pytest.mark.parametrize("questions", ["questions.gift", "questions.xml"])
@pytest.mark.parametrize("download", ["csv", "xlsx", "json"])
def test_moodles_responses_report_is_matched_to_the_exported_items(
    tmp_path: Path, tiny_file: Path, questions: str, download: str
) -> None:
    fmt = "gift" if questions.endswith(".gift") else "moodle-xml"
    exported = keys.read(export(tmp_path, tiny_file, fmt, questions))
    rows = moodle_rows({i.id: i for i in exported})
    path = tmp_path / f"responses.{download}"
    if download == "csv":
        path.write_bytes(csv_bytes(rows, bom=True))
    elif download == "xlsx":
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)  # type: ignore[union-attr]
        book.save(path)
    else:
        path.write_text(
            json.dumps([[dict(zip(rows[0], r, strict=True)) for r in rows[1:]]]), encoding="utf-8"
        )
    read = readers.read(path)
    assert read.channel == "moodle"
    assert read.notes == (
        "1 attempt(s) not finished were left out",
        "1 later attempt(s) by the same students were left out (each student's first counts)",
    )
    resolved = resolve(read, exported)
    mc = next(i for i in exported if i.shape == "choice")
    text = next(i for i in exported if i.shape == "text")
    got = [(r.student.split("#")[1], r.item, r.response) for r in resolved.responses]
    wrong = next(o for o in mc.options if o not in mc.accepted)
    assert got == [
        ("ann@example.org", mc.id, mc.accepted[0]),
        ("ann@example.org", text.id, text.accepted[0]),
        ("bob@example.org", mc.id, wrong),
        ("bob@example.org", text.id, ""),
    ]
    assert all(r.score is None for r in resolved.responses)  # graded against the bank


def test_a_moodle_report_without_question_text_says_which_box_to_tick(tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    path.write_bytes(
        csv_bytes(
            [
                [*MOODLE_HEAD, "Response 1"],
                ["One", "Ann", "a@b.c", "Finished", "", "", "", "1", "x"],
            ],
            bom=True,
        )
    )
    with pytest.raises(ResultsError, match="tick 'Question text'"):
        readers.read(path)


def test_moodles_json_rows_without_column_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "responses.json"
    path.write_text(json.dumps([[["One", "Ann", "Finished"]]]), encoding="utf-8")
    with pytest.raises(ResultsError, match="download the report as CSV or Excel"):
        readers.read(path)


# -- Canvas ------------------------------------------------------------------------------------
def test_canvas_student_analysis_is_matched_to_the_exported_qti(
    tmp_path: Path, tiny_file: Path
) -> None:
    exported = keys.read(export(tmp_path, tiny_file, "qti", "questions.zip"))
    # the multiple choice shares its prompt with a typed item after it: taken in file order
    tf = next(i for i in exported if i.shape == "choice")
    assert [i.shape for i in exported if i.prompt == tf.prompt] == ["choice", "text"]
    text = next(i for i in exported if i.shape == "text")
    assert tf.fact_ids == ("two",) and text.fact_ids == ("one",)  # QTI carries the fact ids
    bank = {q.id for q in generate(factfile.load(tiny_file))}
    assert {i.id for i in exported} <= bank  # and the item ids, as the bank makes them
    head = [
        "name",
        "id",
        "sis_id",
        "section",
        "section_id",
        "section_sis_id",
        "submitted",
        "attempt",
        f"4101: {tf.prompt}",
        "1.0",
        f"4102: {text.prompt}",
        "2.0",
        "n correct",
        "n incorrect",
        "score",
    ]
    path = tmp_path / "Quiz Student Analysis Report.csv"
    path.write_bytes(
        csv_bytes(
            [
                head,
                [
                    "Ann One",
                    "17",
                    "S17",
                    "Period 2",
                    "5",
                    "P2",
                    "2026-01-05 10:09:00 UTC",
                    "2",
                    tf.options[1],
                    "0.0",
                    text.accepted[0],
                    "2.0",
                    "1",
                    "1",
                    "2.0",
                ],
                [
                    "Ann One",
                    "17",
                    "S17",
                    "Period 2",
                    "5",
                    "P2",
                    "2026-01-05 10:02:00 UTC",
                    "1",
                    tf.accepted[0],
                    "1.0",
                    "Al Qaim",
                    "0.0",
                    "1",
                    "1",
                    "1.0",
                ],
                [
                    "Bob Two",
                    "18",
                    "",
                    "Period 2",
                    "5",
                    "P2",
                    "2026-01-05 10:04:00 UTC",
                    "1",
                    tf.accepted[0],
                    "1",
                    text.accepted[0],
                    "1.0",
                    "2",
                    "0",
                    "2.0",
                ],
            ]
        )
    )
    read = readers.read(path)
    assert read.channel == "canvas"
    assert read.notes == ("1 later attempt(s) by the same students were left out",)
    resolved = resolve(read, exported)
    got = [(r.student.split("#")[1], r.item, r.response, r.score) for r in resolved.responses]
    assert got == [
        ("17", tf.id, tf.accepted[0], 1.0),
        ("17", text.id, "Al Qaim", 0.0),
        ("18", tf.id, tf.accepted[0], 1.0),
        ("18", text.id, text.accepted[0], 0.5),
    ]


def test_a_canvas_report_with_a_broken_question_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "canvas.csv"
    path.write_bytes(
        csv_bytes(
            [
                [
                    "name",
                    "id",
                    "section",
                    "section_id",
                    "submitted",
                    "What?",
                    "1.0",
                    "n correct",
                    "n incorrect",
                    "score",
                ],
                ["A", "1", "S", "5", "x", "a", "1", "1", "0", "1"],
            ]
        )
    )
    with pytest.raises(ResultsError, match=r"column 6: 'What\?' and '1\.0' are not a question"):
        readers.read(path)


# -- questions nobody wrote, damaged files ----------------------------------------------------
def test_a_question_not_from_quizgen_is_left_out_with_a_note(
    tmp_path: Path, tiny_file: Path
) -> None:
    exported = keys.read(export(tmp_path, tiny_file, "gift", "q.gift"))
    rows = moodle_rows({i.id: i for i in exported})
    rows[0] += ["Question 3", "Response 3"]
    for row in rows[1:]:
        row += ["What is your name?", "Ann"]
    path = tmp_path / "responses.csv"
    path.write_bytes(csv_bytes(rows, bom=True))
    resolved = resolve(readers.read(path), exported)
    assert resolved.notes[-1] == "1 question(s) not from quizgen were left out: Response 3"
    with pytest.raises(ResultsError, match="none of its questions is in the questions file"):
        resolve(readers.read(path), [keys.ExportedItem("x", "text", "Something else")])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"\xff\xfe\x00a\x00b", "is not UTF-8 text"),
        (b"name,age\nann,3\n", "is not a results file quizgen knows"),
        (b'{"answers": [}', "is not valid JSON"),
        (b'{"hello": 1}', "is JSON quizgen does not know"),
        (b"PK\x03\x04broken", "is not a readable Excel workbook"),
        (b'student,item,response\n"a,b,c\n', "is not a readable CSV file"),
        (b'{"answers": [{"item_id": "x"}], "players": []}', "answers[0]: no 'question'"),
    ],
)
def test_unknown_or_damaged_files_get_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "results.dat"
    path.write_bytes(data)
    with pytest.raises(ResultsError) as caught:
        readers.read(path)
    text = str(caught.value)
    assert text.startswith(str(path)) and message in text and "\n" not in text


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ResultsError, match="not found"):
        readers.read(tmp_path / "nope.csv")
    with pytest.raises(ResultsError, match="is a directory, not a results file"):
        readers.read(tmp_path)


@pytest.mark.parametrize(
    "data",
    [
        b"<quiz><question type='essay'/></quiz>",
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><quiz/>",
        b"::broken title {=x}",
        b"hello",
        b"PK\x03\x04xx",
    ],
)
def test_a_questions_file_quizgen_did_not_write_is_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "questions"
    path.write_bytes(data)
    with pytest.raises(ResultsError) as caught:
        keys.read(path)
    assert "\n" not in str(caught.value)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(str.encode))
def test_any_bytes_give_responses_or_one_clear_line(data: bytes) -> None:
    try:
        readers.parse("fuzz.csv", data)
    except ResultsError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("fuzz.csv")
