"""Comparing answers the way a person would: one normalisation, shared.

Validation uses it to catch a wrong answer that is really the answer; grading
(typed answers) uses it so that 'the Quds Force' and 'Quds force' agree.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_ARTICLES = re.compile(r"^(?:the|a|an)\s+")
_APOSTROPHES = re.compile(r"['’‘ʼ`]")
_DIGIT_SEPARATORS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_PUNCT = re.compile(r"[^\w\s]")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, punctuation, a leading article and extra spaces."""
    if text.isascii():  # the common case: nothing to decompose
        plain = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    joined = _DIGIT_SEPARATORS.sub("", _APOSTROPHES.sub("", plain.casefold()))
    words = " ".join(_PUNCT.sub(" ", joined).split())
    return _ARTICLES.sub("", words)


@lru_cache(maxsize=1 << 16)
def _folded(text: str) -> str:
    return fold(text)


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` stands in ``haystack`` as whole words, after folding both.

    Folding is remembered: generation asks this of the same few texts often.
    """
    n = _folded(needle)
    return bool(n) and f" {n} " in f" {_folded(haystack)} "


def suggest(word: str, choices: Iterable[object]) -> str:
    """' (did you mean 'x'?)' for a near miss among ``choices``, else ''."""
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
