"""What gives an item away: the text cues the kinds avoid when they make items.

A kind must not make an item whose key echoes its stem, whose false statement
betrays itself, or whose matching statements open alike; the audit's rules
(:mod:`quizgen.generation.rules`) report the same cues over a finished bank.
Both ask here, so the generator and the audit never drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from quizgen.facts import DATE_KIND_PRECISION, NAME_SORTS, AnswerKind, Entity, Fact, Period
from quizgen.facts.bounds import hedge_of, hedged_span, number_bound, number_in
from quizgen.facts.entities import Entities
from quizgen.facts.spans import BLANK, Span
from quizgen.items.figures import centred
from quizgen.language.dates import FactDate, interval, spoken_date
from quizgen.language.datespan import dates_in, fits, references
from quizgen.language.numbers import normalize
from quizgen.language.text import contains, folded

_DIGIT_RUNS = re.compile(r"\d+")
_SKELETON = re.compile(r"\d+(?:st|nd|rd|th|s)?")


def one_date(text: str) -> FactDate | None:
    """The one date ``text`` writes ('4 September 2019' in an option), else None."""
    found = dates_in(text)
    return found[0] if len(found) == 1 else None


ECHO = 78.0
"""How closely (rapidfuzz partial ratio, 0-100) a key may resemble words of its stem."""


def echoes(stem: str, value: str) -> bool:
    """Whether ``value`` looks like words of the stem ('Al-Bukamal' in '... Abu Kamal ...').

    Among options that do not, the one that does is picked without knowledge.
    """
    from rapidfuzz import fuzz

    v = folded(value)
    return len(v) >= 5 and fuzz.partial_ratio(v, folded(stem)) >= ECHO


def truth_swap_flaw(
    fact: Fact, original: str, swapped: str, rest: str, record: tuple[int, int]
) -> str | None:
    """Why writing ``swapped`` where ``original`` stands would give the false statement away
    (or would not make it false at all).
    """
    bound = number_bound(fact)
    if bound:
        # "at least 17" neither follows from "at least 9" nor denies it; only the bound
        # turned round, at or past the key ("fewer than five"), is false
        direction, value = hedge_of(swapped)
        key = number_in(fact.answer)
        if direction != -bound or value is None or key is None or (value - key) * bound > 0:
            return f"'{swapped}' does not contradict a bound such as '{original}'"
        original, swapped = _figure_part(original), _figure_part(swapped)
    if original[:1].islower() and swapped[:1].isupper() and not swapped.isupper():
        return f"'{swapped}' is capitalised where the text has '{original}'"
    if (
        original.isalpha()
        and any(ch.isdigit() for ch in swapped)
        and fact.answer_kind is AnswerKind.NUMBER
    ):
        return f"'{swapped}' in digits where the text writes the number as a word"
    if fact.answer_kind is AnswerKind.NUMBER:
        was, now = number_in(_figure_part(original)), number_in(_figure_part(swapped))
        if was is not None and now is not None and (was == 1) != (now == 1):
            # "one operational and weapons storage facilities were targeted" is false by
            # its grammar: a figure that turns its noun and verb from one to many
            return f"'{swapped}' does not agree with the noun '{original}' counts"
    if len(folded(swapped)) > 1 and contains(rest, swapped):
        return f"'{swapped}' already stands elsewhere in the statement"
    still = next(
        (n for n in (fact.answer, *fact.aliases) if len(folded(n)) > 1 and contains(rest, n)), None
    )
    if still is not None:
        return f"the statement still names the true answer ('{still}')"
    if fact.date is not None and fact.answer_kind in DATE_KIND_PRECISION:
        new = one_date(swapped)
        if new is not None and not fits(
            interval(new), interval(fact.date), references(fact.date, rest), record
        ):
            return f"'{swapped}' contradicts another date in the statement"
    return None


_APPOSITIVE = re.compile(
    r"^,\s+(?:led by|based in|in the|of the|which|who|whose|a|an|the|its|their)\b"
)


def appositive_cue(fact: Fact, after: str) -> str | None:
    """The phrase set off after a name that describes the name ("Hamas, in the Gaza Strip";
    "the Syrian Democratic Forces, led by the People's Protection Units"), else None.

    Another name swapped in leaves the description beside a name it does not fit
    ("supporting Fatah, in the Gaza Strip"): the false statement reads false by its
    wording, or is judged by the description instead of the fact."""
    if fact.answer_kind not in NAME_SORTS:
        return None
    found = _APPOSITIVE.match(after)
    if found is None:
        return None
    phrase = after[1:].strip().split(",")[0].rstrip(".")
    return f"'{phrase}' describes the true answer, set off after it"


def doubled_word(swapped: str, after: str) -> str | None:
    """The word a swapped name ends with that the statement says again right after it
    ("the Jordan River River" where the text has "the Euphrates River"), else None."""
    last = swapped.split()[-1:] or [""]
    first = after.split()[:1] or [""]
    word = last[0].strip(".,;:").lower()
    return word if word and word == first[0].strip(".,;:").lower() else None


_DETERMINERS = frozenset(("the", "a", "an", "this", "that", "these", "those"))
_QUANTIFIERS = _DETERMINERS | frozenset(
    ("multiple", "several", "many", "some", "few", "various", "numerous", "its", "their")
)


def determiner_clash(before: str, swapped: str) -> str | None:
    """The two words of a swap that put a determiner after another ("for multiple the
    attack", "an the IRGC"): the statement's own quantifier was left before a name that
    brings its article, and its grammar gives the false statement away; else None."""
    last = before.split()[-1:] or [""]
    first = swapped.split()[:1] or [""]
    word, own = last[0].lower(), first[0].lower()
    counted = word in _QUANTIFIERS or number_in(word) is not None  # 'two the', '3 the'
    if counted and own in _DETERMINERS:
        return f"{last[0]} {first[0]}"
    return None


def _figure_part(text: str) -> str:
    """'at least nine' -> 'nine': the number of a bound, without the bound's words."""
    words = text.split()
    return next(
        (" ".join(words[i:]) for i, w in enumerate(words) if number_in(w) is not None), text
    )


def swap_span(fact: Fact, found: Span | None) -> Span | None:
    """What a false statement replaces: the answer as written (``found``), or for a bound
    the bound with its number ("at least nine"), which only a bound turned round can
    contradict."""
    return hedged_span(fact) or found


OPENING_WORDS = 3


def open_alike(a: str, b: str) -> bool:
    """Whether two blanked statements open with the same words before their blanks.

    "Al-Tanf is in a part of the _____, Syria" and "Al-Tanf is in the _____"
    say two things of one subject in one frame: each name may well make the
    other statement true as well, and the matching is no longer one to one.
    """
    words_a = _opening(a)
    return len(words_a) == OPENING_WORDS and words_a == _opening(b)


@lru_cache(maxsize=1 << 16)
def _opening(blanked: str) -> tuple[str, ...]:
    """The first words of a blanked statement before its blank (folded), remembered: a
    matching item compares each statement with several others."""
    return tuple(folded(blanked.split(BLANK)[0]).split()[:OPENING_WORDS])


@lru_cache(maxsize=1 << 16)
def figures_in(text: str) -> tuple[int, ...]:
    """The whole numbers a text gives, in digits or words, in order ('45th, 46th and 47th'
    -> (45, 46, 47)); remembered, as options are weighed again and again."""
    return tuple(int(n) for n in _DIGIT_RUNS.findall(normalize(text)))


def in_order(texts: Iterable[str]) -> list[int] | None:
    """The order to show options in, as indexes: dates in date order, options that all give
    numbers in numerical order; None when the options have no natural order.

    Item-writing guides ask for options "in logical or numerical order": a
    learner then finds the figure they remember, and the key's place is its
    rank, which the generator draws uniformly. Only figures written in one frame
    are ordered: names that hold a number (a highway, an aircraft) are not figures.
    """
    shown = list(texts)
    said = [verbal(t) for t in shown]
    ranks = [v[0] if v is not None else None for v in said]
    nouns = {v[1] for v in said if v is not None}
    if all(r is not None for r in ranks) and len(set(ranks)) == len(ranks) and len(nouns) == 1:
        # "a few", "dozens", "hundreds", "thousands" (of one noun or alone): a scale, shown
        # in its order as numbers are (the key the middle of three every time is a cue)
        return sorted(range(len(shown)), key=lambda i: ranks[i] or 0)
    if not all(map(has_digit, shown)):
        return None  # a date or a figure is written in digits (a look before parsing)
    dates = [spoken_date(t) for t in shown]
    if all(d is not None for d in dates):
        keys: list[tuple[int, ...]] = [d.sort_key() for d in dates if d is not None]
    else:
        # figures in the same frame ("the 1980s", "45th, 46th and 47th", "2019–2024"), not
        # names that hold a number ("M2 Baghdad–Damascus Highway", "F-15E and F-16")
        if len({_skeleton(t) for t in shown}) > 1:
            return None
        keys = [figures_in(t) for t in shown]
        if not all(keys):
            return None
    return sorted(range(len(shown)), key=lambda i: (keys[i], i))


@lru_cache(maxsize=1 << 16)
def _skeleton(text: str) -> str:
    """The frame a figure is written in ('the #s', '#th, #th and #th'), remembered."""
    return _SKELETON.sub("#", normalize(text))


VERBAL_QUANTITIES = {
    folded(q): rank
    for rank, names in enumerate(
        (
            ("a few", "few", "a handful"),
            ("several",),
            ("dozens", "several dozen"),
            ("hundreds", "several hundred"),
            ("thousands", "several thousand"),
            ("tens of thousands",),
            ("hundreds of thousands",),
            ("millions",),
        )
    )
    for q in names
}
"""Quantities said in words, by their rank on one scale (folded): options that are all
of them are shown in this order, and the key's rank among them is drawn as a number's."""
SCALE = ("a few", "dozens", "hundreds", "thousands", "tens of thousands")
"""The verbal quantities offered beside a key of the scale where the fact's own wrong
answers leave a side short ('several' is left out: 'a few' and 'dozens' overlap it)."""
_BARE_BEFORE_NOUN = frozenset(folded(q) for q in ("a few", "few", "several"))
"""Quantities that take their noun without 'of' ('a few U.S. soldiers', 'hundreds of ...')."""
_BY_LENGTH = sorted(VERBAL_QUANTITIES, key=len, reverse=True)


@lru_cache(maxsize=1 << 18)
def has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit (``str.isdigit``), remembered: options are looked at
    again and again as each fact's candidates are ordered."""
    return any(c.isdigit() for c in text)


@lru_cache(maxsize=1 << 18)
def verbal(text: str) -> tuple[int, str] | None:
    """(its rank on the scale, the folded noun it counts, '' if none) for a verbal quantity
    alone or of a noun ('hundreds', 'hundreds of U.S. soldiers', 'a few U.S. soldiers'), so
    that whole phrases a false statement can swap in are a scale too; None otherwise.
    Remembered: every candidate option of every fact is looked at this way."""
    said = folded(text)
    if said in VERBAL_QUANTITIES:
        return VERBAL_QUANTITIES[said], ""
    for name in _BY_LENGTH:
        joint = " " if name in _BARE_BEFORE_NOUN else " of "
        if said.startswith(name + joint) and len(said) > len(name + joint):
            return VERBAL_QUANTITIES[name], said[len(name + joint) :]
    return None


def quantity_of(text: str) -> str:
    """The verbal quantity of ``text`` as written, without its noun ('hundreds' of
    'hundreds of U.S. soldiers', 'a few' of 'a few U.S. soldiers'); ``text`` if none."""
    said = verbal(text)
    if said is None or not said[1]:
        return text
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        if VERBAL_QUANTITIES.get(folded(" ".join(words[:size]))) == said[0]:
            return " ".join(words[:size])
    return text


def on_scale(answer: str, name: str) -> str:
    """The scale's quantity ``name`` said of the noun ``answer`` counts ('dozens' beside
    'hundreds of U.S. soldiers' is 'dozens of U.S. soldiers'), in the answer's own words."""
    key = verbal(answer)
    if key is None or not key[1]:
        return name
    said = folded(answer)
    quantity = next(
        q for q in _BY_LENGTH if said.startswith(q + " ") and VERBAL_QUANTITIES[q] == key[0]
    )
    words = len(quantity.split()) + (0 if quantity in _BARE_BEFORE_NOUN else 1)
    noun = " ".join(answer.split()[words:])
    joint = " " if folded(name) in _BARE_BEFORE_NOUN else " of "
    return f"{name}{joint}{noun}"


def side_of(answer: str, option: str) -> int | None:
    """-1 if ``option`` comes before the key ``answer`` in the order options are shown in
    (:func:`in_order`), 1 if after, None if the two are not figures of one frame (the
    option is then not shown in order beside the key)."""
    if verbal(answer) is None and not has_digit(answer):
        return None  # neither a scale nor a figure: in_order() orders no option beside it
    order = in_order([answer, option])
    return None if order is None else (-1 if order == [1, 0] else 1)


def centred_key(answer: str, options: Iterable[str]) -> tuple[int, int, int] | None:
    """(the key's figure, and two options' figures lying evenly about it) when every option
    gives a number and the key is the middle of a cluster ('44th, 45th and 46th' among
    '45th...' and '46th...'); None otherwise. Dates are ordered by the calendar instead."""
    shown = list(options)
    if not all(map(has_digit, shown)):
        return None
    found = [figures_in(o) for o in shown]
    if answer not in shown or not all(found) or spoken_date(answer) is not None:
        return None
    key = found[shown.index(answer)][0]
    pair = centred(key, [f[0] for f in found])
    return None if pair is None else (key, *pair)


_ABOUT_THE_SOURCE = re.compile(
    r"\b(?:infobox(?:es)?|(?:the|this|its|that) (?:main |source |related )?"
    r"(?:article|summary|summaries|text|lead|page|passage|citation|footnote)s?)\b",
    re.IGNORECASE,
)
_DATED_BY_WRITING = re.compile(
    r"\b(?:currently|at present|presently|nowadays|to this day|as of now|is being|are being"
    r"|continues to|still (?:is|are|has|have))\b|\b(?:does|do)\b[^.?!]*\bcontinue\b",
    re.IGNORECASE,
)


def _first(text: str, *patterns: re.Pattern[str]) -> str | None:
    """The words the first of ``patterns`` to match finds in ``text``, else None."""
    for pattern in patterns:
        found = pattern.search(text)
        if found:
            return found.group()
    return None


def about_the_source(text: str) -> str | None:
    """The words by which ``text`` speaks of the article rather than the world ('the
    infobox gives', 'the text does not say'), else None.

    A learner is taught what happened, with the attribution the source gives
    ("according to SOHR"), never what a page of it says: that is an editor's
    note, and a question about it tests reading, not knowledge.
    """
    return _first(text, _ABOUT_THE_SOURCE)


_EDITORS_NOTE = re.compile(
    r"\b(?:does not|doesn't|did not|do not) (?:say|state|give|mention|specify|name)\b"
    r"|\b(?:not consistent|inconsistent|unclear|contradicts itself|sic|citation needed)\b",
    re.IGNORECASE,
)


def editors_note(text: str) -> str | None:
    """Words by which an explanation speaks to an editor rather than a learner ('The text
    does not say where the airstrikes were', 'The text is not consistent here'), else None."""
    return _first(text, _ABOUT_THE_SOURCE, _EDITORS_NOTE)


def dated_by_writing(text: str) -> str | None:
    """Words that make a claim true only when it was written ('currently', 'is being
    built', 'continues to support'), else None: the events are over, and such a
    statement is false by the time a learner reads it."""
    return _first(text, _DATED_BY_WRITING)


_ORDER_WORDS = re.compile(
    r"\b(?:after|afterwards?|before|beforehand|again|another|later|earlier|then|previously"
    r"|subsequent(?:ly)?|following|followed|preceded|preceding|prior|first|second|third"
    r"|fourth|fifth|last|latest|next|once more|this time|soon|shortly|meanwhile|already"
    r"|renewed|resumed|new round|further|until|till|since|onwards?|from then|by then)\b"
    r"|\b\d+(?:st|nd|rd|th) (?:round|wave|strike|attack|time)\b",
    re.IGNORECASE,
)
_DATE_AS_BOUND = re.compile(
    r"\b(?:since|as of|by|until|till|from|after|before|prior to)\s+"
    r"(?:(?:early|late|mid|the (?:end|beginning|start|middle) of)\s+)?…",
    re.IGNORECASE,
)


def timeline_flaw(label: str) -> str | None:
    """Why ``label`` (a statement with its date hidden) is no event to order, else None.

    An event is a sentence about something that happened on its date: not one
    about the source ("the infobox gives … as the year"), not a state that held
    from or until a date ("since …", "as of …", "by early …"), and with no words
    that give its place in the order away ("after the strikes", "again",
    "another", "a second round", "shortly before").
    """
    source = about_the_source(label)
    if source is not None:
        return f"speaks of the source ('{source}')"
    bound = _DATE_AS_BOUND.search(label)
    if bound is not None:
        return f"its date bounds a state, not an event ('{bound.group()}')"
    order = _ORDER_WORDS.search(label)
    if order is not None:
        return f"its words give the order away ('{order.group()}')"
    dated = dated_by_writing(label)
    if dated is not None:
        return f"is dated by its writing ('{dated}')"
    return None


_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
_FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and"),
        *("or", "as", "into", "during", "after", "before", "about", "against", "between"),
        *("which", "what", "who", "whom", "whose", "when", "where", "how", "many", "much"),
        *("did", "does", "do", "was", "were", "is", "are", "be", "been", "has", "have", "had"),
        *("its", "it", "their", "his", "her", "this", "that", "these", "those", "there"),
        *("according", "than", "more", "most", "not", "no", "also", "s"),
    }
)


