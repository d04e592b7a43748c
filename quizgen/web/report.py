"""The item analysis as one offline HTML file: ``quizgen analyse -o report.html``.

A pure function of the report: the same results give the same bytes. It is the study
page's look (its stylesheet, then ``report.css``) with plots where a teacher would
rather look than read, drawn as inline SVG by this module (no script, no chart
library, nothing to load): facility against discrimination for every item, each
flagged item's option shares overall and in the top and bottom groups, and the
score histogram. Each plot has a text equivalent (a table, or the list beside it)
for screen readers and for print.

The page's Content-Security-Policy allows no script and no request at all, and its
one style block by hash; every text from the results (a student's typed reply, an
option, a fact id) is HTML-escaped, so none can become markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from quizgen.analysis.classroom import ClassReport
from quizgen.analysis.itemstats import ItemStats, OptionShare
from quizgen.analysis.summary import SHORT, corr, options_line, pct
from quizgen.web.embed import csp_hash, head, static, text

STATIC = "quizgen.web"


def render(report: ClassReport) -> bytes:
    """The report page as UTF-8 bytes (see the module docstring)."""
    css = static(STATIC, "study.css") + "\n" + static(STATIC, "report.css")
    assert "</style" not in css.lower()
    policy = (
        f"default-src 'none'; script-src 'none'; style-src {csp_hash(css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="generator" content="quizgen">\n'
    )
    title = f"Item analysis: {report.title}"
    body = "\n".join(
        [
            '<a class="skip" href="#main">Skip to the report</a>',
            f"<header><h1>{text(title)}</h1>{_summary(report)}</header>",
            '<main id="main" tabindex="-1">',
            _flagged(report),
            _overruled(report),
            _scatter_section(report),
            _histogram_section(report),
            _items_table(report),
            _facts_table(report),
            "</main>",
            f"<footer>{_footer(report)}</footer>",
        ]
    )
    page = (
        f'<!DOCTYPE html>\n<html lang="en">\n{head(title, css, meta)}\n<body>\n{body}\n'
        "</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _summary(report: ClassReport) -> str:
    test = report.analysis.test
    flagged = len(report.analysis.flagged())
    reliability = (
        f"{text(test.alpha_name)} reliability <strong>{test.alpha:.2f}</strong>"
        + (f" (standard error of measurement {pct(test.sem)})" if test.sem is not None else "")
        if test.alpha is not None
        else f"{text(test.alpha_name)}: too few students answered every item"
    )
    sources = "".join(f"<li>{text(s)}</li>" for s in report.sources)
    return (
        f'<p class="summary"><strong>{test.students}</strong> students, '
        f"<strong>{test.items}</strong> items, mean score <strong>{pct(test.mean)}</strong>, "
        f"{reliability}. <strong>{flagged}</strong> item{'s' if flagged != 1 else ''} "
        "flagged.</p>"
        f'<ul class="sources">{sources}</ul>'
    )


def _flagged(report: ClassReport) -> str:
    flagged = report.analysis.flagged()
    if not flagged:
        return (
            '<section aria-labelledby="flags"><h2 id="flags">Flagged items</h2>'
            "<p>No item is flagged.</p></section>"
        )
    cards = "\n".join(_flag_card(report, s, n) for n, s in enumerate(flagged, start=1))
    return (
        '<section aria-labelledby="flags"><h2 id="flags">Flagged items</h2>'
        "<p>What to look at first: each item with the reasons it is flagged, the facts it "
        "asks about and where they are in the fact file.</p>"
        f"{cards}</section>"
    )


def _overruled(report: ClassReport) -> str:
    """Items no flag names whose replies learners overruled: forms the grader may lack."""
    flagged = {s.item for s in report.analysis.flagged()}
    rows = "".join(
        f"<li><strong>{text(s.item)}</strong> · "
        + text(", ".join(report.where(f) for f in s.fact_ids) or "no known fact")
        + ": "
        + ", ".join(f"‘{text(r)}’" for r in s.overruled)
        + "</li>"
        for s in report.analysis.items
        if s.overruled and s.item not in flagged
    )
    if not rows:
        return ""
    return (
        '<section aria-labelledby="overruled"><h2 id="overruled">Replies learners overruled'
        "</h2><p>Learners said these replies were right; each may be a form the grader "
        f"lacks.</p><ul>{rows}</ul></section>"
    )


def _flag_card(report: ClassReport, s: ItemStats, n: int) -> str:
    facts = ", ".join(text(report.where(f)) for f in s.fact_ids) or "no known fact"
    reasons = "".join(f"<li>{text(f.reason)}</li>" for f in s.flags)
    extra = ""
    if s.options:
        extra = _option_chart(s, f"opt-{n}")
    elif s.wrong_replies:
        rows = "".join(f"<li>{text(w.reply)} ({w.count})</li>" for w in s.wrong_replies)
        extra = f"<p>Typed replies marked wrong, most often first:</p><ul>{rows}</ul>"
    if s.overruled:
        extra += (
            "<p>Overruled by learners (they said they were right): "
            + ", ".join(f"‘{text(r)}’" for r in s.overruled)
            + "</p>"
        )
    return (
        f'<article class="flagged-item" aria-labelledby="item-{n}">'
        f'<h3 id="item-{n}">{text(s.item)}</h3>'
        f'<p class="where">{text(s.kind or "item")} · {facts} · {s.n} replies, '
        f"{pct(s.facility)} right</p>"
        f'<ul class="flag-list">{reasons}</ul>{extra}</article>'
    )


def _option_chart(s: ItemStats, ident: str) -> str:
    """Grouped horizontal bars: each option's share of all, the top and the bottom group."""
    options: Sequence[OptionShare] = [
        o for o in s.options if o.count or not o.option.startswith("(")
    ]
    groups: tuple[tuple[str, str, Callable[[OptionShare], float | None]], ...] = (
        ("all", "all", _all), ("top", "top 27%", _top), ("bottom", "bottom 27%", _bottom),
    )  # fmt: skip
    label_w, bar_w, row_h, pad = 150, 250, 13, 10
    height = len(options) * (row_h * 3 + pad) + pad
    parts = [
        f'<svg class="plot" viewBox="0 0 {label_w + bar_w + 60} {height}" role="img" '
        f'aria-labelledby="{ident}-t"><title id="{ident}-t">Option shares of {text(s.item)}: '
        f"{text(options_line(s) or '')}</title>"
    ]
    y = pad
    for o in options:
        name = _clip(o.option, 22) + (" ✓" if o.key else "")
        parts.append(
            f'<text x="{label_w - 8}" y="{y + row_h * 1.5 + 4}" text-anchor="end">'
            f"{text(name)}</text>"
        )
        for i, (cls, _label, value) in enumerate(groups):
            share = value(o)
            top = y + i * row_h
            width = 0.0 if share is None else share * bar_w
            parts.append(
                f'<rect class="{cls}" x="{label_w}" y="{top + 1}" width="{width:.1f}" '
                f'height="{row_h - 2}"></rect>'
                f'<text class="muted" x="{label_w + width + 4:.1f}" y="{top + row_h - 2}">'
                f"{pct(share)}</text>"
            )
        y += row_h * 3 + pad
    parts.append("</svg>")
    legend = "".join(
        f'<span><span class="swatch {cls}"></span>{label}</span>' for cls, label, _ in groups
    )
    key = ' <span class="key-mark">(key)</span>'
    rows = "".join(
        f"<tr><td>{text(o.option)}{key if o.key else ''}"
        f'</td><td class="num">{o.count}</td><td class="num">{pct(o.share)}</td>'
        f'<td class="num">{pct(o.upper)}</td><td class="num">{pct(o.lower)}</td></tr>'
        for o in s.options
    )
    table = (
        '<details><summary>Option shares as a table</summary><div class="table-wrap"><table>'
        f"<caption>Options of {text(s.item)}: how many chose each, and the share in all, "
        "the top 27% and the bottom 27% of the class</caption><thead><tr><th>Option</th>"
        '<th class="num">Chose it</th><th class="num">All</th><th class="num">Top 27%</th>'
        f'<th class="num">Bottom 27%</th></tr></thead><tbody>{rows}</tbody></table></div>'
        "</details>"
    )
    return f'<div class="legend">{legend}</div>{"".join(parts)}{table}'


