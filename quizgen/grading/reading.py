"""Reading a learner's reply: names as keys, numbers with their units, dates in any order.

Every function here is pure and small, and has a twin of the same name in
``quizgen/web/static/grading.js``: the study page reads a reply exactly as the
terminal does (a test runs one table of cases through both).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from quizgen.grading.lexicon import lexicon
from quizgen.language.dates import without_ordinals
from quizgen.language.text import DIGIT_SEPARATORS, join_letters

_APOSTROPHES = re.compile(r"[’‘ʼ`´]")
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])'s\b")
_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NON_WORD = re.compile(r"[\W_]+")
_ARTICLE = re.compile(r"(?<![^\W_])[ae](?:sh|th|dh|[lnrstdz])-(?=[^\W\d_])")
"""Arabic's article joined to its noun, as transliterations write it before any letter
('al-', 'el-') or assimilated ('ez-Zor', 'ar-Rutbah', 'ash-Sham'): no part of the name."""


def plain(text: str) -> str:
    """Lower case, accents and diacritics gone, one kind of apostrophe: the common first step."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _APOSTROPHES.sub("'", stripped.casefold())


def name_words(text: str, *, articles: bool = False) -> list[str]:
    """A name as words compared: lower case, no accents, punctuation, possessive 's, 'the',
    or Arabic article ('al-', 'el-', 'az-': 'Dayr az-Zawr' is 'Dayr al-Zawr'); an
    acronym's letters joined; abbreviations and spellings read as one form ('Intl' is
    'international', 'Defence' is 'defense'). With ``articles`` a joined article stays
    (the spec's run-together forms: 'Deir Ezzor' is 'Deir ez-Zor')."""
    lex = lexicon()
    s = plain(text) if articles else _ARTICLE.sub("", plain(text))
    s = DIGIT_SEPARATORS.sub("", _POSSESSIVE.sub("", s).replace("'", ""))
    words = [lex.words.get(w, w) for w in join_letters(_NON_WORD.sub(" ", s).split())]
    kept = [w for w in words if w != "the" and (articles or w not in lex.particles)]
    if kept and kept[0] in ("a", "an") and len(kept) > 1:
        kept = kept[1:]
    return kept or words


def key(text: str) -> str:
    """:func:`name_words` as one string: two names are one when their keys are equal."""
    return " ".join(name_words(text))


def split_heads(words: list[str]) -> tuple[list[str], list[str]]:
    """(core, heads): generic heads taken off a name's ends ('the Hamas movement',
    'River Euphrates', 'the city of Hama', 'Rukban refugee camp')."""
    lex = lexicon()
    core, heads = list(words), []
    for _ in range(2):
        if len(core) > 1 and " ".join(core[-2:]) in lex.head_group:
            heads.append(" ".join(core[-2:]))
            core = core[:-2]
        elif len(core) > 1 and core[-1] in lex.head_group:
            heads.append(core[-1])
            core = core[:-1]
    if len(core) > 2 and core[1] == "of" and core[0] in lex.head_group:
        heads.append(core[0])
        core = core[2:]
    elif len(core) > 1 and core[0] in lex.head_first:
        heads.append(core[0])
        core = core[1:]
    return core, heads


def head_group(heads: list[str]) -> str | None:
    """The one group all ``heads`` belong to ('' when they mix groups; None for no head)."""
    groups = {lexicon().head_group[h] for h in heads}
    if not groups:
        return None
    return groups.pop() if len(groups) == 1 else ""


# -- numbers ---------------------------------------------------------------------------

_SPACED = re.compile(r"\b(\d{1,3})((?: \d{3})+)\b")
_GLUED = re.compile(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)")
_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+(?:/[^\W\d_]+)?|[~%]")


@dataclass(frozen=True, slots=True)
class Number:
    """A number a reply gives: its value, the unit after it (a lexicon key), and whether it
    was written in words and as a bare two-digit year ('twenty eighteen' is two)."""

    value: float
    unit: str | None = None
    words: bool = False


Token = Number | str


