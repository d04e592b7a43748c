"""Anki decks, checked by importing them into real Anki (the ``anki`` package).

Every shipped deck imports with the planned counts and renders question, answer and
source; re-importing changes nothing, and a corrected fact updates exactly its notes,
keeping history. Cloze notes blank what the quiz's cloze blanks. Cloze syntax, HTML and
other syntax in a fact stay text; no deck shows one front with two different backs; the
night-mode rule matches the body Anki renders cards in (checked by real headless
Chromium, which also leaves a screenshot in build/review/ for a person to look at).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from quizgen import factfile
from quizgen.cli import app
from quizgen.errors import FactFileError
from quizgen.export import anki, worksheet
from quizgen.export.anki_text import escape
from quizgen.factfile import decks
from quizgen.facts import FactBase
from quizgen.facts.spans import BLANK, find_answer
from quizgen.generation.bank import Maker
from tests.support.anki import import_apkg
from tests.support.data import ROOT, SHIPPED, project_copy
from tests.support.hostile import hostile_base, hostile_deck

DECKS = ROOT / "decks"


@pytest.fixture(scope="module")
def definitions(shipped: FactBase) -> dict[str, decks.DeckDef]:
    return {d.key: d for d in decks.load_definitions(DECKS, shipped)}


def expected_counts(definition: decks.DeckDef, base: FactBase) -> dict[str, tuple[int, int]]:
    """deck name -> (notes, cards) as the definition selects them."""
    models, note_class = anki._models(), anki._note_class()
    out = {}
    for planned in decks.plan(definition, base):
        notes = anki.notes_for(definition, planned, base, models, note_class, iter(range(10**6)))
        out[planned.name] = (len(notes), sum(anki.CARDS_PER_NOTE[n.kind] for n in notes))
    return out


def actual_counts(col: Any) -> dict[str, tuple[int, int]]:
    c = col
    notes: dict[str, set[int]] = {}
    cards: Counter[str] = Counter()
    for card_id in c.find_cards(""):
        card = c.get_card(card_id)
        name = c.decks.name(card.did)
        cards[name] += 1
        notes.setdefault(name, set()).add(card.nid)
    return {name: (len(notes[name]), cards[name]) for name in cards}


@pytest.mark.parametrize("key", ["imam-ali-complete", "imam-ali-timeline", "classroom-starter"])
def test_every_shipped_deck_imports_with_the_planned_counts(
    key: str, definitions: dict[str, decks.DeckDef], shipped: FactBase, col: Any, tmp_path: Path
) -> None:
    written = anki.export(definitions[key], shipped, tmp_path)
    assert import_apkg(col, written.path) == (written.notes, 0, 0)
    expected = {
        name: counts
        for name, counts in expected_counts(definitions[key], shipped).items()
        if counts != (0, 0)
    }
    assert actual_counts(col) == expected
    assert sum(n for n, _ in expected.values()) == written.notes
    assert sum(c for _, c in expected.values()) == written.cards


def test_complete_deck_holds_every_fact(
    definitions: dict[str, decks.DeckDef], shipped: FactBase
) -> None:
    planned = decks.plan(definitions["imam-ali-complete"], shipped)
    chosen = [f.id for p in planned for f in p.facts]
    assert sorted(chosen) == sorted(f.id for f in shipped.facts)
    names = [p.name for p in planned]
    assert "Imam Ali military base::Strikes and events::2021" in names
    assert {
        "Imam Ali military base::The base itself",
        "Imam Ali military base::Places",
        "Imam Ali military base::Groups and people",
    } <= set(names)


def test_rendered_cards_show_question_answer_and_source(
    definitions: dict[str, decks.DeckDef], shipped: FactBase, col: Any, tmp_path: Path
) -> None:
    import_apkg(col, anki.export(definitions["imam-ali-complete"], shipped, tmp_path).path)
    c = col
    seen: Counter[tuple[str, int]] = Counter()
    for card_id in c.find_cards(""):
        card = c.get_card(card_id)
        note = card.note()
        fact = shipped.fact(html.unescape(note["Fact"]))
        question, answer = html.unescape(card.question()), html.unescape(card.answer())
        label = shipped.source_label(fact.source[0])
        assert f"Source: {label}" in answer
        kind = note.note_type()["name"]
        if kind == "quizgen: cloze":
            span = find_answer(fact)
            assert span is not None
            visible = re.sub(r"<[^>]+>", "", question.split("</style>")[1])
            assert "[...]" in visible and span.text not in visible
            assert span.text in answer
        elif card.ord == 1:  # reversed: the name first, then the fact it answers
            assert fact.answer in question and fact.statement in answer
        else:
            assert fact.question in question and fact.answer in answer
        seen[(kind, card.ord)] += 1
    assert set(seen) == {
        ("quizgen: question and answer", 0),
        ("quizgen: question and answer, and reversed", 0),
        ("quizgen: question and answer, and reversed", 1),
        ("quizgen: cloze", 0),
    }


def test_reimporting_the_same_build_changes_nothing(
    definitions: dict[str, decks.DeckDef], shipped: FactBase, col: Any, tmp_path: Path
) -> None:
    path = anki.export(definitions["imam-ali-complete"], shipped, tmp_path).path
    first = import_apkg(col, path)
    assert first[1:] == (0, 0)
    assert import_apkg(col, path) == (0, 0, first[0])


def build_starter(project: Path, tmp_path: Path) -> Path:
    """Export the project's classroom starter deck, as it now stands."""
    base = factfile.load(project / "facts.yaml")
    starter = next(
        d for d in decks.load_definitions(project / "decks", base) if d.key == "classroom-starter"
    )
    return anki.export(starter, base, tmp_path / "out").path


