"""Synthetic fact files of any size, in the real schema, for benchmarks and scale tests.

Run: python bench/synth.py N [-o FILE] [--seed S]

Facts get realistic kinds (places, groups, people, dates, years, numbers, free
text), dates spread over 1948-2024 at day, month and year precision, answers
written into their statements (so cloze, true/false and timelines work), and
curated wrong answers on some facts, as in the real file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quizgen.facts import (
    AnswerClass,
    AnswerKind,
    Article,
    Fact,
    FactBase,
    Reference,
    Topic,
)
from quizgen.language.dates import FactDate
from quizgen.language.text import fold

TOPICS = ["base", "construction", "strikes", "places", "groups", "conflicts", "events"]
SYLLABLES = [
    "al",
    "ka",
    "bu",
    "mar",
    "sa",
    "din",
    "ha",
    "ra",
    "qa",
    "im",
    "zor",
    "tan",
    "fa",
    "nu",
    "ja",
    "ba",
    "lu",
    "me",
    "ri",
    "so",
]
PLACE_CLASSES = ["", "", "", "Governorate", "District", "border crossing"]
ORG_CLASSES = ["", "", "Brigades", "Movement", "Forces", "Front"]
KINDS = (
    [AnswerKind.PLACE] * 5
    + [AnswerKind.ORGANIZATION] * 5
    + [AnswerKind.PERSON] * 2
    + [AnswerKind.DATE] * 3
    + [AnswerKind.MONTH]
    + [AnswerKind.YEAR] * 2
    + [AnswerKind.NUMBER] * 3
    + [AnswerKind.COUNTRY]
    + [AnswerKind.TEXT] * 2
)


def name(rng: Random, words: int = 2) -> str:
    return " ".join(
        "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title()
        for _ in range(words)
    )


def distinct(rng: Random, answer: str, count: int, make: Callable[[], str]) -> tuple[str, ...]:
    """``count`` made-up wrong answers, unlike the answer and each other (as validation wants)."""
    out: list[str] = []
    seen = {fold(answer)}
    while len(out) < count:
        text = make()
        if fold(text) not in seen:
            seen.add(fold(text))
            out.append(text)
    return tuple(out)


def make_fact(i: int, rng: Random) -> Fact:
    kind = rng.choice(KINDS)
    topic = rng.choice(TOPICS)
    date = None
    wrong: tuple[str, ...] = ()
    answer_class = None
    if kind in (AnswerKind.DATE, AnswerKind.MONTH, AnswerKind.YEAR):
        year = rng.randint(1948, 2024)
        month = rng.randint(1, 12) if kind is not AnswerKind.YEAR else None
        day = rng.randint(1, 28) if kind is AnswerKind.DATE else None
        date = FactDate(year, month, day)
        answer = str(date)
        statement = f"Event {i} took place in {answer}."
        question = f"When did event {i} take place?"
    elif kind is AnswerKind.NUMBER:
        answer = str(
            rng.choice([rng.randint(2, 20), rng.randint(20, 999), rng.randint(1000, 99999)])
        )
        statement = f"Strike {i} left {answer} people injured."
        question = f"How many people did strike {i} leave injured?"
        if rng.random() < 0.5:
            date = FactDate(rng.randint(1990, 2024), rng.randint(1, 12), rng.randint(1, 28))
    elif kind is AnswerKind.TEXT:
        answer = f"a {name(rng, 1).lower()} project"
        statement = f"Report {i} described the site as {answer}."
        question = f"How did report {i} describe the site?"
        wrong = distinct(rng, answer, 3, lambda: f"a {name(rng, 1).lower()} project")
    else:
        classes = PLACE_CLASSES if kind is AnswerKind.PLACE else ORG_CLASSES
        noun = rng.choice(classes) if kind in (AnswerKind.PLACE, AnswerKind.ORGANIZATION) else ""
        answer = f"{name(rng)} {noun}".strip()
        answer_class = class_id(kind, noun)
        statement = f"Item {i} is associated with {answer}."
        question = f"With what is item {i} associated?"
        if rng.random() < 0.3:
            wrong = distinct(rng, answer, rng.randint(1, 3), lambda: name(rng))
    return Fact(
        id=f"fact-{i}",
        topic=topic,
        statement=statement,
        question=question,
        answer=answer,
        answer_kind=kind,
        source=(rng.randint(1, 11),),
        tags=(f"tag-{rng.randint(1, 40)}",),
        date=date,
        wrong_answers=wrong,
        answer_class=answer_class,
    )


def class_id(kind: AnswerKind, noun: str) -> str:
    """The answer class a synthetic name belongs to: its kind, and its class noun if any."""
    return "-".join([kind.value, *noun.lower().split()])


def synthetic_base(n: int, seed: int = 0) -> FactBase:
    rng = Random(seed)
    facts = tuple(make_fact(i, rng) for i in range(n))
    used = sorted({f.answer_class for f in facts if f.answer_class})
    return FactBase(
        answer_classes=tuple(AnswerClass(c, c.replace("-", " ").title()) for c in used),
        title=f"Synthetic ({n} facts)",
        version="0",
        updated="2026-01-01",
        license="CC BY-SA 4.0",
        attribution="Synthetic benchmark data.",
        topics=tuple(Topic(t, t.title()) for t in TOPICS),
        references=tuple(Reference(i, f"Ref {i}", "Publisher", f"Ref {i}.") for i in range(1, 12)),
        articles=(Article("main", "Main article"),),
        facts=facts,
    )


def to_yaml(base: FactBase) -> str:
    import yaml

    doc = base.to_dict()
    doc.pop("license_url")
    for section in ("topics", "articles", "answer_classes"):
        for entry in doc[section]:
            if entry.get("description") is None:
                entry.pop("description", None)
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("-o", "--output", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    text = to_yaml(synthetic_base(args.n, args.seed))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output} ({args.n} facts, {len(text):,} bytes)")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
