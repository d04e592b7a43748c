"""The wheel carries the pages' CSS and JavaScript, and builds both pages from an install."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.data import ROOT

pytestmark = pytest.mark.slow

STATIC = [
    "quizgen/web/static/dom.js",
    "quizgen/web/static/study.js",
    "quizgen/web/static/study.css",
    "quizgen/web/static/report.css",
    "quizgen/live/static/common.js",
    "quizgen/live/static/host.js",
    "quizgen/live/static/player.js",
    "quizgen/live/static/live.css",
]


def test_wheel_ships_the_static_files_and_pages_build_from_it(tmp_path: Path) -> None:
    builder_module = pytest.importorskip("hatchling.builders.wheel")
    builder = builder_module.WheelBuilder(str(ROOT))
    wheel = Path(next(builder.build(directory=str(tmp_path), versions=["standard"])))
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for name in STATIC:
            assert name in names
            assert zf.read(name) == (ROOT / name).read_bytes()
        zf.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "from quizgen import factfile; from quizgen.factfile import paths\n"
        "from quizgen.generation.bank import generate\n"
        "from quizgen.web.page import render; from quizgen.live import pages\n"
        "b = factfile.load(paths.bundled_facts())\n"
        "print(len(render(b, generate(b, n=3, seed=1), title=b.title, seed=1)))\n"
        "print(len(pages.host_page(title='t').body))\n"
        "from quizgen.analysis.records import Reply\n"
        "from quizgen.analysis.itemstats import analyse\n"
        "from quizgen.analysis.classroom import ClassReport\n"
        "from quizgen.web.report import render as report\n"
        "a = analyse([Reply(f's{i}', 'q', 'x', float(i % 2), None, 't') for i in range(30)])\n"
        "print(len(report(ClassReport('t', a, (), (), {}, None))))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QUIZGEN_FACTS"}
    env["PYTHONPATH"] = str(tmp_path / "site")
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert all(int(n) > 5000 for n in done.stdout.split())
