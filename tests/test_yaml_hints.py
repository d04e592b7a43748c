"""A fact file of one's own with the usual mistakes: each reported where it was made, with
the usual fix, through ``quizgen validate``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.cli import one_line, run_quizgen
from tests.support.data import SHIPPED, TINY

pytestmark = pytest.mark.slow

STATEMENT = "    statement: The base was near Abu Kamal."


@pytest.mark.parametrize(
    "line,expected",
    [
        (
            '    statement: "The base was near Abu Kamal.',
            "20:16: YAML syntax error: the quote opened here is not closed on its line, so "
            'YAML read on to line 37 (found unexpected end of stream); end the text with "',
        ),
        (
            "    statement: 'The base was near Abu Kamal.",
            "20:16: YAML syntax error: the quote opened here is not closed on its line, so "
            "YAML read on to line 37 (found unexpected end of stream); end the text with '",
        ),
        (
            "    statement: Note: the base was near Abu Kamal.",
            "20:20: YAML syntax error: mapping values are not allowed in this context: a text "
            "that contains ': ' must be in quotes, as in statement: \"Note: the base was near "
            'Abu Kamal."',
        ),
        (
            '    statement: "The base was "near" Abu Kamal."',
            "20:31: YAML syntax error: did not find expected key: the text's quotes end before "
            'the text does; a " inside a text quoted with " is written \\"',
        ),
    ],
)
def test_yaml_syntax_errors_point_at_the_mistake_and_say_the_fix(
    tmp_path: Path, line: str, expected: str
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(TINY.replace(STATEMENT, line), encoding="utf-8")
    one_line(run_quizgen("validate", mine), f"{mine}:{expected}")


def test_an_unclosed_quote_far_above_the_error_is_named(tmp_path: Path) -> None:
    """In the shipped file, a quote left open on a topic's id makes YAML fail dozens of
    lines below, where the next quote happens to be: the report names the quote's line."""
    lines = SHIPPED.read_text(encoding="utf-8").splitlines()
    at = lines.index("  - id: groups")
    lines[at] = '  - id: "groups'
    mine = tmp_path / "facts.yaml"
    mine.write_text("\n".join(lines) + "\n", encoding="utf-8")
    line = one_line(run_quizgen("validate", mine))
    found = re.fullmatch(
        rf"{re.escape(str(mine))}:{at + 1}:9: YAML syntax error: the quote opened here is "
        r"not closed on its line, so YAML read on to line (\d+) \(did not find expected "
        r'key\); end the text with "',
        line,
    )
    assert found and int(found.group(1)) > at + 20, line


def test_an_unknown_topic_lists_the_declared_ones(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    text = SHIPPED.read_text(encoding="utf-8").replace("topic: strikes\n", "topic: strike\n", 1)
    mine.write_text(text, encoding="utf-8")
    run = run_quizgen("validate", mine)
    line = [x for x in run.stderr.decode().splitlines() if "topic: 'strike'" in x]
    assert line and line[0].endswith(
        "topic: 'strike' is not a declared topic (did you mean 'strikes'?); declared: base, "
        "conflicts, construction, events, groups, places, strikes"
    ), run.stderr
