"""Moodle's GIFT importer, step by step, to check quizgen's writer against.

Independent of quizgen's writer on purpose: it follows what Moodle 4.x's
``qformat_gift::readquestion`` does (question/format/gift/format.php), in
its order: blocks split at blank lines, ``//`` comment lines dropped,
escaped characters swapped for placeholders, ``$CATEGORY``, ``::name::``,
the first ``{`` and ``}``, general feedback after the last ``####``, the
question type decided from the raw answer text (``~`` multiple choice; ``=``
with ``->`` matching; ``TRUE``/``FALSE``; else short answer), ``%n%``
weights, ``[format]`` markers, ``#`` feedback, matching split at the first
``->``. Then what a learner sees: Moodle's plain-text display (``s()``,
which turns numeric entities back into characters), ``format_string`` for
matching choices (tags stripped), the short-answer wildcard comparison, and
the category path split (``//`` is a slash inside a name).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_ESCAPES = {
    "\\:": "&&058;",
    "\\#": "&&035;",
    "\\=": "&&061;",
    "\\{": "&&123;",
    "\\}": "&&125;",
    "\\~": "&&126;",
    "\\n": "&&010",
}
_BACK = {
    "&&058;": ":",
    "&&035;": "#",
    "&&061;": "=",
    "&&123;": "{",
    "&&125;": "}",
    "&&126;": "~",
    "&&010": "\n",
}
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
FORMATS = ("moodle", "html", "plain", "markdown")


class GiftError(Exception):
    """What Moodle reports as an import error for a question."""


@dataclass
class Text:
    text: str
    format: str

    def shown(self) -> str:
        """What a learner reads (as text, not HTML)."""
        return display(self.text, self.format)


@dataclass
class GiftQuestion:
    category: str
    title: str
    text: str
    kind: str  # "mc", "tf", "short", "match"
    answers: list[tuple[bool, str]] = field(default_factory=list)  # mc and short, as shown
    truth: bool | None = None
    pairs: list[tuple[str, str]] = field(default_factory=list)  # as shown
    general_feedback: str = ""
    text_format: str = ""
    fractions: list[float] = field(default_factory=list)
    raw_answers: list[Text] = field(default_factory=list)
    category_path: list[str] = field(default_factory=list)


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in _ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for placeholder, char in _BACK.items():
        text = text.replace(placeholder, char)
    return text


def _with_format(text: str, default: str = "moodle") -> Text:
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end]
        if name in FORMATS:
            fmt, text = name, text[end + 1 :]
    return Text(_post(text).strip(), fmt)


def moodle_s(text: str) -> str:
    """Moodle's ``s()``: HTML-escape, then restore numeric entities."""
    escaped = html.escape(text, quote=True).replace("&#x27;", "&#039;")
    return re.sub(r"&amp;#(\d+|x[0-9a-f]+);", r"&#\1;", escaped, flags=re.I)


def display(text: str, fmt: str) -> str:
    """The text a learner reads after Moodle formats it (plain and HTML formats)."""
    if fmt == "plain":
        return html.unescape(moodle_s(text).replace("&nbsp; ", "  "))
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def format_string(text: str) -> str:
    """Moodle's format_string with the default formatstringstriptags: tags stripped."""
    text = re.sub(r"&(?!#?\w+;)", "&amp;", text)
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def wildcard_matches(pattern: str, response: str) -> bool:
    """Moodle's short-answer comparison (case-insensitive, ``*`` any text, ``\\*`` a star)."""
    bits = re.split(r"(?<!\\)\*+", pattern)
    regexp = ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits)
    return re.fullmatch(regexp, response.strip(), flags=re.I | re.S) is not None


def split_category(path: str) -> list[str]:
    """Moodle's split_category_path: '/' separates, '//' is a slash in a name; the names
    are shown as text, as written (an '&amp;' in the file shows as '&amp;')."""
    return [part.replace("//", "/").strip() for part in re.split(r"(?<!/)/(?!/)", path)]


