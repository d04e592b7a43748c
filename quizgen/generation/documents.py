"""The JSON documents quizgen prints and writes: one shape, made in one place.

``quizgen facts --json``, ``quizgen questions --json`` and ``quizgen export
json`` are read by other tools, so they share one header taken from the fact
file (title, version, license, attribution: whoever reuses the content needs
the attribution with it) and differ only in what follows: the facts, or the
items with the seed that makes them again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizgen.facts import Fact, FactBase
    from quizgen.items import Item


def document(
    base: FactBase,
    *,
    facts: Sequence[Fact] | None = None,
    items: Sequence[Item] | None = None,
    seed: str | None = None,
) -> dict[str, Any]:
    """The fact file's header, then ``facts`` or ``items`` (with ``seed``), counted."""
    doc: dict[str, Any] = {
        "title": base.title,
        "version": base.version,
        "license": base.license,
        "attribution": base.attribution,
    }
    if items is not None:
        doc["seed"] = seed
        doc["count"] = len(items)
        doc["questions"] = [
            q.to_dict() | {"source_labels": [base.source_label(s) for s in q.source]} for q in items
        ]
    else:
        chosen = base.facts if facts is None else facts
        doc["count"] = len(chosen)
        doc["facts"] = [f.to_dict() for f in chosen]
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """Indented UTF-8 JSON, the same bytes for the same document (no trailing newline)."""
    return json.dumps(doc, ensure_ascii=False, indent=2)