def number_tokens(text: str) -> list[Token]:
    """The reply as words and :class:`Number` s: '74.1k' is 74100, 'a hundred and seventy' 170,
    'seventy-four thousand one hundred' 74100, '24km' 24 with the unit 'km'."""
    lex = lexicon()
    s = plain(text)
    s = _SPACED.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), s)
    # '74.100' is read as thousands only where no other dot is
    s = DIGIT_SEPARATORS.sub("", s) if s.count(".") == 1 else _COMMA.sub("", s)
    s = _GLUED.sub(" ", s.replace("-", " "))
    raw = _TOKEN.findall(s)
    out: list[Token] = []
    i = 0
    while i < len(raw):
        word = raw[i]
        if word[0].isdigit():
            value = float(word)
            if i + 1 < len(raw) and raw[i + 1] in lex.scales:
                value *= lex.scales[raw[i + 1]]
                i += 1
            out.append(Number(value))
            i += 1
            continue
        taken, value = _spelled(raw, i)
        if taken:
            out.append(Number(value, words=True))
            i += taken
            continue
        out.append(word)
        i += 1
    return _with_units(out)


def _spelled(raw: list[str], start: int) -> tuple[int, float]:
    """How many words from ``start`` spell one number, and its value (0 words: none).

    'twenty eighteen' is two numbers (20, then 18), as a year is said; 'twenty-four' one.
    """
    lex = lexicon()
    total, current, taken, last = 0, 0, 0, ""
    i = start
    while i < len(raw):
        w = raw[i]
        if w in ("a", "an") and i + 1 < len(raw) and raw[i + 1] in lex.scales and not taken:
            current, taken, last = 1, taken + 1, "unit"
        elif w in lex.number_words:
            n = lex.number_words[w]
            if last == "tens" and 0 < n < 10:
                current += n
                last = "unit"
            elif last in ("", "scale", "and"):
                current += n
                last = "tens" if n >= 20 and n % 10 == 0 else "unit"
            else:
                break
        elif w in lex.scales and taken and w != "k":
            scale = lex.scales[w]
            if scale == 100:
                current *= 100
            else:
                total += current * scale
                current = 0
            last = "scale"
        elif w == "and" and taken and last == "scale":
            last = "and"
        else:
            break
        taken = i - start + 1
        i += 1
    if last == "and":
        taken -= 1
    return taken, float(total + current)


def _with_units(tokens: list[Token]) -> list[Token]:
    """Each number followed by a unit takes it ('400 km', '15 square miles')."""
    lex = lexicon()
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if isinstance(t, Number) and t.unit is None:
            two = tokens[i + 1 : i + 3]
            if len(two) == 2 and all(isinstance(x, str) for x in two):
                pair = f"{two[0]} {two[1]}"
                if pair in lex.units:
                    out.append(Number(t.value, pair, t.words))
                    i += 3
                    continue
            if (
                i + 1 < len(tokens)
                and isinstance(tokens[i + 1], str)
                and tokens[i + 1] in lex.units
            ):
                out.append(Number(t.value, str(tokens[i + 1]), t.words))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


# -- dates -----------------------------------------------------------------------------

