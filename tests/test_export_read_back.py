"""Every export of a fact file full of syntax, read back by a parser quizgen did not write.

The fixture (tests/support/hostile.py) has ``-> % [ ] < > & / :``, leading ``= + - @``,
``{{c1::x}}``, HTML, entities, control characters and bidi overrides in
questions, answers, aliases, wrong answers, statements, topics and titles.
Each file is read back as its importer reads it (Moodle's GIFT steps, an XML
parser with a structural check of every item, openpyxl, csv) and checked
item by item: what the learner is shown is what the fact file says, and no
item is dropped without a reason.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import time
import zipfile
from xml.etree import ElementTree as ET

import pytest
from openpyxl import load_workbook

from quizgen import items as registry
from quizgen.export import gift, kahoot, moodle_xml, qti, quizlet, table, worksheet
from quizgen.export.answers import accepted_forms, grader_for
from quizgen.export.draw import draw
from quizgen.export.safe import FORMULA_START, REPLACEMENT
from quizgen.facts import FactBase
from quizgen.generation.bank import generate
from quizgen.items import Item
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from tests.support import gift_parser
from tests.support.hostile import CONTROLS, flat, hostile_base, out

NS = {"q": qti.QTI_NS, "cp": qti.CP_NS}


@pytest.fixture(scope="module")
def base() -> FactBase:
    return hostile_base()


@pytest.fixture(scope="module")
def bank(base: FactBase) -> list[Item]:
    items = generate(base, seed=1)
    assert {q.kind for q in items} == set(registry.names())
    text = " ".join(q.prompt + " ".join(getattr(q, "options", ())) for q in items)
    for needle in ("->", "%", "[", "<b>", "&#123;", "{{c1::", "=HYPERLINK", "+Iota", "\x1b"):
        assert needle in text, needle
    return items


def no_controls(text: str) -> None:
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", text)


def accounted(items: list[Item], written: list[str], left_out: list[tuple[str, str]]) -> None:
    """Nothing dropped silently: every item written or listed with a reason."""
    assert len(written) + len(left_out) == len(items)
    assert all(reason for _, reason in left_out)


# -- GIFT ---------------------------------------------------------------------------------
def test_gift_as_moodle_reads_it(base: FactBase, bank: list[Item]) -> None:
    data, left_out = out(gift.render, base, bank)
    text = data.decode("utf-8")
    no_controls(text)
    parsed = gift_parser.parse(text)  # raises GiftError where Moodle would refuse a question
    written = [q for q in bank if gift.why_not(q) is None]
    accounted(bank, [p.title for p in parsed], left_out)
    # Left out: timelines, and typed answers whose every accepted form holds '->'.
    for q in bank:
        if q.id in dict(left_out):
            assert isinstance(q, OrderItem) or (
                isinstance(q, TextItem) and all("->" in a for a in (q.answer, *q.accepted))
            ), q.id
    for q, p in zip(written, parsed, strict=True):
        assert p.title == q.id and p.text_format == "plain"
        assert p.text == flat(q.prompt), q.id
        assert p.category_path == ["$course$", flat(base.title), flat(base.topic_name(q.topic))]
        assert p.general_feedback.startswith(flat(q.explanation))
        if isinstance(q, ChoiceItem):
            assert p.kind == "mc" and [a for _, a in p.answers] == [flat(o) for o in q.options]
            assert p.fractions == [1.0 if o == q.answer else 0.0 for o in q.options]
            assert all(a.format == "plain" for a in p.raw_answers)
        elif isinstance(q, TruthItem):
            assert p.kind == "tf" and p.truth is q.truth
        elif isinstance(q, TextItem):
            assert p.kind == "short" and set(p.fractions) == {1.0}
            # The grader's forms, the key first, but those holding '->' (left out, listed)
            accepted = [a for a in accepted_forms(grader_for(base), q) if "->" not in a]
            assert {a.casefold() for a in (q.answer, *q.accepted) if "->" not in a} <= {
                a.casefold() for a in accepted
            }
            assert len(p.answers) == len(accepted)  # every other form, as written
            for (_, pattern), typed in zip(p.answers, accepted, strict=True):
                assert gift_parser.wildcard_matches(pattern, flat(typed)), (pattern, typed)
        else:
            assert isinstance(q, PairsItem)
            assert p.kind == "match" and p.pairs == [(flat(a), flat(b)) for a, b in q.answer]


def test_gift_by_pygiftparser(base: FactBase, bank: list[Item]) -> None:
    pygift = pytest.importorskip("pygiftparser.parser")
    data, _left_out = out(gift.render, base, bank)
    parsed = pygift.parseFile(io.StringIO(data.decode("utf-8")))
    written = [q for q in bank if gift.why_not(q) is None]
    assert len(parsed) == len(written) and all(p.valid for p in parsed)
    expected = {
        ChoiceItem: "SelectSet",
        TruthItem: "TrueFalseSet",
        TextItem: "ShortSet",
        PairsItem: "MatchingSet",
    }
    for q, p in zip(written, parsed, strict=True):
        assert p.title == q.id
        shape = next(cls for cls in expected if isinstance(q, cls))
        assert type(p.answers).__name__ == expected[shape], q.id


# -- QTI (Canvas) ---------------------------------------------------------------------------
def test_qti_read_back(base: FactBase, bank: list[Item]) -> None:
    data, left_out = out(qti.render, base, bank)
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    href = manifest.find("cp:resources/cp:resource/cp:file", NS).get("href")  # type: ignore[union-attr]
    raw = archive.read(str(href))
    no_controls(raw.decode("utf-8"))
    root = ET.fromstring(raw)
    assert root.find("q:assessment", NS).get("title") == flat(base.title)  # type: ignore[union-attr]
    elements = root.findall(".//q:item", NS)
    written = [q for q in bank if qti.why_not(q) is None]
    accounted(bank, [e.get("ident") or "" for e in elements], left_out)
    assert {type(q) for q in bank if q.id in dict(left_out)} <= {
        type(q) for q in bank if isinstance(q, OrderItem)
    }
    for q, element in zip(written, elements, strict=True):
        meta = {
            f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
            for f in element.findall(".//q:qtimetadatafield", NS)
        }
        assert meta["question_type"] == qti.TYPES.get(q.shape)
        assert element.findtext("q:presentation/q:material/q:mattext", namespaces=NS) == flat(
            q.prompt
        )
        conditions = element.findall("q:resprocessing/q:respcondition", NS)
        if isinstance(q, PairsItem):
            responses = element.findall("q:presentation/q:response_lid", NS)
            names = [r.findtext("q:material/q:mattext", namespaces=NS) for r in responses]
            assert names == [flat(n) for n in q.names]
            labels = {
                lab.get("ident"): lab.findtext("q:material/q:mattext", namespaces=NS)
                for lab in responses[0].findall(".//q:response_label", NS)
            }
            assert list(labels.values()) == [flat(s) for s in q.statements]
            right = {flat(a): flat(b) for a, b in q.answer}
            assert len(conditions) == len(q.names)
            for response, condition in zip(responses, conditions, strict=True):
                chosen = condition.find("q:conditionvar/q:varequal", NS)
                assert chosen is not None and chosen.get("respident") == response.get("ident")
                name = response.findtext("q:material/q:mattext", namespaces=NS)
                assert labels[chosen.text] == right[str(name)]
                assert condition.findtext("q:setvar", namespaces=NS) == "25.00"
            continue
        assert len(conditions) == 1 and conditions[0].findtext("q:setvar", namespaces=NS) == "100"
        if isinstance(q, TextItem):
            either = conditions[0].findall("q:conditionvar/q:or/q:varequal", NS)
            forms = accepted_forms(grader_for(base), q)
            assert {flat(a).casefold() for a in [q.answer, *q.accepted]} <= {
                flat(a).casefold() for a in forms
            }
            assert [v.text for v in either] == list(dict.fromkeys(flat(a) for a in forms))
            assert not conditions[0].findall("q:conditionvar/q:varequal", NS)
        else:
            assert isinstance(q, ChoiceItem | TruthItem)
            labels = {
                lab.get("ident"): lab.findtext("q:material/q:mattext", namespaces=NS)
                for lab in element.findall(".//q:response_label", NS)
            }
            assert list(labels.values()) == [flat(o) for o in q.options]
            (key,) = conditions[0].findall("q:conditionvar/q:varequal", NS)
            assert labels[key.text] == flat(q.answer)


# -- Moodle XML ---------------------------------------------------------------------------
def test_moodle_xml_read_back(base: FactBase, bank: list[Item]) -> None:
    data, left_out = out(moodle_xml.render, base, bank)
    assert left_out == []
    no_controls(data.decode("utf-8"))
    quiz = ET.fromstring(data)
    categories = [q for q in quiz if q.get("type") == "category"]
    questions = [q for q in quiz if q.get("type") != "category"]
    assert len(questions) == len(bank)
    paths = {
        gift_parser.split_category(str(c.findtext("category/text"))).__repr__() for c in categories
    }
    assert paths == {
        repr(["$course$", flat(base.title), flat(base.topic_name(t))])
        for t in {q.topic for q in bank}
    }

    def shown(element: ET.Element | None) -> str:
        assert element is not None
        return html.unescape(element.findtext("text") or "")

    for q, element in zip(bank, questions, strict=True):
        assert element.get("type") == moodle_xml.TYPES.get(q.shape)
        assert element.findtext("name/text") == q.id
        assert element.find("questiontext").get("format") == "html"  # type: ignore[union-attr]
        assert shown(element.find("questiontext")) == flat(q.prompt)
        assert shown(element.find("generalfeedback")).startswith(flat(q.explanation))
        answers = element.findall("answer")
        if isinstance(q, ChoiceItem):
            assert [shown(a) for a in answers] == [flat(o) for o in q.options]
            assert [a.get("fraction") for a in answers] == [
                "100" if o == q.answer else "0" for o in q.options
            ]
        elif isinstance(q, TruthItem):
            right = next(a for a in answers if a.get("fraction") == "100")
            assert right.findtext("text") == ("true" if q.truth else "false")
        elif isinstance(q, TextItem):
            accepted = accepted_forms(grader_for(base), q)
            assert {a.casefold() for a in (q.answer, *q.accepted)} <= {
                a.casefold() for a in accepted
            }
            assert all(
                gift_parser.wildcard_matches(str(a.findtext("text")), flat(t))
                for a, t in zip(answers, accepted, strict=True)
            )
        elif isinstance(q, PairsItem):
            pairs = {
                shown(sub): gift_parser.format_string(str(sub.findtext("answer/text")))
                for sub in element.findall("subquestion")
            }
            assert pairs == {flat(b): flat(a) for a, b in q.answer}
        else:
            assert isinstance(q, OrderItem)
            ordered = sorted(answers, key=lambda a: float(a.get("fraction") or 0))
            assert [shown(a) for a in ordered] == [flat(a) for a in q.answer]
            assert element.findtext("gradingtype") == "ABSOLUTE_POSITION"


# -- Kahoot ---------------------------------------------------------------------------------
def test_kahoot_has_no_formula_and_starts_at_a1(base: FactBase, bank: list[Item]) -> None:
    data, left_out = out(kahoot.render, base, bank)
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None
    assert sheet.dimensions.startswith("A1:")
    assert sheet.min_row == 1 and sheet.min_column == 1
    rows = list(sheet.iter_rows(min_row=kahoot.HEADER_ROW + 1))
    accounted(bank, [str(r[0].value) for r in rows], left_out)
    formula_like = 0
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
                no_controls(cell.value)
                if cell.value.startswith(FORMULA_START):
                    formula_like += 1
                    assert cell.quotePrefix, cell.coordinate
    assert formula_like
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    kept = [q for q in bank if kahoot.why_not(q) is None]
    for q, row in zip(kept, rows, strict=True):
        assert isinstance(q, ChoiceItem | TruthItem)
        assert row[1].value == flat(q.prompt)
        assert [c.value for c in row[2 : 2 + len(q.options)]] == [flat(o) for o in q.options]


def test_kahoot_draws_replacements_for_what_it_cannot_take(base: FactBase) -> None:
    from quizgen import factfile
    from tests.support.data import SHIPPED

    shipped = factfile.load(SHIPPED)
    drawn = draw(shipped, ("mc", "tf"), 20, "1", kahoot.why_not)
    assert len(drawn.items) == 20 and drawn.left_out
    assert all("Kahoot allows" in reason for _, reason in drawn.left_out)
    plain = generate(shipped, ("mc", "tf"), 20, "1")
    assert len([q for q in plain if kahoot.why_not(q) is None]) < 20
    assert draw(shipped, ("mc", "tf"), 20, "1", kahoot.why_not) == drawn


# -- CSV, Quizlet, JSON ---------------------------------------------------------------------
@pytest.mark.parametrize("excel", [False, True])
def test_csv_cells_are_neutralised(base: FactBase, bank: list[Item], excel: bool) -> None:
    data = out(table.render_csv, base, bank, table.CsvOptions(excel=excel))[0]
    assert data.startswith(b"\xef\xbb\xbf") is excel
    text = data.decode("utf-8-sig")
    no_controls(text)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(table.COLUMNS) and len(rows) == len(bank) + 1
    neutralised = 0
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell
            neutralised += cell.startswith("'") and cell[1:].startswith(FORMULA_START)
    assert neutralised
    by_id = {r[0]: dict(zip(table.COLUMNS, r, strict=True)) for r in rows[1:]}
    for q in bank:
        shown = by_id[q.id]["prompt"]
        assert shown.removeprefix("'") == flat(q.prompt).strip() or shown.removeprefix("'") == flat(
            q.prompt
        )


def test_quizlet_and_json(base: FactBase, bank: list[Item]) -> None:
    text, left_out = out(quizlet.render, base, bank)
    lines = text.decode("utf-8").splitlines()
    no_controls(text.decode("utf-8"))
    accounted(bank, lines, left_out)
    assert all(line.count("\t") == 1 for line in lines)
    raw = out(table.render_json, base, bank)[0].decode("utf-8")
    assert "\u202e" not in raw and "\x1b" not in raw
    doc = json.loads(raw)
    assert [q["prompt"] for q in doc["questions"]] == [q.prompt for q in bank]
    assert CONTROLS in doc["questions"][0]["prompt"]  # data kept exactly, only escaped


def test_worksheet_read_back_by_an_html_parser(base: FactBase, bank: list[Item]) -> None:
    from html.parser import HTMLParser

    page = worksheet.page(base, bank, title=base.title, seed="1")
    no_controls(page)
    assert REPLACEMENT in page

    class Prompts(HTMLParser):
        """The text of each question's prompt, and every tag the page opens."""

        def __init__(self) -> None:
            super().__init__()
            self.prompts: list[str] = []
            self.tags: set[str] = set()
            self.inside = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.add(tag)
            if tag == "p" and ("class", "prompt") in attrs:
                self.inside, self.prompts = True, [*self.prompts, ""]

        def handle_endtag(self, tag: str) -> None:
            if tag == "p":
                self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside:
                self.prompts[-1] += data

    parser = Prompts()
    parser.feed(page)
    assert not parser.tags & {"script", "b", "i", "u"}  # a fact's markup is text, not tags
    shown = [" ".join(p.split()) for p in parser.prompts]
    (version,) = worksheet.versions(bank, 1, "1")
    assert len(shown) == len(version.questions)
    for text, q in zip(shown, version.questions, strict=True):
        assert flat(q.prompt).replace("_____", "").split()[0] in text, (text, q.prompt)
        if not isinstance(q, TextItem):
            assert flat(q.prompt) in text


# -- the same bytes, whatever the clock says ------------------------------------------------
@pytest.mark.slow
def test_every_format_is_byte_identical_two_seconds_apart(base: FactBase, bank: list[Item]) -> None:
    from quizgen.export import anki
    from tests.support.hostile import hostile_deck

    printing = worksheet.find_browser() is not None
    sheet = worksheet.page(base, bank[:6], title="T", seed="1")

    def everything() -> list[bytes]:
        pdf = [worksheet.to_pdf(sheet)] if printing else []
        return [
            *pdf,
            anki.build(hostile_deck(base), base)[0],
            out(gift.render, base, bank)[0],
            out(qti.render, base, bank)[0],
            out(moodle_xml.render, base, bank)[0],
            out(kahoot.render, base, bank)[0],
            out(quizlet.render, base, bank)[0],
            out(table.render_csv, base, bank)[0],
            out(table.render_json, base, bank)[0],
            worksheet.page(base, bank, title="T", seed="1").encode(),
        ]

    first = everything()
    time.sleep(2.1)
    assert everything() == first
