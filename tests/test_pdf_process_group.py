"""Issue 12: a browser started for ``--pdf`` that times out leaves no process behind.

Chromium starts helpers; killing the first process alone leaves them running. A fake
browser that starts a helper and then hangs stands in for it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from quizgen.export.pdf import PdfError, to_pdf

pytestmark = pytest.mark.slow

FAKE = """#!/bin/sh
sleep 300 &
echo $! > "{pids}"
echo $$ >> "{pids}"
sleep 300
"""


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent that is gone."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_browser_that_times_out_is_ended_with_its_helpers(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    browser = tmp_path / "fake-browser"
    browser.write_text(FAKE.format(pids=pids))
    browser.chmod(0o755)
    started = time.monotonic()
    with pytest.raises(PdfError) as info:
        to_pdf("<p>x</p>", browser=str(browser), timeout=1)
    assert time.monotonic() - started < 10
    assert str(info.value) == (
        f"{browser} made no PDF within 1 s and was stopped; the HTML "
        "is written: open it in a browser and print to PDF"
    )
    helper, shell = (int(p) for p in pids.read_text().split())
    deadline = time.monotonic() + 5
    while (alive(helper) or alive(shell)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(shell) and not alive(helper)
    assert os.getpgid(0) != shell  # the browser led its own group, not quizgen's


def test_a_browser_that_cannot_start(tmp_path: Path) -> None:
    with pytest.raises(PdfError, match="could not be started"):
        to_pdf("<p>x</p>", browser=str(tmp_path / "no-such-browser"), timeout=1)
