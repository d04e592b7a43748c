"""Plain mode through CliRunner: what scripts and screen readers see and send."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizgen import factfile
from quizgen.cli import app
from quizgen.generation.bank import generate
from quizgen.items.base import InvalidReply
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TruthItem
from quizgen.study import terminal
from quizgen.study.frontends.plain import PlainFrontend
from quizgen.study.session import EndOfInput
from tests.support.data import SMALL
from tests.support.golden import check_golden

runner = CliRunner()


def answers_in(home: Path) -> list[tuple[str, int]]:
    conn = sqlite3.connect(home / "progress.sqlite3")
    try:
        return conn.execute("SELECT question_id, correct FROM answers ORDER BY id").fetchall()
    finally:
        conn.close()


def test_golden_transcript(tmp_path: Path) -> None:
    base = factfile.load(SMALL)
    items = generate(base, n=6, seed=3)
    keys = [
        str(q.options.index(q.answer) + 1) if isinstance(q, ChoiceItem | TruthItem) else q.key()
        for q in items
    ]  # the right answer, as plain mode takes it
    keys[1] = "wrong answer"
    result = runner.invoke(
        app,
        ["quiz", "--facts", str(SMALL), "-n", "6", "--seed", "3", "--home", str(tmp_path)],
        input="\n".join(keys) + "\nn\n",
    )
    assert result.exit_code == 0, result.output
    transcript = result.stdout.replace(
        result.stdout.split("Score: ")[1].split("\n")[0], "5 of 6 (83%) in <time>"
    )
    check_golden("plain_quiz_seed3.txt", transcript)
    assert [c for _, c in answers_in(tmp_path)] == [1, 0, 1, 1, 1, 1]


def test_every_answer_format_and_re_asking() -> None:
    base = factfile.load(SMALL)
    bank = {q.kind: q for q in generate(base, seed=1)}
    mc, tf = bank["mc"], bank["tf"]
    timeline, match = bank["timeline"], bank["match"]
    assert isinstance(mc, ChoiceItem) and isinstance(timeline, OrderItem)
    assert isinstance(match, PairsItem)
    assert mc.parse("2") == mc.options[1]
    assert mc.parse(mc.options[2].upper()) == mc.options[2]
    assert tf.parse("t") == "True" and tf.parse("no") == "False"
    count = len(timeline.options)
    numbers = [2, 1, *range(3, count + 1)]
    assert timeline.parse(", ".join(map(str, numbers))) == [
        timeline.options[i - 1] for i in numbers
    ]
    assert match.parse("1b 2a 3d 4c") == [
        (match.names[0], match.statements[1]),
        (match.names[1], match.statements[0]),
        (match.names[2], match.statements[3]),
        (match.names[3], match.statements[2]),
    ]
    for question, bad in (
        (mc, "9"),
        (mc, "Atlantis"),
        (timeline, "1 1 2"),
        (match, "1a 2a"),
        (match, "1a"),
    ):
        with pytest.raises(InvalidReply):
            question.parse(bad)


def test_malformed_answer_is_explained_and_asked_again(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "quiz",
            "--facts",
            str(SMALL),
            "-n",
            "1",
            "--kinds",
            "mc",
            "--seed",
            "1",
            "--home",
            str(tmp_path),
        ],
        input="7\n1\n",
    )
    assert "'7' is not one of the options. Answer with a number from 1 to" in result.stdout
    assert len(answers_in(tmp_path)) == 1


def test_end_of_input_gives_the_summary(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["quiz", "--facts", str(SMALL), "-n", "5", "--seed", "2", "--home", str(tmp_path)],
        input="1\n",
    )
    assert result.exit_code == 0
    assert "Input ended after 1 of 5 questions; every answer given is saved." in result.stdout
    assert len(answers_in(tmp_path)) == 1


def test_json_results_on_stdout_alone(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "quiz",
            "--facts",
            str(SMALL),
            "-n",
            "2",
            "--kinds",
            "typed",
            "--seed",
            "4",
            "--json",
            "--home",
            str(tmp_path),
        ],
        input="Abu Kamal\nnothing\nn\n",
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["seed"] == "4" and len(doc["runs"]) == 1
    run = doc["runs"][0]
    assert run["answered"] == 2 and {a["kind"] for a in run["answers"]} == {"typed"}
    assert "Question 1 of 2" in result.stderr


def test_retry_offers_the_missed_questions(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "quiz",
            "--facts",
            str(SMALL),
            "-n",
            "2",
            "--kinds",
            "typed",
            "--seed",
            "4",
            "--home",
            str(tmp_path),
        ],
        input="wrong\nwrong\ny\n2006\nwrong\nn\n",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Retry the 2 missed questions? [y/N]") == 1
    assert result.stdout.count("Retry the 1 missed question? [y/N]") == 1
    assert [c for _, c in answers_in(tmp_path)] == [0, 0, 1, 0]


class _InterruptAfter(io.StringIO):
    """Standard input that delivers some lines, then behaves like Ctrl-C."""

    def __init__(self, text: str) -> None:
        super().__init__(text)

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        line = super().readline()
        if not line:
            raise KeyboardInterrupt
        return line


def test_ctrl_c_saves_summarises_and_exits_130(tmp_path: Path) -> None:
    base = factfile.load(SMALL)
    items = generate(base, ["mc"], n=4, seed=1)
    out = io.StringIO()
    moments = iter(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=i) for i in range(100))
    term = terminal.Terminal(
        _InterruptAfter("a\n2\n"), out, plain=True, clock=lambda: next(moments)
    )
    code = terminal.quiz(term, base, items, tmp_path, "1")
    assert code == 130
    assert "Stopped after 2 of 4 questions; every answer given is saved." in out.getvalue()
    assert len(answers_in(tmp_path)) == 2


def test_end_of_input_at_a_prompt_is_not_an_answer() -> None:
    base = factfile.load(SMALL)
    frontend = PlainFrontend(base, io.StringIO(""), io.StringIO())
    with pytest.raises(EndOfInput):
        frontend.ask(generate(base, ["mc"], n=1, seed=1)[0], 1, 1)


def test_figures_as_options_get_letters_so_a_typed_figure_means_itself(tmp_path: Path) -> None:
    """Options 74,100, 115,600, 142,600, 185,200: typing the true figure "74,100" is right,
    typing "142,600" is wrong, and a letter picks by position; a digit is never read as "the
    n-th option". (The small file's year, 2006, opens its record: no year fits before it,
    so it could only ever be the first option and is not offered among years at all.)"""
    asked = [
        q
        for q in generate(factfile.load(SMALL), ["mc"], n=10, seed=1)
        if isinstance(q, ChoiceItem) and q.id == "mc-population"
    ]
    (q,) = asked
    assert q.options == ("74,100", "115,600", "142,600", "185,200") and q.answer == "74,100"
    assert q.body()[1:] == ["  a) 74,100", "  b) 115,600", "  c) 142,600", "  d) 185,200"]
    assert q.hint() == "Answer with a letter from a to d, or the text."
    assert [q.parse(r) for r in ("74,100", "a", "A", "142,600", "b")] == [
        "74,100",
        "74,100",
        "74,100",
        "142,600",
        "115,600",
    ]
    with pytest.raises(InvalidReply):
        q.parse("2")  # not a figure offered, and not a label
    args = ["quiz", "--facts", str(SMALL), "-n", "10", "--kinds", "mc", "--seed", "1"]
    replies = [
        "74,100" if item.id == "mc-population" else "a" if item.options[0][0].isdigit() else "1"
        for item in generate(factfile.load(SMALL), ["mc"], n=10, seed=1)
        if isinstance(item, ChoiceItem)
    ]
    result = runner.invoke(
        app, [*args, "--plain", "--home", str(tmp_path)], input="\n".join(replies) + "\nn\n"
    )
    assert result.exit_code == 0, result.output
    assert "  a) 74,100\n" in result.stdout and "Answer with a letter from a to d" in result.stdout
    assert ("mc-population", 1) in answers_in(tmp_path)


def test_an_option_named_in_words_is_that_option(tmp_path: Path) -> None:
    """Options that are counts: "nine" (as a listener to a screen reader might type) is
    the option 9; the grading module's number reading. The small file's count is a bound
    ("at least nine"), never offered as bare numbers, so here it is a plain count."""
    from tests.support.cli import progress_rows, run_quizgen

    facts = tmp_path / "facts.yaml"
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("left at least nine fighters dead", "left nine fighters dead")
    text = text.replace("at least how many fighters", "how many fighters")
    at = text.index("  - id: deaths")
    at = text.index("tags: [number]", at)
    text = text[:at] + "tags: [number, dead]" + text[at + len("tags: [number]") :]
    facts.write_text(text, encoding="utf-8")
    base = factfile.load(facts)
    seed, q = next(
        (s, q)
        for s in range(1, 200)
        for q in generate(base, ["mc"], n=1, seed=s, facts=[base.fact("deaths")])
        if isinstance(q, ChoiceItem) and q.id == "mc-deaths"
    )
    assert "9" in q.options
    assert [q.parse(r) for r in ("nine", "Nine.")] == ["9", "9"]
    wrong = next(o for o in q.options if o != "9")
    with pytest.raises(InvalidReply):
        q.parse("one hundred and one" if wrong != "101" else "one hundred and two")
    home = tmp_path / "home"
    args: list[str | Path] = ["quiz", "--facts", facts, "-n", "1", "--kinds", "mc"]
    args += ["--tag", "dead", "--seed", str(seed), "--plain", "--home", home]
    done = run_quizgen(*args, stdin=b"nine\nn\n")
    assert b"is not one of the options" not in done.stdout, done.stdout.decode()
    rows = progress_rows(home, "SELECT question_id, response, correct FROM answers")
    assert rows == [("mc-deaths", "9", 1)]
