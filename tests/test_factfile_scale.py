"""Issue 12 at scale: facts are checked as they are read and their YAML dropped, in any
order of the file's sections, and a file past the documented limits stops at once.

Memory itself is measured by ``bench/memory.py`` (figures, not assertions); these
tests pin what makes it small: the streamed list keeps no nodes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.errors import FactFileError
from quizgen.factfile import reader, yamldoc
from quizgen.factfile.yamldoc import Mapping, Node, Sequence
from tests.support.data import TINY

HEADER, FACTS = TINY.split("facts:\n")


def facts_first(text: str) -> str:
    """The same file with its facts before its header (YAML keeps no order)."""
    header, facts = text.split("facts:\n")
    return "facts:\n" + facts + header


def messages(text: str) -> list[str]:
    """Problems without positions, which moving sections changes."""
    with pytest.raises(FactFileError) as info:
        factfile.loads(text, "t.yaml")
    return sorted(re.sub(r"^t\.yaml:\d+:\d+: ", "", str(p)) for p in info.value.problems)


def test_streamed_items_are_handed_over_and_not_kept() -> None:
    seen: list[tuple[int, list[str]]] = []

    def consume(item: Node, root: Mapping) -> None:
        seen.append((item.line, list(root.entries)))

    doc = yamldoc.read("a: 1\nfacts:\n  - x: 1\n  - x: 2\nb: 2\n", "f", stream=("facts", consume))
    assert seen == [(3, ["a"]), (4, ["a"])]
    assert isinstance(doc.root, Mapping)
    listed = doc.root.get("facts")
    assert isinstance(listed, Sequence) and listed.items == [] and listed.streamed == 2
    assert list(doc.root.entries) == ["a", "facts", "b"]


def test_only_a_top_level_list_under_the_key_is_streamed() -> None:
    calls: list[int] = []
    text = "x:\n  facts: [1, 2]\nfacts: {a: 1}\n"
    doc = yamldoc.read(text, "f", stream=("facts", lambda item, root: calls.append(item.line)))
    assert calls == [] and isinstance(doc.root, Mapping)


def test_a_repeated_facts_key_is_reported_not_streamed_twice() -> None:
    text = TINY + "facts:\n  - id: three\n"
    assert messages(text) == [
        "facts: duplicate key (first given at line 17, column 1); only one value is allowed"
    ]


def test_facts_before_the_header_load_the_same() -> None:
    def without_lines(text: str) -> list[dict[str, object]]:
        return [f.to_dict() for f in factfile.loads(text).facts]

    assert without_lines(facts_first(TINY)) == without_lines(TINY)


@pytest.mark.parametrize(
    "change",
    [
        ("topic: base\n    statement: The base was", "topic: bse\n    statement: The base was"),
        ("source: [main]", "source: [mian]"),
        ("source: [1]", "source: [7]"),
        ("answer_kind: place", "answer_kind: place\n    answer_class: town"),
    ],
)
def test_facts_naming_what_the_header_declares_later_get_the_same_problems(
    change: tuple[str, str],
) -> None:
    text = TINY.replace(*change, 1)
    assert text != TINY
    assert messages(facts_first(text)) == messages(text)


def test_answer_classes_declared_after_the_facts_count() -> None:
    text = TINY.replace("answer_kind: place", "answer_kind: place\n    answer_class: town", 1)
    text += "answer_classes:\n  - id: town\n    name: Town\n"
    assert factfile.loads(text).fact("one").answer_class == "town"


def test_past_the_fact_limit_one_problem_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_FACTS", 1)
    with pytest.raises(FactFileError) as info:
        factfile.loads(TINY, "t.yaml")
    assert [str(p) for p in info.value.problems] == [
        "t.yaml:26:5: facts: more than 1 facts; quizgen reads at most 1 from one file: split it"
    ]


def test_a_file_under_the_limits_of_many_facts_loads(tmp_path: Path) -> None:
    """A few thousand facts through the streamed path, bytes handed to libyaml as read."""
    many = "".join(
        FACTS.replace("id: one", f"id: one-{i}").replace("id: two", f"id: two-{i}")
        for i in range(1500)
    )
    path = tmp_path / "many.yaml"
    path.write_text(HEADER + "facts:\n" + many, encoding="utf-8")
    base = factfile.load(path)
    assert len(base.facts) == 3000 and base.facts[-1].id == "two-1499"
    assert base.facts[0].tags[0] is base.facts[2].tags[0]  # one copy of each tag
