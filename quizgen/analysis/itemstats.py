"""Classical item analysis of a class's results, as Moodle's quiz statistics report does it.

For each item: the number of responses, the facility (mean share of marks, Moodle's
"facility index"), with a 95% interval (Wilson's, for right-or-wrong items); the
discrimination as the correlation of the item's score with the rest of the test
(Moodle's "discrimination index", without its factor of 100), Moodle's
"discriminative efficiency" (that covariance over the largest one the two score
lists allow, both sorted), and the upper-lower index (facility in the top 27% of the
class by score, less that in the bottom 27%); each option's share overall and in
the top and bottom groups; the median time; the typed replies most often marked
wrong. For the test: Cronbach's alpha (KR-20 when every item is right or wrong, the
same formula), the standard error of measurement and the score distribution.

The arithmetic is the standard library's ``statistics`` (Pearson's correlation,
variances, the median, the normal quantile for the interval): a well-kept library
that does all this needs, with nothing to import at start-up; numpy would add tens
of milliseconds and a large dependency for sums over a few thousand numbers.

Flags say what a teacher should look at and why, and are only raised on an item
with at least :attr:`Thresholds.min_responses` responses (its figures are shown
anyway, with their interval). An item too easy or too hard is not also flagged for
low discrimination or an unused distractor: those follow from the ceiling or the
floor and would only repeat it.
"""

from __future__ import annotations

import math
import statistics
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from quizgen.analysis.records import Reply

NO_ANSWER = "(no answer)"
OTHER = "(other)"


@dataclass(frozen=True, slots=True)
class ItemInfo:
    """What the analysis needs to know of an item beyond the responses to it.

    ``options`` are the choices a learner picks from (choice and truth shapes), so
    that one nobody chose is seen; ``key`` the right ones among them; ``typed``
    marks an item answered by typing, whose wrong replies are tallied.
    """

    id: str
    fact_ids: tuple[str, ...] = ()
    kind: str = ""
    options: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    typed: bool = False


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The rules flags follow; every number here is what the README states."""

    min_responses: int = 20
    """No flag on an item with fewer responses: below it, one student moves a figure too far."""
    too_easy: float = 0.9
    """Facility at or above this: Moodle's "very easy" starts at 90%."""
    too_hard: float = 0.2
    """Facility at or below this: below chance on a four-option question."""
    low_discrimination: float = 0.1
    group_share: float = 0.27
    """The upper and lower groups: Kelley's 27% of the class at each end."""
    min_group_choosers: int = 2
    """A distractor the top group preferred to the key (and chose more often than the bottom
    group did, as a right answer is chosen) counts when at least this many chose it."""
    unused_error: float = 0.01
    """A distractor is called unused only when so many students answered wrong that, were
    every distractor as attractive, one left unchosen would happen less often than this."""
    wrong_share: float = 0.1
    wrong_count: int = 3
    """A typed wrong reply is flagged when this many students, and this share, gave it, and
    they did at least as well on the rest of the test as the class: a misconception of the
    weaker students is teaching's business, a reply the stronger ones give may be right."""
    confidence: float = 0.95


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    """``too-easy``, ``too-hard``, ``low-discrimination``, ``negative-discrimination``,
    ``unused-distractor``, ``key-error`` or ``common-wrong-reply``."""
    reason: str


@dataclass(frozen=True, slots=True)
class OptionShare:
    option: str
    key: bool
    count: int
    share: float
    upper: float | None
    """Share among the top group's responses to the item (None: no one of them answered it)."""
    lower: float | None
    upper_count: int
    """How many of the top group chose it."""


@dataclass(frozen=True, slots=True)
class WrongReply:
    """A typed reply marked wrong, as tallied: how many gave it and how strong they were."""

    reply: str
    count: int
    rest: float
    """The mean score on the rest of the test of those who gave it."""


