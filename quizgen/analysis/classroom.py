"""``quizgen analyse`` and ``quizgen audit --results``: a class's results, read and analysed.

:func:`gather` reads every results file and progress store, ties each LMS question
to its quizgen item through the questions file the quiz was made from, learns
what it needs of each item (its facts, kind, options and key) from that file and
from the bank, grades the replies no channel graded (a teacher's long CSV without
``correct``) with the item's own grading, and runs the item analysis. The result
carries where each fact stands in the fact file, so a flag points at the line to
fix.

Options depend on the seed the questions were made with (the wrong answers are
drawn per seed); an item's key and facts do not. So the bank's options are used
only with the seed given; without it, an item's options are the key and the
replies the class gave (an option nobody chose is then invisible, and said so),
and an option's number in a reply is refused rather than guessed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from quizgen.analysis import keys, matching, readers, stores
from quizgen.analysis.itemstats import OTHER, Analysis, ItemInfo, Thresholds, analyse, fold
from quizgen.analysis.keys import ExportedItem
from quizgen.analysis.records import ClassResults, Reply, ResultsError
from quizgen.facts import FactBase
from quizgen.grading import Grader
from quizgen.items import Item, Shape
from quizgen.items.base import InvalidReply

AUDITED = ("key-error", "negative-discrimination")
"""The flags ``quizgen audit --results`` fails on: each says the bank itself may be wrong."""
DEFAULT_SEED = "0"
"""The seed the bank is made with to look items up when none is given (their ids,
facts, keys and grading do not depend on it)."""


@dataclass(frozen=True, slots=True)
class ClassRequest:
    """What to analyse: results files, questions files, learners' stores, and how."""

    results: tuple[Path, ...] = ()
    questions: tuple[Path, ...] = ()
    homes: tuple[Path, ...] = ()
    seed: str | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)


@dataclass(frozen=True, slots=True)
class ClassReport:
    """The analysis, what it was made from, and where each fact stands in the fact file."""

    title: str
    analysis: Analysis
    sources: tuple[str, ...]
    """Each input, and what it held ('results.csv: live game, 480 replies')."""
    notes: tuple[str, ...]
    fact_lines: Mapping[str, str]
    """Fact id -> 'facts.yaml:88' for the facts the fact file has."""
    seed: str | None

    def where(self, fact_id: str) -> str:
        """'fact 'near-town' (facts.yaml:88)', or without the place if the file lacks it."""
        line = self.fact_lines.get(fact_id)
        return f"fact '{fact_id}'" + (f" ({line})" if line else " (not in the fact file)")

    def to_dict(self) -> dict[str, Any]:
        document = self.analysis.to_dict()
        for fact in document["facts"]:
            fact["where"] = self.fact_lines.get(fact["fact"])
        return {
            "title": self.title,
            "sources": list(self.sources),
            "notes": list(self.notes),
            "seed": self.seed,
            **document,
        }


class Bank:
    """The fact file's items by id, made once with one seed, when first asked for."""

    def __init__(self, base: FactBase, seed: str | None) -> None:
        self.base, self.seed = base, seed
        self._by_id: dict[str, Item] | None = None
        self._grader: Grader | None = None

    def grader(self) -> Grader:
        """quizgen's grader over this fact base (it knows the other facts' names)."""
        if self._grader is None:
            self._grader = Grader(self.base.facts, self.base.entities)
        return self._grader

    def get(self, item_id: str) -> Item | None:
        if self._by_id is None:
            from quizgen.generation.bank import generate

            made = generate(self.base, seed=self.seed or DEFAULT_SEED)
            self._by_id = {q.id: q for q in made}
        return self._by_id.get(item_id)


def _read(request: ClassRequest, base: FactBase) -> list[ClassResults]:
    read = [readers.read(path) for path in request.results]
    read += [stores.read_home(home, base) for home in request.homes]
    if not read:
        raise ResultsError("quizgen analyse", "give a results file or a learner's --home")
    return read


def _exported(request: ClassRequest, read: Sequence[ClassResults]) -> tuple[ExportedItem, ...]:
    exported = tuple(item for path in request.questions for item in keys.read(path))
    needing = [r for r in read if r.questions]
    if needing and not exported:
        raise ResultsError(
            needing[0].path,
            f"names its questions by their text only (a {needing[0].channel.capitalize()} "
            "report): give the questions file quizgen exported for this quiz (GIFT, Moodle "
            "XML or QTI) with --questions FILE",
        )
    return exported


