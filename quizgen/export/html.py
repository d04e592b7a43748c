"""The offline study page as an export format: ``quizgen export html``.

One self-contained HTML file (flashcards, quiz, match) that works with no
network, rendered by :func:`quizgen.web.page.render`; this module only
registers it, so the export group lists it without importing the page code.
"""

from __future__ import annotations

from quizgen.export import Content, Format, Rendered, register
from quizgen.items import Shape


def render(content: Content) -> Rendered:
    """The page; its title cleaned of control and bidi characters, which HTML escaping keeps."""
    from quizgen.export.safe import clean
    from quizgen.web import page

    return Rendered(
        page.render(content.base, content.items, title=clean(content.title), seed=content.seed), []
    )


SHAPES = frozenset(Shape) - {Shape.SELF}
HELP = "An offline study page: flashcards, a quiz of every kind, and match."
FORMAT = register(Format("html", "study.html", SHAPES, HELP, render))
