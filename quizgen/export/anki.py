"""Anki decks (.apkg) that import cleanly and update in place when a fact changes.

What genanki alone gets wrong, and how this module does it instead:

- **Ids.** Model ids are constants below, fixed forever; deck ids are
  recorded in the deck definitions; note GUIDs come from the fact set, the
  fact id and the card kind, never from field content or the deck, so a
  corrected fact keeps its notes (and their review history).
- **Modification times.** Each note's ``mod`` is ``REVISION_EPOCH`` plus its
  fact's ``revision``: re-importing an unchanged build updates nothing, a
  fact whose revision went up updates exactly its own notes, and a note the
  learner edited in Anki (a later ``mod``) keeps the learner's edit.
- **Bytes.** One fixed timestamp for the package, zip entries sorted with
  fixed times: the same inputs give the same file, byte for byte.
- **HTML and Anki's own syntax.** Every field is escaped: a fact's ``<``,
  ``>``, ``&`` and quotes show literally, and so do ``{{c1::...}}`` (braces as
  entities, in the whole cloze text, not only the blanked answer),
  ``[sound:...]`` and ``[latex]`` (``[`` as an entity) and MathJax's ``\\(``
  (the backslash as an entity); control and bidi characters are replaced
  (:mod:`quizgen.export.safe`).
- **Reversed cards** show the name and ask for the fact it answers: only for a
  name the fact base says one thing about (:func:`one_thing_to_say`), since a
  learner shown "Iran" could rightly recall any of a dozen facts.
- **One fact in two sub-decks** of a package is one note, in the first
  sub-deck that selects it (one GUID for two notes would make Anki import only
  one of them, and a fact is one note in a collection).
- **Night mode.** Anki puts ``card``, ``nightMode`` and ``night_mode`` on the
  same ``<body>``, so the rule is ``.card.nightMode`` (``.nightMode .card``
  never matches); text keeps a margin from the edge of the window.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizgen.export.anki_text import cloze_text, escape, one_thing_to_say
from quizgen.export.files import write_atomic, zip_bytes
from quizgen.factfile.decks import DeckDef, PlannedDeck, plan
from quizgen.facts import AnswerKind, Fact, FactBase, spans
from quizgen.items.cues import Sayings
from quizgen.language.text import fold

REVISION_EPOCH = 1795478400  # 2026-11-24T00:00:00Z; a note's mod is this + its fact's revision
QA_MODEL_ID = 1795478401
QA_REVERSE_MODEL_ID = 1795478402
CLOZE_MODEL_ID = 1795478403
REVERSIBLE = frozenset(
    {AnswerKind.PLACE, AnswerKind.COUNTRY, AnswerKind.PERSON, AnswerKind.ORGANIZATION}
)
"""Answers that are a name worth recalling from what the text says about it."""

CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.45;
        text-align: left; color: #1a1a1a; background: #fff; max-width: 40em;
        margin: 0 auto; padding: 1em 1.2em; box-sizing: border-box; }
.answer { font-weight: 600; }
.explanation { margin-top: .8em; }
.hint { margin-top: .6em; font-size: 16px; font-weight: normal; color: #555; }
.source { margin-top: 1em; font-size: 15px; color: #555; }
.cloze { font-weight: 600; color: #0b57d0; }
.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
        color: #eee; background: #222; }
.nightMode .source, .nightMode .hint,
.night_mode .source, .night_mode .hint { color: #bbb; }
.nightMode .cloze, .night_mode .cloze { color: #8ab4f8; }
"""
_BACK = (
    '{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}'
    '<div class="source">Source: {{Source}}</div>'
)
_QA_FIELDS = ["Question", "Answer", "Explanation", "Source", "Fact"]
_FORWARD = {
    "name": "Question → answer",
    "qfmt": "{{Question}}",
    "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>' + _BACK,
}