def _all(o: OptionShare) -> float | None:
    return o.share


def _top(o: OptionShare) -> float | None:
    return o.upper


def _bottom(o: OptionShare) -> float | None:
    return o.lower


def _clip(value: str, most: int) -> str:
    return value if len(value) <= most else value[: most - 1] + "…"


def _scatter_section(report: ClassReport) -> str:
    analysis = report.analysis
    rules = analysis.thresholds
    w, h, left, bottom, top, right = 480, 300, 44, 40, 12, 20
    inner_w, inner_h = w - left - right, h - top - bottom

    def x(v: float) -> float:
        return left + v * inner_w

    def y(v: float) -> float:  # discrimination from -1 to 1
        return top + (1 - (v + 1) / 2) * inner_h

    parts = [
        f'<svg class="plot" viewBox="0 0 {w} {h}" role="img" aria-labelledby="scatter-t">'
        '<title id="scatter-t">Each item\'s facility (share right, across) against its '
        "discrimination (correlation with the rest of the test, up); flagged items in red. "
        "The table of all items below has the same figures.</title>"
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            f'<line class="grid" x1="{x(tick):.1f}" y1="{top}" x2="{x(tick):.1f}" '
            f'y2="{top + inner_h}"></line><text class="muted" x="{x(tick):.1f}" '
            f'y="{h - bottom + 16}" text-anchor="middle">{tick:.0%}</text>'
        )
    for tick in (-1, -0.5, 0, 0.5, 1):
        parts.append(
            f'<line class="{"axis" if tick == 0 else "grid"}" x1="{left}" y1="{y(tick):.1f}" '
            f'x2="{left + inner_w}" y2="{y(tick):.1f}"></line><text class="muted" '
            f'x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>'
        )
    parts += [
        f'<line class="rule" x1="{left}" y1="{y(rules.low_discrimination):.1f}" '
        f'x2="{left + inner_w}" y2="{y(rules.low_discrimination):.1f}"></line>',
        f'<line class="rule" x1="{x(rules.too_easy):.1f}" y1="{top}" x2="{x(rules.too_easy):.1f}" '
        f'y2="{top + inner_h}"></line>',
        f'<line class="rule" x1="{x(rules.too_hard):.1f}" y1="{top}" x2="{x(rules.too_hard):.1f}" '
        f'y2="{top + inner_h}"></line>',
        f'<text class="muted" x="{left + inner_w / 2}" y="{h - 6}" text-anchor="middle">'
        "Facility (share right)</text>",
        f'<text class="muted" x="14" y="{top + inner_h / 2}" text-anchor="middle" '
        f'transform="rotate(-90 14 {top + inner_h / 2})">Discrimination</text>',
    ]
    for s in analysis.items:
        if s.discrimination is None:
            continue
        cls = "dot flag" if s.flags else "dot"
        cx, cy = x(s.facility), y(max(-1.0, min(1.0, s.discrimination)))
        parts.append(
            f'<circle class="{cls}" cx="{cx:.1f}" cy="{cy:.1f}" r="{6 if s.flags else 4.5}">'
            f"<title>{text(s.item)}: {pct(s.facility)} right, discrimination "
            f"{corr(s.discrimination)}</title></circle>"
        )
        if s.flags:
            anchor = "end" if s.facility > 0.7 else "start"
            dx = -9 if anchor == "end" else 9
            parts.append(
                f'<text x="{cx + dx:.1f}" y="{cy + 4:.1f}" text-anchor="{anchor}">'
                f"{text(_clip(s.item, 24))}</text>"
            )
    parts.append("</svg>")
    return (
        '<section aria-labelledby="scatter"><h2 id="scatter">Facility and discrimination</h2>'
        "<p>Sound items sit above the dashed line of low discrimination and between the "
        f"dashed lines of too hard ({pct(rules.too_hard)}) and too easy "
        f"({pct(rules.too_easy)}). An item below zero was answered better by the weaker "
        "students: look at its key first.</p>"
        f"{''.join(parts)}</section>"
    )


