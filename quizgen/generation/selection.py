"""Which facts and questions a command works on: one rule for every command.

``quiz``, ``review``, ``flashcards``, ``questions`` and every export take the
same ``--facts``, ``--deck``, ``--topic``, ``--tag`` and ``--kinds``; they all
come here, so the same options choose the same facts everywhere and a typo is
the same one-line error everywhere. The rule: the facts of the deck (in the
deck's order) that also have the topic and the tag; an option left out does
not narrow.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from quizgen.errors import SelectionError

if TYPE_CHECKING:
    from quizgen.factfile.decks import DeckDef
    from quizgen.facts import Fact, FactBase
    from quizgen.items import Item


# Results are NamedTuples: as immutable as frozen dataclasses, and ten times cheaper to
# define, which every command pays at start-up.
class Which(NamedTuple):
    """Which facts a command works on, as its ``--facts``, ``--deck``, ``--topic`` and
    ``--tag`` say: the fact file (None: :func:`load`'s search) and what narrows it (None:
    nothing). The four always travel together, so they are one value."""

    path: str | Path | None = None
    deck: str | None = None
    topic: str | None = None
    tag: str | None = None


class Chosen(NamedTuple):
    """A fact base and the facts chosen from it, in the order to use them."""

    base: FactBase
    facts: list[Fact]


class Questions(NamedTuple):
    """Items made from chosen facts, the seed that makes them again, and why there are
    fewer than asked for, if there are ("" otherwise)."""

    base: FactBase
    items: list[Item]
    seed: str
    fewer: str = ""


class Checked(NamedTuple):
    """A fact file that loaded cleanly; ``decks`` is None when it has no decks/ folder."""

    base: FactBase
    decks: list[DeckDef] | None


def load(path: str | Path | None = None) -> FactBase:
    """The fact file: ``path``, else ``$QUIZGEN_FACTS``, else ./facts.yaml, else bundled.

    Read through its compiled copy in the cache folder (:mod:`quizgen.factfile.compiled`);
    what went wrong with the cache, if anything, is a :class:`~quizgen.errors.NoteWarning`.
    """
    from quizgen.factfile import compiled
    from quizgen.factfile.paths import resolve_facts

    loaded = compiled.load(resolve_facts(path), compiled.folder())
    if loaded.notes:
        import warnings

        from quizgen.errors import NoteWarning

        for note in loaded.notes:
            warnings.warn(note, NoteWarning, stacklevel=2)
    return loaded.base


def one_path(argument: Path | None, option: Path | None) -> Path | None:
    """The fact file a command names as its argument or as ``--facts`` (as every other
    command does); naming two different ones is an error."""
    if argument is not None and option is not None and argument != option:
        raise SelectionError(
            f"two fact files given ({argument} and --facts {option}): give one, either way"
        )
    return argument if argument is not None else option


def check(path: str | Path | None = None) -> Checked:
    """Load a fact file and every deck definition beside it; FactFileError lists all problems."""
    base = load(path)
    folder = decks_folder(base, required=False)
    return Checked(base, deck_definitions(base, folder) if folder else None)


def decks_folder(
    base: FactBase, explicit: Path | None = None, *, required: bool = True
) -> Path | None:
    """``explicit`` (it must exist), else the decks/ folder beside the fact file."""
    from quizgen.factfile.decks import decks_dir_for

    if explicit is not None:
        if not os.path.lexists(explicit):  # else the loader says what it is (a pipe, ...)
            raise SelectionError(f"{explicit}: no such folder of deck definitions")
        return explicit
    folder = decks_dir_for(Path(base.path))
    if folder is None and required:
        raise SelectionError(f"no decks/ folder beside {base.path}; name one with --decks DIR")
    return folder


def deck_definitions(
    base: FactBase, folder: Path | None = None, *, only: str | None = None
) -> list[DeckDef]:
    """The deck definitions in ``folder`` (default: beside the fact file); ``only`` picks one."""
    from quizgen.factfile import decks

    definitions = decks.load_definitions(folder or _required(decks_folder(base)), base)
    return [find_deck(definitions, only)] if only is not None else definitions


def find_deck(definitions: Sequence[DeckDef], wanted: str) -> DeckDef:
    """A definition by its file name or its deck name; an error suggests the nearest."""
    from quizgen.language.text import suggest

    found = next((d for d in definitions if wanted in (d.key, d.name)), None)
    if found is None:
        keys = [d.key for d in definitions]
        raise SelectionError(f"no deck '{wanted}'{suggest(wanted, keys)}; decks: {', '.join(keys)}")
    return found


def choose(which: Which) -> Chosen:
    """The fact base and its facts in deck ∩ topic ∩ tag (each only if given)."""
    base = load(which.path)
    chosen = base.select(topic=which.topic, tag=which.tag)
    if which.deck is not None:
        from quizgen.factfile.decks import plan

        keep = {f.id for f in chosen}
        found = deck_definitions(base, only=which.deck)[0]
        in_deck = dict.fromkeys(f for part in plan(found, base) for f in part.facts)
        chosen = [f for f in in_deck if f.id in keep]
    return Chosen(base, chosen)


def new_seed(seed: str | None) -> str:
    """The user's seed, or a fresh one (which the command prints, so the run can be repeated)."""
    if seed is not None:
        return seed
    import secrets

    return str(secrets.randbelow(1_000_000))


