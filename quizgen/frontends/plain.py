"""Plain mode: numbered prompts as plain lines, one answer per line.

This is what scripts, tests and screen readers use, and what quizgen falls
back to when standard input or output is not a terminal. Answers: an option's
number or its text; for a timeline the numbers in order ("2 1 3" or "2,1,3");
for matching, pairs like "1b 2a 3d 4c". A malformed answer is explained and
asked again; end of input ends the session.
"""

from __future__ import annotations

import re
from string import ascii_lowercase
from typing import TextIO

from quizgen.facts import Fact, FactBase
from quizgen.present import key_short
from quizgen.questions import FALSE, TRUE, Question, QuestionKind
from quizgen.schedule import Rating
from quizgen.session import Answer, EndOfInput, Response
from quizgen.text import fold

_TRUE_WORDS = {"t", "true", "y", "yes"}
_FALSE_WORDS = {"f", "false", "n", "no"}


class PlainFrontend:
    def __init__(self, base: FactBase, read: TextIO, write: TextIO) -> None:
        self.base = base
        self.read = read
        self.write = write

    def say(self, text: str = "") -> None:
        self.write.write(text + "\n")
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

    # -- asking ----------------------------------------------------------------------
    def ask(self, question: Question, number: int, total: int) -> Response:
        q = question
        self.say(f"Question {number} of {total} · {q.kind.label} · "
                 f"{self.base.topic_name(q.topic)}")
        self.say(q.prompt)
        if q.kind is QuestionKind.MATCH:
            for i, item in enumerate(q.items):
                self.say(f"  {i + 1}. {item}")
            for i, option in enumerate(q.options):
                self.say(f"  {ascii_lowercase[i]}) {option}")
            hint = "Pair each number with a letter, e.g. " + " ".join(
                f"{i + 1}{ascii_lowercase[(i + 1) % len(q.items)]}" for i in range(len(q.items)))
        elif q.kind in (QuestionKind.TYPED, QuestionKind.CLOZE):
            hint = "Type your answer (an empty line if you do not know)."
        else:
            for i, option in enumerate(q.options):
                self.say(f"  {i + 1}. {option}")
            if q.kind is QuestionKind.TIMELINE:
                hint = ("Type the numbers in order, earliest first, e.g. "
                        + " ".join(str(i + 1) for i in reversed(range(len(q.options)))) + ".")
            else:
                hint = f"Answer with a number from 1 to {len(q.options)}, or the text."
        self.say(hint)
        while True:
            parsed = self.parse(q, self.line())
            if not isinstance(parsed, _Invalid):
                return parsed
            self.say(f"{parsed.message} {hint}")

    def parse(self, q: Question, text: str) -> Response | _Invalid:
        if q.kind in (QuestionKind.TYPED, QuestionKind.CLOZE):
            return text
        if q.kind is QuestionKind.TIMELINE:
            return self._order(q, text)
        if q.kind is QuestionKind.MATCH:
            return self._pairs(q, text)
        return self._choice(q, text)

    def _choice(self, q: Question, text: str) -> str | _Invalid:
        if text.isdigit() and 1 <= int(text) <= len(q.options):
            return q.options[int(text) - 1]
        if q.kind is QuestionKind.TF and text.lower() in _TRUE_WORDS | _FALSE_WORDS:
            return TRUE if text.lower() in _TRUE_WORDS else FALSE
        folded = fold(text)
        matches = [o for o in q.options if fold(o) == folded]
        if len(matches) == 1:
            return matches[0]
        return _Invalid(f"'{text}' is not one of the options." if text else "No answer given.")

    def _order(self, q: Question, text: str) -> list[str] | _Invalid:
        numbers = re.split(r"[\s,;]+", text.strip())
        count = len(q.options)
        if not all(n.isdigit() for n in numbers) or sorted(int(n) for n in numbers) != \
                list(range(1, count + 1)):
            return _Invalid(f"Give each number from 1 to {count} once.")
        return [q.options[int(n) - 1] for n in numbers]

    def _pairs(self, q: Question, text: str) -> list[tuple[str, str]] | _Invalid:
        found = re.findall(r"(\d+)\s*[-:=]?\s*([a-z])", text.lower())
        count = len(q.items)
        letters = ascii_lowercase[:count]
        numbers = sorted(int(n) for n, _ in found)
        chosen = sorted(letter for _, letter in found)
        if numbers != list(range(1, count + 1)) or chosen != list(letters):
            return _Invalid(f"Give each number from 1 to {count} one letter from a to "
                            f"{letters[-1]}, each letter once.")
        return [(q.items[int(n) - 1], q.options[letters.index(letter)]) for n, letter in found]

    # -- feedback --------------------------------------------------------------------
    def feedback(self, answer: Answer) -> None:
        q = answer.question
        if answer.correct:
            self.say(answer.grade.note)
        elif q.kind is QuestionKind.TIMELINE:
            self.say(f"Wrong. The order is: {key_short(q)}")
        elif q.kind is QuestionKind.MATCH:
            self.say(f"Wrong. The pairs are: {key_short(q)}")
        else:
            self.say(f"Wrong. {answer.grade.note}")
        self.say(q.explanation)
        self.say("Source: " + ", ".join(self.base.source_label(s) for s in q.source))
        self.say()

    def flashcard(self, fact: Fact, number: int, total: int) -> Rating:
        self.say(f"Card {number} of {total} · {self.base.topic_name(fact.topic)}")
        self.say(f"Q: {fact.question}")
        self.line("Press Enter to see the answer. ")
        self.say(f"A: {fact.answer}")
        if fact.explanation:
            self.say(fact.explanation)
        self.say("Source: " + ", ".join(self.base.source_label(s) for s in fact.source))
        hint = "How well did you know it? 1 Again · 2 Hard · 3 Good · 4 Easy"
        self.say(hint)
        while True:
            text = self.line().lower()
            names = {r.name.lower(): r for r in Rating}
            if text.isdigit() and 1 <= int(text) <= 4:
                rating = Rating(int(text))
            elif text in names:
                rating = names[text]
            else:
                self.say(f"Please answer 1, 2, 3 or 4. {hint}")
                continue
            self.say()
            return rating

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


class _Invalid:
    def __init__(self, message: str) -> None:
        self.message = message
