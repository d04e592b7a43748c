"""Matching: four names (three where the file has no fourth of their sort and form), each
to be paired with the one statement it completes.

A name fits only its own statement: no two items share an answer, and no
statement names another item (or the pair would give itself away). The names end
alike ("... Governorate") or each its own way, never one apart from the rest
("Kurdistan Region" among governorates is paired by its form).
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from random import Random
from typing import NamedTuple, Self

from quizgen.facts import NAME_SORTS, POOLED_KINDS, Fact
from quizgen.facts.entities import Entities
from quizgen.items import register
from quizgen.items.context import Context, several
from quizgen.items.cues import odd_form, open_alike, pair_cue
from quizgen.items.shapes import PairsItem
from quizgen.items.shuffles import drawn, sampled
from quizgen.language.text import contains, folded

PROMPT = "Match each name with the statement it completes."
SIZE = 4
FEWEST = 3
"""A matching item of three pairs, where the file has no fourth name of the sort and form
(three governorates): fewer than four is still a test, fewer than three is not."""
SHUFFLED_WHOLE = 64
"""Names of one sort a matching item shuffles whole before trying them. A whole shuffle
costs a draw per name, and a large base has thousands of names of a sort, of which an
item takes three: past this many they are drawn one by one as they are tried, so an
item costs the same on any base (the names of a file written by hand, a few dozen of
a sort at most, keep the order they always had)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Match(PairsItem, kind="match", label="Matching", single_fact=False, few_facts=True):
    """Four names, each to be paired with the one statement it completes."""

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str]) -> Self | None:
        sorts = ctx.memo("match", lambda: _matchable(ctx))
        sort = sorts.of.get(fact.id)
        if sort is None:
            return None
        chosen = [fact]
        # Every name of the fact's sort, class and article is tried, its topic's first,
        # in a seeded order: a few random picks among all names missed the few that fit.
        for alike in (sorts.in_topic[fact.topic, sort], sorts.every[sort]):
            for candidate in _tried(rng, alike):
                if len(chosen) == sorts.size[sort]:
                    break
                if candidate.id not in avoid and _fits(ctx, candidate, chosen):
                    chosen.append(candidate)
        if len(chosen) < sorts.size[sort] or _cued(ctx, fact, chosen):
            return None
        described = [(f.answer, ctx.blanked(f) or "") for f in chosen]
        names = [d[0] for d in described]
        rng.shuffle(names)
        by_name = dict(described)
        statements = [d[1] for d in described]
        rng.shuffle(statements)
        return cls(
            **several(cls.kind, chosen, " ".join(f.statement for f in chosen), fact.topic),
            question=PROMPT,
            names=tuple(names),
            statements=tuple(statements),
            answer=tuple((n, by_name[n]) for n in names),
        )


_Sort = tuple[str | None, str | None, bool]
"""Names that may stand together in a matching item: of one sort, class and article (a
name that fits only by its kind, its class, "_____ River" taking the one river among a
desert, a district and a border, or its article is no test)."""


class _Sorts(NamedTuple):
    """The matchable facts: each one's sort, and the facts of each sort in file order
    (within each topic, and in all)."""

    of: dict[str, _Sort]
    in_topic: dict[tuple[str, _Sort], list[Fact]]
    every: dict[_Sort, list[Fact]]
    size: dict[_Sort, int]
    """How many pairs an item of each sort has: :data:`SIZE` where the sort has that many
    different names all ending alike or each its own way, else :data:`FEWEST`."""


