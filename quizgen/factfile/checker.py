"""Turning YAML nodes into values while collecting every problem, for any hand-edited file.

People edit fact files and deck files by hand; the worst help is one error
at a time or a traceback. A :class:`Checker` records a :class:`Problem` with
the file, line, column and field for each mistake and carries on, returning
None for a value it could not read, so the caller can check the rest and
raise one :class:`~quizgen.errors.FactFileError` at the end. It knows YAML
shapes (mappings, lists, text, ids), never what a particular file means.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from quizgen.errors import FactFileError, Problem
from quizgen.factfile.yamldoc import Mapping, Node, Scalar, Sequence, describe
from quizgen.inputs import MAX_FACT_FILE_BYTES, Refused, bad_character, char_name, read_regular
from quizgen.language.text import suggest

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Ids and tags: lower-case ASCII letters, digits and single hyphens, safe in URLs and file
names. An id is checked as written, never after trimming or folding: ``"f1 "`` and ``f1``
with a no-break space are errors, not a second spelling of ``f1`` (which would share its
progress card and its Anki GUIDs)."""
_NOT_ID = re.compile(r"[^a-z0-9-]")
MAX_NUMBER = 1_000_000
"""Default largest whole number in a file (a revision, a reference number)."""


def read_bytes(
    path: str | Path,
    what: str,
    limit: int = MAX_FACT_FILE_BYTES,
    advice: str = "split it into smaller files",
) -> bytes:
    """A regular file's bytes, at most ``limit``; anything else (missing, a folder, a pipe,
    a device, a dangling link or a loop, unreadable, too big) is a one-line problem."""
    try:
        return read_regular(path, what, limit, advice)
    except Refused as why:
        raise FactFileError([Problem(str(path), 0, 0, "", str(why))]) from None


