"""The facts speak of the world: no stem about the article, no editor's note to a learner.

Two teacher reviews found 39 of 597 items speaking of "the infobox" or "the
summary", explanations such as "The text does not say where the airstrikes
were", and present tense for a base abandoned in 2024. Checked over the whole
bank as `quizgen questions --all` prints it, and over every fact of the file.
"""

from __future__ import annotations

import json

import pytest

from quizgen.facts import FactBase
from quizgen.items.cues import about_the_source, dated_by_writing, editors_note
from tests.support.cli import run_quizgen

pytestmark = pytest.mark.slow


def test_no_item_of_the_bank_speaks_of_the_source() -> None:
    run = run_quizgen("questions", "--all", "--json")
    assert run.returncode == 0, run.stderr
    bank = json.loads(run.stdout)["questions"]
    assert len(bank) > 500
    for q in bank:
        shown = [q["prompt"], *q.get("options", []), *q.get("items", [])]
        for text in shown:
            assert about_the_source(text) is None, (q["id"], text)
            assert dated_by_writing(text) is None, (q["id"], text)
        assert editors_note(q["explanation"]) is None, (q["id"], q["explanation"])
        assert dated_by_writing(q["explanation"]) is None, (q["id"], q["explanation"])


def test_no_fact_speaks_of_the_source(shipped: FactBase) -> None:
    for fact in shipped.facts:
        for text in (fact.statement, fact.question, *fact.wrong_answers):
            assert about_the_source(text) is None, (fact.id, text)
            assert dated_by_writing(text) is None, (fact.id, text)
        if fact.explanation:
            assert editors_note(fact.explanation) is None, (fact.id, fact.explanation)


@pytest.mark.parametrize(
    "text",
    [
        "According to the infobox, in what year was the base built?",
        "The summary of Iran–United States relations says Iran supported Hamas.",
        "What does the text say about the base?",
        "According to the article, who controlled the base?",
    ],
)
def test_the_check_sees_a_stem_about_the_source(text: str) -> None:
    assert about_the_source(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "The text does not say where the airstrikes were.",
        "The text is not consistent here: the infobox says 2019.",
        "The sources are inconsistent about the date.",
    ],
)
def test_the_check_sees_an_editors_note(text: str) -> None:
    assert editors_note(text) is not None
