"""Overruled replies: what learners said the grader got wrong, with the fix each suggests.

Every "I was right" (terminal, plain mode, study page) is kept: in the progress
store for the first two, in a file the study page offers for the third. A teacher
runs ``quizgen audit --overruled``: each reply is listed with its fact and what to
do about it, usually a name to add to the entity (so the next learner who writes
it is marked right), sometimes a warning that the reply names another thing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from quizgen.errors import QuizgenError
from quizgen.facts import DATE_KIND_PRECISION, POOLED_KINDS, AnswerKind, FactBase
from quizgen.grading.reading import key
from quizgen.grading.spec import World
from quizgen.grading.spec import world as make_world
from quizgen.inputs import Refused, bad_character, read_regular

MAX_FILE_BYTES = 4 << 20
"""Largest overruled-answers file read (the study page writes a few KB)."""


class OverruledFileError(QuizgenError):
    """A file of overruled answers that cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class OverruledReply:
    """One overruled reply: the fact it answered, what was asked and what was typed."""

    fact_id: str
    kind: str
    reply: str
    where: str
    """'progress' or the file it came from."""


@dataclass(frozen=True, slots=True)
class Overruled:
    """The same reply to the same fact, overruled ``times`` times, with the fix it suggests."""

    fact_id: str
    question: str
    answer: str
    reply: str
    times: int
    suggestion: str

    def to_dict(self) -> dict[str, object]:
        """The fields in their order, the fact's id under ``fact``."""
        fields = asdict(self)
        return {"fact": fields.pop("fact_id"), **fields}


def report(base: FactBase, replies: Iterable[OverruledReply]) -> list[Overruled]:
    """Each distinct (fact, reply) overruled, most often first, then in file order."""
    counts: dict[tuple[str, str], int] = {}
    first: dict[tuple[str, str], OverruledReply] = {}
    for r in replies:
        k = (r.fact_id, key(r.reply) or r.reply)
        counts[k] = counts.get(k, 0) + 1
        first.setdefault(k, r)
    world = make_world(base.facts, base.entities)
    order = {f.id: i for i, f in enumerate(base.facts)}
    out = []
    for k, n in counts.items():
        r = first[k]
        try:
            fact = base.fact(r.fact_id)
        except KeyError:
            out.append(
                Overruled(r.fact_id, "", "", r.reply, n, "no such fact in this file any more")
            )
            continue
        out.append(
            Overruled(fact.id, fact.question, fact.answer, r.reply, n, _suggest(base, world, r))
        )
    return sorted(out, key=lambda o: (-o.times, order.get(o.fact_id, len(order))))


def _suggest(base: FactBase, world: World, r: OverruledReply) -> str:
    fact = base.fact(r.fact_id)
    k = key(r.reply)
    entity = base.entity(fact.entity)
    if fact.answer_kind in DATE_KIND_PRECISION or fact.answer_kind in (
        AnswerKind.NUMBER,
        AnswerKind.PERIOD,
    ):
        return (
            f"a {fact.answer_kind.value} written in a way the grader does not read; if a "
            "teacher accepts it, report it (it is no name to add)"
        )
    others = [o for o in world.owners.get(k, ()) if o != fact.entity]
    if others:
        return f"'{r.reply}' is a name of {', '.join(others)} too: check before adding it" + (
            f" to entity '{entity.id}'" if entity else ""
        )
    if entity is not None:
        return f"add '{r.reply}' to the aliases of entity '{entity.id}' (line {entity.line})"
    what = "its answer's other names" if fact.answer_kind in POOLED_KINDS else "its aliases"
    return f"add '{r.reply}' to {what}: the fact's aliases (line {fact.line})"


def overruled_answers(base: FactBase, home: Path, files: Sequence[Path] = ()) -> list[Overruled]:
    """Every overruled reply to ``base``'s facts: from the progress store in ``home`` (if
    there is one) and from each study-page file in ``files``."""
    from quizgen.progress import ProgressStore

    replies: list[OverruledReply] = []
    store = ProgressStore.for_reading(home, base) if home.exists() or not files else None
    if store is not None:
        with store:
            replies += [
                OverruledReply(row.fact_ids[0], row.kind, row.response, "progress")
                for row in store.answers(overruled=True)
                if row.fact_ids
            ]
    for path in files:
        replies += from_file(path, base)
    return report(base, replies)


def from_file(path: Path, base: FactBase) -> list[OverruledReply]:
    """The replies in a file the study page wrote ("Download the answers you overruled"),
    checked at the edge: its size, its JSON, its fact set and every text in it."""
    try:
        raw = read_regular(path, "overruled-answers file", MAX_FILE_BYTES)
        doc = json.loads(raw.decode("utf-8"))
    except Refused as why:
        raise OverruledFileError(str(why)) from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise OverruledFileError(f"{path}: not a JSON file of overruled answers ({exc})") from None
    if not isinstance(doc, dict) or doc.get("quizgen") != "overruled":
        raise OverruledFileError(f"{path}: not a file of overruled answers from a study page")
    if doc.get("set") != base.id:
        raise OverruledFileError(
            f"{path}: made for the fact set '{doc.get('set')}', not '{base.id}'; "
            "use the fact file the study page was made from (--facts)"
        )
    entries = doc.get("overruled")
    if not isinstance(entries, list):
        raise OverruledFileError(f"{path}: 'overruled' is not a list")
    out = []
    for i, e in enumerate(entries):
        facts = e.get("facts") if isinstance(e, dict) else None
        reply = e.get("reply") if isinstance(e, dict) else None
        kind = e.get("kind", "typed") if isinstance(e, dict) else None
        if (
            not isinstance(facts, list)
            or not facts
            or not all(isinstance(f, str) for f in facts)
            or not isinstance(reply, str)
            or not isinstance(kind, str)
        ):
            raise OverruledFileError(f"{path}: entry {i + 1} is not an overruled answer")
        for text in (reply, kind, *facts):
            bad = bad_character(text)
            if bad is not None:
                raise OverruledFileError(f"{path}: entry {i + 1}: {bad}")
        out.append(OverruledReply(facts[0], kind, reply, str(path)))
    return out


def lines(found: Sequence[Overruled]) -> list[str]:
    """The report as text, one block per overruled reply."""
    if not found:
        return ["No overruled answers."]
    out = [f"{len(found)} overruled repl{'y' if len(found) == 1 else 'ies'}:"]
    for o in found:
        times = f" ({o.times} times)" if o.times > 1 else ""
        out += [
            f"- {o.fact_id}: {o.question}",
            f"  answer: {o.answer} · reply: {o.reply}{times}",
            f"  {o.suggestion}",
        ]
    return out
