"""The grading table through the Python grader: no false accept, at most 1% false rejects.

Each case is a reply a fresh reviewer labelled before seeing any verdict (see
tests/data/grading/cases.yaml); the browser's run of the same table is in
test_grading_table_browser.py.
"""

from __future__ import annotations

from collections import Counter

from quizgen.grading import Grader
from tests.support.data import shipped_base
from tests.support.grading_table import cases, shipped_items


def test_the_table_holds_at_least_300_labelled_replies_of_every_class() -> None:
    counted = [c for c in cases() if c.counted]
    assert len(counted) >= 300
    classes = Counter(c.klass for c in counted)
    for klass in (
        "other-name",
        "dotted-acronym",
        "bracket-abbreviation",
        "bracket-year",
        "word-order",
        "title",
        "given-name",
        "generic-head",
        "demonym",
        "two-digit-year",
        "counted-noun",
        "other-noun",
        "thousands-abbreviation",
        "period-wording",
        "unit",
        "unit-conversion",
        "wrong-unit",
        "near-date",
        "near-number",
        "other-entity",
        "look-alike",
    ):
        assert classes[klass] > 0, klass
    reviews = Counter(c.review for c in counted)
    assert all(reviews[r] >= 100 for r in (70913, 85127, 60421, 91357, 86420, 13579)), reviews
    asked = [c for c, _ in shipped_items() if c.counted]
    assert len(asked) >= 300  # cases whose item is still asked typed or as a blank


def test_no_false_accept_and_at_most_one_percent_false_rejects() -> None:
    base = shipped_base()
    grader = Grader(base.facts, base.entities)
    false_accepts, false_rejects, right = [], [], 0
    for case, item in shipped_items():
        if not case.counted:
            continue
        said = item.grade(item.parse(case.reply), grader).correct
        right += case.label == "right"
        if said and case.label == "wrong":
            false_accepts.append((case.fact, case.kind, case.reply))
        if not said and case.label == "right":
            false_rejects.append((case.fact, case.kind, case.reply))
    assert false_accepts == []
    assert len(false_rejects) <= 0.01 * right, false_rejects


def test_the_author_s_probes_of_items_the_reviews_did_not_ask() -> None:
    """A regression set beside the table (tests/data/grading/probes.yaml): not from a fresh
    review, so not counted; every one must still get its label."""
    from tests.support.grading_table import shipped_probes

    base = shipped_base()
    grader = Grader(base.facts, base.entities)
    rows, unasked = shipped_probes()
    # only facts asked by recognition alone (kataib-hezbollah-axis: the Islamic Resistance
    # in Iraq fitted its blank too) lose their probes' items, and blanks whose relation
    # holds of another thing ('Iran trained and armed _____': Shia militias too)
    relation = {"iran-armed-hezbollah", "shia-militias-southern-lebanon", "us-supports-sdf"}
    relation |= {"israeli-airstrikes-iraq-targets"}
    assert all(base.fact(f).worded or f in relation for f in unasked), unasked
    wrong = []
    for r, item in rows:
        said = "right" if item.grade(r["reply"], grader).correct else "wrong"
        if said != r["label"]:
            wrong.append((r["fact"], r["kind"], r["reply"], r["label"]))
    assert len(rows) > 400 and wrong == []
