"""The generic Checker on a file that is no fact file: every problem, with its position."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.errors import FactFileError
from quizgen.factfile import decks, yamldoc
from quizgen.factfile.checker import Checker, decode, read_bytes
from quizgen.factfile.yamldoc import Mapping
from tests.support.data import TINY

DOC = """\
name: Shelf
count: true
size: 3
kind: boook
tags: [red, Blue Ones, green]
owner: alice
sise: 4
items:
  - {id: a, label: A}
  - {id: a, label: Again}
  - just text
"""
SPEC = {
    "name": True,
    "count": False,
    "size": False,
    "kind": False,
    "tags": False,
    "owner": False,
    "items": False,
    "shelf": True,
}


def check(text: str = DOC) -> tuple[Checker, Mapping]:
    doc = yamldoc.read(text, "shelf.yaml")
    assert isinstance(doc.root, Mapping)
    return Checker("shelf.yaml", list(doc.problems)), doc.root


def test_every_kind_of_problem_is_collected_in_place() -> None:
    c, root = check()
    c.fields(root, SPEC)
    assert c.text(root, "name") == "Shelf" and c.text(root, "absent") is None
    assert c.number(root, "count", "a count") is None  # YAML true is not a number
    assert c.number(root, "size", "a count") == 3
    assert c.choice(root, "kind", ("book", "box")) is None
    assert c.ident_list(root, "tags") == ["red", "green"]
    assert c.declared(root, "owner", {"alicia", "bob"}, "owner", "owners") is None
    seen: dict[str, int] = {}
    ids = []
    for m in c.entries(root, "items", {"id": True, "label": True}):
        ident, item = c.ident(m, "id"), m.get("id")
        assert ident is not None and item is not None
        c.unique(seen, ident, item, "id", "item id")
        ids.append(ident)
    assert ids == ["a", "a"]
    assert [str(p) for p in sorted(c.problems)] == [
        "shelf.yaml:1:1: shelf: required field is missing",
        "shelf.yaml:2:8: count: expected a count, got true/false",
        "shelf.yaml:4:7: kind: 'boook' is not one of: book, box (did you mean 'book'?)",
        "shelf.yaml:5:13: tags[1]: 'Blue Ones' must be lower-case letters, digits and hyphens",
        "shelf.yaml:6:8: owner: 'alice' is not a declared owner (did you mean 'alicia'?); "
        "declared: alicia, bob",
        "shelf.yaml:7:1: sise: unknown field (did you mean 'size'?)",
        "shelf.yaml:10:10: id: duplicate item id 'a' (first used at line 9)",
        "shelf.yaml:11:5: items: expected a mapping of fields, got a string",
    ]


def test_declared_with_nothing_declared_says_where_to_declare() -> None:
    c, root = check()
    assert c.declared(root, "owner", set(), "owner", "owners") is None
    assert [p.message for p in c.problems] == [
        "'alice' is not a declared owner; declare it under owners"
    ]


def test_decode_points_at_the_bad_byte_and_drops_a_byte_order_mark() -> None:
    assert decode(b"\xef\xbb\xbfa: 1\n", "x.yaml") == "a: 1\n"
    with pytest.raises(FactFileError) as info:
        decode("a: 1\nb: K\xe4\n".encode("latin-1"), "x.yaml")
    assert str(info.value) == "x.yaml:2:5: file is not valid UTF-8 (byte 0xe4); save it as UTF-8"


def test_read_bytes_names_what_it_expected(tmp_path: Path) -> None:
    with pytest.raises(FactFileError, match="is a directory, not a deck file"):
        read_bytes(tmp_path, "deck file")
    with pytest.raises(FactFileError, match="file not found"):
        read_bytes(tmp_path / "gone.yaml", "deck file")


def test_a_deck_file_that_is_not_utf8_is_pinned_to_its_byte(tmp_path: Path) -> None:
    base = factfile.loads(TINY, "tiny.yaml")
    (tmp_path / "bad.yaml").write_bytes("name: D\xe9cks\nid: 5\n".encode("latin-1"))
    with pytest.raises(FactFileError) as info:
        decks.load_definitions(tmp_path, base)
    assert str(info.value) == (
        f"{tmp_path / 'bad.yaml'}:1:8: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"
    )
