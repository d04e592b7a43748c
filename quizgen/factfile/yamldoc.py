"""Safe YAML reading that remembers where every value came from.

PyYAML's ``safe_load`` is not enough for a file people edit by hand: it keeps
the last of two duplicate keys without a word, forgets line numbers, and
expands aliases into arbitrarily large structures ("billion laughs"). So this
module builds its own small tree straight from the parser's event stream:
no recursion (deep nesting cannot overflow the stack), a depth limit, a budget
for what aliases may add, and only the YAML core scalar types.

A large file's tree would cost far more memory than what is made of it (about
4 KB of nodes per fact), so a caller may name one top-level list to *stream*:
each of its items is handed over as soon as it is complete and then dropped,
and memory grows with what the caller keeps, not with the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from quizgen.errors import FactFileError, Problem

MAX_DEPTH = 64
"""Deepest nesting of lists and mappings accepted; a fact file needs about 4."""

MAX_ALIAS_NODES = 100_000
"""How many nodes aliases may add in all before the file is taken for an alias bomb."""

_CONSTRUCTED = frozenset(f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null"))
"""Implicit types whose value is not the scalar's text."""
_INT = "tag:yaml.org,2002:int"
_DECIMAL = re.compile(r"[1-9][0-9]{0,17}|0")
"""Integers written the plain way, up to 18 digits; everything else YAML 1.1 reads as an
int (a sign, a leading 0 for octal, 0x, 0b, underscores, base 60, thousands of digits)
goes through PyYAML's constructor."""
_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


@dataclass(slots=True, eq=False)
class Scalar:
    """A leaf value; ``text`` is exactly what was written, ``value`` what it means in YAML."""

    value: bool | int | float | str | None
    text: str
    line: int
    column: int
    size: int = 1


@dataclass(slots=True, eq=False)
class Sequence:
    """A list; ``streamed`` counts the items handed to a consumer instead of kept."""

    items: list[Node]
    line: int
    column: int
    size: int = 1
    streamed: int = 0


@dataclass(slots=True, eq=False)
class Mapping:
    """Keys in file order; a repeated key is reported, and its first value kept."""

    entries: dict[str, tuple[Scalar, Node]]
    line: int
    column: int
    size: int = 1

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None


Node: TypeAlias = Scalar | Sequence | Mapping


@dataclass(slots=True)
class Document:
    root: Node
    problems: list[Problem] = field(default_factory=list)


Consumer: TypeAlias = Callable[[Node, "Mapping"], None]
"""Takes one streamed item and the top-level mapping as read so far (the keys before
the streamed list, complete; the rest not yet)."""


def describe(node: Node | None) -> str:
    """Name a node's type the way a person would, for 'expected X, got Y' messages."""
    if node is None:
        return "nothing"
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a mapping"
    if node.value is None:
        return "nothing"
    if isinstance(node.value, bool):
        return "true/false"
    if isinstance(node.value, int | float):
        return "a number"
    return "a string"


def _loader_class(pure: bool) -> Any:
    import yaml

    if not pure and hasattr(yaml, "CSafeLoader"):
        return yaml.CSafeLoader
    return yaml.SafeLoader


