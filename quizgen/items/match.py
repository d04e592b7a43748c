"""Matching: four names, each to be paired with the one statement it completes.

A name fits only its own statement: no two items share an answer, and no
statement names another item (or the pair would give itself away).
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from random import Random
from typing import Self

from quizgen.facts import NAME_SORTS, POOLED_KINDS, Fact
from quizgen.items import register
from quizgen.items.context import Context, several
from quizgen.items.cues import open_alike
from quizgen.items.shapes import PairsItem

PROMPT = "Match each name with the statement it completes."
SIZE = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class Match(PairsItem, kind="match", label="Matching", single_fact=False):
    """Four names, each to be paired with the one statement it completes."""

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str]) -> Self | None:
        by_topic, every, ids = ctx.memo("match", lambda: _matchable(ctx))
        if fact.id not in ids:
            return None
        chosen = [fact]
        for pool in (by_topic.get(fact.topic, []), every):
            for _ in range(40):
                if len(chosen) == SIZE or not pool:
                    break
                candidate = pool[rng.randrange(len(pool))]
                if candidate.id not in avoid and _fits(ctx, candidate, chosen):
                    chosen.append(candidate)
        if len(chosen) < SIZE:
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


def _matchable(ctx: Context) -> tuple[dict[str, list[Fact]], list[Fact], set[str]]:
    """Facts whose answer is a name written as such in its statement, blank hiding it.

    The name must fill its blank exactly (not an alias such as an adjective:
    "Iraq" cannot fill "an _____ Shia paramilitary group") and read as a name.
    """
    by_topic: dict[str, list[Fact]] = {}
    every: list[Fact] = []
    for f in ctx.companions:
        span = ctx.span(f)
        if (
            f.answer_kind in POOLED_KINDS
            and span is not None
            and span.is_answer
            and f.answer[:1].isupper()
            and ctx.blanked(f) is not None
        ):
            by_topic.setdefault(f.topic, []).append(f)
            every.append(f)
    return by_topic, every, {f.id for f in every}


def _after_the(ctx: Context, fact: Fact) -> bool:
    span = ctx.span(fact)
    return span is not None and fact.statement[: span.start].lower().endswith("the ")


def _fits(ctx: Context, candidate: Fact, chosen: list[Fact]) -> bool:
    """Names of one sort and article, no two alike, none named in another's statement."""
    first = chosen[0]
    if (
        NAME_SORTS.get(candidate.answer_kind) != NAME_SORTS.get(first.answer_kind)
        or candidate.answer_class != first.answer_class
        or _after_the(ctx, candidate) != _after_the(ctx, first)
    ):
        # a name that fits only by its kind, its class ("_____ River" takes the one
        # river among a desert, a district and a border) or its article is no test
        return False
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
    return True


register(Match)
