"""Printable worksheets: self-contained HTML, per-student versions, answer keys.

Each version is the same questions in its own order with its options
shuffled (dates stay in date order), under its version code, which the page
margin repeats on every printed page. A question is never split across
pages; typed answers get lines to write on; every version starts with a
name, class and date line, then the teacher's instructions if given. The
keys follow, each on its own pages, giving every answer with its source
(and its points, with ``points``). The HTML prints from any browser;
``to_pdf`` uses headless Chromium or Chrome when one is installed.

Page breaks: a question is never split, the licence stays with the last
question, and the last question never stands alone on a page (it takes the
one before it along), so no page holds a single question that the one
after it could have joined.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from random import Random
from string import ascii_uppercase
from typing import Literal

from quizgen.export import Content, Format, Rendered, Save, Write, option, register
from quizgen.export.pdf import BROWSERS, PdfError, find_browser, to_pdf
from quizgen.export.safe import clean
from quizgen.facts import DATE_KIND_PRECISION, FactBase
from quizgen.facts.spans import BLANK
from quizgen.items import Item, Shape
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem

PAPERS = {"a4": "A4", "letter": "letter"}
__all__ = [
    "BROWSERS",
    "PAPERS",
    "PdfError",
    "WorksheetOptions",
    "find_browser",
    "page",
    "render",
    "saver",
    "targets",
    "to_pdf",
    "versions",
]


@dataclass(frozen=True, slots=True)
class WorksheetOptions:
    """The worksheet's own options, in the order ``quizgen export worksheet`` lists them."""

    title: str | None = option(
        None,
        'The heading. Default: the fact file\'s title and "quiz".',
        metavar="TEXT",
        show_default=False,
    )
    instructions: str | None = option(
        None, "A line for the students under the name line.", metavar="TEXT", show_default=False
    )
    points: int | None = option(
        None,
        "Points per question, shown beside each, with the total.",
        min=1,
        metavar="N",
        show_default=False,
    )
    versions: int = option(
        1,
        "Per-student versions: the same questions, shuffled, each with its own key.",
        min=1,
        max=26,
        metavar="N",
    )
    paper: Literal["a4", "letter"] = option("a4", "Paper size.", case_sensitive=False)
    key_only: bool = option(False, "Write only the answer keys.")
    pdf: bool = option(
        False,
        "Also write a PDF beside the HTML (needs Chromium or Chrome); "
        "-o NAME.pdf writes only the PDF.",
    )


@dataclass(frozen=True, slots=True)
class Version:
    letter: str
    code: str
    questions: tuple[Item, ...]


