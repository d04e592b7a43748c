"""Every mistake a person can make in a fact file, with its exact message and position."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.errors import FactFileError
from tests.support.data import TINY, edit, problems


def test_tiny_file_loads(pure: bool) -> None:
    base = factfile.loads(TINY, "tiny.yaml", pure=pure)
    assert [f.id for f in base.facts] == ["one", "two"]
    two = base.fact("two")
    assert two.date is not None and two.date.iso() == "2019-09-04"
    assert two.wrong_answers == ("5 September 2019",)
    assert two.source == (1,)
    assert base.fact("one").line == 18


CASES = {
    "missing required field": (
        edit(22, None),
        ["tiny.yaml:18:5: answer: required field is missing"],
    ),
    "empty string": (
        edit(22, '    answer: ""'),
        ["tiny.yaml:22:13: answer: must not be empty"],
    ),
    "empty value": (
        edit(22, "    answer:"),
        ["tiny.yaml:22:12: answer: must not be empty"],
    ),
    "unknown key with a typo": (
        edit(20, "    statment: The base was near Abu Kamal."),
        [
            "tiny.yaml:18:5: statement: required field is missing",
            "tiny.yaml:20:5: statment: unknown field (did you mean 'statement'?)",
        ],
    ),
    "unknown key, nothing close": (
        edit(23, "    answer_kind: place\n    colour: blue"),
        [
            "tiny.yaml:24:5: colour: unknown field; expected one of: id, topic, statement, "
            "question, answer, answer_kind, answer_class, entity, aliases, date, "
            "date_precision, tags, source, wrong_answers, explanation, revision, worded",
        ],
    ),
    "wrong type: string for list": (
        edit(24, "    tags: location"),
        ["tiny.yaml:24:11: tags: expected a list, got a string"],
    ),
    "wrong type: list for string": (
        edit(21, "    question: [a, b]"),
        ["tiny.yaml:21:15: question: expected a string, got a list"],
    ),
    "wrong type: fact is not a mapping": (
        "\n".join(TINY.splitlines()[:25]) + "\n  - two\n",
        ["tiny.yaml:26:5: facts: expected a mapping of fields, got a string"],
    ),
    "duplicate fact ids": (
        edit(26, "  - id: one"),
        ["tiny.yaml:26:9: id: duplicate fact id 'one' (first used at line 18)"],
    ),
    "duplicate key in one mapping": (
        edit(22, "    answer: Abu Kamal\n    answer: Husaybah"),
        [
            "tiny.yaml:23:5: answer: duplicate key (first given at line 22, column 5); "
            "only one value is allowed",
        ],
    ),
    "impossible date": (
        edit(32, "    date: 2019-02-30"),
        ["tiny.yaml:32:11: date: '2019-02-30' is not a valid date: February 2019 has no day 30"],
    ),
    "invalid month": (
        edit(32, "    date: 2019-13-04"),
        ["tiny.yaml:32:11: date: '2019-13-04' is not a valid date: there is no month 13"],
    ),
    "date in the wrong format": (
        edit(32, "    date: 4 Sept 2019"),
        [
            "tiny.yaml:32:11: date: '4 Sept 2019' is not a valid date: "
            "write it as YYYY-MM-DD, YYYY-MM or YYYY",
        ],
    ),
    "precision does not match the date": (
        edit(33, "    date_precision: month"),
        [
            "tiny.yaml:33:21: date_precision: 'month' does not match date 2019-09-04, "
            "which has day precision",
        ],
    ),
    "precision misspelt": (
        edit(33, "    date_precision: days"),
        [
            "tiny.yaml:33:21: date_precision: 'days' is not one of: day, month, year "
            "(did you mean 'day'?)"
        ],
    ),
    "date without precision": (
        edit(33, None),
        ["tiny.yaml:26:5: date_precision: required with a date (here 'day', to match 2019-09-04)"],
    ),
    "answer does not match its date": (
        edit(30, "    answer: 5 September 2019"),
        [
            "tiny.yaml:30:13: answer: '5 September 2019' does not match date 2019-09-04",
            "tiny.yaml:36:21: wrong_answers[0]: '5 September 2019' is the same as the answer",
        ],
    ),
    "answer equals one of its wrong answers": (
        edit(36, "    wrong_answers: [3 September 2019, 4 september 2019]"),
        ["tiny.yaml:36:39: wrong_answers[1]: '4 september 2019' is the same as the answer"],
    ),
    "wrong answer equals an alias": (
        edit(
            22,
            "    answer: Abu Kamal\n    aliases: [Al-Bukamal]\n"
            "    wrong_answers: [Husaybah, al bukamal]",
        ),
        ["tiny.yaml:24:31: wrong_answers[1]: 'al bukamal' is the same as the alias 'Al-Bukamal'"],
    ),
    "source names no known reference": (
        edit(35, "    source: [12]"),
        ["tiny.yaml:35:14: source[0]: [12] names no known reference (known: 1)"],
    ),
    "source names no known article": (
        edit(25, "    source: [mian]"),
        [
            "tiny.yaml:25:14: source[0]: 'mian' names no known reference or article "
            "(did you mean 'main'?)"
        ],
    ),
    "empty source list": (
        edit(25, "    source: []"),
        ["tiny.yaml:25:13: source: must not be empty"],
    ),
    "topic not declared": (
        edit(19, "    topic: bsae"),
        [
            "tiny.yaml:19:12: topic: 'bsae' is not a declared topic (did you mean 'base'?); "
            "declared: base"
        ],
    ),
    "topic without a name is reported once": (
        edit(8, None),
        ["tiny.yaml:7:5: name: required field is missing"],
    ),
    "duplicate topic id": (
        edit(8, "    name: The base\n  - id: base\n    name: Again"),
        ["tiny.yaml:9:9: id: duplicate topic id 'base' (first used at line 7)"],
    ),
    "reference number is not a number": (
        edit(10, "  - id: one"),
        [
            "tiny.yaml:10:9: id: expected a reference number like 4, got a string",
            "tiny.yaml:35:14: source[0]: [1] names no known reference (known: none)",
        ],
    ),
    "revision that is not a whole number": (
        edit(25, "    source: [main]\n    revision: 0"),
        [
            "tiny.yaml:26:15: revision: expected a whole number from 1 up, got a number; raise it "
            "by one each time you correct the fact"
        ],
    ),
    "bad id": (
        edit(18, "  - id: Fact One"),
        ["tiny.yaml:18:9: id: 'Fact One' must be lower-case letters, digits and single hyphens"],
    ),
    "number answer without digits": (
        edit(22, "    answer: nine").replace("answer_kind: place", "answer_kind: number"),
        [
            "tiny.yaml:22:13: answer: 'nine' is a number answer without digits; write it in "
            "digits and put the words in aliases"
        ],
    ),
    "declared topic that no fact uses": (
        edit(8, "    name: The base\n  - id: spare\n    name: Spare"),
        ["tiny.yaml:9:9: id: topic 'spare' is declared but no fact uses it"],
    ),
    "header date invalid": (
        edit(3, "updated: 2026-02-29"),
        ["tiny.yaml:3:10: updated: '2026-02-29' is not a valid date: February 2026 has no day 29"],
    ),
    "top level is a list": (
        "- a\n- b\n",
        ["tiny.yaml:1:1: expected a mapping with a header and 'facts', got a list"],
    ),
    "python object tag": (
        edit(22, "    answer: !!python/object/apply:os.system [echo hi]"),
        [
            "tiny.yaml:22:13: tag '!!python/object/apply:os.system' is not allowed "
            "(only plain YAML data)"
        ],
    ),
    "empty file": ("", ["tiny.yaml:1:1: file is empty"]),
    "only comments": ("# nothing here\n\n", ["tiny.yaml:1:1: file is empty"]),
    "two documents": (
        TINY + "---\ntitle: again\n",
        ["tiny.yaml:37:1: expected one YAML document, found a second ('---')"],
    ),
}


@pytest.mark.parametrize("text,expected", CASES.values(), ids=CASES.keys())
def test_bad_input(text: str, expected: list[str], pure: bool) -> None:
    assert problems(text, pure) == expected


def test_every_problem_is_reported_at_once_in_file_order() -> None:
    text = edit(35, "    source: [99]", edit(27, "    topic: nope", edit(22, '    answer: ""')))
    assert problems(text) == [
        "tiny.yaml:22:13: answer: must not be empty",
        "tiny.yaml:27:12: topic: 'nope' is not a declared topic; declared: base",
        "tiny.yaml:35:14: source[0]: [99] names no known reference (known: 1)",
    ]


@pytest.mark.parametrize(
    "pure,expected",
    [
        (False, "tiny.yaml:25:11: YAML syntax error: did not find expected ',' or ']'"),
        (True, "tiny.yaml:25:11: YAML syntax error: expected ',' or ']', but got ':'"),
    ],
    ids=["libyaml", "pure"],
)
def test_syntax_error(pure: bool, expected: str) -> None:
    assert problems(edit(24, "    tags: [location"), pure) == [expected]


def test_not_utf8() -> None:
    data = TINY.replace("Abu Kamal.", "Abu K\xe4mal.").encode("latin-1")
    assert problems(data) == [
        "tiny.yaml:20:39: file is not valid UTF-8 (byte 0xe4); save it as UTF-8"
    ]


def test_utf8_byte_order_mark_is_accepted() -> None:
    assert len(factfile.loads(b"\xef\xbb\xbf" + TINY.encode(), "tiny.yaml").facts) == 2


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FactFileError) as info:
        factfile.load(tmp_path / "nope.yaml")
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: file not found"


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(FactFileError) as info:
        factfile.load(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory, not a fact file"


def test_load_reads_a_file(tiny_file: Path) -> None:
    assert factfile.load(tiny_file).path == str(tiny_file)