@dataclass(frozen=True, slots=True)
class ItemStats:
    item: str
    fact_ids: tuple[str, ...]
    kind: str
    n: int
    facility: float
    interval: tuple[float, float]
    discrimination: float | None
    """Correlation with the rest of the test (None where a score list does not vary)."""
    efficiency: float | None
    upper_lower: float | None
    options: tuple[OptionShare, ...]
    median_seconds: float | None
    wrong_replies: tuple[WrongReply, ...]
    """The typed replies marked wrong most often (at most five), most given first."""
    rest_mean: float
    """The mean score on the rest of the test of everyone who answered the item."""
    overruled: tuple[str, ...]
    flags: tuple[Flag, ...]
    withheld: bool
    """Too few responses for flags."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "fact_ids": list(self.fact_ids),
            "kind": self.kind,
            "n": self.n,
            "facility": _r(self.facility),
            "facility_interval": [_r(v) for v in self.interval],
            "discrimination": _r(self.discrimination),
            "discriminative_efficiency": _r(self.efficiency),
            "upper_lower_index": _r(self.upper_lower),
            "options": [
                {
                    "option": o.option,
                    "key": o.key,
                    "count": o.count,
                    "share": _r(o.share),
                    "upper": _r(o.upper),
                    "lower": _r(o.lower),
                    "upper_count": o.upper_count,
                }
                for o in self.options
            ],
            "median_seconds": _r(self.median_seconds),
            "wrong_replies": [
                {"reply": w.reply, "count": w.count, "rest_mean": _r(w.rest)}
                for w in self.wrong_replies
            ],
            "rest_mean": _r(self.rest_mean),
            "overruled": list(self.overruled),
            "flags": [{"code": f.code, "reason": f.reason} for f in self.flags],
            "flags_withheld": self.withheld,
        }


@dataclass(frozen=True, slots=True)
class TestStats:
    students: int
    items: int
    mean: float
    """Mean score, as a share of the marks of the items each student answered."""
    sd: float | None
    median: float
    alpha: float | None
    """Cronbach's alpha over the students who answered every item (None if under two)."""
    alpha_name: str
    """'KR-20' when every item is right or wrong, else "Cronbach's alpha"."""
    complete: int
    """How many students answered every item (those alpha is computed over)."""
    sem: float | None
    histogram: tuple[int, ...]
    """Students per tenth of the score: 0-10%, 10-20%, ..., 90-100%."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "students": self.students,
            "items": self.items,
            "mean": _r(self.mean),
            "sd": _r(self.sd),
            "median": _r(self.median),
            "reliability": _r(self.alpha),
            "reliability_name": self.alpha_name,
            "complete_students": self.complete,
            "sem": _r(self.sem),
            "histogram": list(self.histogram),
        }


@dataclass(frozen=True, slots=True)
class FactStats:
    """A fact's figures are those of the items that asked about it, pooled: a class learns
    (or misreads) a fact through every question on it, so they are read from those items'
    stats, never counted again."""

    fact: str
    asked_by: tuple[ItemStats, ...]
    """The stats of every item that asked about the fact, in the analysis's order."""

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(i.item for i in self.asked_by)

    @property
    def n(self) -> int:
        return sum(i.n for i in self.asked_by)

    @property
    def facility(self) -> float:
        """The items' facility weighted by their responses."""
        n = self.n
        return sum(i.facility * i.n for i in self.asked_by) / n if n else 0.0

    @property
    def flags(self) -> tuple[Flag, ...]:
        return tuple(f for i in self.asked_by for f in i.flags)