def _source(results: ClassResults) -> str:
    students = len({r.student for r in results.responses})
    names = {"live": "live game", "long-csv": "long CSV", "moodle": "Moodle responses report",
             "canvas": "Canvas student analysis", "progress": "progress store"}  # fmt: skip
    kind = names.get(results.channel, results.channel)
    return (
        f"{results.path}: {kind}, {len(results.responses)} replies from "
        f"{students} student{'s' if students != 1 else ''}"
    )


def gather(request: ClassRequest, base: FactBase) -> ClassReport:
    """Read, match, grade and analyse (see the module docstring); one line on bad input."""
    read = _read(request, base)
    exported = _exported(request, read)
    resolved = [matching.resolve(r, exported) for r in read]
    bank = Bank(base, request.seed)
    by_export = {e.id: e for e in exported}
    notes = [n for r in resolved for n in r.notes]
    replies: list[Reply] = []
    unread = Counter[str]()
    for results in resolved:
        for reply in results.responses:
            graded = (
                reply
                if reply.score is not None
                else _graded(reply, bank, by_export.get(reply.item), request.seed)
            )
            if graded.score is None:
                unread[graded.item] += 1
                graded = replace(graded, score=0.0)
            replies.append(graded)
    if unread:
        notes.append(
            f"{sum(unread.values())} typed repl(ies) could not be read as an answer (a date "
            "that reads two ways, an order or pairs not given in full) and count as wrong"
        )
    known_facts = {k: v for r in resolved for k, v in r.fact_ids.items()}
    infos = _infos(replies, bank, by_export, known_facts, seeded=request.seed is not None)
    analysis = analyse(replies, infos, request.thresholds)
    notes += _seed_notes(analysis, infos, by_export, request.seed)
    facts = {f.id: f for f in base.facts}
    lines = {
        fid: f"{base.path}:{facts[fid].line}" if facts[fid].line else base.path
        for stat in analysis.facts
        if (fid := stat.fact) in facts
    }
    return ClassReport(
        base.title,
        analysis,
        tuple(_source(r) for r in read),
        tuple(notes),
        lines,
        request.seed,
    )


def _graded(reply: Reply, bank: Bank, exported: ExportedItem | None, seed: str | None) -> Reply:
    """``reply`` graded by its item's own rules (as a quiz grades it); an item of an LMS's
    questions file by the answers that file accepts, except a typed answer, which
    quizgen's grader judges (the key of an option or a statement depends on the seed the
    file was made with; what a typed answer accepts does not). Score None when the reply
    cannot be read as an answer to it."""
    item = bank.get(reply.item)
    text = " ".join(reply.response.split())
    if exported is not None and (item is None or item.shape is not Shape.TEXT):
        return replace(reply, score=_by_export(text, exported))
    path, line = reply.where.rsplit(":", 1)[0], _line(reply.where)
    if item is None:
        raise ResultsError(
            path,
            f"item: '{reply.item}' is not a question of {bank.base.path or 'the fact file'}; "
            "give its right-or-wrong in a 'correct' column",
            line,
        )
    seeded = item.shape in (Shape.ORDER, Shape.PAIRS, Shape.TRUTH) or (
        item.shape is Shape.CHOICE and text.isdigit()
    )
    if seed is None and seeded and text:
        what = "judges a statement" if item.shape is Shape.TRUTH else "gives options by number"
        raise ResultsError(
            path,
            f"response: '{text}' {what}, and that depends on the seed the questions were "
            "made with: give it with --seed (as 'quizgen questions --seed SEED' prints "
            "them), or give a 'correct' column",
            line,
        )
    if not text:
        return replace(reply, score=0.0)
    try:
        parsed = item.parse(text)
    except InvalidReply:
        if item.shape not in (Shape.CHOICE, Shape.TRUTH):
            return replace(reply, score=None)
        parsed = text  # an option of another seed, or none at all: graded as given
    grade = item.grade(parsed, bank.grader())
    part = grade.part[0] / grade.part[1] if grade.part and grade.part[1] else 0.0
    return replace(reply, score=1.0 if grade.correct else min(part, 0.99))


def _by_export(text: str, item: ExportedItem) -> float:
    """A reply graded by its questions file alone: the same text as an accepted answer (case
    and spacing aside); for pairs and order, as Moodle summarises them ('a -> b; c -> d',
    the events joined by '; '), the share in place."""
    accepted = [fold(a) for a in item.accepted]
    if item.shape in ("pairs", "order"):
        given = [fold(p) for p in text.split(";") if p.strip()]
        if item.shape == "pairs":
            right = sum(p in accepted for p in set(given))
        else:
            right = sum(g == a for g, a in zip(given, accepted, strict=False))
        return (
            1.0
            if given == accepted or (item.shape == "pairs" and right == len(accepted) == len(given))
            else min(right / max(1, len(accepted)), 0.99)
        )
    return 1.0 if fold(text) in accepted else 0.0


