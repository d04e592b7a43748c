"""Dates as the fact file and the learner write them: one module, the bottom layer.

A fact's date is known to a day, a month or a year ('4 September 2019',
'June 2018', '2019'). The loader reads it strictly, questions write it,
distractors move it, timelines compare spans of it and grading reads what a
learner typed loosely. All of that lives here, so every part agrees on one
reading of a date; nothing in this module knows facts or questions.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    """How much of a date the source text gives: '4 September 2019', 'June 2018' or '2019'."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
"""English month names, fixed: ``calendar.month_name`` follows the process locale."""

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_SPOKEN = re.compile(
    r"(?:(?P<d1>\d{1,2}) )?(?P<m1>[A-Z][a-z]+) (?P<y1>\d{4})"  # 4 September 2019 / June 2018
    r"|(?P<m2>[A-Z][a-z]+) (?P<d2>\d{1,2}), (?P<y2>\d{4})"  # September 4, 2019
    r"|(?P<y3>\d{4})"  # 2019
)
_MONTH_FIRST = re.compile(r"[A-Z][a-z]+ \d")
_LOOSE_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b")
_LOOSE_SPLIT = re.compile(r"[\s,./-]+")
_MONTH_NAMES = [m.lower() for m in MONTHS]
_FILLER = frozenset(
    [
        "in",
        "on",
        "of",
        "the",
        "since",
        "by",
        "early",
        "late",
        "mid",
        "around",
        "about",
        "circa",
    ]
)


