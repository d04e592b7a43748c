"""The fingerprint lock: a correction to a fact must raise its revision, or Anki keeps the old card.

Anki takes in a corrected note only when its modification time went up, and
quizgen's is the fact's ``revision``; a fact edited without raising it
silently stays as it was in every collection. People forget, so quizgen
keeps ``quizgen.lock`` beside the deck definitions (committed with them):
for each fact, the revision and a fingerprint of everything its Anki notes
show. :func:`check` finds the facts whose cards changed while their revision
did not (``quizgen validate`` fails on them, naming each), and :func:`revise`
raises exactly those revisions in the fact file, editing the text at the
``revision`` value's place (or adding one line after the ``id``), so
comments, quoting and layout stay as they were, and records the new lock.

The fingerprint covers what the cards show: question, answer, statement,
explanation, the source labels, the cloze note's text before its blank and the
words the blank hides, the answer kind (which decides the reversed card) and
the tags. Wrong answers, aliases and dates reach a card only through the cloze
note (an alias may be what its blank hides), so editing them needs a new
revision only when that changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from quizgen.errors import FactFileError, Problem
from quizgen.factfile import yamldoc
from quizgen.factfile.checker import decode, read_bytes
from quizgen.facts import Fact, FactBase, spans

LOCK_NAME = "quizgen.lock"
HEADER = (
    "# quizgen.lock: each fact's revision and a fingerprint of its Anki cards.\n"
    "# Written by 'quizgen revise'; 'quizgen validate' fails on a fact whose cards\n"
    "# changed while its revision did not. Commit it with the deck definitions.\n"
)


def fingerprint(base: FactBase, fact: Fact) -> str:
    """16 hex digits of SHA-256 over what the fact's notes show (stable across runs)."""
    cloze = spans.blanked(fact)
    content = {
        "question": fact.question,
        "answer": fact.answer,
        "statement": fact.statement,
        "explanation": fact.explanation or "",
        "answer_kind": fact.answer_kind.value,
        "sources": [base.source_label(s) for s in fact.source],
        "tags": list(fact.tags),
        "cloze": None if not cloze else [cloze.before, cloze.hidden, *filter(None, [cloze.hint])],
    }
    data = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


Lock = dict[str, tuple[int, str]]
"""fact id -> (revision, fingerprint)."""


def lock_path(decks_dir: Path) -> Path:
    return decks_dir / LOCK_NAME


def read_lock(path: Path) -> Lock | None:
    """The lock at ``path``; None if there is none. A malformed line is a FactFileError."""
    if not path.exists():
        return None
    text = decode(read_bytes(path, "lock file"), str(path))
    lock: Lock = {}
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 3 or not parts[1].isdigit():
            problems.append(
                Problem(
                    str(path),
                    number,
                    1,
                    "",
                    "expected 'fact-id revision "
                    "fingerprint'; run 'quizgen revise' to write the lock anew",
                )
            )
            continue
        lock[parts[0]] = (int(parts[1]), parts[2])
    if problems:
        raise FactFileError(problems)
    return lock


def make_lock(base: FactBase) -> Lock:
    return {f.id: (f.revision, fingerprint(base, f)) for f in base.facts}


def lock_text(lock: Lock) -> str:
    """The lock file: a header, then one line a fact, sorted by id (diffs stay small)."""
    rows = (f"{fact_id} {rev} {fp}\n" for fact_id, (rev, fp) in sorted(lock.items()))
    return HEADER + "".join(rows)


@dataclass(frozen=True, slots=True)
class Stale:
    """A fact whose cards changed since the lock recorded it at the same (or a later) revision."""

    fact: Fact
    locked: int

    def problem(self, path: str) -> Problem:
        if self.fact.revision < self.locked:
            message = (
                f"fact '{self.fact.id}': revision {self.fact.revision} is lower than the "
                f"{self.locked} recorded in {LOCK_NAME}; revisions only go up"
            )
        else:
            message = (
                f"fact '{self.fact.id}' changed since revision {self.locked} but its "
                f"revision was not raised, so Anki would not update its notes; run "
                f"'quizgen revise' to raise it to {self.locked + 1}"
            )
        return Problem(path, self.fact.line, 1, "revision", message)


@dataclass(frozen=True, slots=True)
class LockReport:
    stale: list[Stale]
    """Facts that must get a new revision: ``quizgen validate`` fails on them."""
    unrecorded: list[str]
    """Facts new to the lock, or revised by hand: fine, but ``quizgen revise`` records them."""
    removed: list[str]
    """Ids the lock has and the file no longer does."""