def _word(word: str) -> str:
    """A word as compared for a shared-word cue: case, dots and a possessive dropped."""
    w = word.replace(".", "").replace("’", "'").lower()
    return w.removesuffix("'s").removesuffix("'")


def _alike(a: str, b: str) -> bool:
    """One word, or one a short ending away from the other: 'Syria' and 'Syrian', 'Iran' and
    'Iranian', 'Iraq' and 'Iraqi', 'force' and 'forces'."""
    if a == b:
        return True
    if len(b) < len(a):
        a, b = b, a  # the shorter first (the first of two of one length)
    return len(a) >= 4 and len(b) - len(a) <= 3 and b.startswith(a)


@lru_cache(maxsize=1 << 16)
def _content(text: str) -> frozenset[str]:
    """The content words of ``text`` as compared for a cue (:func:`_word`), found once per
    text: a matching item asks this of every name and statement it weighs."""
    words = (_word(w) for w in _WORD.findall(text) if w.lower() not in _FUNCTION_WORDS)
    return frozenset(w for w in words if len(w) > 1)


def shares_word(text: str, word: str) -> bool:
    """Whether ``text`` has ``word`` (or a form a short ending away from it)."""
    return any(_alike(word, w) for w in _content(text))


def pair_cue(
    name: str, statement: str, rivals: Iterable[str] = (), other_names: Iterable[str] = ()
) -> str | None:
    """What pairs a matching item's name with its statement by the words alone, else None.

    A content word of the name in its own statement, or a form a short ending away
    ("Syrian Free Army" with "... faction in Syria"), that no rival name has ("Al
    Anbar Governorate" with "the Iraqi governorate ..." is no cue among governorates);
    or another name of the same thing ("Kata'ib Hezbollah" with "... also called
    Hezbollah Brigades"): a learner pairs them without knowing anything.
    """
    text = statement.replace(BLANK, " ")
    in_statement = _content(text)
    theirs = [_content(r) for r in rivals if r != name]
    for word in sorted(_content(name)):
        if any(_alike(word, s) for s in in_statement) and not any(
            _alike(word, w) for rival in theirs for w in rival
        ):
            return word
    return next((n for n in other_names if n != name and contains(text, n)), None)


