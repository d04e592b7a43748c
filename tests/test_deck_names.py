"""Sub-deck names that Anki would merge or rename are refused when the definitions load."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.errors import FactFileError
from quizgen.factfile import decks
from tests.support.data import SHIPPED

DEFINITION = """\
name: Test
id: 123456789
subdecks:
  - name: Strikes
    select: {topics: [strikes]}
    split: year
  - name: Strikes::2019
    select: {topics: [events]}
  - name: Places
    select: {topics: [places]}
  - name: " places "
    select: {topics: [groups]}
  - name: Groups::Militias
    select: {topics: [groups]}
  - name: Groups
    select: {topics: [conflicts]}
    split: year
"""


def test_clashing_sub_deck_names_are_refused_with_their_line(tmp_path: Path) -> None:
    base = factfile.load(SHIPPED)
    (tmp_path / "test.yaml").write_text(DEFINITION, encoding="utf-8")
    with pytest.raises(FactFileError) as info:
        decks.load_definitions(tmp_path, base)
    shown = [str(p).removeprefix(f"{tmp_path / 'test.yaml'}:") for p in info.value.problems]
    assert shown == [
        "7:5: subdecks[1].name: 'Strikes::2019' is inside 'Strikes', which is split by year: "
        "its sub-decks are made by the split",
        "11:5: subdecks[3].name: 'places' names the same Anki deck as the sub-deck 'Places'",
        "15:5: subdecks[5].name: 'Groups' is split by year, but the sub-deck "
        "'Groups::Militias' is already inside it",
    ]


def test_the_shipped_definitions_have_no_clash() -> None:
    base = factfile.load(SHIPPED)
    assert len(decks.load_definitions(SHIPPED.parent / "decks", base)) == 3
