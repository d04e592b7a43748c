"""The question bank as CSV or JSON, for any other tool."""

from __future__ import annotations

import csv
import io

from quizgen.export import Bank, Format, Rendered, register
from quizgen.items import Shape

COLUMNS = ("id", "kind", "topic", "prompt", "items", "options", "answer", "accepted",
           "fact_ids", "source", "explanation")
SEPARATOR = " | "


def _flat(value: object) -> str:
    if isinstance(value, list | tuple):
        return SEPARATOR.join(" -> ".join(v) if isinstance(v, list | tuple) else str(v)
                              for v in value)
    return str(value)


def render_csv(bank: Bank) -> Rendered:
    """One row an item; lists joined with ' | ', pairs as 'item -> statement'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for q in bank.items:
        row = q.to_dict()
        row["source"] = [bank.base.source_label(s) for s in q.source]
        writer.writerow([_flat(row.get(column, "")) for column in COLUMNS])
    return Rendered(out.getvalue().encode("utf-8"), [])


def render_json(bank: Bank) -> Rendered:
    """The same document as ``quizgen questions --json``, with a final newline."""
    from quizgen.documents import document, dumps

    doc = document(bank.base, items=bank.items, seed=bank.seed)
    return Rendered((dumps(doc) + "\n").encode("utf-8"), [])


EVERY_SHAPE = frozenset(Shape) - {Shape.SELF}
CSV = register(Format("csv", "questions.csv", EVERY_SHAPE, "The question bank as CSV.",
                      render_csv))
JSON = register(Format("json", "questions.json", EVERY_SHAPE, "The question bank as JSON.",
                       render_json))
