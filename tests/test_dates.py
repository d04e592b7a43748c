"""Dates: strict and loose reading, writing, shifting and spans, at every precision."""

from __future__ import annotations

import calendar
import datetime
import itertools

import pytest

from quizgen.language.dates import (
    FactDate,
    Precision,
    chronological_key,
    date_forms,
    interval,
    parse_loose,
    spoken_date,
    write_like,
)
from quizgen.language.datespan import free_units, from_unit, references, unit


def every_day(year: int) -> list[FactDate]:
    first = datetime.date(year, 1, 1)
    days = 366 if calendar.isleap(year) else 365
    return [
        FactDate(d.year, d.month, d.day)
        for d in (first + datetime.timedelta(n) for n in range(days))
    ]


@pytest.mark.parametrize(
    "text,expected,precision",
    [
        ("2019-09-04", "4 September 2019", Precision.DAY),
        ("2019-11", "November 2019", Precision.MONTH),
        ("2018", "2018", Precision.YEAR),
        ("2024-02-29", "29 February 2024", Precision.DAY),
        ("2000-02-29", "29 February 2000", Precision.DAY),
        ("0001-01-01", "1 January 1", Precision.DAY),
    ],
)
def test_fact_dates(text: str, expected: str, precision: Precision) -> None:
    date = FactDate.parse_iso(text)
    assert (str(date), date.precision, date.iso()) == (expected, precision, text)


@pytest.mark.parametrize(
    "text,message",
    [
        ("2023-02-29", "February 2023 has no day 29"),
        ("1900-02-29", "February 1900 has no day 29"),  # a century, not a leap year
        ("2019-04-31", "April 2019 has no day 31"),
        ("2019-12-00", "December 2019 has no day 0"),
        ("2019-00", "there is no month 0"),
        ("2019-13-01", "there is no month 13"),
        ("0000", "there is no year 0"),
        ("19-09-04", "write it as"),
        ("2019-9-4", "write it as"),
        ("early 2018", "write it as"),
    ],
)
def test_bad_fact_dates(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FactDate.parse_iso(text)


@pytest.mark.parametrize("year", [2023, 2024, 1900, 2000])
def test_every_day_round_trips_through_every_reader(year: int) -> None:
    for date in every_day(year):
        assert FactDate.parse_iso(date.iso()) == date
        assert spoken_date(str(date)) == date
        assert parse_loose(str(date)) == date
        assert parse_loose(date.iso()) == date
        month_first = write_like("September 4, 2019", date)
        assert month_first != str(date) and spoken_date(month_first) == date
        assert str(date) in date_forms(date)


def test_months_and_years_round_trip() -> None:
    for month in range(1, 13):
        date = FactDate(2018, month)
        assert spoken_date(str(date)) == parse_loose(str(date)) == date
        assert FactDate.parse_iso(date.iso()) == date
    assert spoken_date("2019") == parse_loose("2019") == FactDate(2019)


@pytest.mark.parametrize(
    "text",
    [
        "4 Sept 2019",
        "31 February 2019",
        "Blorch 2019",
        "2019-09-04",
        "june 2018",
        "4 September",
        "September 4 2019",
        "19",
        "",
    ],
)
def test_spoken_date_reads_only_how_answers_are_written(text: str) -> None:
    assert spoken_date(text) is None


def test_spoken_date_forgives_surrounding_space() -> None:
    assert spoken_date("  September 4, 2019 ") == FactDate(2019, 9, 4)


@pytest.mark.parametrize(
    "text,iso",
    [
        ("4 September 2019", "2019-09-04"),
        ("Sept 4 2019", "2019-09-04"),
        ("4th of September, 2019", "2019-09-04"),
        ("June 2018", "2018-06"),
        ("2019", "2019"),
        ("early 2018", "2018"),
        ("2019-9-4", "2019-09-04"),
        ("Setpember 4, 2019", "2019-09-04"),
        ("29 feb 2024", "2024-02-29"),
        ("in December 2024", "2024-12"),
    ],
)
def test_parse_loose(text: str, iso: str) -> None:
    date = parse_loose(text)
    assert date is not None and date.iso() == iso


@pytest.mark.parametrize(
    "text",
    [
        "4/9/2019",
        "31 February 2019",
        "29 Feb 2023",
        "Blorch 2019",
        "yesterday",
        "4 5 2019",
        "",
        "2019-0",
        "2019-09-0",
        "4 2019",
        "Ju 2019",
        "June July 2019",
    ],
)
def test_parse_loose_refuses(text: str) -> None:
    assert parse_loose(text) is None


def test_date_forms_longest_first() -> None:
    assert date_forms(FactDate(2019, 9, 4)) == [
        "4 September 2019",
        "September 4, 2019",
        "4 September",
        "September 4",
    ]
    assert date_forms(FactDate(2018, 6)) == ["June 2018"]
    assert date_forms(FactDate(2019)) == ["2019"]


@pytest.mark.parametrize(
    "date,amount,expected",
    [
        (FactDate(2024, 2, 28), 1, FactDate(2024, 2, 29)),
        (FactDate(2023, 2, 28), 1, FactDate(2023, 3, 1)),
        (FactDate(2024, 3, 1), -1, FactDate(2024, 2, 29)),
        (FactDate(2019, 12, 31), 1, FactDate(2020, 1, 1)),
        (FactDate(2019, 12), 1, FactDate(2020, 1)),
        (FactDate(2020, 1), -1, FactDate(2019, 12)),
        (FactDate(2020, 1), -13, FactDate(2018, 12)),
        (FactDate(2019, 6), 18, FactDate(2020, 12)),
        (FactDate(2019), -7, FactDate(2012)),
        (FactDate(1), -1, None),
        (FactDate(1, 1), -1, None),
        (FactDate(1, 1, 1), -1, None),
        (FactDate(9999, 12, 31), 1, None),
        (FactDate(9999, 12), 1, None),
    ],
)
def test_units_move_by_the_dates_own_precision(
    date: FactDate, amount: int, expected: FactDate | None
) -> None:
    moved = from_unit(date.precision, unit(date) + amount)
    assert moved == expected
    if moved is not None:
        assert moved.precision is date.precision
        assert from_unit(date.precision, unit(moved) - amount) == date


def test_write_like_follows_the_keys_style() -> None:
    date = FactDate(2021, 2, 25)
    assert write_like("4 September 2019", date) == "25 February 2021"
    assert write_like("September 4, 2019", date) == "February 25, 2021"
    assert write_like("September 4, 2019", FactDate(2021, 2)) == "February 2021"
    assert write_like("2019", FactDate(2021)) == "2021"


def ordinal(year: int, month: int, day: int) -> int:
    return datetime.date(year, month, day).toordinal()


@pytest.mark.parametrize(
    "date,first,last",
    [
        (FactDate(2019), (2019, 1, 1), (2019, 12, 31)),
        (FactDate(2024, 2), (2024, 2, 1), (2024, 2, 29)),
        (FactDate(2023, 2), (2023, 2, 1), (2023, 2, 28)),
        (FactDate(1900, 2), (1900, 2, 1), (1900, 2, 28)),
        (FactDate(2019, 12), (2019, 12, 1), (2019, 12, 31)),
        (FactDate(2019, 4), (2019, 4, 1), (2019, 4, 30)),
        (FactDate(2019, 9, 4), (2019, 9, 4), (2019, 9, 4)),
    ],
)
def test_interval_spans_the_whole_precision(
    date: FactDate, first: tuple[int, int, int], last: tuple[int, int, int]
) -> None:
    assert interval(date) == (ordinal(*first), ordinal(*last))


def test_intervals_nest_and_cover_the_year() -> None:
    year = interval(FactDate(2024))
    months = [interval(FactDate(2024, m)) for m in range(1, 13)]
    assert months[0][0] == year[0] and months[-1][1] == year[1]
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(months))
    for day in every_day(2024):
        start, end = interval(day)
        assert start == end and year[0] <= start <= year[1]
        assert day.month is not None
        month = months[day.month - 1]
        assert month[0] <= start <= month[1]