def edit_fact(path: Path, fact_id: str, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {fact_id}\n")
    end = text.index("\n  - id: ", start + 1)
    block = text[start:end]
    assert old in block
    path.write_text(text[:start] + block.replace(old, new, 1) + text[end:], encoding="utf-8")


def test_a_corrected_fact_updates_exactly_its_note_and_keeps_history(
    tmp_path: Path, col: Any
) -> None:
    project = project_copy(tmp_path)
    facts = project / "facts.yaml"

    assert import_apkg(col, build_starter(project, tmp_path)) == (16, 0, 0)
    c = col

    def card_of(fact_id: str) -> Any:
        for card_id in c.find_cards(""):
            card = c.get_card(card_id)
            if html.unescape(card.note()["Fact"]) == fact_id:
                return card
        raise AssertionError(fact_id)

    reviewed = card_of("base-near-iraq-border")
    reviewed.start_timer()
    c.sched.answerCard(reviewed, 3)
    mine = card_of("base-country").note()
    mine["Explanation"] = "My own note: remember the border."
    c.update_note(mine)

    edit_fact(
        facts,
        "base-near-iraq-border",
        "    answer: Iraq\n",
        "    answer: Republic of Iraq\n    revision: 2\n",
    )
    edit_fact(facts, "base-country", "    answer: Syria\n", "    answer: Syria\n    revision: 2\n")
    assert import_apkg(col, build_starter(project, tmp_path)) == (0, 1, 15)

    corrected = card_of("base-near-iraq-border")
    assert corrected.note()["Answer"] == "Republic of Iraq"
    assert corrected.reps == 1
    assert len(c.card_stats_data(corrected.id).revlog) == 1
    kept = card_of("base-country").note()
    assert kept["Explanation"] == "My own note: remember the border."


def test_an_unrevised_edit_is_not_taken_in(tmp_path: Path, col: Any) -> None:
    """Documented behaviour: only a raised revision makes Anki update a note."""
    project = project_copy(tmp_path)
    facts = project / "facts.yaml"

    import_apkg(col, build_starter(project, tmp_path))
    edit_fact(
        facts, "base-near-iraq-border", "    answer: Iraq\n", "    answer: Republic of Iraq\n"
    )
    assert import_apkg(col, build_starter(project, tmp_path)) == (0, 0, 16)


def test_html_in_a_fact_shows_literally(tmp_path: Path, col: Any) -> None:
    project = project_copy(tmp_path)
    facts = project / "facts.yaml"
    nasty = "<script>alert('x')</script> & \"quoted\" <b>bold</b>"
    edit_fact(
        facts,
        "base-condition",
        "    statement: The Imam Ali military base is inoperative.\n",
        f"    statement: {json.dumps('The condition was inoperative. ' + nasty)}\n",
    )
    edit_fact(
        facts,
        "base-condition",
        "    answer: inoperative\n",
        f"    answer: {json.dumps('inoperative ' + nasty)}\n",
    )
    base = factfile.load(facts)
    complete = next(
        d for d in decks.load_definitions(project / "decks", base) if d.key == "imam-ali-complete"
    )
    import_apkg(col, anki.export(complete, base, tmp_path / "out").path)
    c = col
    rendered = []
    for card_id in c.find_cards("inoperative"):
        card = c.get_card(card_id)
        rendered.append(card.answer())
    assert rendered
    for page in rendered:
        assert "<script>" not in page and "<b>bold</b>" not in page
        assert "&lt;script&gt;" in page
        body = page.split("</style>", 1)[1]
        assert nasty in html.unescape(body)


@pytest.mark.slow
def test_builds_are_byte_identical_across_processes(
    definitions: dict[str, decks.DeckDef], shipped: FactBase, tmp_path: Path
) -> None:
    first = anki.build(definitions["imam-ali-complete"], shipped)[0]
    assert first == anki.build(definitions["imam-ali-complete"], shipped)[0]
    out = tmp_path / "again"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "quizgen",
            "export",
            "anki",
            "--deck",
            "imam-ali-complete",
            "-o",
            str(out),
            "--facts",
            str(SHIPPED),
        ],
        check=True,
        capture_output=True,
    )
    again = (out / "imam-ali-complete.apkg").read_bytes()
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(first).hexdigest()


