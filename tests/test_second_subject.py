"""quizgen knows no subject: a second fact file (the Panama Canal) through every command.

Issue 9, "Prove the generality": validate, facts, questions, quiz, review,
flashcards, stats and every export run on tests/data/panama-canal.yaml, and no
word of the shipped subject (the Imam Ali military base) appears in anything
they print or write. Two fact sets studied from one progress folder keep
separate stats.
"""

from __future__ import annotations

import calendar
import io
import json
import re
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from quizgen.cli import app
from tests.support.data import SHIPPED

FACTS = Path(__file__).resolve().parent / "data" / "panama-canal.yaml"

# Words of the shipped subject, none of which the Panama Canal file uses. A
# match at the start of a word also catches "Iranian", "Syrian", "militias".
FOREIGN = (
    "Imam Ali",
    "Abu Kamal",
    "Bukamal",
    "Syria",
    "Iran",
    "Iraq",
    "IRGC",
    "Hezbollah",
    "Kata'ib",
    "Quds",
    "Tehran",
    "Deir ez-Zor",
    "Euphrates",
    "Biden",
    "Israel",
    "SOHR",
    "Wikipedia",
    "airstrike",
    "militia",
    "governorate",
)
FOREIGN_WORDS = re.compile(
    r"(?<![a-z])(?:" + "|".join(map(re.escape, FOREIGN)) + ")", re.IGNORECASE
)

# One valid plain-mode answer for every kind, whatever the question: each
# question takes the first line it accepts (an option number or letter, any text, a
# timeline of 3, 4 or 5 events, four pairs); the lines before it are re-asked.
ANY_ANSWER = ["1", "a", "1 2 3", "1 2 3 4", "1 2 3 4 5", "1a 2b 3c 4d"]
EXPORTS = {
    "worksheet": "worksheet.html",
    "gift": "questions.gift",
    "qti": "questions-qti.zip",
    "kahoot": "kahoot.xlsx",
    "quizlet": "quizlet.txt",
    "csv": "questions.csv",
    "json": "questions.json",
}
DECKS = {
    "panama-canal.yaml": """\
name: The Panama Canal
id: 1092349744752
description: Every fact of the Panama Canal test file, by topic.
cards: [qa, cloze]
subdecks:
  - name: Building the canal
    select: {topics: [construction]}
    order: chronological
  - name: Treaties and control
    select: {topics: [sovereignty]}
    cards: [qa, reverse, cloze]
    split: year
  - name: The waterway
    select: {topics: [waterway]}
    cards: [qa, reverse]
""",
    "panama-canal-timeline.yaml": """\
name: "The Panama Canal: timeline"
id: 526710777475
description: When things happened, in order.
cards: [qa]
order: chronological
select:
  answer_kinds: [date, month, year]
""",
}

runner = CliRunner()


# -- helpers --------------------------------------------------------------------------
def foreign_words(text: str) -> list[str]:
    return FOREIGN_WORDS.findall(text)


def run(*args: str | Path, answers: list[str] | None = None, neutral: bool = True) -> Result:
    """`quizgen ARGS` must succeed and (unless run on the shipped file) print no word of it."""
    argv = [str(a) for a in args]
    stdin = None if answers is None else "\n".join(answers) + "\n"
    result = runner.invoke(app, argv, input=stdin)
    shown = "quizgen " + " ".join(argv)
    assert result.exit_code == 0, f"{shown} exited {result.exit_code}:\n{result.output}"
    assert not (neutral and foreign_words(result.output)), (
        f"{shown} printed {foreign_words(result.output)}"
    )
    return result


def texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """Every text inside a file: zips (.apkg, .zip, .xlsx) opened, SQLite dumped as SQL."""
    if data.startswith(b"SQLite format 3\x00"):
        conn = sqlite3.connect(":memory:")
        conn.deserialize(data)
        yield name, "\n".join(conn.iterdump())
        conn.close()
    elif zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from texts(f"{name}/{member}", archive.read(member))
    else:
        yield name, data.decode("utf-8", errors="replace")


def assert_neutral_files(folder: Path) -> list[Path]:
    """Every file written under ``folder`` (there is at least one) names nothing foreign."""
    written = sorted(p for p in folder.rglob("*") if p.is_file())
    assert written, f"nothing written in {folder}"
    for path in written:
        for name, text in texts(path.name, path.read_bytes()):
            assert not foreign_words(text), f"{name} contains {foreign_words(text)}"
    return written