def _matchable(ctx: Context) -> _Sorts:
    """Facts whose answer is a name written as such in its statement, blank hiding it.

    The name must fill its blank exactly (not an alias such as an adjective:
    "Iraq" cannot fill "an _____ Shia paramilitary group") and read as a name, and
    its statement must not show another of its names ("Kata'ib Hezbollah" with
    "... Hezbollah Brigades"). A word the name shares with its statement is a cue
    only where no other name of the item has it, so that is judged as names are
    chosen (:func:`_cued`).

    Each is filed by its sort once, so a matching item finds the names of its own
    sort with a look-up, not by comparing it with every other.
    """
    sorts = _Sorts({}, {}, {}, {})
    for f in ctx.companions:
        span = ctx.span(f)
        if (
            f.answer_kind in POOLED_KINDS
            and span is not None
            and span.is_answer
            and f.answer[:1].isupper()
            and (blanked := ctx.blanked(f)) is not None
            and not any(n != f.answer and contains(blanked, n) for n in _names(f))
        ):
            sort = (NAME_SORTS.get(f.answer_kind), f.answer_class, _after_the(ctx, f))
            sorts.of[f.id] = sort
            sorts.in_topic.setdefault((f.topic, sort), []).append(f)
            sorts.every.setdefault(sort, []).append(f)
    for sort, alike in sorts.every.items():
        sorts.size[sort] = SIZE if _room_for(alike, SIZE) else FEWEST
    return sorts


def _room_for(alike: list[Fact], size: int) -> bool:
    """Whether ``size`` different names of ``alike`` could stand together by their form:
    that many ending in one word, or that many endings."""
    ends: dict[str, set[str]] = {}
    for f in alike:
        name = folded(f.answer)
        ends.setdefault(name.rsplit(" ", 1)[-1], set()).add(name)
    return len(ends) >= size or any(len(names) >= size for names in ends.values())


def _tried(rng: Random, alike: list[Fact]) -> Iterable[Fact]:
    """The names of a sort in the order to try them: shuffled whole by the item's own
    draws when they are at most :data:`SHUFFLED_WHOLE`; else drawn only as far as they
    are tried, in an order seeded by one draw of the item's."""
    if len(alike) <= SHUFFLED_WHOLE:
        return sampled(rng, alike)
    return drawn(Random(rng.getrandbits(64)), alike)


def _names(fact: Fact) -> tuple[str, ...]:
    """The other names of the answer's entity (its aliases and those its text shows)."""
    return (*fact.aliases, *fact.shown_names)


def _cued(ctx: Context, fact: Fact, chosen: list[Fact]) -> bool:
    """Whether ``fact``'s statement shares a word with its name that no other chosen name
    has (:func:`pair_cue`): then the words alone pair them."""
    rivals = [f.answer for f in chosen if f.id != fact.id]
    return pair_cue(fact.answer, ctx.blanked(fact) or "", rivals, _names(fact)) is not None


def nested(entities: Entities, a: str | None, b: str | None) -> bool:
    """Whether one of the entities ``a`` and ``b`` is part of the other (the Quds Force of
    the IRGC): what is said of the part is said of the whole, so either name fits."""
    one, two = entities.get(a), entities.get(b)
    if one is None or two is None:
        return False
    return entities.lies_in(one, two.id) or entities.lies_in(two, one.id)


def _after_the(ctx: Context, fact: Fact) -> bool:
    span = ctx.span(fact)
    return span is not None and fact.statement[: span.start].lower().endswith("the ")


def _fits(ctx: Context, candidate: Fact, chosen: list[Fact]) -> bool:
    """No two names alike, none named in another's statement (``candidate`` is of the
    sort of those ``chosen``)."""
    index = ctx.index
    name = index.folded_answer[candidate.id]
    for other in chosen:
        other_name = index.folded_answer[other.id]
        if other.id == candidate.id or other_name == name:
            return False
        if name in index.correct[other.id] or other_name in index.correct[candidate.id]:
            return False
        if f" {name} " in index.folded_text(other) or f" {other_name} " in index.folded_text(
            candidate
        ):
            return False
        # Plain containment too: folding reads "Syria's" as "syrias", yet a
        # statement about "Syria's border" is one a learner may pair with "Syria".
        if (
            candidate.answer.lower() in other.statement.lower()
            or other.answer.lower() in candidate.statement.lower()
        ):
            return False
        if open_alike(ctx.blanked(candidate) or "", ctx.blanked(other) or ""):
            return False  # two things said of one subject: the names might swap
        if nested(ctx.entities, candidate.entity, other.entity):
            return False  # "by the Iranian _____" fits the Quds Force and the IRGC alike
    if odd_form([f.answer for f in (*chosen, candidate)]) is not None:
        return False  # "Kurdistan Region" among "... Governorate"s pairs by its form
    return not _cued(ctx, candidate, chosen)


register(Match)
