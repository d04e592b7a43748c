"""Classroom exports: each format read back, versions, keys, and byte-identical output."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from quizgen import factfile
from quizgen.cli import app
from quizgen.export import Content, Rendered, gift, kahoot, qti, quizlet, table, worksheet
from quizgen.export.answers import accepted_forms, grader_for
from quizgen.export.safe import clean
from quizgen.facts import FactBase
from quizgen.generation import audit
from quizgen.generation.bank import generate
from quizgen.items import Item
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from quizgen.items.typed import Typed
from tests.support import gift_parser
from tests.support.data import ROOT, SHIPPED

SPECIAL = ROOT / "tests" / "data" / "special.yaml"
NS = {"q": qti.QTI_NS, "cp": qti.CP_NS}
runner = CliRunner()


@pytest.fixture(scope="module")
def special() -> FactBase:
    return factfile.load(SPECIAL)


def content(base: FactBase, items: Sequence[Item], title: str = "Quiz") -> Content:
    return Content(base, items, "1", title)


def pair(rendered: Rendered) -> tuple[bytes, list[tuple[str, str]]]:
    return rendered.data, rendered.left_out


# -- GIFT -------------------------------------------------------------------------------
def test_gift_round_trip_with_every_special_character(special: FactBase) -> None:
    items = generate(special, seed=1)
    text, skipped = pair(gift.render(content(special, items)))
    parsed = gift_parser.parse(text.decode("utf-8"))
    assert skipped == [] and len(parsed) == len(items)
    assert {p.category for p in parsed} == {"$course$/Special characters/Odd {names}: #1"}
    for q, p in zip(items, parsed, strict=True):
        assert p.title == q.id and p.text_format == "plain"
        expected_prompt = q.prompt
        assert p.text == expected_prompt, q.id
        assert p.general_feedback.startswith(q.explanation)
        assert "Source: " in p.general_feedback
        if isinstance(q, ChoiceItem):
            assert p.kind == "mc" and [a for _, a in p.answers] == list(q.options)
            assert [a for right, a in p.answers if right] == [q.answer]
        elif isinstance(q, TruthItem):
            assert p.kind == "tf" and p.truth == (q.answer == "True")
        elif isinstance(q, TextItem):
            assert p.kind == "short"
            assert [a for _, a in p.answers] == accepted_forms(grader_for(special), q)
        elif isinstance(q, PairsItem):
            assert p.kind == "match" and p.pairs == list(q.answer)
    assert "\\\\ and a <tag>" in text.decode("utf-8")  # the backslash itself escaped


def test_gift_leaves_out_timelines_and_says_why(shipped: FactBase) -> None:
    items = generate(shipped, ["timeline", "mc"], n=6, seed=2)
    text, skipped = pair(gift.render(content(shipped, items)))
    timelines = [q.id for q in items if isinstance(q, OrderItem)]
    assert timelines and [s[0] for s in skipped] == timelines
    assert all(reason.startswith("GIFT cannot express timeline items") for _, reason in skipped)
    assert len(gift_parser.parse(text.decode())) == len(items) - len(timelines)


# -- QTI --------------------------------------------------------------------------------
def test_qti_package_structure_and_read_back(special: FactBase, shipped: FactBase) -> None:
    items = generate(shipped, ["mc", "tf", "typed", "cloze", "timeline"], n=20, seed=3)
    data, skipped = pair(qti.render(content(shipped, items)))
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    resources = manifest.findall("cp:resources/cp:resource", NS)
    assert [r.get("type") for r in resources] == ["imsqti_xmlv1p2"]
    href = resources[0].find("cp:file", NS).get("href")  # type: ignore[union-attr]
    assert href in archive.namelist()
    root = ET.fromstring(archive.read(href))
    written = [q for q in items if qti.TYPES.get(q.shape)]
    assert [s[0] for s in skipped] == [q.id for q in items if not qti.TYPES.get(q.shape)]
    elements = root.findall(".//q:item", NS)
    assert len(elements) == len(written)
    idents = [e.get("ident") for e in elements]
    assert len(set(idents)) == len(idents)
    for q, element in zip(written, elements, strict=True):
        meta = {
            f.findtext("q:fieldlabel", namespaces=NS): f.findtext("q:fieldentry", namespaces=NS)
            for f in element.findall(".//q:qtimetadatafield", NS)
        }
        assert meta["question_type"] == qti.TYPES.get(q.shape)
        assert meta["quizgen_item_id"] == q.id  # what ties Canvas's reports back to items
        assert meta["quizgen_fact_ids"] == " ".join(q.fact_ids)
        prompt = element.findtext("q:presentation/q:material/q:mattext", namespaces=NS)
        assert prompt == q.prompt
        conditions = element.findall("q:resprocessing/q:respcondition", NS)
        assert len(conditions) == 1
        assert conditions[0].findtext("q:setvar", namespaces=NS) == "100"
        expected = [v.text for v in conditions[0].findall("q:conditionvar/q:varequal", NS)] or [
            v.text for v in conditions[0].findall("q:conditionvar/q:or/q:varequal", NS)
        ]
        if isinstance(q, ChoiceItem | TruthItem):
            labels = {
                lab.get("ident"): lab.findtext("q:material/q:mattext", namespaces=NS)
                for lab in element.findall(".//q:response_label", NS)
            }
            assert list(labels.values()) == list(q.options)
            assert [labels[e] for e in expected] == [q.answer]
        else:
            assert isinstance(q, TextItem)
            assert expected == [clean(a) for a in accepted_forms(grader_for(shipped), q)]


# -- Kahoot -----------------------------------------------------------------------------
def test_kahoot_sheet_matches_the_template(shipped: FactBase) -> None:
    items = generate(shipped, ["mc", "tf", "typed"], n=30, seed=4)
    data, skipped = pair(kahoot.render(content(shipped, items)))
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    assert sheet["B2"].value == "Quiz template"
    header = [c.value for c in sheet[kahoot.HEADER_ROW]]
    assert header == [None, *kahoot.HEADER[1:]]
    kept = [q for q in items if kahoot.why_not(q) is None]
    rows = list(sheet.iter_rows(min_row=kahoot.HEADER_ROW + 1, values_only=True))
    assert len(rows) == len(kept) and len(kept) + len(skipped) == len(items)
    for number, (q, row) in enumerate(zip(kept, rows, strict=True), start=1):
        assert isinstance(q, ChoiceItem | TruthItem)
        answers = [a for a in row[2:6] if a is not None]
        assert row[0] == number and row[1] == kahoot.question_text(q)
        assert answers == list(q.options) and row[6] == kahoot.TIME_LIMIT
        assert answers[int(str(row[7])) - 1] == q.answer
        assert len(str(row[1])) <= 120 and all(len(str(a)) <= 75 for a in answers)
    reasons = dict(skipped)
    assert any("typed answer items are not multiple choice" in r for r in reasons.values())
    assert any(
        re.fullmatch(r"question is \d+ characters \(Kahoot allows 120\)", r)
        for r in reasons.values()
    )


# -- Quizlet, CSV, JSON ----------------------------------------------------------------------
def test_quizlet_one_card_a_line_with_tabs_and_breaks_flattened(shipped: FactBase) -> None:
    base_item = generate(shipped, ["typed"], n=1, seed=1)[0]
    assert isinstance(base_item, Typed)
    messy = replace(base_item, id="x", question="Two\tparts\nand lines", answer="A\r\nB\tC")
    text, skipped = pair(
        quizlet.render(
            content(shipped, [messy, base_item, *generate(shipped, ["tf"], n=1, seed=1)])
        )
    )
    lines = text.decode("utf-8").splitlines()
    assert lines[0] == "Two parts and lines\tA B C"
    assert all(line.count("\t") == 1 for line in lines) and len(lines) == 2
    assert skipped and "no single text answer" in skipped[0][1]


def test_csv_and_json_hold_the_bank(special: FactBase) -> None:
    items = generate(special, seed=1)
    text = table.render_csv(content(special, items)).data.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [q.id for q in items]
    assert rows[0]["prompt"] == items[0].prompt and rows[0]["answer"] == items[0].key()
    doc = json.loads(table.render_json(content(special, items)).data)
    assert doc["count"] == len(items) and doc["questions"][0]["id"] == items[0].id


# -- every format through the CLI: written atomically, byte-identical, says what it did --------
@pytest.mark.parametrize(
    "fmt,name",
    [
        ("gift", "questions.gift"),
        ("qti", "questions-qti.zip"),
        ("kahoot", "kahoot.xlsx"),
        ("quizlet", "quizlet.txt"),
        ("csv", "questions.csv"),
        ("json", "questions.json"),
        ("worksheet", "worksheet.html"),
    ],
)
def test_each_export_is_byte_identical_for_the_same_seed(
    fmt: str, name: str, tmp_path: Path
) -> None:
    outputs = []
    for attempt in ("a", "b"):
        folder = tmp_path / attempt
        folder.mkdir()
        result = runner.invoke(
            app,
            [
                "export",
                fmt,
                "-n",
                "12",
                "--seed",
                "5",
                "--facts",
                str(SHIPPED),
                "-o",
                str(folder / name),
            ],
        )
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"Wrote {folder / name}: ")
        assert sorted(p.name for p in folder.iterdir()) == [name]  # no temporary left over
        outputs.append((folder / name).read_bytes())
    assert outputs[0] == outputs[1]
    other = runner.invoke(
        app,
        [
            "export",
            fmt,
            "-n",
            "12",
            "--seed",
            "6",
            "--facts",
            str(SHIPPED),
            "-o",
            str(tmp_path / f"other-{name}"),
        ],
    )
    assert other.exit_code == 0
    assert (tmp_path / f"other-{name}").read_bytes() != outputs[0]


def test_export_lists_what_it_left_out(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "export",
            "kahoot",
            "--kinds",
            "mc,typed",
            "-n",
            "6",
            "--facts",
            str(SHIPPED),
            "-o",
            str(tmp_path / "k.xlsx"),
        ],
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Left out ") and all(line.startswith("  ") for line in lines[2:])


# -- worksheet versions and keys -----------------------------------------------------------------
def sections(page: str, kind: str) -> dict[str, str]:
    found = re.findall(
        rf'<section class="{kind} {kind}-(\w+)" data-version="([\w-]+)">(.*?)'
        r"</section>",
        page,
        flags=re.S,
    )
    return {letter: body for letter, _, body in found}


def test_versions_hold_the_same_questions_in_different_orders(shipped: FactBase) -> None:
    items = generate(shipped, n=12, seed=7)
    page = worksheet.page(shipped, items, title="Quiz", seed="7", count=3)
    assert page == worksheet.page(shipped, items, title="Quiz", seed="7", count=3)
    made = worksheet.versions(items, 3, "7")
    orders = [[q.id for q in v.questions] for v in made]
    assert all(sorted(o) == sorted(q.id for q in items) for o in orders)
    assert len({tuple(o) for o in orders}) == 3
    sheets, keys = sections(page, "sheet"), sections(page, "key")
    assert list(sheets) == list(keys) == ["A", "B", "C"]
    for version in made:
        blocks = re.split(r'<div class="q(?: last)?" data-q="', sheets[version.letter])[1:]
        assert len(blocks) == len(version.questions)
        for block, q in zip(blocks, version.questions, strict=True):
            mark = (
                audit.options(q)[0]
                if isinstance(q, OrderItem | PairsItem)
                else q.prompt.replace("_____", "")
            )
            assert mark in html_text(block)  # the sheet shows the version's own order
            if isinstance(q, ChoiceItem):  # and the version's own option order
                shown = re.findall(r"<li>(.*?)</li>", block)
                assert [html_text(o) for o in shown] == list(q.options)
        entries = re.findall(r"<li>(.*?)<br>", keys[version.letter], flags=re.S)
        assert [html_text(e) for e in entries] == [
            worksheet._key_text(q) for q in version.questions
        ]


def html_text(fragment: str) -> str:
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_key_only_and_letter_paper(shipped: FactBase) -> None:
    items = generate(shipped, n=5, seed=1)
    keys = worksheet.page(
        shipped, items, title="Quiz", seed="1", count=2, key_only=True, paper="letter"
    )
    assert "size: letter" in keys and not sections(keys, "sheet") and len(sections(keys, "key"))


def test_pdf_without_a_browser_keeps_the_html_and_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZGEN_BROWSER", "no-such-browser-here")
    with pytest.raises(worksheet.PdfError, match="no Chromium or Chrome was found"):
        worksheet.to_pdf("<p>x</p>")
    out = tmp_path / "sheet.html"
    result = runner.invoke(
        app, ["export", "worksheet", "-n", "3", "--pdf", "--facts", str(SHIPPED), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert out.is_file() and not out.with_suffix(".pdf").exists()
    assert result.stderr.startswith(
        "quizgen: error: no Chromium or Chrome was found to make the PDF; the HTML is written"
    )


def test_an_unwritable_output_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(
        app, ["export", "gift", "-n", "2", "--facts", str(SHIPPED), "-o", str(blocker / "q.gift")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"quizgen: error: cannot write {blocker / 'q.gift'}: ")
    assert "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "not a folder"
