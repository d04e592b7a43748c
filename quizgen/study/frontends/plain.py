"""Plain mode: numbered prompts as plain lines, one answer per line.

This is what scripts, tests and screen readers use, and what quizgen falls
back to when standard input or output is not a terminal. Answers: an option's
number or its text; for a timeline the numbers in order ("2 1 3" or "2,1,3");
for matching, pairs like "1b 2a 3d 4c". A malformed answer is explained and
asked again; end of input ends the session. After a typed answer marked wrong,
a line "o" (or "I was right") overrules the verdict; any other line goes on,
and from a pipe it answers the next prompt, so a script's answers never fall out
of step. In review, every verdict is followed by a line for its rating (empty keeps
it, 1-4 changes it), and that line also takes the "o": one line for both, so a
script always sends one line there. At a terminal, lines are wrapped at word
boundaries to its width (``width``); piped output is left unwrapped.
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
        self.pushed: str | None = None
        """A piped line read at the "I was right" prompt that was no overrule: the next
        prompt's answer."""

    def say(self, text: str = "", indent: int = 0) -> None:
        line = " " * indent + text
        self.write.write("\n".join(wrap(line, self.width)) + "\n")
        self.write.flush()

    def line(self, prompt: str = "> ") -> str:
        self.write.write(prompt)
        self.write.flush()
        text = self.pushed if self.pushed is not None else self.read.readline()
        self.pushed = None
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
    def feedback(self, answer: Answer) -> bool | None:
        q = answer.question
        if answer.grade.overruled:
            for line in feedback.lines(q, answer.response, answer.grade, self.base):
                self.say(line.text, line.indent)
            if answer.note:
                self.say(answer.note)
            self.say()
            return None
        if q.shape is not Shape.SELF:
            for line in feedback.lines(q, answer.response, answer.grade, self.base):
                self.say(line.text, line.indent)
            self.say(self.sources(q))
        if answer.note:
            self.say(answer.note)
        taken = self._overrule() if answer.overrulable else False
        self.say()
        return taken

    def _overrule(self) -> bool:
        """Ask whether a wrong verdict was wrong: "o" or "I was right" says so; an empty
        line or the end of input goes on; any other line from a pipe is kept for the next
        prompt (a script does not know which answers will be marked wrong)."""
        self.write.write(_OVERRULE_HINT + "; Enter goes on. ")
        self.write.flush()
        raw = self.read.readline()
        reply = raw.strip()
        if reply.lower() in _OVERRULE:
            if not _is_terminal(self.read):
                self.say(reply)
            return True
        if not _is_terminal(self.read):
            self.say()
            if reply:
                self.pushed = raw
        elif not raw:
            self.say()
        return False

    def rerate(self, offer: Offer, change: Callable[[Rating], str]) -> bool | None:
        """A line: empty keeps the rating, 1-4 (or a rating's name) changes it; where the
        offer is overrulable, the same line may say "o" (or "I was right"): True."""
        names = {r.name.lower(): r for r in Rating}
        current = offer.current.name.capitalize()
        choices = " · ".join(f"{i} {c}" for i, c in enumerate(offer.choices, start=1))
        self.say(f"Rating: {current}. Enter keeps it; to change it: {choices}")
        if offer.overrulable:
            self.say(_OVERRULE_HINT + ".")
        taken = None
        while True:
            reply = self.line().lower()
            if not reply:
                break
            if offer.overrulable and reply in _OVERRULE:
                taken = True
                break
            if reply in names or (reply.isdigit() and 1 <= int(reply) <= len(Rating)):
                rating = names[reply] if reply in names else Rating(int(reply))
                if rating != offer.current:
                    self.say(change(rating))
                break
            also = ', "o" if your answer was right,' if offer.overrulable else ""
            self.say(f"Please answer 1, 2, 3 or 4{also} or an empty line to keep it.")
        self.say()
        return taken

    def confirm(self, message: str) -> bool:
        try:
            return self.line(f"{message} [y/N] ").lower() in ("y", "yes")
        except EndOfInput:
            return False


_OVERRULE = frozenset({"o", "i was right", "i was right."})
_OVERRULE_HINT = 'If your answer was right, type "o" (or "I was right")'


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
