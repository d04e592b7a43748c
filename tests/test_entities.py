"""Entities: the named things a fact file speaks of, each once, graded alike in every fact.

The fixture below is a small file with entities; a problem's expected position is
found in the text itself (:func:`at`), so every message is pinned to the exact
line and column where the loader must point.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen import factfile
from quizgen.errors import FactFileError
from quizgen.facts import Entity, FactBase, Period
from quizgen.generation.bank import Maker
from quizgen.grading import Grader
from quizgen.grading.lexicon import lexicon
from quizgen.grading.reading import key as grading_key
from quizgen.grading.spec import FORCE, asks_whose, state_side
from quizgen.items.shapes import ChoiceItem, TextItem
from quizgen.language.text import contains, name_key
from tests.support.data import TINY, problems

HEAD = """\
title: Named
version: 0.0.1
updated: 2026-01-02
license: CC BY-SA 4.0
attribution: Test data.
topics:
  - id: base
    name: The base
answer_classes:
  - id: town
    name: Town
  - id: country
    name: Country
  - id: force
    name: Armed force
references:
  - id: 1
    title: A report
    publisher: A paper
    citation: A paper. 2019.
articles:
  - id: main
    title: Main article
"""
ENTITIES = """\
ambiguous_names: [Iran]
entities:
  - id: abu-kamal
    class: town
    name: Abu Kamal
    aliases: [Al-Bukamal, Albukamal, Bukamal]
    country: syria
  - id: mayadin
    class: town
    name: Al-Mayadin
    country: syria
  - id: palmyra
    class: town
    name: Palmyra
    country: syria
  - id: raqqa
    class: town
    name: Raqqa
    country: syria
  - id: syria
    class: country
    name: Syria
    aliases: [Syrian Arab Republic]
  - id: iran
    class: country
    name: Iran
    aliases: [Islamic Republic of Iran]
  - id: iran-forces
    class: force
    name: Islamic Republic of Iran Armed Forces
    aliases: [Iranian Armed Forces, Iran]
    country: iran
    side: iran-axis
    period: 1979–present
"""
FACTS = """\
facts:
  - id: near
    topic: base
    statement: The base was near Abu Kamal.
    question: Near which town was the base?
    answer: Abu Kamal
    answer_kind: place
    tags: [location]
    source: [main]
    wrong_answers: [mayadin, Palmyra]
  - id: also-known-as
    topic: base
    statement: Abu Kamal is also known as Al-Bukamal.
    question: What else is Abu Kamal known as?
    answer: Al-Bukamal
    answer_kind: place
    tags: [location]
    source: [main]
  - id: controller
    topic: base
    statement: The base was controlled by the Islamic Republic of Iran Armed Forces.
    question: Who controlled the base?
    answer: Islamic Republic of Iran Armed Forces
    answer_kind: organization
    tags: [location]
    source: [main]
    wrong_answers: [Syria]
  - id: country
    topic: base
    statement: The base was in Syria.
    question: In which country was the base?
    answer: Syria
    answer_kind: country
    tags: [location]
    source: [main]
    wrong_answers: [iran]
