"""The question bank as CSV or JSON, for any other tool."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from quizgen.facts import FactBase
from quizgen.items import Item

COLUMNS = ("id", "kind", "topic", "prompt", "items", "options", "answer", "accepted",
           "fact_ids", "source", "explanation")
SEPARATOR = " | "


def _flat(value: object) -> str:
    if isinstance(value, list | tuple):
        return SEPARATOR.join(" -> ".join(v) if isinstance(v, list | tuple) else str(v)
                              for v in value)
    return str(value)


def render_csv(base: FactBase, questions: Sequence[Item]) -> bytes:
    """One row an item; lists joined with ' | ', pairs as 'item -> statement'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for q in questions:
        row = q.to_dict()
        row["source"] = [base.source_label(s) for s in q.source]
        writer.writerow([_flat(row.get(column, "")) for column in COLUMNS])
    return out.getvalue().encode("utf-8")


def render_json(base: FactBase, questions: Sequence[Item], seed: str) -> bytes:
    doc = {
        "title": base.title, "seed": seed, "count": len(questions), "license": base.license,
        "attribution": base.attribution,
        "questions": [q.to_dict() | {"source_labels": [base.source_label(s) for s in q.source]}
                      for q in questions],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
