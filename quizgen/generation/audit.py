"""Item-writing checks over a question bank (after Haladyna, Downing & Rodriguez 2002).

Each check is a figure, a limit and a verdict, so ``quizgen audit`` can print
them as a table and fail when one fails. The checks run over the whole bank
and over a large sample of seeded quizzes, because flaws such as a key that is
always the longest option or always in position b only show in aggregate.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from quizgen.facts import DATE_KIND_PRECISION, AnswerKind, Fact, FactBase
from quizgen.items import Item
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TruthItem
from quizgen.language.text import fold

_BANNED_OPTIONS = re.compile(r"\b(all|none|both|neither) of the (above|below)\b", re.I)
_NEGATED_STEM = re.compile(r"\b(not|except|never)\b", re.I)
MIN_POSITION_ITEMS = 2000
P_LIMIT = 0.001
"""The audit's false-alarm rate for the key-position tests, shared among them.

The audit gates a bank that is checked for many seeds: at 1% a fair bank
failed about one audit in five over seeds 0-19. At 0.1% over the 2,000 items
it requires, a key split 55/45 between two positions still fails (p < 1e-5)."""


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    figure: str
    limit: str
    passed: bool
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    checks: tuple[Check, ...]
    items: int
    sampled: int

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)


def chi_square_p(observed: Sequence[int]) -> float:
    """P-value of a chi-square test that ``observed`` counts are uniform."""
    total = sum(observed)
    k = len(observed)
    if k < 2 or total == 0:
        return 1.0
    expected = total / k
    x = sum((o - expected) ** 2 / expected for o in observed)
    return _gamma_q((k - 1) / 2, x / 2)


def _gamma_q(s: float, x: float) -> float:
    """Upper regularized gamma Q(s, x) for s a positive multiple of 1/2 (chi-square tails)."""
    if x <= 0:
        return 1.0
    if s * 2 % 2 == 0:  # whole s: Q = e^-x * sum_{i<s} x^i / i!
        term = total = math.exp(-x)
        for i in range(1, int(s)):
            term *= x / i
            total += term
        return min(1.0, total)
    q = math.erfc(math.sqrt(x))  # s = 1/2, then Q(a+1) = Q(a) + x^a e^-x / Gamma(a+1)
    a = 0.5
    while a < s:
        q += math.exp(a * math.log(x) - x - math.lgamma(a + 1))
        a += 1
    return min(1.0, q)


def options(q: Item) -> tuple[str, ...]:
    """The options a learner chooses among or arranges (none for typed answers)."""
    if isinstance(q, ChoiceItem | TruthItem | OrderItem):
        return tuple(q.options)
    return q.statements if isinstance(q, PairsItem) else ()


def _option_kind_ok(known: dict[str, Fact], q: ChoiceItem) -> bool:
    """Every option of the key's kind, and dates of the key's precision."""
    from quizgen.language.dates import spoken_date

    kind = q.answer_kind
    if kind in DATE_KIND_PRECISION:
        dates = [spoken_date(o) for o in q.options]
        return all(d is not None and d.precision == DATE_KIND_PRECISION[kind] for d in dates)
    if kind == AnswerKind.NUMBER:
        return all(any(c.isdigit() for c in o) for o in q.options)
    for origin in q.origins:
        if origin.startswith("fact:") and (
            origin[5:] not in known or known[origin[5:]].answer_kind != kind
        ):
            return False
    return True


def _correct_options(known: dict[str, Fact], q: ChoiceItem) -> int:
    """How many options are right for the item's facts (unknown facts are another check's)."""
    facts = [known[i] for i in q.fact_ids if i in known]
    right = {fold(t) for f in facts for t in (f.answer, *f.aliases)}
    return sum(1 for o in q.options if fold(o) in right)


def audit(
    base: FactBase,
    bank: Sequence[Item],
    sample: Sequence[Item],
    sets: Sequence[Sequence[Item]] = (),
) -> Report:
    """Run every check over ``bank`` (and key-position figures over ``bank`` + ``sample``);
    ``sets`` are quizzes, each checked as a set (no fact twice, no answer given away)."""
    checks: list[Check] = []
    known = {f.id: f for f in base.facts}
    everything = list(bank) + list(sample)
    choice = [q for q in everything if isinstance(q, ChoiceItem | TruthItem)]
    mc = [q for q in everything if isinstance(q, ChoiceItem)]

    def add(name: str, bad: Sequence[Item], total: int, limit: str = "0") -> None:
        checks.append(
            Check(name, f"{len(bad)} of {total}", limit, not bad, tuple(q.id for q in bad[:5]))
        )

    add(
        "exactly one correct option",
        [q for q in mc if _correct_options(known, q) != 1 or q.answer not in q.options],
        len(mc),
    )
    add(
        "options distinct",
        [
            q
            for q in everything
            if options(q) and len({fold(o) for o in options(q)}) != len(options(q))
        ],
        sum(1 for q in everything if options(q)),
    )
    add(
        "options homogeneous in kind and precision",
        [q for q in mc if not _option_kind_ok(known, q)],
        len(mc),
    )
    add(
        "no all/none of the above",
        [q for q in everything if any(_BANNED_OPTIONS.search(o) for o in options(q))],
        len(everything),
    )
    add(
        "no negated stems (NOT, EXCEPT)", [q for q in mc if _NEGATED_STEM.search(q.prompt)], len(mc)
    )
    known_ids = set(known)
    known_sources = {r.id for r in base.references} | {a.id for a in base.articles}
    add(
        "traceable to facts and sources",
        [
            q
            for q in everything
            if not q.fact_ids
            or not set(q.fact_ids) <= known_ids
            or not q.source
            or not set(q.source) <= known_sources
        ],
        len(everything),
    )

    by_k: dict[int, list[int]] = defaultdict(list)
    # Dates are listed in date order, as item-writing guides ask ("options in
    # logical or numerical order"): where the key falls then follows the record
    # (the last date of a record cannot have later options), so it is not tested.
    for q in choice:
        if isinstance(q, ChoiceItem) and q.answer_kind in DATE_KIND_PRECISION:
            continue
        by_k[len(q.options)].append(q.options.index(q.answer) if q.answer in q.options else -1)
    tested = [k for k in sorted(by_k) if len(by_k[k]) >= 20 * k]  # fewer mean nothing
    # One test per number of options: the false-alarm rate P_LIMIT (0.1%) is for the
    # audit as a whole (Bonferroni), or each number of options tested would add its own.
    limit = P_LIMIT / max(1, len(tested))
    for k in tested:
        counts = Counter(by_k[k])
        observed = [counts.get(i, 0) for i in range(k)]
        p = chi_square_p(observed)
        checks.append(
            Check(
                f"key position uniform, {k} options",
                f"p = {p:.3f} over {len(by_k[k])} items {observed}",
                f"p > {limit:.4f}",
                p > limit,
            )
        )
    positions = sum(len(v) for v in by_k.values())
    checks.append(
        Check(
            "items tested for key position",
            str(positions),
            f">= {MIN_POSITION_ITEMS}",
            positions >= MIN_POSITION_ITEMS,
        )
    )

    ranks = [
        q.options.index(q.answer)
        for q in mc
        if q.answer_kind is AnswerKind.NUMBER and len(q.options) == 4 and q.answer in q.options
    ]
    if len(ranks) >= 80:  # 20 a rank; fewer mean nothing
        counts = Counter(ranks)
        observed = [counts.get(i, 0) for i in range(4)]
        p = chi_square_p(observed)
        checks.append(
            Check(
                "number options: the key's rank uniform",
                f"p = {p:.3f} over {len(ranks)} items {observed} (smallest first)",
                f"p > {P_LIMIT}",
                p > P_LIMIT,
            )
        )

    longest: dict[int, list[bool]] = defaultdict(list)
    for q in mc:
        assert isinstance(q.answer, str)
        others = [len(o) for o in q.options if o != q.answer]
        longest[len(q.options)].append(bool(others) and len(q.answer) > max(others))
    for k in sorted(longest):
        share = sum(longest[k]) / len(longest[k])
        limit = 1 / k + 0.05
        checks.append(
            Check(
                f"key strictly longest, {k} options",
                f"{share:.1%} of {len(longest[k])}",
                f"<= {limit:.1%}",
                share <= limit,
            )
        )
    checks.extend(semantic_checks(base, everything))
    if sets:
        from quizgen.generation.leaks import LEAN, Secret, set_flaws, truth_lean

        label, entities = base.source_label, base.entities
        kept: dict[tuple[str, bool], list[Secret]] = {}  # each fact's secrets, made once
        broken = [
            f"{item_id}: {why}"
            for quiz in sets
            for item_id, why in set_flaws(quiz, known, label, entities=entities, known=kept)
        ]
        checks.append(
            Check(
                "sets: no fact twice, no answer given away before its item",
                f"{len(broken)} of {sum(len(q) for q in sets)}",
                "0",
                not broken,
                tuple(broken[:3]),
            )
        )
        # every kind the bank makes is in every set with room for one of each: the
        # protected sets once squeezed every timeline out
        made = {q.kind for q in bank}
        lacking = [
            f"{', '.join(sorted(made - kinds))} of {len(quiz)}"
            for quiz in sets
            if len(quiz) >= len(made) and (kinds := {q.kind for q in quiz}) < made
        ]
        checks.append(
            Check(
                "sets: every kind the bank makes asked",
                f"{len(lacking)} of {len(sets)} sets lack one",
                "0",
                not lacking,
                tuple(f"no {why}" for why in lacking[:3]),
            )
        )
        leaning = [lean for quiz in sets if abs(lean := truth_lean(quiz)) > LEAN]
        checks.append(
            Check(
                "sets: true/false items half true, half false",
                f"{len(leaning)} of {len(sets)} sets lean more than {LEAN}",
                "0",
                not leaning,
                tuple(f"{lean:+d} false" for lean in leaning[:3]),
            )
        )
    return Report(tuple(checks), len(bank), len(sample))


def semantic_checks(base: FactBase, items: Sequence[Item]) -> list[Check]:
    """One check per rule of :mod:`quizgen.generation.rules`, with the first flawed items as
    examples."""
    from quizgen.generation.rules import RULES, FlawFinder

    finder = FlawFinder(base)
    found: dict[str, list[str]] = {rule: [] for rule in RULES}
    seen: set[Item] = set()
    for q in items:
        if q in seen:
            continue  # quizzes repeat items; judge each distinct item once
        seen.add(q)
        for flaw in finder.flaws(q):
            found[flaw.rule].append(f"{flaw.item}: {flaw.detail}")
    return [
        Check(rule, f"{len(bad)} of {len(seen)}", "0", not bad, tuple(bad[:3]))
        for rule, bad in found.items()
    ]


def run_audit(
    base: FactBase,
    seed: int | str = 0,
    quizzes: int = 700,
    size: int = 10,
) -> Report:
    """Audit the bank for ``seed`` and ``quizzes`` seeded quizzes of ``size`` items."""
    from quizgen.generation.bank import Maker

    maker = Maker(base)
    bank = maker.generate(seed=seed)
    sets = [maker.generate(n=size, seed=f"{seed}/{i}") for i in range(quizzes)]
    return audit(base, bank, [q for quiz in sets for q in quiz], sets)


__all__ = ["Check", "Report", "audit", "chi_square_p", "run_audit"]