def raw_facts() -> dict[str, Any]:
    return dict(yaml.safe_load(FACTS.read_text(encoding="utf-8")))


def as_json(result: Result) -> dict[str, Any]:
    return dict(json.loads(result.stdout))


def stats(home: Path, facts: Path) -> dict[str, Any]:
    return as_json(
        run("stats", "--json", "--home", home, "--facts", facts, neutral=facts != SHIPPED)
    )


def any_answers(count: int) -> list[str]:
    return ANY_ANSWER * count


def study(home: Path, facts: Path, seed: str) -> None:
    """A short quiz and a review of new facts, answered whatever they ask."""
    neutral = facts != SHIPPED
    run(
        "quiz",
        "--plain",
        "-n",
        "4",
        "--seed",
        seed,
        "--home",
        home,
        "--facts",
        facts,
        answers=any_answers(5),
        neutral=neutral,
    )
    run(
        "review",
        "--plain",
        "--new",
        "3",
        "--seed",
        seed,
        "--home",
        home,
        "--facts",
        facts,
        answers=any_answers(4),
        neutral=neutral,
    )


def figures(doc: dict[str, Any]) -> dict[str, Any]:
    """The parts of `stats --json` that depend only on the answers given."""
    return {k: doc[k] for k in ("answered", "correct", "by_topic", "by_kind", "facts_studied")}


def spoken(date: object, precision: str) -> str:
    """A fact's date as its statement must write it (4 May 1904, November 1906, 1889)."""
    year, month, day = [*map(int, str(date).split("-")), 0, 0][:3]
    forms = {
        "day": f"{day} {calendar.month_name[month]} {year}",
        "month": f"{calendar.month_name[month]} {year}",
        "year": str(year),
    }
    return forms[precision]


# -- the fact file itself ---------------------------------------------------------------
def test_the_fact_file_covers_every_kind_and_names_nothing_of_the_other_subject() -> None:
    text = FACTS.read_text(encoding="utf-8")
    assert not foreign_words(text)
    doc = raw_facts()
    facts = doc["facts"]
    assert doc["id"] == "panama-canal" and 18 <= len(facts) <= 30
    assert len(doc["topics"]) >= 2 and doc["answer_classes"]
    dated = [
        f for f in facts if "date" in f and spoken(f["date"], f["date_precision"]) in f["statement"]
    ]
    names = [
        f
        for f in facts
        if f["answer_kind"] in ("place", "country", "person", "organization")
        and f["answer"] in f["statement"]
    ]
    assert len(dated) >= 6 and len(names) >= 5
    assert any(f["answer_kind"] == "number" for f in facts)
    assert sum(1 for f in facts if f.get("wrong_answers")) >= 3
    classes = {c["id"] for c in doc["answer_classes"]}
    assert {f["answer_class"] for f in facts if "answer_class" in f} == classes


# -- reading and listing ------------------------------------------------------------------
def test_validate() -> None:
    assert run("validate", FACTS).stdout.startswith("OK: 25 facts (3 topics")


def test_facts_table_and_json_take_title_and_attribution_from_the_file() -> None:
    table = run("facts", "--facts", FACTS).stdout
    assert table.startswith("The Panama Canal: 25 facts")
    doc = as_json(run("facts", "--json", "--facts", FACTS))
    assert doc["title"] == "The Panama Canal" and doc["count"] == 25
    assert doc["attribution"] == raw_facts()["attribution"]


def test_questions_bank_has_every_kind() -> None:
    doc = as_json(run("questions", "--all", "--json", "--seed", "1", "--facts", FACTS))
    assert {q["kind"] for q in doc["questions"]} == {
        "mc",
        "tf",
        "typed",
        "cloze",
        "timeline",
        "match",
    }
    text = run("questions", "-n", "10", "--seed", "3", "--facts", FACTS).stdout
    assert text.count("Question ") == 10


def test_source_labels_name_each_work_by_its_title_in_the_file() -> None:
    doc = raw_facts()
    titles = {str(r["id"]): r["title"] for r in doc["references"]} | {
        a["id"]: a["title"] for a in doc["articles"]
    }
    bank = as_json(run("questions", "--all", "--json", "--seed", "1", "--facts", FACTS))
    for item in bank["questions"]:
        for source, label in zip(item["source"], item["source_labels"], strict=True):
            assert titles[str(source)] in label, f"{item['id']}: {label!r} for {source}"


