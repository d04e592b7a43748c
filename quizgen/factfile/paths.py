"""Where quizgen finds its fact file and deck definitions.

The repository keeps ``facts.yaml`` and ``decks/`` at its top, where people
edit them; a built wheel carries copies under ``quizgen/data/``. Looking in
both means a source checkout, an editable install and a normal install all
find the bundled facts from any working directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from quizgen.inputs import env_path

FACTS_ENV = "QUIZGEN_FACTS"
FACTS_NAME = "facts.yaml"

_PACKAGE = Path(__file__).resolve().parent.parent
"""The ``quizgen`` package folder (this module is in its ``factfile/``)."""


def data_dir() -> Path:
    """The folder holding the bundled ``facts.yaml`` and ``decks/``."""
    packaged = _PACKAGE / "data"
    return packaged if (packaged / FACTS_NAME).is_file() else _PACKAGE.parent


def bundled_facts() -> Path:
    return data_dir() / FACTS_NAME


def bundled_decks() -> Path:
    return data_dir() / "decks"


def resolve_facts(
    explicit: str | Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """Pick the fact file: ``--facts``, else ``$QUIZGEN_FACTS``, else ./facts.yaml, else bundled.

    An explicit or environment path is returned even if it does not exist, so
    the loader can say "file not found" about the file the user asked for
    instead of silently falling back to another one; likewise a ./facts.yaml
    that is there but is no file (a folder, a pipe, a dangling link) is
    returned for the loader to refuse, not passed over for the bundled one.
    ``$QUIZGEN_FACTS`` holding a control character is an
    :class:`~quizgen.errors.InputError` (a path typed on the command line is
    only read, and the loader's messages print it escaped).
    """
    env = os.environ if environ is None else environ
    if explicit:
        return Path(explicit)
    from_env = env_path(env, FACTS_ENV)
    if from_env is not None:
        return from_env
    local = (cwd or Path.cwd()) / FACTS_NAME
    if os.path.lexists(local):
        return Path(FACTS_NAME) if cwd is None else local
    return bundled_facts()