def _line(where: str) -> int:
    tail = where.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _infos(
    replies: Sequence[Reply],
    bank: Bank,
    exported: Mapping[str, ExportedItem],
    known_facts: Mapping[str, tuple[str, ...]],
    *,
    seeded: bool,
) -> dict[str, ItemInfo]:
    """What the analysis knows of each item replied to, best source first: the questions
    file the LMS imported, then the bank (its options and key only with the seed), then
    the replies themselves (the key as the channel graded them)."""
    seen: dict[str, list[Reply]] = {}
    for r in replies:
        seen.setdefault(r.item, []).append(r)
    infos: dict[str, ItemInfo] = {}
    for item_id, given in seen.items():
        item = bank.get(item_id)
        facts = known_facts.get(item_id) or (item.fact_ids if item is not None else ())
        kind = item.kind if item is not None else ""
        if item_id in exported:
            e = exported[item_id]
            choice = e.shape in ("choice", "truth")
            infos[item_id] = ItemInfo(
                item_id, e.fact_ids or facts, kind or e.shape,
                e.options if choice else (), e.accepted if choice else (), e.shape == "text",
            )  # fmt: skip
        elif item is not None:
            infos[item_id] = _bank_info(item, facts, given, seeded)
        else:
            infos[item_id] = ItemInfo(item_id, facts, kind)
    return infos


def _bank_info(
    item: Item, facts: tuple[str, ...], given: Sequence[Reply], seeded: bool
) -> ItemInfo:
    """An item of the bank as the analysis needs it. Its options and, for a true/false
    statement, its key depend on the seed; without it the key is what the channel marked
    right and the options those the class chose."""
    typed = item.shape is Shape.TEXT
    if item.shape not in (Shape.CHOICE, Shape.TRUTH):
        return ItemInfo(item.id, facts, item.kind, typed=typed)
    answer = str(getattr(item, "answer", ""))
    if seeded:
        return ItemInfo(item.id, facts, item.kind, tuple(getattr(item, "options", ())), (answer,))
    right = [r.response for r in given if r.score is not None and r.score >= 1]
    marked = tuple(dict.fromkeys(" ".join(t.split()) for t in right if t.strip()))
    if item.shape is Shape.TRUTH:
        return ItemInfo(item.id, facts, item.kind, tuple(getattr(item, "options", ())), marked)
    keys = marked or (answer,)
    return ItemInfo(item.id, facts, item.kind, _observed(keys, [r.response for r in given]), keys)


def _observed(keys: Sequence[str], given: Iterable[str]) -> tuple[str, ...]:
    """The keys and the other replies given, most chosen first: the options as far as the
    replies show them."""
    counts = Counter(" ".join(g.split()) for g in given if g.strip())
    folded = {fold(k) for k in keys}
    others = sorted((t for t in counts if fold(t) not in folded), key=lambda t: (-counts[t], t))
    return (*keys, *others)


def _seed_notes(
    analysis: Analysis,
    infos: Mapping[str, ItemInfo],
    exported: Mapping[str, ExportedItem],
    seed: str | None,
) -> list[str]:
    choice = [i for i, info in infos.items() if info.options and i not in exported]
    if seed is None and any(len(infos[i].options) > 2 for i in choice):
        return [
            "options were taken from the replies (no --seed): a distractor nobody chose "
            "cannot be seen"
        ]
    odd = [s.item for s in analysis.items if s.item in choice for o in s.options
           if o.option == OTHER and o.count]  # fmt: skip
    if odd:
        return [
            f"replies to {len(odd)} item(s) are not among their options with seed {seed} "
            f"(e.g. {odd[0]}): is it the seed the questions were made with?"
        ]
    return []


def audit_lines(report: ClassReport) -> list[str]:
    """One line per item flagged as a possible key error or for negative discrimination,
    in the fact file's ``file:line:`` form (where the fact is, so an editor jumps there),
    naming the fact and the item; empty when no item is."""
    out = []
    for stats in report.analysis.items:
        reasons = [f.reason for code in AUDITED for f in stats.flags if f.code == code]
        if not reasons:
            continue
        facts = stats.fact_ids or ("",)
        where = report.fact_lines.get(facts[0], "(no fact file line)")
        named = ", ".join(f"'{f}'" for f in stats.fact_ids) or "unknown"
        out.append(f"{where}: fact {named} (item {stats.item}): {'; '.join(reasons)}")
    return out
