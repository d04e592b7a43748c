"""A large fact file read in parts on several processes gives the fact base the whole file
gives, or is read whole; every problem still comes from reading the whole file."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from quizgen import cores, factfile
from quizgen.errors import FactFileError
from quizgen.factfile import codec, compiled, split
from quizgen.facts import FactBase
from tests.support.data import PANAMA, SHIPPED, SMALL, SPECIAL, TINY

pytestmark = pytest.mark.skipif(
    cores.workers(10**9, {"QUIZGEN_WORKERS": "2"}) != 2, reason="no fork here"
)


@pytest.fixture(autouse=True)
def split_small_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file is worth splitting, over two processes (the test files are small)."""
    monkeypatch.setattr(split, "MIN_BYTES", 0)
    monkeypatch.setenv("QUIZGEN_WORKERS", "2")


def read_split(data: bytes, path: str = "facts.yaml") -> tuple[FactBase, bytes | None] | None:
    return split.load(data, path)


@pytest.mark.parametrize("source", [SHIPPED, SMALL, SPECIAL, PANAMA], ids=lambda p: p.name)
def test_the_parts_make_the_whole(source: Path) -> None:
    data = source.read_bytes()
    found = read_split(data, str(source))
    assert found is not None
    base, payload = found
    assert payload is not None
    whole = factfile.loads(data, str(source))
    assert base == whole
    assert [f.line for f in base.facts] == [f.line for f in whole.facts]
    assert codec.decode(marshal.loads(payload), str(source)) == whole
    assert split.load(data, str(source), payload=False) == (whole, None)  # no cache to write


def many_facts(count: int, *, indent: str = "  ", newline: str = "\n") -> bytes:
    """TINY's header and ``count`` facts of its first kind, ids numbered."""
    head = TINY[: TINY.index("facts:")]
    fact = (
        "- id: f{n}\n"
        "  topic: base\n"
        "  statement: Fact {n} was near Abu Kamal.\n"
        "  question: Near which town was fact {n}?\n"
        "  answer: Abu Kamal\n"
        "  answer_kind: place\n"
        "  tags: [location]\n"
        "  source: [main]\n"
    )
    body = "".join(
        "".join(f"{indent}{line}\n" for line in fact.format(n=n).splitlines()) for n in range(count)
    )
    last = (
        "  - id: two\n    topic: base\n    statement: Fox News reported the base on "
        "4 September 2019.\n    question: On what date did Fox News report the base?\n"
        "    answer: 4 September 2019\n    answer_kind: date\n    date: 2019-09-04\n"
        "    date_precision: day\n    tags: [report]\n    source: [1]\n"
    )
    if indent == "":
        last = "".join(line[2:] + "\n" for line in last.splitlines())
    text = head + "facts:\n" + body + last
    return text.replace("\n", newline).encode("utf-8")


@pytest.mark.parametrize(
    "make",
    [
        lambda: many_facts(50),
        lambda: many_facts(50, indent=""),
        lambda: many_facts(50, newline="\r\n"),
        lambda: b"\xef\xbb\xbf" + many_facts(50),
        lambda: many_facts(50) + b"# a closing comment\n",
    ],
    ids=["indented", "at the margin", "CRLF", "byte-order mark", "trailing comment"],
)
def test_files_of_every_layout_split_alike(make: object) -> None:
    data = make()  # type: ignore[operator]
    found = read_split(data)
    assert found is not None
    assert found[0] == factfile.loads(data, "facts.yaml")


def test_a_topic_only_one_part_uses_is_used() -> None:
    data = (
        many_facts(50)
        .replace(b"topics:\n", b"topics:\n  - id: rare\n    name: Rare\n")
        .replace(b"id: f45\n    topic: base", b"id: f45\n    topic: rare")
    )
    found = read_split(data)
    assert found is not None and found[0] == factfile.loads(data, "facts.yaml")


def test_sections_after_the_facts_are_read_by_every_part() -> None:
    data = many_facts(40)
    head, facts = data.split(b"facts:\n")
    topics_at = head.index(b"topics:")
    moved = head[:topics_at] + b"facts:\n" + facts + head[topics_at:]
    found = read_split(moved)
    assert found is not None
    assert found[0] == factfile.loads(moved, "facts.yaml")


PROBLEMS = {
    "an id twice, in two parts": lambda d: d.replace(b"id: f45\n", b"id: f3\n"),
    "a topic no fact uses": lambda d: d.replace(
        b"topics:\n", b"topics:\n  - id: rare\n    name: Rare\n"
    ),
    "a syntax error in one part": lambda d: d.replace(b"Fact 44 was", b'"Fact 44 was'),
}


def test_an_alias_to_an_anchor_in_another_part_means_reading_whole() -> None:
    data = many_facts(50).replace(b"tags: [location]", b"tags: &t [location]", 1)
    data = data.replace(
        b"[location]\n    source: [main]\n  - id: f45", b"*t\n    source: [main]\n  - id: f45"
    )
    assert data.count(b"*t") == 1
    whole = factfile.loads(data, "facts.yaml")  # valid as a whole
    assert whole.fact("f44").tags == ("location",)
    assert read_split(data) is None


@pytest.mark.parametrize("spoil", PROBLEMS.values(), ids=list(PROBLEMS))
def test_a_part_with_a_problem_means_reading_whole(spoil: object) -> None:
    data = spoil(many_facts(50))  # type: ignore[operator]
    assert read_split(data) is None


def test_problems_come_from_the_whole_file_with_their_positions(tmp_path: Path) -> None:
    data = many_facts(50).replace(b"id: f45\n", b"id: f3\n")
    path = tmp_path / "facts.yaml"
    path.write_bytes(data)
    with pytest.raises(FactFileError) as whole:
        factfile.loads(data, str(path))
    with pytest.raises(FactFileError) as through_cache:
        compiled.load(path, tmp_path / "cache")
    assert [str(p) for p in through_cache.value.problems] == [str(p) for p in whole.value.problems]
    assert "duplicate fact id 'f3'" in str(whole.value)


@pytest.mark.parametrize(
    "data",
    [
        TINY.replace("facts:\n", "facts: [\n").encode()[:10],
        b"title: x\n",
        many_facts(50).replace(b"facts:\n", b"facts:   \n  # a comment\n\n"),
    ],
    ids=["flow list", "no facts", "comment before the first fact"],
)
def test_files_it_cannot_cut_are_read_whole_or_cut_right(data: bytes) -> None:
    found = read_split(data)
    if found is not None:
        assert found[0] == factfile.loads(data, "facts.yaml")


def test_the_cache_keeps_what_the_parts_made(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes(many_facts(60))
    first = compiled.load(path, tmp_path / "cache")
    again = compiled.load(path, tmp_path / "cache")
    assert again.from_cache and again.base == first.base == factfile.load(path)


def test_small_files_and_one_core_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZGEN_WORKERS", "1")
    assert read_split(many_facts(50)) is None
    monkeypatch.setenv("QUIZGEN_WORKERS", "2")
    monkeypatch.setattr(split, "MIN_BYTES", 10**9)
    assert read_split(many_facts(50)) is None
