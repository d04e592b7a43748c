"""What the kind modules share while making items from one fact base.

Built once per fact base: the distractor index, where each answer stands in
its statement, and a memo in which a kind keeps its own index (the timeline
keeps its dated events, matching its matchable facts), built the first time
the kind is asked for, so a quiz of multiple choice pays for no timeline.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from quizgen.facts import AnswerKind, Fact, spans
from quizgen.facts.spans import Span
from quizgen.items.distractors import DistractorIndex
from quizgen.language.text import contains, folded

T = TypeVar("T")
_ASIDE = re.compile(r"\s*\([^()]*\)")
_DIGIT = re.compile(r"\d")
_ARTICLE_END = re.compile(r"\b([Aa])n? $")


class Context:
    def __init__(self, facts: Iterable[Fact]) -> None:
        self.facts = tuple(facts)
        self.index = DistractorIndex(self.facts)
        self.companions = self.facts
        """The facts an item about several facts may draw in: the selection being asked."""
        self._spans: dict[str, Span | None] = {}
        self._blanked: dict[str, str | None] = {}
        self._memo: dict[str, Any] = {}

    def select(self, facts: Iterable[Fact] | None) -> None:
        """Keep items about several facts (timelines, matching) to ``facts`` (None: all).

        Wrong answers still come from the whole base; but a quiz on one topic or
        deck asks only about facts of that topic or deck, in every kind of item.
        """
        chosen = self.facts if facts is None else tuple(facts)
        if chosen != self.companions:
            self.companions = chosen
            self._memo.clear()  # the kinds' indexes were built over the old companions

    def span(self, fact: Fact) -> Span | None:
        """Where the fact's answer is written in its statement (None if it is not)."""
        if fact.id not in self._spans:
            self._spans[fact.id] = spans.find_answer(fact)
        return self._spans[fact.id]

    def blanked(self, fact: Fact) -> str | None:
        """The statement with its answer blanked, giving nothing away; None if it cannot.

        A parenthesis right after the blank that restates the answer ("_____
        (248 mi)", "the _____ (PMF)") goes with it; if an accepted answer still
        shows anywhere else, the fact makes no blank item.
        """
        if fact.id not in self._blanked:
            self._blanked[fact.id] = self._blank(fact)
        return self._blanked[fact.id]

    def _blank(self, fact: Fact) -> str | None:
        span = self.span(fact)
        text = None if span is None else spans.blank(fact, span)
        if span is None or text is None:
            return None
        at = text.index(spans.BLANK) + len(spans.BLANK)
        aside = _ASIDE.match(text, at)
        accepted = [a for a in (fact.answer, *fact.aliases) if len(folded(a)) > 1]
        if aside and (any(contains(aside.group(), a) for a in accepted)
                      or (fact.answer_kind is AnswerKind.NUMBER and _DIGIT.search(aside.group()))):
            text = text[:at] + text[aside.end():]
        # "an _____ Shia paramilitary group" tells a vowel: "a(n)" tells nothing
        start = text.index(spans.BLANK)
        text = _ARTICLE_END.sub(r"\1(n) ", text[:start]) + text[start:]
        return None if shows_answer(text.replace(spans.BLANK, " "), fact) else text

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """The value kept under ``key`` for the current companions, built on first use."""
        if key not in self._memo:
            self._memo[key] = build()
        value: T = self._memo[key]
        return value


def shows_answer(text: str, fact: Fact) -> bool:
    """Whether ``text`` (a stem, a blanked statement) shows an accepted answer of ``fact``."""
    return any(contains(text, a) for a in (fact.answer, *fact.aliases) if len(folded(a)) > 1)


def explain(fact: Fact) -> str:
    """What feedback shows after the answer: the fact's explanation, else its statement."""
    return fact.explanation or fact.statement


def single(fact: Fact, kind: str) -> dict[str, Any]:
    """The fields every one-fact item shares, as keyword arguments."""
    return {"id": f"{kind}-{fact.id}", "topic": fact.topic, "fact_ids": (fact.id,),
            "source": fact.source, "explanation": explain(fact)}


def several(kind: str, facts: list[Fact], explanation: str, topic: str) -> dict[str, Any]:
    """The shared fields of an item drawn from several facts (timeline, matching)."""
    ids = tuple(f.id for f in facts)
    digest = hashlib.sha1("|".join(ids).encode()).hexdigest()[:10]
    return {"id": f"{kind}-{digest}", "topic": topic, "fact_ids": ids,
            "source": tuple(dict.fromkeys(s for f in facts for s in f.source)),
            "explanation": explanation}
