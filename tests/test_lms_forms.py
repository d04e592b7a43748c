"""LMS short answers carry the forms quizgen's grader accepts (GIFT, Moodle XML, QTI)."""

from __future__ import annotations

import re

from quizgen.export import Content
from quizgen.export.answers import accepted_forms, grader_for
from quizgen.export.gift import render as gift
from quizgen.facts import FactBase
from quizgen.generation.bank import Maker, generate
from quizgen.items.shapes import TextItem


def item(base: FactBase, fact: str, kind: str = "typed") -> TextItem:
    made = Maker(base).make(kind, base.fact(fact), seed=0)
    assert isinstance(made, TextItem)
    return made


def test_every_form_is_one_the_grader_accepts(shipped: FactBase) -> None:
    grader = grader_for(shipped)
    for q in generate(shipped, ["typed", "cloze"], seed=0):
        assert isinstance(q, TextItem)
        forms = accepted_forms(grader, q)
        assert forms[0] == q.answer  # LMSs compare ignoring case: one form per casefold
        # every accepted answer but a name of two capitals: an LMS ignoring case would take
        # 'IS' for the word 'is'
        given = {a.casefold() for a in (q.answer, *q.accepted) if not re.fullmatch(r"[A-Z]{2}", a)}
        assert given <= {f.casefold() for f in forms}
        assert 1 <= len(forms) <= 60
        for form in forms:
            assert q.grade(form, grader).correct, (q.id, form)


def test_forms_hold_what_people_type(shipped: FactBase) -> None:
    grader = grader_for(shipped)
    plo = accepted_forms(grader, item(shipped, "iran-plo-relations"))
    assert {"P.L.O.", "Palestine Liberation Organization (PLO)", "PLO"} <= set(plo)
    date = accepted_forms(grader, item(shipped, "fox-news-report-date", "cloze"))
    assert {"September 4, 2019", "4/9/2019", "9/4/2019", "2019-09-04", "4.9.19"} <= set(date)
    km = accepted_forms(grader, item(shipped, "al-qaim-distance-from-baghdad"))
    assert {"400 km", "400km", "400 kilometres", "400 kilometers", "248 miles", "400"} <= set(km)
    river = accepted_forms(grader, item(shipped, "abu-kamal-river"))
    assert {"River Euphrates", "Euphrates River", "Euphrates"} <= set(river)
    decade = accepted_forms(grader, item(shipped, "proxy-conflict-since-1980s"))
    assert {"1980s", "the 80s", "the eighties"} <= set(decade)
    assert all("*" not in f for f in plo + date + km + river + decade)


def test_gift_short_answers_carry_the_forms(shipped: FactBase) -> None:
    q = item(shipped, "iran-plo-relations")
    text = gift(Content(shipped, [q], "0", "t")).data.decode("utf-8")
    assert "=[plain]P.L.O." in text or "=P.L.O." in text
    assert "(PLO)" in text


def test_a_name_of_two_capitals_is_no_form_an_lms_would_read_as_a_word(
    shipped: FactBase,
) -> None:
    grader = grader_for(shipped)
    forms = accepted_forms(grader, item(shipped, "deir-ez-zor-offensive-2018-launched-by"))
    assert "ISIS" in forms and "I.S." in forms
    assert "IS fighters" in forms or "ISIS fighters" in forms
    assert not [f for f in forms if f.casefold().removeprefix("the ") == "is"]