def test_chronological_key_orders_written_dates() -> None:
    texts = ["4 September 2019", "2019", "June 2018", "September 3, 2019", "September 2019"]
    assert sorted(texts, key=chronological_key) == [
        "June 2018",
        "2019",
        "September 2019",
        "September 3, 2019",
        "4 September 2019",
    ]
    assert chronological_key("not a date") == (0, 0, 0)


def test_a_decade_in_the_stem_bounds_the_options_as_a_span_of_years() -> None:
    """'2000s' is no date to the date reader (its digits run into the 's'), so a stem
    saying "In which year of the 2000s ...?" once bounded nothing: 2015 could stand
    beside a key of 2006, and 2024 (a second war) could too."""
    key = FactDate(2006)
    refs = references(key, "In which year of the 2000s did Israel fight a war with Hezbollah?")
    assert refs == [(interval(FactDate(2000))[0], interval(FactDate(2009))[1])]
    assert references(FactDate(1982), "in the 1980s") == [
        (interval(FactDate(1980))[0], interval(FactDate(1989))[1])
    ]
    record = (interval(FactDate(1948))[0], interval(FactDate(2024))[1])
    free = free_units(key, taken={2006}, known=set(), refs=refs, record=record)
    assert free == {-1: [2005, 2004, 2003, 2002, 2001, 2000], 1: [2007, 2008, 2009]}
    assert references(key, "a war of the 2000s and a war of 2006") == [
        (interval(FactDate(2000))[0], interval(FactDate(2009))[1])
    ]  # the key's own year is no reference
