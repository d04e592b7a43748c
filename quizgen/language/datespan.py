"""Dates against other dates: where a wrong date may lie, and making such dates fast.

A wrong date must contradict nothing the item says: "On what date in 2018
...?" keeps every option in 2018; "... for which the airstrikes of 29 December
2019 retaliated?" keeps them before that day, as the key is; and none may
fall outside the span the fact file covers ("built in 2026" for a record that
ends in 2024 is a giveaway). Candidates are counted in whole units of the
key's precision (days, months or years) so that making them is integer
arithmetic, whatever the size of the fact base.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from itertools import filterfalse, islice
from random import Random

from quizgen.language.dates import MONTHS, FactDate, Precision, interval

Interval = tuple[int, int]
_MONTH = "|".join(MONTHS)
_DATE_IN_TEXT = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}}) (?P<m1>{_MONTH}) (?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTH}) (?P<d2>\d{{1,2}}), (?P<y2>\d{{4}})"
    rf"|(?P<m3>{_MONTH}) (?P<y3>\d{{4}})"
    rf"|(?P<y4>1[0-9]{{3}}|20[0-9]{{2}}))\b"
)
_DECADE_IN_TEXT = re.compile(r"\b(1[0-9]{2}|20[0-9])0s\b")
_STEPS = {Precision.DAY: (5, 500), Precision.MONTH: (1, 20), Precision.YEAR: (1, 7)}
SCAN = 60
"""Units walked outward from the key when random draws find too few free dates."""


def dates_in(text: str) -> list[FactDate]:
    """Every date a text writes: '4 September 2019', 'September 4, 2019', 'June 2018', '2019'."""
    out = []
    for m in _DATE_IN_TEXT.finditer(text):
        g = m.groupdict()
        name = g["m1"] or g["m2"] or g["m3"]
        day = g["d1"] or g["d2"]
        try:
            date = FactDate(
                int(g["y1"] or g["y2"] or g["y3"] or g["y4"]),
                MONTHS.index(name) + 1 if name else None,
                int(day) if day else None,
            )
            interval(date)
        except ValueError:
            continue
        out.append(date)
    return out


def relation(value: Interval, ref: Interval) -> int:
    """-1 wholly before ``ref``, 1 wholly after, 0 overlapping it."""
    return -1 if value[1] < ref[0] else 1 if value[0] > ref[1] else 0


def record_span(facts: Iterable[object]) -> Interval:
    """The days from the first to the last date of the facts (everything, if none)."""
    spans = [interval(d) for f in facts if (d := getattr(f, "date", None)) is not None]
    if not spans:
        return datetime.date.min.toordinal(), datetime.date.max.toordinal()
    return min(s[0] for s in spans), max(s[1] for s in spans)


def fits(value: Interval, key: Interval, refs: Iterable[Interval], record: Interval) -> bool:
    """On the key's side of (or inside, as the key is) every reference, and within the record."""
    return (
        value[1] >= record[0]
        and value[0] <= record[1]
        and all(relation(value, r) == relation(key, r) for r in refs)
    )


def references(key: FactDate, context: str) -> list[Interval]:
    """The dates a context names, other than the key itself, and the decades it names
    ("in the 2000s"): a decade bounds the options as a span of years does, where its
    digits alone would read as no date at all and let "2024" stand beside a key of 2006."""
    own = interval(key)
    found = [interval(d) for d in dates_in(context)]
    found += [
        (
            interval(FactDate(int(m.group(1)) * 10))[0],
            interval(FactDate(int(m.group(1)) * 10 + 9))[1],
        )
        for m in _DECADE_IN_TEXT.finditer(context)
    ]
    return [iv for iv in found if iv != own]


def unit(date: FactDate) -> int:
    """The date as a count of its own precision's units: days, months or years."""
    if date.precision is Precision.YEAR:
        return date.year
    assert date.month is not None
    if date.precision is Precision.MONTH:
        return date.year * 12 + date.month - 1
    return interval(date)[0]


def from_unit(precision: Precision, value: int) -> FactDate | None:
    try:
        if precision is Precision.YEAR:
            return FactDate(value) if 1 <= value <= 9999 else None
        if precision is Precision.MONTH:
            year, month = divmod(value, 12)
            return FactDate(year, month + 1) if 1 <= year <= 9999 else None
        day = datetime.date.fromordinal(value)
        return FactDate(day.year, day.month, day.day)
    except (ValueError, OverflowError):
        return None


def unit_of_day(precision: Precision, ordinal: int) -> int:
    """The unit of ``precision`` that contains a day."""
    if precision is Precision.DAY:
        return ordinal
    day = datetime.date.fromordinal(min(max(ordinal, 1), datetime.date.max.toordinal()))
    return day.year if precision is Precision.YEAR else day.year * 12 + day.month - 1


