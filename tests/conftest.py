"""Shared fixtures: a tiny fact file whose line numbers the error tests rely on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from quizgen.items import Item

T = TypeVar("T", bound=Item)

# Line numbers matter: tests assert exact FILE:LINE:COLUMN positions in it.
TINY = """\
title: Tiny
version: 0.0.1
updated: 2026-01-02
license: CC BY-SA 4.0
attribution: Test data.
topics:
  - id: base
    name: The base
references:
  - id: 1
    title: A report
    publisher: A paper
    citation: A paper. 2019.
articles:
  - id: main
    title: Main article
facts:
  - id: one
    topic: base
    statement: The base was near Abu Kamal.
    question: Near which town was the base?
    answer: Abu Kamal
    answer_kind: place
    tags: [location]
    source: [main]
  - id: two
    topic: base
    statement: Fox News reported the base on 4 September 2019.
    question: On what date did Fox News report the base?
    answer: 4 September 2019
    answer_kind: date
    date: 2019-09-04
    date_precision: day
    tags: [report]
    source: [1]
    wrong_answers: [5 September 2019]
"""

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "facts.yaml"


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Any]:
    """A fresh, real Anki collection (tests that use it import tests.anki_support)."""
    collection_module = pytest.importorskip("anki.collection")
    collection = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        yield collection
    finally:
        collection.close()


def project_copy(tmp_path: Path) -> Path:
    """A copy of the shipped facts and decks/, for tests that edit them or write a lock."""
    import shutil

    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(SHIPPED, folder / "facts.yaml")
    shutil.copytree(ROOT / "decks", folder / "decks")
    return folder


def edit(line_no: int, new: str | None, text: str = TINY) -> str:
    """TINY with line ``line_no`` (1-based) replaced by ``new`` (None deletes it)."""
    lines = text.splitlines()
    if new is None:
        del lines[line_no - 1]
    else:
        lines[line_no - 1] = new
    return "\n".join(lines) + "\n"


@pytest.fixture
def tiny_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture(params=[False, True], ids=["libyaml", "pure"])
def pure(request: pytest.FixtureRequest) -> bool:
    """Run a test with libyaml's parser and with PyYAML's pure-Python one."""
    return bool(request.param)


def of(cls: type[T], items: Iterable[Item]) -> list[T]:
    """The items of one shape class, typed as such (mypy cannot see a kind's shape)."""
    return [q for q in items if isinstance(q, cls)]


def first(cls: type[T], items: Iterable[Item]) -> T:
    found = of(cls, items)
    assert found, f"no {cls.__name__} among the items"
    return found[0]
