"""The item analysis in words and table rows, for the terminal: what ``quizgen analyse`` prints.

Pure: the command lays the rows out as a table and prints the lines. Percentages
are whole numbers and correlations two decimals, as Moodle's report shows them; an
item's interval is always beside its facility, so a figure from a handful of
replies does not look like more than it is.
"""

from __future__ import annotations

from quizgen.analysis.classroom import ClassReport
from quizgen.analysis.itemstats import NO_ANSWER, OTHER, ItemStats
from quizgen.language.wrapping import wrap

COLUMNS = ("Item", "n", "Right", "95% CI", "Discr.", "U-L", "Flags")
"""Discr.: the item's correlation with the rest of the test; U-L: the upper-lower index."""
SHORT = {
    "too-easy": "too easy",
    "too-hard": "too hard",
    "low-discrimination": "low discr.",
    "negative-discrimination": "negative discr.",
    "unused-distractor": "unused option",
    "key-error": "key?",
    "common-wrong-reply": "wrong reply?",
}


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def corr(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def headline(report: ClassReport) -> str:
    test = report.analysis.test
    reliability = (
        f"{test.alpha_name} reliability {test.alpha:.2f}"
        if test.alpha is not None
        else f"{test.alpha_name}: too few students answered every item"
    )
    return (
        f"Item analysis: {test.students} student{'s' if test.students != 1 else ''}, "
        f"{test.items} item{'s' if test.items != 1 else ''} · mean score {pct(test.mean)} · "
        f"{reliability}"
    )


def item_rows(report: ClassReport) -> list[tuple[str, ...]]:
    """Each item's row: id, replies, share right, its interval, discrimination, upper-lower
    index, and its flags in short."""
    rows: list[tuple[str, ...]] = []
    for s in report.analysis.items:
        low, high = s.interval
        flags = ", ".join(dict.fromkeys(SHORT.get(f.code, f.code) for f in s.flags))
        rows.append(
            (s.item, str(s.n), pct(s.facility), f"{low * 100:.0f}-{high * 100:.0f}%",
             corr(s.discrimination), corr(s.upper_lower),
             flags or ("(too few)" if s.withheld else ""))
        )  # fmt: skip
    return rows


def table_lines(report: ClassReport, width: int | None) -> list[str]:
    """The items as a table, columns padded; at a ``width`` too narrow for that, each item
    as its id on a line and its figures, labelled, wrapped under it."""
    rows = item_rows(report)
    sizes = [max(len(r[i]) for r in [COLUMNS, *rows]) for i in range(len(COLUMNS) - 1)]
    fixed = sum(sizes) + 2 * (len(sizes) - 1)
    if width is not None and fixed > width:
        out = []
        for item, n, right, ci, discr, ul, flags in rows:
            figures = f"  {n} replies · {right} right ({ci}) · discr. {discr} · U-L {ul}"
            out += [item, *wrap(figures + (f" · {flags}" if flags else ""), width, "    ")]
        return out

    def line(cells: tuple[str, ...]) -> list[str]:
        first = cells[0].ljust(sizes[0])
        middle = "  ".join(c.rjust(w) for c, w in zip(cells[1:-1], sizes[1:], strict=True))
        whole = f"{first}  {middle}  {cells[-1]}".rstrip()
        if width is None or len(whole) <= width:
            return [whole]
        return [f"{first}  {middle}", *wrap(f"  {cells[-1]}", width, "  ")]

    return [part for cells in [COLUMNS, *rows] for part in line(cells)]


def options_line(stats: ItemStats) -> str | None:
    """'Options (all / top 27% / bottom 27%): Abu Kamal* 55/100/10 · ...' (the key starred)."""
    if not stats.options:
        return None
    shown = [
        f"{o.option}{'*' if o.key else ''} {o.share * 100:.0f}/{_whole(o.upper)}/{_whole(o.lower)}"
        for o in stats.options
        if o.count or o.option not in (OTHER, NO_ANSWER)
    ]
    return "Options, % of all / top 27% / bottom 27% (* the key): " + " · ".join(shown)


def _whole(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}"


def flag_lines(report: ClassReport) -> list[str]:
    """Each flagged item: its facts and where they are, each flag's reason, its options."""
    out: list[str] = []
    for s in report.analysis.flagged():
        facts = ", ".join(report.where(f) for f in s.fact_ids) or "no known fact"
        out.append(f"{s.item} ({s.kind or 'item'}) · {facts}")
        out += [f"  - {f.reason}" for f in s.flags]
        options = options_line(s)
        if options:
            out.append(f"  {options}")
        if s.overruled:
            out.append("  Overruled by learners: " + ", ".join(f"'{r}'" for r in s.overruled))
    return out


def overruled_lines(report: ClassReport) -> list[str]:
    """Items no flag names whose replies learners overruled ("I was right"): each reply is
    a form the grader may be missing, so the teacher sees it even when the figures are
    fine (flagged items list theirs under their flags)."""
    out: list[str] = []
    flagged = {s.item for s in report.analysis.flagged()}
    for s in report.analysis.items:
        if s.overruled and s.item not in flagged:
            facts = ", ".join(report.where(f) for f in s.fact_ids) or "no known fact"
            out.append(f"{s.item} ({s.kind or 'item'}) · {facts}")
            out.append("  Overruled by learners: " + ", ".join(f"'{r}'" for r in s.overruled))
    return out


def distribution_line(report: ClassReport) -> str:
    test = report.analysis.test
    bins = ", ".join(f"{i * 10}-{i * 10 + 10}%: {n}" for i, n in enumerate(test.histogram) if n)
    spread = f", standard deviation {pct(test.sd)}" if test.sd is not None else ""
    return f"Scores (students per band): {bins}. Median {pct(test.median)}{spread}."


def footer_lines(report: ClassReport) -> list[str]:
    rules = report.analysis.thresholds
    out = [
        f"Flags need at least {rules.min_responses} replies to an item; the interval is "
        f"{rules.confidence:.0%} (Wilson's). Too easy: {pct(rules.too_easy)} right or more; "
        f"too hard: {pct(rules.too_hard)} or less; low discrimination: under "
        f"{rules.low_discrimination}."
    ]
    out += [f"Note: {n}" for n in report.notes]
    return out