def odd_form(names: Sequence[str]) -> str | None:
    """A name whose last word sets it apart ("Kurdistan Region" among three "...
    Governorate"s), else None: the names of one matching item end alike, or each its own
    way ("Euphrates", "Khabur"); then no ending pairs a name with a statement that asks
    for that form ("the autonomous part", "the governorate")."""
    ends = [folded(n).rsplit(" ", 1)[-1] for n in names]
    counts = {e: ends.count(e) for e in ends}
    if len(counts) in (1, len(ends)):
        return None
    most = max(counts.values())
    return next((n for n, e in zip(names, ends, strict=True) if counts[e] < most), names[-1])


def word_of(word: str) -> str:
    """A one-word name as :func:`converges` compares it ('U.S.' is 'us')."""
    return _word(word)


def converges(
    answer: str, options: Sequence[str], kin: Mapping[str, str] | None = None
) -> str | None:
    """The elements the key shares with the other options, when it shares more of them
    than any other option does, else None.

    "an American civilian contractor" among "a U.S. service member", "an Iraqi soldier"
    and "a British contractor": the key alone combines the nationality one option repeats
    and the role another does, and a test-wise learner picks the option most like the
    rest. An element is a content word, a short ending aside ('force', 'forces'), with
    the names of one thing one element (``kin``: 'U.S.' and 'American')."""
    if answer not in options or len(options) < 3:
        return None
    kin = kin or {}
    elements = [{kin.get(w, w) for w in _content(o)} for o in options]

    def shared(i: int) -> list[str]:
        return sorted(
            e
            for e in elements[i]
            for j, other in enumerate(elements)
            if j != i and any(_alike(e, x) for x in other)
        )

    k = options.index(answer)
    key = shared(k)
    if len(key) < 2 or any(len(shared(i)) >= len(key) for i in range(len(options)) if i != k):
        return None
    return ", ".join(dict.fromkeys(key))


