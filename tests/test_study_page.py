"""The study page as bytes: deterministic, self-contained, escaped, under 1 MB."""

from __future__ import annotations

import json
import re
from pathlib import Path

from quizgen.generation.bank import generate
from quizgen.items.shapes import TextItem
from quizgen.web.page import render
from tests.support.data import shipped_base
from tests.support.hostile import evil_base

BASE = shipped_base()


def data_of(page: bytes) -> dict[str, object]:
    text = page.decode("utf-8")
    block = re.search(
        r'<script type="application/json" id="quizgen-data">(.*?)</script>', text, re.S
    )
    assert block is not None
    loaded: dict[str, object] = json.loads(block.group(1))
    return loaded


def test_whole_bank_is_one_deterministic_file_under_a_megabyte() -> None:
    items = generate(BASE, seed=1)
    page = render(BASE, items, title=BASE.title, seed=1)
    assert len(page) < 1_000_000, len(page)
    assert page == render(BASE, generate(BASE, seed=1), title=BASE.title, seed=1)
    assert page != render(BASE, generate(BASE, seed=2), title=BASE.title, seed=2)
    data = data_of(page)
    assert data["set"] == BASE.id
    assert len(data["items"]) == len(items)  # type: ignore[arg-type]
    assert {i["kind"] for i in data["items"]} == {  # type: ignore[attr-defined]
        "mc",
        "tf",
        "typed",
        "cloze",
        "timeline",
        "match",
    }


def test_no_request_can_leave_the_page() -> None:
    page = render(BASE, generate(BASE, n=5, seed=3), title="t", seed=3).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    assert "default-src 'none'" in policy.group(1) and "connect-src" not in policy.group(1)
    # Nothing that would fetch: no src= or remote href (the licence link is a plain link).
    assert not re.search(r"<(script|img|iframe|link)[^>]+(src|href)=\"(https?:)?//", page)
    assert "@import" not in page and "url(" not in page


def test_fact_text_stays_text(tmp_path: Path) -> None:
    base = evil_base(tmp_path)
    page = render(base, generate(base, seed=1), title=base.title, seed=1).decode()
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "</title><script>" not in page and "\u2028" not in page
    assert page.count("</script>") == 2  # the data block's and the code's own
    assert "&lt;b&gt;bold&lt;/b&gt;" in page  # the title, escaped in the markup
    cards = data_of(page.encode())["cards"]
    assert "<img src=x onerror=alert(2)>" in cards[0]["s"]  # type: ignore[index]


def test_typed_items_carry_the_grader_spec_python_derives() -> None:
    """The page grades with the same data as the terminal: each typed item's spec, and
    the lexicon and world once."""
    from quizgen.grading import Grader
    from quizgen.grading.lexicon import lexicon

    item = next(i for i in generate(BASE, seed=1) if isinstance(i, TextItem) and i.accepted)
    data = data_of(render(BASE, [item], title="t", seed=1))
    entries: list[dict[str, object]] = data["items"]  # type: ignore[assignment]
    (entry,) = entries
    grader = Grader(BASE.facts, BASE.entities)
    spec = grader.spec(item.answer, item.accepted, item.answer_kind, item.prompt, item.fact_ids[0])
    assert entry["spec"] == json.loads(json.dumps(spec.to_json()))
    grading: dict[str, object] = data["grading"]  # type: ignore[assignment]
    assert grading["lexicon"] == lexicon().raw
    assert grading["world"] == json.loads(json.dumps(grader.world.to_json()))


def test_json_block_escapes_what_could_end_or_bend_a_script() -> None:
    from quizgen.web.embed import json_block

    raw = json_block({"k": "</script><!-- & \u2028\u2029 > <"})
    assert not set(raw) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(raw) == {"k": "</script><!-- & \u2028\u2029 > <"}
