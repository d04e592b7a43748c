"""The grading table through the study page's JavaScript grader, in real Chromium.

Every case of tests/data/grading/cases.yaml is graded by ``quizgenGrading`` inside
the study page (the page's own script, with the lexicon and world the page
carries, and the spec Python derives for the item) and must get the verdict the
Python grader gives: one grader everywhere. A few hundred more replies (every
name of every entity against every typed item of a sample) widen the comparison.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from quizgen.generation.bank import generate
from quizgen.grading import Grader
from quizgen.items.shapes import TextItem
from quizgen.web.page import render
from tests.support.browser import Watch, needs_chromium
from tests.support.data import shipped_base
from tests.support.grading_table import shipped_items

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = [pytest.mark.slow, needs_chromium]


def test_the_browser_gives_every_case_the_python_verdict(browser: Browser, tmp_path: Path) -> None:
    base = shipped_base()
    grader = Grader(base.facts, base.entities)
    path = tmp_path / "study.html"
    cases = shipped_items()
    path.write_bytes(render(base, [cases[0][1]], title=base.title, seed=1))
    rows = []
    for case, item in cases:
        spec = grader.spec(
            item.answer, item.accepted, item.answer_kind, item.prompt, item.fact_ids[0]
        )
        python = item.grade(item.parse(case.reply), grader)
        rows.append((spec.to_json(), case.reply, python.correct, python.typo))
    # the author's probes of items the reviews did not ask (tests/data/grading/probes.yaml)
    from tests.support.grading_table import shipped_probes

    for r, probed in shipped_probes()[0]:
        spec = grader.spec(
            probed.answer, probed.accepted, probed.answer_kind, probed.prompt, probed.fact_ids[0]
        )
        verdict = probed.grade(r["reply"], grader)
        rows.append((spec.to_json(), r["reply"], verdict.correct, verdict.typo))
    # a wider net: every entity's names against a sample of typed items, and forms
    sample = [q for q in generate(base, ["typed", "cloze"], seed=3) if isinstance(q, TextItem)]
    names = [n for e in base.entities.all for n in e.names]
    for item in sample[::7]:
        spec = grader.spec(
            item.answer, item.accepted, item.answer_kind, item.prompt, item.fact_ids[0]
        )
        for reply in [*names[::5], item.answer.upper(), f"the {item.answer} (2019)", "I.R.G.C."]:
            verdict = item.grade(reply, grader)
            rows.append((spec.to_json(), reply, verdict.correct, verdict.typo))
    page = browser.new_context().new_page()
    watch = Watch(allowed=(path.as_uri(), "data:"))
    watch.attach(page)
    page.goto(path.as_uri())
    # the rows go in as one JSON text the page parses: Playwright's own serialisation
    # of some 20 MB of nested specs took over a minute, the grading itself a second
    theirs = page.evaluate(
        """text => {
            const world = JSON.parse(document.getElementById("quizgen-data").textContent)
                .grading.world;
            return JSON.parse(text).map(([spec, reply]) => {
                const v = window.quizgenGrading.grade(spec, world, reply);
                return [v.correct, v.typo];
            });
        }""",
        json.dumps([[spec, reply] for spec, reply, _, _ in rows]),
    )
    watch.clean()
    differ = [
        (reply, spec["answer"], (right, typo), tuple(js))
        for (spec, reply, right, typo), js in zip(rows, theirs, strict=True)
        if (right, typo) != tuple(js)
    ]
    assert len(rows) > 2000
    assert differ == []
