"""``python -m quizgen.live``: the ``quizgen live`` command without the CLI around it."""

from quizgen.live.command import app

app(prog_name="quizgen live")