def _models() -> dict[str, Any]:
    import genanki

    return {
        "qa": genanki.Model(
            QA_MODEL_ID,
            "quizgen: question and answer",
            fields=[{"name": f} for f in _QA_FIELDS],
            templates=[_FORWARD],
            css=CSS,
            sort_field_index=0,
        ),
        "qa-reverse": genanki.Model(
            QA_REVERSE_MODEL_ID,
            "quizgen: question and answer, and reversed",
            fields=[{"name": f} for f in [*_QA_FIELDS, "Statement"]],
            templates=[
                _FORWARD,
                {
                    "name": "Name → the fact it answers",
                    "qfmt": '<div class="answer">{{Answer}}</div>'
                    '<div class="hint">What fact is this the answer to?</div>',
                    "afmt": '{{FrontSide}}<hr id="answer"><div>{{Statement}}</div>'
                    '<div class="source">Source: {{Source}}</div>',
                },
            ],
            css=CSS,
            sort_field_index=0,
        ),
        "cloze": genanki.Model(
            CLOZE_MODEL_ID,
            "quizgen: cloze",
            fields=[{"name": f} for f in ["Text", "Explanation", "Source", "Fact"]],
            templates=[
                {"name": "Cloze", "qfmt": "{{cloze:Text}}", "afmt": "{{cloze:Text}}" + _BACK}
            ],
            css=CSS,
            model_type=genanki.Model.CLOZE,
            sort_field_index=0,
        ),
    }


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    decks: int
    notes: int
    cards: int


CARDS_PER_NOTE = {"qa": 1, "qa-reverse": 2, "cloze": 1}  # cloze notes blank one span (c1)


MODEL_REVISION = 3
"""Raised whenever a note type's templates or CSS change: a note type's ``mod`` is
``REVISION_EPOCH`` plus this, so Anki takes the new styling on re-import (it keeps an
existing note type unless the incoming one is newer). 2: night mode that matches, padding.
3: the reversed card asks for the fact its name answers, not what "the text" says."""


def note_mod(fact: Fact) -> int:
    return REVISION_EPOCH + fact.revision


def guid(set_id: str, fact_id: str, kind: str) -> str:
    """A note's GUID from what it is, never from what it says or which deck carries it:
    the fact set, the fact and the card kind; fixed forever. So a fact is one note in a
    collection however many packages carry it: importing a second package that has it
    updates that note (if newer) and adds no other.

    12 URL-safe base64 characters of SHA-256 (genanki's own ``guid_for`` is
    the same idea, written in slow pure Python).
    """
    digest = hashlib.sha256(f"quizgen|{set_id}|{fact_id}|{kind}".encode()).digest()
    return base64.urlsafe_b64encode(digest[:9]).decode("ascii")


