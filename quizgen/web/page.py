"""The offline study page: one HTML file with flashcards, a quiz and a matching game.

A pure function of the fact base, the items and the seed: no clock, no
environment, so the same facts, selection and seed give the same bytes. The
page carries everything it needs (CSS and JavaScript inlined from
``quizgen/web/static/``, the items as a JSON data block) and its
Content-Security-Policy allows no request of any kind and only its own two
inline blocks to run, so it works from a file, an e-mail or a USB stick and
cannot be made to load anything.

Typed answers are graded in the browser by the same rules and data as the
terminal: ``static/grading.js`` is the twin of :mod:`quizgen.grading.verdict`, and
the page carries what it compares with: the grading lexicon, the fact base's
world (which thing each known name stands for), and each typed item's spec (every
accepted form, derived in Python by :mod:`quizgen.grading.spec`). One table of
grading cases runs through both graders and wants the same verdicts.

Plugging into the export registry (h3's ``quizgen/export/``)::

    # quizgen/export/html.py
    from quizgen.web.page import render as page
    def render(bank: Bank) -> Rendered:
        return Rendered(page(bank.base, bank.items, title=bank.title, seed=bank.seed), [])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quizgen.facts import Fact, FactBase
from quizgen.facts.spans import blanked
from quizgen.grading import Grader
from quizgen.grading.lexicon import lexicon
from quizgen.items import Item
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem, TruthItem
from quizgen.study.feedback import answer_words
from quizgen.web.embed import csp_hash, head, json_block, static, text

STATIC = "quizgen.web"
FORMAT_VERSION = 1
"""Bumped if the stored progress format changes (it is part of the localStorage key)."""


def item_data(base: FactBase, item: Item, grader: Grader | None = None) -> dict[str, Any]:
    """What the page needs to ask, grade and explain one item (answers included:
    this page is for studying alone, so it grades in the browser)."""
    out: dict[str, Any] = {
        "id": item.id,
        "kind": item.kind,
        "label": item.label,
        "shape": item.shape.value,
        "topic": base.topic_name(item.topic),
        "prompt": item.prompt,
        "facts": list(item.fact_ids),
        "src": [str(s) for s in item.source],
        "x": item.explanation,
    }
    if isinstance(item, ChoiceItem | TruthItem):
        out |= {"options": list(item.options), "answer": item.answer}
    elif isinstance(item, TextItem):
        grader = grader or Grader(base.facts, base.entities)
        spec = grader.spec(
            item.answer, item.accepted, item.answer_kind, item.prompt, item.fact_ids[0]
        )
        out |= {"answer": item.answer, "accepted": list(item.accepted), "spec": spec.to_json()}
    elif isinstance(item, OrderItem):
        out |= {
            "options": list(item.options),
            "answer": list(item.answer),
            "dates": list(item.dates),
        }
    elif isinstance(item, PairsItem):
        out |= {
            "names": list(item.names),
            "statements": list(item.statements),
            "answer": [list(p) for p in item.answer],
        }
    if isinstance(item, OrderItem | PairsItem):
        # The answer as the terminal gives it (events with their dates, sentences
        # completed), which is all the explanation of such an item says: shown once.
        out |= {"lines": [w.removeprefix("- ") for w in answer_words(item, base)], "x": ""}
    return out


def page_data(
    base: FactBase, items: Sequence[Item], *, title: str, seed: int | str
) -> dict[str, Any]:
    """Everything the page's script reads: the items, the facts they are about
    (the flashcards), and how to cite each source they name."""
    fact_ids = list(dict.fromkeys(f for item in items for f in item.fact_ids))
    order = {f.id: i for i, f in enumerate(base.facts)}
    facts = [base.fact(f) for f in sorted(fact_ids, key=lambda f: order.get(f, len(order)))]
    keys = dict.fromkeys(
        [*(s for f in facts for s in f.source), *(s for item in items for s in item.source)]
    )
    grader = Grader(base.facts, base.entities)
    return {
        "format": FORMAT_VERSION,
        "set": base.id,
        "title": title,
        "seed": str(seed),
        "version": base.version,
        "attribution": base.attribution,
        "license": base.license,
        "licenseUrl": base.license_url or "",
        "sources": {str(k): base.source_label(k) for k in keys},
        "cards": [
            {
                "id": f.id,
                "topic": base.topic_name(f.topic),
                "q": f.question,
                "a": f.answer,
                "s": f.statement,
                "m": _match_text(f),
                "x": f.explanation or "",
                "src": [str(s) for s in f.source],
            }
            for f in facts
        ],
        "items": [item_data(base, item, grader) for item in items],
        "grading": {"lexicon": lexicon().raw, "world": grader.world.to_json()},
    }


def _match_text(fact: Fact) -> str:
    """What a Match tile shows for the fact: its statement with the answer blanked, by the
    one blanking function; "" where it cannot be blanked (the page shows the question)."""
    found = blanked(fact)
    return found.text() if found is not None else ""


def render(base: FactBase, items: Sequence[Item], *, title: str, seed: int | str) -> bytes:
    """The study page as UTF-8 bytes (see the module docstring)."""
    css = static(STATIC, "study.css")
    js = "\n".join(static(STATIC, f) for f in ("dom.js", "grading.js", "study.js"))
    assert "</style" not in css.lower() and "</script" not in js.lower()
    policy = (
        f"default-src 'none'; script-src {csp_hash(js)}; style-src {csp_hash(css)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    data = json_block(page_data(base, items, title=title, seed=seed))
    licence = text(base.license)
    if base.license_url:
        licence = f'<a href="{text(base.license_url)}" rel="license">{licence}</a>'
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="generator" content="quizgen">\n'
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
{head(title, css, meta)}
<body>
<a class="skip" href="#main">Skip to the study area</a>
<header>
<h1>{text(title)}</h1>
<nav aria-label="Study modes">
<button type="button" class="mode" data-mode="cards" aria-pressed="false">Flashcards</button>
<button type="button" class="mode" data-mode="quiz" aria-pressed="false">Quiz</button>
<button type="button" class="mode" data-mode="match" aria-pressed="false">Match</button>
</nav>
<p id="progress" class="progress"></p>
</header>
<main id="main" tabindex="-1">
<noscript><p>This study page needs JavaScript, which your browser has turned off.</p></noscript>
</main>
<div id="announce" class="sr-only" role="status" aria-live="polite" aria-atomic="true"></div>
<footer>
<p class="attribution">{text(base.attribution)}</p>
<p>{licence} · <span id="made"></span></p>
<p><button type="button" id="reset">Reset progress…</button></p>
<div id="reset-confirm" class="confirm" role="alertdialog" aria-labelledby="reset-q" hidden>
<p id="reset-q">Forget everything this browser remembers about your progress on this set?</p>
<button type="button" id="reset-yes" class="danger">Yes, reset</button>
<button type="button" id="reset-no">Cancel</button>
</div>
</footer>
<script type="application/json" id="quizgen-data">{data}</script>
<script>{js}</script>
</body>
</html>
"""
    return page.encode("utf-8")