def test_wrong_answers_drawn_from_other_facts_keep_to_the_declared_answer_class() -> None:
    classes = {f["id"]: f.get("answer_class") for f in raw_facts()["facts"]}
    doc = as_json(
        run("questions", "--all", "--json", "--kinds", "mc", "--seed", "1", "--facts", FACTS)
    )
    checked = 0
    for item in doc["questions"]:
        key, origins = item["fact_ids"][0], item.get("origins")
        assert origins, f"{item['id']}: no origins for its options"
        for option, origin in zip(item["options"], origins, strict=True):
            if origin.startswith("fact:"):
                checked += 1
                assert classes[origin[5:]] == classes[key], (
                    f"{option!r} ({classes[origin[5:]]}) offered for {key} ({classes[key]})"
                )
    assert checked


def test_help_names_no_subject() -> None:
    run("--help")


# -- studying ---------------------------------------------------------------------------
def test_quiz_review_flashcards_and_stats(tmp_path: Path) -> None:
    def counts() -> tuple[int, int]:
        doc = stats(tmp_path, FACTS)
        assert set(doc["by_topic"]) <= {t["id"] for t in raw_facts()["topics"]}
        return doc["answered"], doc["facts_studied"]

    quiz = run(
        "quiz",
        "--plain",
        "-n",
        "10",
        "--seed",
        "3",
        "--home",
        tmp_path,
        "--facts",
        FACTS,
        answers=any_answers(11),
    )
    assert "Question 10 of 10" in quiz.stdout and "Score: " in quiz.stdout
    quizzed, none_scheduled = counts()
    assert quizzed >= 10 and none_scheduled == 0
    run(
        "review",
        "--plain",
        "--new",
        "5",
        "--seed",
        "3",
        "--home",
        tmp_path,
        "--facts",
        FACTS,
        answers=any_answers(6),
    )
    reviewed, studied = counts()  # facts missed come back in the session, as in Anki
    assert studied == 5 and reviewed >= quizzed + 5
    # The new limit is per day: 8 today, of which review took 5. Easy graduates a card.
    run(
        "flashcards",
        "--plain",
        "--new",
        "8",
        "--home",
        tmp_path,
        "--facts",
        FACTS,
        answers=["", "4"] * 3,
    )
    assert counts() == (reviewed + 3, 8)
    run("stats", "--home", tmp_path, "--facts", FACTS)


def test_two_fact_sets_in_one_home_keep_separate_stats(tmp_path: Path) -> None:
    alone = {"shipped": tmp_path / "shipped", "canal": tmp_path / "canal"}
    shared = tmp_path / "shared"
    for home, facts in ((alone["shipped"], SHIPPED), (alone["canal"], FACTS)):
        study(home, facts, "5")
        study(shared, facts, "5")
    for name, facts in (("shipped", SHIPPED), ("canal", FACTS)):
        assert figures(stats(shared, facts)) == figures(stats(alone[name], facts)), name


def test_the_set_id_keeps_progress_apart_even_for_the_same_fact_ids(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_text(
        FACTS.read_text(encoding="utf-8").replace(
            "id: panama-canal\n", "id: panama-canal-copy\n", 1
        ),
        encoding="utf-8",
    )
    study(tmp_path / "home", FACTS, "7")
    assert stats(tmp_path / "home", FACTS)["answered"] > 0
    untouched = stats(tmp_path / "home", copy)
    assert (untouched["answered"], untouched["facts_studied"]) == (0, 0)


# -- exports ----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", sorted(EXPORTS))
def test_classroom_export(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / EXPORTS[fmt]
    result = run("export", fmt, "-o", target, "--facts", FACTS)
    assert result.stdout.startswith(f"Wrote {target}")
    assert assert_neutral_files(tmp_path / "out") == [target]


def test_anki_export(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    (folder / "decks").mkdir(parents=True)
    facts = folder / FACTS.name
    facts.write_bytes(FACTS.read_bytes())
    for name, text in DECKS.items():
        (folder / "decks" / name).write_text(text, encoding="utf-8")
    checked = run("validate", facts).stdout
    assert checked.startswith("OK: 25 facts (3 topics") and checked.endswith(", 2 decks\n")
    run("export", "anki", "-o", tmp_path / "out", "--facts", facts)
    written = assert_neutral_files(tmp_path / "out")
    assert [p.name for p in written] == ["panama-canal-timeline.apkg", "panama-canal.apkg"]
