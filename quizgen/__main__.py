"""The program: ``python -m quizgen``, and the ``quizgen`` console script (``main``)."""

import gc


def main() -> None:
    """Run the command line with the cyclic garbage collector paused while it starts (see
    :func:`quizgen.cli.lazy.resume_collector`): only the program does this, never a test
    or a library that imports :mod:`quizgen.cli`."""
    gc.disable()
    from quizgen.cli import app

    app(prog_name="quizgen")


if __name__ == "__main__":
    main()