def _histogram_section(report: ClassReport) -> str:
    test = report.analysis.test
    w, h, left, bottom, top = 480, 200, 32, 40, 16
    inner_w, inner_h = w - left - 16, h - top - bottom
    most = max(test.histogram) or 1
    step = inner_w / 10
    parts = [
        f'<svg class="plot" viewBox="0 0 {w} {h}" role="img" aria-labelledby="hist-t">'
        '<title id="hist-t">How many students scored in each tenth: '
        + ", ".join(f"{i * 10}-{i * 10 + 10}%: {n}" for i, n in enumerate(test.histogram))
        + "</title>",
        f'<line class="axis" x1="{left}" y1="{top + inner_h}" x2="{left + inner_w}" '
        f'y2="{top + inner_h}"></line>',
    ]
    for i, n in enumerate(test.histogram):
        bar = n / most * inner_h
        bx = left + i * step
        parts.append(
            f'<rect class="bar" x="{bx + 3:.1f}" y="{top + inner_h - bar:.1f}" '
            f'width="{step - 6:.1f}" height="{bar:.1f}"></rect>'
            f'<text class="muted" x="{bx + step / 2:.1f}" y="{top + inner_h + 16}" '
            f'text-anchor="middle">{i * 10}%</text>'
        )
        if n:
            parts.append(
                f'<text x="{bx + step / 2:.1f}" y="{top + inner_h - bar - 4:.1f}" '
                f'text-anchor="middle">{n}</text>'
            )
    parts.append(
        f'<text class="muted" x="{left + inner_w / 2}" y="{h - 6}" text-anchor="middle">'
        "Score (share of the marks)</text></svg>"
    )
    spread = f", standard deviation {pct(test.sd)}" if test.sd is not None else ""
    return (
        '<section aria-labelledby="hist"><h2 id="hist">Score distribution</h2>'
        f"<p>Mean {pct(test.mean)}, median {pct(test.median)}{spread}.</p>"
        f"{''.join(parts)}</section>"
    )