def unit_range(key: FactDate, refs: list[Interval], record: Interval) -> tuple[int, int]:
    """The units a wrong date may take: :func:`fits` as a range, so nothing is tried in vain."""
    p, span = key.precision, interval(key)
    lo, hi = unit_of_day(p, record[0]), unit_of_day(p, record[1])
    for ref in refs:
        side = relation(span, ref)
        if side < 0:  # wholly before: units ending before the reference starts
            hi = min(hi, unit_of_day(p, ref[0]) - 1)
        elif side > 0:
            lo = max(lo, unit_of_day(p, ref[1]) + 1)
        else:
            lo, hi = max(lo, unit_of_day(p, ref[0])), min(hi, unit_of_day(p, ref[1]))
    return lo, hi


def free_units(
    key: FactDate, *, taken: set[int], known: set[int], refs: list[Interval], record: Interval
) -> dict[int, list[int]]:
    """The units a wrong date may take on each side of the key (-1 before it, 1 after),
    nearest first: within SCAN of it, as :func:`fits` allows, and none ``taken`` or
    ``known``. How many each side holds is the room the key has for every rank."""
    own = unit(key)
    lo, hi = unit_range(key, refs, record)
    free: dict[int, list[int]] = {}
    for direction, room in ((-1, own - lo), (1, hi - own)):
        room = max(0, min(room, SCAN))
        nearest_first = range(own + direction, own + direction * (room + 1), direction)
        free[direction] = [v for v in nearest_first if v not in taken and v not in known]
    return free


def pick(
    key: FactDate, units: list[int], wanted: int, rng: Random, taken: set[int]
) -> list[FactDate]:
    """Up to ``wanted`` of ``units`` (one side of the key, nearest first), a step of the
    usual size for the key's precision preferred, the nearest free units after; each
    picked is added to ``taken``."""
    precision, own = key.precision, unit(key)
    low, high = _STEPS[precision]
    units = list(filterfalse(taken.__contains__, units))
    if wanted <= 0 or not units:
        return []
    # the units lie nearest first (farther and farther from the key): those a usual step
    # away are one run of them
    usual = units[
        bisect_left(units, low, key=lambda v: abs(v - own)) : bisect_right(
            units, high, key=lambda v: abs(v - own)
        )
    ]
    picked = rng.sample(usual, min(wanted, len(usual)))
    picked += list(islice(filterfalse(picked.__contains__, units), wanted - len(picked)))
    out = []
    for value in picked:
        date = from_unit(precision, value)
        if date is not None:
            taken.add(value)
            out.append(date)
    return out


def near(
    key: FactDate,
    need: int,
    rng: Random,
    *,
    taken: set[int],
    known: set[int],
    refs: list[Interval],
    record: Interval,
) -> list[FactDate]:
    """Up to ``need`` dates of the key's precision near it, on either side (for a false
    statement, where no rank is shown; options shown in order draw the key's rank first
    from :func:`free_units` and :func:`pick`: see
    :meth:`quizgen.items.distractors.DistractorIndex.date_options`).

    Never a date in ``taken`` (options already chosen) or ``known`` (dates of
    any fact: another event's date may be true as well), and only dates that
    :func:`fits` allows. Each side offers the free units within SCAN of the
    key; draws prefer a step of the usual size (a few days to a few months,
    months, or years, by precision) and fall back to the nearest free units,
    so the work per item is bounded however full the calendar is.
    """
    free = free_units(key, taken=taken, known=known, refs=refs, record=record)
    out: list[FactDate] = []
    earlier = rng.randint(0, need)
    for direction, wanted in ((-1, earlier), (1, need - earlier), (-1, need), (1, need)):
        out += pick(key, free[direction], min(wanted, need - len(out)), rng, taken)
    return out


def lone_unit(key: FactDate, others: Iterable[FactDate]) -> str | None:
    """The part of the key's date ('year', 'month') that no other option shares while each
    other option shares its own with another, else None.

    Three invented dates of late 2020 beside the only key of 2021 single the key out by
    its year: a learner who knows only that the event was 'in 2021', or who sees the
    odd one out, picks it. Options each of their own year (2019, 2020, 2021, 2022)
    single out none.
    """
    dates = list(others)
    if len(dates) < 2:
        return None
    parts: list[tuple[str, Callable[[FactDate], object]]] = [("year", lambda d: d.year)]
    if key.month is not None and key.day is not None:
        parts.append(("month", lambda d: (d.year, d.month)))
    own = unit(key)
    sides = {1 if unit(d) > own else -1 for d in dates}
    step = _STEPS[key.precision][0]
    for name, part in parts:
        theirs = [part(d) for d in dates]
        if part(key) not in theirs and all(theirs.count(p) >= 2 for p in theirs):
            if len(sides) == 1:
                # the key first or last, its year (month) ending within a step of it toward
                # the others: none could share it (29 December 2019 before dates of 2020),
                # and the key must take that rank as often as any other
                side = sides.pop()
                room = 0
                while room <= step:
                    near = from_unit(key.precision, own + side * (room + 1))
                    if near is None or part(near) != part(key):
                        break
                    room += 1
                if room < step:
                    return None
            return name
    return None
