"""Choosing the fact file, and the one text normalisation everything compares with."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.facts import FactDate, Precision
from quizgen.paths import bundled_facts, resolve_facts
from quizgen.text import fold, suggest


def test_resolution_order(tmp_path: Path) -> None:
    env = {"QUIZGEN_FACTS": "from-env.yaml"}
    assert resolve_facts("given.yaml", environ=env, cwd=tmp_path) == Path("given.yaml")
    assert resolve_facts(None, environ=env, cwd=tmp_path) == Path("from-env.yaml")
    assert resolve_facts(None, environ={}, cwd=tmp_path) == bundled_facts()
    (tmp_path / "facts.yaml").write_text("x", encoding="utf-8")
    assert resolve_facts(None, environ={}, cwd=tmp_path) == tmp_path / "facts.yaml"
    assert resolve_facts(None, environ={"QUIZGEN_FACTS": ""}, cwd=tmp_path) == \
        tmp_path / "facts.yaml"


@pytest.mark.parametrize("a,b", [
    ("The Quds Force", "quds force"),
    ("Kata'ib Hezbollah", "Kataib Hezbollah"),
    ("Iran–Iraq War", "iran iraq war"),
    ("74,100", "74100"),
    ("Déir ez-Zór", "deir ez zor"),
    ("  an   international crisis ", "International Crisis"),
])
def test_fold_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a,b", [("2018", "2019"), ("Thea", "a"), ("3.5", "35")])
def test_fold_keeps_differences(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_suggest() -> None:
    assert suggest("statment", ["statement", "question"]) == " (did you mean 'statement'?)"
    assert suggest("zzz", ["statement"]) == ""


@pytest.mark.parametrize("text,expected,precision", [
    ("2019-09-04", "4 September 2019", Precision.DAY),
    ("2019-11", "November 2019", Precision.MONTH),
    ("2018", "2018", Precision.YEAR),
    ("2024-02-29", "29 February 2024", Precision.DAY),
])
def test_fact_dates(text: str, expected: str, precision: Precision) -> None:
    date = FactDate.parse_iso(text)
    assert (str(date), date.precision, date.iso()) == (expected, precision, text)


@pytest.mark.parametrize("text", ["2023-02-29", "2019-00", "19-09-04", "2019-9-4", "early 2018"])
def test_bad_fact_dates(text: str) -> None:
    with pytest.raises(ValueError):
        FactDate.parse_iso(text)


def test_days_in_month_agrees_with_the_calendar() -> None:
    import calendar

    from quizgen.facts import days_in_month

    for year in (1900, 1948, 2000, 2023, 2024):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]
