"""The standard streams at the edge (quizgen.stdio), in process; the CLI tests run them."""

from __future__ import annotations

import errno
import io
import sys

import pytest

from quizgen import stdio
from quizgen.errors import InputError


def test_closed_input_reads_as_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    stdio.prepare()
    assert sys.stdin.readline() == ""


def test_closed_output_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    with pytest.raises(stdio.OutputError, match=r"^standard output is closed; give quizgen"):
        stdio.prepare()


def test_input_that_is_not_utf8_is_read_with_replacement(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raw = io.TextIOWrapper(io.BytesIO(b"Caf\xe9\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", raw)
    stdio.prepare()
    assert isinstance(sys.stdin, stdio.SafeInput) and sys.stdin.readline() == "Caf\ufffd\n"


def test_output_that_cannot_be_encoded_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding="ascii")
    monkeypatch.setattr(sys, "stdout", out)
    stdio.prepare()
    out.write("Café – ok\n")
    out.flush()
    assert buffer.getvalue() == b"Caf? ? ok\n"


class Failing(io.StringIO):
    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
        raise OSError(errno.EIO, "Input/output error")


def test_input_that_fails_to_read_is_an_input_error() -> None:
    """A terminal gone away, a device that fails (a folder Python itself refuses)."""
    with pytest.raises(InputError) as info:
        stdio.SafeInput(Failing()).readline()
    assert str(info.value) == (
        "cannot read standard input (Input/output error); give "
        "answers one per line on a pipe, a file or the terminal"
    )


def test_which_write_failures_are_about_standard_output() -> None:
    full = stdio.output_failure(OSError(errno.ENOSPC, "No space left on device"))
    assert str(full) == (
        "cannot write to standard output (No space left on device); what was saved before is kept"
    )
    assert stdio.output_failure(BrokenPipeError(errno.EPIPE, "Broken pipe")) is not None
    assert stdio.output_failure(OSError(errno.ENOSPC, "No space", "out.csv")) is None
    assert stdio.output_failure(OSError(errno.ENOENT, "No such file")) is None
