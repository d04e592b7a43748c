"""What makes an item flawed, as a teacher reviewing a bank would see it.

Each rule is a pure predicate over an item and the fact base, returning the
reason it fails (or None). The audit reports them per rule; the cues a kind
must avoid while making an item (an echo of the stem, a false statement that
gives itself away, statements that open alike) are :mod:`quizgen.items.cues`,
which these rules apply too, so generator and audit never drift apart. The
rules come from an item-by-item review of the bank (issue 10): distractors
that contradict the stem, dates outside the record, distractors of another
class, two options naming one thing, true/false variants that give
themselves away, answers left in the prompt, matching giveaways.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from quizgen.facts import DATE_KIND_PRECISION, NAME_SORTS, AnswerKind, Fact, FactBase
from quizgen.facts.bounds import hedged_span, number_bound
from quizgen.facts.spans import BLANK, find_answer, precision_hint
from quizgen.items import Item
from quizgen.items.cloze import WHERE_KINDS
from quizgen.items.cues import (
    Sayings,
    about_the_source,
    appositive_cue,
    asks_side,
    blank_unasked,
    centred_key,
    converges,
    dated_by_writing,
    determiner_clash,
    doubled_word,
    echoes,
    editors_note,
    form_cue,
    form_odd_one_out,
    in_order,
    odd_form,
    one_date,
    open_alike,
    pair_cue,
    setting_cue,
    shared_with_stem,
    side_of,
    swap_span,
    timeline_flaw,
    truth_swap_flaw,
    verbal,
)
from quizgen.items.distractors import DistractorIndex, in_setting, overlaps_as_a_time
from quizgen.items.match import nested
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from quizgen.language.dates import interval
from quizgen.language.datespan import (
    fits,
    free_units,
    lone_unit,
    record_span,
    references,
    unit,
)
from quizgen.language.text import contains, fold, folded


@dataclass(frozen=True, slots=True)
class Flaw:
    rule: str
    item: str
    detail: str


class FlawFinder:
    """The rules, over one fact base (which gives classes, aliases and the record span)."""

    def __init__(self, base: FactBase) -> None:
        self.base = base
        self.facts = {f.id: f for f in base.facts}
        self.record = record_span(base.facts)
        self.index = DistractorIndex(base.facts, base.entities, base.by_id)
        self.sayings = Sayings(base.facts)

    def flaws(self, q: Item) -> list[Flaw]:
        found: list[Flaw] = []
        for rule, check in RULES.items():
            detail = check(self, q)
            if detail:
                found.append(Flaw(rule, q.id, detail))
        return found

    # -- helpers ---------------------------------------------------------------------
    def fact(self, q: Item) -> Fact | None:
        return self.facts.get(q.fact_ids[0]) if q.fact_ids else None

    def same_thing(self, a: str, b: str) -> bool:
        """Two options naming one thing (the rule the distractor index applies)."""
        return self.index.same_thing(fold(a), fold(b))


def _date_options(c: FlawFinder, q: Item) -> str | None:
    if not isinstance(q, ChoiceItem) or q.answer_kind not in DATE_KIND_PRECISION:
        return None
    key = one_date(q.answer)
    if key is None:
        return None
    refs = references(key, q.question)
    dates = [d for o in q.options if o != q.answer and (d := one_date(o)) is not None]
    lone = lone_unit(key, dates) if len(dates) == len(q.options) - 1 else None
    if lone is not None:
        return f"the key ({q.answer}) is the only option of its {lone}: the others share theirs"
    fact = c.fact(q)
    record = c.index.era(fact) if fact is not None and fact.answer == q.answer else c.record
    for option in q.options:
        date = one_date(option)
        if (
            date is not None
            and option != q.answer
            and not fits(interval(date), interval(key), refs, record)
        ):
            return (
                f"option '{option}' contradicts the stem or lies outside the record "
                "or the years of what the stem names"
            )
    return None


def _ordered_rank(c: FlawFinder, q: Item) -> str | None:
    """Options shown in their order whose key could take no other rank: fewer free dates fit
    on one side of it (the stem's dates, the record's ends and other facts' dates bound it)
    than there are other options, or the fact's curated figures lie on one side ("06:00",
    "12:15", "03:45" beside "21:30"), so the key is always (nearly) first or last and the
    stem alone points to it ("In which month of 2024 ...?" with December always last).
    Numbers have their own rank rule (:func:`quizgen.items.figures.options`)."""
    if not isinstance(q, ChoiceItem) or in_order(q.options) is None:
        return None
    others = len(q.options) - 1
    fact = c.fact(q)
    if q.answer_kind not in DATE_KIND_PRECISION and q.answer_kind is not AnswerKind.NUMBER:
        # curated figures (times, periods, ordinals): nothing else is offered beside them
        if fact is None or q.answer != fact.answer or verbal(q.answer) is not None:
            return None  # a verbal scale: four plausible ranks, its own rule (_verbal_scale)
        offered = list(fact.wrong_answers)
        ranked: dict[int | str, str] = {}
        for w in offered:
            v = verbal(w)
            ranked.setdefault(folded(w) if v is None else v[0], w)
        said = folded(q.answer)
        sides = [side_of(q.answer, w) for w in ranked.values() if folded(w) != said]
        for side, word in ((-1, "before"), (1, "after")):
            if sides.count(side) < others:
                return (
                    f"the key ({q.answer}) cannot take every rank: the fact's own options "
                    f"hold {sides.count(side)} {word} it, {others} are needed"
                )
        return None
    key = one_date(q.answer) if q.answer_kind in DATE_KIND_PRECISION else None
    if key is None:
        return None
    free = free_units(
        key,
        taken={unit(key)},
        known=c.index.dates_of(key.precision),
        refs=references(key, q.question),
        record=c.index.era(fact) if fact is not None and fact.answer == q.answer else c.record,
    )
    curated = [d for w in (fact.wrong_answers if fact else ()) if (d := one_date(w)) is not None]
    own = unit(key)
    for side, word in ((-1, "before"), (1, "after")):
        room = len(free[side]) + sum(
            1 for d in curated if d.precision is key.precision and (unit(d) - own) * side > 0
        )
        if room < others:
            return (
                f"the key ({q.answer}) cannot take every rank: "
                f"{room} dates fit {word} it, {others} options are needed"
            )
    return None


def _option_class(c: FlawFinder, q: Item) -> str | None:
    if not isinstance(q, ChoiceItem):
        return None
    fact = c.fact(q)
    if fact is None:
        return None
    key = c.base.entity(fact.entity) if q.answer == fact.answer else None
    named = [c.base.entities.resolve(o) if key is not None else None for o in q.options]
    for option, origin, entity in zip(q.options, q.origins, named, strict=False):
        if option == q.answer:
            continue
        if key is not None and entity is not None:
            if entity.answer_class != key.answer_class:
                return f"option '{option}' is a {entity.answer_class}, the key a {key.answer_class}"
            continue
        other = c.facts.get(origin.removeprefix("fact:")) if origin.startswith("fact:") else None
        if other is not None and _class(other) != _class(fact):
            return f"option '{option}' is a {_class(other)}, the key a {_class(fact)}"
    if (
        q.answer_kind not in DATE_KIND_PRECISION
        and q.answer_kind is not AnswerKind.NUMBER
        and in_order(q.options) is None  # a scale ('hundreds', 'tens of thousands')
    ):
        word = form_odd_one_out(q.answer, q.options)
        if word is not None:
            return f"every wrong option has '{word}', the key has not: it stands out by its form"
        a_name = q.answer_kind in NAME_SORTS or c.index.entity_named(q.answer) is not None
        form = form_cue(q.answer, q.options, names=a_name)
        if form is not None:
            return f"{form}: the key '{q.answer}' stands out by its form"
    if key is None or q.answer not in q.options:
        return None
    for option, entity in zip(q.options, named, strict=True):
        if option != q.answer and entity is not None and not in_setting(fact, key, entity):
            return f"'{option}' lies outside {key.country}, where the key '{q.answer}' lies"
    at = q.options.index(q.answer)
    named[at] = key
    return setting_cue(q.question, q.options, named, at, c.index.country_names)


def _class(fact: Fact) -> str:
    return fact.answer_class or fact.answer_kind.value


def _convergence(c: FlawFinder, q: Item) -> str | None:
    """The key the one option combining what the others repeat (:func:`converges`): a
    test-wise learner picks the option most like the rest."""
    if not isinstance(q, ChoiceItem) or q.answer_kind in DATE_KIND_PRECISION:
        return None
    if q.answer_kind is AnswerKind.NUMBER or in_order(q.options) is not None:
        return None
    shared = converges(q.answer, q.options, c.index.kin)
    if shared is None:
        return None
    return f"the key '{q.answer}' shares more with the other options than any other ({shared})"


def _same_entity(c: FlawFinder, q: Item) -> str | None:
    options = q.options if isinstance(q, ChoiceItem) else ()
    for i, a in enumerate(options):
        for b in options[i + 1 :]:
            if c.same_thing(a, b):
                return f"options '{a}' and '{b}' name the same thing"
    return None


def _ally_offered(c: FlawFinder, q: Item) -> str | None:
    """No drawn option of the key's side where the stem asks who stood with whom
    (:func:`quizgen.items.cues.asks_side`): an ally, or the umbrella of the key's
    faction, may be right too. A curated option was chosen by a person who knew."""
    if not isinstance(q, ChoiceItem) or not asks_side(q.question):
        return None
    key = c.index.entity_named(q.answer)
    if key is None or key.side is None:
        return None
    origins = q.origins or ("",) * len(q.options)
    for option, origin in zip(q.options, origins, strict=True):
        if origin in ("key", "curated") or option == q.answer:
            continue
        other = c.index.entity_named(option)
        if other is not None and other.side == key.side:
            return f"the stem asks about sides, and '{option}' is of the key's side ({key.side})"
    return None


def _answer_in_prompt(c: FlawFinder, q: Item) -> str | None:
    if isinstance(q, TextItem):
        shown = q.prompt.replace(BLANK, " ")
        accepted = (q.answer, *q.accepted)
    elif isinstance(q, ChoiceItem):
        shown, accepted = q.question, (q.answer,)
        fact = c.fact(q)
        if fact is not None and fact.answer == q.answer:
            accepted = (q.answer, *fact.aliases)
    else:
        return None
    leaked = next((a for a in accepted if len(folded(a)) > 1 and contains(shown, a)), None)
    if leaked:
        return f"the prompt shows '{leaked}', an accepted answer"
    if (
        isinstance(q, ChoiceItem)
        and echoes(shown, q.answer)
        and not any(echoes(shown, o) for o in q.options if o != q.answer)
    ):
        return f"the key '{q.answer}' echoes the stem, no other option does"
    return None


_ARTICLE_CUE = re.compile(rf"\b(an?) {re.escape(BLANK)}", re.IGNORECASE)


def _blank_cues(c: FlawFinder, q: Item) -> str | None:
    prompts = (
        q.statements if isinstance(q, PairsItem) else (q.prompt,) if isinstance(q, TextItem) else ()
    )
    cue = next((m.group(1) for p in prompts if (m := _ARTICLE_CUE.search(p))), None)
    return f"'{cue} {BLANK}': the article tells the answer's first sound" if cue else None


def _blank_says_what(c: FlawFinder, q: Item) -> str | None:
    """A blank after a bare 'in' or 'near' names the kind of place it asks for (see
    :func:`quizgen.items.cues.blank_unasked`): else a town, a region and a country are
    all right."""
    fact = c.fact(q)
    if not isinstance(q, TextItem) or q.kind != "cloze" or fact is None or BLANK not in q.prompt:
        return None
    before, _, after = q.prompt.partition(BLANK)
    form = precision_hint(fact, before)
    if form and not after.startswith(f" ({form})"):
        return f"the blank does not say the form it wants ({form}): other forms are right too"
    if fact.answer_kind not in WHERE_KINDS:
        return None
    noun = blank_unasked(fact.question, q.prompt.split(BLANK, 1)[0], q.prompt)
    return f"the blank says where, not which {noun}: places of other kinds fit" if noun else None


def _verbal_scale(c: FlawFinder, q: Item) -> str | None:
    """Options that are quantities in words ('a few', 'dozens', 'hundreds') are four, the
    noun they count said once by the stem: three left the key the middle or the top, and
    "... of U.S. soldiers" repeated in every option is read four times for nothing."""
    if not isinstance(q, ChoiceItem) or verbal(q.answer) is None:
        return None
    said = [verbal(o) for o in q.options]
    if any(v is None for v in said):
        return None
    nouns = {v[1] for v in said if v is not None and v[1]}
    if nouns:
        return f"every option repeats what it counts ('{sorted(nouns)[0]}'): the stem says it"
    if len(q.options) < 4:
        return f"a scale of {len(q.options)} quantities: the key is the middle or an end"
    return None


def _one_answer(c: FlawFinder, q: Item) -> str | None:
    """A blank another fact fills with another name: the same words said of another thing
    ("The _____ struck the site ..."), or the same relation of the blank's subject to
    another thing of the key's kind ("Iran continued to back _____", Iran backing many of
    the groups the facts name): a learner who types the other is right and marked wrong."""
    fact = c.fact(q)
    if not isinstance(q, TextItem) or q.kind != "cloze" or fact is None or BLANK not in q.prompt:
        return None
    before, _, after = q.prompt.partition(BLANK)
    other = c.sayings.second_subject(fact, before, after, c.base.entities)
    if other is not None:
        return f"fact '{other.id}' says the same of another thing: the blank has two answers"
    return None


def _truth_cues(c: FlawFinder, q: Item) -> str | None:
    if not isinstance(q, TruthItem) or q.truth:
        return None
    fact = c.fact(q)
    span = swap_span(fact, find_answer(fact)) if fact is not None else None
    if fact is None or span is None:
        return None
    before, after = fact.statement[: span.start], fact.statement[span.end :]
    if not (q.statement.startswith(before) and q.statement.endswith(after)):
        return None
    swapped = q.statement[len(before) : len(q.statement) - len(after)]
    key, other = c.base.entity(fact.entity), c.base.entities.resolve(swapped)
    if key is not None and other is not None and overlaps_as_a_time(fact, key, other):
        # "covert ties continued during the Soviet–Afghan War": as true as the fact
        return f"'{swapped}' overlaps the years of '{span.text}', the time the fact names"
    if key is not None and other is not None and not in_setting(fact, key, other):
        # "Al-Tanf lies in the Negev Desert": false by its setting, which the set's
        # other items give away (Al-Tanf is in Syria), not by the fact
        return f"'{swapped}' lies outside {key.country}, where '{span.text}' lies"
    described = appositive_cue(fact, after)
    if described is not None:
        return described
    twice = doubled_word(swapped, after)
    if twice is not None:
        return f"'{swapped}' puts '{twice}' twice in a row"
    clash = determiner_clash(before, swapped)
    if clash is not None:
        return f"'{clash}': the swap left the statement's own determiner before its article"
    return truth_swap_flaw(fact, span.text, swapped, before + " " + after, c.index.era(fact))


def _bound_asked(c: FlawFinder, q: Item) -> str | None:
    """A bound ("more than 170") offered among bare numbers has its key always at one end
    (every figure on its far side is true as well); typed, it must be asked with its words."""
    fact = c.fact(q)
    if fact is None or not number_bound(fact) or getattr(q, "answer", None) != fact.answer:
        return None
    if isinstance(q, ChoiceItem):
        return f"'{fact.answer}' is given as a bound, offered as bare numbers"
    hedged, span = hedged_span(fact), find_answer(fact)
    if isinstance(q, TextItem) and hedged is not None and span is not None:
        words = fact.statement[hedged.start : span.start].strip()
        if not contains(q.prompt, words):
            return f"the text gives '{hedged.text}', the prompt asks without '{words}'"
    return None


def _number_order(c: FlawFinder, q: Item) -> str | None:
    """Options that are dates or numbers in their natural order, and no cluster whose
    middle is the key (44th, 45th, 46th)."""
    if not isinstance(q, ChoiceItem):
        return None
    order = in_order(q.options)
    if order is not None and order != list(range(len(q.options))):
        return "options that are dates or numbers are not in their order"
    found = centred_key(q.answer, q.options)
    if found is not None:
        return f"the key ({found[0]}) is the middle of a cluster ({found[1]}, {found[2]})"
    return None


def _matching(c: FlawFinder, q: Item) -> str | None:
    if not isinstance(q, PairsItem):
        return None
    kinds = {NAME_SORTS.get(c.facts[i].answer_kind) for i in q.fact_ids if i in c.facts}
    if len(kinds) > 1:
        return "the names are of different sorts: " + ", ".join(sorted(str(k) for k in kinds))
    classes = {c.facts[i].answer_class for i in q.fact_ids if i in c.facts}
    if len(classes) > 1:
        return (
            "the names are of different classes, which the statements' words give away: "
            + ", ".join(sorted(str(k) for k in classes))
        )
    articles = {s.split(BLANK)[0].lower().endswith("the ") for s in q.statements}
    if len(articles) > 1:
        return "some blanks follow 'the' and some do not: the article pairs them"
    phrase = next((n for n in q.names if n[:1].islower()), None)
    if phrase is not None:
        return f"'{phrase}' is a phrase, not a name"
    odd = odd_form(q.names)
    if odd is not None:
        return f"'{odd}' ends unlike the other names: its form pairs it with its statement"
    owners = [c.facts[i].entity for i in q.fact_ids if i in c.facts]
    for k, a in enumerate(owners):
        b = next((b for b in owners[k + 1 :] if nested(c.base.entities, a, b)), None)
        if b is not None:
            return f"'{a}' and '{b}': one is part of the other, so a statement of one fits both"
    for i, (name, statement) in enumerate(q.answer):
        other_pair = next((n for n, s in q.answer[i + 1 :] if open_alike(statement, s)), None)
        if other_pair is not None:
            return f"the statements for '{name}' and '{other_pair}' open alike: the names may swap"
        owner = next(
            (c.facts[i] for i in q.fact_ids if i in c.facts and c.facts[i].answer == name), None
        )
        before = statement.split(BLANK)[0]
        written = (
            [before] if not before.endswith("(n) ") else [before[:-4] + " ", before[:-4] + "n "]
        )  # "a(n) _____" stands for "a" or "an"
        if owner is not None and not any(owner.statement.startswith(b + name) for b in written):
            return f"'{name}' does not fill its own blank as the text writes it"
        names = (*owner.aliases, *owner.shown_names) if owner is not None else ()
        cue = pair_cue(name, statement, q.names, names)
        if cue is not None:
            return f"'{name}' and its statement share '{cue}': the words pair them"
        for other in q.names:
            if other != name and contains(statement.replace(BLANK, " "), other):
                return f"the statement for '{name}' names '{other}'"
    return None


def _stem_echo(c: FlawFinder, q: Item) -> str | None:
    if not isinstance(q, ChoiceItem) or q.answer_kind in DATE_KIND_PRECISION:
        return None
    word = shared_with_stem(q.question, q.answer, q.options)
    return None if word is None else f"only the key shares '{word}' with the stem"


def _timeline(c: FlawFinder, q: Item) -> str | None:
    """Events that happened, distinct in date, whose words do not give their order away."""
    if not isinstance(q, OrderItem):
        return None
    for event in q.options:
        why = timeline_flaw(event)
        if why is not None:
            return f"'{event}' {why}"
    dated = sorted(
        (interval(date), i)
        for i in q.fact_ids
        if i in c.facts and (date := c.facts[i].date) is not None
    )
    for (a, first), (b, second) in pairwise(dated):
        if b[0] <= a[1]:
            return f"the dates of {first} and {second} overlap: either order may be right"
    return None


def _shown(q: Item) -> list[str]:
    """What a learner reads before answering: the prompt and every option or statement."""
    texts = [q.prompt]
    if isinstance(q, ChoiceItem | OrderItem):
        texts += q.options
    elif isinstance(q, PairsItem):
        texts += [*q.names, *q.statements]
    return texts


def _about_the_world(c: FlawFinder, q: Item) -> str | None:
    for text in _shown(q):
        words = about_the_source(text)
        if words is not None:
            return f"speaks of the source ('{words}'), not of what happened: '{text}'"
    return None


def _for_learners(c: FlawFinder, q: Item) -> str | None:
    words = editors_note(q.explanation)
    if words is not None:
        return f"the explanation is an editor's note ('{words}'): '{q.explanation}'"
    return None


def _over(c: FlawFinder, q: Item) -> str | None:
    for text in [*_shown(q), q.explanation]:
        words = dated_by_writing(text)
        if words is not None:
            return f"'{words}' holds only when it was written: '{text}'"
    return None


_LINKS = frozenset(
    {"the", "a", "an", "of", "and", "in", "on", "for", "to", "by", "with", "at", "al", "ez", "de"}
    | {"van", "von", "bin", "ibn", "la", "le", "du", "da", "di", "del", "der"}
)


def phrase(answer: str) -> bool:
    """Whether a name-kind answer reads as a phrase learners word their own way: it opens
    with a preposition ('in a US drone attack'), or has three or more words, one of them a
    common word (no capital) that is no generic head ('rocket attacks against U.S. forces
    in Iraq', 'the fall of the Assad regime'; not 'Rukban refugee camp', 'Deir ez-Zor')."""
    from quizgen.grading.reading import split_heads

    words = [w for w in re.split(r"[\s–—]+", answer) if w]
    if words and words[0].lower() in ("in", "by", "with", "from", "through", "during"):
        return True
    core, _ = split_heads([w.lower() for w in words])
    kept = words[: len(core)] if core == [w.lower() for w in words[: len(core)]] else words
    content = [w for w in kept if w.lower() not in _LINKS]
    common = [w for w in content if w.islower() and w.isalpha()]
    return len(content) >= 3 and bool(common)


def _recall_one_answer(c: FlawFinder, q: Item) -> str | None:
    """Typed only where recall has one answer: never a worded fact, nor a phrase left
    unmarked."""
    if not isinstance(q, TextItem):
        return None
    fact = c.fact(q)
    if fact is None:
        return None
    if fact.worded or not TextItem.typable(fact):
        return f"'{fact.id}' has a worded answer: it must not be typed or blanked"
    if fact.answer_kind in NAME_SORTS and phrase(fact.answer):
        return f"'{fact.answer}' is a phrase with many wordings: mark the fact worded"
    return None


RULES: dict[str, Callable[[FlawFinder, Item], str | None]] = {
    "date options keep to the stem and the record": _date_options,
    "a bound is not offered as bare numbers": _bound_asked,
    "the key of ordered options can take every rank": _ordered_rank,
    "number and date options in order, the key no cluster's middle": _number_order,
    "options share the key's class and setting": _option_class,
    "no word of the stem left to the key alone": _stem_echo,
    "the key is not the option the others converge on": _convergence,
    "no two options name the same thing": _same_entity,
    "no drawn ally where the stem asks about sides": _ally_offered,
    "no accepted answer in the prompt": _answer_in_prompt,
    "blanks give no cue in their article": _blank_cues,
    "a blank says what it asks": _blank_says_what,
    "a verbal scale offers four quantities, its noun in the stem": _verbal_scale,
    "a blank has one answer given its sentence": _one_answer,
    "false statements give nothing away": _truth_cues,
    "matching gives nothing away": _matching,
    "timeline events happened, apart in date, their order not in their words": _timeline,
    "stems and options speak of the world, not the source": _about_the_world,
    "explanations are for learners, not editors": _for_learners,
    "no claim that holds only when it was written": _over,
    "typed only where recall has one answer": _recall_one_answer,
}
