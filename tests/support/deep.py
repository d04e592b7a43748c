"""Equality all the way down: every attribute, compared by ``==`` or not, and every type."""

from __future__ import annotations

import dataclasses
from typing import Any

from quizgen.facts import Entities


def same(a: Any, b: Any, where: str = "value") -> None:
    """Equal in every attribute, compared or not, and of the same types all the way down
    (``==`` on a FactBase skips fields marked compare=False, and Entities' indexes)."""
    assert type(a) is type(b), (where, type(a), type(b))
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, Entities):
        for name in Entities.__slots__:
            same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    elif isinstance(a, tuple | list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            same(a[key], b[key], f"{where}[{key!r}]")
    else:
        assert a == b, (where, a, b)