ROOT = 5
"""Letters two words must open alike to share a root ('ImageSat' and 'imagery')."""


def _rooted(a: str, b: str) -> bool:
    """One word, a short ending away (:func:`_alike`), or two words of one root: both open
    with the same :data:`ROOT` letters or more ('imagesat' and 'imagery', 'satellite' and
    'satellites'), which a learner hears as the same word."""
    if _alike(a, b):
        return True
    a, b = a.rsplit("-", 1)[-1], b.rsplit("-", 1)[-1]  # 'al-muhammadawi' is 'muhammadawi'
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= ROOT


def shared_with_stem(stem: str, answer: str, options: Iterable[str]) -> str | None:
    """A word the stem and the key share and no other option has ('… against what in
    Iraq?' with 'U.S. forces in Iraq' the one option naming Iraq), or a word of the key
    of the same root as a stem's word ('satellite imagery' in the stem, 'ImageSat' the
    key), else None: a learner picks the option that echoes the stem without knowing
    anything."""
    in_stem = _content(stem)
    key = sorted(w for w in _content(answer) if any(_rooted(w, s) for s in in_stem))
    if not key:
        return None
    others = [_content(o) for o in options if o != answer]
    if not others:
        return None
    alone = [w for w in key if not any(_rooted(w, x) for o in others for x in o)]
    return alone[0] if alone else None


