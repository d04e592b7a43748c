"""Every input from outside quizgen, checked at the edge before anything trusts it.

Files: quizgen reads only regular files, and only up to a documented size.
A named pipe would block ``open`` or ``read`` forever, ``/dev/zero`` would be
read until memory runs out, and a directory, a dangling link or a link loop
would end in a traceback; so a path is looked at with ``os.stat`` first, then
opened with ``O_NONBLOCK`` (a pipe swapped in after the look cannot block
either) and looked at again through the open descriptor, and only a regular
file within its limit is read, never past the limit.

Text: control characters and bidirectional overrides are refused in anything
shown to a person. Written as YAML escapes (``"\\e"``, ``"\\x1b"``) they pass
the YAML reader, then reach a terminal raw (changing its title or clearing
the screen), break XML exports, or make text read differently from how it is
stored. :func:`printable` makes such text safe to put in an error message.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path

from quizgen.errors import CONTROL, InputError, printable

MIB = 1 << 20
MAX_FACT_FILE_BYTES = 48 * MIB
"""Largest fact file read: about 190,000 facts of the bundled file's size (100,000
synthetic facts take 25 MB); past it, split the file."""
MAX_DECK_FILE_BYTES = 1 * MIB
"""Largest deck definition read; the bundled ones are under 2 KB."""
MAX_DECK_FILES = 1000
"""Most deck definitions read from one ``decks/`` folder."""
MAX_PROGRESS_BYTES = 2 << 30
"""Largest progress database opened (2 GiB, about ten million answers); a file past it
is refused at once rather than checked page by page for minutes."""

_NAMES = {
    0x00: "null",
    0x07: "bell",
    0x08: "backspace",
    0x1B: "escape",
    0x7F: "delete",
    0x9B: "control sequence introducer",
}
_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


class Refused(Exception):
    """Why a path cannot be read, in words for a one-line message (without the path)."""


def char_name(ch: str) -> str:
    """'U+001B (escape)': how a message names a character a person cannot see."""
    code = ord(ch)
    name = _NAMES.get(code) or unicodedata.name(ch, "").lower()
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def bad_character(text: str) -> str | None:
    """Why ``text`` may not be shown as it is (naming its first bad character), or None."""
    match = CONTROL.search(text)
    if match is None:
        return None
    ch = match.group()
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return f"{char_name(ch)} is not a character (a lone surrogate); remove it"
    if 0x202A <= code <= 0x2069:
        return (
            f"bidirectional control {char_name(ch)} is not allowed (it makes text "
            "display differently from how it reads); remove it"
        )
    return (
        f"control character {char_name(ch)} is not allowed (it can change what a "
        "terminal shows); remove it"
    )


def _stat_refusal(path: Path, exc: OSError) -> Refused:
    """The true reason ``os.stat`` failed, telling a dangling link from a missing file."""
    if exc.errno == errno.ELOOP:
        return Refused("is a symbolic link that loops back on itself; remove or fix the link")
    if exc.errno == errno.ENOENT:
        try:
            target = os.readlink(path)
        except OSError:
            return Refused("file not found")
        return Refused(f"is a symbolic link to '{printable(target)}', which does not exist")
    if exc.errno == errno.ENOTDIR:
        return Refused("file not found (a part of the path is not a folder)")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Refused("cannot be read: permission denied")
    return Refused(f"cannot be read: {exc.strerror}")


def kind_of(mode: int) -> str | None:
    """'a named pipe (FIFO)', 'a folder', ... for what is not a regular file; None if it is."""
    if stat.S_ISREG(mode):
        return None
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def _refuse_kind(mode: int, what: str) -> None:
    kind = kind_of(mode)
    if kind is not None:
        also = "" if stat.S_ISDIR(mode) else "; quizgen reads only regular files"
        raise Refused(f"is {kind}, not a {what}{also}")


def _too_big(size: int, limit: int, what: str, advice: str) -> Refused:
    return Refused(
        f"is {size:,} bytes; a {what} may be at most {limit:,} bytes "
        f"({limit // MIB:,} MiB)" + (f": {advice}" if advice else "")
    )


def look(path: str | Path, what: str, limit: int, advice: str = "") -> os.stat_result:
    """``path``'s status if it is a regular file of at most ``limit`` bytes; else Refused.

    Nothing is opened, so a named pipe or a device is refused without a wait.
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _stat_refusal(Path(path), exc) from None
    except ValueError:  # a NUL byte in the path
        raise Refused("is not a usable path (it holds a null character)") from None
    _refuse_kind(st.st_mode, what)
    if st.st_size > limit:
        raise _too_big(st.st_size, limit, what, advice)
    return st


def read_regular(path: str | Path, what: str, limit: int, advice: str = "") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is Refused.

    Opened with ``O_NONBLOCK`` and checked again through the descriptor, so a
    file swapped for a pipe or a device between the look and the open is
    refused too, and never more than ``limit + 1`` bytes are read.
    """
    chunks: list[bytes] = []
    read_through(path, what, limit, chunks.append, advice)
    return b"".join(chunks)


def read_through(
    path: str | Path, what: str, limit: int, each: Callable[[bytes], object], advice: str = ""
) -> None:
    """:func:`read_regular`, each piece of at most 1 MiB handed to ``each`` as it is read
    and kept nowhere: a caller that only hashes the file (the compiled fact base) never
    holds it in memory."""
    look(path, what, limit, advice)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _stat_refusal(Path(path), exc) from None
    total = 0
    try:
        _refuse_kind(os.fstat(fd).st_mode, what)
        while total <= limit:
            chunk = os.read(fd, min(limit + 1 - total, 1 << 20))
            if not chunk:
                break
            total += len(chunk)
            if total <= limit:
                each(chunk)
    except OSError as exc:
        raise Refused(f"cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise _too_big(total, limit, what, advice)


def user_path(value: str | Path, source: str) -> Path:
    """A path the user gave (``--home``, ``$QUIZGEN_HOME``), refused with InputError if it
    holds a control character: ``QUIZGEN_HOME=$'\\x01'`` would otherwise silently make
    that folder in the current directory."""
    bad = CONTROL.search(str(value))
    if bad is not None:
        raise InputError(
            f"{source} is '{printable(str(value))}', which holds "
            f"{char_name(bad.group())}: give a folder's path without control "
            "characters"
        )
    return Path(value)


def env_path(environ: Mapping[str, str], name: str) -> Path | None:
    """The path in environment variable ``name``; None if unset or empty."""
    value = environ.get(name)
    return user_path(value, f"${name}") if value else None
