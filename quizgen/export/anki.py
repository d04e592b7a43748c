"""Anki decks (.apkg) that import cleanly and update in place when a fact changes.

What genanki alone gets wrong, and how this module does it instead:

- **Ids.** Model ids are constants below, fixed forever; deck ids are
  recorded in the deck definitions; note GUIDs come from the deck, the fact
  id and the card kind, never from field content, so a corrected fact keeps
  its notes (and their review history).
- **Modification times.** Each note's ``mod`` is ``REVISION_EPOCH`` plus its
  fact's ``revision``: re-importing an unchanged build updates nothing, a
  fact whose revision went up updates exactly its own notes, and a note the
  learner edited in Anki (a later ``mod``) keeps the learner's edit.
- **Bytes.** One fixed timestamp for the package, zip entries sorted with
  fixed times: the same inputs give the same file, byte for byte.
- **HTML.** Every field is escaped: a fact's ``<``, ``>``, ``&`` and quotes
  show literally.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizgen import cloze
from quizgen.decks import DeckDef, PlannedDeck, plan
from quizgen.export.files import write_atomic, zip_bytes
from quizgen.facts import AnswerKind, Fact, FactBase

REVISION_EPOCH = 1795478400  # 2026-11-24T00:00:00Z; a note's mod is this + its fact's revision
QA_MODEL_ID = 1795478401
QA_REVERSE_MODEL_ID = 1795478402
CLOZE_MODEL_ID = 1795478403
REVERSIBLE = frozenset({AnswerKind.PLACE, AnswerKind.COUNTRY, AnswerKind.PERSON,
                        AnswerKind.ORGANIZATION})
"""Answers that are a name worth recalling from what the text says about it."""

CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.45;
        text-align: left; color: #1a1a1a; background: #fff; max-width: 40em; margin: auto; }
.answer { font-weight: 600; }
.explanation { margin-top: .8em; }
.hint { margin-top: .6em; font-size: 16px; color: #555; }
.source { margin-top: 1em; font-size: 15px; color: #555; }
.cloze { font-weight: 600; color: #0b57d0; }
.nightMode .card, .night_mode .card { color: #eee; background: #222; }
.nightMode .source, .nightMode .hint { color: #aaa; }
"""
_BACK = ('{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}'
         '<div class="source">Source: {{Source}}</div>')
_QA_FIELDS = ["Question", "Answer", "Explanation", "Source", "Fact"]
_FORWARD = {"name": "Question → answer", "qfmt": "{{Question}}",
            "afmt": '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div>' + _BACK}


def _models() -> dict[str, Any]:
    import genanki

    return {
        "qa": genanki.Model(QA_MODEL_ID, "quizgen: question and answer",
                            fields=[{"name": f} for f in _QA_FIELDS], templates=[_FORWARD],
                            css=CSS, sort_field_index=0),
        "qa-reverse": genanki.Model(
            QA_REVERSE_MODEL_ID, "quizgen: question and answer, and reversed",
            fields=[{"name": f} for f in [*_QA_FIELDS, "Statement"]],
            templates=[_FORWARD, {
                "name": "Name → what the text says",
                "qfmt": '<div class="answer">{{Answer}}</div>'
                        '<div class="hint">What does the text say about this?</div>',
                "afmt": '{{FrontSide}}<hr id="answer"><div>{{Statement}}</div>'
                        '<div class="source">Source: {{Source}}</div>'}],
            css=CSS, sort_field_index=0),
        "cloze": genanki.Model(
            CLOZE_MODEL_ID, "quizgen: cloze",
            fields=[{"name": f} for f in ["Text", "Explanation", "Source", "Fact"]],
            templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}",
                        "afmt": "{{cloze:Text}}" + _BACK}],
            css=CSS, model_type=genanki.Model.CLOZE, sort_field_index=0),
    }


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    decks: int
    notes: int
    cards: int


