"""The question bank: six kinds of item, made from facts, seeded and pure.

``generate`` never touches global random state or the clock: each item draws
from its own ``Random`` seeded by (seed, kind, fact id), so a fact's question
is the same whichever other facts are chosen with it, and the same seed gives
the same questions byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from random import Random
from typing import Any

from quizgen import cloze
from quizgen.dates import chronological_key, interval
from quizgen.distractors import DistractorIndex, Option, folded
from quizgen.facts import DATE_KIND_PRECISION, AnswerKind, Fact, FactBase, SourceKey


class QuestionKind(StrEnum):
    MC = "mc"
    TF = "tf"
    TYPED = "typed"
    CLOZE = "cloze"
    TIMELINE = "timeline"
    MATCH = "match"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    QuestionKind.MC: "Multiple choice",
    QuestionKind.TF: "True or false",
    QuestionKind.TYPED: "Typed answer",
    QuestionKind.CLOZE: "Fill in the blank",
    QuestionKind.TIMELINE: "Timeline",
    QuestionKind.MATCH: "Matching",
}

ALL_KINDS = tuple(QuestionKind)
TRUE, FALSE = "True", "False"
MATCH_KINDS = frozenset({AnswerKind.PLACE, AnswerKind.COUNTRY, AnswerKind.PERSON,
                         AnswerKind.ORGANIZATION, AnswerKind.EVENT})

Answer = str | tuple[str, ...] | tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Question:
    """One item, with everything needed to ask it, grade it and trace it to its facts.

    ``answer`` is the key: an option's text (mc, tf), the expected text (typed,
    cloze), the events in order (timeline) or (item, description) pairs (match).
    ``origins`` says where each option came from ("key", "curated", "fact:ID",
    "synthetic"), parallel to ``options`` for multiple choice.
    """

    id: str
    kind: QuestionKind
    prompt: str
    answer: Answer
    fact_ids: tuple[str, ...]
    source: tuple[SourceKey, ...]
    explanation: str
    topic: str
    options: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    answer_kind: AnswerKind | None = None
    origins: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind.value, "topic": self.topic,
                               "prompt": self.prompt}
        if self.items:
            out["items"] = list(self.items)
        if self.options:
            out["options"] = list(self.options)
        if isinstance(self.answer, str):
            out["answer"] = self.answer
        else:
            out["answer"] = [list(a) if isinstance(a, tuple) else a for a in self.answer]
        if self.accepted:
            out["accepted"] = list(self.accepted)
        if self.answer_kind is not None:
            out["answer_kind"] = self.answer_kind.value
        if self.origins:
            out["origins"] = list(self.origins)
        out["fact_ids"] = list(self.fact_ids)
        out["source"] = list(self.source)
        out["explanation"] = self.explanation
        return out


def parse_kinds(text: str) -> tuple[QuestionKind, ...]:
    """'mc,tf' -> kinds; ValueError names the unknown ones and the valid list."""
    names = [k.strip() for k in text.split(",") if k.strip()]
    valid = [k.value for k in QuestionKind]
    bad = [n for n in names if n not in valid]
    if bad or not names:
        raise ValueError(f"unknown question kind(s): {', '.join(bad) or '(none given)'}; "
                         f"choose from {','.join(valid)}")
    return tuple(QuestionKind(n) for n in dict.fromkeys(names))


def _explain(fact: Fact) -> str:
    return fact.explanation or fact.statement


def _short_id(kind: QuestionKind, fact_ids: Iterable[str]) -> str:
    digest = hashlib.sha1("|".join(fact_ids).encode()).hexdigest()[:10]
    return f"{kind.value}-{digest}"


class QuestionMaker:
    """Makes items for one fact base; holds the indexes that make that fast."""

    def __init__(self, base: FactBase | Sequence[Fact]) -> None:
        facts = base.facts if isinstance(base, FactBase) else tuple(base)
        self.facts = facts
        self.index = DistractorIndex(facts)
        self.spans = {f.id: cloze.find_answer(f) for f in facts}
        timeline = []
        for f in facts:
            label = cloze.without_date(f)
            if f.date is not None and label is not None:
                timeline.append((interval(f.date), label, f))
        timeline.sort(key=lambda t: t[0])
        self.timeline = timeline
        self.timeline_entry = {t[2].id: t for t in timeline}
        self.matchable: dict[str, list[Fact]] = {}
        self.all_matchable: list[Fact] = []
        self.matchable_ids: set[str] = set()
        for f in facts:
            if f.answer_kind in MATCH_KINDS and self._blank_hides_answer(f):
                self.matchable.setdefault(f.topic, []).append(f)
                self.all_matchable.append(f)
                self.matchable_ids.add(f.id)

    def _blank_hides_answer(self, fact: Fact) -> bool:
        """The blanked statement shows no alias of the answer ("the Iraqi _____ (PMF)")."""
        span = self.spans[fact.id]
        if span is None:
            return False
        rest = f" {folded(cloze.blank(fact, span) or '')} "
        return not any(f" {folded(a)} " in rest for a in fact.aliases)

    # -- one kind each -----------------------------------------------------------------
    def make(self, kind: QuestionKind, fact: Fact, seed: int | str,
             avoid: frozenset[str] = frozenset()) -> Question | None:
        """One item of ``kind`` about ``fact``; None when the fact does not allow it.

        ``avoid`` names facts that a timeline or matching item must not draw in
        beside ``fact`` (those already asked in the same quiz).
        """
        rng = Random(f"{seed}:{kind.value}:{fact.id}")
        if kind is QuestionKind.TIMELINE:
            return self.timeline_item(fact, rng, avoid)
        if kind is QuestionKind.MATCH:
            return self.match(fact, rng, avoid)
        maker = {
            QuestionKind.MC: self.mc, QuestionKind.TF: self.tf,
            QuestionKind.TYPED: self.typed, QuestionKind.CLOZE: self.cloze,
        }[kind]
        return maker(fact, rng)

    def _single(self, kind: QuestionKind, fact: Fact, prompt: str, answer: str,
                **extra: Any) -> Question:
        return Question(id=f"{kind.value}-{fact.id}", kind=kind, prompt=prompt, answer=answer,
                        fact_ids=(fact.id,), source=fact.source, explanation=_explain(fact),
                        topic=fact.topic, answer_kind=fact.answer_kind, **extra)

    def mc(self, fact: Fact, rng: Random) -> Question | None:
        # Dates are made with the key's rank chosen among exactly the options shown,
        # so ask for no spares there; elsewhere spares let the lengths be balanced.
        spares = 0 if fact.answer_kind in DATE_KIND_PRECISION else 2
        wrong = _balance_length(fact.answer, self.index.wrong_answers(fact, rng, 3 + spares), 3)
        if not wrong:
            return None
        options = [Option(fact.answer, "key"), *wrong]
        if fact.answer_kind in DATE_KIND_PRECISION:
            options.sort(key=lambda o: chronological_key(o.text))  # key's rank random
        else:
            rng.shuffle(options)
        return self._single(QuestionKind.MC, fact, fact.question, fact.answer,
                            options=tuple(o.text for o in options),
                            origins=tuple(o.origin for o in options))

    def tf(self, fact: Fact, rng: Random) -> Question | None:
        """Half true, half false; a fact that cannot be made false gets no true/false item.

        The false variant swaps the answer as written in the statement for a wrong
        answer of the same kind; for names, only where the answer itself (not an
        alias such as an adjective) is written, so the sentence stays grammatical.
        """
        span = self.spans[fact.id]
        if span is None or not (span.is_answer or fact.answer_kind in
                                (*DATE_KIND_PRECISION, AnswerKind.NUMBER)):
            return None
        false_text = None
        for option in self.index.wrong_answers(fact, rng, 1):
            text = fact.statement[: span.start] + option.text + fact.statement[span.end:]
            if text != fact.statement:
                false_text = text
                break
        if false_text is None:
            return None
        truth = rng.random() < 0.5
        statement = fact.statement if truth else false_text
        explanation = _explain(fact) if truth else f"False. {fact.statement}" + (
            f" {fact.explanation}" if fact.explanation else "")
        return Question(id=f"tf-{fact.id}", kind=QuestionKind.TF,
                        prompt=f"True or false: {statement}", answer=TRUE if truth else FALSE,
                        fact_ids=(fact.id,), source=fact.source, explanation=explanation,
                        topic=fact.topic, options=(TRUE, FALSE), answer_kind=fact.answer_kind)

    def typed(self, fact: Fact, rng: Random) -> Question:
        return self._single(QuestionKind.TYPED, fact, fact.question, fact.answer,
                            accepted=fact.aliases)

    def cloze(self, fact: Fact, rng: Random) -> Question | None:
        span = self.spans[fact.id]
        if span is None:
            return None
        prompt = cloze.blank(fact, span)
        assert prompt is not None
        accepted = tuple(dict.fromkeys(a for a in (fact.answer, *fact.aliases)
                                       if a != span.text))
        return self._single(QuestionKind.CLOZE, fact, prompt, span.text, accepted=accepted)

    def timeline_item(self, fact: Fact, rng: Random,
                      avoid: frozenset[str] = frozenset()) -> Question | None:
        """3 to 5 events whose dates cannot overlap (so their order is not in doubt)."""
        own = self.timeline_entry.get(fact.id)
        if own is None or len(self.timeline) < 3:
            return None
        size = rng.choice((3, 4, 5))
        chosen = [own]
        for _ in range(60):
            if len(chosen) == size:
                break
            candidate = self.timeline[rng.randrange(len(self.timeline))]
            if candidate[2].id not in avoid and all(_disjoint(candidate[0], c[0])
                                                    for c in chosen):
                chosen.append(candidate)
        if len(chosen) < 3:
            return None
        ordered = sorted(chosen, key=lambda c: c[0])
        shown = list(ordered)
        while shown == ordered:
            rng.shuffle(shown)
        ids = tuple(c[2].id for c in ordered)
        sources = tuple(dict.fromkeys(s for c in ordered for s in c[2].source))
        explanation = " ".join(f"{c[2].date}: {c[2].statement}" for c in ordered)
        return Question(id=_short_id(QuestionKind.TIMELINE, ids), kind=QuestionKind.TIMELINE,
                        prompt="Put these events in chronological order, earliest first.",
                        answer=tuple(c[1] for c in ordered), fact_ids=ids, source=sources,
                        explanation=explanation, topic=fact.topic,
                        options=tuple(c[1] for c in shown))

    def match(self, fact: Fact, rng: Random,
              avoid: frozenset[str] = frozenset()) -> Question | None:
        """Four names, each to be paired with the one statement it completes."""
        if fact.id not in self.matchable_ids:
            return None
        chosen = [fact]
        for pool in (self.matchable.get(fact.topic, []), self.all_matchable):
            for _ in range(40):
                if len(chosen) == 4 or not pool:
                    break
                candidate = pool[rng.randrange(len(pool))]
                if candidate.id not in avoid and self._fits(candidate, chosen):
                    chosen.append(candidate)
        if len(chosen) < 4:
            return None
        described = [(f.answer, cloze.blank(f, self.spans[f.id]) or "") for f in chosen]
        items = [d[0] for d in described]
        rng.shuffle(items)
        by_item = dict(described)
        descriptions = [d[1] for d in described]
        rng.shuffle(descriptions)
        ids = tuple(f.id for f in chosen)
        return Question(id=_short_id(QuestionKind.MATCH, ids), kind=QuestionKind.MATCH,
                        prompt="Match each name with the statement it completes.",
                        answer=tuple((item, by_item[item]) for item in items), fact_ids=ids,
                        source=tuple(dict.fromkeys(s for f in chosen for s in f.source)),
                        explanation=" ".join(f.statement for f in chosen), topic=fact.topic,
                        items=tuple(items), options=tuple(descriptions))

    def _fits(self, candidate: Fact, chosen: list[Fact]) -> bool:
        """A name fits only its own statement, and no statement names another item."""
        correct = self.index.correct
        name = self.index.folded_answer[candidate.id]
        for other in chosen:
            other_name = self.index.folded_answer[other.id]
            if other.id == candidate.id or other_name == name:
                return False
            if name in correct[other.id] or other_name in correct[candidate.id]:
                return False
            if f" {name} " in f" {self.index.folded_text(other)} " or \
                    f" {other_name} " in f" {self.index.folded_text(candidate)} ":
                return False
            # Plain containment too: folding reads "Syria's" as "syrias", yet a
            # statement about "Syria's border" is one a learner may pair with "Syria".
            if candidate.answer.lower() in other.statement.lower() or \
                    other.answer.lower() in candidate.statement.lower():
                return False
        return True


    def generate(self, kinds: Sequence[QuestionKind] = ALL_KINDS, n: int | None = None,
                 seed: int | str = 0, facts: Sequence[Fact] | None = None) -> list[Question]:
        """See :func:`generate`."""
        chosen = list(self.facts if facts is None else facts)
        kinds = tuple(dict.fromkeys(kinds)) or ALL_KINDS
        if n is None:
            return [q for f in chosen for k in kinds if (q := self.make(k, f, seed)) is not None]
        rng = Random(f"{seed}:quiz")
        out: list[Question] = []
        seen: set[str] = set()
        asked: set[str] = set()
        # Kinds take turns in shuffled blocks, each drawing facts from its own
        # seeded queue, so every kind gets its share while facts last. In the
        # first round a fact is asked once and facts inside a timeline or matching
        # item count as asked (one item must not answer another); further rounds,
        # only when more items are wanted than that gives, allow a fact again.
        for round_no in range(len(kinds)):
            queues = {k: iter(rng.sample(chosen, len(chosen))) for k in kinds}
            live = list(kinds)
            while live and len(out) < n:
                block = rng.sample(live, len(live))
                for kind in block:
                    if len(out) == n:
                        break
                    avoid = frozenset(asked) if round_no == 0 else frozenset()
                    question = None
                    for fact in queues[kind]:
                        if round_no == 0 and fact.id in asked:
                            continue
                        question = self.make(kind, fact, seed, avoid)
                        if question is not None and question.id not in seen:
                            break
                        question = None
                    if question is None:
                        live.remove(kind)  # no fact left that this kind can use
                        continue
                    out.append(question)
                    seen.add(question.id)
                    asked.update(question.fact_ids)
            if len(out) == n:
                break
        return out


def _balance_length(key: str, candidates: list[Option], count: int) -> list[Option]:
    """The first ``count`` candidates, but not leaving the key the longest option if avoidable.

    A key that is longer than every distractor is a cue test-wise learners use;
    if a spare candidate is at least as long as the key, it replaces the shortest
    drawn (not curated) option, or the shortest option when all are curated.
    """
    chosen, spare = candidates[:count], candidates[count:]
    if not chosen or len(key) <= max(len(o.text) for o in chosen):
        return chosen
    longer = next((o for o in spare if len(o.text) >= len(key)), None)
    if longer is None:
        return chosen
    replaceable = [o for o in chosen if o.origin != "curated"] or chosen
    out = list(chosen)
    out[out.index(min(replaceable, key=lambda o: len(o.text)))] = longer
    return out


def _disjoint(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[1] < b[0] or b[1] < a[0]


def generate(base: FactBase | Sequence[Fact], kinds: Sequence[QuestionKind] = ALL_KINDS,
             n: int | None = None, seed: int | str = 0,
             facts: Sequence[Fact] | None = None) -> list[Question]:
    """Questions about ``facts`` (default: all), wrong answers drawn from the whole base.

    With ``n`` None: the bank, one item of each kind per fact where the fact
    allows it, in file order. With ``n``: a quiz of up to ``n`` items of mixed
    kinds, each about a different fact while facts last, in a seeded order.
    """
    return QuestionMaker(base).generate(kinds, n, seed, facts)
