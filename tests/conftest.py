"""The fixtures every test may ask for by name; the helpers they use are tests.support.

``shipped`` and ``small`` are the fact bases for the whole session (their values are
immutable, so one load serves every test); ``col`` is a fresh, real Anki collection.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from quizgen.facts import FactBase
from tests.support.browser import launch, missing
from tests.support.data import TINY, shipped_base, small_base

if TYPE_CHECKING:
    from playwright.sync_api import Browser


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first, each file's in its order: run in parallel, the long ones
    start while there is still other work to share out, and the tail is made of short
    tests (every worker collects the same order, as pytest-xdist requires)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled fact bases go to a folder of the test session's own (every quizgen run as a
    subprocess inherits it), never to the cache of the person running the tests."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUIZGEN_CACHE", str(folder))
        yield folder


@pytest.fixture(scope="session")
def shipped() -> FactBase:
    """The shipped facts.yaml."""
    return shipped_base()


@pytest.fixture(scope="session")
def small() -> FactBase:
    """tests/data/small.yaml, which the golden outputs are made from."""
    return small_base()


@pytest.fixture(scope="module")
def _chromium() -> Iterator[Browser]:
    """One headless Chromium per test module, launched when a test first asks for it.
    Not one per session: Playwright's running event loop, left open, makes every later
    ``asyncio.run`` in the process fail (the terminal front end's tests run prompt_toolkit
    in the test process)."""
    why = missing()
    if why is not None:
        pytest.skip(why)
    with launch() as browser:
        yield browser


@pytest.fixture
def browser(_chromium: Browser) -> Iterator[Browser]:
    """The process's Chromium for one test: every context (window, cookies, storage) the
    test opened is closed after it, so no test sees another's pages."""
    yield _chromium
    for context in _chromium.contexts:
        context.close()


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Any]:
    """A fresh, real Anki collection (tests that use it import tests.support.anki)."""
    collection_module = pytest.importorskip("anki.collection")
    collection = collection_module.Collection(str(tmp_path / "collection.anki2"))
    try:
        yield collection
    finally:
        collection.close()


@pytest.fixture
def tiny_file(tmp_path: Path) -> Path:
    """TINY (tests.support.data) written to a file, whose line numbers the error tests use."""
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY, encoding="utf-8")
    return path


@pytest.fixture(params=[False, True], ids=["libyaml", "pure"])
def pure(request: pytest.FixtureRequest) -> bool:
    """Run a test with libyaml's parser and with PyYAML's pure-Python one."""
    return bool(request.param)
