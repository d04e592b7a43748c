"""The interactive front end: questionary prompts, keyboard only, fitted to the screen.

Multiple choice and true/false are select lists: an option's label (a number, or a
letter where the options are figures) or the arrow keys point at an option, typing
moves to the option whose text it begins, and Enter records the option pointed at,
never after keys that match no option (see :class:`TypeAhead`);
typed and fill-in-the-blank answers are text prompts; a timeline is ordered by
picking the earliest remaining event again and again; matching pairs each
name by picking its statement from those left. In a timeline or a matching, a
pick can be undone (Backspace, or the "Undo" choice) until the answer is
confirmed. After a typed answer marked wrong, o says "I was right" (any other key
goes on); in review the rating offer that follows every verdict (1-4, Enter keeps the
rating) holds it, one prompt for both. Flashcards reveal with Space (or any key) and
grade with 1-4, Space for Good, each grade showing its next interval. Esc or Ctrl-C at
any prompt stops the session (the engine saves what was answered and prints a summary).

Everything is wrapped at word boundaries to the console's width: the question
is printed above a short prompt, and long options are wrapped into
multi-line choices, so nothing is cut at 40 columns. ``input`` and ``output``
are prompt_toolkit's, injectable for tests.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from quizgen.facts import FactBase
from quizgen.items import Item
from quizgen.items.base import InvalidReply, Response, Shape, label_text, labels
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from quizgen.language.text import fold
from quizgen.language.wrapping import wrap
from quizgen.scheduling.cards import Rating
from quizgen.study import feedback
from quizgen.study.session import Answer, Offer

UNDO = "\x00undo"
DONE = "\x00done"
OVERRULE = "\x00overrule"
POINTER = 3
"""Columns questionary puts before a choice (" » ")."""


SETTLE = 0.3
"""Seconds after a prompt is answered during which keys still count as typed for it: a
key that follows one that answered ("2" then Enter, "y" then Enter) is dropped, never
taken as the answer to what comes next."""


def _keys(question: Any, results: dict[str, Any]) -> Any:
    """Esc stops the session the way Ctrl-C does; each key of ``results`` ends the prompt
    with its value at once (digits for grades, o for "I was right")."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    extra = KeyBindings()

    @extra.add("escape", eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    for key, value in results.items():
        extra.add(key, eager=True)(lambda event, v=value: event.app.exit(result=v))
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, extra]) if app.key_bindings else extra
    return question


SHOWN_TYPED = 12
"""At most this many typed characters are echoed under a list (the last ones), so the
line fits 40 columns."""


@dataclass
class TypeAhead:
    """What keys typed into a select list point at: the pure part of :func:`_pick`.

    A label (a digit, or a letter where the options are figures) points at its option;
    other characters gather into a typed buffer that points at the first option whose
    text it begins ("170" at "170 km", "31 D" at "31 December 2020"), and Backspace
    edits it. Typing that begins no option points nowhere and is ``refused``: Enter
    then records nothing until the learner picks (a label, arrows, or typing that
    matches), so a stray key never becomes an answer.
    """

    labels: list[str]
    """The label of each choice ('' for one that has none, such as "Undo the last pick")."""
    texts: list[str]
    """Each choice's text, without its label."""
    typed: str = ""
    refused: bool = False

    def press(self, char: str) -> int | None:
        """The choice a typed character points at, None to leave the pointer where it is."""
        label = char.lower()
        if not self.typed:
            if label in self.labels:
                return self._label(label)
            if char.isspace():
                return None
        found = self._find(self.typed + char)
        if found is None and label in self.labels:  # "9", then "b": the b means option b
            return self._label(label)
        if found is None and self.refused and self._find(char) is not None:
            # "7" refused, then "10": the learner starts over rather than meaning "710"
            self.typed, found = "", self._find(char)
        self.typed += char
        self.refused = found is None
        return found

    def backspace(self) -> int | None:
        """One typed character fewer; the choice the rest points at, if any."""
        self.typed = self.typed[:-1]
        found = self._find(self.typed) if self.typed else None
        self.refused = bool(self.typed) and found is None
        return found

    def moved(self) -> None:
        """The learner moved with the arrows: typing starts afresh."""
        self.typed, self.refused = "", False

    def message(self) -> str:
        """The line under the list: what was typed, and why Enter does nothing."""
        if not self.typed:
            return ""
        shown = (
            self.typed if len(self.typed) <= SHOWN_TYPED else "…" + self.typed[1 - SHOWN_TYPED :]
        )
        if not self.refused:
            return f"typed: {shown} (Backspace edits)"
        keys = [k for k in self.labels if k]
        if not keys:
            return f"no option {shown} — use the arrows"
        kind = "a number" if keys[0].isdigit() else "a letter"
        return f"no option {shown} — type {kind} {keys[0]}–{keys[-1]}"

    def _label(self, label: str) -> int:
        self.moved()
        return self.labels.index(label)

    def _find(self, typed: str) -> int | None:
        wanted = _folded(typed)
        if not wanted:
            return None
        return next((i for i, t in enumerate(self.texts) if _folded(t).startswith(wanted)), None)