def check_lock(base: FactBase, lock: Lock) -> LockReport:
    stale, unrecorded = [], []
    for fact in base.facts:
        if fact.id not in lock:
            unrecorded.append(fact.id)
            continue
        revision, locked = lock[fact.id]
        if fact.revision < revision or (
            fact.revision == revision and fingerprint(base, fact) != locked
        ):
            stale.append(Stale(fact, revision))
        elif fact.revision > revision:
            unrecorded.append(fact.id)
    ids = {f.id for f in base.facts}
    return LockReport(stale, unrecorded, sorted(set(lock) - ids))


def lock_problems(base: FactBase, decks_dir: Path | None) -> tuple[list[Problem], list[str]]:
    """What ``quizgen validate`` reports of the lock: problems (it fails) and notes.

    No decks folder or no lock: nothing to check (a fact file without Anki decks).
    """
    if decks_dir is None:
        return [], []
    path = lock_path(decks_dir)
    lock = read_lock(path)
    if lock is None:
        return [], [
            f"no {path}: 'quizgen revise' writes one, so that a fact edited without "
            "a raised revision is caught"
        ]
    report = check_lock(base, lock)
    notes = []
    waiting = len(report.unrecorded) + len(report.removed)
    if waiting:
        notes.append(
            f"{path} does not record {waiting} fact{'s' * (waiting != 1)} yet (new, "
            "removed, or revised by hand): run 'quizgen revise' to record "
            f"{'them' if waiting != 1 else 'it'}"
        )
    return [s.problem(base.path) for s in report.stale], notes


def raise_revisions(text: str, path: str, revisions: dict[str, int]) -> str:
    """``text`` with each named fact's revision set, nothing else in the file changed."""
    doc = yamldoc.read(text, path)
    root = doc.root
    facts = root.get("facts") if isinstance(root, yamldoc.Mapping) else None
    if not isinstance(facts, yamldoc.Sequence):
        raise FactFileError([Problem(path, 1, 1, "facts", "no list of facts to revise")])
    lines = text.split("\n")
    inserts: list[tuple[int, str]] = []
    for node in facts.items:
        if not isinstance(node, yamldoc.Mapping) or "id" not in node.entries:
            continue
        key, value = node.entries["id"]
        if not isinstance(value, yamldoc.Scalar) or value.value not in revisions:
            continue
        new = revisions[str(value.value)]
        if lines[node.line - 1][node.column - 1 :].startswith("{"):
            raise FactFileError(
                [
                    Problem(
                        path,
                        node.line,
                        node.column,
                        "revision",
                        f"fact '{value.value}' is a flow mapping; set 'revision: {new}' by hand",
                    )
                ]
            )
        entry = node.entries.get("revision")
        if entry is not None and isinstance(entry[1], yamldoc.Scalar):
            old = entry[1]
            line = lines[old.line - 1]
            at = line.index(old.text, old.column - 1)
            lines[old.line - 1] = line[:at] + str(new) + line[at + len(old.text) :]
        else:
            ending = "\r" if lines[key.line - 1].endswith("\r") else ""
            inserts.append((key.line, " " * (key.column - 1) + f"revision: {new}{ending}"))
    for after, line in sorted(inserts, reverse=True):
        lines.insert(after, line)
    return "\n".join(lines)


def revise(facts_path: Path, base: FactBase, decks_dir: Path) -> tuple[list[Stale], str, str]:
    """The new fact file text and lock text, raising every stale fact's revision by one.

    Pure: the caller writes both files (and reloads the fact base to check it).
    Returns the stale facts, the fact file text and the lock text.
    """
    path = lock_path(decks_dir)
    lock = read_lock(path) or {}
    report = check_lock(base, lock)
    raised = {s.fact.id: max(s.fact.revision, s.locked) + 1 for s in report.stale}
    raw = read_bytes(facts_path, "fact file")
    text = decode(raw, str(facts_path))
    new_text = raise_revisions(text, str(facts_path), raised) if raised else text
    if raw.startswith(b"\xef\xbb\xbf"):
        new_text = "\ufeff" + new_text
    fresh = make_lock(base)
    fresh.update((fact_id, (rev, fresh[fact_id][1])) for fact_id, rev in raised.items())
    return report.stale, new_text, lock_text(fresh)