def _items_table(report: ClassReport) -> str:
    rows = []
    for s in report.analysis.items:
        low, high = s.interval
        flags = ", ".join(dict.fromkeys(SHORT.get(f.code, f.code) for f in s.flags))
        if not flags and s.withheld:
            flags = "too few replies to flag"
        seconds = "–" if s.median_seconds is None else f"{s.median_seconds:.0f} s"
        marked = ' class="flagged"' if s.flags else ""
        rows.append(
            f"<tr{marked}><td>{text(s.item)}</td><td>{text(', '.join(s.fact_ids))}</td>"
            f'<td class="num">{s.n}</td><td class="num">{pct(s.facility)}</td>'
            f'<td class="num">{pct(low)}–{pct(high)}</td>'
            f'<td class="num">{corr(s.discrimination)}</td>'
            f'<td class="num">{corr(s.efficiency)}</td>'
            f'<td class="num">{corr(s.upper_lower)}</td><td class="num">{seconds}</td>'
            f"<td>{text(flags)}</td></tr>"
        )
    return (
        '<section aria-labelledby="items"><h2 id="items">All items</h2><div class="table-wrap">'
        "<table><caption>Per item: replies, share right with its 95% interval, "
        "discrimination (correlation with the rest of the test), discriminative efficiency, "
        "the upper-lower 27% index, median time</caption><thead><tr><th>Item</th>"
        '<th>Facts</th><th class="num">n</th><th class="num">Right</th>'
        '<th class="num">95% interval</th><th class="num">Discrim.</th>'
        '<th class="num">Efficiency</th><th class="num">Upper-lower</th>'
        '<th class="num">Median time</th><th>Flags</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _facts_table(report: ClassReport) -> str:
    rows = "".join(
        f"<tr><td>{text(f.fact)}</td><td>{text(report.fact_lines.get(f.fact, '–'))}</td>"
        f"<td>{text(', '.join(f.items))}</td><td class='num'>{f.n}</td>"
        f'<td class="num">{pct(f.facility)}</td>'
        f"<td>{text(', '.join(dict.fromkeys(SHORT.get(g.code, g.code) for g in f.flags)))}</td>"
        "</tr>"
        for f in report.analysis.facts
    )
    return (
        '<section aria-labelledby="facts"><h2 id="facts">Facts</h2><div class="table-wrap">'
        "<table><caption>Per fact: where it is in the fact file, the items that asked about "
        "it, their replies and share right, and their flags</caption><thead><tr><th>Fact</th>"
        '<th>Where</th><th>Items</th><th class="num">Replies</th><th class="num">Right</th>'
        f"<th>Flags</th></tr></thead><tbody>{rows}</tbody></table></div></section>"
    )


def _footer(report: ClassReport) -> str:
    rules = report.analysis.thresholds
    notes = "".join(f"<li>{text(n)}</li>" for n in report.notes)
    return (
        f"<p>Flags need at least {rules.min_responses} replies to an item; intervals are "
        f"{rules.confidence:.0%} Wilson intervals. Too easy: {pct(rules.too_easy)} right or "
        f"more; too hard: {pct(rules.too_hard)} or less; low discrimination: under "
        f"{rules.low_discrimination}; the top and bottom groups are "
        f"{pct(rules.group_share)} of the class each. Statistics as Moodle's quiz statistics "
        "report computes them.</p>"
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
        + "<p>Made by quizgen.</p>"
    )