_ARTICLES = frozenset({"a", "an", "the"})
MILITARY_WORDS = frozenset(
    {
        *("military", "army", "armies", "base", "bases", "airbase", "airbases", "convoy"),
        *("convoys", "troops", "soldier", "soldiers", "force", "forces", "militia"),
        *("militias", "militiamen", "barracks", "checkpoint", "checkpoints", "depot"),
        *("depots", "weapons", "ammunition", "garrison", "garrisons", "outpost", "outposts"),
        *("armed", "fighters", "combatants", "naval", "warship", "warships"),
    }
)
"""Words of the military register: an option with one beside options without (or the
reverse) stands apart by its class, civilian or military."""
_SINGULAR_ENDINGS = ("ss", "us", "is", "ics", "'s")


def _article(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0].lower() in _ARTICLES


def _plural(text: str) -> bool:
    """Whether a phrase's head (its last word before 'of', 'in', 'near'...) reads as a
    plural: 'residential areas', 'bases of the PMF'; not 'a military convoy', 'Basra'."""
    words = [w for w in re.split(r"[\s,]+", text.lower()) if w]
    for i, w in enumerate(words):
        if i > 0 and w in ("of", "in", "near", "at", "on", "for", "from", "with", "by"):
            words = words[:i]
            break
    last = words[-1].strip(".") if words else ""
    return last.endswith("s") and not last.endswith(_SINGULAR_ENDINGS) and len(last) > 3