CARDS_PER_NOTE = {"qa": 1, "qa-reverse": 2, "cloze": 1}  # cloze notes blank one span (c1)


def note_mod(fact: Fact) -> int:
    return REVISION_EPOCH + fact.revision


def guid(deck_id: int, fact_id: str, kind: str) -> str:
    """A note's GUID from what it is, never from what it says; fixed forever.

    12 URL-safe base64 characters of SHA-256 (genanki's own ``guid_for`` is
    the same idea, written in slow pure Python).
    """
    digest = hashlib.sha256(f"quizgen|{deck_id}|{fact_id}|{kind}".encode()).digest()
    return base64.urlsafe_b64encode(digest[:9]).decode("ascii")


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _cloze_text(fact: Fact) -> str | None:
    """The statement with ``{{c1::answer}}``: the same words the quiz's cloze blanks."""
    span = cloze.find_answer(fact)
    if span is None:
        return None
    hidden = _escape(span.text).replace("::", ":&#58;").replace("}}", "}&#125;")
    return (_escape(fact.statement[: span.start]) + "{{c1::" + hidden + "}}"
            + _escape(fact.statement[span.end:]))


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


def notes_for(deck: DeckDef, planned: PlannedDeck, base: FactBase, models: dict[str, Any],
              note_class: Any, position: Iterable[int]) -> list[Any]:
    """The notes of one planned deck, in its order, each new card numbered in turn.

    Each note carries ``kind`` ("qa", "qa-reverse" or "cloze"), which fixes its
    note type, its GUID and its number of cards.
    """
    positions = iter(position)
    labels: dict[tuple[object, ...], str] = {}
    out = []
    for fact in planned.facts:
        source = labels.get(fact.source)
        if source is None:
            source = labels[fact.source] = _escape(", ".join(base.source_label(s)
                                                             for s in fact.source))
        explanation = _escape(fact.explanation or "")
        tags = ["quizgen", fact.topic, *fact.tags]
        wanted: list[tuple[str, list[str]]] = []
        if "qa" in planned.cards or "reverse" in planned.cards:
            reverse = "reverse" in planned.cards and fact.answer_kind in REVERSIBLE
            fields = [_escape(fact.question), _escape(fact.answer), explanation, source,
                      _escape(fact.id)]
            wanted.append(("qa-reverse", [*fields, _escape(fact.statement)]) if reverse
                          else ("qa", fields))
        text = _cloze_text(fact) if "cloze" in planned.cards else None
        if text is not None:
            wanted.append(("cloze", [text, explanation, source, _escape(fact.id)]))
        for kind, fields in wanted:
            out.append(note_class(model=models[kind], fields=fields, tags=tags,
                                  mod=note_mod(fact), kind=kind, due=next(positions),
                                  guid=guid(deck.id, fact.id, kind)))
    return out


def build(deck: DeckDef, base: FactBase,
          progress: Callable[[int], None] | None = None) -> tuple[bytes, int, int, int]:
    """The .apkg bytes for one definition, and its counts of decks, notes and cards."""
    import genanki

    models = _models()
    note_class = _note_class()
    position = itertools.count(1)
    anki_decks = []
    notes = cards = 0
    for planned in plan(deck, base):
        anki_deck = genanki.Deck(planned.id, planned.name,
                                 description=_escape(planned.description or ""))
        for note in notes_for(deck, planned, base, models, note_class, position):
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
            conn.commit()
        finally:
            conn.close()
        data = db_path.read_bytes()
    return zip_bytes([("collection.anki2", data), ("media", b"{}")]), len(anki_decks), notes, \
        cards


def export(deck: DeckDef, base: FactBase, out_dir: Path,
           progress: Callable[[int], None] | None = None) -> Written:
    """Build one definition and write ``<key>.apkg`` into ``out_dir`` atomically."""
    data, decks, notes, cards = build(deck, base, progress)
    path = out_dir / f"{deck.key}.apkg"
    write_atomic(path, data)
    return Written(path, decks, notes, cards)
