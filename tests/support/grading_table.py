"""The grading table (tests/data/grading/cases.yaml) and the items its cases are about.

Shared by the Python run of the table and the run through the study page's
JavaScript grader in Chromium, so both grade the very same items.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import Any

import yaml

from quizgen.facts import FactBase
from quizgen.generation.bank import Maker
from quizgen.items.shapes import TextItem
from tests.support.data import DATA, shipped_base

CASES = DATA / "grading" / "cases.yaml"


@dataclass(frozen=True, slots=True)
class Case:
    fact: str
    kind: str
    prompt: str
    answer: str
    reply: str
    label: str
    klass: str
    note: str
    review: int | str
    """The review's seed, or the name of a probe set (probe-grading4)."""
    old: str

    @property
    def counted(self) -> bool:
        """Labelled right or wrong (debatable ones are kept but not counted)."""
        return self.label in ("right", "wrong")


def _yaml(text: str) -> Any:
    """The rows of a table file, read by libyaml where it is installed (the same data as
    PyYAML's Python parser, a fifth of the time on the 2 MB table)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def cases() -> tuple[Case, ...]:
    rows = _yaml(CASES.read_text("utf-8"))
    return tuple(
        Case(
            r["fact"],
            r["kind"],
            r["prompt"],
            r["answer"],
            str(r["reply"]),
            r["label"],
            r["class"],
            r["note"] or "",
            _review(r["review"] if "review" in r else r["reviewer"]),
            r["old"] if "old" in r else r["verdict"],
        )
        for r in rows
    )


def _review(value: object) -> int | str:
    return value if isinstance(value, str) and not value.isdigit() else int(str(value))


def item(base: FactBase, case: Case) -> TextItem | None:
    """The item the case is about, as the reviewer saw it (prompt and key), with the
    accepted answers the fact gives now; None if the fact is no longer asked typed or as a
    blank (its answer is worded, say)."""
    made = _made(base, case.fact, case.kind)
    if made is None:
        return None
    if (made.prompt, made.answer) != (case.prompt, case.answer):
        # the key the reviewer saw, and every name the fact takes now, its key among them
        # (SOHR, now written out: the Syrian Observatory for Human Rights)
        accepted = made.accepted
        if made.answer != case.answer and made.answer not in accepted:
            accepted = (made.answer, *accepted)
        made = replace(made, question=case.prompt, answer=case.answer, accepted=accepted)
    return made


_MADE: dict[tuple[int, str, str], tuple[FactBase, TextItem | None]] = {}
"""Items made, by fact base (its identity: hashing a whole base for each of the table's
thousands of cases took seconds), fact and kind; the base is kept so its id is not reused."""


def _made(base: FactBase, fact: str, kind: str) -> TextItem | None:
    key = (id(base), fact, kind)
    if key not in _MADE:
        made = Maker(base).make(kind, base.fact(fact), seed=0)
        _MADE[key] = (base, made if isinstance(made, TextItem) else None)
    return _MADE[key][1]


def shipped_items() -> list[tuple[Case, TextItem]]:
    """Every case whose item is still asked, with that item (over the shipped facts)."""
    base = shipped_base()
    out = []
    for case in cases():
        found = item(base, case)
        if found is not None:
            out.append((case, found))
    return out


PROBES = DATA / "grading" / "probes.yaml"


def shipped_probes() -> tuple[list[tuple[dict[str, str], TextItem]], list[str]]:
    """The author's probes (tests/data/grading/probes.yaml) whose item is still asked,
    with that item, and the facts of those that are not: as for the table's cases, a
    probe of a fact now asked by recognition only stays in the file (its label holds if
    the fact is typed again) but has no item to grade."""
    base = shipped_base()
    asked, unasked = [], []
    for row in _yaml(PROBES.read_text("utf-8")):
        made = _made(base, row["fact"], row["kind"])
        if made is None:
            unasked.append(row["fact"])
        else:
            asked.append(({k: str(v) for k, v in row.items()}, made))
    return asked, unasked
