"""Choosing the fact file, and the one text normalisation everything compares with."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.factfile.paths import bundled_facts, resolve_facts
from quizgen.language.text import fold, suggest


def test_resolution_order(tmp_path: Path) -> None:
    env = {"QUIZGEN_FACTS": "from-env.yaml"}
    assert resolve_facts("given.yaml", environ=env, cwd=tmp_path) == Path("given.yaml")
    assert resolve_facts(None, environ=env, cwd=tmp_path) == Path("from-env.yaml")
    assert resolve_facts(None, environ={}, cwd=tmp_path) == bundled_facts()
    (tmp_path / "facts.yaml").write_text("x", encoding="utf-8")
    assert resolve_facts(None, environ={}, cwd=tmp_path) == tmp_path / "facts.yaml"
    assert (
        resolve_facts(None, environ={"QUIZGEN_FACTS": ""}, cwd=tmp_path) == tmp_path / "facts.yaml"
    )


@pytest.mark.parametrize(
    "a,b",
    [
        ("The Quds Force", "quds force"),
        ("Kata'ib Hezbollah", "Kataib Hezbollah"),
        ("Iran–Iraq War", "iran iraq war"),
        ("74,100", "74100"),
        ("Déir ez-Zór", "deir ez zor"),
        ("  an   international crisis ", "International Crisis"),
    ],
)
def test_fold_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a,b", [("2018", "2019"), ("Thea", "a"), ("3.5", "35")])
def test_fold_keeps_differences(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_suggest() -> None:
    assert suggest("statment", ["statement", "question"]) == " (did you mean 'statement'?)"
    assert suggest("zzz", ["statement"]) == ""


@pytest.mark.parametrize("width", range(20, 61))
def test_a_dash_stays_with_the_words_before_it(width: int) -> None:
    from quizgen.language.wrapping import wrap

    line = "  - kataib: missed 3 of 3 — The faction named four members – as killed."
    parts = wrap(line, width)
    assert not [p for p in parts if p.lstrip().startswith(("—", "–"))], parts
    assert all(len(p) <= width for p in parts), parts
    assert " ".join(" ".join(parts).split()) == " ".join(line.split())
