"""The key is no longer than chance: over 200 seeds, strictly the longest text option
at most 30% of the time.

A test-wise learner picks the longest option; the audit measures the share over
its sampled quizzes, this measures it over every fact whose options are words
(numbers and dates are shown in their order and are judged by their rank).
"""

from __future__ import annotations

from collections import Counter

from quizgen.facts import DATE_KIND_PRECISION, AnswerKind, FactBase
from quizgen.generation.bank import Maker
from quizgen.items.shapes import ChoiceItem

SEEDS = range(200)


def test_over_200_seeds_the_key_is_strictly_the_longest_text_option_at_most_30_percent(
    shipped: FactBase,
) -> None:
    maker = Maker(shipped)
    longest: Counter[bool] = Counter()
    for fact in shipped.facts:
        if fact.answer_kind is AnswerKind.NUMBER or fact.answer_kind in DATE_KIND_PRECISION:
            continue
        for seed in SEEDS:
            q = maker.make("mc", fact, seed)
            if q is None:
                continue
            assert isinstance(q, ChoiceItem) and isinstance(q.answer, str)
            others = max(len(o) for o in q.options if o != q.answer)
            longest[len(q.answer) > others] += 1
    made = longest.total()
    assert made >= 10_000  # most facts make a multiple-choice item on every seed
    assert longest[True] / made <= 0.30, f"{longest[True]} of {made}"
