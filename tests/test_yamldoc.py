"""The YAML layer: positions, duplicate keys, and hostile documents rejected cheaply."""

from __future__ import annotations

import tracemalloc

import pytest

from quizgen.errors import FactFileError
from quizgen.factfile import yamldoc
from quizgen.factfile.yamldoc import Mapping, Scalar, Sequence

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def read_error_and_peak(text: str, pure: bool) -> tuple[str, int]:
    """The error message, and the peak memory (bytes) Python allocated on the way."""
    tracemalloc.start()
    try:
        message = read_error(text, pure)
        return message, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def read_error(text: str, pure: bool = False) -> str:
    with pytest.raises(FactFileError) as info:
        yamldoc.read(text, "f.yaml", pure=pure)
    return str(info.value)


def test_positions_are_one_based(pure: bool) -> None:
    doc = yamldoc.read("top:\n  key: [1, two]\n", "f.yaml", pure=pure)
    assert isinstance(doc.root, Mapping)
    inner = doc.root.get("top")
    assert isinstance(inner, Mapping)
    seq = inner.get("key")
    assert isinstance(seq, Sequence)
    assert (seq.line, seq.column) == (2, 8)
    first, second = seq.items
    assert isinstance(first, Scalar) and isinstance(second, Scalar)
    assert (first.value, first.line, first.column) == (1, 2, 9)
    assert (second.value, second.text) == ("two", "two")


def test_scalars_keep_their_text_and_dates_stay_text(pure: bool) -> None:
    doc = yamldoc.read("a: 2019-09-04\nb: yes\nc: 0x10\nd: '7'\ne: ~\n", "f.yaml", pure=pure)
    assert isinstance(doc.root, Mapping)
    values = {
        k: (v.value, v.text) for k, (_, v) in doc.root.entries.items() if isinstance(v, Scalar)
    }
    assert values == {
        "a": ("2019-09-04", "2019-09-04"),
        "b": (True, "yes"),
        "c": (16, "0x10"),
        "d": ("7", "7"),
        "e": (None, "~"),
    }


def test_duplicate_keys_are_collected_not_silently_dropped(pure: bool) -> None:
    doc = yamldoc.read("a: 1\nb: 2\na: 3\n", "f.yaml", pure=pure)
    assert [str(p) for p in doc.problems] == [
        "f.yaml:3:1: a: duplicate key (first given at line 1, column 1); only one value is allowed"
    ]
    assert isinstance(doc.root, Mapping)
    first = doc.root.get("a")
    assert isinstance(first, Scalar) and first.value == 1


def test_billion_laughs_is_rejected_within_bounded_memory(pure: bool) -> None:
    message, peak = read_error_and_peak(BILLION_LAUGHS, pure)
    assert message == (
        "f.yaml:6:8: aliases expand the document by more than 100,000 values "
        "(an alias bomb?); write the values out instead"
    )
    assert peak < 20 * 1024 * 1024


def test_modest_aliases_are_allowed(pure: bool) -> None:
    doc = yamldoc.read("a: &x [p, q]\nb: *x\n", "f.yaml", pure=pure)
    assert isinstance(doc.root, Mapping)
    assert doc.root.get("a") is doc.root.get("b")


@pytest.mark.parametrize("depth", [65, 100_000])
def test_deep_nesting_is_rejected(depth: int, pure: bool) -> None:
    message, peak = read_error_and_peak("[" * depth + "]" * depth, pure)
    if depth > 1000 and not pure:  # libyaml stops at its own limit of 1000 first
        assert message == "f.yaml:1:1001: YAML syntax error: exceeded maximum nesting depth"
    else:
        assert message == "f.yaml:1:65: nesting is deeper than 64 levels"
    assert peak < 20 * 1024 * 1024


def test_nesting_at_the_limit_is_fine(pure: bool) -> None:
    doc = yamldoc.read("[" * 64 + "]" * 64, "f.yaml", pure=pure)
    assert isinstance(doc.root, Sequence)


def test_undefined_alias(pure: bool) -> None:
    assert (
        read_error("a: *nowhere\n", pure)
        == "f.yaml:1:4: alias '*nowhere' names no anchor defined before it"
    )


def test_self_referencing_anchor_is_not_a_cycle(pure: bool) -> None:
    assert (
        read_error("a: &x [*x]\n", pure)
        == "f.yaml:1:8: alias '*x' names no anchor defined before it"
    )


def test_collection_as_key(pure: bool) -> None:
    assert read_error("? [a, b]\n: c\n", pure) == "f.yaml:1:3: mapping keys must be plain strings"


def test_control_character(pure: bool) -> None:
    assert read_error("a: b\x07c\n", pure) == "f.yaml:1:5: character U+0007 is not allowed in YAML"


def test_bad_explicit_int(pure: bool) -> None:
    assert read_error("a: !!int twelve\n", pure) == "f.yaml:1:4: 'twelve' is not a valid int"


def test_empty_explicit_int(pure: bool) -> None:
    """Found by Hypothesis: PyYAML's own constructor raises IndexError here."""
    assert read_error('a: !!int ""\n', pure) == "f.yaml:1:4: '' is not a valid int"
