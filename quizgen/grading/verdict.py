"""The verdict: a reply read and compared with an item's :class:`~quizgen.grading.spec.Spec`.

Pure and data-driven: the spec (and the fact base's :class:`~quizgen.grading.spec.World`)
hold everything derived from the key; this module reads the reply and compares.
``quizgen/web/static/grading.js`` is its twin, function for function, and one table
of grading cases runs through both.

A reply is right when it gives the key in any form a teacher accepts, and wrong
when it names another thing, another date, number or unit, or says more than the
key (a negation, a second number) - whatever its spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from quizgen.grading.lexicon import lexicon
from quizgen.grading.reading import (
    Number,
    Reading,
    head_group,
    key,
    name_words,
    number_tokens,
    plain,
    read_date,
    split_heads,
)
from quizgen.grading.spec import FORCE, GROUP, Spec, World

_BRACKET = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
_PREPOSITION = re.compile(r"\s*([^\W\d_]+)\s+(?=\S)")
_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_CONNECTORS = frozenset({"in", "of", "from", "at", "near", "on"})
_DECADE = re.compile(r"(?:^|\s)'?(\d{2})?(\d)0'?s(?=\s|$)")
_SPAN_WORDS = frozenset(
    {
        "from",
        "to",
        "between",
        "and",
        "until",
        "till",
        "through",
        "thru",
        "in",
        "the",
        "years",
        "year",
    }
)


@dataclass(frozen=True, slots=True)
class Verdict:
    correct: bool
    typo: bool = False


WRONG = Verdict(False)
RIGHT = Verdict(True)


def judge(spec: Spec, world: World, reply: str) -> Verdict:
    """The verdict on ``reply`` for the item ``spec`` describes."""
    if not key(reply) and not reply.strip():
        return WRONG
    if spec.kind == "date":
        return judge_date(spec, reply)
    if spec.kind == "number":
        return judge_number(spec, reply)
    if spec.kind == "period":
        return judge_period(spec, reply)
    return judge_name(spec, world, reply)


# -- names -----------------------------------------------------------------------------


def _other(spec: Spec, world: World, k: str) -> bool:
    """Whether the name key ``k`` stands for something other than the key."""
    owners = world.owners.get(k, ())
    return bool(owners) and k not in spec.names and not set(owners) & set(spec.own)


def _other_core(spec: Spec, world: World, core: str, group: str | None) -> bool:
    """Whether ``core`` (a name without its generic head) is also another thing's, with a
    head of ``group`` (any head when None): 'Syrian' is the desert's and the army's. What
    the key is part of or holds is no other thing here: 'US soldiers' are the US forces,
    though the United States is called 'the US military' too."""
    return any(
        owner not in spec.own
        and owner not in spec.related
        and (group is None or their in (group, None))
        for owner, their in world.core_owners.get(core, ())
    )


def initials(text: str) -> set[str]:
    """Acronyms a name makes: 'Palestine Liberation Organization' PLO, 'ImageSat
    International' ISI (a capital inside a word starts a part), with and without 'of'."""
    parts = _CAMEL.findall(plain_case(text))
    every = "".join(p[0] for p in parts).lower()
    big = "".join(p[0] for p in parts if p.lower() not in ("of", "the", "and", "for")).lower()
    return {every, big}


