"""``quizgen stats`` as lines of text: charts at a terminal, tables everywhere else.

Where people would rather look than read, the due forecast for the next 30
days is a column chart and accuracy per week a row of bars; with ``--plain``
or output that is not a terminal (a screen reader, a script, a file) the same
figures come as plain tables. ``NO_COLOR`` changes nothing here: the charts have
no colour to take away. Kinds are named in words and weeks by the date they start.
Pure: the CLI decides which and prints the lines; tests compare them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from quizgen.facts import FactBase
from quizgen.language.wrapping import wrap, wrap_all
from quizgen.study.stats import Stats, Tally, Weak, bar

_EIGHTHS = " ▁▂▃▄▅▆▇█"
HEIGHT = 6
WEEKS = 12


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def columns(values: list[int], height: int = HEIGHT) -> list[str]:
    """A column chart, one character per value, ``height`` rows of eighth blocks; a value
    above zero always shows at least the lowest block."""
    top = max(values, default=0)
    if top == 0:
        return [" " * len(values)] * (height - 1) + ["▁" * len(values)]
    eighths = [max(1, round(v * height * 8 / top)) if v else 0 for v in values]
    rows = []
    for level in range(height - 1, -1, -1):
        rows.append("".join(_EIGHTHS[min(8, max(0, e - level * 8))] for e in eighths))
    return rows


def forecast_chart(figures: Stats) -> list[str]:
    days = [n for _, n in figures.forecast]
    if not days:
        return []
    top = max(days)
    busiest = figures.forecast[days.index(top)][0] if top else None
    title = "Due in the next 30 days" + (f" (most: {top} on {busiest})" if busiest else ": nothing")
    width = len(str(top))
    chart = columns(days)
    lines = [title]
    for i, row in enumerate(chart):
        label = str(top) if i == 0 else "0" if i == len(chart) - 1 else ""
        lines.append(f"{label:>{width}} │{row}")
    ticks = "".join("|" if i % 7 == 0 else " " for i in range(len(days)))
    lines.append(f"{'':>{width}} └{ticks}")
    marks = "today  +7     +14    +21    +28"
    lines.append(f"{'':>{width}}  {marks[: len(days) + 2]}")
    return lines


def week_name(week: str) -> str:
    """An ISO week ('2026-W10') as the date it starts on, as people read it: '2 Mar 2026'."""
    year, _, number = week.partition("-W")
    monday = date.fromisocalendar(int(year), int(number), 1)
    return f"{monday.day} {monday:%b} {monday.year}"


def kind_name(kind: str) -> str:
    """A question kind as people say it ('Multiple choice'), not as ``--kinds`` takes it."""
    from quizgen import items

    if kind == "flashcard":
        return "Flashcard"
    return next((k.label for k in items.kinds() if k.kind == kind), kind)


def items_line(parts: Sequence[str], width: int | None) -> list[str]:
    """Parts joined by ' · ', on as few lines as fit ``width``; a line that must break
    breaks between parts, and each part carried over keeps its '·' before it."""
    if width is None or len(" · ".join(parts)) <= width:
        return [" · ".join(parts)]
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part if not lines else "· " + part)
    return [piece for line in lines for piece in wrap(line, width)]


def week_bars(weeks: Mapping[str, Tally], width: int) -> list[str]:
    recent = list(weeks.items())[-WEEKS:]
    if not recent:
        return []
    size = max(10, min(30, width - 34))
    names = {week: week_name(week) for week, _ in recent}
    longest = max(len(n) for n in names.values())
    lines = ["Accuracy per week (each from its Monday)"]
    for week, tally in recent:
        lines.append(
            f"  {names[week]:<{longest}}  {bar(tally.accuracy, size)} {tally.accuracy:>4.0%}"
            f"  ({tally.answered})"
        )
    return lines


def table(
    title: str, header: tuple[str, ...], rows: list[tuple[str, ...]], width: int | None = None
) -> list[str]:
    """A plain table: columns padded with spaces, no rules (screen readers read it well).

    Too wide for ``width``, each row becomes a line of its own, 'label: Header value,
    ...', which then wraps like any text: nothing is cut.
    """
    if not rows:
        return []
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    fmt = "  " + "  ".join(f"{{:<{w}}}" for w in widths)
    if width is None or sum(widths) + 2 * len(widths) <= width:
        return [title, fmt.format(*header).rstrip(), *(fmt.format(*r).rstrip() for r in rows)]
    return [
        title,
        *(
            f"- {r[0]}: "
            + ", ".join(f"{h.lower()} {v}" for h, v in zip(header[1:], r[1:], strict=True))
            for r in rows
        ),
    ]


def _tally_rows(
    rows: Mapping[str, Tally],
    label: Callable[[str], str] = str,
) -> list[tuple[str, ...]]:
    return [
        (label(k), str(t.answered), str(t.correct), f"{t.accuracy:.0%}") for k, t in rows.items()
    ]


def weak_lines(base: FactBase, weak: Weak) -> list[str]:
    lines: list[str] = []
    if weak.missed:
        lines.append("Most missed (quizgen quiz --missed drills them)")
        for fact_id, missed, asked in weak.missed:
            lines.append(f"  - {fact_id}: missed {missed} of {asked} — {_statement(base, fact_id)}")
    if weak.lapsed:
        lines.append("Lapsed cards (forgotten after they were learnt)")
        for fact_id, lapses in weak.lapsed:
            lines.append(f"  - {fact_id}: {_plural(lapses, 'lapse')} — {_statement(base, fact_id)}")
    return lines


def _statement(base: FactBase, fact_id: str) -> str:
    try:
        return base.fact(fact_id).statement
    except KeyError:
        return "(no longer in the fact file)"


def render(
    base: FactBase, figures: Stats, weak: Weak, *, charts: bool, width: int | None
) -> list[str]:
    """Everything ``quizgen stats`` prints, wrapped to ``width`` (None: not wrapped)."""
    total = figures.total
    heads = ("Answers", "Right", "Accuracy")
    sections: list[tuple[list[str], bool]] = [
        (
            [
                *items_line(
                    [
                        f"Answers: {total.answered}, correct: {total.correct} "
                        f"({total.accuracy:.0%})",
                        f"facts studied: {figures.studied}",
                        f"streak: {_plural(figures.streak, 'day')}",
                    ],
                    width,
                ),
                *items_line(
                    [
                        f"Due today: {figures.due_today}",
                        f"due in the next 7 days: {figures.due_week}",
                    ],
                    width,
                ),
            ],
            False,
        )
    ]
    if charts:  # drawn to fit: only their titles are wrapped
        for chart in (
            forecast_chart(figures) if figures.studied else [],
            week_bars(figures.by_week, width or 80),
        ):
            sections.append((wrap_all(chart[:1], width) + chart[1:], False))
    else:
        sections += [
            (
                table(
                    "Due in the next 30 days",
                    ("Day", "Due"),
                    [(d.isoformat(), str(n)) for d, n in figures.forecast if n],
                    width,
                ),
                True,
            ),
            (
                table(
                    "Accuracy per week",
                    ("Week of", *heads),
                    _tally_rows(dict(list(figures.by_week.items())[-WEEKS:]), week_name),
                    width,
                ),
                True,
            ),
        ]
    sections += [
        (
            table(
                "Last 14 days",
                ("Day", *heads),
                _tally_rows(dict(list(figures.by_day.items())[-14:])),
                width,
            ),
            True,
        ),
        (
            table(
                "By topic", ("Topic", *heads), _tally_rows(figures.by_topic, base.topic_name), width
            ),
            True,
        ),
        (
            table(
                "By question kind",
                ("Kind", *heads),
                _tally_rows(figures.by_kind, kind_name),
                width,
            ),
            True,
        ),
        (weak_lines(base, weak), True),
    ]
    if not total.answered:
        sections.append((["No answers yet: start with 'quizgen quiz' or 'quizgen review'."], True))
    out: list[str] = []
    for lines, wrapped in sections:
        if lines:
            out += ([""] if out else []) + (wrap_all(lines, width) if wrapped else lines)
    return out
