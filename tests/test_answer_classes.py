"""Answer classes: declared in the fact file's header, named by facts, checked like the rest."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from quizgen import factfile
from quizgen.factfile import yamldoc
from quizgen.facts import AnswerClass
from tests.support.data import ROOT, TINY, edit, plain, problems

# TINY with a declared class (lines 9-12) that fact 'one' uses (line 28); line numbers
# below refer to this text.
CLASSED = edit(
    8,
    "    name: The base\nanswer_classes:\n  - id: town\n    name: Town\n"
    "    description: A town, not a city or a province.",
    edit(23, "    answer_kind: place\n    answer_class: town"),
)
SCHEMA = json.loads((ROOT / "quizgen" / "schema" / "facts.schema.json").read_text("utf-8"))


def test_fixture_lines() -> None:
    lines = CLASSED.splitlines()
    assert (lines[9], lines[27], lines[35]) == (
        "  - id: town",
        "    answer_class: town",
        "    answer_kind: date",
    )


def test_classes_load(pure: bool) -> None:
    base = factfile.loads(CLASSED, "tiny.yaml", pure=pure)
    assert base.answer_classes == (
        AnswerClass("town", "Town", "A town, not a city or a province."),
    )
    assert (base.fact("one").answer_class, base.fact("two").answer_class) == ("town", None)
    assert base.fact("one").to_dict()["answer_class"] == "town"
    assert "answer_class" not in base.fact("two").to_dict()
    assert base.to_dict()["answer_classes"] == [
        {"id": "town", "name": "Town", "description": "A town, not a city or a province."}
    ]


def test_a_file_without_classes_has_none() -> None:
    base = factfile.loads(TINY, "tiny.yaml")
    assert base.answer_classes == () and base.to_dict()["answer_classes"] == []
    assert all(f.answer_class is None for f in base.facts)


def test_an_empty_class_list_is_allowed() -> None:
    text = TINY.replace("references:\n", "answer_classes: []\nreferences:\n")
    assert factfile.loads(text, "tiny.yaml").answer_classes == ()


CASES = {
    "unknown class, a near miss": (
        edit(28, "    answer_class: twon", CLASSED),
        [
            "tiny.yaml:28:19: answer_class: 'twon' is not a declared answer class "
            "(did you mean 'town'?); declared: town"
        ],
    ),
    "unknown class, nothing close": (
        edit(28, "    answer_class: river", CLASSED),
        ["tiny.yaml:28:19: answer_class: 'river' is not a declared answer class; declared: town"],
    ),
    "class named but none declared": (
        edit(23, "    answer_kind: place\n    answer_class: town"),
        [
            "tiny.yaml:24:19: answer_class: 'town' is not a declared answer class; "
            "declare it under answer_classes"
        ],
    ),
    "class id not in id form": (
        edit(28, "    answer_class: Town", CLASSED),
        [
            "tiny.yaml:28:19: answer_class: 'Town' must be lower-case letters, digits and "
            "single hyphens"
        ],
    ),
    "duplicate class ids": (
        edit(12, "    description: A town.\n  - id: town\n    name: Again", CLASSED),
        ["tiny.yaml:13:9: id: duplicate answer class id 'town' (first used at line 10)"],
    ),
    "declared class no fact uses": (
        edit(12, "    description: A town.\n  - id: city\n    name: City", CLASSED),
        ["tiny.yaml:13:9: id: answer class 'city' is declared but no fact uses it"],
    ),
    "class on an answer kind that has none": (
        edit(36, "    answer_kind: date\n    answer_class: town", CLASSED),
        [
            "tiny.yaml:37:19: answer_class: only answers of kind place, country, person, "
            "organization, event have a class; this answer_kind is 'date'"
        ],
    ),
    "class without a name is reported once": (
        edit(11, None, CLASSED),
        ["tiny.yaml:10:5: name: required field is missing"],
    ),
    "unknown field in a class": (
        edit(11, "    name: Town\n    colour: red", CLASSED),
        ["tiny.yaml:12:5: colour: unknown field; expected one of: id, name, description"],
    ),
    "answer_classes is not a list": (
        "\n".join([*CLASSED.splitlines()[:8], "answer_classes: town", *CLASSED.splitlines()[12:]])
        + "\n",
        [
            "tiny.yaml:9:17: answer_classes: expected a list, got a string",
            "tiny.yaml:25:19: answer_class: 'town' is not a declared answer class; "
            "declare it under answer_classes",
        ],
    ),
}


@pytest.mark.parametrize("text,expected", CASES.values(), ids=CASES.keys())
def test_bad_classes(text: str, expected: list[str]) -> None:
    assert problems(text) == expected


def schema_errors(text: str) -> list[str]:
    data: Any = plain(yamldoc.read(text, "tiny.yaml").root)
    return [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(data)]


def test_schema_accepts_classes_and_rejects_their_misuse() -> None:
    assert schema_errors(CLASSED) == []
    assert schema_errors(edit(28, "    answer_class: Not An Id", CLASSED)) != []
    assert schema_errors(edit(11, "    label: Town", CLASSED)) != []
    assert schema_errors(edit(36, "    answer_kind: date\n    answer_class: town", CLASSED)) != []
