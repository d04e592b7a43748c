"""The fact files the tests use, loaded once per process, and helpers over items."""

from __future__ import annotations

from collections.abc import Container, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import pytest

from quizgen import factfile
from quizgen.errors import FactFileError
from quizgen.factfile.yamldoc import Mapping, Node, Sequence
from quizgen.facts import AnswerKind, Fact, FactBase
from quizgen.items import Item
from quizgen.items.shapes import ChoiceItem

T = TypeVar("T", bound=Item)

ROOT = Path(__file__).resolve().parent.parent.parent
SHIPPED = ROOT / "facts.yaml"
DECKS = ROOT / "decks"
DATA = ROOT / "tests" / "data"
SMALL = DATA / "small.yaml"
SPECIAL = DATA / "special.yaml"
PANAMA = DATA / "panama-canal.yaml"

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
TINY_HEADER = TINY[: TINY.index("facts:\n") + len("facts:\n")]
"""The tiny file's header (topic ``base``, reference 1, article ``main``): a test's own
facts go after it."""


@cache
def shipped_base() -> FactBase:
    """The shipped fact file, loaded once per process (its values are immutable)."""
    return factfile.load(SHIPPED)


@cache
def small_base() -> FactBase:
    """tests/data/small.yaml: 16 facts of every answer kind, for golden outputs."""
    return factfile.load(SMALL)


def edit(line_no: int, new: str | None, text: str = TINY) -> str:
    """TINY with line ``line_no`` (1-based) replaced by ``new`` (None deletes it)."""
    lines = text.splitlines()
    if new is None:
        del lines[line_no - 1]
    else:
        lines[line_no - 1] = new
    return "\n".join(lines) + "\n"


def problems(text: str | bytes, pure: bool = False) -> list[str]:
    """Every problem of a fact file's text that must not load, as the one-line messages
    the CLI prints (the file named ``tiny.yaml``)."""
    with pytest.raises(FactFileError) as info:
        factfile.loads(text, "tiny.yaml", pure=pure)
    return [str(p) for p in info.value.problems]


def project_copy(tmp_path: Path) -> Path:
    """A copy of the shipped facts and decks/, for tests that edit them or write a lock."""
    import shutil

    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(SHIPPED, folder / "facts.yaml")
    shutil.copytree(DECKS, folder / "decks")
    return folder


def of(cls: type[T], items: Iterable[Item]) -> list[T]:
    """The items of one shape class, typed as such (mypy cannot see a kind's shape)."""
    return [q for q in items if isinstance(q, cls)]


def first(cls: type[T], items: Iterable[Item]) -> T:
    found = of(cls, items)
    assert found, f"no {cls.__name__} among the items"
    return found[0]


def mc_items(
    base: FactBase, kinds: Container[AnswerKind], seeds: Iterable[int] = range(200)
) -> list[tuple[Fact, ChoiceItem]]:
    """The multiple-choice items over ``seeds`` of every fact whose answer is of ``kinds``:
    enough to see how often the key takes each rank among options shown in order.
    Made once per process for a base, kinds and seeds (several tests read the same ones;
    the items are immutable, the list is a fresh copy)."""
    from quizgen.generation.bank import Maker

    key = (id(base), frozenset(k for k in AnswerKind if k in kinds), tuple(seeds))
    if key not in _MC_ITEMS:
        maker = Maker(base)
        out = []
        for fact in base.facts:
            if fact.answer_kind in key[1]:
                for seed in key[2]:
                    q = maker.make("mc", fact, seed)
                    if q is not None:
                        assert isinstance(q, ChoiceItem)
                        out.append((fact, q))
        _MC_ITEMS[key] = (base, out)  # the base kept: its id is not reused
    return list(_MC_ITEMS[key][1])


_MC_ITEMS: dict[
    tuple[int, frozenset[AnswerKind], tuple[int, ...]],
    tuple[FactBase, list[tuple[Fact, ChoiceItem]]],
] = {}


def plain(node: Node) -> Any:
    """Nodes to JSON-like data the way a YAML 1.2 editor sees it (dates stay strings)."""
    if isinstance(node, Mapping):
        return {k: plain(v) for k, (_, v) in node.entries.items()}
    if isinstance(node, Sequence):
        return [plain(i) for i in node.items]
    return node.value


def matching_of(base: FactBase, ids: Iterable[str]) -> Item:
    """A matching item of the facts ``ids``, each answer blanked in its own statement, in
    the order given (an item a test means to show, or to find flawed)."""
    from quizgen.facts.spans import BLANK
    from quizgen.items.match import PROMPT, Match

    facts = [base.by_id[i] for i in ids]
    pairs = tuple((f.answer, f.statement.replace(f.answer, BLANK)) for f in facts)
    return Match(
        id="match-" + "-".join(f.id for f in facts)[:40],
        topic=facts[0].topic,
        fact_ids=tuple(f.id for f in facts),
        source=facts[0].source,
        explanation="",
        question=PROMPT,
        names=tuple(p[0] for p in pairs),
        statements=tuple(p[1] for p in pairs),
        answer=pairs,
    )
