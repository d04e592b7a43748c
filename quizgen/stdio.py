"""Standard input and output at the edge: closed, not UTF-8, not writable, not a stream.

Run as ``quizgen quiz <&-`` Python has no ``sys.stdin`` at all; with
``>/dev/full`` every write fails; with ``PYTHONIOENCODING=ascii`` every accent
does; piped bytes that are not UTF-8 fail to decode; ``< /`` reads a folder.
:func:`prepare` makes the streams safe before a command runs, and
:func:`output_failure` names a failed write, so that each of these is either
quizgen's ordinary behaviour (closed input is the end of input) or one line
on standard error and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from quizgen.errors import InputError, QuizgenError

_WRITE_ERRNOS = frozenset(
    {
        errno.EPIPE,
        errno.ENOSPC,
        errno.EIO,
        errno.EBADF,
        errno.EFBIG,
        getattr(errno, "EDQUOT", errno.ENOSPC),
    }
)


BROKEN_PIPE = 141
"""The exit status after the reader of standard output closed it (128 + SIGPIPE)."""


class OutputError(QuizgenError):
    """Standard output is closed or a write to it failed."""


class SafeInput(io.TextIOBase):
    """Piped standard input whose read errors (a folder given as input, a device that
    fails) are an :class:`~quizgen.errors.InputError`; everything else is the stream's."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def _guarded(self, read: str, *args: int) -> str:
        try:
            text: str = getattr(self.inner, read)(*args)
        except OSError as exc:
            raise InputError(
                f"cannot read standard input ({exc.strerror}); give answers "
                "one per line on a pipe, a file or the terminal"
            ) from None
        return text

    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
        return self._guarded("readline", -1 if size is None else size)

    def read(self, size: int | None = -1, /) -> str:
        return self._guarded("read", -1 if size is None else size)

    def readable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return self.inner.isatty()

    def fileno(self) -> int:
        return self.inner.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.inner.encoding


def _lenient(stream: object) -> None:
    """Undecodable input and unencodable output become U+FFFD or '?', not an error."""
    if isinstance(stream, io.TextIOWrapper):
        with contextlib.suppress(ValueError, OSError):  # a stream already closed or read
            stream.reconfigure(errors="replace")


def prepare() -> None:
    """Make the standard streams safe for a command; OutputError if there is no output.

    Closed input (``<&-``) reads as empty, which plain mode takes as the end of
    the answers; input is decoded, and output encoded, with ``errors='replace'``
    (a typed answer that is not UTF-8 is still saved, with U+FFFD for each bad
    byte); piped input that cannot be read is an InputError.
    """
    if sys.stdout is None:
        raise OutputError(
            "standard output is closed; give quizgen somewhere to write "
            "(a terminal, a file, or > /dev/null)"
        )
    _lenient(sys.stdout)
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as stdin
        return
    _lenient(sys.stdin)
    if not isinstance(sys.stdin, SafeInput) and not _tty(sys.stdin):
        sys.stdin = SafeInput(sys.stdin)


def _tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def output_failure(exc: OSError) -> OutputError | None:
    """The error to report for a failed write to standard output (a full device, a closed
    pipe), or None if ``exc`` is about something else (a named file)."""
    if exc.filename is not None or exc.errno not in _WRITE_ERRNOS:
        return None
    return OutputError(
        f"cannot write to standard output ({exc.strerror}); what was saved before is kept"
    )


def silence_output() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of
    what could not be written fails no more (it would print a traceback-like note)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        if sys.stdout is None or sys.stdout.fileno() != 1:
            return  # output captured in memory (a test's runner): nothing of ours to point
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)


def flush() -> None:
    """Write out what is still buffered for standard output, where its errors can be told."""
    if sys.stdout is not None:
        sys.stdout.flush()


def report(exc: Exception) -> int | None:
    """Tell the user about ``exc`` in one line each on stderr and give the exit status; None
    if it is no error of quizgen's or of the outside world (a bug keeps its traceback)."""
    from quizgen.errors import FactFileError, printable

    if isinstance(exc, FactFileError):
        for problem in exc.problems:
            say_error(str(problem))
        if len(exc.problems) > 1:
            say_error(f"{len(exc.problems)} problems found.")
        return 1
    if isinstance(exc, QuizgenError):
        say_error(f"quizgen: error: {printable(str(exc))}")
        return 1
    if isinstance(exc, OSError):
        failure = output_failure(exc)
        if failure is not None and exc.errno == errno.EPIPE:
            # The reader went away (``| head``): what it wanted it has; end quietly with
            # the status a shell gives a command SIGPIPE stopped, as other tools do.
            silence_output()
            return BROKEN_PIPE
        if failure is not None:
            silence_output()
            say_error(f"quizgen: error: {failure}")
        else:  # a file quizgen was told to use: its name and what the system says
            where = f"{exc.filename}: " if exc.filename else ""
            say_error(f"quizgen: error: {printable(where + (exc.strerror or str(exc)))}")
        return 1
    return None


@contextlib.contextmanager
def notes_shown() -> Iterator[None]:
    """While a command runs, each :class:`~quizgen.errors.NoteWarning` it warns with is one line on
    standard error (``Note: ...``, escaped), every time; other warnings are left as Python
    shows them."""
    import warnings

    from quizgen.errors import NoteWarning, printable

    with warnings.catch_warnings():
        warnings.simplefilter("always", NoteWarning)
        shown = warnings.showwarning

        def show(
            message: Warning | str,
            category: type[Warning],
            filename: str,
            lineno: int,
            file: TextIO | None = None,
            line: str | None = None,
        ) -> None:
            if issubclass(category, NoteWarning):
                say_error(f"Note: {printable(str(message))}")
            else:
                shown(message, category, filename, lineno, file, line)

        warnings.showwarning = show
        yield


def say_error(line: str) -> None:
    """One line on standard error if it can be written; nothing if it cannot."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
