"""``quizgen live``: a live classroom game on the local network.

Layout: :mod:`~quizgen.live.game` is the game itself, a state machine with an
injected clock and no I/O (fully tested without a network), and
:mod:`~quizgen.live.views` what each screen of it shows;
:mod:`~quizgen.live.names` says what a name may be and when two are one;
:mod:`~quizgen.live.questions` is what of an item a phone may see, and when;
:mod:`~quizgen.live.protocol` checks every message a browser sends;
:mod:`~quizgen.live.pages` builds the host and phone pages;
:mod:`~quizgen.live.results` appends answers to CSV and JSON as they happen,
and :mod:`~quizgen.live.saving` decides when, and what to do when the disk
refuses; :mod:`~quizgen.live.guard` is the server's door (deadlines, limits
per address and under the open-file limit, the Host check) and
:mod:`~quizgen.live.watch` keeps count of wrong codes and of what the host
must be told; :mod:`~quizgen.live.server` is the thin ASGI shell (Starlette,
uvicorn, WebSockets) that wires them to sockets, :mod:`~quizgen.live.run`
starts it; the typer command is :mod:`quizgen.cli.live_command`.

May import: everything below it, up to :mod:`quizgen.export` (its pages share
:mod:`quizgen.web.embed`; its results go to :mod:`quizgen.progress`'s data folder).
"""
