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

from quizgen.facts import DATE_KIND_PRECISION, NAME_SORTS, Fact, FactBase
from quizgen.facts.spans import BLANK, find_answer
from quizgen.items import Item
from quizgen.items.cues import beyond_bound, echoes, one_date, open_alike, truth_swap_flaw
from quizgen.items.distractors import DistractorIndex
from quizgen.items.shapes import ChoiceItem, PairsItem, TextItem, TruthItem
from quizgen.language.dates import interval
from quizgen.language.datespan import fits, record_span, references
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
        self.index = DistractorIndex(base.facts, base.entities)

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
    for option in q.options:
        date = one_date(option)
        if (
            date is not None
            and option != q.answer
            and not fits(interval(date), interval(key), refs, c.record)
        ):
            return f"option '{option}' contradicts the stem or lies outside the record"
    return None


def _option_class(c: FlawFinder, q: Item) -> str | None:
    if not isinstance(q, ChoiceItem):
        return None
    fact = c.fact(q)
    if fact is None:
        return None
    for option, origin in zip(q.options, q.origins, strict=False):
        other = c.facts.get(origin.removeprefix("fact:")) if origin.startswith("fact:") else None
        if other is not None and _class(other) != _class(fact):
            return f"option '{option}' is a {_class(other)}, the key a {_class(fact)}"
    return None


def _class(fact: Fact) -> str:
    return fact.answer_class or fact.answer_kind.value


def _same_entity(c: FlawFinder, q: Item) -> str | None:
    options = q.options if isinstance(q, ChoiceItem) else ()
    for i, a in enumerate(options):
        for b in options[i + 1 :]:
            if c.same_thing(a, b):
                return f"options '{a}' and '{b}' name the same thing"
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


def _truth_cues(c: FlawFinder, q: Item) -> str | None:
    if not isinstance(q, TruthItem) or q.truth:
        return None
    fact = c.fact(q)
    span = find_answer(fact) if fact is not None else None
    if fact is None or span is None:
        return None
    before, after = fact.statement[: span.start], fact.statement[span.end :]
    if not (q.statement.startswith(before) and q.statement.endswith(after)):
        return None
    swapped = q.statement[len(before) : len(q.statement) - len(after)]
    return truth_swap_flaw(fact, span.text, swapped, before + " " + after, c.record)


def _number_options(c: FlawFinder, q: Item) -> str | None:
    fact = c.fact(q)
    if not isinstance(q, ChoiceItem) or fact is None or fact.answer != q.answer:
        return None
    true_too = next((o for o in q.options if o != q.answer and beyond_bound(fact, o)), None)
    if true_too is not None:
        return f"'{true_too}' follows from the bound the text gives ('{fact.answer}')"
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
        for other in q.names:
            if other != name and contains(statement.replace(BLANK, " "), other):
                return f"the statement for '{name}' names '{other}'"
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
    "number options keep to a bound the text gives": _number_options,
    "drawn options share the key's class": _option_class,
    "no two options name the same thing": _same_entity,
    "no accepted answer in the prompt": _answer_in_prompt,
    "blanks give no cue in their article": _blank_cues,
    "false statements give nothing away": _truth_cues,
    "matching gives nothing away": _matching,
    "typed only where recall has one answer": _recall_one_answer,
}
