"""The offline study page as an export format: ``quizgen export html``.

One self-contained HTML file (flashcards, quiz, match) that works with no
network, rendered by :func:`quizgen.web.page.render`; this module only
registers it, so the export group lists it without importing the page code.
"""

from __future__ import annotations

from quizgen.export import Bank, Format, Rendered, register
from quizgen.items import Shape


def render(bank: Bank) -> Rendered:
    from quizgen.web import page

    return Rendered(page.render(bank.base, bank.items, title=bank.title, seed=bank.seed), [])


FORMAT = register(Format(
    "html", "study.html", frozenset(Shape) - {Shape.SELF},
    "An offline study page: flashcards, a quiz of every kind, and match.", render))
