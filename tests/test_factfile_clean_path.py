"""The clean path of reading a fact (``reader._clean_fact``) makes exactly the fact the
checked path makes, and leaves to the checked path every fact it has a problem with, so
that each problem is reported as ever: same message, same file:line:col.

Each case spoils one field of one fact (another value of every YAML shape, or none)
and reads the file twice, with the clean path and without it: the results (the fact
base, or the text of the error) must be the same.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from quizgen import factfile
from quizgen.errors import FactFileError
from quizgen.factfile import reader
from quizgen.factfile.reader import FACT_FIELDS
from tests.support.data import PANAMA, SMALL

ODD_VALUES: list[Any] = [
    None,
    "",
    "  ",
    "null",
    "two  spaces\tand a tab",
    "an\x1bescape",
    "bidi \u202e text",
    0,
    -3,
    12,
    1.5,
    True,
    "base",
    "events",
    "governorate",
    "Not An Id",
    "unknown-id",
    "main",
    "date",
    "place",
    "month",
    "2019",
    "2019-03",
    "2019-03-04",
    "4 March 2019",
    "March 2019",
    "day",
    "year",
    [],
    ["a"],
    [1],
    [99],
    ["main", 1],
    ["Bad Tag"],
    [None],
    [["x"]],
    {"a": 1},
]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
DROP = object()
"""Stands for taking the field out of the fact."""


def outcome(text: str, clean: bool, monkeypatch: pytest.MonkeyPatch) -> object:
    """The fact base ``text`` makes, or the text of its error."""
    with monkeypatch.context() as patch:
        if not clean:
            patch.setattr(reader, "_clean_fact", lambda c, m, known: None)
        try:
            return factfile.loads(text, "facts.yaml")
        except FactFileError as error:
            return str(error)


def spoiled(document: dict[str, Any], index: int, field: str, value: object) -> str:
    facts = [dict(f) for f in document["facts"]]
    if value is DROP:
        facts[index].pop(field, None)
    else:
        facts[index][field] = value
    return yaml.dump(
        document | {"facts": facts}, Dumper=DUMPER, sort_keys=False, allow_unicode=True
    )


DOCUMENTS = [yaml.safe_load(source.read_text(encoding="utf-8")) for source in (SMALL, PANAMA)]
CASES = [
    (document, index)
    for document in DOCUMENTS
    for index in {f["answer_kind"]: i for i, f in enumerate(document["facts"])}.values()
]
"""A fact of each answer kind of each file: each odd value goes to one of them in turn."""


@pytest.mark.parametrize("field", [*FACT_FIELDS, "not_a_field"])
def test_every_spoiled_field_reads_as_the_checked_path_reads_it(
    field: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    offset = [*FACT_FIELDS, "not_a_field"].index(field)
    for number, value in enumerate([DROP, *ODD_VALUES]):
        document, index = CASES[(offset * 7 + number) % len(CASES)]
        text = spoiled(document, index, field, value)
        clean = outcome(text, True, monkeypatch)
        assert clean == outcome(text, False, monkeypatch), (index, value)


@pytest.mark.parametrize("source", [SMALL, PANAMA], ids=lambda p: p.name)
def test_good_files_take_the_clean_path(source: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a path no fact takes: every fact of a good file is made by it."""
    made: list[object] = []
    clean = reader._clean_fact

    def counted(*args: Any) -> object:
        fact = clean(*args)
        made.append(fact)
        return fact

    monkeypatch.setattr(reader, "_clean_fact", counted)
    text = SMALL.read_text(encoding="utf-8") if source is SMALL else PANAMA.read_text("utf-8")
    base = factfile.loads(text, "facts.yaml")
    assert made and None not in made and len(made) == len(base.facts)
    assert base == outcome(text, False, monkeypatch)