def readquestion(lines: list[str], category: str) -> GiftQuestion | str | None:
    """One block as Moodle reads it: a question, or the new category's path (a str)."""
    lines = [" " if line.strip().startswith("//") else line for line in lines]
    text = _pre("\n".join(lines).strip())
    if not text:
        return None
    if text.startswith("$CATEGORY:"):
        return text[10:].strip()
    name = ""
    if text.startswith("::"):
        text = text[2:]
        end = text.find("::")
        if end != -1:
            name, text = _post(text[:end]), text[end + 2 :].strip()
    start, finish = text.find("{"), text.find("}")
    if start == -1 or finish == -1:
        raise GiftError(f"no answer braces in {text!r}")
    answertext = text[start + 1 : finish].strip()
    questiontext = (
        text[:start] + text[finish + 1 :]
        if text.endswith("}")
        else text[:start] + "_____" + text[finish + 1 :]
    )
    general = ""
    if "####" in answertext:
        at = answertext.rfind("####")
        answertext, general = answertext[:at].strip(), answertext[at + 4 :]
    qtext = _with_format(questiontext)
    feedback = _with_format(general, qtext.format)
    q = GiftQuestion(
        category,
        name.strip(),
        qtext.shown(),
        "",
        general_feedback=feedback.shown(),
        text_format=qtext.format,
        category_path=split_category(category),
    )
    if not answertext:
        raise GiftError("essay: no answers")
    if answertext.startswith("#"):
        raise GiftError("numerical question")
    if "~" in answertext:
        q.kind = "mc"
        answers = answertext.replace("=", "~=").split("~")
        answers = [a for i, a in enumerate(answers) if i > 0 or a.strip()]
        if len(answers) < 2:
            raise GiftError("multiple choice with fewer than 2 answers")
        for answer in (a.strip() for a in answers):
            if answer.startswith("="):
                weight, answer = 1.0, answer[1:]
            elif (m := _WEIGHT.match(answer)) is not None:
                weight, answer = float(m.group(1)) / 100, answer[answer.index("%", 1) + 1 :]
            else:
                weight = 0.0
            shown = _with_format(answer.split("#", 1)[0].strip(), qtext.format)
            q.raw_answers.append(shown)
            q.fractions.append(weight)
            q.answers.append((weight == 1.0, shown.shown()))
    elif "=" in answertext and "->" in answertext:
        q.kind = "match"
        answers = [a for i, a in enumerate(answertext.split("=")) if i > 0 or a.strip()]
        if len(answers) < 2:
            raise GiftError("matching with fewer than 2 pairs")
        for answer in (a.strip() for a in answers):
            if "->" not in answer:
                raise GiftError(f"matching answer without ->: {answer!r}")
            marker = answer.index("->")
            left = _with_format(answer[:marker], qtext.format)
            q.pairs.append((left.shown(), format_string(_post(answer[marker + 2 :]).strip())))
    else:
        check = answertext.split("#", 1)[0].strip() if answertext.find("#") > 0 else answertext
        if check in ("T", "TRUE", "F", "FALSE"):
            q.kind, q.truth = "tf", check in ("T", "TRUE")
        else:
            q.kind = "short"
            answers = [a for i, a in enumerate(answertext.split("=")) if i > 0 or a.strip()]
            for answer in (a.strip() for a in answers):
                weight = 1.0
                if (m := _WEIGHT.match(answer)) is not None:
                    weight, answer = float(m.group(1)) / 100, answer[answer.index("%", 1) + 1 :]
                raw = _with_format(answer.split("#", 1)[0].strip(), qtext.format)
                q.raw_answers.append(raw)
                q.fractions.append(weight)
                q.answers.append((weight == 1.0, raw.text))
    return q


def parse(source: str) -> list[GiftQuestion]:
    """Every question of a GIFT file; GiftError at the first that Moodle would refuse."""
    questions: list[GiftQuestion] = []
    category = "$course$"
    block: list[str] = []
    for line in [*source.splitlines(), ""]:
        if line.strip():
            block.append(line.strip())
            continue
        if block:
            read = readquestion(block, category)
            if isinstance(read, str):
                category = read
            elif read is not None:
                questions.append(read)
            block = []
    return questions