@dataclass(frozen=True, slots=True)
class Analysis:
    test: TestStats
    items: tuple[ItemStats, ...]
    facts: tuple[FactStats, ...]
    thresholds: Thresholds = field(default_factory=Thresholds)

    def flagged(self) -> tuple[ItemStats, ...]:
        return tuple(i for i in self.items if i.flags)

    def to_dict(self) -> dict[str, Any]:
        t = self.thresholds
        return {
            "test": self.test.to_dict(),
            "items": [i.to_dict() for i in self.items],
            "facts": [
                {
                    "fact": f.fact,
                    "items": list(f.items),
                    "n": f.n,
                    "facility": _r(f.facility),
                    "flags": [{"code": g.code, "reason": g.reason} for g in f.flags],
                }
                for f in self.facts
            ],
            "thresholds": {
                "min_responses": t.min_responses,
                "too_easy": t.too_easy,
                "too_hard": t.too_hard,
                "low_discrimination": t.low_discrimination,
                "group_share": t.group_share,
            },
        }


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def fold(text: str) -> str:
    """A reply as tallied: NFKC, case folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def wilson(successes: float, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson's score interval for a proportion: honest at 0% and 100% and for small n."""
    if n == 0:
        return (0.0, 1.0)
    z = statistics.NormalDist().inv_cdf(0.5 + confidence / 2)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def mean_interval(scores: Sequence[float], confidence: float = 0.95) -> tuple[float, float]:
    """The interval of a mean share of marks: Wilson's for right-or-wrong scores, else the
    normal approximation, clipped to 0..1."""
    n = len(scores)
    if all(s in (0.0, 1.0) for s in scores):
        return wilson(sum(scores), n, confidence)
    if n < 2:
        return (0.0, 1.0)
    z = statistics.NormalDist().inv_cdf(0.5 + confidence / 2)
    mean, half = statistics.fmean(scores), z * statistics.stdev(scores) / math.sqrt(n)
    return (max(0.0, mean - half), min(1.0, mean + half))


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, or None where either list does not vary (or has under three values)."""
    if len(xs) < 3 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    return statistics.correlation(xs, ys)


def efficiency(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Moodle's discriminative efficiency: cov(x, y) over cov(sorted x, sorted y)."""
    if len(xs) < 3:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    cov = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    most = sum((x - mx) * (y - my) for x, y in zip(sorted(xs), sorted(ys), strict=True))
    return cov / most if most > 0 else None


def groups(percent: Mapping[str, float], share: float) -> tuple[frozenset[str], frozenset[str]]:
    """The top and bottom ``share`` of students by score (ties broken by name, for the same
    result every run); empty under four students."""
    if len(percent) < 4:
        return frozenset(), frozenset()
    ranked = sorted(percent, key=lambda s: (-percent[s], s))
    size = max(1, round(share * len(ranked)))
    return frozenset(ranked[:size]), frozenset(ranked[-size:])


def analyse(
    responses: Sequence[Reply],
    items: Mapping[str, ItemInfo] | None = None,
    thresholds: Thresholds | None = None,
) -> Analysis:
    """The analysis of graded ``responses`` (each with a score); a student's second reply
    to the same item is ignored. Raises ValueError for an ungraded response."""
    rules = thresholds or Thresholds()
    info = dict(items or {})
    table: dict[str, dict[str, Reply]] = {}
    for r in responses:
        if r.score is None:
            raise ValueError(f"{r.where}: the reply to '{r.item}' has not been graded")
        table.setdefault(r.item, {}).setdefault(r.student, r)
    order = [i for i in info if i in table] + sorted(i for i in table if i not in info)
    totals: dict[str, float] = {}
    counts: dict[str, int] = {}
    for per in table.values():
        for student, r in per.items():
            totals[student] = totals.get(student, 0.0) + float(r.score or 0.0)
            counts[student] = counts.get(student, 0) + 1
    percent = {s: totals[s] / counts[s] for s in totals}
    upper, lower = groups(percent, rules.group_share)
    stats = tuple(
        _item(info.get(i, ItemInfo(i)), table[i], totals, upper, lower, rules) for i in order
    )
    return Analysis(_test(table, order, percent), stats, _facts(stats), rules)