def _note_class() -> Any:
    import genanki

    class RevisedNote(genanki.Note):  # type: ignore[misc]
        """A genanki note whose ``mod`` is its own, not the package's timestamp."""

        def __init__(self, *args: Any, mod: int, kind: str, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.mod = mod
            self.kind = kind
            # The cards follow from the kind; telling genanki saves it parsing every
            # cloze field with regular expressions to find them out.
            self.__dict__["cards"] = [genanki.Card(i) for i in range(CARDS_PER_NOTE[kind])]

        def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
            super().write_to_db(cursor, self.mod, deck_id, id_gen)

    return RevisedNote


def _sides(fact: Fact) -> tuple[str, str]:
    """The words before and after the blank of ``fact``'s cloze."""
    found = spans.blanked(fact)
    return ("", "") if found is None else (found.before, found.after)


def _said_before(fact: Fact, said: set[str]) -> bool:
    """Whether a cloze note of the package already blanks this sentence in another order
    ("Iran trained and armed Hezbollah during Israel's 1982 invasion of Lebanon" and
    "During Israel's 1982 invasion of Lebanon, Iran trained and armed Hezbollah"): each
    shows the other's answer, and two notes ask one thing. Kept in ``said`` (the
    package's, beside its note GUIDs) under a key no GUID takes."""
    key = "sentence:" + " ".join(sorted(fold(fact.statement).split()))
    if key in said:
        return True
    said.add(key)
    return False


def notes_for(
    deck: DeckDef,
    planned: PlannedDeck,
    base: FactBase,
    models: dict[str, Any],
    note_class: Any,
    position: Iterable[int],
    seen: set[str] | None = None,
) -> list[Any]:
    """The notes of one planned deck, in its order, each new card numbered in turn.

    Each note carries ``kind`` ("qa", "qa-reverse" or "cloze"), which fixes its
    note type, its GUID and its number of cards. ``seen`` holds the notes (GUIDs)
    already written to an earlier sub-deck of the package: a fact met again is not
    written twice (one note a fact and kind, in the first sub-deck that selects it).
    """
    positions = iter(position)
    sayable = (
        one_thing_to_say(base.facts, [f for f in planned.facts if f.answer_kind in REVERSIBLE])
        if "reverse" in planned.cards
        else set()
    )
    labels: dict[tuple[object, ...], str] = {}
    sayings = Sayings(base.facts)
    said = set() if seen is None else seen
    out = []
    for fact in planned.facts:
        source = labels.get(fact.source)
        if source is None:
            source = labels[fact.source] = escape(
                ", ".join(base.source_label(s) for s in fact.source)
            )
        explanation = escape(fact.explanation or "")
        tags = list(dict.fromkeys(["quizgen", fact.topic, *fact.tags]))
        wanted: list[tuple[str, list[str]]] = []
        if "qa" in planned.cards or "reverse" in planned.cards:
            reverse = fact.id in sayable
            fields = [
                escape(fact.question),
                escape(fact.answer),
                explanation,
                source,
                escape(fact.id),
            ]
            wanted.append(
                ("qa-reverse", [*fields, escape(fact.statement)]) if reverse else ("qa", fields)
            )
        text = cloze_text(fact) if "cloze" in planned.cards else None
        # Not where another fact gives a second true answer, nor for a sentence another
        # cloze note of the package blanks already (in another order), nor for a fact asked
        # by recognition only (worded: its blank fits another name, or a reply in other
        # words), which the quiz never blanks either.
        if (
            text is not None
            and not fact.worded
            and sayings.second_subject(fact, *_sides(fact), base.entities) is None
            and not _said_before(fact, said)
        ):
            wanted.append(("cloze", [text, explanation, source, escape(fact.id)]))
        for kind, fields in wanted:
            note_guid = guid(base.id, fact.id, kind)
            if seen is not None:
                if note_guid in seen:
                    continue
                seen.add(note_guid)
            out.append(
                note_class(
                    model=models[kind],
                    fields=fields,
                    tags=tags,
                    mod=note_mod(fact),
                    kind=kind,
                    due=next(positions),
                    guid=note_guid,
                )
            )
    return out


def build(
    deck: DeckDef, base: FactBase, progress: Callable[[int], None] | None = None
) -> tuple[bytes, int, int, int]:
    """The .apkg bytes for one definition, and its counts of decks, notes and cards."""
    import genanki

    models = _models()
    note_class = _note_class()
    position = itertools.count(1)
    anki_decks = []
    notes = cards = 0
    seen: set[str] = set()
    for planned in plan(deck, base):
        anki_deck = genanki.Deck(
            planned.id, planned.name, description=escape(planned.description or "")
        )
        for note in notes_for(deck, planned, base, models, note_class, position, seen):
            anki_deck.add_note(note)
            notes += 1
            cards += CARDS_PER_NOTE[note.kind]
            if progress is not None:
                progress(1)
        anki_decks.append(anki_deck)
    package = genanki.Package(anki_decks)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            id_gen = itertools.count(REVISION_EPOCH * 1000)
            package.write_to_db(conn.cursor(), REVISION_EPOCH, id_gen)
            _stamp_models(conn)
            conn.commit()
        finally:
            conn.close()
        data = db_path.read_bytes()
    return zip_bytes([("collection.anki2", data), ("media", b"{}")]), len(anki_decks), notes, cards


def _stamp_models(conn: sqlite3.Connection) -> None:
    """Give quizgen's note types the mod of their current templates and CSS."""
    import json

    (text,) = conn.execute("SELECT models FROM col").fetchone()
    models = json.loads(text)
    for model in models.values():
        if model["name"].startswith("quizgen: "):
            model["mod"] = REVISION_EPOCH + MODEL_REVISION
    conn.execute("UPDATE col SET models = ?", (json.dumps(models),))


def export(
    deck: DeckDef, base: FactBase, out_dir: Path, progress: Callable[[int], None] | None = None
) -> Written:
    """Build one definition and write ``<key>.apkg`` into ``out_dir`` atomically."""
    data, decks, notes, cards = build(deck, base, progress)
    path = out_dir / f"{deck.key}.apkg"
    write_atomic(path, data)
    return Written(path, decks, notes, cards)
