"""The accepted answers an LMS short answer can hold: the grader's rules, written out.

Moodle (GIFT and Moodle XML) and Canvas (QTI) compare a typed answer with a list of
accepted texts, ignoring case but not punctuation, order or units. They cannot run
quizgen's grader, so an export writes out, for each typed or blank item, the forms
the grader would accept that a learner is likely to type: every name of the key's
entity with and without "the", dots in its acronyms, its abbreviation in brackets,
dashes and apostrophes as people type them, the word orders the grader derives;
a date in every common order and separator; a number with its unit spelt as people
spell it, in words, and converted. Moodle's wildcard (``*``) is never used: a
pattern wide enough to help ("the * Force") also accepts another thing ("the Basij
Force"), so every ``*`` in a form stands for itself (the exporters escape it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizgen.grading.lexicon import lexicon
from quizgen.grading.spec import Spec
from quizgen.language.dates import MONTHS
from quizgen.language.numbers import in_words

MAX_FORMS = 60
"""At most this many accepted texts per item: an LMS list, not an exhaustive grammar."""
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_DASH = re.compile(r"\s*[–—]\s*")
_APOSTROPHE = re.compile(r"[’']")


def forms(spec: Spec, answer: str, accepted: Sequence[str]) -> list[str]:
    """The texts an LMS should accept for an item, the key first (see the module notes)."""
    if spec.kind == "date":
        out = _dates(spec)
    elif spec.kind == "number":
        out = _numbers(spec)
    elif spec.kind == "period":
        out = _periods(spec)
    else:
        out = _names(spec, [answer, *accepted])
    seen: dict[str, str] = {}
    for text in [answer, *accepted, *out]:
        text = " ".join(text.split())
        if text.casefold().removeprefix("the ") in spec.cased:
            continue  # an LMS ignores case: 'IS' alone would accept the word 'is'
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return list(seen.values())[:MAX_FORMS]


def _names(spec: Spec, targets: Sequence[str]) -> list[str]:
    out: list[str] = []
    acronyms = [t for t in targets if _ACRONYM.fullmatch(t)]
    for t in targets:
        variants = {t, _DASH.sub("-", t), _DASH.sub(" ", t), _APOSTROPHE.sub("", t)}
        for v in list(variants):
            variants.add(_ACRONYM.sub(lambda m: ".".join(m.group()) + ".", v))
        for v in sorted(variants):
            out.append(v)
            if " " in v and not v.lower().startswith("the "):
                out.append(f"the {v}")
        if not _ACRONYM.fullmatch(t):
            out += [f"{t} ({a})" for a in acronyms]
    casing = {w.lower(): w for t in targets for w in re.findall(r"[\w'’-]+", t)}
    for name in spec.names:  # the word orders the grader derives ('River Euphrates')
        if " of " not in f" {name} " and " in " not in f" {name} ":
            out.append(" ".join(casing.get(w, w) for w in name.split()))
    return out


def _dates(spec: Spec) -> list[str]:
    year, month, day = spec.date
    if not month:
        return [str(year), f"in {year}"]
    name = MONTHS[month - 1]
    short = name[:3]
    if not day:
        return [
            f"{name} {year}",
            f"{short} {year}",
            f"{month}/{year}",
            f"{month:02d}/{year}",
            f"{year}-{month:02d}",
            *([name, short] if spec.year_given or spec.month_asked else []),
        ]
    out = [
        f"{day} {name} {year}",
        f"{name} {day}, {year}",
        f"{name} {day} {year}",
        f"{day} {short} {year}",
        f"{short} {day}, {year}",
        f"{day}{_ordinal(day)} {name} {year}",
        f"{day}{_ordinal(day)} of {name} {year}",
        f"{year}-{month:02d}-{day:02d}",
    ]
    for sep in ("/", ".", "-"):
        out += [f"{day}{sep}{month}{sep}{year}", f"{day:02d}{sep}{month:02d}{sep}{year}"]
        out += [f"{month}{sep}{day}{sep}{year}", f"{month:02d}{sep}{day:02d}{sep}{year}"]
        out.append(f"{day}{sep}{month}{sep}{year % 100:02d}")
    if spec.year_given:
        out += [f"{day} {name}", f"{name} {day}", f"{day} {short}", f"{short} {day}"]
    return out


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _numbers(spec: Spec) -> list[str]:
    lex = lexicon()
    value, unit = spec.numbers[0]
    out: list[str] = []
    for v, u in spec.numbers:
        n = int(v) if float(v).is_integer() else v
        plain = [str(n)] + ([f"{n:,}", f"{n:,}".replace(",", " ")] if isinstance(n, int) else [])
        words = in_words(n) if isinstance(n, int) else None
        spelt = [s for s in (*plain, words) if s]
        if u is None:
            out += spelt
            continue
        dimension, factor = lex.units[u]
        same = [k for k, (d, f) in lex.units.items() if d == dimension and f == factor]
        for s in spelt:
            out += [f"{s} {name}" for name in same] + ([f"{s}{u}"] if s[0].isdigit() else [])
        if (v, u) == (value, unit):
            out += spelt  # a bare number is read in the key's own unit
    return out


def _periods(spec: Spec) -> list[str]:
    if spec.decade:
        d = spec.decade
        tens = d % 100
        words = next((w for w, n in lexicon().decade_words.items() if n == tens), None)
        out = [
            f"{d}s",
            f"the {d}s",
            f"{d}'s",
            f"the {tens:02d}s",
            f"{tens:02d}s",
            f"the '{tens:02d}s",
        ]
        return out + ([f"the {words}", words] if words else [])
    first, last = spec.span
    return [
        f"{first}–{last}",
        f"{first}-{last}",
        f"{first} to {last}",
        f"from {first} to {last}",
        f"{first}–{last % 100:02d}",
        f"{first}-{last % 100:02d}",
        f"between {first} and {last}",
    ]
