"""Allow ``python -m quizgen`` where the console script is not on PATH."""

from quizgen.cli import app

app(prog_name="quizgen")