def _item(
    info: ItemInfo,
    per: Mapping[str, Reply],
    totals: Mapping[str, float],
    upper: frozenset[str],
    lower: frozenset[str],
    rules: Thresholds,
) -> ItemStats:
    students = sorted(per)
    scores = [float(per[s].score or 0.0) for s in students]
    rest = [totals[s] - x for s, x in zip(students, scores, strict=True)]
    n = len(scores)
    facility = statistics.fmean(scores)
    up = [float(per[s].score or 0.0) for s in students if s in upper]
    down = [float(per[s].score or 0.0) for s in students if s in lower]
    times = [per[s].seconds for s in students if per[s].seconds is not None]
    options = _options(info, per, upper, lower)
    wrong = Counter[str]()
    spelled: dict[str, str] = {}
    strength: dict[str, float] = {}
    for s, left in zip(students, rest, strict=True):
        r = per[s]
        if info.typed and (r.score or 0.0) < 1.0 and r.response.strip():
            wrong[fold(r.response)] += 1
            spelled.setdefault(fold(r.response), " ".join(r.response.split()))
            strength[fold(r.response)] = strength.get(fold(r.response), 0.0) + left
    stats = ItemStats(
        info.id,
        info.fact_ids,
        info.kind,
        n,
        facility,
        mean_interval(scores, rules.confidence),
        correlation(scores, rest),
        efficiency(scores, rest),
        statistics.fmean(up) - statistics.fmean(down) if up and down else None,
        options,
        statistics.median(t for t in times if t is not None) if times else None,
        tuple(
            WrongReply(spelled[k], c, strength[k] / c)
            for k, c in sorted(wrong.items(), key=lambda kc: (-kc[1], kc[0]))[:5]
        ),
        statistics.fmean(rest),
        tuple(
            dict.fromkeys(" ".join(per[s].response.split()) for s in students if per[s].overruled)
        ),
        (),
        n < rules.min_responses,
    )
    if stats.withheld:
        return stats
    return _with_flags(stats, rules)


def _options(
    info: ItemInfo, per: Mapping[str, Reply], upper: frozenset[str], lower: frozenset[str]
) -> tuple[OptionShare, ...]:
    if not info.options:
        return ()
    names = {fold(o): o for o in info.options}
    chosen: dict[str, str] = {}
    for student, r in per.items():
        text = fold(r.response)
        chosen[student] = names.get(text, NO_ANSWER if not text else OTHER)
    labels = [*info.options] + [x for x in (OTHER, NO_ANSWER) if x in chosen.values()]
    up = [s for s in chosen if s in upper]
    down = [s for s in chosen if s in lower]
    keys = {fold(k) for k in info.key}

    def share(option: str, who: Sequence[str]) -> float | None:
        return sum(chosen[s] == option for s in who) / len(who) if who else None

    return tuple(
        OptionShare(
            o,
            fold(o) in keys,
            sum(c == o for c in chosen.values()),
            sum(c == o for c in chosen.values()) / len(chosen),
            share(o, up),
            share(o, down),
            sum(chosen[s] == o for s in up),
        )
        for o in labels
    )


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _with_flags(stats: ItemStats, rules: Thresholds) -> ItemStats:
    flags: list[Flag] = []
    low, high = stats.interval
    right = round(stats.facility * stats.n)
    floor_or_ceiling = False
    if stats.facility >= rules.too_easy:
        floor_or_ceiling = True
        flags.append(
            Flag(
                "too-easy",
                f"too easy: {right} of {stats.n} right "
                f"({_pct(stats.facility)}; {_pct(rules.confidence)} interval "
                f"{_pct(low)}-{_pct(high)})",
            )
        )
    elif stats.facility <= rules.too_hard:
        floor_or_ceiling = True
        flags.append(
            Flag(
                "too-hard",
                f"too hard: {right} of {stats.n} right "
                f"({_pct(stats.facility)}; {_pct(rules.confidence)} interval "
                f"{_pct(low)}-{_pct(high)})",
            )
        )
    r = stats.discrimination
    if r is not None and r < 0:
        flags.append(
            Flag(
                "negative-discrimination",
                f"negative discrimination ({r:.2f}): "
                "students who did well on the rest of the test did worse on this "
                "item",
            )
        )
    elif r is not None and r < rules.low_discrimination and not floor_or_ceiling:
        flags.append(
            Flag(
                "low-discrimination",
                f"discrimination {r:.2f}, below "
                f"{rules.low_discrimination}: the item hardly tells strong students "
                "from weak ones",
            )
        )
    keys = [o for o in stats.options if o.key]
    distractors = [o for o in stats.options if not o.key and o.option not in (OTHER, NO_ANSWER)]
    if keys and all(o.upper is not None for o in stats.options):
        best_key = max(keys, key=lambda o: o.upper or 0.0)
        for o in distractors:
            top, bottom = o.upper or 0.0, o.lower or 0.0
            if (
                top > (best_key.upper or 0.0)
                and top > bottom
                and o.upper_count >= rules.min_group_choosers
            ):
                flags.append(
                    Flag(
                        "key-error",
                        f"possible key error or second right answer: "
                        f"the top group chose '{o.option}' ({_pct(top)}) more than "
                        f"the key '{best_key.option}' ({_pct(best_key.upper or 0.0)}) "
                        f"and more than the bottom group did ({_pct(bottom)})",
                    )
                )
    wrong = sum(o.count for o in stats.options if not o.key)
    if not floor_or_ceiling and wrong >= unused_evidence(len(distractors), rules.unused_error):
        for o in distractors:
            if o.count == 0:
                flags.append(
                    Flag(
                        "unused-distractor",
                        f"distractor nobody chose: '{o.option}' "
                        f"(though {wrong} of {stats.n} answered wrong)",
                    )
                )
    common = [
        w
        for w in stats.wrong_replies
        if w.count >= rules.wrong_count
        and w.count / stats.n >= rules.wrong_share
        and w.rest >= stats.rest_mean
    ]
    if common:
        w = common[0]
        others = [o for o in stats.wrong_replies if o is not w][:2]
        also = "; also " + ", ".join(f"'{o.reply}' ({o.count})" for o in others) if others else ""
        flags.append(
            Flag(
                "common-wrong-reply",
                f"typed reply marked wrong that stronger students gave: '{w.reply}' "
                f"({w.count} of {stats.n}; they averaged {w.rest:.1f} on the rest of the test, "
                f"the class {stats.rest_mean:.1f}): an answer to accept?{also}",
            )
        )
    return replace(stats, flags=tuple(flags))


