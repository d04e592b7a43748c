"""Values crossing the database's edge, checked both ways.

In: text SQLite can store (a typed answer that was not UTF-8 is saved with
U+FFFD, not lost). Out: a card or a time read back is checked before anything
schedules with it, and a damaged one is reported with the one ``sqlite3``
command that removes just that row, instead of a ``JSONDecodeError`` or a
``ValueError`` from deep inside a review.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.progress.failures import ProgressError

if TYPE_CHECKING:
    import fsrs


def aware(text: str) -> datetime:
    """A stored time; one without a zone (written by hand, say) is damage, not UTC."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"'{text}' has no time zone")
    return moment


def checked_card(text: str) -> fsrs.Card:
    """A stored card that scheduling can use: fsrs reads the JSON, and this checks what it
    takes on trust (times with a zone, a whole step, finite numbers); ValueError if not."""
    import math

    from quizgen.scheduling.cards import card_from_json

    card = card_from_json(text)
    if card.due.tzinfo is None or (card.last_review and card.last_review.tzinfo is None):
        raise ValueError("a time without a time zone")
    if card.step is not None and (type(card.step) is not int or card.step < 0):
        raise ValueError(f"step {card.step!r} is not a whole number")
    if any(v is not None and not math.isfinite(v) for v in (card.stability, card.difficulty)):
        raise ValueError("stability or difficulty is not a number")
    return card


def utf8(text: str | None) -> str | None:
    """Text SQLite can store: a typed answer read from a terminal or pipe that was not
    UTF-8 arrives with lone surrogates (Python's surrogateescape), which SQLite cannot
    encode; each bad byte becomes U+FFFD instead, so the answer is saved, not lost."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape" if _escaped_only(text) else "surrogatepass")
        return raw.decode("utf-8", "replace")
    return text


def _escaped_only(text: str) -> bool:
    return all(not 0xD800 <= ord(ch) <= 0xDFFF or 0xDC80 <= ord(ch) <= 0xDCFF for ch in text)


def damaged_card(path: Path, set_id: str, fact_id: str, what: str, exc: Exception) -> ProgressError:
    """The message for a card row that cannot be read: which, why, and the one-line fix
    that keeps everything else (the fact's answers stay; it is studied afresh)."""
    return ProgressError(
        f"{path}: the {what} of fact '{fact_id}' is damaged ({type(exc).__name__}: {exc}); "
        "quizgen has not changed the file. To study that fact afresh and keep everything "
        f"else, delete its card: sqlite3 '{path}' \"DELETE FROM cards WHERE set_id = "
        f"'{set_id}' AND fact_id = '{fact_id}'\""
    )
