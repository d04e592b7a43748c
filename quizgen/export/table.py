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
local code page and garbles "–" and "…"; ``CsvOptions(excel=True)``
(``--excel``) writes the mark, which Excel needs and most other readers skip.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from quizgen.export import Content, Format, Rendered, option, register
from quizgen.export.safe import neutral
from quizgen.items import Shape

COLUMNS = (
    "id",
    "kind",
    "topic",
    "prompt",
    "items",
    "options",
    "answer",
    "accepted",
    "fact_ids",
    "source",
    "explanation",
)
SEPARATOR = " | "


def _flat(value: object) -> str:
    if isinstance(value, list | tuple):
        return SEPARATOR.join(
            " -> ".join(v) if isinstance(v, list | tuple) else str(v) for v in value
        )
    return str(value)


BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class CsvOptions:
    excel: bool = option(
        False,
        "Start the file with the byte-order mark Excel needs to read "
        "UTF-8 (else it garbles – and …).",
    )


def render_csv(content: Content) -> Rendered:
    """One row an item; lists joined with ' | ', pairs as 'item -> statement'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    for q in content.items:
        row = q.to_dict()
        row["source"] = [content.base.source_label(s) for s in q.source]
        writer.writerow([neutral(_flat(row.get(column, ""))) for column in COLUMNS])
    excel = isinstance(content.options, CsvOptions) and content.options.excel
    return Rendered(((BOM if excel else "") + out.getvalue()).encode("utf-8"), [])


_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def render_json(content: Content) -> Rendered:
    """The same document as ``quizgen questions --json``, with a final newline.

    Text is kept as the fact file has it: JSON escapes control characters
    itself (``\\u001b``); bidi controls, U+2028/U+2029 and lone surrogates
    are written as escapes too, so nothing in the file reorders or breaks
    what an editor or a terminal shows of it, while a JSON reader still gets
    the text exactly.
    """
    from quizgen.generation.documents import document, dumps

    text = dumps(document(content.base, items=content.items, seed=content.seed))
    escaped = _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return Rendered((escaped + "\n").encode("utf-8"), [])


EVERY_SHAPE = frozenset(Shape) - {Shape.SELF}
CSV = register(
    Format(
        "csv",
        "questions.csv",
        EVERY_SHAPE,
        "The question bank as CSV.",
        render_csv,
        options=CsvOptions,
    )
)
JSON = register(
    Format(
        "json",
        "questions.json",
        EVERY_SHAPE,
        "The question bank as JSON.",
        render_json,
    )
)