def test_new_cards_follow_the_deck_order(
    definitions: dict[str, decks.DeckDef], shipped: FactBase, col: Any, tmp_path: Path
) -> None:
    import_apkg(col, anki.export(definitions["imam-ali-timeline"], shipped, tmp_path).path)
    c = col
    cards = [c.get_card(i) for i in c.find_cards("")]
    by_due = [html.unescape(card.note()["Fact"]) for card in sorted(cards, key=lambda k: k.due)]
    dates = [shipped.fact(f).date for f in by_due]
    keys = [d.sort_key() for d in dates if d is not None]
    assert keys == sorted(keys) and len(keys) == len(by_due) == 28
    assert len({card.due for card in cards}) == 28  # not all "New #0"


def test_tags_and_guids(definitions: dict[str, decks.DeckDef], shipped: FactBase) -> None:
    models, note_class = anki._models(), anki._note_class()
    definition = definitions["imam-ali-complete"]
    guids = []
    for planned in decks.plan(definition, shipped):
        for note in anki.notes_for(
            definition, planned, shipped, models, note_class, iter(range(10**6))
        ):
            assert all(" " not in tag for tag in note.tags)
            assert "quizgen" in note.tags
            # A topic also used as a tag ("construction") is one tag, not two.
            assert len(note.tags) == len(set(note.tags)), note.tags
            guids.append(note.guid)
    assert len(guids) == len(set(guids))
    # GUIDs come from ids and kinds, not content: a reworded fact keeps them.
    fact = shipped.fact("base-country")
    assert (
        anki.notes_for(
            definition,
            decks.PlannedDeck("x", 1, None, (fact,), ("qa",), "file"),
            shipped,
            models,
            note_class,
            iter([1]),
        )[0].guid
        in guids
    )


DECK_TEXT = """\
name: Test deck
id: 123456789
cards: [qa, revrse]
select:
  topics: [base, strike]
  tags: [airstrke]
  ids: [no-such-fact]
"""


