"""The question bank as CSV or JSON, for any other tool.

CSV is opened by teachers in Excel or LibreOffice, which run a cell starting
with ``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)`` in a fact
would become a live link). As OWASP recommends against CSV injection, every
cell is quoted and a cell starting with one of those (or a tab or line
break) gets a leading apostrophe, which spreadsheets show as text; control
characters are replaced (:mod:`quizgen.export.safe`). A program reading the
file sees the apostrophe: strip one leading ``'`` from a cell whose next
character is one of ``= + - @`` to get the text back.

The file is UTF-8. Excel takes a CSV without a byte-order mark for the
local code page and garbles "–" and "…"; ``excel=True`` (``--excel``)
writes the mark, which Excel needs and most other readers skip.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence

from quizgen.export.safe import neutral
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


BOM = "\ufeff"


def render_csv(base: FactBase, questions: Sequence[Item], *, excel: bool = False) -> bytes:
    """One row an item; lists joined with ' | ', pairs as 'item -> statement'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    for q in questions:
        row = q.to_dict()
        row["source"] = [base.source_label(s) for s in q.source]
        writer.writerow([neutral(_flat(row.get(column, ""))) for column in COLUMNS])
    return ((BOM if excel else "") + out.getvalue()).encode("utf-8")


_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def render_json(base: FactBase, questions: Sequence[Item], seed: str) -> bytes:
    """The bank as data, text kept as the fact file has it.

    JSON escapes control characters itself (``\\u001b``); bidi controls and
    U+2028/U+2029 are written as escapes too, so nothing in the file
    reorders or breaks what an editor or a terminal shows of it, while a
    JSON reader still gets the text exactly.
    """
    doc = {
        "title": base.title, "seed": seed, "count": len(questions), "license": base.license,
        "attribution": base.attribution,
        "questions": [q.to_dict() | {"source_labels": [base.source_label(s) for s in q.source]}
                      for q in questions],
    }
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return (_INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n").encode("utf-8")
