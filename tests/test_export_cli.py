"""The export and revision commands as a teacher runs them."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from quizgen.cli import app
from quizgen.export import worksheet
from tests.support.data import SHIPPED, project_copy

runner = CliRunner()
HAS_BROWSER = worksheet.find_browser() is not None


def project(tmp_path: Path) -> Path:
    return project_copy(tmp_path)


def test_validate_names_an_unrevised_edit_and_revise_fixes_it(tmp_path: Path) -> None:
    facts = project(tmp_path) / "facts.yaml"
    assert runner.invoke(app, ["validate", str(facts)]).exit_code == 0
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text.replace("    answer: Iraq\n", "    answer: Republic of Iraq\n", 1),
        encoding="utf-8",
    )
    failed = runner.invoke(app, ["validate", str(facts)])
    assert failed.exit_code == 1
    assert (
        "'base-near-iraq-border' changed since revision 1 but its revision was not raised"
        in failed.stderr
        and "quizgen revise" in failed.stderr
    )
    refused = runner.invoke(
        app, ["export", "anki", "--facts", str(facts), "-o", str(tmp_path / "out")]
    )
    assert refused.exit_code == 1 and "base-near-iraq-border" in refused.stderr
    revised = runner.invoke(app, ["revise", str(facts)])
    assert revised.exit_code == 0, revised.output
    assert revised.stdout.splitlines() == [
        "Raised base-near-iraq-border to revision 2",
        f"Wrote {facts.parent / 'decks' / 'quizgen.lock'}: 160 facts",
    ]
    ok = runner.invoke(app, ["validate", str(facts)])
    assert ok.exit_code == 0 and ok.stdout == "OK: 160 facts (7 topics), 3 decks\n"
    again = runner.invoke(app, ["revise", str(facts)])
    assert again.stdout.splitlines()[0] == "No fact needed a new revision."


def test_validate_notes_facts_the_lock_does_not_record(tmp_path: Path) -> None:
    facts = project(tmp_path) / "facts.yaml"
    lock = facts.parent / "decks" / "quizgen.lock"
    lock.write_text(
        "".join(
            line
            for line in lock.read_text(encoding="utf-8").splitlines(True)
            if not line.startswith("base-country ")
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["validate", str(facts)])
    assert result.exit_code == 0
    assert "does not record 1 fact yet" in result.stderr


def test_kahoot_gives_the_number_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "k.xlsx"
    result = runner.invoke(
        app, ["export", "kahoot", "-n", "20", "--facts", str(SHIPPED), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {out}: 20 questions\nLeft out ")
    sheet = load_workbook(out).active
    assert sheet is not None and sheet.max_row == 8 + 20


def test_an_export_of_nothing_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "t.gift"
    result = runner.invoke(
        app, ["export", "gift", "--kinds", "timeline", "--facts", str(SHIPPED), "-o", str(out)]
    )
    assert result.exit_code == 1 and not out.exists()
    assert "gift can take none" in result.stderr and "moodle-xml" in result.stderr


def test_moodle_xml_and_csv_for_excel(tmp_path: Path) -> None:
    xml = tmp_path / "q.xml"
    result = runner.invoke(
        app, ["export", "moodle-xml", "-n", "12", "--facts", str(SHIPPED), "-o", str(xml)]
    )
    assert result.exit_code == 0 and result.stdout == f"Wrote {xml}: 12 questions\n"
    assert xml.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    for excel in (False, True):
        out = tmp_path / f"q{excel}.csv"
        args = ["export", "csv", "-n", "3", "--facts", str(SHIPPED), "-o", str(out)]
        assert runner.invoke(app, args + (["--excel"] if excel else [])).exit_code == 0
        assert out.read_bytes().startswith(b"\xef\xbb\xbf") is excel


def test_output_paths_are_written_through_and_said(tmp_path: Path) -> None:
    target = tmp_path / "real.gift"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    link = tmp_path / "link.gift"
    link.symlink_to(target)
    result = runner.invoke(
        app, ["export", "gift", "-n", "2", "--facts", str(SHIPPED), "-o", str(link)]
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        f"Wrote {link}: 2 questions (kept its mode 0600; through the symbolic link to {target})"
    )
    assert link.is_symlink() and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("// ")
    null = runner.invoke(
        app, ["export", "csv", "-n", "2", "--facts", str(SHIPPED), "-o", os.devnull]
    )
    assert null.stdout == (
        f"Wrote {os.devnull}: 2 questions (written through to the character device {os.devnull})\n"
    )


@pytest.mark.skipif(not HAS_BROWSER, reason="no Chromium or Chrome to print with")
@pytest.mark.slow
def test_worksheet_pdf_paths_title_instructions_points(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    result = runner.invoke(
        app,
        [
            "export",
            "worksheet",
            "-n",
            "4",
            "--facts",
            str(SHIPPED),
            "-o",
            str(pdf),
            "--title",
            "Unit 4",
            "--instructions",
            "No notes.",
            "--points",
            "5",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {pdf}: PDF, 1 version of 4 questions, with answer keys\n"
    assert pdf.read_bytes().startswith(b"%PDF") and sorted(os.listdir(tmp_path)) == ["x.pdf"]
    from pypdf import PdfReader

    first = PdfReader(pdf).pages[0].extract_text() or ""
    assert "Unit 4" in first and "No notes." in first and "(5 points)" in first
    both = runner.invoke(
        app,
        [
            "export",
            "worksheet",
            "-n",
            "4",
            "--facts",
            str(SHIPPED),
            "-o",
            str(tmp_path / "y.html"),
            "--pdf",
        ],
    )
    assert both.stdout.splitlines() == [
        f"Wrote {tmp_path / 'y.html'}: 1 version of 4 questions, with answer keys",
        f"Wrote {tmp_path / 'y.pdf'}: PDF",
    ]
    assert (tmp_path / "y.html").read_bytes().startswith(b"<!doctype html>")


def test_worksheet_pdf_without_a_browser_refuses_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZGEN_BROWSER", "no-such-browser-here")
    pdf = tmp_path / "x.pdf"
    result = runner.invoke(
        app, ["export", "worksheet", "-n", "4", "--facts", str(SHIPPED), "-o", str(pdf)]
    )
    assert result.exit_code == 1 and not pdf.exists()
    assert result.stderr.startswith(
        f"quizgen: error: cannot write {pdf}: no Chromium or Chrome was found"
    )
    assert f"-o {tmp_path / 'x.html'}" in result.stderr
