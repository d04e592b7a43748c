"""Anki decks of the hostile fixture, and of the shipped decks, checked in real Anki.

Cloze syntax in a statement stays text; no deck shows one front with two
different backs; the night-mode rule matches the body Anki renders cards in
(checked by real headless Chromium, which also leaves a screenshot in
build/review/ for a person to look at); and a fact revised with
``quizgen revise`` updates exactly its own notes on re-import.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from quizgen import factfile
from quizgen.export import anki, worksheet
from quizgen.factfile import decks
from quizgen.facts import FactBase
from tests.anki_support import import_apkg
from tests.conftest import ROOT, SHIPPED
from tests.hostile import hostile_base

REVIEW = ROOT / "build" / "review"
NIGHT_BODY = "card card1 isLin nightMode night_mode fancy"
"""The classes Anki's reviewer gives <body> in night mode (aqt/theme.py)."""


def hostile_deck(base: FactBase) -> decks.DeckDef:
    every = decks.Selection(topics=tuple(t.id for t in base.topics))
    parts = (
        decks.Part(
            "Names", None, decks.Selection(topics=("names",)), ("qa", "reverse", "cloze"), "file"
        ),
        decks.Part("All", None, every, ("qa", "cloze"), "file"),
    )
    return decks.DeckDef(
        "hostile", "hostile.yaml", "Hostile <b>deck</b> {{c1::x}}", 987654321, None, parts
    )


def visible(page: str) -> str:
    body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_cloze_and_other_syntax_in_facts_stays_literal(tmp_path: Path, col: Any) -> None:
    base = hostile_base()
    written = anki.export(hostile_deck(base), base, tmp_path)
    assert import_apkg(col, written.path) == (written.notes, 0, 0)
    assert written.notes == len(col.find_notes(""))
    cloze_cards = [col.get_card(c) for c in col.find_cards("note:quizgen*cloze")]
    assert cloze_cards and written.cards == len(col.find_cards(""))
    for card in cloze_cards:  # one deletion per note: the one quizgen made
        assert card.ord == 0
        assert len(col.get_note(card.nid).cards()) == 1
    texts = [visible(col.get_card(c).answer()) for c in col.find_cards("")]
    assert any("{{c1::border}}" in t for t in texts)
    assert any("[sound:x.mp3]" in t for t in texts)
    assert any("{{c1::x}}" in t for t in texts)
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        for page in (card.question(), card.answer()):
            body = page.split("</style>", 1)[1]
            assert "<script>" not in body and "<b>bold</b>" not in body
            assert "\x1b" not in body and "\u202e" not in body
            assert "[sound:" not in body  # as an entity, so Anki plays nothing
    assert col.media.have("x.mp3") is False


def fronts_with_backs(col: Any) -> dict[tuple[str, str], set[str]]:
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        seen[(col.decks.name(card.did), visible(card.question()).strip())].add(
            visible(card.answer()).strip()
        )
    return seen


@pytest.mark.parametrize("key", ["imam-ali-complete", "hostile"])
def test_no_deck_shows_one_front_with_two_backs(key: str, tmp_path: Path, col: Any) -> None:
    if key == "hostile":
        base = hostile_base()
        definition = hostile_deck(base)
    else:
        base = factfile.load(SHIPPED)
        definition = {d.key: d for d in decks.load_definitions(ROOT / "decks", base)}[key]
    import_apkg(col, anki.export(definition, base, tmp_path).path)
    clashes = {front: backs for front, backs in fronts_with_backs(col).items() if len(backs) > 1}
    assert clashes == {}
    if key == "imam-ali-complete":  # two places have the answer Euphrates: told apart
        euphrates = [
            front for (_, front) in fronts_with_backs(col) if front.startswith("Euphrates")
        ]
        assert len(euphrates) == 2 and len(set(euphrates)) == 2


