"""The item-writing audit passes on the shipped bank and fails on flawed ones."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quizgen import items
from quizgen.cli import app
from quizgen.facts import FactBase
from quizgen.generation.audit import audit, chi_square_p
from quizgen.generation.bank import generate
from quizgen.items import Item
from quizgen.items.shapes import ChoiceItem
from tests.support.data import TINY, edit, of

pytestmark = pytest.mark.slow


def failed(report_checks: object) -> set[str]:
    return {c.name for c in report_checks if not c.passed}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "observed,expected",
    [
        ([25, 25, 25, 25], 1.0),
        ([40, 20, 20, 20], 0.0073832),
        ([60, 40], 0.0455003),
        ([30, 20, 10], 0.0067379),
        ([10, 10, 10, 10, 30], 0.00013522),
    ],
)
def test_chi_square_p(observed: list[int], expected: float) -> None:
    assert chi_square_p(observed) == pytest.approx(expected, rel=1e-4)


def test_flawed_bank_fails_each_check(shipped: FactBase) -> None:
    mc = [q for q in of(ChoiceItem, generate(shipped, ["mc"], seed=0)) if len(q.options) == 4]
    good = mc[0]
    assert isinstance(good.answer, str)
    wrong = [o for o in good.options if o != good.answer]
    flawed = [
        replace(good, id="two-keys", options=(good.answer, good.answer.upper(), *wrong[:2])),
        replace(
            good,
            id="nota",
            options=(*good.options[:3], "None of the above"),
            answer=good.options[0] if good.options[3] == good.answer else good.answer,
        ),
        replace(good, id="negated", question="Which of these is NOT true?"),
        replace(good, id="untraced", fact_ids=("no-such-fact",)),
        replace(
            good,
            id="mixed",
            origins=tuple("fact:base-near-abu-kamal" if o != "key" else o for o in good.origins),
        )
        if good.answer_kind and good.answer_kind.value != "place"
        else replace(
            good,
            id="mixed",
            origins=tuple("fact:base-built-infobox" if o != "key" else o for o in good.origins),
        ),
    ]
    # A key that is always first and always the longest option, over many items.
    cued = []
    for i in range(2100):
        q = mc[i % len(mc)]
        assert isinstance(q.answer, str)
        others = tuple(o for o in q.options if o != q.answer)
        cued.append(
            replace(
                q,
                id=f"cued-{i}",
                answer=q.answer + " (the long one)",
                options=(q.answer + " (the long one)", *others),
            )
        )
    report = audit(shipped, flawed, cued)
    assert not report.passed
    assert failed(report.checks) >= {
        "exactly one correct option",
        "options distinct",
        "no all/none of the above",
        "no negated stems (NOT, EXCEPT)",
        "traceable to facts and sources",
        "options homogeneous in kind and precision",
        "key position uniform, 4 options",
        "key strictly longest, 4 options",
    }


def test_too_few_items_for_key_position(shipped: FactBase) -> None:
    report = audit(shipped, generate(shipped, ["mc"], seed=0)[:50], [])
    assert "items tested for key position" in failed(report.checks)


def test_cli_audit_passes_on_shipped_facts() -> None:
    """The shipped bank passes: the audit's own run (seed 0, 700 sampled quizzes, as
    :func:`run_audit` makes it) read through the command a user runs, once (the audit of
    the whole bank is the suite's costliest step), its table holding the checks only the
    sampled quizzes make."""
    result = CliRunner().invoke(app, ["audit", "--quizzes", "700"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("All checks passed.")
    rows = [" ".join(line.split()) for line in result.stdout.splitlines()]
    for check in ("key position uniform, 4 options", "key strictly longest, 4 options"):
        assert any(check in row and row.endswith("ok │") for row in rows), result.stdout


def test_cli_audit_fails_on_a_flawed_fact_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        edit(36, "    wrong_answers: [All of the above, 5 September 2019]", TINY), encoding="utf-8"
    )
    result = CliRunner().invoke(
        app, ["audit", "--facts", str(bad), "--quizzes", "5"], env={"COLUMNS": "160"}
    )
    assert result.exit_code == 1
    assert "no all/none of the above" in result.stdout and "FAIL" in result.stdout


def test_question_fields_are_traceable(shipped: FactBase) -> None:
    for q in generate(shipped, seed=3):
        assert isinstance(q, Item) and q.fact_ids and q.source
        assert q.kind in items.names()


def test_a_set_lacking_a_kind_the_bank_makes_fails(shipped: FactBase) -> None:
    """Protected sets of 60 once held no timeline on any seed: a set with room for every
    kind the bank makes and lacking one fails the audit; the sets drawn hold every kind."""
    from quizgen.generation.bank import Maker

    maker = Maker(shipped)
    bank = maker.generate(seed=0)
    drawn = maker.generate(n=10, seed="7")
    assert {q.kind for q in drawn} == {q.kind for q in bank}
    lacking = [q for q in drawn if q.kind != "timeline"] + [
        q
        for q in bank
        if q.kind == "mc" and q.fact_ids[0] not in {i for d in drawn for i in d.fact_ids}
    ][:1]
    rule = "sets: every kind the bank makes asked"
    assert rule not in failed(audit(shipped, bank, [], [drawn]).checks)
    assert rule in failed(audit(shipped, bank, [], [lacking]).checks)
