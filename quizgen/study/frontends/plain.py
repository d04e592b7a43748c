"""Plain mode: numbered prompts as plain lines, one answer per line.

This is what scripts, tests and screen readers use, and what quizgen falls
back to when standard input or output is not a terminal. Answers: an option's
number or its text; for a timeline the numbers in order ("2 1 3" or "2,1,3");
for matching, pairs like "1b 2a 3d 4c". A malformed answer is explained and
asked again; end of input ends the session. At a terminal, lines are wrapped
at word boundaries to its width (``width``); piped output is left unwrapped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from quizgen.facts import FactBase
from quizgen.items import Item
from quizgen.items.base import InvalidReply, Response, Shape
from quizgen.language.wrapping import wrap
from quizgen.scheduling.cards import Rating
from quizgen.study import feedback
from quizgen.study.session import Answer, EndOfInput, Offer


class PlainFrontend:
    def __init__(
        self, base: FactBase, read: TextIO, write: TextIO, width: int | None = None
    ) -> None:
        self.base = base
        self.read = read
        self.write = write
        self.width = width

    def say(self, text: str = "", indent: int = 0) -> None:
        line = " " * indent + text
        self.write.write("\n".join(wrap(line, self.width)) + "\n")
        self.write.flush()

    def line(self, prompt: str = "> ") -> str:
        self.write.write(prompt)
        self.write.flush()
        text = self.read.readline()
        if not text:
            self.say()
            raise EndOfInput
        if not _is_terminal(self.read):
            self.say(text.strip())  # echo piped answers, so the transcript reads as a dialogue
        return text.strip()

    def sources(self, q: Item) -> str:
        return "Source: " + ", ".join(self.base.source_label(s) for s in q.source)

    # -- asking ----------------------------------------------------------------------
    def ask(self, question: Item, number: int, total: int) -> Response:
        q = question
        topic = self.base.topic_name(q.topic)
        if q.shape is Shape.SELF:
            self.say(f"Card {number} of {total} · {topic}")
            self.say(f"Q: {q.prompt}")
            self.line("Press Enter to see the answer. ")
            self.say(f"A: {q.key()}")
            if q.explanation:
                self.say(q.explanation)
            self.say(self.sources(q))
        else:
            self.say(f"Question {number} of {total} · {q.label} · {topic}")
            for text in q.body():
                self.say(text)
        hint = q.hint()
        self.say(hint)
        while True:
            try:
                return q.parse(self.line())
            except InvalidReply as invalid:
                self.say(f"{invalid} {hint}")

    # -- feedback --------------------------------------------------------------------
    def feedback(self, answer: Answer) -> None:
        q = answer.question
        if q.shape is not Shape.SELF:
            for line in feedback.lines(q, answer.response, answer.grade, self.base):
                self.say(line.text, line.indent)
            self.say(self.sources(q))
        if answer.note:
            self.say(answer.note)
        self.say()

    def rerate(self, offer: Offer, change: Callable[[Rating], str]) -> None:
        """A line: empty keeps the rating, 1-4 (or a rating's name) changes it."""
        names = {r.name.lower(): r for r in Rating}
        current = offer.current.name.capitalize()
        choices = " · ".join(f"{i} {c}" for i, c in enumerate(offer.choices, start=1))
        self.say(f"Rating: {current}. Enter keeps it; to change it: {choices}")
        while True:
            reply = self.line().lower()
            if not reply:
                break
            if reply in names or (reply.isdigit() and 1 <= int(reply) <= len(Rating)):
                rating = names[reply] if reply in names else Rating(int(reply))
                if rating != offer.current:
                    self.say(change(rating))
                break
            self.say("Please answer 1, 2, 3 or 4, or an empty line to keep it.")
        self.say()

    def confirm(self, message: str) -> bool:
        try:
            return self.line(f"{message} [y/N] ").lower() in ("y", "yes")
        except EndOfInput:
            return False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