"""
GOOD = HEAD + ENTITIES + FACTS
ABU_KAMAL = GOOD[: GOOD.index("  - id: abu-kamal")].count("\n") + 1
IRAN = GOOD[: GOOD.index("  - id: iran\n")].count("\n") + 1


def at(text: str, needle: str, nth: int = 1, offset: int = 0) -> str:
    """'LINE:COLUMN' of the ``nth`` occurrence of ``needle`` in ``text`` (1-based), moved
    on by ``offset`` characters."""
    start = -1
    for _ in range(nth):
        start = text.index(needle, start + 1)
    start += offset
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return f"{line}:{column}"


def load(text: str = GOOD) -> FactBase:
    return factfile.loads(text, "tiny.yaml")


def test_entities_load_and_facts_are_tied_to_them() -> None:
    base = load()
    assert base.entity("abu-kamal") == Entity(
        "abu-kamal",
        "town",
        "Abu Kamal",
        ("Al-Bukamal", "Albukamal", "Bukamal"),
        country="syria",
        line=ABU_KAMAL,
    )
    forces = base.entity("iran-forces")
    assert forces is not None
    assert (forces.side, forces.period) == ("iran-axis", Period(1979, None))
    near = base.fact("near")
    assert (near.entity, near.answer_class) == ("abu-kamal", "town")
    assert near.aliases == ("Al-Bukamal", "Albukamal", "Bukamal")
    # a wrong answer given by id shows the entity's name; one by name keeps its text
    assert near.wrong_answers == ("Al-Mayadin", "Palmyra")
    assert near.wrong_entities == ("mayadin", "palmyra")
    assert base.fact("country").wrong_answers == ("Iran",)
    assert base.fact("country").wrong_entities == ("iran",)
    assert base.entities.named("iran") == ("iran", "iran-forces")
    assert base.to_dict()["ambiguous_names"] == ["Iran"]
    assert base.to_dict()["entities"][2] == {
        "id": "palmyra",
        "class": "town",
        "name": "Palmyra",
        "country": "syria",
    }
    assert near.to_dict()["entity"] == "abu-kamal"


def test_a_name_the_fact_shows_is_context_not_an_answer() -> None:
    """'Abu Kamal, also known as _____' does not take 'Abu Kamal'; every other name it does."""
    fact = load().fact("also-known-as")
    assert fact.entity == "abu-kamal"
    assert fact.aliases == ("Albukamal", "Bukamal")
    assert fact.shown_names == ("Abu Kamal",)


def test_entities_may_come_after_the_facts_with_the_same_positions() -> None:
    bad = GOOD.replace("wrong_answers: [iran]", "wrong_answers: [Iran]")
    after = HEAD + FACTS.replace("wrong_answers: [iran]", "wrong_answers: [Iran]") + ENTITIES
    message = (
        "wrong_answers[0]: 'Iran' names 2 entities (iran, iran-forces); "
        "write the id of the one meant"
    )
    needle = "wrong_answers: [Iran]"
    assert problems(bad) == [f"tiny.yaml:{at(bad, needle, offset=16)}: {message}"]
    assert problems(after) == [f"tiny.yaml:{at(after, needle, offset=16)}: {message}"]
    assert load(HEAD + FACTS + ENTITIES).fact("near").entity == "abu-kamal"


def case(old: str, new: str, nth: int = 1) -> str:
    """GOOD with the ``nth`` ``old`` replaced by ``new``."""
    start = -1
    for _ in range(nth):
        start = GOOD.index(old, start + 1)
    return GOOD[:start] + new + GOOD[start + len(old) :]


CASES = {
    "a name on two entities": (
        case("    name: Raqqa\n", "    name: Raqqa\n    aliases: [Bukamal]\n"),
        "Bukamal]",
        2,
        f"aliases[0]: 'Bukamal' is also a name of entity 'abu-kamal' (line {ABU_KAMAL}); "
        "list it under ambiguous_names if it names both",
    ),
    "a name twice on one entity": (
        case("[Al-Bukamal, Albukamal, Bukamal]", "[Al-Bukamal, Albukamal, Al Bukamal]"),
        "Al Bukamal",
        1,
        "aliases[2]: 'Al Bukamal' is given twice",
    ),
    "an ambiguous name that names one entity": (
        case("ambiguous_names: [Iran]", "ambiguous_names: [Iran, Raqqa]"),
        "Raqqa]",
        1,
        "ambiguous_names: 'Raqqa' names only entity 'raqqa'; remove it from this list",
    ),
    "an undeclared class": (
        case("    class: town\n    name: Raqqa", "    class: twon\n    name: Raqqa"),
        "twon",
        1,
        "class: 'twon' is not a declared answer class (did you mean 'town'?)",
    ),
    "an undeclared country": (
        case("country: syria", "country: syira"),
        "syira",
        1,
        "country: 'syira' is not a declared entity (did you mean 'syria'?)",
    ),
    "an undeclared entity it lies in": (
        case(
            "    aliases: [Al-Bukamal, Albukamal, Bukamal]\n",
            "    aliases: [Al-Bukamal, Albukamal, Bukamal]\n    within: [syria, deir-ez-zor]\n",
        ),
        "deir-ez-zor]",
        1,
        "within[1]: 'deir-ez-zor' is not a declared entity",
    ),
    "an entity within itself": (
        case(
            "    aliases: [Al-Bukamal, Albukamal, Bukamal]\n",
            "    aliases: [Al-Bukamal, Albukamal, Bukamal]\n    within: [abu-kamal]\n",
        ),
        "abu-kamal]",
        1,
        "within[0]: 'abu-kamal' is this entity itself",
    ),
    "a bad period": (
        case("period: 1979–present", "period: 1979–1970"),
        "1979–1970",
        1,
        "period: '1979–1970' is not a period: it ends (1970) before it starts (1979)",
    ),
    "a fact naming an undeclared entity": (
        case("    answer: Syria\n", "    answer: Syria\n    entity: syira\n"),
        "syira",
        1,
        "entity: 'syira' is not a declared entity (did you mean 'syria'?)",
    ),
    "an answer that is not a name of its entity": (
        case("    answer: Syria\n", "    answer: Syria\n    entity: iran\n"),
        "Syria\n    entity",
        1,
        f"answer: 'Syria' is not a name of entity 'iran'; add it to its aliases (line {IRAN})",
    ),
    "an answer that names no entity": (
        case("    answer: Syria\n", "    answer: Sirya\n"),
        "Sirya",
        1,
        "answer: 'Sirya' names no entity; declare it under entities (with its other names) "
        "or name one with entity: ID",
    ),
    "an answer with an ambiguous name": (
        case("    answer: Syria\n", "    answer: Iran\n").replace("[iran]", "[Raqqa]"),
        "Iran\n    answer_kind: country",
        1,
        "answer: 'Iran' names 2 entities (iran, iran-forces); say which with entity: ID",
    ),
    "aliases beside an entity": (
        case(
            "    answer: Abu Kamal\n    answer_kind: place\n",
            "    answer: Abu Kamal\n    answer_kind: place\n    aliases: [Abou Kamal]\n",
        ),
        "[Abou",
        1,
        f"aliases: the answer is entity 'abu-kamal': list other names under it (line {ABU_KAMAL}), "
        "so that every fact grades it alike",
    ),
    "a class other than the entity's": (
        case(
            "    answer: Abu Kamal\n    answer_kind: place\n",
            "    answer: Abu Kamal\n    answer_kind: place\n    answer_class: country\n",
        ),
        "country\n    tags",
        1,
        "answer_class: 'country' differs from the class of entity 'abu-kamal' ('town'); "
        "leave it out: the entity's class is used",
    ),
    "a wrong answer that names the answer": (
        case("wrong_answers: [mayadin, Palmyra]", "wrong_answers: [mayadin, Bukamal]"),
        "Bukamal]",
        2,
        "wrong_answers[1]: 'Bukamal' is a name of the answer 'abu-kamal'",
    ),
    "an entity for an answer that is not a name": (
        case(
            "    answer: Syria\n    answer_kind: country\n",
            "    answer: Syria\n    answer_kind: text\n    entity: syria\n",
        ),
        "syria\n    tags",
        1,
        "entity: only answers of kind country, event, organization, person, place name an "
        "entity; this answer_kind is 'text'",
    ),
}


@pytest.mark.parametrize("text,needle,nth,message", CASES.values(), ids=CASES.keys())
def test_validate_refuses(text: str, needle: str, nth: int, message: str) -> None:
    assert problems(text) == [f"tiny.yaml:{at(text, needle, nth)}: {message}"]


def test_what_an_entity_lies_in_is_read_and_lets_a_reply_add_it(shipped: FactBase) -> None:
    """``within`` names the entities a thing lies in or is part of: a reply may add one
    (or what lies in the key), never a sibling or another country's place."""
    assert shipped.entities["husaybah"].within == ("al-qaim-district",)
    assert shipped.entities["quds-force"].to_dict()["within"] == ["irgc"]
    grader = Grader(shipped.facts, shipped.entities)
    maker = Maker(shipped)
    cases = {
        "crossing-to-husaybah": {
            "Husaybah in Al Anbar": True,
            "Husaybah (Al-Qa'im District)": True,
            "Husaybah, Iraq": True,
            "Husaybah in Deir ez-Zor": False,
            "Husaybah, Syria": False,
        },
        "completed-by-quds-force": {
            "Quds Force (IRGC)": True,
            "Quds Force (Basij)": False,
            "Quds Force (Hezbollah)": False,
        },
        "base-country": {"Syria (Deir ez-Zor)": True, "Syria (Al Anbar)": False},
    }
    for fact, replies in cases.items():
        # a place blank after a bare 'in' is not made (it would take a town or a country
        # alike), so each fact is graded as every kind of typed reply it is asked as
        made = [maker.make(kind, shipped.fact(fact), seed=0) for kind in ("typed", "cloze")]
        asked = [item for item in made if item is not None]
        assert asked, fact
        for item in asked:
            assert isinstance(item, TextItem)
            kind = item.kind
            for reply, right in replies.items():
                assert item.grade(reply, grader).correct is right, (fact, kind, reply)


