"""The question bank as CSV or JSON, for any other tool."""

from __future__ import annotations

import csv
import io
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
    """The same document as ``quizgen questions --json``, with a final newline."""
    from quizgen.documents import document, dumps

    return (dumps(document(base, items=questions, seed=seed)) + "\n").encode("utf-8")