def questions(
    which: Which,
    *,
    kinds: str,
    n: int | None,
    seed: str | None = None,
    allow_empty: bool = False,
) -> Questions:
    """Items of ``kinds`` about the facts ``which`` chooses: ``n`` of them, or the whole
    bank if None.

    No item at all is an error unless ``allow_empty``: a quiz or an export of
    nothing is a mistake in the options, better said than silently done. Every
    command takes the same set for the same seed, kinds and facts (a quiz, a listing,
    an export, a live game), protected as read all at once
    (:func:`quizgen.generation.bank.generate`).
    """
    from quizgen import items as registry
    from quizgen.generation.bank import Maker

    wanted = registry.parse_kinds(kinds)
    chosen = choose(which)
    used = new_seed(seed)
    maker = Maker(chosen.base)
    items = maker.generate(wanted, n, used, chosen.facts)
    if not items and not allow_empty:
        raise SelectionError("no questions of those kinds can be made from those facts")
    short = fewer(items, n, wanted, len(chosen.facts), maker.refused)
    return Questions(chosen.base, items, used, short)


def fewer(
    items: Sequence[Item],
    n: int | None,
    kinds: Sequence[str],
    facts: int,
    refused: Mapping[str, int] | None = None,
) -> str:
    """Why ``items`` are fewer than the ``n`` asked for, in a line ('' if they are not).

    Within a set no fact is asked twice and no item gives another's answer away
    (:mod:`quizgen.generation.leaks`): a set that cannot keep that to ``n`` items is
    cut short, and the user is told how many, and why: the rule that refused most of
    the items tried (``refused``: how many each rule refused), and what to do.
    """
    if n is None or len(items) >= n or not items:
        return ""
    from quizgen import items as registry

    labels = {k.kind: k.label.lower() for k in registry.kinds()}
    named = ", ".join(labels.get(k, k) for k in kinds)
    noun = "fact" if facts == 1 else "facts"
    most = max(refused.items(), key=lambda r: r[1]) if refused else None
    why = f" The items tried and left out were most often refused for {most[0]}." if most else ""
    return (
        f"Only {len(items)} of the {n} questions asked for: the {facts} {noun} chosen allow "
        f"no more of these kinds ({named}) without asking a fact twice or giving one "
        f"question's answer away in another.{why} Ask for fewer, or choose more facts."
    )


def _required(folder: Path | None) -> Path:
    assert folder is not None  # decks_folder raises rather than return None when required
    return folder
