"""Items the audit is fed one at a time: an item of a kind about one shipped fact, made
by hand with a flaw, and the check that the audit reports exactly the rule it breaks. The
review-class tests (one file per review round) and the distractor tests share them."""

from __future__ import annotations

from typing import TypeVar

from quizgen.facts import FactBase
from quizgen.generation.audit import semantic_checks
from quizgen.generation.rules import FlawFinder
from quizgen.items import Item

T = TypeVar("T", bound=Item)


def flawed(cls: type[T], base: FactBase, fact_id: str, **fields: object) -> T:
    """An item of ``cls`` about the fact ``fact_id``, as the audit is fed one."""
    fact = base.fact(fact_id)
    return cls(
        id=f"{cls.kind}-{fact_id}-flawed",
        topic=fact.topic,
        fact_ids=(fact_id,),
        source=fact.source,
        explanation="",
        **fields,
    )


def audit_finds(base: FactBase, item: Item, rule: str) -> None:
    """``rule`` and no other flags ``item``, and the audit's check of that rule fails on it
    with the item as its example."""
    assert [f.rule for f in FlawFinder(base).flaws(item)] == [rule], FlawFinder(base).flaws(item)
    check = next(c for c in semantic_checks(base, [item]) if c.name == rule)
    assert not check.passed and check.examples[0].startswith(item.id)
