"""A GIFT reader written from Moodle's documentation, to check quizgen's writer against.

Independent of quizgen's writer on purpose: it follows the documented rules
(backslash escapes for ~ = # { } :, blank lines between questions, comments
with //, $CATEGORY lines, ::title::, answers in braces, = right and ~ wrong,
# per-answer feedback, #### general feedback, TRUE/FALSE, matching with ->).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SPECIAL = set("~=#{}:\\")


@dataclass
class GiftQuestion:
    category: str
    title: str
    text: str
    kind: str  # "mc", "tf", "short", "match"
    answers: list[tuple[bool, str]] = field(default_factory=list)  # mc and short
    truth: bool | None = None
    pairs: list[tuple[str, str]] = field(default_factory=list)
    general_feedback: str = ""
    text_format: str = ""


def _split(text: str, marker: str) -> list[str]:
    """Split at unescaped ``marker``, keeping escapes for later."""
    parts, current, i = [], [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            current.append(text[i:i + 2])
            i += 2
        elif text.startswith(marker, i):
            parts.append("".join(current))
            current = []
            i += len(marker)
        else:
            current.append(text[i])
            i += 1
    parts.append("".join(current))
    return parts


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in SPECIAL:
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out).strip()


def _find(text: str, char: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == char:
            return i
        i += 1
    return -1


def _answer_tokens(body: str) -> list[tuple[str, str]]:
    """('=' or '~', text) for each answer, splitting at unescaped = and ~."""
    tokens: list[tuple[str, str]] = []
    current: list[str] = []
    mark = None
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            current.append(body[i:i + 2])
            i += 2
            continue
        if c in "=~":
            if mark is not None:
                tokens.append((mark, "".join(current)))
            mark, current = c, []
        else:
            current.append(c)
        i += 1
    if mark is not None:
        tokens.append((mark, "".join(current)))
    return tokens


def parse(source: str) -> list[GiftQuestion]:
    questions: list[GiftQuestion] = []
    category = ""
    blocks: list[list[str]] = [[]]
    for line in source.splitlines():
        if line.strip().startswith("//"):
            continue
        if not line.strip():
            blocks.append([])
        else:
            blocks[-1].append(line)
    for block in (b for b in blocks if b):
        text = " ".join(block).strip()
        if text.startswith("$CATEGORY:"):
            category = text.removeprefix("$CATEGORY:").strip()
            continue
        title = ""
        if text.startswith("::"):
            end = text.find("::", 2)
            while end != -1 and text[end - 1] == "\\":
                end = text.find("::", end + 1)
            title, text = unescape(text[2:end]), text[end + 2:]
        fmt = ""
        if text.startswith("[") and "]" in text:  # [html], [moodle], [plain], [markdown]
            fmt, text = text[1:text.index("]")], text[text.index("]") + 1:]
        open_at = _find(text, "{")
        close_at = _find(text, "}", open_at + 1)
        stem, body = text[:open_at], text[open_at + 1:close_at]
        general = ""
        if "####" in body:
            body, general = _split(body, "####")[0], "####".join(_split(body, "####")[1:])
        q = GiftQuestion(category, title, unescape(stem), "short",
                         general_feedback=unescape(general), text_format=fmt)
        flat = body.strip()
        if flat.split("#")[0].strip() in ("TRUE", "FALSE", "T", "F"):
            q.kind, q.truth = "tf", flat.split("#")[0].strip() in ("TRUE", "T")
        else:
            tokens = _answer_tokens(flat)
            if any("->" in t for _, t in tokens):
                q.kind = "match"
                for _, t in tokens:
                    left, right = _split(t, "->")
                    q.pairs.append((unescape(left), unescape(right)))
            else:
                q.kind = "mc" if any(m == "~" for m, _ in tokens) else "short"
                for mark, t in tokens:
                    q.answers.append((mark == "=", unescape(_split(t, "#")[0])))
        questions.append(q)
    return questions
