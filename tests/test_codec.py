"""The fact base as plain data: every field of the model written and read back, generic over
the model, so that a new field needs no change to the cache, or a test fails."""

from __future__ import annotations

import dataclasses
import inspect
import marshal
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen import factfile
from quizgen.factfile import codec
from quizgen.facts import AnswerKind, Fact, FactBase, Topic
from quizgen.language.dates import FactDate
from tests.support.data import SMALL
from tests.support.deep import same


def test_every_constructed_class_lists_its_constructor_exactly() -> None:
    """A class of the model that is not a dataclass is written by its constructor's
    arguments: a parameter added there must be added to CONSTRUCTED, or this fails."""
    for cls, params in codec.CONSTRUCTED.items():
        signature = inspect.signature(cls.__init__)  # type: ignore[misc]
        assert [p for p in signature.parameters if p != "self"] == [p[0] for p in params]


def test_the_build_id_follows_the_models_shape() -> None:
    shape = codec.base_record().shape
    for cls in (Fact, FactBase, FactDate):
        for f in dataclasses.fields(cls):
            if f.init:
                assert f" {f.name}: " in shape or f"({f.name}: " in shape
    assert all(kind.value in shape for kind in AnswerKind)


class Colour(Enum):
    RED = "red"


def test_new_fields_of_known_types_need_no_change_here() -> None:
    record = dataclasses.make_dataclass(
        "Grown",
        [
            ("a", int),
            ("b", tuple[str, ...]),
            ("c", FactDate | None),
            ("d", AnswerKind),
            ("e", tuple[Topic, ...]),
            ("f", Colour | None),
            ("g", tuple[FactDate | None, ...]),
        ],
        frozen=True,
    )
    value = record(
        1,
        ("x",),
        FactDate(2020, 2),
        AnswerKind.PLACE,
        (Topic("t", "T"),),
        None,
        (None, FactDate(1999)),
    )
    found = codec._codec(record)
    assert found.encode is not None and found.decode is not None
    back = found.decode(marshal.loads(marshal.dumps(found.encode(value))))
    same(back, value)


@pytest.mark.parametrize("tp", [dict[str, int], list[str], set[str], tuple[int, str], object])
def test_a_type_it_cannot_write_is_an_error_at_once(tp: Any) -> None:
    record = dataclasses.make_dataclass("Odd", [("x", tp)])
    with pytest.raises(TypeError):
        codec._codec(record)


TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
OPTIONAL = st.none() | TEXT


@st.composite
def facts(draw: st.DrawFn) -> Fact:
    date = draw(
        st.none()
        | st.builds(
            FactDate,
            st.integers(1000, 2999),
            st.none() | st.integers(1, 12),
            st.none() | st.integers(1, 28),
        )
    )
    return Fact(
        draw(TEXT),
        draw(TEXT),
        draw(TEXT),
        draw(TEXT),
        draw(TEXT),
        draw(st.sampled_from(AnswerKind)),
        tuple(draw(st.lists(st.integers(0, 10**6) | TEXT, max_size=3))),
        tuple(draw(st.lists(TEXT, max_size=3))),
        tuple(draw(st.lists(TEXT, max_size=3))),
        date,
        tuple(draw(st.lists(TEXT, max_size=3))),
        draw(OPTIONAL),
        draw(st.integers(1, 10**6)),
        draw(st.integers(0, 10**6)),
        draw(OPTIONAL),
        draw(OPTIONAL),
        tuple(draw(st.lists(TEXT, max_size=2))),
        tuple(draw(st.lists(OPTIONAL, max_size=2))),
    )


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(facts(), max_size=6), TEXT)
def test_any_fact_base_comes_back_the_same(drawn: list[Fact], title: str) -> None:
    base = dataclasses.replace(factfile.load(SMALL), title=title, facts=tuple(drawn))
    back = codec.decode(marshal.loads(marshal.dumps(codec.encode(base), 4)), base.path)
    same(back, base)


def test_equal_values_are_written_once_and_read_back_as_one() -> None:
    base = factfile.load(SMALL)
    data = codec.encode(base)
    again = codec.decode(marshal.loads(marshal.dumps(data, 4)), base.path)
    same(again, base)
    by_topic: dict[str, set[int]] = {}
    for fact in again.facts:
        by_topic.setdefault(fact.topic, set()).add(id(fact.topic))
    assert all(len(ids) == 1 for ids in by_topic.values())


def test_only_tuples_of_the_same_types_are_shared() -> None:
    column = ((1, "a"), (True, "a"), (1, "a"), ((1,),), ((True,),), (1.0, "a"))
    shared = codec._shared(column)
    assert shared == column
    assert [tuple(map(type, v)) for v in shared] == [tuple(map(type, v)) for v in column]
    assert shared[0] is shared[2] and shared[1] is not shared[0]
    assert shared[4][0][0] is True and shared[5][0] == 1.0 and type(shared[5][0]) is float