def unused_evidence(distractors: int, error: float) -> int:
    """The fewest wrong answers after which an unchosen distractor means something: with
    ``d`` equally attractive distractors and ``w`` wrong answers, the chance that some
    distractor goes unchosen is at most ``d * ((d - 1) / d) ** w``; this is the least
    ``w`` that brings it under ``error``."""
    if distractors <= 1:
        return 1
    return math.ceil(math.log(error / distractors) / math.log((distractors - 1) / distractors))


def _test(
    table: Mapping[str, Mapping[str, Reply]], order: Sequence[str], percent: Mapping[str, float]
) -> TestStats:
    scores = list(percent.values())
    complete = [s for s in percent if all(s in table[i] for i in order)]
    alpha = sem = None
    k = len(order)
    dichotomous = all(r.score in (0.0, 1.0) for per in table.values() for r in per.values())
    if k >= 2 and len(complete) >= 2:
        columns = [[float(table[i][s].score or 0.0) for s in complete] for i in order]
        sums = [sum(col[j] for col in columns) for j in range(len(complete))]
        total_var = statistics.variance(sums)
        if total_var > 0:
            alpha = k / (k - 1) * (1 - sum(statistics.variance(c) for c in columns) / total_var)
            sem = math.sqrt(total_var) * math.sqrt(max(0.0, 1 - alpha)) / k
    histogram = [0] * 10
    for p in scores:
        histogram[min(9, int(p * 10 + 1e-9))] += 1
    return TestStats(
        len(scores),
        k,
        statistics.fmean(scores) if scores else 0.0,
        statistics.stdev(scores) if len(scores) > 1 else None,
        statistics.median(scores) if scores else 0.0,
        alpha,
        "KR-20" if dichotomous else "Cronbach's alpha",
        len(complete),
        sem,
        tuple(histogram),
    )


def _facts(stats: Sequence[ItemStats]) -> tuple[FactStats, ...]:
    by_fact: dict[str, list[ItemStats]] = {}
    for s in stats:
        for fact in s.fact_ids:
            by_fact.setdefault(fact, []).append(s)
    return tuple(FactStats(fact, tuple(its)) for fact, its in sorted(by_fact.items()))