def plain_case(text: str) -> str:
    """``text`` without accents but with its case (capitals start the parts of a name)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _bracket_ok(spec: Spec, world: World, inner: str, outside: str) -> bool:
    """A bracket a teacher lets stand: another name of the key, its initials, or what
    :func:`_qualifier_ok` lets a reply add ('Iran–Iraq War (1980–1988)', 'PLO', '(Syria)',
    'Quds Force (IRGC)', 'Joe Biden (46th president)')."""
    k = key(inner)
    if not k:
        return True
    if k in spec.names or k in initials(outside):
        return True
    if set(world.owners.get(k, ())) & set(spec.own) and _names_key(spec, world, outside):
        return True  # 'Hezbollah Brigades (KH)': the same thing's other name, shown or not
    return _qualifier_ok(spec, world, inner)


def _names_key(spec: Spec, world: World, outside: str) -> bool:
    """Whether the reply outside its brackets is right by itself."""
    return judge_name(spec, world, outside).correct


def _qualifier_ok(spec: Spec, world: World, text: str) -> bool:
    """What a reply may add to the key in a bracket, after a comma or after 'in' or 'of':
    its country or what it lies in or is part of, or what lies in it ('Husaybah, Iraq',
    'Abu Kamal in Deir ez-Zor', 'Syria (Deir ez-Zor)'), with a direction ('eastern
    Syria'); a year or span in the key's years ('the hostage crisis of 1979'); or a
    description in words of the key's kind and of the prompt ('the jihadist group',
    '46th president', 'YPG-led'). Never another country, another thing, or a year
    outside the key's."""
    lex = lexicon()
    words = [w for w in name_words(text) if not (spec.place and w in lex.directions)]
    words = words[_leading(words, lex.links) :]  # 'part of the PMF'
    k = " ".join(words)
    if not k:
        return True
    if k in world.countries:
        if spec.country:  # 'Jordan (Hashemite Kingdom)', never 'Jordan (Iraq)'
            return k in spec.names
        return not spec.countries or k in spec.countries
    if _related(spec, world, words):
        return True
    years = [int(y) for y in re.findall(r"\d{4}", text)] + [
        int(y) + (spec.years[0] // 100) * 100 if spec.years else 0
        for y in re.findall(r"(?<=[–—-])(\d{2})\b", text)
    ]
    present = bool({"present", "now", "today"} & set(words))
    marks = {lex.life_marks[w] for w in words if w in lex.life_marks}
    rest = [
        w
        for w in words
        if not w.isdigit() and w not in ("present", "now", "today") and w not in lex.life_marks
    ]
    if years and not rest:
        return _years_ok(spec, years, present, marks)
    if years or _names_another(spec, world, words):
        return False
    if spec.place and _unknown_name(world, text, words):
        return True  # 'Jordan (Tower 22)': a place the file does not know, said of a place
    for size in range(min(4, len(words) - 1), 0, -1):  # '(US President)': its own country's
        if " ".join(words[:size]) in (*spec.countries, *spec.demonyms):
            words = words[size:]
            break
    named = {w for n in spec.names for w in n.split()}  # 'Syria (Assad)', '(46th president)'
    described = set(spec.describe) | set(spec.context) | _kind_words(spec) | named
    return all(
        (w in described or w in ("a", "an"))
        and (w not in world.countries or w in spec.countries)
        and (w not in world.demonyms or w in spec.demonyms)
        for w in words
    )


def _years_ok(spec: Spec, years: list[int], present: bool, marks: set[str]) -> bool:
    """Whether years a reply adds to the key agree with what the file knows of it: its
    period, or the years its fact speaks of (:attr:`~quizgen.grading.spec.Spec.years`);
    any year where it knows none. A person's birth year before them, a death year after,
    and a life or rule span around those years agree too ('(b. 1942)', '(d. 2020)', 'Ba'athist
    Syria (1963–2024)')."""
    if not spec.years:
        return True
    first, last = spec.years[0], spec.years[1] or 9999
    if marks == {"born"}:
        return spec.person and len(years) == 1 and years[0] <= first
    if marks == {"died"}:
        return spec.person and len(years) == 1 and years[0] >= (spec.years[1] or first)
    if marks:
        return False
    if len(years) == 2 and years[0] < first and years[1] >= last:
        return True  # a life or rule span around the years the file knows ('(1963–2024)')
    return all(first <= y <= last for y in years) or (present and years == [first])


def _unknown_name(world: World, text: str, words: list[str]) -> bool:
    """Whether ``text`` is a proper name ('Tower 22') the file knows nothing of: none of its
    words, nor all of them, a name of anything, a country or a demonym."""
    return (
        text.strip()[:1].isupper()
        and " ".join(words) not in world.owners
        and all(
            w not in world.owners and w not in world.countries and w not in world.demonyms
            for w in words
        )
    )


def _kind_words(spec: Spec) -> set[str]:
    """Words of the generic heads of the key's kind and its own names ('group', 'force'),
    and a person's titles ('president'): what a description of it may say it is."""
    lex = lexicon()
    own = {g for gs in spec.cores.values() for g in gs if g}
    heads = {
        w for h, g in lex.head_group.items() if g in spec.groups or g in own for w in h.split()
    }
    return heads | ({w for t in lex.titles for w in t.split()} if spec.person else set())


def _related(spec: Spec, world: World, words: list[str]) -> bool:
    """Whether ``words`` name (with or without a generic head) a thing the key lies in or
    is part of, or that lies in it: true of the key, per the fact file."""
    if not spec.related:
        return False
    core, _ = split_heads(words)
    for k in dict.fromkeys((" ".join(words), " ".join(core))):
        if set(world.owners.get(k, ())) & set(spec.related):
            return True
    return False


def _person_ok(spec: Spec, words: list[str]) -> bool:
    """A person's name with more or fewer given names ('Joseph R. Biden'): every word one
    of the key's own names, and the family name there."""
    lex = lexicon()
    known = [
        [w for w in n.split() if w not in lex.titles and w not in lex.suffixes] for n in spec.names
    ]
    vocabulary = {w for n in known for w in n}
    surnames = {n[-1] for n in known if n}
    given = {w[0] for w in vocabulary - surnames}  # a given name may be its initial ('J. Biden')
    return (
        bool(words)
        and words[-1] in surnames
        and all(w in vocabulary or (len(w) == 1 and w in given) for w in words[:-1])
    )


def _stripped(spec: Spec, world: World, words: list[str]) -> list[tuple[list[str], list[str]]]:
    """The reply's words, then each stretch of them left when words its own context
    already holds are taken off its ends ('Iranian-backed Popular Mobilization Forces',
    'Hamas in Gaza', 'Kirkuk, Iraq'), longest first, each with the words taken off. A
    stretch whose cut-off words name another thing, or say "and" or "or", is not one:
    'Hezbollah and Hamas' stays whole."""
    lex = lexicon()
    current = list(words)
    out: list[tuple[list[str], list[str]]] = [(current, [])]
    if spec.person:
        current = _without_country(spec, current)  # 'U.S. President Joe Biden'
        while len(current) > 1 and current[0] in lex.titles:
            current = current[1:]
        own = {*spec.describe, *spec.context, *(w for n in spec.names for w in n.split())}
        if len(current) > 2 and " ".join(current[:2]) in lex.titles and set(current[:2]) <= own:
            current = current[
                2:
            ]  # 'President Joe Biden', never 'Vice President Biden': another office
        while len(current) > 1 and (current[-1] in lex.suffixes or current[-1] in lex.person_heads):
            current = current[:-1]
        out.append((current, [w for w in words if w not in current]))
    if spec.country:  # 'the Israeli government', 'the government of Israel'
        if len(current) > 2 and current[0] in lex.state_heads and current[1] == "of":
            current = current[2:]
        while len(current) > 1 and current[-1] in lex.state_heads:
            current = current[:-1]
        if current != words:
            out.append((current, [w for w in words if w not in current]))
    n = len(current)
    cuts = [
        (i, j)
        for i in range(n)
        for j in range(n, i, -1)
        if (i, j) != (0, n)
        and _cut_before(spec, world, current[:i])
        and _cut_after(spec, world, current[j:])
    ]
    for i, j in sorted(cuts, key=lambda c: c[0] - c[1]):
        out.append((current[i:j], current[:i] + current[j:]))
    return out


def _without_country(spec: Spec, words: list[str]) -> list[str]:
    """A person's name without the person's own country said with a title before it: 'U.S.'
    of 'U.S. President Joe Biden', 'American' of 'American president Biden', 'of the United
    States' of 'President of the United States Joe Biden'. Another country stays."""
    titles = lexicon().titles
    for size in range(1, min(4, len(words) - 1)):
        said = " ".join(words[:size])
        if (said in spec.countries or said in spec.demonyms) and words[size] in titles:
            return words[size:]
    if len(words) > 3 and words[0] in titles and words[1] == "of":
        for size in range(1, min(4, len(words) - 2)):
            if " ".join(words[2 : 2 + size]) in spec.countries:
                return words[:1] + words[2 + size :]
    return words


def _cut_before(spec: Spec, world: World, words: list[str]) -> bool:
    """Words before the name a reply may carry: words of its own context that name no
    other country and nothing else ('Iranian-backed' Popular Mobilization Forces, 'US'
    DoD)."""
    if not words or " ".join(words) in spec.countries:
        return True
    words = [w for w in words if w not in spec.demonyms]  # 'the Iranian hostage crisis'
    if spec.place:  # 'eastern Syria'
        words = [w for w in words if w not in lexicon().directions]
    if not words:
        return True
    own = world_countries_words(spec)
    return all(
        w in spec.context and (w not in world.countries or w in own) for w in words
    ) and not _names_another(spec, world, words)


def _cut_after(spec: Spec, world: World, words: list[str]) -> bool:
    """Words after the name a reply may carry: 'in', 'of', 'at'... and words of its own
    context ('Hamas in Gaza'), the key's own country ('Kirkuk Iraq'), or common words of
    the prompt ('Iraqi border' where it asks about a border); never another country
    ('Rukban camp in Jordan') or another thing."""
    if not words:
        return True
    if words[0] == "to" and " ".join(words[1:]) in spec.ends:
        return True  # 'Al-Qa'im crossing to Husaybah'
    if len(words) <= 2 and all(w.isdigit() for w in words):
        return _qualifier_ok(spec, world, "–".join(words))  # 'Iran–Iraq War 1980–88'
    rest = words[1:] if words[0] in _CONNECTORS else words
    place = " ".join(rest)
    if place in world.countries:  # 'Kirkuk Iraq'; of a key whose country is not known, only
        if not spec.countries:  # 'ImageSat in Israel': 'ImageSat Israel' reads as a name
            return words[0] in _CONNECTORS
        return place in spec.countries
    if not rest:
        return False
    if words[0] in _CONNECTORS and _qualifier_ok(spec, world, " ".join(rest)):
        return True  # 'Husaybah in Al Anbar', 'the hostage crisis of 1979'
    if _names_another(spec, world, rest):
        return False
    if words[0] in _CONNECTORS:
        return all(w in spec.context for w in rest)
    return all(w in spec.prompt_words for w in rest)


def _names_another(spec: Spec, world: World, words: list[str]) -> bool:
    """Whether cut-off ``words`` say "and" or "or", or are together another thing's name."""
    return "and" in words or "or" in words or _other(spec, world, " ".join(words))


def world_countries_words(spec: Spec) -> set[str]:
    """Words of the key's country's names: 'Kirkuk, Iraq' may say where it is."""
    return {w for c in spec.countries for w in c.split()}


def _word_limit(spec: Spec, said: str, word: str) -> int:
    """Edits forgiven in one word: none in a short word, a number or an acronym ('IRG'
    is not 'IRGC'), one in a word of up to eight letters, two beyond."""
    lex = lexicon()
    longest = max(len(said), len(word))
    if longest < lex.typo_min_word or word.isdigit() or word in spec.acronyms:
        return 0
    return 2 if longest >= lex.typo_long_word else 1


def romanized(word: str) -> str:
    """``word`` with each spelling a transliteration may write another way in one form
    (the lexicon's ``transliterations``: 'saeedi' and 'saidi' are both 'saidi')."""
    for written, said in lexicon().transliterations:
        word = word.replace(written, said)
    return word


def _typo_distance(spec: Spec, words: list[str], target: list[str]) -> int | None:
    """Edits between two names of as many words, each word within its own allowance
    ('Euphrate', 'Syrain Desert'); None when they differ more (or in a digit). A word the
    reader took for an abbreviation is compared as typed too ('Corp', a slip of 'Corps')."""
    if len(words) != len(target):
        return None
    total = 0
    for a, b in zip(words, target, strict=True):
        if a == b:
            continue
        if len(target) == 1 and len(b) <= lexicon().typo_short_word and b.startswith(a):
            return None  # 'Nusr' for 'Nusra': a short name cut short is a part, not a slip
        if any(c.isdigit() for c in a + b):
            return None
        if romanized(a) == romanized(b):
            total += 1  # 'Saeedi' for 'Saidi': one sound, transliterated another way
            continue
        found = [
            d
            for x in (a, *lexicon().short_forms.get(a, ()))
            if (d := OSA.distance(x, b, score_cutoff=(limit := _word_limit(spec, x, b)))) <= limit
        ]
        if not found:
            return None
        total += min(found)
    return total


def judge_name(spec: Spec, world: World, reply: str) -> Verdict:
    """A name: any name of the key, in any form it derives; never another thing's name.

    A reply that is itself another thing's name is wrong, unless it is the key's name
    with a common word of the prompt beside it ('Kirkuk airbase' where the question
    asks where the airbase was attacked)."""
    k = key(reply)
    if not _cased_ok(spec, reply):
        return WRONG
    if k in spec.names or k in spec.parts:
        return RIGHT  # 'IRGC Quds Force': a part named with its whole says the whole
    if k in spec.shown:
        return WRONG
    if "/" in reply and all(judge_name(spec, world, p).correct for p in reply.split("/")):
        return RIGHT  # 'ISIL/ISIS': two names of the key
    prep = _PREPOSITION.match(reply)
    if prep is not None and plain(prep.group(1)) in spec.preps:
        return judge_name(spec, world, reply[prep.end() :])  # 'near Kirkuk' for "Where...?"
    if _asked_core(spec, world, k):
        return RIGHT  # 'Al-Qa'im' for "Which border crossing...?"
    another = _other(spec, world, k)
    outside = _BRACKET.sub(" ", reply)
    for inner in _BRACKET.findall(reply):
        if not _bracket_ok(spec, world, inner, outside):
            return WRONG
    main, *tails = outside.split(",")
    for tail in tails:
        if not _qualifier_ok(spec, world, tail):
            return WRONG
    candidates = _stripped(spec, world, name_words(main))
    whole = None if another else _name_words(spec, world, candidates[0][0])
    if whole is not None and whole.correct:
        return whole
    for words, cut in candidates[1:]:
        if another and not set(cut) <= set(spec.prompt_words):
            continue
        verdict = _name_words(spec, world, words)
        if verdict is not None and verdict.correct:
            return verdict
    if another or whole is not None:
        return WRONG
    return _typo(spec, world, [words for words, _ in candidates])


def _asked_core(spec: Spec, world: World, k: str) -> bool:
    """Whether ``k`` is the core of one of the key's own names whose head the prompt names
    (:attr:`~quizgen.grading.spec.Spec.asked`), and no other thing's core with that head."""
    if k in world.countries or k in world.demonyms:
        # 'the U.S.' for "Which forces...?" where the key is the American forces: a state's
        # forces are the state acting; 'Syrian' for "In which desert...?" names the country
        said = _country(world, k)
        return FORCE in spec.asked and any(_country(world, b) == said for b in spec.bare)
    return k in spec.bare and any(
        g in spec.cores[k] and not _other_core(spec, world, k, g) for g in spec.asked
    )


def _cased_ok(spec: Spec, reply: str) -> bool:
    """Whether each name of two capitals the reply gives ('IS', 'I.S.') is written so: the
    word 'is' is no name."""
    said = name_words(reply)
    return all(
        re.search(rf"\b(?:{n.upper()}\b|(?i:{n[0]}\.{n[1]}\.?))", plain_case(reply)) is not None
        for n in spec.cased
        if n in said
    )


def _name_words(spec: Spec, world: World, words: list[str]) -> Verdict | None:
    """RIGHT or WRONG if these words settle it, None to read on."""
    k = " ".join(words)
    if not k:
        return None
    joined = k.replace(" ", "")
    if (
        k in spec.names
        or k in spec.parts
        or joined in spec.solid
        or joined in {n.replace(" ", "") for n in spec.names}
    ):
        return RIGHT
    if k in spec.shown:
        return WRONG
    if _other(spec, world, k):
        return WRONG
    if spec.person and _person_ok(spec, words):
        return RIGHT
    core, heads = split_heads(words)
    ck = " ".join(core)
    if _members(spec, words):
        return RIGHT  # 'al-Nusra Front fighters': the group's people are the group
    if ck not in spec.cores and heads:
        ck = _with_end(spec, ck)
    if ck not in spec.cores:
        return None
    groups = spec.cores[ck]
    if not heads:  # 'Quds' for 'Quds Force': only where nothing else is so called
        if ck not in spec.bare:
            return None
        return WRONG if _other_core(spec, world, ck, None) or _other(spec, world, ck) else RIGHT
    said = {lexicon().head_group[h] for h in heads}
    if len(said) != 1:
        return None
    g = said.pop()
    if g in groups or (None in groups and g in spec.groups):
        return WRONG if _other_core(spec, world, ck, g) else RIGHT
    return None


def _with_end(spec: Spec, core: str) -> str:
    """A crossing's core joined to a place it leads to ('Al-Qa'im–Abu Kamal' crossing) as
    the key's own core; ``core`` itself otherwise."""
    for end in spec.ends:
        if core.endswith(f" {end}") and core[: -len(end) - 1] in spec.cores:
            return core[: -len(end) - 1]
        if core.startswith(f"{end} ") and core[len(end) + 1 :] in spec.cores:
            return core[len(end) + 1 :]
    return core


def _members(spec: Spec, words: list[str]) -> bool:
    """Whether ``words`` are a group's name with what its people are called ('al-Nusra
    Front fighters' for al-Nusra Front), though the file lists them as a thing of their own."""
    core, heads = split_heads(words)
    return (
        bool(heads)
        and GROUP in spec.groups
        and " ".join(core) in spec.names
        and head_group(heads) == GROUP
    )


def _typo(spec: Spec, world: World, candidates: list[list[str]]) -> Verdict:
    """Right with a typo forgiven, unless the reply is as near another known name."""
    best: tuple[int, str] | None = None
    # a core that stands alone may be misspelt too ('Qods' for Quds Force, as 'Quds' is
    # right), where no other thing is so called
    alone = [
        b for b in spec.bare if not _other_core(spec, world, b, None) and not _other(spec, world, b)
    ]
    for words in candidates:
        for name in [*spec.names, *alone]:
            target = name.split()
            if _slips_to_another_country(spec, world, words, target):
                continue
            d = _typo_distance(spec, words, target)
            if d is not None and d > 0 and (best is None or d < best[0]):
                best = (d, " ".join(words))
    if best is None:
        return WRONG
    distance, said = best
    for other, owners in world.owners.items():
        if set(owners) & set(spec.own) or other in spec.names:
            continue
        if abs(len(other) - len(said)) <= distance and OSA.distance(said, other) <= distance:
            return WRONG
    return Verdict(True, typo=True)


def _slips_to_another_country(
    spec: Spec, world: World, words: list[str], target: list[str]
) -> bool:
    """Whether a word the reply gets "wrong" is another country or its demonym ('Armed
    Forces of Iraq' for ... of Iran): a real name, not a slip."""
    return len(words) == len(target) and any(
        a != b and _country(world, a) not in (None, _country(world, b))
        for a, b in zip(words, target, strict=True)
    )


def _country(world: World, word: str) -> str | None:
    """The country entity a word names, itself or as its demonym ('irak', 'iraqi': Iraq)."""
    return world.countries.get(word) or world.countries.get(world.demonyms.get(word, ""))


# -- numbers ---------------------------------------------------------------------------


def _leading(words: list[str], phrases: tuple[str, ...]) -> int:
    """How many of ``words`` one of ``phrases`` (each one or more words) takes at the start."""
    for phrase in phrases:
        parts = phrase.split()
        if words[: len(parts)] == parts:
            return len(parts)
    return 0


def judge_number(spec: Spec, reply: str) -> Verdict:
    """A number: the key's value in its unit, or a conversion within the tolerance; a bare
    number is read in the key's own unit. Hedges are fine, another bound or a second
    number is not, nor a noun that counts something else ('25 wounded' for the dead).
    A number word one slip from a right one is right with a typo ('fuor', 'twentyfive')."""
    if _with_figures(spec, reply):
        return RIGHT  # '2 dead, 13 injured', '2 people (13 injured)' for the dead
    clause = _CLAUSE_START.search(reply)
    if clause is not None and _restates(spec, reply[clause.end() :]):
        return judge_number(spec, reply[: clause.start()])  # '4, including two children'
    converted = _CONVERSION.fullmatch(reply.strip())
    if converted is not None:  # '24 km (15 mi)': both the value and its conversion right
        value, conversion = converted.group(1), converted.group(2)
        said = [t for t in number_tokens(conversion) if isinstance(t, Number)]
        if len(said) == 1 and said[0].unit is not None:
            return Verdict(
                _judge_number(spec, value).correct and _judge_number(spec, conversion).correct
            )
    bracketed = _BRACKETED.fullmatch(reply.strip())
    if bracketed is not None and _aside(spec, bracketed.group(2)):
        return judge_number(spec, bracketed.group(1))  # '4 (two children)', as the fact says
    if bracketed is not None:  # 'ten (10)', 'fourteen rockets (14)': one number, two forms
        value, other = bracketed.group(1), bracketed.group(2)
        inside = number_tokens(other)
        outer = [t for t in number_tokens(value) if isinstance(t, Number)]
        if len(inside) == 1 and isinstance(only := inside[0], Number) and len(outer) == 1:
            same = only.value == outer[0].value and only.unit in (None, outer[0].unit)
            return _judge_number(spec, value) if same else WRONG
    verdict = _judge_number(spec, reply)
    if verdict.correct:
        return verdict
    fixed = _LETTERS.sub(_number_word, reply)
    if fixed != reply and _judge_number(spec, fixed).correct:
        return Verdict(True, typo=True)
    return verdict


_FIGURE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|[;()\[\]]|\s(?:and|with|plus)\s", re.IGNORECASE)
"""Where one figure of a reply ends and another starts: a comma, a bracket, 'and'."""


def _with_figures(spec: Spec, reply: str) -> bool:
    """Whether ``reply`` gives the key beside other figures of its event, each counting
    another noun than the key's ('2 dead, 13 injured', '25 killed (55 wounded)' for the
    dead): a figure the fact gives, as it gives it ('25 killed, 25 wounded' is not)."""
    parts = [p for p in _FIGURE_BREAK.split(reply) if p.strip()]
    if len(parts) < 2:
        return False
    return any(
        _judge_number(spec, part).correct
        and all(_other_figure(spec, p) for p in parts[:i] + parts[i + 1 :])
        for i, part in enumerate(parts)
    )


def _other_figure(spec: Spec, part: str) -> bool:
    """Whether ``part`` is one number counting another noun than the key's ('13 injured'),
    as a fact of the key's event gives it (:attr:`~quizgen.grading.spec.Spec.figures`),
    with no negation or 'or'."""
    lex = lexicon()
    tokens = number_tokens(part)
    numbers = [t for t in tokens if isinstance(t, Number)]
    words = [t for t in tokens if isinstance(t, str)]
    if len(numbers) != 1 or numbers[0].unit is not None:
        return False
    if any(w in lex.negations or w == "or" for w in words):
        return False
    said = {
        lex.count_group[w] for w in words if w in lex.count_group and w not in lex.neutral_nouns
    }
    other = said - set(spec.count_groups)  # '55 wounded militiamen': the wounded
    return bool(other) and all([numbers[0].value, g] in spec.figures for g in other)


_CLAUSE_START = re.compile(r",|\s(?=including\s)", re.IGNORECASE)
"""Where a clause after a number starts: a comma, or 'including'."""


def _restates(spec: Spec, clause: str) -> bool:
    """Whether ``clause`` says again, word for word, what the prompt or the fact's statement
    says ('including two children'); not when it starts with a word that turns it ('or')."""
    k = key(clause)
    first = k.split(" ")[0]
    if not k or first in lexicon().negations or first == "and":
        return False
    return any(f" {k} " in f" {said} " for said in spec.said)


def _aside(spec: Spec, bracket: str) -> bool:
    """Whether a bracket after a number says what the fact says of something else ('4 (two
    children)'): words and another number, restating the prompt or statement; not the key's
    number again, nor a number alone ('ten (ten days)', 'fourteen (15)')."""
    tokens = number_tokens(bracket)
    keys = {v for v, _ in spec.numbers}
    return (
        any(isinstance(t, str) for t in tokens)
        and not any(isinstance(t, Number) and t.value in keys for t in tokens)
        and _restates(spec, bracket)
    )


_LETTERS = re.compile(r"[^\W\d_]+")
_BRACKETED = re.compile(r"([^()\[\]]+?)\s*[(\[]([^()\[\]]+)[)\]]")
"""A reply and one bracket after it: the bracket may give the same number in its other form."""
_CONVERSION = re.compile(r"([^()\[\]]*\d[^()\[\]]*?)\s*[(\[]([^()\[\]]*\d[^()\[\]]*)[)\]]")


def _number_word(m: re.Match[str]) -> str:
    """A word read as the number word it misspells: 'twentyfive', 'fitfy', 'fuor'."""
    lex = lexicon()
    word = plain(m.group(0))
    if word in lex.number_words or len(word) < 4 or word in lex.negations or word == "none":
        return m.group(0)
    for tens, value in lex.number_words.items():
        rest = word[len(tens) :]
        tens_first = value >= 20 and value % 10 == 0 and word.startswith(tens) and rest
        if tens_first and 0 < lex.number_words.get(rest, 0) < 10:
            return f"{tens} {rest}"
    near = [name for name in lex.number_words if len(name) >= 3 and OSA.distance(word, name) <= 1]
    return near[0] if len(near) == 1 else m.group(0)  # 'twoo': one slip from 'two' alone


def _judge_number(spec: Spec, reply: str) -> Verdict:
    lex = lexicon()
    tokens = number_tokens(reply)
    numbers = [t for t in tokens if isinstance(t, Number)]
    if len(numbers) != 1:
        return WRONG
    at = tokens.index(numbers[0])
    before = [t for t in tokens[:at] if isinstance(t, str)]
    after = [t for t in tokens[at + 1 :] if isinstance(t, str)]
    allowed = (*lex.hedges, *spec.bounds)
    context = set(spec.context)
    loose = ""
    while before:
        taken = _leading(before, allowed)
        if not taken and not loose and (taken := _leading(before, tuple(spec.loose))):
            loose = " ".join(before[:taken])
        if taken:
            before = before[taken:]
        elif before[0] in context or before[0] in ("a", "an", "the"):
            before = before[1:]
        else:
            return WRONG
    if after and after[0] in spec.foreign:  # 'four children' where two were children
        return WRONG
    trailing = " ".join(after)
    if any(w in lex.negations for w in after) or any(
        f" {b} " in f" {trailing} " for b in lex.bounds if b not in spec.bounds
    ):
        return WRONG
    # a word that counts nothing before the key's counted noun describes it ('170 rocket
    # attacks'); one that counts something else does not ('25 wounded militiamen')
    last = lex.count_group.get(after[-1]) if after else None
    if last is not None and last in spec.count_groups:
        after = [w for w in after[:-1] if w in lex.count_group] + after[-1:]
    for w in after:  # what the number counts: the prompt's own words, or one of their kind
        group = lex.count_group.get(w)
        foreign = group in spec.foreign_groups or (w in lex.neutral_nouns and not spec.persons)
        if group is not None and group not in spec.count_groups and foreign:
            return WRONG  # '25 wounded' for the 25 killed; '170 people' for attacks
        if w in lex.neutral_nouns or w in context or w in _CONNECTORS or w in lex.hedges:
            continue
        if w in lex.particles:  # 'west of al-Walid': the article of a name the fact says
            continue
        if group is None or group not in spec.count_groups:
            return WRONG
    n = numbers[0]
    value, unit = spec.numbers[0]
    if loose:  # 'over 74,000' for about 74,100: a true bound near the key, in its unit
        if n.unit is not None and n.unit != unit:
            return WRONG
        below = loose in ("more than", "over", "above", "at least")
        near = value * (1 - lex.tolerance) <= n.value <= value if below else None
        if not below:
            near = value <= n.value <= value * (1 + lex.tolerance)
        return Verdict(bool(near))
    if n.unit is None:
        return Verdict(any(n.value == v and (u is None or u == unit) for v, u in spec.numbers))
    if unit is None:
        return WRONG
    dimension, factor = lex.units[n.unit]
    key_dimension, key_factor = lex.units[unit]
    if dimension != key_dimension:
        return WRONG
    for v, u in spec.numbers:
        if u is not None and lex.units[u][1] == factor and n.value == v:
            return RIGHT
    if factor == key_factor:
        return WRONG
    expected = value * key_factor
    return Verdict(abs(n.value * factor - expected) <= lex.tolerance * expected)


# -- dates -----------------------------------------------------------------------------


def _year(year: int | None, near: int) -> int | None:
    """A two-digit year (negative) as the year ending so that is nearest ``near``."""
    if year is None or year >= 0:
        return year
    two = -year
    base = near - near % 100 + two
    return min((base - 100, base, base + 100), key=lambda y: abs(y - near))


def _fits(spec: Spec, r: Reading) -> bool:
    y, m, d = spec.date
    year = _year(r.year, y)
    if d:
        same_year = year == y or (year is None and spec.year_given)
        return r.day == d and r.month == m and same_year
    if m:
        same_year = year == y or (year is None and (spec.year_given or spec.month_asked))
        return r.month == m and same_year
    return year == y


def judge_date(spec: Spec, reply: str) -> Verdict:
    """A date: any order, separator, two-digit year or month name, the year left out only
    where the prompt names it; a more precise date inside the key's is right."""
    lex = lexicon()
    read = read_date(reply)
    if any(w in lex.negations for w in read.words):
        return WRONG
    said = {q for q in read.qualifiers if q in ("early", "mid", "late")}
    if spec.qualifier and said and said != {spec.qualifier}:
        return WRONG
    readings = read.readings
    if not readings and not read.words and spec.short_year:  # '79' for "which year": 1979
        digits = re.findall(r"\d+", reply)
        if len(digits) == 1 and len(digits[0]) == 2:
            readings = (Reading(-int(digits[0])),)
    return Verdict(any(_fits(spec, r) for r in readings))


def judge_period(spec: Spec, reply: str) -> Verdict:
    """A period: a decade ('the 80s', 'the eighties') or a span of years ('2019–24')."""
    lex = lexicon()
    text = plain(reply)
    words = name_words(reply)
    if any(w in lex.negations and w not in _SPAN_WORDS for w in words):
        return WRONG
    if spec.decade:
        span = [int(y) for y in re.findall(r"\d+", text)]
        if len(span) == 2 and _DECADE.search(text) is None:  # '1980-89': the decade as a span
            rest = [w for w in words if not w.isdigit() and w not in _SPAN_WORDS]
            if span[1] < 100:
                span[1] += span[0] - span[0] % 100
            return Verdict(not rest and span == [spec.decade, spec.decade + 9])
        decade = None
        found = _DECADE.findall(text)
        if len(found) > 1 or len(re.findall(r"\d+", text)) > 1:
            return WRONG
        m = _DECADE.search(text)
        if m is not None:
            century = int(m.group(1)) * 100 if m.group(1) else spec.decade - spec.decade % 100
            decade = century + int(m.group(2)) * 10
        else:
            tens = [lex.decade_words[w] for w in words if w in lex.decade_words]
            before = [lex.number_words.get(w) for w in words if w in lex.number_words]
            if len(tens) == 1:
                century = (
                    before[0] * 100 if before and before[0] else spec.decade - spec.decade % 100
                )
                decade = century + tens[0]
        return Verdict(decade == spec.decade)
    years = [int(y) for y in re.findall(r"\d+", text)]
    rest = [  # a month says no more than its year ('2019 - December 2024')
        w for w in words if not w.isdigit() and w not in _SPAN_WORDS and w not in lex.months
    ]
    if len(years) != 2 or rest:
        return WRONG
    first, last = years
    if first < 100 and last < 100:
        first += spec.span[0] - spec.span[0] % 100
    if last < 100:
        last += first - first % 100
    return Verdict([first, last] == spec.span)
