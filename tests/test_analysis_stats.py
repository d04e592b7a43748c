"""Item analysis on a simulated class whose truth is known, checked against numpy."""

from __future__ import annotations

import json

import numpy as np
import pytest

from quizgen.analysis.itemstats import ItemInfo, Thresholds, analyse, unused_evidence, wilson
from quizgen.analysis.records import Reply
from tests.support.simulated import KEY_WRONG, TOO_EASY, simulated_class


def codes(stats: object) -> set[str]:
    return {f.code for f in stats.flags}  # type: ignore[attr-defined]


def test_the_wrong_key_and_the_easy_item_are_flagged_and_no_sound_item_is() -> None:
    sim = simulated_class(23)
    result = analyse(sim.responses, sim.items)
    by = {s.item: s for s in result.items}
    assert {"key-error", "negative-discrimination"} <= codes(by[KEY_WRONG])
    key_error = next(f for f in by[KEY_WRONG].flags if f.code == "key-error")
    assert "'Abu Kamal'" in key_error.reason and "the key 'Al-Qaim'" in key_error.reason
    assert codes(by[TOO_EASY]) == {"too-easy"}
    assert "40 of 40 right" in by[TOO_EASY].flags[0].reason
    assert [s.item for s in result.items if s.flags and s.item in sim.sound] == []
    assert {f.fact for f in result.facts if f.flags} == {"fact-07", "fact-11"}


def test_over_many_classes_the_flags_find_both_and_seldom_a_sound_item() -> None:
    found, false, runs = 0, 0, 0
    for seed in range(40):
        sim = simulated_class(seed)
        by = {s.item: s for s in analyse(sim.responses, sim.items).items}
        found += "key-error" in codes(by[KEY_WRONG]) and "too-easy" in codes(by[TOO_EASY])
        false += sum(bool(by[n].flags) for n in sim.sound)
        runs += len(sim.sound)
    assert found == 40
    assert false / runs < 0.02  # measured: about 0.8% of sound items, from sampling noise


