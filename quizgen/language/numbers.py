"""Numbers as people write them: in words ('fifty-five') or in digits ('55', '74 100').

Grading reads a typed 'nine' as 9; a false statement writes a number the way
its true one does ("named four members", never "named 7 members"); the audit
finds the figure a wrong option gives. One reading of number words, here.
"""

from __future__ import annotations

import re

from quizgen.language.text import fold, join_letters

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS = {w: i for i, w in enumerate(_UNITS)} | {
    w: i * 10 for i, w in enumerate(_TENS) if w != "_"
}
_SPACED_THOUSANDS = re.compile(r"\b(\d{1,3})((?: \d{3})+)\b")


def normalize(text: str) -> str:
    """fold(), with number words as digits: 'fifty-five' and '55' compare equal, and an
    acronym's letters joined ('U.S.A.' is 'usa', see :func:`~quizgen.language.text.join_letters`).

    Digits grouped by spaces ('74 100', as many countries write thousands) are
    joined, as fold() already joins '74,100' and '74.100'.
    """
    joined = _SPACED_THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), fold(text))
    words = joined.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _NUMBER_WORDS:
            value = _NUMBER_WORDS[word]
            if value >= 20 and i + 1 < len(words) and 0 < _NUMBER_WORDS.get(words[i + 1], 0) < 10:
                value += _NUMBER_WORDS[words[i + 1]]
                i += 1
            out.append(str(value))
        else:
            out.append(word)
        i += 1
    return " ".join(join_letters(out))


def in_words(number: int) -> str | None:
    """0 to 99 as English words ('forty-two'); None beyond, where digits are the norm."""
    if 0 <= number < 20:
        return _UNITS[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")
    return None
