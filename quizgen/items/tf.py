"""True or false: the fact's statement as written, or with its answer swapped for a wrong one.

Half are true, half false. A fact that cannot be made false gets no item; for
names, only where the answer itself (not an alias such as an adjective) is
written, so the doctored sentence stays grammatical.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from random import Random
from typing import Self

from quizgen.facts import DATE_KIND_PRECISION, POOLED_KINDS, AnswerKind, Fact
from quizgen.facts.bounds import number_bound, number_in, turned_round
from quizgen.facts.spans import Span, serial_like
from quizgen.items import cues, figures, register
from quizgen.items.context import Context, explain, single
from quizgen.items.cues import appositive_cue, doubled_word, figures_in, swap_span, truth_swap_flaw
from quizgen.items.shapes import TruthItem
from quizgen.language.numbers import in_words
from quizgen.language.text import fold, folded


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalse(TruthItem, kind="tf", label="True or false"):
    """The fact's statement as written, or with its answer swapped for a wrong one."""

    @classmethod
    def make(cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str]) -> Self | None:
        return cls._made(ctx, fact, rng, None)

    @classmethod
    def other_form(
        cls, ctx: Context, fact: Fact, rng: Random, avoid: Container[str], item: object
    ) -> Self | None:
        """The statement ``item`` did not take, true for a false one and false for a true
        one: the same draws make both, so the false statement is the one ``item`` had or
        would have had (a set keeps its true and false items near half and half)."""
        truth = getattr(item, "truth", None)
        return None if not isinstance(truth, bool) else cls._made(ctx, fact, rng, not truth)

    @classmethod
    def _made(cls, ctx: Context, fact: Fact, rng: Random, wanted: bool | None) -> Self | None:
        span = swap_span(fact, ctx.span(fact))
        if span is None or not (
            span.is_answer or fact.answer_kind in (*DATE_KIND_PRECISION, AnswerKind.NUMBER)
        ):
            return None
        statements = ctx.memo("statements", lambda: {f.statement for f in ctx.facts})
        record = ctx.index.era(fact)  # the record, within the years of what the fact names
        before, after = fact.statement[: span.start], fact.statement[span.end :]
        if appositive_cue(fact, after) is not None:
            return None  # "supporting Fatah, in the Gaza Strip": false by its wording
        false_text = None
        for swapped, raw in _candidates(ctx, fact, span, rng, f"{before} {after}"):
            text = before + swapped + after
            # Never the fact itself, nor another fact (that is true), nor a swap that
            # gives itself away (a capital mid-sentence, a contradicted date...).
            if (
                text not in statements
                and _article_fits(ctx, before, raw)
                and doubled_word(swapped, after) is None
                and cues.determiner_clash(before, swapped) is None
                and truth_swap_flaw(fact, span.text, swapped, f"{before} {after}", record) is None
            ):
                false_text = text
                break
        if false_text is None:
            return None
        truth = rng.random() < 0.5
        if wanted is not None:
            truth = wanted
        fields = single(fact, cls.kind)
        if not truth:
            fields["explanation"] = corrected(fact)
        else:
            fields["explanation"] = explain(fact)
        return cls(
            **fields,
            statement=fact.statement if truth else false_text,
            truth=truth,
            answer_kind=fact.answer_kind,
        )


def _candidates(
    ctx: Context, fact: Fact, span: Span, rng: Random, rest: str
) -> list[tuple[str, str]]:
    """(what to write in place of ``span``, the wrong answer it writes), best first.

    A bound ("at least nine") is turned round at or past its number ("fewer than
    five"): no other figure contradicts it.
    """
    bound = number_bound(fact)
    key = number_in(fact.answer) if bound else None
    if bound and key is not None:
        figure = span.text.split()[-1]
        out = []
        for value in figures.side(key, bound > 0, 3, rng, exclude=figures_in(rest)) or [key]:
            words = f"{turned_round(bound)} {written_like(str(value), figure, fact)}"
            out.append((words[:1].upper() + words[1:] if span.text[:1].isupper() else words, ""))
        return out
    return [
        (written_like(o.text, span.text, fact), o.text)
        for o in ctx.index.wrong_answers(fact, rng, 3, context=rest)
    ]


def _articles(ctx: Context, name: str) -> tuple[bool, bool]:
    """Whether the file writes the folded name after 'the' ('the IRGC'), and whether bare
    ('Russia'), in the statements of the facts it answers.

    Worked out for each name the first time it is offered, from the facts that name
    answers: a quiz of ten from a large base looks at a few names, not every statement.
    """
    known: dict[str, tuple[bool, bool]] = ctx.memo("articles", dict)
    found = known.get(name)
    if found is None:
        index = ctx.index
        with_the = bare = False
        for f in index.by_answer.get(name, ()):
            if f.answer_kind not in POOLED_KINDS or index.folded_answer[f.id] != name:
                continue
            span = ctx.span(f)
            if span is not None and span.is_answer:
                if f.statement[: span.start].lower().endswith("the "):
                    with_the = True
                else:
                    bare = True
                if with_the and bare:
                    break
        found = known[name] = (with_the, bare)
    return found


def _article_fits(ctx: Context, before: str, value: str) -> bool:
    """'allies of the _____' takes 'the IRGC' but not 'the Russia' (and the other way round).

    Judged from how the file itself writes each name; a name it never writes
    in a statement is given the benefit of the doubt.
    """
    with_the, bare = _articles(ctx, folded(value))
    if not (with_the or bare) and " " not in value.strip():
        # a one-word name of a thing with a demonym (a country: 'Russia') that the file
        # never writes in a statement reads bare: "allies of the Russia" gave the false
        # statement away (a river, 'the Tigris', has no demonym and keeps the doubt)
        entity = ctx.index.entity_named(value)
        bare = entity is not None and entity.demonym is not None
    if before.lower().endswith("the "):
        return not (bare and not with_the)
    return not (with_the and not bare)


def written_like(value: str, original: str, fact: Fact) -> str:
    """``value`` in the form the statement writes its answer: a number in words, lower case.

    "named four members" must not become "named 7 members", nor "as
    inoperative" become "as Operational": the form alone would give it away.
    """
    if original.isalpha() and value.isdigit():
        words = in_words(int(value)) or value
        # "Two people were killed" opens a sentence: "Six people", never "six people"
        return words[:1].upper() + words[1:] if original[:1].isupper() else words
    if original[:1].islower() and value[:1].isupper() and fact.answer_kind not in POOLED_KINDS:
        return value[:1].lower() + value[1:]
    return serial_like(value, original)


register(TrueFalse)


def corrected(fact: Fact) -> str:
    """The feedback of a false statement: the true one, said once.

    An explanation that says the statement again in other words (with a date
    added, say) is shown instead of it, not after it: "the corrected sentence
    twice in two wordings" reads as a slip. One that adds nothing is left out;
    one that says something else follows the statement.
    """
    more = fact.explanation
    if not more:
        return f"False. {fact.statement}"
    said = {w for w in fold(fact.statement).split() if len(w) > 2}
    told = {w for w in fold(more).split() if len(w) > 2}
    if told <= said:
        return f"False. {fact.statement}"
    if said and len(said & told) >= 0.8 * len(said):
        return f"False. {more}"
    return f"False. {fact.statement} {more}"
