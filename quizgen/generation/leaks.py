"""What one item of a set gives away of another: the rule that protects a set to its last item.

A quiz, a listing, a worksheet, an export and a live game are sets, and one rule
holds for them all: a set is protected as though read all at once (a worksheet
is; a reviewer reads a quiz's listing so; an LMS may shuffle it), and also one
item after another, each followed by its feedback. Within a set no fact is
asked twice, no prompt or option shows any other item's answer, and nothing
shown after an item gives away the answer of an item still to come:

- before answering an item the learner reads its prompt and options (every
  item's, on a worksheet or a listing);
- after answering it, the verdict, the answer with the forms also accepted,
  the explanation and the source labels ("[Summary: United States airstrikes
  of 29 December 2019 ...]" gives a date away as surely as a prompt does).

An item's *secrets* are what it asks: the answers of its facts (every name
they go by, every way their date is written where the date is asked, their
figure in digits and in words); for a timeline, the dates it hides (its events
show their answers). One
definition, used by the generator (:mod:`quizgen.generation.bank`) as it
builds a set and by the audit as it checks one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from quizgen.facts import DATE_KIND_PRECISION, AnswerKind, Fact, SourceKey
from quizgen.facts.bounds import number_in
from quizgen.facts.entities import Entities, Entity
from quizgen.items import Item, Shape
from quizgen.language.dates import date_forms
from quizgen.language.datespan import dates_in
from quizgen.language.numbers import in_words
from quizgen.language.text import fold as _fold_words
from quizgen.language.text import name_key

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


def fold(text: str) -> str:
    """``text`` folded as the set rule reads it: a possessive is its name ("near Syria's
    border" shows "Syria", the answer of a later "In which country was the base?"), in
    what is shown and in what is asked alike, so a name written with "'s" matches too."""
    if "'" in text or "’" in text:  # the pattern's only way in: most texts skip the scan
        text = _POSSESSIVE.sub("", text)
    return _fold_words(text)


Label = Callable[[SourceKey], str]
"""How a source is cited to a learner (the fact base's ``source_label``)."""


NEAR = 4
"""How many words after a figure may name what it counts ("13 were injured")."""
_LINKING = frozenset(
    {
        *("a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with"),
        *("from", "as", "was", "were", "is", "are", "be", "been", "had", "has", "have"),
        *("that", "which", "who", "more", "than", "least", "most", "some", "about"),
    }
)


@dataclass(frozen=True, slots=True)
class Secret:
    """One form of what an item asks, folded and padded with spaces.

    A figure is given away only where it counts the same thing: "25" in "25
    February 2021" says nothing of "at least 25 militiamen", but "13 were
    injured" gives "13 people were injured" away, and so does "wounded 55 more"
    for "55 were wounded". So a figure carries the words that follow it in its
    statement (``near``) and the verb before it (``before``), and is shown only
    where one of them follows it within :data:`NEAR` words or precedes it within
    :data:`BEFORE`. A range is given away by its two ends, shown anywhere
    ("built in 2019" and "withdrew in December 2024" answer "2019–2024"): its
    secret is one end with the other in ``also``.
    """

    text: str
    near: frozenset[str] = frozenset()
    before: frozenset[str] = frozenset()
    also: tuple[str, ...] = ()
    company: frozenset[str] = frozenset()
    """Words that, ``enough`` of them in the same item's text as ``text``, make it say
    what it says in the item ("Erbil" with "rockets" and "February" names the airport
    near the base the rockets hit; "Erbil" alone names nothing of it)."""
    enough: int = 3
    beside: tuple[str, ...] = ()
    """Names (folded, padded) one of which, in the same item's text as ``text``, makes it
    say what it says there ("Al-Qa'im" beside "Baghdad" says which country it is in)."""

    def shown_in(self, text: str) -> bool:
        if self.company or self.beside:
            return self._in_company(text)
        if self.also:
            return self.text in text and all(a in text for a in self.also)
        if self.plain:
            return self.text in text
        at = text.find(self.text)
        while at >= 0:
            after = text[at + len(self.text) :].split(maxsplit=NEAR)[:NEAR]
            if self.near.intersection(after):
                return True
            ahead = text[max(0, at - 80) : at].split()[-BEFORE:]
            if self.before.intersection(ahead):
                return True
            at = text.find(self.text, at + 1)
        return False

    def _in_company(self, text: str) -> bool:
        """Shown with ``enough`` of its company in one item's text (a set's items are
        joined by '|'), wherever they stand in it: the fields of an item are laid out
        in a different order by each output (a live game's reveal puts the sources
        right after the explanation), so nearness within an item is no rule."""
        at = text.find(self.text)
        while at >= 0:
            start = text.rfind("|", 0, at) + 1
            end = text.find("|", at)
            segment = text[start : None if end < 0 else end]
            if self.beside:
                if any(b in segment for b in self.beside):
                    return True
            elif len(self.company.intersection(segment.split())) >= self.enough:
                return True
            at = text.find(self.text, at + 1)
        return False

    @property
    def plain(self) -> bool:
        """Shown wherever its words are (not a figure that must count the same thing,
        nor a range shown by its ends, nor a year that must stand with its event)."""
        return not (self.near or self.before or self.also or self.company or self.beside)

    def parts(self) -> list[Secret]:
        """Each text that shows part of it: an end of a range shows half the answer."""
        if self.also:
            return [Secret(t) for t in (self.text, *self.also)]
        return [self]

    def __str__(self) -> str:
        return " and ".join(t.strip() for t in (self.text, *self.also))


BEFORE = 3
"""How many words before a figure may say what it counts ("wounded 55 more")."""
_SPAN_COUNT = re.compile(r"\bhow many (?:days|weeks|months|years)\b")
_YEAR = re.compile(r"\b\d{4}\b")


def _counted(fact: Fact, forms: Sequence[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The words that follow the figure in the fact's statement (what it counts), and
    the words just before it that say what happened ("wounded 55")."""
    words = fold(fact.statement).split()
    at = next((i for i, w in enumerate(words) if w in forms), None)
    if at is None:
        return frozenset(), frozenset()
    following = [w for w in words[at + 1 :] if w not in _LINKING]
    ahead = [
        w
        for w in words[max(0, at - BEFORE) : at]
        if w.isalpha() and w not in _LINKING and not w.endswith("ly")
    ]
    return frozenset(following[:NEAR]), frozenset(ahead)


def fact_secrets(fact: Fact, *, dated: bool, entities: Entities | None = None) -> list[Secret]:
    """Every form of ``fact``'s answer; with ``dated``, every way its date is written too
    (asked by a date question, or hidden by a timeline).

    Beside the answer's own forms: a range's two ends (shown together, they are
    the answer), and for a count of days or years between two dates, the other
    date its statement or explanation names (with the date the question gives,
    the count is a subtraction away).
    """
    if dated:
        return _date_secrets(fact, entities)
    plain: list[str] = []
    out: list[Secret] = []
    value = number_in(fact.answer) if fact.answer_kind is AnswerKind.NUMBER else None
    if value is not None:
        written = (str(value), fold(f"{value:,}"), in_words(value))
        forms = [f for f in dict.fromkeys(written) if f]
        near, before = _counted(fact, forms)
        out += [Secret(f" {f} ", near, before) for f in forms]
        plain += [a for a in (fact.answer, *fact.aliases) if number_in(a) != value]
        if _SPAN_COUNT.search(fold(fact.question)):
            given = {d for d in dates_in(fact.question)}
            told = dates_in(f"{fact.statement} {fact.explanation or ''}")
            plain += [f for d in told if d not in given for f in date_forms(d)]
    else:
        # Every name the answer goes by, those its own statement shows as well: another
        # item's "OIR coalition forces" gives "Operation Inherent Resolve" away.
        plain += [fact.answer, *fact.aliases, *fact.shown_names]
        plain += _head(fact.answer)
    if fact.answer_kind is AnswerKind.PERIOD:
        ends = list(dict.fromkeys(_YEAR.findall(fact.answer)))
        if len(ends) == 2:
            out.append(Secret(f" {ends[0]} ", also=(f" {ends[1]} ",)))
    if fact.date is not None and fact.answer_kind in DATE_KIND_PRECISION:
        plain += date_forms(fact.date)
    # A name that folds to a word every sentence has ("IS" of the Islamic State reads
    # "is") is not looked for: it would be found everywhere; the fact's other names are.
    out += [Secret(f" {s} ") for s in dict.fromkeys(fold(t) for t in plain) if s]
    out = [s for s in out if s.text.strip() not in _LINKING or not s.plain]
    if entities is not None:
        out += _tied(fact, entities) + _placed(fact, entities)
    return out


def _date_secrets(fact: Fact, entities: Entities | None) -> list[Secret]:
    """What a timeline asks of ``fact``: its date, every way it is written (and its year
    told with the event). Not its answer: the timeline shows the fact's statement with
    only the date hidden, so the answer is on the item itself, and another item naming
    it gives nothing of the order away."""
    if fact.date is None:
        return []
    out = [Secret(f" {s} ") for s in dict.fromkeys(fold(t) for t in date_forms(fact.date)) if s]
    if entities is not None:
        out += _year_told(fact, entities)
    return out


def _head(answer: str) -> list[str]:
    """The common words that end a phrase answer, when there are two or more and something
    before them: "intelligence sources" of "Western intelligence sources" (a source label
    "... missiles: intelligence sources" leaves one word to guess), "civilian contractor"
    of "an American civilian contractor". A name (every word capitalised) has no such
    head: "Human Rights" is not the Syrian Observatory."""
    words = answer.split()
    tail: list[str] = []
    for word in reversed(words):
        if not (word.islower() and word.isalpha()):
            break
        tail.insert(0, word)
    whole = len(tail) == len(words)
    while tail and tail[0] in _LINKING:
        tail.pop(0)
    if whole or sum(w not in _LINKING for w in tail) < 2:
        return []
    return [" ".join(tail)]


def _year_told(fact: Fact, entities: Entities) -> list[Secret]:
    """A timeline event's year, told in one item's text with three words of the event
    ("the 2021 strikes on the Imam Ali base"): it places the event among the others
    ("…was struck again on …" among events of 2019 and 2024 is ordered by it). The words
    are what happened: not words of the registry's names, which say where or who and are in
    most items of a set about a region. An event dated by its year has it among its forms."""
    date = fact.date
    if date is None:
        return []
    year = _YEAR.search(str(date))
    if year is None or year.group() == str(date).strip():
        return []
    named = entities.name_words()
    dating = {w for f in date_forms(date) for w in fold(f).split()}  # 'september' is no event
    words = frozenset(
        w
        for w in fold(fact.statement).split()
        if _distinct(w) and w not in named and w.isalpha() and w not in dating
    )
    if not words:
        return []
    # an event of few words of its own ("officially intervened" in the Syrian civil war)
    # is told by fewer: "intervened in Syria in 2014" in an earlier stem orders it
    return [Secret(f" {year.group()} ", company=words, enough=max(1, min(3, len(words) - 1)))]


PLACE_WORDS = 6
"""The longest name looked for in a question (in words)."""


def _placed(fact: Fact, entities: Entities) -> list[Secret]:
    """For a question asking which country a thing it names is in ("In which country is
    the border town of Al-Qa'im?"): that thing's name beside anything that says it is in
    the key (the key's demonym, a name of a place or body in it: "how far northwest of
    Baghdad is Al-Qa'im?") in one item's text gives the key away.

    The thing is found by its name in the question, and is one whose country the key
    is; names of the thing itself, of what lies in it or it lies in, are no mark."""
    key = fact.entity
    if key is None or not (marks := entities.marks(key)):
        return []
    words = fold(fact.question).split()
    subjects: dict[str, Entity] = {}
    for i in range(len(words)):
        for size in range(1, min(PLACE_WORDS, len(words) - i) + 1):
            for found in entities.keyed(name_key(" ".join(words[i : i + size]))):
                thing = entities.get(found)
                if thing is not None and found != key and entities.home(thing) == key:
                    subjects[found] = thing
    out: list[Secret] = []
    for thing in subjects.values():
        own = [f for n in thing.names if (f := fold(n))]
        beside = tuple(f" {m} " for m in marks if not any(o in m or m in o for o in own))
        out += [Secret(f" {o} ", beside=beside) for o in own]
    return out


def _tied(fact: Fact, entities: Entities) -> list[Secret]:
    """Names the registry ties to the key, shown beside the question's own words: "The
    Iraqi governorate in which Al-Qa'im is located" answers "In which country is the
    border town of Al-Qa'im?"; "rockets were fired at Erbil on 15 February 2021" answers
    "Near which airport was the base that rockets hit on 15 February 2021?" (Erbil
    International Airport).

    Tied: the key's demonym and what it lies in (its ``within``). Beside: two of the
    question's words (neither linking words nor the key's) in the same item's text.
    What lies in the key is left out: every Iraqi town beside "Al-Qa'im" would answer
    "Iraq", and such names are in most items of a set about the region."""
    key = entities.get(fact.entity)
    if key is None:
        return []
    own = {f for n in key.names if (f := fold(n))}
    tied = [key.demonym] if key.demonym else []
    tied += [n for w in key.within if (e := entities.get(w)) for n in e.names]
    keyed = {w for n in own for w in n.split()}
    asked = frozenset(w for w in fold(fact.question).split() if _distinct(w) and w not in keyed)
    names = dict.fromkeys(f for n in tied if (f := fold(n)) and f not in own)
    return [Secret(f" {n} ", company=asked - set(n.split()), enough=2) for n in names]


def _distinct(word: str) -> bool:
    """A word that says what it belongs to: not a linking word, not a question word, not
    a letter of an abbreviation ('U.S.' folds to 'u s')."""
    return len(word) > 3 and word not in _LINKING and not word.startswith(("wh", "how"))


def _kept(
    known: dict[tuple[str, bool], list[Secret]],
    fact: Fact,
    dated: bool,
    entities: Entities | None = None,
) -> list[Secret]:
    """``fact``'s secrets, made once and kept in ``known`` (a maker's, for its many sets)."""
    found = known.get((fact.id, dated))
    if found is None:
        found = known[fact.id, dated] = fact_secrets(fact, dated=dated, entities=entities)
    return found


def secrets(item: Item, facts: dict[str, Fact]) -> list[Secret]:
    """What ``item`` asks: every form of its facts' answers (and dates, for a timeline)."""
    dated = item.shape is Shape.ORDER
    own = [s for i in item.fact_ids if i in facts for s in fact_secrets(facts[i], dated=dated)]
    return own + swapped(item, facts)


def swapped(
    item: Item, facts: Mapping[str, Fact], entities: Entities | None = None
) -> list[Secret]:
    """What a false statement puts in the place of the truth, as a secret of its item.

    "A senior commander of the Nujaba Movement, Abu Mahdi al-Muhandis, was killed
    during the Gaza war" is judged false by whoever has read, anywhere in the set,
    that al-Muhandis was killed in 2020: another item naming the name swapped in
    tells what the learner needs of it, as surely as one naming the true one. A
    name of two words or more only: a figure, a date or a single word swapped in
    ("hundreds", "five", "Iraq", "north") is said of too many other things to stand
    for this statement."""
    statement = getattr(item, "statement", None)
    if statement is None and entities is not None and item.shape is Shape.CHOICE:
        return _ruled_out(item, facts, entities)
    if statement is None or getattr(item, "truth", True) or len(item.fact_ids) != 1:
        return []
    fact = facts.get(item.fact_ids[0])
    if fact is None or fact.answer_kind is AnswerKind.NUMBER:
        return []
    if fact.answer_kind in DATE_KIND_PRECISION or fact.answer_kind is AnswerKind.PERIOD:
        return []
    shown, true = fold(statement).split(), fold(fact.statement).split()
    start = 0
    while start < min(len(shown), len(true)) and shown[start] == true[start]:
        start += 1
    end = 0
    while end < min(len(shown), len(true)) - start and shown[-1 - end] == true[-1 - end]:
        end += 1
    run = shown[start : len(shown) - end]
    content = [w for w in run if w not in _LINKING]
    text = " ".join(content)
    if any(c.isdigit() for c in text) or number_in(text) is not None:
        return []
    if len(content) == 1 and entities is not None:
        return _swapped_beside(content[0], shown, entities)
    if len(content) < 2:
        return []
    return [Secret(f" {' '.join(run)} ")]


def _ruled_out(item: Item, facts: Mapping[str, Fact], entities: Entities) -> list[Secret]:
    """A one-word wrong option beside what the fact is about, in another item's text, rules
    that option out as a false statement's word is ruled out (:func:`_swapped_beside`):
    "The Iraqi governorate in which Al-Qa'im is located is the Al Anbar Governorate"
    before "Al-Qa'im is the center of which kind of division that bears its name?"
    leaves 'district' and 'region' of 'governorate', 'district' and 'region'."""
    options, answer = getattr(item, "options", ()), getattr(item, "answer", None)
    fact = facts.get(item.fact_ids[0]) if len(item.fact_ids) == 1 else None
    if fact is None or fact.answer_kind is not AnswerKind.TEXT or len((answer or "").split()) != 1:
        return []
    words = fold(fact.statement).split()
    return [
        s
        for o in options
        if o != answer and len(w := fold(o).split()) == 1
        for s in _swapped_beside(w[0], words, entities)
    ]


def _swapped_beside(word: str, shown: list[str], entities: Entities) -> list[Secret]:
    """A single word swapped in ("the governorate that bears its name" for "the district")
    is said of too many things to stand for the statement, save beside what the statement
    is about: another item's text with "Al-Qa'im" and "governorate" in it ("The Iraqi
    governorate in which Al-Qa'im is located is the Al Anbar Governorate") tells the
    learner whether Al-Qa'im's own governorate bears its name. What the statement is about:
    the names of the registry it writes (none of them holding the word)."""
    if len(word) < 4 or not word.isalpha():
        return []
    subjects: dict[str, None] = {}
    for i in range(len(shown)):
        for size in range(1, min(PLACE_WORDS, len(shown) - i) + 1):
            run = " ".join(shown[i : i + size])
            if word not in run.split() and entities.keyed(name_key(run)):
                subjects[run] = None
    beside = tuple(f" {n} " for n in subjects if _distinct(n.replace(" ", "")))
    return [Secret(f" {word} ", beside=beside)] if beside else []


def before(item: Item, facts: dict[str, Fact]) -> str:
    """What a learner reads before answering ``item``, folded: its prompt and options.

    For a true/false item, its true statement as well as the one shown: a false one
    hides the answer a true one shows (judging both by the true statement keeps the
    rule from preferring false statements, so the key stays a coin toss), and shows
    a wrong name or figure that may be another item's answer.
    """
    text = item.body()
    if item.shape is Shape.TRUTH:
        text += [facts[i].statement for i in item.fact_ids if i in facts]
    return f" {fold(' | '.join(text))} "


def after(item: Item, facts: dict[str, Fact], label: Label | None) -> str:
    """Everything ``item`` shows, folded: before answering, and with its feedback (the
    answer and what else is accepted, the explanation, every fact's statement where the
    feedback lays it out, the source labels)."""
    text = [*item.body(), item.answer_line(), *item.key_lines(), item.explanation]
    text += getattr(item, "accepted", ())
    text += [facts[i].statement for i in item.fact_ids if i in facts]
    if label is not None:
        text += [label(s) for s in item.source]
    return f" {fold(' | '.join(text))} "


TWIN_RUN = 5
"""How many content words in one run two statements of a source share to be one sentence."""


@lru_cache(maxsize=1 << 14)
def _content_runs(statement: str) -> frozenset[tuple[str, ...]]:
    """A statement's runs of :data:`TWIN_RUN` content words, kept for the next set (the
    audit checks hundreds of sets of the same facts; a bounded cache)."""
    words = [w for w in fold(statement).split() if w not in _LINKING]
    return frozenset(tuple(words[i : i + TWIN_RUN]) for i in range(len(words) - TWIN_RUN + 1))


class Twins:
    """Facts said in one sentence of the source: one for a set.

    Two facts that cite the same reference and share a run of
    :data:`TWIN_RUN` content words are one sentence split in two ("killed
    at least 25 militiamen and wounded 55 more"): asking both asks one thing
    twice, and either's feedback gives the other away. A set takes in the
    facts it asks (:meth:`take`); :meth:`said_with` compares a fact it
    considers with those of them that cite one of its references, and nothing
    else: no index over the whole base (a reference may be cited by thousands
    of facts, and a set of ten from 100,000 looks at a few hundred), each
    fact's runs of words worked out when it is first compared, and kept.
    """

    def __init__(self, facts: Mapping[str, Fact]) -> None:
        self._facts = facts
        self._taken: dict[SourceKey, list[str]] = {}
        """The facts taken so far, by each reference they cite, in the order taken."""
        self._runs: dict[str, frozenset[tuple[str, ...]]] = {}

    def _runs_of(self, fact: Fact) -> frozenset[tuple[str, ...]]:
        found = self._runs.get(fact.id)
        if found is None:
            found = self._runs[fact.id] = _content_runs(fact.statement)
        return found

    def take(self, fact_id: str) -> None:
        """Count ``fact_id`` as asked by the set (a fact not among the facts is none)."""
        fact = self._facts.get(fact_id)
        if fact is not None:
            for key in dict.fromkeys(fact.source):
                self._taken.setdefault(key, []).append(fact_id)

    def said_with(self, fact_id: str) -> str | None:
        """The first fact taken (by reference, then in the order taken) said in the same
        sentence as ``fact_id``, itself aside; None if there is none."""
        fact = self._facts.get(fact_id)
        if fact is None or not self._taken:
            return None
        runs: frozenset[tuple[str, ...]] | None = None
        for key in fact.source:
            for other in self._taken.get(key, ()):
                if other == fact_id:
                    continue
                if runs is None:
                    runs = self._runs_of(fact)
                    if not runs:
                        return None
                if not runs.isdisjoint(self._runs_of(self._facts[other])):
                    return other
        return None


class Companions:
    """The facts an item about several may take in, each looked at when first asked about.

    A set asks whether a companion still fits (:meth:`Leaks.fits`) only for the
    few a timeline or a matching item considers, so what each would show and
    ask (its secrets, its folded statement) is worked out then and kept, not for
    every fact of the base up front: a set of ten from 100,000 facts looks at a
    few hundred.
    """

    def __init__(self, facts: Sequence[Fact]) -> None:
        self.facts = facts
        self.position = {f.id: k for k, f in enumerate(facts)}
        self._secrets: dict[int, list[Secret]] = {}
        self._statements: dict[int, str] = {}

    def secrets(self, k: int) -> list[Secret]:
        """Companion ``k``'s secrets: its answer's forms and its date's."""
        found = self._secrets.get(k)
        if found is None:
            found = self._secrets[k] = fact_secrets(self.facts[k], dated=True)
        return found

    def statement(self, k: int) -> str:
        """Companion ``k``'s statement, folded and padded."""
        found = self._statements.get(k)
        if found is None:
            found = self._statements[k] = f" {fold(self.facts[k].statement)} "
        return found

    def following(self, k: int, at: int, size: int = 200) -> str:
        """``size`` characters of the companions' statements, one after another with '|'
        between, from position ``at`` of companion ``k``'s: what a figure found there is
        followed by (the words it counts are looked for in it)."""
        text = self.statement(k)[at:]
        j = k + 1
        while len(text) < size and j < len(self.facts):
            text += "|" + self.statement(j)
            j += 1
        return text[:size]

    def unfit(
        self,
        k: int,
        texts: Sequence[str],
        joined: str,
        asked: Sequence[Secret],
        since: tuple[int, int, int] = (0, 0, 0),
    ) -> bool:
        """Whether companion ``k`` may no longer be taken in beside what is ``texts`` (each
        text shown so far, and all of them ``joined`` by '|'): one of its own secrets is
        shown there (a figure judged in each text, with the words around it; a plain name
        found in the whole), or its statement shows one of ``asked``.

        ``since``: how many of ``texts``, how much of ``joined`` and how many of ``asked``
        were found to leave ``k`` fit before (a set only adds to them): only what came
        after is looked at."""
        n_texts, n_joined, n_asked = since
        later = texts[n_texts:] if n_texts else texts
        for secret in self.secrets(k):
            if not secret.plain:
                if any(secret.shown_in(text) for text in later):
                    return True
            elif joined.find(secret.text, max(0, n_joined - len(secret.text) + 1)) >= 0:
                return True
        return self.shows_secret(k, asked[n_asked:] if n_asked else asked)

    def shows_secret(self, k: int, asked: Sequence[Secret]) -> bool:
        """Whether companion ``k``'s statement shows one of ``asked``."""
        own = self.statement(k)
        for secret in asked:
            at = own.find(secret.text)
            while at >= 0:
                if secret.plain or secret.shown_in(self.following(k, at)):
                    return True
                at = own.find(secret.text, at + 1)
        return False


READINGS = 256
"""How many items' readings a set keeps (those of the item it adds, and of the few it
weighs beside it, are what it reads again)."""


class _Reading:
    """What a set reads of one item (its secrets, its text before and after it is
    answered, the items it must follow and precede), worked out once: a drawing asks why
    an item may not join, weighs it, adds it; the audit asks why, then adds."""

    __slots__ = ("ahead", "asks", "at", "earlier", "item", "later", "shows")

    def __init__(self, item: Item) -> None:
        self.item = item
        self.asks: list[Secret] | None = None
        self.ahead: str | None = None
        self.shows: str | None = None
        self.at = -1
        """How many items the set had when ``later`` and ``earlier`` were found."""
        self.later: set[int] = set()
        self.earlier: set[int] = set()


class _SetSoFar:
    """A set so far under the rule, as :class:`Leaks` and :class:`Drawing` both hold one:
    its facts, what it has asked and shown, and the companions it has made unfit. They
    differ in what the set's order may do (fixed as added, or settled once complete), so
    each adds its own state (``_start``) and its own :meth:`why`."""

    def __init__(
        self,
        facts: Iterable[Fact] | dict[str, Fact],
        label: Label | None = None,
        known: dict[tuple[str, bool], list[Secret]] | None = None,
        companions: Companions | None = None,
        *,
        entities: Entities | None = None,
    ) -> None:
        """Every set is read as a worksheet is, all at once (a quiz, a listing, a file an
        LMS may shuffle, a live game alike): no prompt may show another item's answer
        wherever it stands. ``known`` keeps each fact's secrets from one set to the next
        (a maker's many); ``companions`` are the facts an item about several may take
        in, kept in :attr:`unfit` as they stop fitting."""
        self.facts = facts if isinstance(facts, dict) else {f.id: f for f in facts}
        self.label = label
        self.entities = entities
        """The registry: names it ties to a key are forms of it too (:func:`_tied`)."""
        self.asked: set[str] = set()
        self.shown = ""
        """Everything the set has shown, folded, one text (a search is then one scan)."""
        self._own: dict[tuple[str, bool], list[Secret]] = {} if known is None else known
        self._companions = companions
        self._asked_secrets: list[Secret] = []
        self._twins = Twins(self.facts)
        """Facts said in the same sentence as a fact asked."""
        self._readings: dict[int, _Reading] = {}
        """What the set has read of the items it was asked about, by the item's id."""
        self._closed: set[str] = set()
        """Facts no item about which may join (:meth:`open_to` found a form shown)."""
        self._looked: dict[str, int] = {}
        """fact id -> how much of the text :meth:`open_to` reads it found its forms not in."""
        self._fit: dict[int, tuple[int, int, int] | None] = {}
        """companion -> how much of what the set shows left it fit (None: unfit)."""
        self.unfit = _Unfit(self)
        """Companions a timeline or a matching item may no longer take in: asked already,
        their answer or date shown, or their statement showing an answer asked (asked as
        ``fact_id in unfit``, and worked out for that fact then)."""
        self._start()

    def _start(self) -> None:
        """Set up what this kind of set keeps besides."""

    def _fact(self, fact: Fact, dated: bool) -> list[Secret]:
        return _kept(self._own, fact, dated, self.entities)

    def _secrets(self, item: Item) -> list[Secret]:
        raise NotImplementedError

    def _reading(self, item: Item) -> _Reading:
        found = self._readings.get(id(item))
        if found is None or found.item is not item:
            if len(self._readings) >= READINGS:
                self._readings.clear()
            found = self._readings[id(item)] = _Reading(item)
        return found

    def _asks(self, item: Item) -> list[Secret]:
        """``item``'s secrets (:meth:`_secrets`), worked out once."""
        reading = self._reading(item)
        if reading.asks is None:
            reading.asks = self._secrets(item)
        return reading.asks

    def _ahead(self, item: Item) -> str:
        """:func:`before` of ``item``, worked out once."""
        reading = self._reading(item)
        if reading.ahead is None:
            reading.ahead = before(item, self.facts)
        return reading.ahead

    def _shows(self, item: Item) -> str:
        """:func:`after` of ``item``, worked out once."""
        reading = self._reading(item)
        if reading.shows is None:
            reading.shows = after(item, self.facts, self.label)
        return reading.shows

    def _unshown(self, fact: Fact, text: str) -> bool:
        """Whether no form of ``fact``'s answer is shown in ``text``: the set's prompts, or
        all it shows, a text that only grows (so a form shown stays shown, and a name not
        found in what was read before can only be in what was added since)."""
        if fact.id in self._closed:
            return False
        since = self._looked.get(fact.id, 0)
        for secret in self._fact(fact, False):
            if secret.plain:
                found = text.find(secret.text, max(0, since - len(secret.text) + 1)) >= 0
            else:
                found = secret.shown_in(text)
            if found:
                self._closed.add(fact.id)
                return False
        self._looked[fact.id] = len(text)
        return True

    def _companion_unfit(self, k: int, texts: Sequence[str], joined: str) -> bool:
        """:meth:`Companions.unfit` of companion ``k``, looking only at what the set
        added since it was last found fit (an unfit companion stays unfit)."""
        companions = self._companions
        assert companions is not None
        if k in self._fit:
            since = self._fit[k]
            if since is None:
                return True
        else:
            since = (0, 0, 0)
        asked = self._asked_secrets
        if companions.unfit(k, texts, joined, asked, since):
            self._fit[k] = None
            return True
        self._fit[k] = (len(texts), len(joined), len(asked))
        return False

    def why(self, item: Item) -> str | None:
        """Why ``item`` may not join the set, or None if it may."""
        raise NotImplementedError

    def between(self, item: Item) -> bool:
        """Whether ``item`` breaks the rule."""
        return self.why(item) is not None

    def unfit_companion(self, fact_id: str) -> bool:
        """Whether a timeline or a matching item may no longer take in ``fact_id``."""
        raise NotImplementedError


class Leaks(_SetSoFar):
    """The items of one set so far, so that the next may be refused if it would leak.

    ``add`` an item once it is in the set; ``between`` asks, before adding one,
    whether it breaks the rule: a fact already asked, an answer of its own shown
    by anything the set has shown so far, or (every prompt is read at once) an
    earlier item's answer in its own prompt or options.
    """

    def _start(self) -> None:
        self._names: set[str] = set()
        """The answers asked so far (folded), to look up by each run of words shown."""
        self._longest = 0
        self._firsts: set[str] = set()
        self._figures: list[Secret] = []
        """Figures asked so far, which count something (see :class:`Secret`)."""
        self._shown_items: list[str] = []
        """What each item of the set shows (``shown`` is them joined)."""

    def _secrets(self, item: Item) -> list[Secret]:
        dated = item.shape is Shape.ORDER
        own = [
            s for i in item.fact_ids if i in self.facts for s in self._fact(self.facts[i], dated)
        ]
        return own + swapped(item, self.facts, self.entities)

    def open_to(self, fact: Fact) -> bool:
        """Whether an item about ``fact`` could still join: it is not asked, and its
        answer is not shown. A cheap look before the item is made."""
        return fact.id not in self.asked and self._unshown(fact, self.shown)

    def _asked_in(self, text: str) -> Secret | None:
        """An answer asked so far that ``text`` (folded, padded) shows, else None."""
        words = text.split()
        for i, word in enumerate(words):
            if word in self._firsts:
                for size in range(1, min(self._longest, len(words) - i) + 1):
                    run = " ".join(words[i : i + size])
                    if run in self._names:
                        return Secret(f" {run} ")
        return next((s for s in self._figures if s.shown_in(text)), None)

    def why(self, item: Item) -> str | None:
        """Why ``item`` may not join the set, or None if it may."""
        twice = next((i for i in item.fact_ids if i in self.asked), None)
        if twice is not None:
            return f"fact {twice} is asked already"
        twin = next((t for i in item.fact_ids if (t := self._twins.said_with(i))), None)
        if twin is not None:
            return f"fact {twin}, said in the same sentence, is asked already"
        shown = next((s for s in self._asks(item) if s.shown_in(self.shown)), None)
        if shown is not None:
            return f"its answer ({shown}) is shown by an earlier item"
        earlier = self._asked_in(self._ahead(item))
        if earlier is not None:
            return f"it shows an earlier item's answer ({earlier})"
        return None

    def add(self, item: Item) -> None:
        self.asked.update(item.fact_ids)
        for i in item.fact_ids:
            self._twins.take(i)
        shown = self._shows(item)
        self.shown += "|" + shown
        asked = self._asks(item)
        for secret in asked:
            if not secret.plain:
                self._figures.append(secret)
            else:
                name = secret.text.strip()
                self._names.add(name)
                self._firsts.add(name.split(" ", 1)[0])
                self._longest = max(self._longest, name.count(" ") + 1)
        self._shown_items.append(shown)
        self._asked_secrets.extend(asked)

    def unfit_companion(self, fact_id: str) -> bool:
        """Whether a timeline or a matching item may no longer take in ``fact_id``: it is
        asked, a secret of its own is shown, or its statement shows a secret asked."""
        if fact_id in self.asked:
            return True
        companions = self._companions
        k = None if companions is None else companions.position.get(fact_id)
        if companions is None or k is None:
            return False
        return self._companion_unfit(k, self._shown_items, self.shown)


class _Unfit:
    """``fact_id in leaks.unfit``, worked out for that fact when asked."""

    __slots__ = ("leaks",)

    def __init__(self, leaks: _SetSoFar) -> None:
        self.leaks = leaks

    def __contains__(self, fact_id: object) -> bool:
        return isinstance(fact_id, str) and self.leaks.unfit_companion(fact_id)


RULES = (
    ("fact ", "a fact asked already, or said in one sentence with one asked"),
    ("its answer", "an answer shown by another question or its options"),
    ("its prompt", "a prompt or options showing another question's answer"),
    ("it shows", "two feedbacks showing each other's answers"),
)
"""Why a drawing refuses items, by the start of the reason, in words for a user."""


class Drawing(_SetSoFar):
    """A set being drawn, whose order is settled once it is complete.

    :class:`Leaks` holds a set to the order its items were added in. Yet an
    item whose feedback shows another's answer leaks nothing if it comes after
    that item: only a prompt or options showing an answer (read before any
    answer, all at once) rule a pair out whichever comes first.
    So a drawing keeps, for each feedback that shows an answer, the order it
    asks for (the item asking before the item showing), refuses an item only
    when it would ask a fact twice, show or be shown in a prompt, or make that
    order go round in a circle, and :meth:`ordered` lays the items out in an
    order that keeps every one of them, as near the drawn order as it allows.
    The set that comes out passes :func:`set_flaws` as it stands.
    """

    def _start(self) -> None:
        self.items: list[Item] = []
        self.prompts = ""
        """Every prompt and option so far, folded, one text."""
        self._afters: list[str] = []
        self._starts: list[int] = []
        """Where each of ``_afters`` starts in ``shown`` (they are joined by '|' there)."""
        self._asked = _AskedIndex()
        self._before: dict[int, set[int]] = {}
        """item k -> the items that must come after it (their feedback shows its answer)."""
        self._aheads: list[str] = []
        """What each item shows before it is answered (prompt and options)."""
        self._places: list[int] = []
        self.refused: dict[str, int] = {}
        """How many items each rule refused (:data:`RULES`' words): what limits a set."""

    def _secrets(self, item: Item) -> list[Secret]:
        """What ``item`` asks, a range's ends each on its own: wherever the set shows one
        end, the other may be shown too, so each end is kept in order like an answer."""
        dated = item.shape is Shape.ORDER
        own = [
            part
            for i in item.fact_ids
            if i in self.facts
            for s in self._fact(self.facts[i], dated)
            for part in s.parts()
        ]
        return own + swapped(item, self.facts, self.entities)

    def open_to(self, fact: Fact) -> bool:
        """Whether an item about ``fact`` could still join: not asked, no prompt shows its
        answer, nor its double (:func:`doubles`). A cheap look before the item is made."""
        return (
            fact.id not in self.asked
            and self._unshown(fact, self.prompts)
            and self._twin(fact.id) is None
        )

    def why(self, item: Item) -> str | None:
        """Why ``item`` may not join the set in any place, or None if it may."""
        reason = self._why(item)
        if reason is not None:
            key = next((r for start, r in RULES if reason.startswith(start)), reason)
            self.refused[key] = self.refused.get(key, 0) + 1
        return reason

    def _why(self, item: Item) -> str | None:
        twice = next((i for i in item.fact_ids if i in self.asked), None)
        if twice is not None:
            return f"fact {twice} is asked already"
        twin = next((i for i in item.fact_ids if self._twin(i) is not None), None)
        if twin is not None:
            return f"fact {twin} is said in the same sentence as fact {self._twin(twin)}"
        own = self._asks(item)
        shown = next((s for s in own if s.shown_in(self.prompts)), None)
        if shown is not None:
            return f"its answer ({shown}) is shown by a prompt of the set"
        prompted = self._asked.find(self._ahead(item))
        if prompted:
            return f"its prompt shows an answer of the set ({prompted[0][1]})"
        later, earlier = self._order(item)
        if later & earlier or self._reaches(later, earlier):
            return "it shows answers of items whose feedback shows its own (no order keeps both)"
        return None

    def _twin(self, fact_id: str) -> str | None:
        return self._twins.said_with(fact_id)

    def _order(self, item: Item) -> tuple[set[int], set[int]]:
        """The items ``item``'s text shows an answer of (they must come before it), and
        those whose text shows its own (after it); worked out once for the set so far."""
        reading = self._reading(item)
        if reading.at != len(self.items):
            reading.later = self._showing(self._asks(item))
            reading.earlier = {k for k, _ in self._asked.find(self._shows(item))}
            reading.at = len(self.items)
        return reading.later, reading.earlier

    def _showing(self, secrets: Sequence[Secret]) -> set[int]:
        """The items whose text (``_afters``) shows one of ``secrets``: a secret's text is
        looked for once in ``shown``, where those texts are joined by '|' (a secret holds
        no '|', so where it is found says whose text it is in), and a secret that is more
        than its text is judged in the texts it is found in."""
        out: set[int] = set()
        shown, starts, texts = self.shown, self._starts, self._afters
        for secret in secrets:
            text = secret.text
            if not text or "|" in text:
                out.update(k for k, t in enumerate(texts) if secret.shown_in(t))
                continue
            # Where its text is (a secret of any sort is shown only where its text is).
            at = shown.find(text)
            while at >= 0:
                k = bisect_right(starts, at) - 1
                if secret.plain or secret.shown_in(texts[k]):
                    out.add(k)
                if k + 1 == len(starts):
                    break
                at = shown.find(text, starts[k + 1])
        return out

    def _reaches(self, starts: set[int], goals: set[int]) -> bool:
        """Whether an item of ``goals`` must come after one of ``starts``."""
        seen = set(starts)
        todo = list(starts)
        while todo:
            for nxt in self._before.get(todo.pop(), ()):
                if nxt in goals:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    def add(self, item: Item, place: int | None = None) -> None:
        """Take ``item`` in (``why`` said it may join); ``place``: where it stands in
        the order drawn, if not after the others (an item drawn early to find it room)."""
        k = len(self.items)
        self._places.append(k if place is None else place)
        own = self._asks(item)
        shown = self._shows(item)
        later, earlier = self._order(item)
        self._before[k] = set(later)
        for j in earlier:
            self._before.setdefault(j, set()).add(k)
        self.items.append(item)
        self.asked.update(item.fact_ids)
        ahead = self._ahead(item)
        self.prompts += "|" + ahead
        self._starts.append(len(self.shown) + 1)
        self._afters.append(shown)
        self.shown += "|" + shown
        self._asked.add(own, k)
        self._aheads.append(ahead)
        self._asked_secrets.extend(own)
        for i in item.fact_ids:
            self._twins.take(i)

    def unfit_companion(self, fact_id: str) -> bool:
        """Whether a timeline or a matching item may no longer take in ``fact_id``: it is
        asked or said in a sentence with one asked, or (every prompt is read at once) a
        prompt shows its answer or date, or its statement shows an answer asked."""
        if fact_id in self.asked or self._twin(fact_id) is not None:
            return True
        companions = self._companions
        if companions is None:
            return False
        k = companions.position.get(fact_id)
        if k is None:
            return False
        return self._companion_unfit(k, self._aheads, self.prompts)

    def ordered(self) -> list[Item]:
        """The items in an order every feedback allows, as near the order they were
        drawn in as it lets (a shorter set of the same seed starts the same way)."""
        from heapq import heapify, heappop, heappush

        waiting = dict.fromkeys(range(len(self.items)), 0)
        for later in self._before.values():
            for j in later:
                waiting[j] += 1
        ready = [(self._places[k], k) for k, w in waiting.items() if w == 0]
        heapify(ready)
        out: list[Item] = []
        while ready:
            _, k = heappop(ready)
            out.append(self.items[k])
            for j in self._before.get(k, ()):
                waiting[j] -= 1
                if waiting[j] == 0:
                    heappush(ready, (self._places[j], j))
        return out


class Blocking:
    """How many facts an item would shut out of a set: a measure to draw by.

    Each fact still open is read as its items will show it (its question and its
    statement, folded); an item shuts out a fact whose text shows one of the item's
    secrets (no item about it could join a set read at once), and a fact whose answer
    the item's prompt shows (its own item would be refused). A set drawn taking, of a
    few items that may join, the one that shuts out fewest is fuller: a timeline that
    hides "15 February 2021", the date half the facts of that attack name, leaves room
    for fewer of them than one of their items does. Facts are closed as the set grows
    (:meth:`close`), each looked at once against each prompt added.
    """

    def __init__(self, drawing: Drawing, facts: Iterable[Fact]) -> None:
        self.drawing = drawing
        self._companion_costs: dict[str, int] = {}
        self.open: dict[str, str] = {}
        """fact id -> its question and statement, folded and padded, for each fact open."""
        for fact in facts:
            if drawing.open_to(fact):
                self.open[fact.id] = f" {fold(fact.question)} | {fold(fact.statement)} "
        self._texts = _Texts(self.open)
        """The texts of the facts open at the start (a fact closed is only left out)."""
        self._showing: dict[Secret | str, frozenset[str]] = {}
        """A secret (a plain one by its text) -> the facts whose text shows it."""
        self._answers = _Answers(
            (fid, drawing._fact(drawing.facts[fid], False)) for fid in self.open
        )
        self._prompted: dict[str, set[str]] = {}
        """A prompt (folded) -> the facts whose answer it shows."""

    def _shown_by(self, secret: Secret) -> frozenset[str]:
        """The facts (of those open at the start) whose text shows ``secret``."""
        key: Secret | str = secret.text if secret.plain else secret
        found = self._showing.get(key)
        if found is None:
            found = self._showing[key] = self._texts.showing(secret)
        return found

    def _answered(self, ahead: str) -> set[str]:
        """The facts (of those open at the start) whose answer ``ahead`` shows."""
        found = self._prompted.get(ahead)
        if found is None:
            found = self._prompted[ahead] = self._answers.shown_in(ahead)
        return found

    def shuts_out(self, fact_id: str) -> int:
        """How many other open facts would be shut out by a timeline or a matching item
        taking ``fact_id`` in: those whose text shows its answer or its date."""
        found = self._companion_costs.get(fact_id)
        if found is None:
            fact = self.drawing.facts.get(fact_id)
            hidden = [] if fact is None else self.hidden(fact)
            hit: set[str] = set()
            for secret in hidden:
                hit.update(self._shown_by(secret))
            found = sum(1 for fid in hit if fid != fact_id and fid in self.open)
            self._companion_costs[fact_id] = found
        return found

    def hidden(self, fact: Fact) -> list[Secret]:
        """What an item taking ``fact`` in beside others may hide: its answer, its date."""
        drawing = self.drawing
        return drawing._fact(fact, True)

    def cost(self, item: Item) -> int:
        """How many open facts (the item's own aside) ``item`` would shut out: those whose
        text shows one of its secrets, and those whose answer its prompt shows."""
        drawing = self.drawing
        mine = set(item.fact_ids)
        hit = set(self._answered(drawing._ahead(item)))
        for secret in drawing._asks(item):
            if secret.text.strip():
                hit.update(self._shown_by(secret))
        return sum(1 for fid in hit if fid not in mine and fid in self.open)

    def close(self, item: Item) -> None:
        """Take ``item``, just added to the drawing, into account: its facts are asked,
        and a fact whose answer its prompt shows is shut out."""
        drawing = self.drawing
        shown = self._answered(drawing._ahead(item))
        self._companion_costs.clear()
        for fid in item.fact_ids:
            self.open.pop(fid, None)
        for fid in [f for f in self.open if drawing._twin(f) is not None or f in shown]:
            del self.open[fid]


class _Texts:
    """Texts by key, to find which of them show a secret: its text is looked for once in
    all of them joined by NUL (which no folded text or secret holds, so where it is found
    says whose text it is in), and a secret that is more than its text is then judged
    (:meth:`Secret.shown_in`) in the texts it is found in: it is shown only where its
    text is."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(texts)
        self.keys = list(self.texts)
        self.starts: list[int] = []
        at = 0
        for text in self.texts.values():
            self.starts.append(at)
            at += len(text) + 1
        self.joined = "\0".join(self.texts.values())

    def showing(self, secret: Secret) -> frozenset[str]:
        text = secret.text
        if not text or "\0" in text:
            return frozenset(k for k, t in self.texts.items() if secret.shown_in(t))
        out: list[str] = []
        joined, starts, keys = self.joined, self.starts, self.keys
        at = joined.find(text)
        while at >= 0:  # a secret of any sort is shown only where its text is
            k = bisect_right(starts, at) - 1
            if secret.plain or secret.shown_in(self.texts[keys[k]]):
                out.append(keys[k])
            if k + 1 == len(starts):
                break
            at = joined.find(text, starts[k + 1])
        return frozenset(out)


class _Answers:
    """The answers of many facts, to find whose a prompt shows: each plain one (its words
    one by one between single spaces, as folding writes them) looked up by each run of the
    prompt's words, as :class:`_AskedIndex` does; any other, tried on the prompt."""

    def __init__(self, facts: Iterable[tuple[str, Sequence[Secret]]]) -> None:
        self.names: dict[str, set[str]] = {}
        self.firsts: set[str] = set()
        self.longest = 0
        self.others: list[tuple[Secret, str]] = []
        self.every: list[tuple[Secret, str]] = []
        for fid, secrets in facts:
            for secret in secrets:
                self.every.append((secret, fid))
                words = secret.text.split()
                if secret.plain and words and secret.text == f" {' '.join(words)} ":
                    self.names.setdefault(" ".join(words), set()).add(fid)
                    self.firsts.add(words[0])
                    self.longest = max(self.longest, len(words))
                else:
                    self.others.append((secret, fid))

    def shown_in(self, text: str) -> set[str]:
        """The facts one of whose answers ``text`` (folded, padded) shows."""
        words = text.split()
        if text != f" {' '.join(words)} ":  # not as folding writes: each answer tried
            return {fid for secret, fid in self.every if secret.shown_in(text)}
        out: set[str] = set()
        names, longest = self.names, self.longest
        for i, word in enumerate(words):
            if word in self.firsts:
                for size in range(1, min(longest, len(words) - i) + 1):
                    found = names.get(" ".join(words[i : i + size]))
                    if found:
                        out.update(found)
        out.update(
            fid
            for secret, fid in self.others
            if fid not in out and secret.text in text and secret.shown_in(text)
        )
        return out


class Avoided:
    """The companions a timeline or a matching item of a scarce set leaves out: those no
    longer fit (``unfit``) and those that would shut out more than ``limit`` other facts
    (:meth:`Blocking.shuts_out`): "15 February 2021" hidden by a timeline is a date
    half the facts of that attack name."""

    __slots__ = ("blocking", "limit", "unfit")

    def __init__(self, unfit: Container[str], blocking: Blocking, limit: int) -> None:
        self.unfit = unfit
        self.blocking = blocking
        self.limit = limit

    def __contains__(self, fact_id: object) -> bool:
        if fact_id in self.unfit:
            return True
        return isinstance(fact_id, str) and self.blocking.shuts_out(fact_id) > self.limit


class _AskedIndex:
    """The answers asked by a set's items, to find which of them a text shows."""

    def __init__(self) -> None:
        self.names: dict[str, set[int]] = {}
        self.firsts: set[str] = set()
        self.longest = 0
        self.figures: list[tuple[Secret, int]] = []

    def add(self, secrets: Iterable[Secret], k: int) -> None:
        for secret in secrets:
            if not secret.plain:
                self.figures.append((secret, k))
            else:
                name = secret.text.strip()
                self.names.setdefault(name, set()).add(k)
                self.firsts.add(name.split(" ", 1)[0])
                self.longest = max(self.longest, name.count(" ") + 1)

    def find(self, text: str) -> list[tuple[int, Secret]]:
        """(item, answer) for each answer asked that ``text`` (folded, padded) shows."""
        out: list[tuple[int, Secret]] = []
        words = text.split()
        for i, word in enumerate(words):
            if word in self.firsts:
                for size in range(1, min(self.longest, len(words) - i) + 1):
                    run = " ".join(words[i : i + size])
                    for k in self.names.get(run, ()):
                        out.append((k, Secret(f" {run} ")))
        out += [(k, s) for s, k in self.figures if s.text in text and s.shown_in(text)]
        return out


LEAN = 1
"""How far a set's false true/false items may outnumber its true ones, or the other way
round. A true/false item is seeded per (seed, kind, fact), its true and false forms made
from the same draws, so a fact's item does not depend on the others asked; a set takes,
for each true/false item as it is drawn, the form that keeps the running count within
this (11 false of 14 let "always False" score 79%)."""


def truth_lean(items: Iterable[Item]) -> int:
    """How many more of a set's true/false items are false than true (negative: true)."""
    truths = [t for q in items if isinstance(t := getattr(q, "truth", None), bool)]
    return sum(-1 if t else 1 for t in truths)


def set_flaws(
    items: Sequence[Item],
    facts: Iterable[Fact] | dict[str, Fact],
    label: Label | None = None,
    *,
    entities: Entities | None = None,
    known: dict[tuple[str, bool], list[Secret]] | None = None,
) -> list[tuple[str, str]]:
    """(item id, why) for each item of a set that breaks the rule, in order: every set is
    read as a worksheet is, its prompts all before any answer. ``known`` keeps each fact's
    secrets for the next set checked (the audit's hundreds, of the same facts)."""
    leaks = Leaks(facts, label, known, entities=entities)
    out = []
    for item in items:
        why = leaks.why(item)
        if why is not None:
            out.append((item.id, why))
        leaks.add(item)
    return out