def _folded(text: str) -> str:
    """fold(), keeping a trailing space: typed "31 " is a word, not a prefix of "310"."""
    folded = fold(text)
    return folded + " " if folded and text.endswith(" ") else folded


def _pick(question: Any, typing: TypeAhead, results: dict[str, Any]) -> Any:
    """A select list where the key pressed is the option recorded (see :class:`TypeAhead`):
    labels and typing move the pointer, arrows move it and clear what was typed, Enter
    takes the option pointed at unless what was typed matches none, and the line under
    the list says what was typed. Backspace edits the typing, or (with nothing typed)
    ends the prompt with ``results["backspace"]`` where there is one (undo)."""
    from prompt_toolkit.filters import Condition, is_done
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys
    from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, Window
    from questionary.prompts.common import InquirerControl

    undo = results.pop("backspace", None)
    _keys(question, results)
    app = question.application
    control = next(c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl))
    picks = KeyBindings()

    def point(index: int | None) -> None:
        if index is not None:
            control.pointed_at = index

    @picks.add(Keys.Any)
    def _typed(event: Any) -> None:
        if event.data.isprintable():
            point(typing.press(event.data))

    @picks.add("backspace", eager=True)
    def _backspace(event: Any) -> None:
        if typing.typed:
            point(typing.backspace())
        elif undo is not None:
            event.app.exit(result=undo)

    def _move(step: int) -> Callable[[Any], None]:
        def move(event: Any) -> None:
            typing.moved()
            control.pointed_at = (control.pointed_at + step) % len(control.choices)

        return move

    for key, step in (("down", 1), ("up", -1), ("c-n", 1), ("c-p", -1)):
        picks.add(key, eager=True)(_move(step))

    @picks.add("enter", eager=True)
    def _enter(event: Any) -> None:
        if typing.refused:
            return  # the line under the list already says why
        control.is_answered = True
        event.app.exit(result=control.get_pointed_at().value)

    app.key_bindings = merge_key_bindings([app.key_bindings, picks])
    line = Window(FormattedTextControl(lambda: [("class:instruction", typing.message())]))
    shown = Condition(lambda: bool(typing.typed)) & ~is_done
    app.layout.container.children.append(ConditionalContainer(line, filter=shown))
    return question


def _preview(message: str, instruction: str, titles: list[str]) -> None:
    """Draw questionary's select list as plain text, then put the cursor back at its top.

    Importing questionary and prompt_toolkit takes longer than loading the fact
    file, so the first question is drawn before they are imported; their first
    paint starts at the cursor and erases below it, replacing this text in place
    (keys pressed meanwhile wait for the list). The titles are already wrapped to
    fit, so each of their lines is one row.
    """
    lines = [f"? {message} {instruction}".rstrip()]
    for i, title in enumerate(titles):
        first, *rest = title.split("\n")
        lines += [f" » {first}" if i == 0 else f"   {first}", *rest]
    sys.stdout.write("\n".join(lines) + f"\n\r\x1b[{len(lines)}A")
    sys.stdout.flush()