def versions(questions: Sequence[Item], count: int, seed: str) -> list[Version]:
    """``count`` versions of the same questions, each shuffled by its own seeded RNG."""
    digest = hashlib.sha1(f"{seed}|{'|'.join(q.id for q in questions)}".encode()).hexdigest()
    out = []
    for i in range(count):
        letter = ascii_uppercase[i % 26] + (str(i // 26 + 1) if i >= 26 else "")
        rng = Random(f"{seed}:version:{i}")
        order = list(questions)
        if count > 1:
            rng.shuffle(order)
        out.append(
            Version(
                letter,
                f"{letter}-{digest[:4].upper()}",
                tuple(_shuffle_options(q, rng) if count > 1 else q for q in order),
            )
        )
    return out


def _shuffle_options(q: Item, rng: Random) -> Item:
    if isinstance(q, ChoiceItem) and q.answer_kind not in DATE_KIND_PRECISION:
        pairs = list(zip(q.options, q.origins, strict=False)) or [(o, "") for o in q.options]
        rng.shuffle(pairs)
        return replace(
            q,
            options=tuple(p[0] for p in pairs),
            origins=tuple(p[1] for p in pairs) if q.origins else (),
        )
    if isinstance(q, OrderItem):
        shown = list(q.options)
        while len(shown) > 1 and shown == list(q.answer):
            rng.shuffle(shown)
        rng.shuffle(shown)
        if shown == list(q.answer):
            shown.reverse()
        return replace(q, options=tuple(shown))
    if isinstance(q, PairsItem):
        names, statements = list(q.names), list(q.statements)
        rng.shuffle(names)
        rng.shuffle(statements)
        return replace(q, names=tuple(names), statements=tuple(statements))
    return q


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _points(points: int) -> str:
    return f"{points} point" if points == 1 else f"{points} points"


def _list(entries: Sequence[str], css: str = "options") -> str:
    return f'<ol class="{css}">' + "".join(f"<li>{_e(o)}</li>" for o in entries) + "</ol>"


def _question_html(q: Item, number: int, points: int | None = None, last: bool = False) -> str:
    parts = [f'<div class="q{" last" if last else ""}" data-q="{number}">']
    blank = isinstance(q, TextItem) and BLANK in q.prompt
    text = _e(q.prompt).replace(_e(BLANK), '<span class="blank"></span>') if blank else _e(q.prompt)
    label = "True or false?" if isinstance(q, TruthItem) else ""
    worth = f' <span class="pts">({_points(points)})</span>' if points else ""
    parts.append(
        f'<p class="prompt"><span class="n">{number}.</span> {text}'
        + (f' <span class="hint">{label}</span>' if label else "")
        + worth
        + "</p>"
    )
    if isinstance(q, ChoiceItem):
        parts.append(_list(q.options))
    elif isinstance(q, TruthItem):
        parts.append(
            '<p class="boxes"><span class="box"></span> True<span class="box"></span> False</p>'
        )
    elif isinstance(q, TextItem) and not blank:
        parts.append('<div class="write"></div><div class="write"></div>')
    elif isinstance(q, OrderItem):
        parts.append(_list(q.options))
        slots = " ".join('<span class="slot"></span>' for _ in q.options)
        parts.append(f'<p class="answer-line">Order, earliest first: {slots}</p>')
    elif isinstance(q, PairsItem):
        parts.append(
            '<div class="match">' + _list(q.names, "items") + _list(q.statements) + "</div>"
        )
        slots = " ".join(f'{i + 1} → <span class="slot"></span>' for i in range(len(q.names)))
        parts.append(f'<p class="answer-line">{slots}</p>')
    parts.append("</div>")
    return "".join(parts)


def _key_text(q: Item) -> str:
    if isinstance(q, ChoiceItem):
        return f"{ascii_uppercase[q.options.index(q.answer)]}. {q.answer}"
    if isinstance(q, OrderItem):
        return ", ".join(ascii_uppercase[q.options.index(a)] for a in q.answer)
    if isinstance(q, PairsItem):  # in name order, as a teacher marks it
        pairs = sorted(
            (q.names.index(a) + 1, ascii_uppercase[q.statements.index(b)]) for a, b in q.answer
        )
        return ", ".join(f"{number} → {letter}" for number, letter in pairs)
    if isinstance(q, TextItem):
        extra = f" (also: {', '.join(q.accepted)})" if q.accepted else ""
        return f"{q.answer}{extra}"
    return q.key()


CSS = """\
@page { size: %(paper)s; margin: 18mm 16mm 18mm 16mm; }
%(pages)s
* { box-sizing: border-box; }
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
.code { font: 9pt/1.2 system-ui, sans-serif; color: #444; margin: 0 0 3mm; }
.who { display: flex; gap: 6mm; font: 10pt system-ui, sans-serif; margin: 0 0 6mm; }
.who span { flex: 1; border-bottom: 1px solid #555; padding-bottom: 1mm; }
.who span.short { flex: 0 0 32mm; }
.sheet, .key { break-before: page; }
.sheet:first-child, .key:first-child { break-before: auto; }
.q { break-inside: avoid; page-break-inside: avoid; margin: 0 0 5mm; }
.q.last, .licence { break-before: avoid; page-break-before: avoid; }
.end { break-inside: avoid; page-break-inside: avoid; }
.instructions { margin: 0 0 5mm; }
.pts { font: 9pt system-ui, sans-serif; color: #444; white-space: nowrap; }
.prompt { margin: 0 0 1.5mm; }
.n { font-weight: bold; }
.hint { font-style: italic; color: #444; }
ol.options { list-style: upper-alpha; margin: 0 0 0 6mm; padding-left: 5mm; }
ol.items { margin: 0 0 2mm 6mm; padding-left: 5mm; }
.match { display: block; }
.write { height: 9mm; border-bottom: 1px solid #888; }
.blank { display: inline-block; width: 38mm; border-bottom: 1px solid #333; }
.box { display: inline-block; width: 3.6mm; height: 3.6mm; border: 1px solid #333;
       margin: 0 1.5mm 0 6mm; vertical-align: -0.5mm; }
.slot { display: inline-block; width: 9mm; border-bottom: 1px solid #333; margin-right: 2mm; }
.answer-line { margin: 1.5mm 0 0 6mm; }
.key ol { padding-left: 8mm; }
.key li { break-inside: avoid; margin: 0 0 2mm; }
.key .src { color: #444; font-size: 9.5pt; }
.licence { font: 8pt system-ui, sans-serif; color: #555; margin-top: 6mm; }
@media screen {
  body { background: #e8e8e8; }
  .sheet, .key { background: #fff; max-width: 190mm; margin: 8mm auto; padding: 14mm 16mm;
                 box-shadow: 0 1px 4px rgba(0,0,0,.25); }
}
"""


def render(content: Content) -> Rendered:
    """The worksheet page, UTF-8: every item shape has a printed form, so none is left out."""
    opts = content.options if isinstance(content.options, WorksheetOptions) else WorksheetOptions()
    html_text = page(
        content.base,
        content.items,
        title=opts.title or content.title,
        seed=content.seed,
        count=opts.versions,
        paper=opts.paper,
        key_only=opts.key_only,
        instructions=opts.instructions,
        points=opts.points,
    )
    return Rendered(html_text.encode("utf-8"), [])


def page(
    base: FactBase,
    questions: Sequence[Item],
    *,
    title: str,
    seed: str,
    count: int = 1,
    paper: str = "a4",
    key_only: bool = False,
    instructions: str | None = None,
    points: int | None = None,
) -> str:
    """The whole worksheet as one HTML page: every version, then every key.

    ``points`` is the same for every question: shown beside each, with the total.
    """
    sheets = versions(questions, count, seed)
    pages = []
    for v in sheets:
        for kind, label in (
            ("sheet", f"Version {v.code}"),
            ("key", f"Answer key · version {v.code}"),
        ):
            pages.append(
                f'@page {kind}-{v.letter} {{ @top-right {{ content: "{label}"; '
                f"font: 9pt system-ui, sans-serif; color: #444; }} "
                f'@bottom-right {{ content: "Page " counter(page); '
                f"font: 9pt system-ui, sans-serif; color: #444; }} }}\n"
                f".{kind}-{v.letter} {{ page: {kind}-{v.letter}; }}"
            )
    css = CSS % {"paper": PAPERS[paper], "pages": "\n".join(pages)}
    licence = f'<p class="licence">{_e(base.attribution)}</p>'
    total = f" · {_points(points * len(questions))}" if points else ""
    told = f'<p class="instructions">{_e(instructions)}</p>' if instructions else ""
    body = []
    if not key_only:
        for v in sheets:
            last = len(v.questions)
            shown = [
                _question_html(q, i, points, last=(i == last and last > 1))
                for i, q in enumerate(v.questions, start=1)
            ]
            # The last two questions and the licence are one block no page break may
            # split: "avoid a break before" alone was not always honoured by Chromium.
            items = (
                "".join(shown[:-2]) + '<div class="end">' + "".join(shown[-2:]) + licence + "</div>"
            )
            body.append(
                f'<section class="sheet sheet-{v.letter}" data-version="{v.code}">'
                f"<h1>{_e(title)}</h1>"
                f'<p class="code">Version {v.code} · {len(v.questions)} questions{total}</p>'
                '<p class="who"><span>Name</span><span class="short">Class</span>'
                f'<span class="short">Date</span></p>{told}{items}</section>'
            )
    for v in sheets:
        entries = []
        for q in v.questions:
            sources = ", ".join(base.source_label(s) for s in q.source)
            worth = f' <span class="pts">({_points(points)})</span>' if points else ""
            entries.append(
                f"<li>{_e(_key_text(q))}{worth}<br>"
                f'<span class="src">Source: {_e(sources)}</span></li>'
            )
        body.append(
            f'<section class="key key-{v.letter}" data-version="{v.code}">'
            f"<h1>Answer key: {_e(title)}</h1>"
            f'<p class="code">Version {v.code}{total}</p><ol>{"".join(entries)}</ol>'
            f"{licence}</section>"
        )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>\n{css}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def targets(output: Path | None, default: Path, pdf: bool) -> tuple[Path | None, Path | None]:
    """(HTML path, PDF path) to write: never one file twice, the HTML kept with ``--pdf``.

    ``-o x.pdf`` asks for a PDF: the PDF goes there, and with ``--pdf`` the HTML
    beside it as ``x.html``; ``-o x.html --pdf`` writes ``x.html`` and ``x.pdf``.
    """
    path = output or default
    if path.suffix.lower() == ".pdf":
        return (path.with_suffix(".html") if pdf else None), path
    return path, (path.with_suffix(".pdf") if pdf else None)


def saver(output: Path | None, opts: WorksheetOptions) -> Save:
    """The HTML, the PDF or both (see :func:`targets`); before anything is made, an error if
    only a PDF is asked for and no browser can print one."""
    html_path, pdf_path = targets(
        output, Path("worksheet-key.html" if opts.key_only else FORMAT.filename), opts.pdf
    )
    browser = find_browser()
    if html_path is None and browser is None:
        raise PdfError(
            f"cannot write {pdf_path}: no Chromium or Chrome was found to make a PDF; "
            f"write the HTML with -o {Path(str(pdf_path)).with_suffix('.html')} and print "
            "it from a browser, or install chromium (or set $QUIZGEN_BROWSER)"
        )

    def save(rendered: Rendered, content: Content, write: Write) -> None:
        questions = len(content.items)
        what = (
            f"{opts.versions} version{'s' * (opts.versions != 1)} of {questions} "
            f"question{'s' * (questions != 1)}"
            + (", keys only" if opts.key_only else ", with answer keys")
        )
        if html_path is not None:
            write(html_path, rendered.data, what, True)
        if pdf_path is not None:
            data = to_pdf(rendered.data.decode("utf-8"), browser)
            write(
                pdf_path,
                data,
                "PDF" if html_path is not None else f"PDF, {what}",
                html_path is None,
            )

    return save


FORMAT = register(
    Format(
        "worksheet",
        "worksheet.html",
        frozenset(Shape) - {Shape.SELF},
        "A printable worksheet (HTML) with answer keys, in one or more versions.",
        render,
        options=WorksheetOptions,
        saver=saver,
    )
)