def test_one_fact_in_two_sub_decks_is_two_notes(tmp_path: Path, col: Any) -> None:
    base = hostile_base()
    written = anki.export(hostile_deck(base), base, tmp_path)
    assert import_apkg(col, written.path)[0] == written.notes
    decks_of_arrow = {col.decks.name(col.get_card(c).did) for c in col.find_cards("Fact:arrow")}
    assert decks_of_arrow == {
        "Hostile <b>deck</b> {{c1::x}}::Names",
        "Hostile <b>deck</b> {{c1::x}}::All",
    }


def chromium_styles(page: str, tmp_path: Path, shot: Path) -> dict[str, str]:
    """Computed styles of the rendered card, from real headless Chromium (and a screenshot)."""
    browser = worksheet.find_browser()
    if browser is None:
        pytest.skip("no Chromium or Chrome to render the card")
    probe = (
        "<script>const b=document.body, s=getComputedStyle(b),"
        "src=getComputedStyle(document.querySelector('.source'));"
        "b.dataset.bg=s.backgroundColor;b.dataset.fg=s.color;b.dataset.pad=s.paddingLeft;"
        "b.dataset.src=src.color;</script>"
    )
    doc = tmp_path / "card.html"
    doc.write_text(
        f'<!doctype html><html><body class="{NIGHT_BODY}">{page}{probe}</body></html>',
        encoding="utf-8",
    )
    common = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run(
        [*common, "--dump-dom", doc.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    subprocess.run(
        [*common, f"--screenshot={shot}", "--window-size=700,420", doc.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return dict(re.findall(r'data-(\w+)="([^"]*)"', dom.split("<body", 1)[1].split(">", 1)[0]))


def test_night_mode_rule_matches_the_card_anki_renders(tmp_path: Path, col: Any) -> None:
    base = factfile.load(SHIPPED)
    starter = {d.key: d for d in decks.load_definitions(ROOT / "decks", base)}["classroom-starter"]
    import_apkg(col, anki.export(starter, base, tmp_path).path)
    card = col.get_card(col.find_cards("")[0])
    REVIEW.mkdir(parents=True, exist_ok=True)
    styles = chromium_styles(card.answer(), tmp_path, REVIEW / "anki-night-mode.png")
    assert styles["bg"] == "rgb(34, 34, 34)" and styles["fg"] == "rgb(238, 238, 238)"
    assert styles["src"] == "rgb(187, 187, 187)"  # source lines readable, not grey on dark
    assert float(styles["pad"].removesuffix("px")) >= 16  # text off the window's edge
    assert (REVIEW / "anki-night-mode.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_revised_fact_updates_exactly_its_notes(tmp_path: Path, col: Any) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(SHIPPED, project / "facts.yaml")
    shutil.copytree(ROOT / "decks", project / "decks")
    facts = project / "facts.yaml"

    def build() -> Path:
        base = factfile.load(facts)
        definitions = decks.load_definitions(project / "decks", base)
        complete = {d.key: d for d in definitions}["imam-ali-complete"]
        return anki.export(complete, base, tmp_path / "out").path

    first = import_apkg(col, build())
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text.replace("    answer: Quds Force\n", "    answer: the Quds Force\n", 1),
        encoding="utf-8",
    )
    assert import_apkg(col, build()) == (0, 0, first[0])  # the lost correction, as reported
    from typer.testing import CliRunner

    from quizgen.cli import app

    runner = CliRunner()
    failed = runner.invoke(app, ["validate", str(facts)])
    assert failed.exit_code == 1 and "'completed-by-quds-force' changed" in failed.stderr
    revised = runner.invoke(app, ["revise", str(facts)])
    assert revised.stdout.startswith("Raised completed-by-quds-force to revision 2\n")
    assert runner.invoke(app, ["validate", str(facts)]).exit_code == 0
    notes = len(col.find_notes("Fact:completed-by-quds-force"))
    assert notes == 2  # its question-and-answer note and its cloze note
    assert import_apkg(col, build()) == (0, notes, first[0] - notes)
    updated = [col.get_note(n) for n in col.find_notes("Fact:completed-by-quds-force")]
    assert any("Answer" in n and n["Answer"] == "the Quds Force" for n in updated)