def decode(data: bytes, path: str) -> str:
    """UTF-8 text without a byte-order mark; a bad byte is reported where an editor shows it."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        raise FactFileError(
            [
                Problem(
                    path,
                    line,
                    column,
                    "",
                    f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def declared_ones(ids: Collection[str], most: int = 12) -> str:
    """'; declared: a, b, c' (sorted, the first ``most``), so a mistyped id shows what it
    could have been."""
    shown = sorted(ids)[:most]
    more = f" and {len(ids) - most} more" if len(ids) > most else ""
    return f"; declared: {', '.join(shown)}{more}"


@dataclass
class Checker:
    """Collects problems while turning nodes into values; never stops at the first."""

    path: str
    problems: list[Problem]

    def add(self, node: Node, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.column, field, message))

    def add_at(self, line: int, column: int, field: str, message: str) -> None:
        """A problem at a position kept after its node was dropped (see ``entities``)."""
        self.problems.append(Problem(self.path, line, column, field, message))

    def fields(self, mapping: Mapping, spec: dict[str, bool]) -> None:
        """Report unknown fields (with a did-you-mean) and missing required ones."""
        entries = mapping.entries
        if entries.keys() <= spec.keys() and _required(spec) <= entries.keys():
            return  # the usual case, in two set comparisons
        for key, (key_node, _) in entries.items():
            if key not in spec:
                hint = suggest(key, spec) or f"; expected one of: {', '.join(spec)}"
                self.add(key_node, key, f"unknown field{hint}")
        for name, required in spec.items():
            if required and name not in mapping.entries:
                self.add(mapping, name, "required field is missing")

    def mapping(self, node: Node, field: str) -> Mapping | None:
        if isinstance(node, Mapping):
            return node
        self.add(node, field, f"expected a mapping of fields, got {describe(node)}")
        return None

    def text(self, mapping: Mapping, name: str) -> str | None:
        """The field's text with runs of white space made one space; None if absent or bad."""
        node = mapping.get(name)
        return None if node is None else self.text_node(node, name)

    def text_node(self, node: Node, field: str) -> str | None:
        """A string field's text, runs of white space made one space; None if absent or bad.

        Control characters and bidirectional overrides are refused here, the one
        door every text field passes through (see :mod:`quizgen.inputs`).
        """
        if not isinstance(node, Scalar):
            self.add(node, field, f"expected a string, got {describe(node)}")
            return None
        why = bad_character(node.text)
        if why is not None:
            self.add(node, field, why)
            return None
        text = " ".join(node.text.split()) if node.value is not None else ""
        if not text:
            self.add(node, field, "must not be empty")
            return None
        return text

    def items(self, mapping: Mapping, name: str, *, required: bool) -> list[Node]:
        """The nodes of a list field; [] if it is absent (``required`` only refuses [])."""
        node = mapping.get(name)
        if node is None:
            return []
        if not isinstance(node, Sequence):
            self.add(node, name, f"expected a list, got {describe(node)}")
            return []
        if required and not node.items:
            self.add(node, name, "must not be empty")
        return node.items

    @staticmethod
    def item(mapping: Mapping, name: str, index: int) -> Node:
        """Item ``index`` of a list field, to point a problem at (the mapping if not a list)."""
        node = mapping.get(name)
        return node.items[index] if isinstance(node, Sequence) else mapping

    def text_list(self, mapping: Mapping, name: str, *, required: bool = False) -> list[str]:
        out = []
        for i, item in enumerate(self.items(mapping, name, required=required)):
            text = self.text_node(item, f"{name}[{i}]")
            if text is not None:
                out.append(text)
        return out

    def entries(
        self, mapping: Mapping, name: str, spec: dict[str, bool], *, required: bool = True
    ) -> Iterator[Mapping]:
        """The mappings of a list of records, each with its fields checked against ``spec``."""
        for item in self.items(mapping, name, required=required):
            m = self.mapping(item, name)
            if m is not None:
                self.fields(m, spec)
                yield m

    def ident(self, mapping: Mapping, name: str) -> str | None:
        """An id field, as written (see :data:`ID_PATTERN`); None if absent or bad."""
        node = mapping.get(name)
        if node is None or self.text_node(node, name) is None:
            return None
        return self.ident_text(node, name, "single hyphens")

    def ident_text(self, node: Node, field: str, hyphens: str) -> str | None:
        """The node's text if it is an id exactly as written; else reported, None."""
        raw = node.text if isinstance(node, Scalar) else ""
        if ID_PATTERN.fullmatch(raw):
            return sys.intern(raw)  # one copy of each tag and topic, not one per fact
        bad = _NOT_ID.search(raw)
        unseen = bad is not None and (bad.group().isspace() or not bad.group().isascii())
        hint = f" (it contains {char_name(bad.group())})" if bad and unseen else ""
        self.add(node, field, f"'{raw}' must be lower-case letters, digits and {hyphens}{hint}")
        return None

    def number(
        self,
        mapping: Mapping,
        name: str,
        expected: str,
        advice: str = "",
        *,
        maximum: int = MAX_NUMBER,
    ) -> int | None:
        """A whole number from 1 to ``maximum`` (YAML's true and false are not numbers);
        None if absent. The bound is what the number's consumer can store (Anki keeps
        ids as signed 64-bit integers), so a number that validates never overflows later."""
        node = mapping.get(name)
        if node is None:
            return None
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            if value <= maximum:
                return value
            self.add(node, name, f"{value} is too large (at most {maximum:,}){advice}")
            return None
        self.add(node, name, f"expected {expected}, got {describe(node)}{advice}")
        return None

    def flag(self, mapping: Mapping, name: str) -> bool:
        """A true/false field (false if absent); anything else is reported, read as false."""
        node = mapping.get(name)
        if node is None:
            return False
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, bool):
            return value
        self.add(node, name, f"expected true or false, got {describe(node)}")
        return False

    def ident_list(self, mapping: Mapping, name: str, *, required: bool = False) -> list[str]:
        """A list of tags or ids, each as written; one not in id form is reported, left out."""
        out = []
        for i, item in enumerate(self.items(mapping, name, required=required)):
            field = f"{name}[{i}]"
            if self.text_node(item, field) is not None:
                ident = self.ident_text(item, field, "hyphens")
                if ident is not None:
                    out.append(ident)
        return out

    def declared(
        self, mapping: Mapping, name: str, known: Collection[str], what: str, listed_under: str
    ) -> str | None:
        """An id field that must name one the file declares under ``listed_under``."""
        text = self.ident(mapping, name)
        node = mapping.get(name)
        if text is None or node is None or text in known:
            return text
        hint = (
            suggest(text, known) + declared_ones(known)
            if known
            else f"; declare it under {listed_under}"
        )
        self.add(node, name, f"'{text}' is not a declared {what}{hint}")
        return None

    def choice(self, mapping: Mapping, name: str, allowed: Iterable[str]) -> str | None:
        """The field's text if it is one of ``allowed`` (an enum's values, say); else None."""
        node = mapping.get(name)
        text = None if node is None else self.text_node(node, name)
        if text is None or node is None:
            return text
        values = _values(allowed) if isinstance(allowed, type) else [str(v) for v in allowed]
        if text in values:
            return text
        self.add(node, name, f"'{text}' is not one of: {', '.join(values)}{suggest(text, values)}")
        return None

    def unique(self, seen: dict[str, int], key: str, node: Node, field: str, what: str) -> None:
        """Report ``key`` if already in ``seen`` (key -> first line), else remember it."""
        if key in seen:
            self.add(node, field, f"duplicate {what} '{key}' (first used at line {seen[key]})")
        else:
            seen[key] = node.line


@cache
def _values(enum: type) -> tuple[str, ...]:
    """An enum's values as text, once per enum (a field is checked against them per fact)."""
    return tuple(str(v) for v in enum)  # type: ignore[attr-defined]


_REQUIRED: dict[int, tuple[dict[str, bool], frozenset[str]]] = {}


def _required(spec: dict[str, bool]) -> frozenset[str]:
    """The required fields of a field spec (a module constant), worked out once."""
    found = _REQUIRED.get(id(spec))
    if found is None or found[0] is not spec:
        found = (spec, frozenset(name for name, required in spec.items() if required))
        _REQUIRED[id(spec)] = found
    return found[1]
