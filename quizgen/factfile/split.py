"""A large fact file read on every core the first time: its facts in parts, one part a process.

Reading and checking 100,000 facts takes several times what libyaml alone
takes to parse them, nearly all of it Python working fact by fact, and no fact's
checks depend on another's but for a few that need them all (no id twice,
every declared topic and class used). So a file of some megabytes, on a
machine with cores to spare, is read in parts: part *k* is the file with every
fact outside its run of facts blanked out, line for line, so that each part is
a fact file of its own whose every line and column is where it is in the
whole. Each part is read (:func:`quizgen.factfile.reader.loads`) in a process
of its own (:mod:`quizgen.cores`); the parts' facts, put back in order, are
checked for what needs them all, and the result is the fact base the whole
file gives, with its compiled payload (:mod:`.codec`) for the cache.

A run of facts begins at a line that starts with the facts list's own dash
(``  - ``, at the list's indentation). Such a line cannot be inside a block
scalar or the continuation of a plain one (both are indented further), so a
cut there that is not between two facts leaves a quoted scalar or a flow
collection open, which its part reports. Any problem in any part, and any
part whose first fact is not where its run began, means the file is read
whole instead, so every problem reported comes from reading the whole file,
with its exact position, as it always has.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from quizgen import cores
from quizgen.errors import FactFileError
from quizgen.facts import FactBase

MIN_BYTES = 2 << 20
"""Files smaller than this (about 8,000 facts) are read whole: forking and putting the
parts back together cost more than they save."""
BYTES_PER_UNIT = 64
"""How many bytes of a file count as a unit of work for :func:`quizgen.cores.workers`."""

_FACTS_KEY = re.compile(rb"^facts:[ \t]*(?:#[^\r\n]*)?\r?\n", re.MULTILINE)
_FIRST_ITEM = re.compile(rb"(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*( *)- ")


def load(data: bytes, path: str, *, payload: bool = True) -> tuple[FactBase, bytes | None] | None:
    """The fact base in ``data`` read in parts on several processes, with its compiled
    payload (for :mod:`.compiled`; None unless ``payload``: with no cache to write, it
    is not made); None when the file is not worth splitting or cannot be, or any part
    has a problem: then read it whole."""
    if len(data) < MIN_BYTES:
        return None
    processes = cores.workers(len(data) // BYTES_PER_UNIT)
    if processes < 2:
        return None
    cuts = _cuts(data, processes)
    if cuts is None:
        return None
    start, end, runs = cuts

    def read(first: int, stop: int) -> list[bytes | None]:
        return [
            _read_part(data, path, start, end, runs[k], runs[k + 1]) for k in range(first, stop)
        ]

    try:
        parts = cores.split(len(runs) - 1, read, processes)
    except OSError:  # no process to be had (a limit on processes, no memory): read it whole
        return None
    if any(part is None for part in parts):
        return None
    return _joined(data, path, [p for p in parts if p is not None], runs, payload)


def _cuts(data: bytes, parts: int) -> tuple[int, int, list[int]] | None:
    """Where the facts list starts and ends, and where each run of facts begins (then the
    end); None if the file has no block list of facts to cut."""
    key = _FACTS_KEY.search(data)
    if key is None or _FACTS_KEY.search(data, key.end()) is not None:
        return None  # no facts list at the left margin, or a second one (an error anyway)
    first = _FIRST_ITEM.match(data, key.end())
    if first is None:
        return None
    indent = first.group(1)
    start = first.end(1)
    start = data.rfind(b"\n", 0, start) + 1
    # The list ends at the first line, not blank and not a comment, that is neither one of
    # its items nor indented further than its dashes.
    ending = re.compile(
        rb"^(?!" + re.escape(indent) + rb"[ -]|[ \t]*(?:#|\r?$))", re.MULTILINE
    ).search(data, start)
    end = len(data) if ending is None else ending.start()
    dash = b"\n" + indent + b"- "
    runs = [start]
    for k in range(1, parts):
        at = data.find(dash, max(runs[-1], start + (end - start) * k // parts), end)
        if at < 0:
            break
        runs.append(at + 1)
    runs.append(end)
    return (start, end, runs) if len(runs) > 2 else None


def _read_part(data: bytes, path: str, start: int, end: int, first: int, stop: int) -> bytes | None:
    """The compiled payload of the facts in ``data[first:stop]`` read with the rest of the
    file, the other facts blanked line for line; None if the part has any problem."""
    import marshal

    from quizgen.factfile import codec, reader

    part = b"".join(
        (
            data[:start],
            b"\n" * data.count(b"\n", start, first),
            data[first:stop],
            b"\n" * data.count(b"\n", stop, end),
            data[end:],
        )
    )
    try:
        return marshal.dumps(codec.encode(reader.loads(part, path, whole=False)), 4)
    except (FactFileError, ValueError):  # a problem, or a value marshal cannot hold
        return None


def _joined(
    data: bytes, path: str, payloads: Sequence[bytes], runs: Sequence[int], payload: bool
) -> tuple[FactBase, bytes | None] | None:
    """The parts as one fact base (and its payload), checked for what needs all the facts;
    None if the parts disagree or those checks fail (the whole file then says why)."""
    import marshal

    from quizgen.factfile import codec
    from quizgen.factfile.reader import MAX_FACTS

    record = codec.base_record()
    at = record.names.index("facts")
    parts = [marshal.loads(p) for p in payloads]
    rest = [p[:at] + p[at + 1 :] for p in parts]
    if any(r != rest[0] for r in rest):
        return None  # every part reads the same header, or something is amiss
    counts = [p[at][0] for p in parts]
    if 0 in counts or sum(counts) > MAX_FACTS:
        return None
    columns = tuple(
        tuple(itertools.chain.from_iterable(p[at][1][j] for p in parts))
        for j in range(len(parts[0][at][1]))
    )
    merged: list[Any] = list(parts[0])
    merged[at] = (sum(counts), columns)
    base = codec.decode(tuple(merged), path)
    begun = 0
    for k, count in enumerate(counts):
        line = data.count(b"\n", 0, runs[k]) + 1
        if base.facts[begun].line != line:
            return None  # the run did not begin with a fact of its own
        begun += count
    if not _all_facts_fit(base):
        return None
    return base, marshal.dumps(tuple(merged), 4) if payload else None


def _all_facts_fit(base: FactBase) -> bool:
    """What the parts could not check alone: no fact id twice, every declared topic and
    answer class used (by a fact, or a class by an entity)."""
    ids = {f.id for f in base.facts}
    if len(ids) != len(base.facts):
        return False
    topics = {f.topic for f in base.facts}
    classes = {f.answer_class for f in base.facts} | {e.answer_class for e in base.entities.all}
    return all(t.id in topics for t in base.topics) and all(
        c.id in classes for c in base.answer_classes
    )