def _military(text: str) -> bool:
    return any(w in MILITARY_WORDS for w in re.findall(r"[a-z]+", text.lower()))


_ABBREVIATION = re.compile(r"[A-Z](?:\.?[A-Z]){1,5}\.?")


def _abbreviation(text: str) -> bool:
    """Whether an option is an abbreviation alone ('SOHR', 'IRGC', 'U.S.'), not a name
    written out ('Syrian Observatory for Human Rights', 'Fox News')."""
    words = text.split()
    if words and words[0].lower() in _ARTICLES:
        words = words[1:]
    return len(words) == 1 and _ABBREVIATION.fullmatch(words[0]) is not None


def _hedged(text: str) -> bool:
    """Whether an option offers two things at once ('drone or aircraft'): beside single
    ones ('cruise missile') it covers more ground, and test-wise learners pick it."""
    return re.search(r"\bor\b", text.lower()) is not None


FORMS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("article", _article),
    ("abbreviation", _abbreviation),
    ("number", _plural),
    ("register", _military),
    ("hedge ('X or Y')", _hedged),
)
"""The forms options must share: an article or none, an abbreviation or a name written
out, singular or plural, a military or a civilian word, one thing or a hedge between two;
each a predicate over an option's text."""


def form_cue(answer: str, options: Sequence[str], names: bool = False) -> str | None:
    """How the key alone differs in form from every wrong option while they agree ('residential
    areas', plural and bare and civilian, beside 'a military convoy' and 'a Peshmerga base'),
    else None. Needs two wrong options at least, so that what they share is a pattern. Names
    (``names``: the key is a named entity) are compared by their article and by whether they
    are an abbreviation alone ('SOHR' among names written out) only: a name's number and
    words are its own ('Popular Mobilization Forces' among 'Peshmerga', 'Sons of Iraq')."""
    others = [o for o in options if o != answer]
    if len(others) < 2 or answer not in options:
        return None
    for form, has in FORMS[:2] if names else FORMS:
        theirs = {has(o) for o in others}
        if len(theirs) == 1 and has(answer) not in theirs:
            said = "has" if has(answer) else "lacks"
            return f"the key alone {said} the {form} the other options share"
    return None


def form_odd_one_out(answer: str, options: Sequence[str]) -> str | None:
    """A word every wrong option has and the key lacks ('Governorate' in three options
    beside 'Kurdistan Region'), else None: the key stands out by its form, and a
    learner picks the one unlike the rest without knowing anything. Needs two wrong
    options at least, so that a word they share is a pattern and not chance."""
    others = [_content(o) for o in options if o != answer]
    if len(others) < 2:
        return None
    own = _content(answer)
    shared = frozenset.intersection(*others)
    alone = sorted(w for w in shared if not any(_alike(w, k) for k in own))
    return alone[0] if alone else None


_ASKED_NOUN = re.compile(
    r"\b(?:which|what)\s+(?:[\w'-]+\s+){0,3}?([\w'-]+)\s+"
    r"(?:is|was|were|are|does|did|do|has|had|have|lies|lie|lay|for|of|in|near)\b",
    re.IGNORECASE,
)
_WHERE_BLANK = re.compile(r"\b(?:in|near|at)(?: the| a part of the)?\s*$", re.IGNORECASE)


def blank_unasked(question: str, before_blank: str, blanked: str) -> str | None:
    """The noun the question asks for ('desert' in "In which desert...") when the blank
    stands after a bare 'in', 'near' or 'at' and its sentence never says it, else None.

    "Al-Tanf lies in the _____." takes Syria, the Rif Dimashq Governorate and the
    Syrian Desert alike, all true; "The base was in _____." takes the town, the
    governorate and the country. The question knows which is meant; a blank that
    says only where has as many right answers as the place has names of places."""
    if not _WHERE_BLANK.search(before_blank):
        return None
    found = _ASKED_NOUN.search(question)
    if found is None or shares_word(blanked.replace(BLANK, " "), found.group(1)):
        return None
    return found.group(1)


