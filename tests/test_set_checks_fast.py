"""The set rule's checks, done the fast way, against their plain definitions.

The drawing and the audit look a secret's text up once in texts joined together,
look answers up by runs of words, fold a text with a curly quote through the ASCII
path, and look at only what a set added since they last looked. Each shortcut must
give what the definition gives (each secret tried on each text with
:meth:`Secret.shown_in`, every text folded step by step); here every check made while
many sets are drawn is made both ways.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from quizgen.generation import leaks
from quizgen.generation.bank import Maker
from quizgen.generation.leaks import Blocking, Drawing, Leaks, after, before
from quizgen.items import Item
from quizgen.language import text
from tests.support.data import shipped_base

KINDS = ("mc", "tf", "typed", "cloze", "timeline", "match")


def _plain_fold(value: str) -> str:
    """fold() as defined: every text step by step, as the slow path does it."""
    decomposed = unicodedata.normalize("NFKD", value)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    joined = text.DIGIT_SEPARATORS.sub("", text._APOSTROPHES.sub("", plain.casefold()))
    words = " ".join(text._PUNCT.sub(" ", joined).split())
    if words.startswith(("the ", "a ", "an ")):
        return words.split(" ", 1)[1] if " " in words else words
    return words


def test_fold_through_stand_ins_is_fold() -> None:
    rng = random.Random(18)
    others = [chr(c) for c in range(0x80, 0x2100)] + ["’", "‘", "ʼ", "–", "—", "\xa0", "ß"]
    words = [*"abXY ,.'`;-_019\t", "the ", "An ", "1,000", "2.500 ", "Qa’im", "2019–2024"]
    for _ in range(20000):
        value = "".join(
            rng.choice(words) if rng.random() < 0.7 else rng.choice(others)
            for _ in range(rng.randint(0, 20))
        )
        assert text.fold(value) == _plain_fold(value), value
    for c in others:  # each character beside digits, an article, a word
        for value in (c, f"a{c}b", f"1{c}000", f"the{c}x", f"{c}the x", f"9{c}123 4"):
            assert text.fold(value) == _plain_fold(value), value


def _checked(
    monkeypatch: pytest.MonkeyPatch, cls: type, name: str, plain: Callable[..., Any]
) -> list[int]:
    """Make ``cls.name`` also work out ``plain`` (same arguments, before the call) and
    fail if the two differ; the list counts the calls compared."""
    fast = getattr(cls, name)
    calls: list[int] = []

    def both(self: Any, *args: Any) -> Any:
        want = plain(self, *args)
        got = fast(self, *args)
        assert got == want, (name, args, got, want)
        calls.append(1)
        return got

    monkeypatch.setattr(cls, name, both)
    return calls


def _cost(blocking: Blocking, item: Item) -> int:
    drawing = blocking.drawing
    own = [s for s in drawing._secrets(item) if s.text.strip()]
    ahead = before(item, drawing.facts)
    return sum(
        1
        for fid, text_ in blocking.open.items()
        if fid not in item.fact_ids
        and (
            any(s.shown_in(text_) for s in own)
            or any(s.shown_in(ahead) for s in drawing._fact(drawing.facts[fid], False))
        )
    )


def _shuts_out(blocking: Blocking, fact_id: str) -> int:
    fact = blocking.drawing.facts.get(fact_id)
    hidden = [] if fact is None else blocking.hidden(fact)
    return sum(
        1
        for fid, text_ in blocking.open.items()
        if fid != fact_id and any(s.shown_in(text_) for s in hidden)
    )


def _open_after_close(blocking: Blocking, item: Item) -> dict[str, str]:
    drawing = blocking.drawing
    ahead = before(item, drawing.facts)
    return {
        fid: t
        for fid, t in blocking.open.items()
        if fid not in item.fact_ids
        and drawing._twin(fid) is None
        and not any(s.shown_in(ahead) for s in drawing._fact(drawing.facts[fid], False))
    }


def _drawing_open_to(drawing: Drawing, fact: Any) -> bool:
    return (
        fact.id not in drawing.asked
        and not any(s.shown_in(drawing.prompts) for s in drawing._fact(fact, False))
        and drawing._twin(fact.id) is None
    )


def _leaks_open_to(leaks_: Leaks, fact: Any) -> bool:
    return fact.id not in leaks_.asked and not any(
        s.shown_in(leaks_.shown) for s in leaks_._fact(fact, False)
    )


def _order(drawing: Drawing, item: Item) -> tuple[set[int], set[int]]:
    own = drawing._secrets(item)
    shown = after(item, drawing.facts, drawing.label)
    index = drawing._asked
    words = shown.split()
    earlier = {k for s, k in index.figures if s.shown_in(shown)}
    for i in range(len(words)):
        for size in range(1, min(index.longest, len(words) - i) + 1):
            earlier.update(index.names.get(" ".join(words[i : i + size]), ()))
    later = {k for k, t in enumerate(drawing._afters) if any(s.shown_in(t) for s in own)}
    return later, earlier


def _unfit(set_: Any, fact_id: str) -> bool:
    companions = set_._companions
    if fact_id in set_.asked or (isinstance(set_, Drawing) and set_._twin(fact_id)):
        return True
    k = None if companions is None else companions.position.get(fact_id)
    if companions is None or k is None:
        return False
    texts, joined = (
        (set_._aheads, set_.prompts)
        if isinstance(set_, Drawing)
        else (set_._shown_items, set_.shown)
    )
    return bool(companions.unfit(k, texts, joined, set_._asked_secrets))


@pytest.mark.slow
def test_fast_set_checks_agree_with_their_definitions(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = {
        "cost": _checked(monkeypatch, Blocking, "cost", _cost),
        "shuts_out": _checked(monkeypatch, Blocking, "shuts_out", _shuts_out),
        "open_to": _checked(monkeypatch, Drawing, "open_to", _drawing_open_to),
        "order": _checked(monkeypatch, Drawing, "_order", _order),
        "unfit": _checked(monkeypatch, Drawing, "unfit_companion", _unfit),
        "leaks open_to": _checked(monkeypatch, Leaks, "open_to", _leaks_open_to),
        "leaks unfit": _checked(monkeypatch, Leaks, "unfit_companion", _unfit),
    }
    close = Blocking.close
    closed: list[int] = []

    def close_both(self: Blocking, item: Item) -> None:
        want = _open_after_close(self, item)
        close(self, item)
        assert self.open == want
        closed.append(1)

    monkeypatch.setattr(Blocking, "close", close_both)
    base = shipped_base()
    maker = Maker(base)
    for seed in range(4):  # scarce sets: drawn weighing what each item shuts out
        maker.generate(KINDS, 60, seed)
    sets = [maker.generate(KINDS, 10, f"fast/{seed}") for seed in range(20)]
    for quiz in sets:  # a set checked as the audit checks it, against the plain rule
        leaks_ = Leaks(base.facts, base.source_label, entities=base.entities)
        for fact in base.facts[:20]:
            leaks_.open_to(fact)
        for item in quiz:
            assert leaks_.why(item) is None
            for fact_id in item.fact_ids:
                leaks_.unfit_companion(fact_id)
            leaks_.add(item)
            for fact in base.facts[:20]:
                leaks_.open_to(fact)
                leaks_.unfit_companion(fact.id)
    assert closed
    assert all(counts.values()), {k: len(v) for k, v in counts.items()}


def test_the_audit_shares_secrets_across_sets_without_changing_a_verdict() -> None:
    base = shipped_base()
    maker = Maker(base)
    sets = [maker.generate(KINDS, 10, f"share/{seed}") for seed in range(10)]
    label, entities = base.source_label, base.entities
    kept: dict[tuple[str, bool], list[leaks.Secret]] = {}
    for quiz in sets:
        alone = leaks.set_flaws(quiz, base.facts, label, entities=entities)
        shared = leaks.set_flaws(quiz, base.facts, label, entities=entities, known=kept)
        assert shared == alone
        tampered = [*quiz, quiz[0]]  # asked twice: the shared secrets find it too
        assert leaks.set_flaws(tampered, base.facts, label, entities=entities, known=kept)
    assert kept
