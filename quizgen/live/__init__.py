"""``quizgen live``: a live classroom game on the local network.

Layout: :mod:`~quizgen.live.game` is the game itself, a state machine with an
injected clock and no I/O (fully tested without a network);
:mod:`~quizgen.live.questions` is what of an item a phone may see, and when;
:mod:`~quizgen.live.protocol` checks every message a browser sends;
:mod:`~quizgen.live.pages` builds the host and phone pages;
:mod:`~quizgen.live.results` appends answers to CSV and JSON as they happen;
:mod:`~quizgen.live.server` is the thin ASGI shell (Starlette, uvicorn,
WebSockets) that wires them to sockets; :mod:`~quizgen.live.command` is the
typer command.

May import: everything below it, up to :mod:`quizgen.export` (its results are
written with :mod:`quizgen.export.files`; its pages share :mod:`quizgen.web.embed`).
"""