@dataclass(frozen=True, slots=True)
class FactDate:
    """A calendar date known to day, month or year precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @classmethod
    def parse_iso(cls, text: str) -> FactDate:
        """Read ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ValueError says what is wrong.

        Year 0 is refused: the calendar (and :mod:`datetime`, which shifting
        and intervals use) starts at year 1.
        """
        match = _ISO.fullmatch(text.strip())
        if not match:
            raise ValueError("write it as YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if year < 1:
            raise ValueError("there is no year 0; years start at 0001")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"there is no month {month}")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{MONTHS[month - 1]} {year} has no day {day}")
        return cls(year, month, day)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order, a month or year before the days inside it."""
        return (self.year, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        """The form the answers use: '4 September 2019', 'June 2018', '2019'."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        return f"{month} {self.year}" if self.day is None else f"{self.day} {month} {self.year}"


def _from_parts(year: int | str, month: int | None, day: int | str | None) -> FactDate:
    """Build through :meth:`FactDate.parse_iso` so every reader checks dates the same way."""
    return FactDate.parse_iso(
        f"{int(year):04d}"
        + (f"-{month:02d}" if month is not None else "")
        + (f"-{int(day):02d}" if day is not None else "")
    )


def spoken_date(text: str) -> FactDate | None:
    """Read an answer written as a date ('4 September 2019', 'June 2018', '2019').

    Strict on purpose: the loader uses it to check that an answer is written
    as its date, so only the forms answers are written in are accepted.
    """
    match = _SPOKEN.fullmatch(text.strip())
    if not match:
        return None
    g = match.groupdict()
    month_name, day, year = g["m1"] or g["m2"], g["d1"] or g["d2"], g["y1"] or g["y2"] or g["y3"]
    month = MONTHS.index(month_name) + 1 if month_name in MONTHS else None
    if month_name and month is None:
        return None
    try:
        return _from_parts(year, month, day)
    except ValueError:
        return None


def chronological_key(text: str) -> tuple[int, int, int]:
    """Sort key of a written date (:func:`spoken_date`); text that is no date sorts first."""
    date = spoken_date(text)
    return date.sort_key() if date else (0, 0, 0)


def _month(word: str) -> int | None:
    """A month from its name, a 3+ letter prefix, or a near-miss spelling ('Setpember')."""
    word = word.lower().rstrip(".")
    if len(word) < 3:
        return None
    # Imported here: rapidfuzz costs more to import than the whole loader, and
    # only grading a typed answer needs it.
    from rapidfuzz.distance import OSA

    for i, name in enumerate(_MONTH_NAMES):
        if name.startswith(word) or (len(word) >= 4 and OSA.distance(word, name) <= 1):
            return i + 1
    return None


_NUMERIC_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_NUMERIC_YMD = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})")
_NUMERIC_MY = re.compile(r"(\d{1,2})[/.](\d{4})")


def _numeric(text: str) -> FactDate | None:
    """25/02/2021, 02/25/2021, 25.02.2021, 2021/02/25, 12/2024: when only one reading exists."""
    if (m := _NUMERIC_DMY.fullmatch(text)) is not None:
        a, b, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if a > 12 >= b or a == b:
            return _from_parts(year, b, a)
        if b > 12 >= a:
            return _from_parts(year, a, b)
        return None  # both readings possible (or neither)
    if (m := _NUMERIC_YMD.fullmatch(text)) is not None:
        return _from_parts(m.group(1), int(m.group(3)), m.group(4))
    if (m := _NUMERIC_MY.fullmatch(text)) is not None:
        return _from_parts(m.group(2), int(m.group(1)), None)
    return None


def without_ordinals(text: str) -> str:
    """'4th' as '4', '21st' as '21': the one rule by which a learner's ordinal day is read
    as its number, here and by the grader's date reader."""
    return _ORDINAL.sub(r"\1", text)


def parse_loose(text: str) -> FactDate | None:
    """Read a typed date loosely: '4 Sept 2019', 'September 4th 2019', '2019-09-04', 'June 2018'.

    A learner's answer, not a fact file: ordinals, abbreviations, a typo in
    the month and filler words ('in early 2018') are forgiven, and all-number
    dates are read when only one reading exists (25/02/2021, 02/25/2021,
    25.02.2021, 12/2024); an impossible or ambiguous date, or a day
    without a month, is not a date at all (None).
    """
    cleaned = without_ordinals(text.strip().lower())
    iso = _LOOSE_ISO.fullmatch(cleaned)
    try:
        if (
            _NUMERIC_DMY.fullmatch(cleaned)
            or _NUMERIC_YMD.fullmatch(cleaned)
            or _NUMERIC_MY.fullmatch(cleaned)
        ):
            return _numeric(cleaned)
        if iso:
            y, m, d = iso.groups()
            return _from_parts(y, int(m) if m is not None else None, d)
        tokens = [t for t in _LOOSE_SPLIT.split(cleaned) if t and t not in _FILLER]
        numbers = [t for t in tokens if t.isdigit()]
        words = [t for t in tokens if not t.isdigit()]
        if len(words) > 1 or len(numbers) not in (1, 2):
            return None
        month = _month(words[0]) if words else None
        if words and month is None:
            return None
        year = next((int(n) for n in numbers if len(n) == 4), None)
        days = [int(n) for n in numbers if len(n) <= 2]
        if year is None or len(days) > 1 or (days and month is None):
            return None
        return _from_parts(year, month, days[0] if days else None)
    except ValueError:
        return None


def date_forms(date: FactDate) -> list[str]:
    """How a date may be written in a statement, longest first (to hide or find it)."""
    if date.month is None:
        return [str(date.year)]
    month = MONTHS[date.month - 1]
    if date.day is None:
        return [f"{month} {date.year}"]
    return [
        f"{date.day} {month} {date.year}",
        f"{month} {date.day}, {date.year}",
        f"{date.day} {month}",
        f"{month} {date.day}",
    ]


def write_like(answer: str, date: FactDate) -> str:
    """Write ``date`` in the style of ``answer``: 'September 4, 2019' or '4 September 2019'.

    Options of one item must look alike, or the odd one out gives the key away.
    """
    if date.day is not None and _MONTH_FIRST.match(answer):
        assert date.month is not None
        return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"
    return str(date)


def interval(date: FactDate) -> tuple[int, int]:
    """The first and last day the date covers, as proleptic Gregorian ordinals.

    '2019' spans all of 2019, 'June 2018' all of June: spans of mixed
    precision can then be compared, and two dates ordered only when their
    spans do not overlap.
    """
    month_first, month_last = (date.month, date.month) if date.month is not None else (1, 12)
    first = datetime.date(date.year, month_first, date.day or 1)
    last_day = date.day or calendar.monthrange(date.year, month_last)[1]
    return first.toordinal(), datetime.date(date.year, month_last, last_day).toordinal()