def test_deck_definition_problems_have_file_and_line(tmp_path: Path, shipped: FactBase) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "bad.yaml").write_text(DECK_TEXT, encoding="utf-8")
    (folder / "noid.yaml").write_text("name: No id\nselect: {topics: [base]}\n", encoding="utf-8")
    with pytest.raises(FactFileError) as info:
        decks.load_definitions(folder, shipped)
    bad, noid = folder / "bad.yaml", folder / "noid.yaml"
    assert [str(p) for p in info.value.problems] == [
        f"{bad}:3:13: cards[1]: 'revrse' is not one of: qa, reverse, cloze "
        "(did you mean 'reverse'?)",
        f"{bad}:5:18: topics[1]: 'strike' is not a topic of the fact file "
        "(did you mean 'strikes'?)",
        f"{bad}:6:10: tags[0]: 'airstrke' is not a tag of the fact file "
        "(did you mean 'airstrike'?)",
        f"{bad}:7:9: ids[0]: 'no-such-fact' is not a fact id of the fact file",
        f"{noid}:1:1: id: required field is missing; record this deck's Anki id once, e.g. "
        f"id: {decks.suggested_id('No id')}",
    ]


def test_validate_checks_the_decks_beside_the_facts(tmp_path: Path) -> None:
    project = project_copy(tmp_path)
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", str(project / "facts.yaml")])
    assert ok.stdout == "OK: 160 facts (7 topics), 3 decks\n"
    (project / "decks" / "bad.yaml").write_text(DECK_TEXT, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(project / "facts.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "4 problems found."


def test_export_cli_writes_atomically_and_reports(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "anki", "-o", str(tmp_path), "--facts", str(SHIPPED)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Wrote {tmp_path / 'classroom-starter.apkg'}: 1 deck, 16 notes, 16 cards",
        f"Wrote {tmp_path / 'imam-ali-complete.apkg'}: 12 decks, 299 notes, 303 cards",
        f"Wrote {tmp_path / 'imam-ali-timeline.apkg'}: 1 deck, 28 notes, 28 cards",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "classroom-starter.apkg",
        "imam-ali-complete.apkg",
        "imam-ali-timeline.apkg",
    ]
    bad = runner.invoke(app, ["export", "anki", "--deck", "nope", "--facts", str(SHIPPED)])
    assert bad.exit_code == 1 and bad.stderr.startswith("quizgen: error: no deck 'nope'")


def cloze_notes(definition: decks.DeckDef, base: FactBase) -> dict[str, str]:
    """fact id -> the Text of its cloze note, for every cloze note the definition makes."""
    models, note_class = anki._models(), anki._note_class()
    out = {}
    for planned in decks.plan(definition, base):
        for note in anki.notes_for(
            definition, planned, base, models, note_class, iter(range(10**6))
        ):
            if note.kind == "cloze":
                out[html.unescape(note.fields[3])] = note.fields[0]
    return out


def shown_blank(text: str) -> str:
    """A cloze note's Text as the quiz shows its blank: the deletion as '_____', unescaped."""
    deleted = re.sub(r"\{\{c1::.*?\}\}", BLANK, text)
    assert "{{" not in deleted and "}}" not in deleted
    return html.unescape(deleted)


def test_every_cloze_note_blanks_as_the_quiz_does(
    definitions: dict[str, decks.DeckDef], shipped: FactBase
) -> None:
    """One blanking function: a cloze note hides what the quiz's cloze hides, and only
    where the quiz can blank the fact at all (no article, alias or accepted answer left
    to give the answer away)."""
    maker = Maker(shipped)
    checked = 0
    for definition in definitions.values():
        notes = cloze_notes(definition, shipped)
        carded = {
            f.id for p in decks.plan(definition, shipped) if "cloze" in p.cards for f in p.facts
        }
        assert set(notes) <= carded
        for fact_id in sorted(carded):
            fact = shipped.fact(fact_id)
            quiz = maker.ctx.blanked(fact)
            if quiz is not None and fact_id not in notes:
                # no note where another fact fills the blank with another name, nor for a
                # sentence another note blanks (in another order), nor for a fact asked by
                # recognition only, which the quiz makes no blank of either
                assert fact_id in UNNOTED or fact.worded, fact_id
                assert maker.make("cloze", fact, 0) is None, fact_id
                continue
            assert (fact_id in notes) == (quiz is not None), fact_id
            if quiz is None:
                continue
            assert shown_blank(notes[fact_id]) == quiz, fact_id
            item = maker.make("cloze", fact, 0)
            if item is not None:  # phrases get no typed blank, but keep their cloze note
                assert item.prompt == quiz
            assert not re.search(rf"\ban {BLANK}", quiz, re.IGNORECASE)
            checked += 1
    # the complete deck's cloze notes: every fact has a blank but six (the US military struck
    # the site too; a denial whose opposite fits; four blanks whose relation holds of another
    # thing: 'Iran continued to back _____'), and the 15 asked by recognition only none
    assert checked == 139


UNNOTED = {
    "israeli-air-force-strikes",
    "iran-armed-hezbollah",
    "shia-militias-southern-lebanon",
    "us-supports-sdf",
    "israeli-airstrikes-iraq-targets",
}
"""Facts the quiz blanks but no cloze note asks: the US military struck the site too; Iran
armed and backed more than one group, the US supported more than one faction, and more
than one group was 'Iranian-backed' (the blank's relation holds of another thing)."""


BLANKING_RULES = ("no accepted answer in the prompt", "blanks give no cue in their article")


def test_every_cloze_note_of_every_shipped_deck_passes_the_blanking_rules(
    definitions: dict[str, decks.DeckDef], shipped: FactBase
) -> None:
    """Judged as the audit judges the quiz's blanks: no article before the blank that tells
    its first sound, no accepted answer (an alias, "(PMF)", "Iranian") left in the sentence."""
    from quizgen.generation.rules import FlawFinder
    from quizgen.items.cloze import Cloze

    finder = FlawFinder(shipped)
    checked = 0
    for definition in definitions.values():
        for fact_id, text in cloze_notes(definition, shipped).items():
            fact = shipped.fact(fact_id)
            hidden = re.search(r"\{\{c1::(.*?)\}\}", text)
            assert hidden is not None
            note = Cloze(
                id=f"anki-{fact_id}",
                topic=fact.topic,
                fact_ids=(fact_id,),
                source=fact.source,
                explanation="",
                question=shown_blank(text),
                answer=html.unescape(hidden.group(1)),
                accepted=(fact.answer, *fact.aliases),
            )
            flaws = [f for f in finder.flaws(note) if f.rule in BLANKING_RULES]
            assert flaws == [], (definition.key, fact_id, flaws)
            checked += 1
    assert checked >= 139


def test_the_cloze_notes_that_changed_update_in_anki(
    definitions: dict[str, decks.DeckDef], shipped: FactBase, col: Any, tmp_path: Path
) -> None:
    """The 11 cloze notes whose blank differs from the answer's own words (an article, an
    aside; 7 before the wording of reviews 86420 and 13579; one more left out since, its
    relation holding of another thing; four fewer since the IRGC and the Syrian Observatory
    for Human Rights are written out, with no aside beside them), and those whose blank says
    its form ("since [...] (decade)", items10), had their fact's revision
    raised: a collection holding the old notes takes the new ones on re-import."""
    complete = definitions["imam-ali-complete"]
    path = anki.export(complete, shipped, tmp_path).path
    import_apkg(col, path)
    changed = {}
    for fact_id, text in cloze_notes(complete, shipped).items():
        fact = shipped.fact(fact_id)
        span = find_answer(fact)
        assert span is not None
        old = (
            escape(fact.statement[: span.start])
            + "{{c1::"
            + escape(span.text)
            + "}}"
            + escape(fact.statement[span.end :])
        )  # the statement blanked as it was before
        if old != text:
            changed[fact_id] = (old, text)
    assert len(changed) == 11
    for note_id in col.find_notes("note:quizgen*cloze"):
        note = col.get_note(note_id)
        fact_id = html.unescape(note["Fact"])
        if fact_id in changed:  # as the build before the revision left it
            old_mod = anki.REVISION_EPOCH + shipped.fact(fact_id).revision - 1
            col.db.execute(
                "UPDATE notes SET flds = ?, mod = ? WHERE id = ?",
                "\x1f".join([changed[fact_id][0], *note.fields[1:]]),
                old_mod,
                note_id,
            )
    assert import_apkg(col, path)[1] == 11
    now = {
        html.unescape(col.get_note(n)["Fact"]): col.get_note(n)["Text"]
        for n in col.find_notes("note:quizgen*cloze")
    }
    assert all(now[fact_id] == new for fact_id, (_, new) in changed.items())


# -- fact text full of syntax, and what learners see ----------------------------------
REVIEW = ROOT / "build" / "review"
NIGHT_BODY = "card card1 isLin nightMode night_mode fancy"
"""The classes Anki's reviewer gives <body> in night mode (aqt/theme.py)."""


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


def fronts_with_backs(col: Any) -> dict[str, set[str]]:
    """Every front of the collection, with the backs it has (whatever its sub-deck: a
    learner studying the package meets them all)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        seen[visible(card.question()).strip()].add(visible(card.answer()).strip())
    return seen


@pytest.mark.parametrize(
    "key", ["imam-ali-complete", "classroom-starter", "imam-ali-timeline", "hostile"]
)
def test_no_package_shows_one_front_with_two_backs(key: str, tmp_path: Path, col: Any) -> None:
    if key == "hostile":
        base = hostile_base()
        definition = hostile_deck(base)
    else:
        base = factfile.load(SHIPPED)
        definition = {d.key: d for d in decks.load_definitions(ROOT / "decks", base)}[key]
    import_apkg(col, anki.export(definition, base, tmp_path).path)
    clashes = {front: backs for front, backs in fronts_with_backs(col).items() if len(backs) > 1}
    assert clashes == {}


def test_reversed_cards_only_for_names_with_one_thing_to_say(
    definitions: dict[str, decks.DeckDef], shipped: FactBase, tmp_path: Path, col: Any
) -> None:
    """ "Iraq", "Iran", "United States", "IRGC" answer many facts and stand in many more:
    shown one, a learner could rightly recall any of them. A reversed card's name answers
    its one fact and no other fact's statement or question names it."""
    from quizgen.language.text import contains, fold

    import_apkg(col, anki.export(definitions["imam-ali-complete"], shipped, tmp_path).path)
    reversed_facts = {
        html.unescape(col.get_card(c).note()["Fact"])
        for c in col.find_cards("card:2 note:quizgen*reversed")
    }
    assert reversed_facts
    for fact_id in reversed_facts:
        fact = shipped.fact(fact_id)
        names = [n for n in (fact.answer, *fact.aliases) if len(n) > 1]
        for other in shipped.facts:
            if other.id != fact_id:
                assert not any(fold(n) == fold(other.answer) for n in names), (fact_id, other.id)
                assert not any(
                    contains(f"{other.statement} | {other.question}", n) for n in names
                ), (fact_id, other.id)
    for many in ("Iraq", "Iran", "United States", "IRGC", "Euphrates"):
        assert not [f for f in reversed_facts if shipped.fact(f).answer == many], many
    hint = visible(col.get_card(col.find_cards("card:2 note:quizgen*reversed")[0]).question())
    assert "What fact is this the answer to?" in hint and "the text" not in hint


def test_one_fact_in_two_sub_decks_is_one_note_in_the_first(tmp_path: Path, col: Any) -> None:
    base = hostile_base()
    written = anki.export(hostile_deck(base), base, tmp_path)
    assert import_apkg(col, written.path)[0] == written.notes
    notes = [col.get_note(n) for n in col.find_notes("Fact:arrow")]
    kinds = sorted(n.note_type()["name"] for n in notes)
    assert len(kinds) == len(set(kinds))  # its cloze note once, though both sub-decks want it
    cloze = next(n for n in notes if n.note_type()["name"] == "quizgen: cloze")
    assert {col.decks.name(c.did) for c in cloze.cards()} == {
        "Hostile <b>deck</b> {{c1::x}}::Names"
    }


def test_the_three_shipped_packages_in_one_collection_make_one_note_a_fact(
    definitions: dict[str, decks.DeckDef], shipped: FactBase, tmp_path: Path, col: Any
) -> None:
    """Whichever packages a learner imports, and in whichever order, a fact is one note
    per card kind: the second and third packages add nothing and update nothing."""
    written = {key: anki.export(d, shipped, tmp_path) for key, d in definitions.items()}
    complete = written["imam-ali-complete"]
    assert import_apkg(col, complete.path) == (complete.notes, 0, 0)
    for key in ("imam-ali-timeline", "classroom-starter"):
        assert import_apkg(col, written[key].path) == (0, 0, written[key].notes), key
    assert col.note_count() == complete.notes
    notes = [col.get_note(n) for n in col.find_notes("")]
    identities = [(n["Fact"], n.note_type()["name"]) for n in notes]
    assert len(identities) == len(set(identities))
    # The other way round: the small ones first, then everything.
    from anki.collection import Collection

    (tmp_path / "other").mkdir()
    second = Collection(str(tmp_path / "other" / "collection.anki2"))
    try:
        for key in ("classroom-starter", "imam-ali-timeline"):
            import_apkg(second, written[key].path)
        before = second.note_count()
        assert 0 < before < written["classroom-starter"].notes + written["imam-ali-timeline"].notes
        assert import_apkg(second, complete.path) == (complete.notes - before, 0, before)
        assert second.note_count() == complete.notes
    finally:
        second.close()


def test_a_fact_file_without_deck_definitions_exports_one_deck(tmp_path: Path, col: Any) -> None:
    from tests.support.cli import run_quizgen
    from tests.support.data import TINY

    mine = tmp_path / "mine.yaml"
    mine.write_text("id: mine\n" + TINY, encoding="utf-8")
    run = run_quizgen("export", "anki", "--facts", mine, "-o", tmp_path / "out", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.decode().splitlines() == [
        f"No deck definitions beside {mine}: one deck, 'Tiny', of all 2 facts (question and "
        "answer, and cloze cards). Deck definitions in a decks/ folder beside it choose "
        "others (see the README).",
        f"Wrote {tmp_path / 'out' / 'mine.apkg'}: 1 deck, 4 notes, 4 cards",
    ]
    assert import_apkg(col, tmp_path / "out" / "mine.apkg") == (4, 0, 0)
    assert {col.decks.name(col.get_card(c).did) for c in col.find_cards("")} == {"Tiny"}


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


@pytest.mark.slow
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
    project = project_copy(tmp_path)
    facts = project / "facts.yaml"

    def build() -> Path:
        base = factfile.load(facts)
        definitions = decks.load_definitions(project / "decks", base)
        complete = {d.key: d for d in definitions}["imam-ali-complete"]
        return anki.export(complete, base, tmp_path / "out").path

    first = import_apkg(col, build())
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text.replace("    answer: Iraq\n", "    answer: Republic of Iraq\n", 1),
        encoding="utf-8",
    )
    assert import_apkg(col, build()) == (0, 0, first[0])  # the lost correction, as reported
    from typer.testing import CliRunner

    from quizgen.cli import app

    runner = CliRunner()
    failed = runner.invoke(app, ["validate", str(facts)])
    assert failed.exit_code == 1 and "'base-near-iraq-border' changed" in failed.stderr
    revised = runner.invoke(app, ["revise", str(facts)])
    assert revised.stdout.startswith("Raised base-near-iraq-border to revision 2\n")
    assert runner.invoke(app, ["validate", str(facts)]).exit_code == 0
    notes = len(col.find_notes("Fact:base-near-iraq-border"))
    assert notes == 2  # its question-and-answer note and its cloze note
    assert import_apkg(col, build()) == (0, notes, first[0] - notes)
    updated = [col.get_note(n) for n in col.find_notes("Fact:base-near-iraq-border")]
    assert any("Answer" in n and n["Answer"] == "Republic of Iraq" for n in updated)
