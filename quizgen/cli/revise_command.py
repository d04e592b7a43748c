"""``quizgen revise``: raise the revisions that corrections need, and record the lock.

The rules are in :mod:`quizgen.factfile.revise`; this command loads, calls it, checks
that the edited fact file still loads, writes both files and says what it did.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quizgen.cli.options import FactsOption, count
from quizgen.generation import selection

app = typer.Typer()


@app.command(epilog="Example: quizgen revise facts.yaml")
def revise(
    path: Annotated[
        Path | None,
        typer.Argument(help="Fact file to revise. Default: as for --facts.", show_default=False),
    ] = None,
    facts_path: FactsOption = None,
) -> None:
    """Raise the revision of every fact changed since the lock; record the lock."""
    from quizgen import factfile
    from quizgen.export.files import write_atomic
    from quizgen.factfile import revise as core

    checked = selection.check(selection.one_path(path, facts_path))
    base = checked.base
    folder = selection.decks_folder(base)
    assert folder is not None
    facts_path = Path(base.path)
    stale, text, lock = core.revise(facts_path, base, folder)
    if stale:
        factfile.loads(text.encode("utf-8"), str(facts_path))  # the edit keeps the file valid
        write_atomic(facts_path, text.encode("utf-8"))
    for item in stale:
        typer.echo(f"Raised {item.fact.id} to revision {max(item.fact.revision, item.locked) + 1}")
    if not stale:
        typer.echo("No fact needed a new revision.")
    lock_file = core.lock_path(folder)
    write_atomic(lock_file, lock.encode("utf-8"))
    typer.echo(f"Wrote {lock_file}: {count(len(base.facts), 'fact')}")