class _Stop(Exception):
    """Raised inside the builder when reading cannot go on; carries the reason."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


class _Builder:
    """Turns parser events into nodes with an explicit stack instead of recursion."""

    def __init__(self, path: str, stream: tuple[str, Consumer] | None = None) -> None:
        import yaml

        self.path = path
        self.stream = stream
        self.streaming: Sequence | None = None  # the list whose items go to the consumer
        self.yaml = yaml
        self.resolver: Any = yaml.resolver.Resolver()  # its stubs leave resolve() untyped
        self.constructor = yaml.constructor.SafeConstructor()
        self.anchors: dict[str, Node] = {}
        self.alias_nodes = 0
        self.problems: list[Problem] = []
        # Each open collection: the node, its anchor, and a pending mapping key.
        self.stack: list[tuple[Sequence | Mapping, str | None, list[Scalar | None]]] = []
        self.root: Node | None = None
        self.documents = 0

    def stop(self, mark: Any, message: str) -> _Stop:
        return _Stop(Problem(self.path, mark.line + 1, mark.column + 1, "", message))

    def check_tag(self, tag: str | None, mark: Any) -> None:
        if tag is not None and tag != "!" and tag not in _CORE_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise self.stop(mark, f"tag '{shown}' is not allowed (only plain YAML data)")

    def scalar(self, event: Any) -> Scalar:
        mark = event.start_mark
        self.check_tag(event.tag, mark)
        text: str = event.value
        if (
            event.tag is None
            and self.stack
            and self.stack[-1][2][0] is None
            and isinstance(self.stack[-1][0], Mapping)
        ):
            return Scalar(text, text, mark.line + 1, mark.column + 1)  # a key: its text is all
        if event.tag in (None, "!"):
            tag = self.resolver.resolve(self.yaml.ScalarNode, text, event.implicit)
        else:
            tag = event.tag
        value: bool | int | float | str | None = text
        if tag in (
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null",
        ):
            construct = self.constructor.yaml_constructors[tag]
            try:
                value = construct(self.constructor, self.yaml.ScalarNode(tag, text))
            except Exception as exc:  # PyYAML's constructors raise IndexError too ('!!int ""')
                raise self.stop(mark, f"{text!r} is not a valid {tag.rsplit(':', 1)[1]}") from exc
        return Scalar(value, text, mark.line + 1, mark.column + 1)

    def add(self, node: Node, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = node
        if not self.stack:
            self.root = node
            return
        parent, _, pending = self.stack[-1]
        parent.size += node.size
        if parent is self.streaming and self.stream is not None:
            assert isinstance(parent, Sequence)
            self.hand_over(parent, node)
        elif isinstance(parent, Sequence):
            parent.items.append(node)
        elif pending[0] is None:
            if not isinstance(node, Scalar):
                raise _Stop(
                    Problem(
                        self.path, node.line, node.column, "", "mapping keys must be plain strings"
                    )
                )
            pending[0] = node
        else:
            key = pending[0]
            pending[0] = None
            first = parent.entries.get(key.text)
            if first is not None:
                self.duplicate(key, first[0])
            else:
                parent.entries[key.text] = (key, node)

    def duplicate(self, key: Scalar, first: Scalar) -> None:
        self.problems.append(
            Problem(
                self.path,
                key.line,
                key.column,
                key.text,
                f"duplicate key (first given at line {first.line}, "
                f"column {first.column}); only one value is allowed",
            )
        )

    def hand_over(self, streaming: Sequence, node: Node) -> None:
        """Give a complete item of the streamed list to the consumer, not to the tree."""
        assert self.stream is not None
        root = self.stack[0][0]
        assert isinstance(root, Mapping)
        streaming.streamed += 1
        self.stream[1](node, root)

    def open(self, node: Sequence | Mapping, event: Any) -> None:
        self.check_tag(event.tag, event.start_mark)
        if len(self.stack) >= MAX_DEPTH:
            raise self.stop(event.start_mark, f"nesting is deeper than {MAX_DEPTH} levels")
        if (
            self.stream is not None
            and self.streaming is None
            and len(self.stack) == 1
            and isinstance(node, Sequence)
            and isinstance(self.stack[0][0], Mapping)
        ):
            key = self.stack[0][2][0]
            if (
                key is not None
                and key.text == self.stream[0]
                and key.text not in self.stack[0][0].entries
            ):  # a repeated key is not streamed
                self.streaming = node
        self.stack.append((node, event.anchor, [None]))

    def close(self) -> None:
        node, anchor, _ = self.stack.pop()
        self.add(node, anchor)

    def alias(self, event: Any) -> None:
        target = self.anchors.get(event.anchor)
        if target is None:
            raise self.stop(
                event.start_mark, f"alias '*{event.anchor}' names no anchor defined before it"
            )
        self.alias_nodes += target.size
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise self.stop(
                event.start_mark,
                f"aliases expand the document by more than {MAX_ALIAS_NODES:,} values "
                "(an alias bomb?); write the values out instead",
            )
        self.add(target, None)

    def feed(self, loader: Any) -> None:
        """Build the tree from the loader's events, then dispose of the loader.

        One loop with the commonest case written out: a plain or quoted scalar,
        without anchor or tag, that is a key or a value of a mapping or an item
        of a list. It is nine events in ten of a fact file, and doing for it only
        what the general path (:meth:`scalar`, :meth:`add`) would do takes the
        builder's own share of reading from over 1.5 times libyaml's to about
        half. Everything else takes the general path.
        """
        ev = self.yaml.events
        scalar_event, alias_event, document_event = (
            ev.ScalarEvent,
            ev.AliasEvent,
            ev.DocumentStartEvent,
        )
        map_start, map_end = ev.MappingStartEvent, ev.MappingEndEvent
        seq_start, seq_end = ev.SequenceStartEvent, ev.SequenceEndEvent
        implicit_resolvers = {
            key: tuple(found) for key, found in self.resolver.yaml_implicit_resolvers.items()
        }
        wildcard = implicit_resolvers.pop(None, ())
        stack = self.stack
        get_event = loader.get_event
        try:
            while (event := get_event()) is not None:
                kind = type(event)
                if kind is scalar_event:
                    if not stack or event.anchor is not None or event.tag not in (None, "!"):
                        self.add(self.scalar(event), event.anchor)
                        continue
                    text: str = event.value
                    parent, _, pending = stack[-1]
                    key = pending[0]
                    is_mapping = type(parent) is Mapping
                    if is_mapping and key is None and event.tag is None:  # a key: its text
                        mark = event.start_mark
                        pending[0] = Scalar(text, text, mark.line + 1, mark.column + 1)
                        parent.size += 1
                        continue
                    resolved = None
                    if event.implicit[0]:  # plain: YAML's implicit types, as Resolver.resolve
                        for tag, pattern in (
                            implicit_resolvers.get(text[:1], ()) + wildcard
                            if text
                            else implicit_resolvers.get("", ()) + wildcard
                        ):
                            if pattern.match(text):
                                resolved = tag
                                break
                    value: int | str = text
                    if resolved in _CONSTRUCTED:
                        if resolved != _INT or not _DECIMAL.fullmatch(text):
                            self.add(self.scalar(event), None)
                            continue
                        value = int(text)  # a plain decimal, as PyYAML's int constructor reads it
                    mark = event.start_mark
                    node = Scalar(value, text, mark.line + 1, mark.column + 1)
                    parent.size += 1
                    if is_mapping:
                        if key is None:
                            pending[0] = node
                            continue
                        pending[0] = None
                        entries = parent.entries  # type: ignore[union-attr]
                        if key.text in entries:
                            self.duplicate(key, entries[key.text][0])
                        else:
                            entries[key.text] = (key, node)
                    elif parent is self.streaming and self.stream is not None:
                        self.hand_over(parent, node)
                    else:
                        parent.items.append(node)  # type: ignore[union-attr]
                elif kind is map_start:
                    mark = event.start_mark
                    self.open(Mapping({}, mark.line + 1, mark.column + 1), event)
                elif kind is map_end or kind is seq_end:
                    self.close()
                elif kind is seq_start:
                    mark = event.start_mark
                    self.open(Sequence([], mark.line + 1, mark.column + 1), event)
                elif kind is alias_event:
                    self.alias(event)
                elif kind is document_event:
                    self.document(event)
        finally:
            loader.dispose()

    def document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.stop(event.start_mark, "expected one YAML document, found a second ('---')")


_OPENING_QUOTE = re.compile(r"""^(\s*(?:-\s+(?:[\w-]+:\s+)?|[\w-]+:\s+))(["'])(.*)$""")
_NEXT_FIELD = re.compile(r"^(\s*)(?:-\s|[\w-]+:(?:\s|$))")
_FIELD_VALUE = re.compile(r"^(\s*(?:-\s+)?)([\w-]+):\s+(.*\S)\s*$")


def _closing(quote: str, rest: str, start: int) -> int:
    """The column of the quote that closes a text whose first character is at column
    ``start`` and which goes on with ``rest`` (a large number if none does on this line):
    ``''`` is a quote inside single quotes, ``\\"`` inside double quotes."""
    i = 0
    while i < len(rest):
        if quote == '"' and rest[i] == "\\":
            i += 2
            continue
        if rest[i] == quote:
            if quote == "'" and rest[i + 1 : i + 2] == "'":
                i += 2
                continue
            return start + 1 + i
        i += 1
    return 1 << 30


def _closed(quote: str, rest: str) -> bool:
    """Whether a quoted YAML text that goes on with ``rest`` ends on this line."""
    return _closing(quote, rest, 0) < 1 << 30


def _unclosed_quote(text: str, before: int) -> tuple[int, int, str] | None:
    """The last line before line ``before`` (0-based) whose text opens a quote it does not
    close: (line, column, quote), both 0-based. A quoted text may go on over lines in
    YAML, so such a quote makes the parser fail far below it, or nowhere near it."""
    found = None
    lines = text.splitlines()
    for number, line in enumerate(lines[:before]):
        match = _OPENING_QUOTE.match(line)
        if match and not _closed(match.group(2), match.group(3)) and _left_open(lines, number):
            found = (number, len(match.group(1)), match.group(2))
    return found


def _left_open(lines: list[str], number: int) -> bool:
    """Whether the quote opened on line ``number`` was left open by mistake: the next line
    that holds anything is a field of its own, no deeper than the quote's (a text that
    goes on over lines on purpose goes on indented)."""
    lead = re.match(r"\s*(?:-\s+)?", lines[number])
    indent = lead.end() if lead else 0  # where its key starts ("- id:" counts the dash)
    for line in lines[number + 1 :]:
        if line.strip():
            field = _NEXT_FIELD.match(line)
            return field is not None and len(field.group(1)) <= indent
    return True


def _hinted(text: str, line: int, column: int, problem: str) -> tuple[int, int, str]:
    """Where a YAML syntax error really is and what usually fixes it: an unclosed quote
    above it, or a ': ' inside a text, which needs quotes."""
    opened = _unclosed_quote(text, line)
    if opened is not None:
        at, col, quote = opened
        return (
            at,
            col,
            f"the quote opened here is not closed on its line, so YAML read on to line "
            f"{line + 1} ({problem}); end the text with {quote}",
        )
    lines = text.splitlines()
    here = _OPENING_QUOTE.match(lines[line]) if line < len(lines) else None
    if here is not None and column > _closing(here.group(2), here.group(3), here.end(1)):
        quote = here.group(2)
        inner = '\\"' if quote == '"' else "''"
        return (
            line,
            column,
            f"{problem}: the text's quotes end before the text does; a {quote} inside a "
            f"text quoted with {quote} is written {inner}",
        )
    if problem.startswith("mapping values are not allowed"):
        field = _FIELD_VALUE.match(lines[line]) if line < len(lines) else None
        if field is not None:
            value = field.group(3).replace("\\", "\\\\").replace('"', '\\"')
            if len(value) > 40:
                value = value[:37] + "…"
            return (
                line,
                column,
                f"{problem}: a text that contains ': ' must be in quotes, as in "
                f'{field.group(2)}: "{value}"',
            )
    if "found character '\\t'" in problem:
        return line, column, f"{problem}: indent with spaces, not tabs"
    return line, column, problem


def _yaml_error_problem(path: str, source: str | bytes, exc: Exception) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    message = getattr(exc, "problem", None) or str(exc)
    if mark is None and hasattr(exc, "position"):  # ReaderError: a character YAML forbids
        text = source if isinstance(source, str) else source.decode("utf-8", "replace")
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        code = getattr(exc, "character", None)
        shown = f"U+{code:04X}" if isinstance(code, int) else repr(code)
        return Problem(path, line, column, "", f"character {shown} is not allowed in YAML")
    if mark is None:
        return Problem(path, 1, 1, "", f"YAML syntax error: {message}")
    text = source if isinstance(source, str) else source.decode("utf-8", "replace")
    line, column, said = _hinted(text, mark.line, mark.column, message)
    return Problem(path, line + 1, column + 1, "", f"YAML syntax error: {said}")


def read(
    text: str | bytes, path: str, *, pure: bool = False, stream: tuple[str, Consumer] | None = None
) -> Document:
    """Parse one YAML document into position-tagged nodes.

    Problems that stop reading (syntax, forbidden tags, bombs, nesting) raise
    :class:`FactFileError`; duplicate keys are collected in
    ``Document.problems`` so they can be reported with everything else.
    ``pure`` forces PyYAML's Python parser even when libyaml is present.
    ``text`` may be UTF-8 bytes already checked by the caller: libyaml reads
    them as they are, where a string it would first copy into UTF-8.
    ``stream`` is (key, consumer): each item of the top-level list under
    ``key`` goes to the consumer when complete and is not kept in the tree
    (the list is left empty, with ``streamed`` counting its items).
    """
    import yaml

    builder = _Builder(path, stream)
    loader = _loader_class(pure)
    if isinstance(text, bytes) and loader is not getattr(yaml, "CSafeLoader", None):
        text = text.decode("utf-8")
    try:
        builder.feed(loader(text))
    except _Stop as stop:
        raise FactFileError([stop.problem]) from None
    except yaml.YAMLError as exc:
        raise FactFileError([_yaml_error_problem(path, text, exc)]) from None
    if builder.root is None:
        raise FactFileError([Problem(path, 1, 1, "", "file is empty")])
    return Document(builder.root, builder.problems)