class InteractiveFrontend:
    def __init__(
        self,
        base: FactBase,
        *,
        input: Any = None,
        output: Any = None,
        console_file: TextIO | None = None,
        width: int | None = None,
    ) -> None:
        from rich.console import Console

        self.base = base
        self.io: dict[str, Any] = {
            k: v for k, v in (("input", input), ("output", output)) if v is not None
        }
        self.console = Console(file=console_file, highlight=False, width=width)
        self.answered = 0.0
        """When the last prompt was answered (time.monotonic), for :meth:`_settle`."""
        self.block = 0
        """Rows printed since a timeline's or matching's picks began, to redraw on undo."""

    @property
    def width(self) -> int:
        """Columns to wrap to: the console's less one, so no line fills the last column."""
        return max(20, self.console.width - 1)

    # -- drawing ---------------------------------------------------------------------
    def show(self, text: str, style: str = "", indent: int = 0) -> None:
        from rich.text import Text

        parts = wrap(" " * indent + text, self.width)
        for part in parts:
            self.console.print(Text(part, style=style), no_wrap=True, overflow="ignore")
        self.block += len(parts)

    def _title(self, label: str | None, text: str) -> str:
        """A choice as lines that fit beside questionary's pointer."""
        head = f"{label_text(label)} " if label is not None else ""
        return "\n".join(
            wrap(head + text, self.width - POINTER - 1, indent=" " * (POINTER + len(head)))
        )

    def _settle(self) -> None:
        """Drop what was typed for the prompt before: wait until :data:`SETTLE` seconds
        have passed since it was answered, then empty the terminal's input queue and
        prompt_toolkit's typeahead. Only at a real terminal (tests' pipes feed their
        keys in advance, on purpose)."""
        if self.io or not sys.stdin.isatty():
            return
        wait = SETTLE - (time.monotonic() - self.answered)
        if wait > 0:
            time.sleep(wait)
        try:
            import termios

            termios.tcflush(sys.stdin.fileno(), termios.TCIFLUSH)
        except (ImportError, OSError, ValueError):
            pass
        if "prompt_toolkit" in sys.modules:
            from prompt_toolkit.input import create_input
            from prompt_toolkit.input.typeahead import clear_typeahead

            clear_typeahead(create_input())

    def _done(self, value: Any) -> Any:
        """A prompt's answer, noting when it was given (see :meth:`_settle`)."""
        self.answered = time.monotonic()
        if value is None:
            raise KeyboardInterrupt
        return value

    def _select(
        self,
        message: str,
        options: list[str],
        *,
        extra: Sequence[tuple[str, str]] = (),
        keys: dict[str, str] | None = None,
        default: str | None = None,
        numbered: bool = True,
        instruction: str = "(arrows, Enter)",
    ) -> str:
        keys = dict(keys or {})
        shortcuts = labels(options) if numbered else []
        if shortcuts:
            keyed = f"{shortcuts[0]}-{shortcuts[-1]}" if len(shortcuts) > 1 else shortcuts[0]
            instruction = {
                "(arrows, Enter)": f"({keyed} or arrows, Enter)",
                "(Backspace: undo)": f"({keyed}, Enter; Backspace: undo)",
            }.get(instruction, instruction)
        if len(f"? {message} {instruction}") > self.width:  # questionary would cut it
            instruction = " "
        titles = [self._title(shortcuts[i] if numbered else None, o) for i, o in enumerate(options)]
        titles += [self._title(None, title) for title, _ in extra]
        if (
            "questionary" not in sys.modules
            and not self.io
            and sys.stdout.isatty()
            and default is None
        ):
            _preview(message, instruction, titles)
        import questionary
        from questionary import Choice

        values = [*options, *(value for _, value in extra)]
        choices = [Choice(title, value=value) for title, value in zip(titles, values, strict=True)]
        # The list is erased once answered (a multi-line choice would otherwise be echoed
        # beside the message, past the width); callers print what was picked.
        texts = [*options, *(title for title, _ in extra)]
        typing = TypeAhead(
            [*shortcuts, *([""] * len(extra))] if shortcuts else [""] * len(texts), texts
        )
        picked = _pick(
            questionary.select(
                message,
                choices=choices,
                instruction=instruction,
                default=default,
                erase_when_done=True,
                # keys type (j and k too): typing moves to the option it begins
                use_jk_keys=False,
                use_emacs_keys=False,
                **self.io,
            ),
            typing,
            keys,
        ).unsafe_ask()
        return str(self._done(picked))

    def _text(self, message: str, item: Item | None = None) -> str:
        import questionary

        def valid(reply: str) -> bool | str:
            """questionary shows a returned string under the prompt and asks again."""
            try:
                if item is not None:
                    item.parse(reply)
            except InvalidReply as invalid:
                return str(invalid)
            return True

        typed = _keys(questionary.text(message, validate=valid, **self.io), {}).unsafe_ask()
        return str(self._done(typed))

    # -- asking ----------------------------------------------------------------------
    def ask(self, question: Item, number: int, total: int) -> Response:
        q = question
        self._settle()
        self.console.print()
        if q.shape is Shape.SELF:
            return self._self_graded(q, number, total)
        self.show(
            f"Question {number} of {total} · {q.label} · {self.base.topic_name(q.topic)}", "bold"
        )
        if isinstance(q, TruthItem):
            self.show(f"True or false: {q.prompt}")
            return self._picked(self._select("Your answer:", list(q.options)))
        self.show(q.prompt)
        if isinstance(q, ChoiceItem):
            return self._picked(self._select("Your answer:", list(q.options)))
        if isinstance(q, TextItem):
            return self._text("Your answer:", q)
        if isinstance(q, OrderItem):
            return self._order(list(q.options))
        assert isinstance(q, PairsItem)
        return self._pairs(list(q.names), list(q.statements))

    def _picked(self, text: str, prefix: str = "Your answer: ", indent: int = 0) -> str:
        self.show(prefix + text, "dim", indent)
        return text

    def _confirm_or_undo(self, what: str) -> bool:
        """True to submit; False to undo the last pick."""
        return (
            self._select(
                f"Submit {what}?",
                [],
                extra=[("Submit", DONE), ("Undo the last pick", UNDO)],
                keys={"backspace": UNDO},
                instruction="(Backspace: undo)",
            )
            == DONE
        )

    def _order(self, options: list[str]) -> list[str]:
        """Pick the earliest left, again and again; Backspace undoes a pick; confirm."""
        order: list[str] = []
        self.block = 0

        def shown() -> list[str]:
            return [f"{i + 1}. {o}" for i, o in enumerate(order)]

        while True:
            left = [o for o in options if o not in order]
            if len(left) == 1:
                if not order:
                    self.show("Your order:", "dim")
                order.append(self._picked(left[0], f"{len(order) + 1}. ", 2))
                if self._confirm_or_undo("this order"):
                    return order
                undone = [order.pop(), order.pop()]
                self._redraw("Your order:", shown(), undone)
                continue
            pick = self._select(
                "Which comes first?" if not order else "Which next?",
                left,
                extra=[("Undo the last pick", UNDO)] if order else [],
                keys={"backspace": UNDO} if order else {},
                instruction="(Backspace: undo)" if order else "(arrows, Enter)",
            )
            if pick == UNDO:
                undone = [order.pop()]
                self._redraw("Your order:", shown(), undone)
            else:
                if not order:
                    self.show("Your order:", "dim")
                order.append(self._picked(pick, f"{len(order) + 1}. ", 2))

    def _redraw(self, heading: str, lines: list[str], undone: list[str]) -> None:
        """After an undo: at a terminal, the picks so far drawn again in place of the
        list that still showed the undone ones; elsewhere, a line per undone pick."""
        if not self.console.is_terminal:
            for text in undone:
                self.show(f"Undone: {text}", "dim", 2)
            return
        if self.block:
            self.console.file.write(f"\x1b[{self.block}A\r\x1b[J")
            self.console.file.flush()
        self.block = 0
        if lines:
            if heading:
                self.show(heading, "dim")
            for line in lines:
                self.show(line, "dim", 2)

    def _pairs(self, names: list[str], statements: list[str]) -> list[tuple[str, str]]:
        """Pick each name's statement from those left; Backspace undoes; confirm."""
        pairs: list[tuple[str, str]] = []
        self.block = 0

        def shown() -> list[str]:
            return ["- " + feedback.pair_sentence(*pair) for pair in pairs]

        while True:
            left = [s for s in statements if s not in {b for _, b in pairs}]
            if len(left) == 1:
                pairs.append((names[-1], left[0]))
                self._picked(feedback.pair_sentence(*pairs[-1]), "- ", 2)
                if self._confirm_or_undo("these pairs"):
                    return pairs
                undone = [feedback.pair_sentence(*pairs.pop()) for _ in range(2)]
                self._redraw("", shown(), undone)
                continue
            name = names[len(pairs)]
            self.show(f"Which statement does “{name}” complete?")
            pick = self._select(
                "Statement:",
                left,
                extra=[("Undo the last pick", UNDO)] if pairs else [],
                keys={"backspace": UNDO} if pairs else {},
                instruction="(Backspace: undo)" if pairs else "(arrows, Enter)",
            )
            if pick == UNDO:
                undone = [feedback.pair_sentence(*pairs.pop())]
                self._redraw("", shown(), undone)
            else:
                pairs.append((name, pick))
                self._picked(feedback.pair_sentence(name, pick), "- ", 2)

    # -- feedback --------------------------------------------------------------------
    def _sources(self, q: Item) -> None:
        sources = ", ".join(self.base.source_label(s) for s in q.source)
        self.show(f"Source: {sources}", "dim")

    def feedback(self, answer: Answer) -> bool | None:
        q = answer.question
        if answer.grade.overruled:
            self.show("✓ " + answer.grade.note, "bold green")
            if answer.note:
                self.show(answer.note, "dim")
            return None
        if q.shape is not Shape.SELF:
            for i, line in enumerate(feedback.lines(q, answer.response, answer.grade, self.base)):
                style = "" if line.right is None else "green" if line.right else "red"
                mark = "" if line.right is None or not i else "✓ " if line.right else "✗ "
                self.show(mark + line.text, ("bold " + style) if i == 0 else style, line.indent)
            self._sources(q)
        if answer.note:
            self.show(answer.note, "dim")
        return self._overrule() if answer.overrulable else None

    def _overrule(self) -> bool:
        """One key after a typed answer marked wrong: o says "I was right"; any other goes on."""
        import questionary

        self._settle()
        picked = _keys(
            questionary.press_any_key_to_continue(
                "o: I was right · any other key: go on",
                erase_when_done=True,
                **self.io,
            ),
            {"o": OVERRULE, "O": OVERRULE},
        ).unsafe_ask()
        self.answered = time.monotonic()
        return bool(picked == OVERRULE)

    def _self_graded(self, q: Item, number: int, total: int) -> str:
        import questionary

        from quizgen.items.flashcard import Flashcard
        from quizgen.scheduling.cards import Rating

        self.show(f"Card {number} of {total} · {self.base.topic_name(q.topic)}", "bold")
        self.show(q.prompt)
        _keys(
            questionary.press_any_key_to_continue(
                "Space (or any key) shows the answer…", erase_when_done=True, **self.io
            ),
            {},
        ).unsafe_ask()
        self.answered = time.monotonic()
        self.show(q.key(), "bold")
        if q.explanation:
            self.show(q.explanation)
        self._sources(q)
        grades = (
            q.grades
            if isinstance(q, Flashcard) and q.grades
            else tuple(r.name.capitalize() for r in Rating)
        )
        names = [r.name.lower() for r in Rating]
        keys = {str(r.value): r.name.lower() for r in Rating} | {" ": "good"}
        # A second Space pressed while the answer was drawn is not a grade of Good for a
        # card the learner has not read: what was typed before the grades show is dropped.
        self._settle()
        picked = self._select(
            "How well?",
            list(grades),
            keys=keys,
            instruction="(1-4, Space: Good)",
            default=grades[2],
        )
        # Not echoed: the rating and its interval follow with the feedback.
        return names[grades.index(picked)] if picked in grades else str(q.parse(picked))

    def rerate(self, offer: Offer, change: Callable[[Rating], str]) -> bool | None:
        """The four ratings with their intervals, the one given pointed at: Enter keeps
        it, 1-4 choose at once (as in flashcards). Where the offer is overrulable, "I was
        right" is the list's last choice and the key o (returns True)."""
        self._settle()
        names = [r.name.lower() for r in Rating]
        current = offer.current.name.capitalize()
        keys = {str(r.value): r.name.lower() for r in Rating}
        extra: list[tuple[str, str]] = []
        if offer.overrulable:
            keys |= {"o": OVERRULE, "O": OVERRULE}
            extra.append(("o. I was right", OVERRULE))
        picked = self._select(
            "Rating:",
            list(offer.choices),
            extra=extra,
            keys=keys,
            instruction=f"({'o, ' if extra else ''}1-4; Enter keeps {current})",
            default=offer.choices[offer.current - 1],
        )
        if picked == OVERRULE:
            return True
        index = names.index(picked) if picked in names else offer.choices.index(picked)
        if Rating(index + 1) != offer.current:
            self.show(change(Rating(index + 1)), "dim")
        return None

    def confirm(self, message: str) -> bool:
        """y or n, then Enter: the Enter belongs to this question, not the next one."""
        import questionary

        self._settle()
        answer = _keys(
            questionary.confirm(message, default=False, auto_enter=False, **self.io), {}
        ).unsafe_ask()
        return bool(self._done(answer))