def test_a_file_without_entities_keeps_its_aliases() -> None:
    base = factfile.loads(
        TINY.replace(
            "    answer_kind: place\n", "    answer_kind: place\n    aliases: [Al-Bukamal]\n"
        ),
        "tiny.yaml",
    )
    assert not base.entities
    assert base.fact("one").aliases == ("Al-Bukamal",)
    assert base.fact("one").entity is None


@pytest.mark.slow
def test_one_entity_is_graded_alike_in_every_fact_that_asks_it(shipped: FactBase) -> None:
    """Over the shipped file: every name of the key's entity that the item's prompt does
    not show is right, in typed answers and blanks alike (but for the forms of a name
    both of its fact's texts show: an "other name" question); every name of another entity
    (not also a name of the key's) is wrong."""
    grader = Grader(shipped.facts, shipped.entities)
    maker = Maker(shipped)
    asked = 0
    for fact in shipped.facts:
        entity = shipped.entity(fact.entity)
        if entity is None:
            continue
        own = {name_key(n) for n in entity.names}
        for kind in ("typed", "cloze"):
            item = maker.make(kind, fact, seed=0)
            if not isinstance(item, TextItem):
                continue
            asked += 1
            kept = {fact.answer, *fact.aliases, *fact.shown_names}
            for name in entity.names:
                if contains(item.prompt.replace("_____", " "), name):
                    continue  # shown in the prompt: context, not an answer
                # another spelling or the initials of a name both of the fact's texts
                # show ('KH' where the stem asks Kata'ib Hezbollah's other name): wrong
                right = name in kept
                assert item.grade(name, grader).correct is right, (item.id, name)
            # every name of every entity of the key's class or among its wrong answers,
            # and every third name of the rest (the whole set is the stress of the table)
            near = {e.id for e in shipped.entities.all if e.answer_class == entity.answer_class}
            near |= {w for w in fact.wrong_entities if w is not None}
            # (the one exception: the key's own name beside a common word of the prompt,
            # as "Kirkuk airbase" where the question asks where the airbase was attacked)
            # and what it derives from that: a thing lying in the key and named after it,
            # by any of its names ('K-1 Air Base' is that airbase), and a demonym the key
            # goes by, in the plural ('Israelis' where 'Israeli' is the Israeli Air Force)
            common = {w.lower() for w in item.prompt.split() if w.islower()}
            others = {
                grading_key(n) for e in shipped.entities.all if e.id != entity.id for n in e.names
            }
            alone = {grading_key(n) for n in entity.names} - others
            force_heads = {h for h, g in lexicon().head_group.items() if g == FORCE}
            demonyms = {name_key(e.demonym) for e in shipped.entities.all if e.demonym}
            for other in shipped.entities.all:
                inside = entity.id in other.within and any(
                    " ".join(w for w in name_key(n).split() if w not in common) in own
                    for n in other.names
                )
                for i, name in enumerate(other.names):
                    bare = " ".join(w for w in name_key(name).split() if w not in common)
                    plural = name_key(name)[:-1] in own & demonyms
                    # the key's name without the head the prompt asks for ("Al-Qa'im" for
                    # "Which border crossing...?")
                    headless = any(
                        o.startswith(f"{name_key(name)} ")
                        and set(o.removeprefix(f"{name_key(name)} ").split()) <= common
                        for o in own
                    )
                    # a part of the key named with it, by a name that is the key's alone
                    # ('IRGC Quds Force' for the IRGC)
                    part = entity.id in _lies_in(shipped, other.id) and any(
                        f" {o} " in f" {grading_key(name)} " for o in alone
                    )
                    # the key's own state where the prompt asks for forces ('the U.S.' for
                    # "Which forces...?" where the key is the American forces)
                    state = other.id == entity.country and bool(common & force_heads)
                    # or where it asks whose, of a force whose side is that state ('Syria',
                    # 'the Syrian government' for "Whose positions...?" of the Syrian Army)
                    state = state or (
                        other.id == entity.country
                        and asks_whose(item.prompt)
                        and state_side(entity, other)
                    )
                    if (
                        name_key(name) in own
                        or bare in own
                        or inside
                        or plural
                        or headless
                        or part
                        or state
                    ):
                        continue
                    if other.id in near or i % 3 == 0:
                        assert not item.grade(name, grader).correct, (item.id, name)
    assert asked > 100


