"""Printing HTML to PDF with headless Chromium or Chrome, reproducibly.

The worksheet prints from any browser; this is the one quizgen runs itself
when asked for a PDF. Chromium stamps the time of printing into the PDF, so
those dates are replaced by a fixed one of the same length: the same page
gives the same PDF (for one browser version).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from quizgen.errors import QuizgenError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


class PdfError(QuizgenError):
    """No browser could turn the worksheet into a PDF."""


def find_browser() -> str | None:
    """A headless-capable Chromium or Chrome: $QUIZGEN_BROWSER, else the usual names."""
    chosen = os.environ.get("QUIZGEN_BROWSER")
    if chosen:
        return chosen if shutil.which(chosen) else None
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def to_pdf(html_text: str, browser: str | None = None, timeout: float = 120) -> bytes:
    """Print the worksheet to PDF with headless Chromium; PdfError says what to do if not.

    The browser runs in its own process group (session), and on a timeout or an
    interrupt the whole group is killed: Chromium starts helper processes (GPU,
    renderer, zygote) that killing the first one alone would leave running.
    """
    browser = browser or find_browser()
    if browser is None:
        raise PdfError(
            "no Chromium or Chrome was found to make the PDF; the HTML is written: "
            "open it in a browser and print to PDF, or install chromium (or set "
            "$QUIZGEN_BROWSER)"
        )
    with tempfile.TemporaryDirectory() as tmp:
        page, pdf = Path(tmp) / "worksheet.html", Path(tmp) / "worksheet.pdf"
        page.write_text(html_text, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            proc = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                errors="replace",
                start_new_session=True,
            )
        except OSError as exc:
            raise PdfError(f"{browser} could not be started ({exc.strerror})") from None
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _end_group(proc)
            raise PdfError(
                f"{browser} made no PDF within {timeout:g} s and was stopped; the "
                "HTML is written: open it in a browser and print to PDF"
            ) from None
        except BaseException:
            _end_group(proc)
            raise
        _end_group(proc)  # helpers the browser left behind
        if not pdf.is_file() or pdf.stat().st_size == 0:
            last = (err.strip().splitlines() or ["no output"])[-1]
            raise PdfError(f"{browser} made no PDF (exit {proc.returncode}: {last})")
        return _fixed_dates(pdf.read_bytes())


def _end_group(proc: subprocess.Popen[str]) -> None:
    """Kill every process of the browser's group (it leads its own session) and reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.communicate(timeout=5)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")


def _fixed_dates(pdf: bytes) -> bytes:
    """Chromium stamps the time; a fixed one of the same length keeps the PDF's offsets
    valid and makes the same worksheet give the same PDF (for one browser version)."""
    return _PDF_DATE.sub(lambda m: m.group()[:-14] + b"20260101000000", pdf)