_NUMERIC = re.compile(r"(\d{1,4})([/.-])(\d{1,2})(?:\2(\d{1,4}))?\.?")
_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{4})")
_SHORT_YEAR = re.compile(r"'(\d{2})\b")


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a date in a reply: ``year`` negative where only its last two
    digits were given (-18 for '18), so the grader can place it near the key's year."""

    year: int | None
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True)
class DateReply:
    """Every reading of the date a reply gives, and the words beside it."""

    readings: tuple[Reading, ...]
    words: tuple[str, ...]
    """Words that are no part of a date (fillers gone): the grader judges them."""
    qualifiers: frozenset[str]
    """'early', 'mid', 'late' (and seasons) the reply places its date with."""


def month_number(word: str) -> int | None:
    """A month from its name, a 3+ letter prefix ('Sept', 'Nov.'), a one-letter slip, or its
    name in another common language ('Mai', 'février')."""
    from rapidfuzz.distance import OSA

    word = word.rstrip(".")
    if len(word) < 3:
        return None
    if word in lexicon().other_months:  # '14 Mai 1948'
        return lexicon().other_months[word]
    for i, name in enumerate(lexicon().months):
        if name.startswith(word) or (len(word) >= 4 and OSA.distance(word, name) <= 1):
            return i + 1
    return None


def read_date(text: str) -> DateReply:
    """The dates a reply may mean: '4/9/2019' both ways, '15.2.' with no year, "June '18",
    'twenty eighteen', 'Friday 14 May 1948'; words that are no date are kept apart."""
    lex = lexicon()
    s = without_ordinals(plain(text).strip())
    if (m := _MONTH_YEAR.fullmatch(s)) is not None:
        given = int(m.group(1))
        return DateReply(
            (Reading(int(m.group(2)), given),) if 1 <= given <= 12 else (), (), frozenset()
        )
    if (m := _NUMERIC.fullmatch(s)) is not None:
        return DateReply(_numeric(m), (), frozenset())
    nums: list[tuple[int, bool, bool]] = []  # (value, two-digit year mark, said in words)
    month: int | None = None
    words: list[str] = []
    qualifiers: set[str] = set()
    short = False
    for t in number_tokens(_SHORT_YEAR.sub(r" yy \1 ", s)):
        if isinstance(t, Number):
            nums.append((int(t.value), short, t.words))
            short = False
        elif t == "yy":
            short = True
        elif t in lex.qualifier:
            qualifiers.add(lex.qualifier[t])
        elif t in lex.seasons:
            qualifiers.add(t)
        elif t in lex.weekdays or t in lex.date_fillers:
            continue
        elif month is None and (found := month_number(t)) is not None:
            month = found
        else:
            words.append(t)
    return DateReply(tuple(_spoken(nums, month)), tuple(words), frozenset(qualifiers))


def _numeric(m: re.Match[str]) -> tuple[Reading, ...]:
    """'25/02/2021', '02/25/21', '2021-02-25', '2019-11', '15.2.': each reading that exists."""
    a, b, c = m.group(1), m.group(3), m.group(4)
    x, y = int(a), int(b)
    if c is None:  # year-month, or day and month without a year
        if len(a) == 4:
            return (Reading(x, y),) if 1 <= y <= 12 else ()
        return _day_month_either_way(None, x, y)
    if len(a) == 4:
        return (Reading(x, y, int(c)),) if 1 <= y <= 12 else ()
    if len(c) not in (2, 4):
        return ()
    return _day_month_either_way(int(c) if len(c) == 4 else -int(c), x, y)


def _day_month_either_way(year: int | None, x: int, y: int) -> tuple[Reading, ...]:
    """``x`` and ``y`` read as day then month (European), then as month then day (US):
    each reading that exists, once."""
    out = []
    if 1 <= y <= 12 and 1 <= x <= 31:
        out.append(Reading(year, y, x))
    if 1 <= x <= 12 and 1 <= y <= 31 and x != y:
        out.append(Reading(year, x, y))
    return tuple(out)


def _spoken(nums: list[tuple[int, bool, bool]], month: int | None) -> list[Reading]:
    """Readings of a date with its month in words (or none): which number is the day and
    which the year, and a year said as two numbers ('twenty eighteen', 'nineteen eighty-two')."""
    if len(nums) == 2 and nums[0][2] and nums[1][2] and 10 <= nums[0][0] <= 99 >= nums[1][0]:
        nums = [(nums[0][0] * 100 + nums[1][0], False, True)]
    years = [v for v, _, _ in nums if v >= 1000]
    small = [(v, short) for v, short, _ in nums if v < 1000]
    if len(years) > 1 or len(small) > 2 or (years and len(small) > 1):
        return []
    if years:
        if not small:
            return [Reading(years[0], month)]
        day = small[0][0]
        return [Reading(years[0], month, day)] if month and 1 <= day <= 31 else []
    if month is None:
        return [Reading(-small[0][0])] if len(small) == 1 and small[0][1] else []
    if not small:
        return [Reading(None, month)]
    if len(small) == 1:
        v, short = small[0]
        if short:
            return [Reading(-v, month)]
        if 1 <= v <= 31:
            return [Reading(None, month, v)]  # 'June 18' is the 18th of June
        return [Reading(-v, month)] if v <= 99 else []
    (day, day_short), (year, _) = small
    if day_short or not 1 <= day <= 31 or year > 99:
        return []
    return [Reading(-year, month, day)]
