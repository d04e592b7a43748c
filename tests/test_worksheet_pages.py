"""Worksheet pages in real headless Chromium: no page holds one question that the next could
have joined, and the teacher's title, instructions and points are printed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.export import worksheet
from quizgen.generation import audit
from quizgen.generation.bank import generate
from quizgen.items.shapes import OrderItem, PairsItem
from tests.support.data import SHIPPED

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        worksheet.find_browser() is None, reason="no Chromium or Chrome installed to print with"
    ),
]


def squash(text: str) -> str:
    return "".join(text.split())


def pages(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [squash(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("n,seed", [(7, "2"), (7, "5"), (13, "1"), (15, "2"), (20, "1")])
def test_no_page_holds_a_lone_question(n: int, seed: str) -> None:
    """Sizes that printed a last page with one question (and the licence) before; a set of
    seven that fits on one page proves nothing, so the seeds are ones that need two."""
    base = factfile.load(SHIPPED)
    items = generate(base, n=n, seed=seed)
    printed = pages(worksheet.to_pdf(worksheet.page(base, items, title="Quiz", seed=seed)))
    (version,) = worksheet.versions(items, 1, seed)
    per_page: dict[int, int] = {}
    for q in version.questions:
        mark = (
            audit.options(q)[0]
            if isinstance(q, OrderItem | PairsItem)
            else q.prompt.split("_____")[0]
        )
        page = next(i for i, text in enumerate(printed) if squash(mark)[:40] in text)
        per_page[page] = per_page.get(page, 0) + 1
    assert len(per_page) > 1 and 1 not in per_page.values(), per_page
    licence = squash(base.attribution)[:40]
    last_sheet_page = max(per_page)
    assert licence in printed[last_sheet_page]  # the licence stays with the last question


def test_title_instructions_and_points(tmp_path: Path) -> None:
    base = factfile.load(SHIPPED)
    items = generate(base, n=6, seed="3")
    page = worksheet.page(
        base,
        items,
        title="Unit 4 <review>",
        seed="3",
        instructions="Answer every question & show your work.",
        points=2,
    )
    assert "<h1>Unit 4 &lt;review&gt;</h1>" in page
    assert "<h1>Answer key: Unit 4 &lt;review&gt;</h1>" in page
    assert page.count("(2 points)") == 12  # on the sheet and in the key
    assert "6 questions · 12 points" in page
    printed = pages(worksheet.to_pdf(page))
    assert squash("Answer every question & show your work.") in printed[0]
    assert squash("Unit 4 <review>") in printed[0]


@pytest.mark.parametrize(
    "output,pdf,expected",
    [
        ("x.pdf", False, (None, "x.pdf")),
        ("x.pdf", True, ("x.html", "x.pdf")),
        ("x.html", True, ("x.html", "x.pdf")),
        ("x.html", False, ("x.html", None)),
        (None, True, ("worksheet.html", "worksheet.pdf")),
    ],
)
def test_targets_never_write_one_file_twice(
    output: str | None, pdf: bool, expected: tuple[str | None, str | None]
) -> None:
    got = worksheet.targets(Path(output) if output else None, Path("worksheet.html"), pdf)
    assert tuple(str(p) if p else None for p in got) == expected
