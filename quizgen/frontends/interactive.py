"""The interactive front end: questionary prompts, keyboard only.

Multiple choice and true/false are select lists (arrow keys and Enter, or j/k);
typed and fill-in-the-blank answers are text prompts; a timeline is ordered by
picking the earliest remaining event again and again; matching pairs each
item by picking its statement from those left. Esc or Ctrl-C at any prompt
stops the session (the engine saves what was answered and prints a summary).
``input`` and ``output`` are prompt_toolkit's, injectable for tests.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from quizgen.facts import FactBase
from quizgen.items import Item
from quizgen.items.base import InvalidReply, Response, Shape
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from quizgen.session import Answer


def _stoppable(question: Any) -> Any:
    """Let Esc stop the session the way Ctrl-C does."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    extra = KeyBindings()

    @extra.add("escape", eager=True)
    def _stop(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, extra]) if app.key_bindings \
        else extra
    return question


def _preview(message: str, choices: list[str]) -> None:
    """Draw questionary's select list as plain text, then put the cursor back at its top.

    Importing questionary and prompt_toolkit takes longer than loading the fact
    file, so the first question is drawn before they are imported; their first
    paint starts at the cursor and erases below it, replacing this text in place
    (keys pressed meanwhile wait for the list).
    """
    import shutil
    import unicodedata

    def cells(text: str) -> int:
        return sum(0 if unicodedata.combining(c) else
                   2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    width = max(1, shutil.get_terminal_size().columns)
    lines = [f"? {message} (Use arrow keys)",
             *(f" » {c}" if i == 0 else f"   {c}" for i, c in enumerate(choices))]
    rows = sum(max(1, -(-cells(line) // width)) for line in lines)
    sys.stdout.write("\n".join(lines) + f"\n\r\x1b[{rows}A")
    sys.stdout.flush()


class InteractiveFrontend:
    def __init__(self, base: FactBase, *, input: Any = None, output: Any = None,
                 console_file: TextIO | None = None) -> None:
        from rich.console import Console

        self.base = base
        self.io: dict[str, Any] = {k: v for k, v in (("input", input), ("output", output))
                                   if v is not None}
        self.console = Console(file=console_file, highlight=False)

    def _select(self, message: str, choices: list[str]) -> str:
        if "questionary" not in sys.modules and not self.io and sys.stdout.isatty():
            _preview(message, choices)
        import questionary

        picked = _stoppable(questionary.select(message, choices=choices, **self.io)).unsafe_ask()
        if picked is None:
            raise KeyboardInterrupt
        return str(picked)

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

        typed = _stoppable(questionary.text(message, validate=valid, **self.io)).unsafe_ask()
        if typed is None:
            raise KeyboardInterrupt
        return str(typed)

    def ask(self, question: Item, number: int, total: int) -> Response:
        from rich.text import Text

        q = question
        self.console.print()
        if q.shape is Shape.SELF:
            return self._self_graded(q, number, total)
        header = Text(f"Question {number} of {total}", style="bold")
        header.append(f" · {q.label} · {self.base.topic_name(q.topic)}", style="dim")
        self.console.print(header)
        if isinstance(q, ChoiceItem):
            return self._select(q.prompt, list(q.options))
        if isinstance(q, TruthItem):
            return self._select(f"True or false: {q.prompt}", list(q.options))
        if isinstance(q, TextItem):
            return self._text(q.prompt, q)
        self.console.print(Text(q.prompt))
        if isinstance(q, OrderItem):
            return self._order(list(q.options))
        assert isinstance(q, PairsItem)
        return self._pairs(list(q.names), list(q.statements))

    def _order(self, left: list[str]) -> list[str]:
        order: list[str] = []
        while len(left) > 1:
            pick = self._select("Which comes first?" if not order else "Which comes next?", left)
            order.append(pick)
            left.remove(pick)
        return [*order, *left]

    def _pairs(self, names: list[str], remaining: list[str]) -> list[tuple[str, str]]:
        pairs: list[tuple[str, str]] = []
        for name in names:
            pick = remaining[0] if len(remaining) == 1 else \
                self._select(f"Which statement does “{name}” complete?", remaining)
            pairs.append((name, pick))
            remaining.remove(pick)
        return pairs

    def _sources(self, q: Item) -> None:
        from rich.text import Text

        sources = ", ".join(self.base.source_label(s) for s in q.source)
        self.console.print(Text(f"Source: {sources}", style="dim"))

    def feedback(self, answer: Answer) -> None:
        from rich.text import Text

        q = answer.question
        if q.shape is Shape.SELF:
            return
        if answer.correct:
            self.console.print(Text(answer.grade.note, style="bold green"))
        else:
            line = Text("Wrong. ", style="bold red")
            if q.shape in (Shape.ORDER, Shape.PAIRS):
                line.append("The answer:")
                self.console.print(line)
                for entry in q.key_lines():
                    self.console.print(Text(f"  {entry}"))
            else:
                line.append(answer.grade.note)
                self.console.print(line)
        self.console.print(Text(q.explanation))
        self._sources(q)

    def _self_graded(self, q: Item, number: int, total: int) -> str:
        import questionary
        from rich.text import Text

        header = Text(f"Card {number} of {total}", style="bold")
        header.append(f" · {self.base.topic_name(q.topic)}", style="dim")
        self.console.print(header)
        self.console.print(Text(q.prompt))
        _stoppable(questionary.press_any_key_to_continue(
            "Press any key to see the answer…", **self.io)).unsafe_ask()
        self.console.print(Text(q.key(), style="bold"))
        if q.explanation:
            self.console.print(Text(q.explanation))
        self._sources(q)
        from quizgen.schedule import Rating

        names = [f"{r.value} {r.name.capitalize()}" for r in Rating]
        picked = self._select("How well did you know it?", names)
        return str(q.parse(picked.split()[0]))

    def confirm(self, message: str) -> bool:
        import questionary

        answer = questionary.confirm(message, default=False, **self.io).unsafe_ask()
        return bool(answer)