ERA = 15
"""Years apart beyond which two things (a war, an operation, a president's term) belong to
different eras: a war of the 1910s among wars of the 2000s is the odd one out."""
SETTING = ("country", "side", "period")


def _same(field: str, a: object, b: object) -> bool:
    if field == "period" and isinstance(a, Period) and isinstance(b, Period):
        first, second = sorted((a, b), key=lambda p: p.start)
        end = first.end if first.end is not None else second.start
        return second.start - end <= ERA
    return a == b


_ASKS_SIDE = re.compile(
    r"\b(?:support(?:s|ed|ing)?|back(?:s|ed|ing)?|aligned|all(?:y|ies|ied)|prox(?:y|ies)"
    r"|faction|members?|belong(?:s|ed)?|sponsor(?:s|ed)?|trained)\b",
    re.IGNORECASE,
)


def asks_side(stem: str) -> bool:
    """Whether ``stem`` asks who stood with whom ("which group has Iran supported",
    "members of which faction"): there a name of the key's own side (an ally, a
    faction of the same umbrella) may be right too, so none is offered beside it."""
    return _ASKS_SIDE.search(stem) is not None


def odd_one_out(entities: Sequence[Entity | None]) -> tuple[int, str] | None:
    """(index, field) of the one option whose setting (country, side or era) differs from
    every other's while the others share theirs, else None.

    Three Iraqi governorates and one Syrian: a learner who knows only which country
    the question is about picks the Syrian one, or strikes it out. Options all of
    different countries (the air forces of four states) single none out. An option
    whose entity does not say is left out of the count, unless that leaves fewer than
    three who do.
    """
    for field in SETTING:
        known = [
            (i, value)
            for i, e in enumerate(entities)
            if e is not None and (value := getattr(e, field)) is not None
        ]
        if len(known) < 3 or len(known) < len(entities) - 1:
            continue
        for i, value in known:
            rest = [v for j, v in known if j != i]
            if all(_same(field, a, b) for a in rest for b in rest) and not any(
                _same(field, value, b) for b in rest
            ):
                return i, field
    return None


def names_place(stem: str, names: Iterable[str]) -> bool:
    """Whether ``stem`` names a place by one of ``names`` or a word a short ending away
    ('Syrian' for 'Syria', 'Iraqi' for 'Iraq')."""
    for name in names:
        if contains(stem, name) or (" " not in name.strip() and shares_word(stem, name)):
            return True
    return False


def setting_cue(
    stem: str,
    texts: Sequence[str],
    entities: Sequence[Entity | None],
    key: int,
    country_names: Callable[[str], Sequence[str]],
) -> str | None:
    """Why the options' settings give the key away, else None: one option alone of its
    country, side or era (:func:`odd_one_out`), or an option of another country than the
    one the stem names ("In which Syrian governorate..." offering an Iraqi one)."""
    odd = odd_one_out(entities)
    if odd is not None:
        i, field = odd
        who = "the key" if i == key else f"'{texts[i]}'"
        return f"{who} is the only option of its {field}"
    own = entities[key]
    if own is None or own.country is None or not names_place(stem, country_names(own.country)):
        return None
    for i, e in enumerate(entities):
        if i != key and e is not None and e.country is not None and e.country != own.country:
            return f"the stem names {own.country}, and '{texts[i]}' belongs to {e.country}"
    return None


SAID_RUN = 5
"""Content words in one run beside a blank that say the same thing in another statement."""


def said_runs(text: str) -> list[tuple[str, ...]]:
    """Each run of :data:`SAID_RUN` content words of ``text``, in order."""
    words = [_word(w) for w in _WORD.findall(text) if w.lower() not in _FUNCTION_WORDS]
    return [tuple(words[i : i + SAID_RUN]) for i in range(len(words) - SAID_RUN + 1)]