def _lies_in(base: FactBase, entity_id: str) -> set[str]:
    """Every entity ``entity_id`` is within, followed up (not its country)."""
    out: set[str] = set()
    todo = [entity_id]
    while todo:
        found = base.entities.get(todo.pop())
        for parent in found.within if found is not None else ():
            if parent not in out:
                out.add(parent)
                todo.append(parent)
    return out


def test_distractors_are_drawn_from_entities_of_the_key_class(shipped: FactBase) -> None:
    maker = Maker(shipped)
    drawn = 0
    for fact in shipped.facts:
        if fact.entity is None:
            continue
        for seed in range(5):
            item = maker.make("mc", fact, seed=seed)
            if not isinstance(item, ChoiceItem):
                continue
            for option, origin in zip(item.options, item.origins, strict=True):
                if origin.startswith(("fact:", "entity:")):
                    drawn += 1
                    ids = shipped.entities.named(option)
                    assert ids, option
                    assert any(
                        shipped.entities[i].answer_class == fact.answer_class for i in ids
                    ), (fact.id, option)
    assert drawn > 10


def test_every_name_of_the_shipped_file_is_on_one_entity_or_declared(shipped: FactBase) -> None:
    declared = {name_key(n) for n in shipped.entities.ambiguous}
    for key in shipped.entities.name_keys():
        if len(shipped.entities.keyed(key)) > 1:
            assert key in declared, key
    # every curated wrong answer of a fact tied to an entity names one
    for fact in shipped.facts:
        if fact.entity is not None:
            assert None not in fact.wrong_entities, fact.id


