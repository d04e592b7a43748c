"""The worksheet printed by real headless Chromium: pages, version codes, no split question.

Needs Chromium or Chrome (CI installs Debian's chromium); without one the test
is skipped and says so. It also leaves a PNG of the first printed page in
build/review/ for a person to look at.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.export import worksheet
from quizgen.generation import audit
from quizgen.generation.bank import generate
from quizgen.items import Item
from quizgen.items.shapes import PairsItem, TruthItem
from tests.support.data import ROOT, SHIPPED

BROWSER = worksheet.find_browser()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        BROWSER is None,
        reason="no Chromium or Chrome installed: install the chromium package "
        "(bash .ci/run does) to print the worksheet in a real browser",
    ),
]
REVIEW = ROOT / "build" / "review"


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def pages_of(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def parts(q: Item) -> list[str]:
    """Every piece of text a question prints: all must land on one page."""
    pieces = [piece for piece in q.prompt.split("_____") if piece.strip()]
    names = q.names if isinstance(q, PairsItem) else ()
    return [*pieces, *names, *audit.options(q)] if not isinstance(q, TruthItem) else pieces


def label(page: str) -> str:
    first = page.strip().splitlines()[0]
    return first.strip()


def test_printed_worksheet_pages_versions_keys_and_no_split_question(tmp_path: Path) -> None:
    base = factfile.load(SHIPPED)
    items = generate(base, n=14, seed=11)
    page = worksheet.page(base, items, title="Imam Ali military base: quiz", seed="11", count=2)
    pdf = worksheet.to_pdf(page)
    pages = pages_of(pdf)
    made = worksheet.versions(items, 2, "11")
    a, b = (v.code for v in made)
    expected = [
        f"Version {a}",
        f"Version {b}",
        f"Answer key · version {a}",
        f"Answer key · version {b}",
    ]
    labels = [label(p) for p in pages]
    assert set(labels) == set(expected), labels  # the code is printed on every page
    groups = [lab for i, lab in enumerate(labels) if i == 0 or lab != labels[i - 1]]
    assert groups == expected  # versions, then keys, each starting on its own page
    for lab in expected:
        first = pages[labels.index(lab)]
        title = "Answer key:" if lab.startswith("Answer") else "Name"
        assert title in first  # a fresh section starts at the top of its page
    assert worksheet.to_pdf(page) == pdf  # the same worksheet, the same PDF
    keys_alone = pages_of(
        worksheet.to_pdf(
            worksheet.page(
                base, items, title="Imam Ali military base: quiz", seed="11", count=2, key_only=True
            )
        )
    )
    assert len(keys_alone) == sum(1 for lab in labels if lab.startswith("Answer"))
    for version, lab in zip(made, expected[:2], strict=True):
        mine = [squash(p) for p, page_label in zip(pages, labels, strict=True) if page_label == lab]
        for q in version.questions:
            holding = [
                i for i, text in enumerate(mine) if all(squash(piece) in text for piece in parts(q))
            ]
            assert holding, f"question {q.id} of version {version.code} is split across pages"

    REVIEW.mkdir(parents=True, exist_ok=True)
    (tmp_path / "worksheet.pdf").write_bytes(pdf)
    png = REVIEW / "worksheet-page1.png"
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(tmp_path / "worksheet.pdf"),
                str(png.with_suffix("")),
            ],
            check=True,
        )
    else:
        html_file = tmp_path / "worksheet.html"
        html_file.write_text(page, encoding="utf-8")
        assert BROWSER is not None
        subprocess.run(
            [
                BROWSER,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={tmp_path / 'profile'}",
                f"--screenshot={png}",
                "--window-size=794,1123",
                html_file.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
