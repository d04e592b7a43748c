"""The fingerprint lock: an edit without a raised revision is caught, and revise raises it
and changes nothing else in the file."""

from __future__ import annotations

import difflib
from pathlib import Path

from quizgen import factfile
from quizgen.factfile import revise
from tests.support.data import ROOT, SHIPPED, project_copy


def project(tmp_path: Path) -> Path:
    return project_copy(tmp_path)


def test_the_shipped_lock_matches_the_shipped_facts() -> None:
    base = factfile.load(SHIPPED)
    lock = revise.read_lock(ROOT / "decks" / revise.LOCK_NAME)
    assert lock is not None
    assert revise.check_lock(base, lock) == revise.LockReport([], [], [])
    assert (ROOT / "decks" / revise.LOCK_NAME).read_text(encoding="utf-8") == revise.lock_text(
        revise.make_lock(base)
    )


def test_fingerprints_follow_card_content_only() -> None:
    base = factfile.load(SHIPPED)
    fact = base.fact("completed-by-quds-force")
    from dataclasses import replace

    same = revise.fingerprint(base, fact)
    assert revise.fingerprint(base, replace(fact, wrong_answers=("x",), line=3)) == same
    assert revise.fingerprint(base, replace(fact, answer="the Quds Force")) != same
    assert revise.fingerprint(base, replace(fact, explanation="New.")) != same


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    changed = text.replace(old, new, 1)
    path.write_text(changed, encoding="utf-8")
    return changed


def test_an_unrevised_edit_is_named_and_revise_raises_only_it(tmp_path: Path) -> None:
    folder = project(tmp_path)
    facts = folder / "facts.yaml"
    edited = edit(facts, "    answer: Iraq\n", "    answer: Republic of Iraq\n")
    base = factfile.load(facts)
    lock = revise.read_lock(folder / "decks" / revise.LOCK_NAME)
    assert lock is not None
    report = revise.check_lock(base, lock)
    assert [s.fact.id for s in report.stale] == ["base-near-iraq-border"]
    problem = str(report.stale[0].problem(str(facts)))
    assert "base-near-iraq-border" in problem and "quizgen revise" in problem
    stale, text, lock_text = revise.revise(facts, base, folder / "decks")
    assert [s.fact.id for s in stale] == ["base-near-iraq-border"]
    diff = [
        line for line in difflib.ndiff(edited.splitlines(), text.splitlines()) if line[:1] in "+-"
    ]
    assert diff == ["+     revision: 2"]
    facts.write_text(text, encoding="utf-8")
    (folder / "decks" / revise.LOCK_NAME).write_text(lock_text, encoding="utf-8")
    again = factfile.load(facts)
    assert again.fact("base-near-iraq-border").revision == 2
    assert revise.check_lock(
        again, revise.read_lock(folder / "decks" / revise.LOCK_NAME) or {}
    ) == revise.LockReport([], [], [])
    # a second edit raises the written revision in place, keeping a trailing comment
    edit(
        facts,
        "  - id: base-near-iraq-border\n    revision: 2\n",
        "  - id: base-near-iraq-border\n    revision: 2   # corrected\n",
    )
    edited = edit(facts, "    answer: Republic of Iraq\n", "    answer: the Republic of Iraq\n")
    _stale, text, _ = revise.revise(facts, factfile.load(facts), folder / "decks")
    diff = [
        line for line in difflib.ndiff(edited.splitlines(), text.splitlines()) if line[:1] in "+-"
    ]
    assert diff == ["-     revision: 2   # corrected", "+     revision: 3   # corrected"]


def test_new_facts_and_hand_raised_revisions_are_only_unrecorded(tmp_path: Path) -> None:
    folder = project(tmp_path)
    facts = folder / "facts.yaml"
    edit(facts, "    answer: Iraq\n", "    answer: Republic of Iraq\n    revision: 2\n")
    lock = revise.read_lock(folder / "decks" / revise.LOCK_NAME) or {}
    del lock["base-country"]
    report = revise.check_lock(factfile.load(facts), lock)
    assert report.stale == [] and report.unrecorded == ["base-country", "base-near-iraq-border"]
