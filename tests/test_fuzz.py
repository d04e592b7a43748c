"""Hypothesis: whatever the input, the loader returns facts or raises FactFileError."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen import factfile
from quizgen.errors import FactFileError
from quizgen.factfile import reader
from quizgen.facts import FactBase
from tests.support.data import TINY

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FIELDS = sorted(set(reader.FACT_FIELDS) | set(reader.HEADER_FIELDS) | {"x", "id", "name"})

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["2019-02-30", "2019-09", "day", "base", "1", ""]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=6),
    ),
    max_leaves=30,
)


def load_or_error(data: bytes | str, pure: bool) -> FactBase | None:
    try:
        return factfile.loads(data, "fuzz.yaml", pure=pure)
    except FactFileError as exc:
        assert exc.problems, "an error must name at least one problem"
        for problem in exc.problems:
            assert str(problem).startswith("fuzz.yaml")
        return None


@FUZZ
@given(data=st.binary(max_size=400), pure=st.booleans())
def test_random_bytes(data: bytes, pure: bool) -> None:
    load_or_error(data, pure)


@FUZZ
@given(text=st.text(max_size=300), pure=st.booleans())
def test_random_text(text: str, pure: bool) -> None:
    load_or_error(text, pure)


@FUZZ
@given(doc=documents, pure=st.booleans())
def test_random_yaml_documents(doc: Any, pure: bool) -> None:
    load_or_error(yaml.safe_dump(doc, allow_unicode=True), pure)


@FUZZ
@given(
    doc=documents,
    where=st.integers(min_value=0, max_value=35),
    key=st.sampled_from(FIELDS),
    pure=st.booleans(),
)
def test_valid_file_with_a_random_field_added(doc: Any, where: int, key: str, pure: bool) -> None:
    lines = TINY.splitlines()
    indent = len(lines[where]) - len(lines[where].lstrip(" -"))
    value = yaml.safe_dump({key: doc}, default_flow_style=True, width=10_000).strip()[1:-1]
    lines.insert(where + 1, " " * indent + value)
    load_or_error("\n".join(lines) + "\n", pure)


@FUZZ
@given(st.data(), st.booleans())
def test_valid_file_with_random_edits(data: st.DataObject, pure: bool) -> None:
    text = TINY
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        at = data.draw(st.integers(min_value=0, max_value=len(text)))
        cut = data.draw(st.integers(min_value=0, max_value=12))
        insert = data.draw(
            st.sampled_from(
                [
                    "",
                    ":",
                    "- ",
                    "\n",
                    "  ",
                    "[",
                    "]",
                    "&a ",
                    "*a",
                    "\t",
                    "'",
                    '"',
                    "#",
                    "!!int ",
                    "{",
                    "}",
                    "é",
                    ",",
                    "2019-02-30",
                    "\n- id: one\n",
                ]
            )
        )
        text = text[:at] + insert + text[at + cut :]
    load_or_error(text, pure)


@FUZZ
@given(
    answer=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30
    ).filter(lambda s: s.strip() != ""),
    statement=st.text(min_size=1, max_size=60).filter(lambda s: s.strip() != ""),
)
def test_any_answer_text_round_trips(answer: str, statement: str) -> None:
    """Text written safely into the file comes back as the same (whitespace-folded) text."""
    lines = TINY.splitlines()
    lines[21] = (
        "    answer: "
        + yaml.safe_dump(answer, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()
    )
    lines[19] = (
        "    statement: "
        + yaml.safe_dump(statement, allow_unicode=True, width=10_000)
        .removesuffix("\n...\n")
        .strip()
    )
    base = load_or_error("\n".join(lines) + "\n", pure=False)
    if base is not None:
        assert base.fact("one").answer == " ".join(answer.split())
        assert base.fact("one").statement == " ".join(statement.split())
