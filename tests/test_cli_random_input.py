"""Issue 12: the study and export commands given random bytes on standard input and random
option values end in quizgen's own answer: success, one error line, or a usage error;
never a traceback. CliRunner with ``catch_exceptions=False`` lets any exception through
to fail the test."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quizgen import items
from quizgen.cli import app
from tests.support.data import SMALL

runner = CliRunner()
HOME = Path(tempfile.mkdtemp(prefix="quizgen-fuzz-"))
KINDS = [*items.names(), "mc,typed", "TF", "", "x", "mc,,"]
TOPICS = ["base", "events", "bse", "", "ß\u202e", "\x1b[2J"]
FORMATS = ["gift", "qti", "kahoot", "quizlet", "csv", "json", "worksheet"]

text = st.text(max_size=12)
# Mostly values a session runs with, sometimes ones typer or quizgen must refuse.
number = st.one_of(
    st.integers(1, 8),
    st.integers(0, 3),
    st.integers(-3, 60),
    st.sampled_from(["x", "", "1e3", str(2**70)]),
)


def option(name: str, values: st.SearchStrategy[object]) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), st.just([]), values.map(lambda v: [name, str(v)]))


common = st.tuples(
    option("--topic", st.one_of(st.sampled_from(TOPICS), text)),
    option("--tag", st.one_of(st.just("place"), text)),
    option("--seed", st.one_of(st.integers(), text)),
)


@st.composite
def command(draw: st.DrawFn) -> list[str]:
    name = draw(st.sampled_from(["quiz", "review", "flashcards", "stats", "export"]))
    args = [name]
    if name == "export":
        fmt = draw(st.sampled_from(FORMATS))
        args += [
            fmt,
            "-o",
            str(HOME / f"out-{fmt}"),
            *draw(option("-n", number)),
            *draw(option("--kinds", st.one_of(st.sampled_from(KINDS), text))),
        ]
    elif name == "stats":
        args += draw(st.sampled_from([[], ["--json"]]))
    else:
        args += ["--plain", *draw(option("--new", number)), *draw(option("--limit", number))]
        if name == "quiz":
            args = [name, "--plain", *draw(option("-n", number))]
        if name != "flashcards":
            args += draw(option("--kinds", st.one_of(st.sampled_from(KINDS), text)))
    if name != "stats":
        for extra in draw(common):
            args += extra
    if name != "export":
        args += ["--home", str(HOME)]
    return [*args, "--facts", str(SMALL)]


@pytest.mark.slow
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(argv=command(), stdin=st.binary(max_size=400))
@example(
    argv=["flashcards", "--plain", "--tag", "\n", "--home", str(HOME), "--facts", str(SMALL)],
    stdin=b"",
)  # a message quoting it took two lines
@example(
    argv=[
        "quiz",
        "--plain",
        "-n",
        "2",
        "--kinds",
        "typed",
        "--home",
        str(HOME),
        "--facts",
        str(SMALL),
    ],
    stdin=b"Caf\xe9\n\xff\xfe\n",
)
def test_random_input_ends_in_quizgens_own_answer(argv: list[str], stdin: bytes) -> None:
    result = runner.invoke(app, argv, input=stdin, catch_exceptions=False)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.exit_code in (0, 1, 2, 130), (argv, result.exit_code, output)
    if result.exit_code == 1:
        lines = result.stderr.splitlines()
        assert lines and all(
            line.startswith(("quizgen: error: ", str(SMALL))) or line.endswith("problems found.")
            for line in lines
        ), output
    if result.exit_code == 2:  # a usage error: typer's own check of an option's value
        assert "Usage:" in output or "Error" in output, output
