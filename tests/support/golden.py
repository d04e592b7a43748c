"""Golden files in tests/golden/: outputs for fixed seeds, rewritten only on purpose."""

from __future__ import annotations

import os

from tests.support.data import ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("QUIZGEN_UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; QUIZGEN_UPDATE_GOLDEN=1 rewrites it on purpose."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}; run with QUIZGEN_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), (
        f"output differs from {path}; if the change is intended, rerun with "
        "QUIZGEN_UPDATE_GOLDEN=1 and review the diff"
    )