NAMES = st.sampled_from(
    ["Abu Kamal", "abu-kamal", "Al Bukamal", "Al-Bukamal", "Raqqa", "U.S.", "US", "Iran", "x"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entities=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "Bad Id"]),
            st.sampled_from(["town", "country", "nope"]),
            st.lists(NAMES, max_size=3),
        ),
        max_size=4,
    ),
    ambiguous=st.lists(NAMES, max_size=2),
    answers=st.lists(
        st.tuples(NAMES, st.one_of(st.none(), st.sampled_from(["a", "b", "zz"]))),
        min_size=1,
        max_size=3,
    ),
)
def test_any_entities_load_or_fail_with_positions(
    entities: list[tuple[str, str, list[str]]],
    ambiguous: list[str],
    answers: list[tuple[str, str | None]],
) -> None:
    """Whatever the entities, names and references: facts tied to one entity each, every
    shared name declared, or one-line problems with positions; never a traceback."""
    lines = [f"ambiguous_names: {json.dumps(ambiguous)}", "entities:"]
    for ident, cls, names in entities:
        lines += [
            f"  - id: {ident}",
            f"    class: {cls}",
            f"    name: {json.dumps(names[0] if names else 'N')}",
        ]
        if names[1:]:
            lines.append(f"    aliases: {json.dumps(names[1:])}")
    lines.append("facts:")
    for i, (answer, entity) in enumerate(answers):
        lines += [
            f"  - id: f{i}",
            "    topic: base",
            "    statement: The base was somewhere.",
            "    question: Where was the base?",
            f"    answer: {json.dumps(answer)}",
            "    answer_kind: place",
            "    tags: [location]",
            "    source: [main]",
        ]
        if entity is not None:
            lines.append(f"    entity: {entity}")
    text = HEAD + "\n".join(lines) + "\n"
    try:
        base = factfile.loads(text, "fuzz.yaml")
    except FactFileError as exc:
        assert all(p.line > 0 and str(p).startswith("fuzz.yaml:") for p in exc.problems)
        return
    declared = {name_key(n) for n in base.entities.ambiguous}
    for key in base.entities.name_keys():
        assert len(base.entities.keyed(key)) == 1 or key in declared
    for fact in base.facts:
        tied = base.entity(fact.entity)
        assert tied is not None and tied.id in base.entities.named(fact.answer)