class Sayings:
    """Which statements say what: each run of content words, to the facts whose
    statements hold it, among the facts sharing a tag with the fact asked about (what
    is said of two things is said under one tag: "airstrike"). Each tag's runs are
    worked out when a fact of it is first asked about, and kept: no whole-base scan."""

    def __init__(self, facts: Iterable[Fact]) -> None:
        self._facts = facts
        self._tagged: dict[str, list[Fact]] | None = None
        self._runs: dict[str, dict[tuple[str, ...], list[Fact]]] = {}

    def _of_tag(self, tag: str) -> dict[tuple[str, ...], list[Fact]]:
        found = self._runs.get(tag)
        if found is None:
            if self._tagged is None:
                self._tagged = {}
                for f in self._facts:
                    for t in f.tags:
                        self._tagged.setdefault(t, []).append(f)
            found = self._runs[tag] = {}
            for f in self._tagged.get(tag, ()):
                for run in dict.fromkeys(said_runs(f.statement)):
                    found.setdefault(run, []).append(f)
        return found

    def second_subject(
        self, fact: Fact, before: str, after: str, entities: Entities
    ) -> Fact | None:
        """Another fact that says of another thing of the key's class what ``fact``'s
        statement says beside its blank, else None: "The _____ struck the site of the Imam
        Ali military base multiple times" is true of the United States military too ("...
        the United States military struck the site of the Imam Ali military base ..."), so
        a learner who types it is right and marked wrong. The run of words next to the
        blank is looked for in statements under the fact's tags, and what stands in the
        blank's place there (the words before the run, or after it) must name another
        entity of the file (not the key, nor what it is part of)."""
        key = entities.get(fact.entity)
        if key is None:
            return None  # no registry to say what another name stands for
        sides = [(r, True) for r in said_runs(after)[:1]] + [
            (r, False) for r in said_runs(before)[-1:]
        ]
        for tag in fact.tags:
            by_run = self._of_tag(tag)
            for run, blank_first in sides:
                for other in by_run.get(run, ()):
                    if other.id == fact.id:
                        continue
                    named = _named_beside(other.statement, run, blank_first, entities)
                    if named and key.id not in named and not set(named) & set(key.within):
                        return other
        return self.same_relation(fact, before, entities)

    def same_relation(self, fact: Fact, before: str, entities: Entities) -> Fact | None:
        """Another fact in which what the blank's subject does to the blank (back, support,
        arm, train, fund...) it does to another thing of the key's kind, else None.

        "Iran continued to back _____" is true of Hezbollah, of Kata'ib Hezbollah, of
        every "Iran-backed militia" other facts name: the sentence leaves several
        answers, and a learner who types another is right and marked wrong. The
        subject is what the words before the blank name; the other fact must name it
        (or its demonym: "Iran-backed", "Iranian-backed"), use the same verb, and name
        another entity of the key's family of classes ('militia', 'militia-description')."""
        verb = _RELATION.search(before)
        key = entities.get(fact.entity)
        if verb is None or key is None:
            return None
        root = verb.group(1).lower()
        subject = [e for i in names_in(before[: verb.start()], entities) if (e := entities.get(i))]
        subject = [e for e in subject if e.id != key.id]
        if not subject:
            return None
        marks = [n for e in subject for n in (*e.names, *([e.demonym] if e.demonym else []))]
        family = key.answer_class.split("-")[0]
        said = re.compile(rf"\b{root}\w*|-{root}", re.IGNORECASE)
        for other in self._facts:
            text = other.statement
            if other.id == fact.id or not said.search(text):
                continue
            if not any(contains(text, m) for m in marks):
                continue
            for found in names_in(text, entities):
                thing = entities.get(found)
                if (
                    thing is not None
                    and found != key.id
                    and found not in key.within
                    and key.id not in thing.within
                    and all(found != e.id for e in subject)
                    and thing.answer_class.split("-")[0] == family
                ):
                    return other
        return None


_RELATION = re.compile(
    r"\b(back|support|arm|train|fund|financ|sponsor|equip|suppl)\w*\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""A verb of standing with someone right before a blank ('continued to back _____')."""
NAME_WORDS = 6
"""The longest name looked for in a text (in words)."""


def names_in(text: str, entities: Entities) -> list[str]:
    """Ids of the entities ``text`` names (each run of up to :data:`NAME_WORDS` words)."""
    words = _WORD.findall(text)
    found: dict[str, None] = {}
    for i in range(len(words)):
        for size in range(1, min(NAME_WORDS, len(words) - i) + 1):
            for e in entities.named(" ".join(words[i : i + size])):
                found[e] = None
    return list(found)


def _named_beside(
    statement: str, run: tuple[str, ...], blank_first: bool, entities: Entities
) -> tuple[str, ...]:
    """The ids of the entities a name right before ``run`` in ``statement``
    (``blank_first``), or right after it, stands for; () if none is named there."""
    words = _WORD.findall(statement)
    content = [i for i, w in enumerate(words) if w.lower() not in _FUNCTION_WORDS]
    for k in range(len(content) - len(run) + 1):
        if tuple(_word(words[content[j]]) for j in range(k, k + len(run))) != run:
            continue
        if blank_first:
            end = content[k]
            while end > 0 and words[end - 1].lower() in _FUNCTION_WORDS:
                end -= 1
            spans = [words[start:end] for start in range(max(0, end - 6), end)]
        else:
            start = content[k + len(run) - 1] + 1
            while start < len(words) and words[start].lower() in _FUNCTION_WORDS:
                start += 1
            spans = [words[start:stop] for stop in range(min(len(words), start + 6), start, -1)]
        for span in spans:
            found = entities.named(" ".join(span))
            if found:
                return found
    return ()
