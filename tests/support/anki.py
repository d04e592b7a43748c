"""Real Anki for the tests: importing a package as Anki does (the ``col`` fixture of a
fresh collection is in conftest.py). Importing this module skips a test file without Anki."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("anki.collection")
import_export = pytest.importorskip("anki.import_export_pb2")


def import_apkg(col: Any, path: Path) -> tuple[int, int, int]:
    """(new, updated, unchanged) notes, as Anki's importer reports them."""
    request = import_export.ImportAnkiPackageRequest(
        package_path=str(path), options=import_export.ImportAnkiPackageOptions()
    )
    log = col.import_anki_package(request).log
    return len(log.new), len(log.updated), len(log.duplicate)