def test_figures_match_an_independent_computation() -> None:
    sim = simulated_class(5)
    result = analyse(sim.responses, sim.items)
    students = sorted({r.student for r in sim.responses})
    names = list(sim.items)
    marks = np.zeros((len(students), len(names)))
    for r in sim.responses:
        marks[students.index(r.student), names.index(r.item)] = r.score
    total = marks.sum(axis=1)
    k = len(names)
    kr20 = k / (k - 1) * (1 - (marks.mean(0) * (1 - marks.mean(0))).sum() / total.var())
    assert result.test.alpha == pytest.approx(kr20)
    assert result.test.alpha_name == "KR-20"
    assert result.test.mean == pytest.approx(total.mean() / k)
    order = np.lexsort((np.array(students), -total))  # by score, ties by name
    size = round(0.27 * len(students))
    top, bottom = order[:size], order[-size:]
    for j, stats in enumerate(result.items):
        x = marks[:, j]
        rest = total - x
        assert stats.facility == pytest.approx(x.mean())
        if x.std() > 0:
            assert stats.discrimination == pytest.approx(np.corrcoef(x, rest)[0, 1])
            most = np.cov(np.sort(x), np.sort(rest))[0, 1]
            assert stats.efficiency == pytest.approx(np.cov(x, rest)[0, 1] / most)
        assert stats.upper_lower == pytest.approx(x[top].mean() - x[bottom].mean())
        assert sum(o.share for o in stats.options) == pytest.approx(1.0) or not stats.options
        times = [r.seconds or 0.0 for r in sim.responses if r.item == stats.item]
        assert stats.median_seconds == pytest.approx(float(np.median(times)))
    # whole tenths in integers (numpy's float bin edges put 30% in the 20-30% bin)
    tenths = np.minimum(9, (total.astype(int) * 10) // k)
    assert list(result.test.histogram) == list(np.bincount(tenths, minlength=10))


def test_wilson_interval_is_the_textbook_one() -> None:
    assert wilson(40, 40) == pytest.approx((0.9124, 1.0), abs=1e-4)
    assert wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson(5, 10) == pytest.approx((0.2366, 0.7634), abs=1e-4)


def test_below_the_minimum_no_flag_is_raised_but_the_figures_are_shown() -> None:
    sim = simulated_class(23, students=12)
    result = analyse(sim.responses, sim.items)
    assert all(s.withheld and not s.flags for s in result.items)
    by = {s.item: s for s in result.items}
    assert by[TOO_EASY].facility == 1.0 and by[TOO_EASY].interval[0] < 0.8


def test_typed_replies_marked_wrong_most_often_are_named() -> None:
    info = {
        "typed-x": ItemInfo("typed-x", ("where",), "typed", typed=True),
        "tf-y": ItemInfo("tf-y", ("other",), "tf", ("True", "False"), ("True",)),
    }
    responses = []
    for j in range(30):
        reply, right = (
            ("Abu Kamal", 1.0) if j < 20 else (("Al  Qaim", 0.0) if j < 26 else (f"x{j}", 0.0))
        )
        responses.append(Reply(f"s{j}", "typed-x", reply, right, None, "t", overruled=j == 27))
        responses.append(
            Reply(f"s{j}", "tf-y", "True" if j % 3 else "False", 1.0 if j % 3 else 0.0, None, "t")
        )
    stats = {s.item: s for s in analyse(responses, info).items}["typed-x"]
    assert (stats.wrong_replies[0].reply, stats.wrong_replies[0].count) == ("Al Qaim", 6)
    assert stats.overruled == ("x27",)
    flag = next(f for f in stats.flags if f.code == "common-wrong-reply")
    assert "'Al Qaim' (6 of 30;" in flag.reason and "an answer to accept?" in flag.reason


def test_a_misconception_of_the_weaker_students_is_not_flagged() -> None:
    """A wrong reply only the weaker half gives is teaching's business, not the bank's."""
    info = {
        "typed-x": ItemInfo("typed-x", ("where",), "typed", typed=True),
        **{f"tf-{k}": ItemInfo(f"tf-{k}", (f"f{k}",), "tf", ("True", "False"), ("True",))
           for k in range(5)},
    }  # fmt: skip
    responses = []
    for j in range(30):
        strong = j < 15
        reply, right = ("Abu Kamal", 1.0) if j < 12 else ("Al Qaim", 0.0)
        responses.append(Reply(f"s{j}", "typed-x", reply, right, None, "t"))
        for k in range(5):
            good = strong or (j + k) % 4 == 0
            responses.append(
                Reply(f"s{j}", f"tf-{k}", "True" if good else "False", float(good), None, "t")
            )
    stats = {s.item: s for s in analyse(responses, info).items}["typed-x"]
    top = stats.wrong_replies[0]
    assert (top.reply, top.count) == ("Al Qaim", 18) and top.rest < stats.rest_mean
    assert "common-wrong-reply" not in codes(stats)


def test_an_unused_distractor_needs_enough_wrong_answers_to_mean_something() -> None:
    assert unused_evidence(3, 0.01) == 15  # 3 * (2/3)**15 < 1% <= 3 * (2/3)**14
    options = ("a", "b", "c", "d")
    info = {"mc": ItemInfo("mc", ("f",), "mc", options, ("a",))}
    for wrong, flagged in ((14, False), (16, True)):
        responses = [
            Reply(
                f"s{j}",
                "mc",
                "a" if j >= wrong else "bc"[j % 2],
                1.0 if j >= wrong else 0.0,
                None,
                "t",
            )
            for j in range(40)
        ]
        stats = analyse(responses, info).items[0]
        assert ("unused-distractor" in codes(stats)) is flagged
        assert [o.count for o in stats.options] == [40 - wrong, wrong - wrong // 2, wrong // 2, 0]


def test_the_json_shape_has_what_the_issue_names() -> None:
    sim = simulated_class(23)
    document = json.loads(json.dumps(analyse(sim.responses, sim.items).to_dict()))
    item = document["items"][0]
    for key in ("item", "fact_ids", "kind", "n", "facility", "discrimination", "options", "flags"):
        assert key in item
    assert {"option", "share", "upper", "lower", "key"} <= set(item["options"][0])
    assert document["test"]["reliability_name"] == "KR-20"


def test_an_ungraded_reply_is_refused_by_the_core() -> None:
    with pytest.raises(ValueError, match="has not been graded"):
        analyse([Reply("s", "i", "x", None, None, "f:2")])


def test_thresholds_are_what_the_flags_use() -> None:
    sim = simulated_class(23)
    strict = analyse(sim.responses, sim.items, Thresholds(too_easy=0.6))
    assert sum("too-easy" in codes(s) for s in strict.items) > 1
