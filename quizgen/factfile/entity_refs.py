"""The file's ``entities`` and ``ambiguous_names``, and facts tied to the entities they name.

Facts are read as the parser streams them, and a file may list its entities
after its facts, so a fact keeps only where its answer, aliases, class and
wrong answers were written (a few numbers, see :class:`Where`); once the whole
file is read, :func:`tie` finds the entity each names and reports at those
positions what does not fit, one line each, as for every other field.

A fact is tied to an entity by its ``entity`` field (an id), or, where it
has none, by its answer when that answer is a name of exactly one entity.
Its wrong answers are tied the same way: each may be a name or an id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from quizgen.factfile.checker import Checker
from quizgen.factfile.yamldoc import Mapping, Node
from quizgen.facts import POOLED_KINDS, Fact, spans
from quizgen.facts.entities import Entities, Entity, Period
from quizgen.language.text import name_key, suggest

ENTITY_FIELDS = {
    "id": True,
    "class": True,
    "name": True,
    "aliases": False,
    "country": False,
    "side": False,
    "period": False,
    "demonym": False,
    "within": False,
}

Pos = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Where:
    """Where a fact wrote the fields that tie it to entities: (line, column) each."""

    answer: Pos
    entity: Pos | None
    aliases: Pos | None
    answer_class: Pos | None
    wrong: tuple[Pos, ...]

    @staticmethod
    def of(m: Mapping) -> Where:
        def pos(name: str) -> Pos | None:
            node = m.get(name)
            return None if node is None else (node.line, node.column)

        wrong = m.get("wrong_answers")
        items: Sequence[Node] = getattr(wrong, "items", ())
        return Where(
            pos("answer") or (m.line, m.column),
            pos("entity"),
            pos("aliases"),
            pos("answer_class"),
            tuple((n.line, n.column) for n in items),
        )


def read(c: Checker, root: Mapping, classes: set[str] | None) -> Entities:
    """The ``entities`` and ``ambiguous_names`` sections, every problem recorded.

    ``classes`` are the declared answer classes (None: none declared). A name on
    two entities is refused unless ``ambiguous_names`` lists it.
    """
    ambiguous_keys: dict[str, Node] = {}
    ambiguous_texts: list[str] = []
    for i, node in enumerate(c.items(root, "ambiguous_names", required=False)):
        text = c.text_node(node, f"ambiguous_names[{i}]")
        if text is not None:
            key = name_key(text)
            if key in ambiguous_keys:
                c.add(node, f"ambiguous_names[{i}]", f"'{text}' is given twice")
            else:
                ambiguous_keys[key] = node
                ambiguous_texts.append(text)
    entities: list[Entity] = []
    seen_ids: dict[str, int] = {}
    owners: dict[str, tuple[str, int]] = {}  # name key -> (entity id, line)
    countries: list[tuple[Node, str, str]] = []  # (node, entity id it names, field)
    for m in c.entries(root, "entities", ENTITY_FIELDS, required=False):
        entity = _entity(c, m, classes, seen_ids, owners, ambiguous_keys, countries)
        if entity is not None:
            entities.append(entity)
    found = Entities(entities, ambiguous_texts)
    for node, country, field in countries:
        if found.get(country) is None:
            ids = [e.id for e in entities]
            c.add(node, field, f"'{country}' is not a declared entity{suggest(country, ids)}")
    for key, node in ambiguous_keys.items():
        named = found.keyed(key)
        if len(named) < 2:
            what = f"only entity '{named[0]}'" if named else "no entity"
            text = node.text if hasattr(node, "text") else key
            c.add(node, "ambiguous_names", f"'{text}' names {what}; remove it from this list")
    return found


def _entity(
    c: Checker,
    m: Mapping,
    classes: set[str] | None,
    seen_ids: dict[str, int],
    owners: dict[str, tuple[str, int]],
    ambiguous: dict[str, Node],
    countries: list[tuple[Node, str, str]],
) -> Entity | None:
    ident = c.ident(m, "id")
    if ident is not None:
        c.unique(seen_ids, ident, m.get("id") or m, "id", "entity id")
    answer_class = c.ident(m, "class")
    class_node = m.get("class")
    if answer_class is not None and class_node is not None and answer_class not in (classes or ()):
        hint = suggest(answer_class, classes) if classes else "; declare it under answer_classes"
        c.add(class_node, "class", f"'{answer_class}' is not a declared answer class{hint}")
        answer_class = None
    name = c.text(m, "name")
    aliases = c.text_list(m, "aliases")
    country = c.ident(m, "country")
    if country is not None and (node := m.get("country")) is not None:
        countries.append((node, country, "country"))
    within: list[str] = []
    for i, node in enumerate(c.items(m, "within", required=False)):
        parent = c.text_node(node, f"within[{i}]")
        if parent is None:
            continue
        if parent == ident:
            c.add(node, f"within[{i}]", f"'{parent}' is this entity itself")
        else:
            within.append(parent)
            countries.append((node, parent, f"within[{i}]"))
    side = c.ident(m, "side")
    period = None
    period_node = m.get("period")
    period_text = None if period_node is None else c.text_node(period_node, "period")
    if period_text is not None and period_node is not None:
        try:
            period = Period.parse(period_text)
        except ValueError as exc:
            c.add(period_node, "period", f"'{period_text}' is not a period: {exc}")
    own: set[str] = set()
    named = [(m.get("name"), name, "name")] if name is not None else []
    named += [(c.item(m, "aliases", i), a, f"aliases[{i}]") for i, a in enumerate(aliases)]
    for node, text, field in named:
        if node is None:
            continue
        key = name_key(text)
        if key in own:
            c.add(node, field, f"'{text}' is given twice")
            continue
        own.add(key)
        owner = owners.get(key)
        if owner is not None and owner[0] != ident and key not in ambiguous:
            c.add(
                node,
                field,
                f"'{text}' is also a name of entity '{owner[0]}' (line {owner[1]}); "
                "list it under ambiguous_names if it names both",
            )
        elif owner is None and ident is not None:
            owners[key] = (ident, m.line)
    demonym = c.text(m, "demonym")
    if ident is None or answer_class is None or name is None:
        return None
    return Entity(
        ident,
        answer_class,
        name,
        tuple(aliases),
        country,
        side,
        period,
        demonym,
        m.line,
        tuple(dict.fromkeys(within)),
    )


def accepted(fact: Fact, entity: Entity) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The entity's other names a reply to ``fact`` may give, and those its text shows.

    A name the fact's question shows, or its statement beside the answer (and
    beside an aside restating it: "the Popular Mobilization Forces (PMF)"), is
    context, not an answer: "Abu Kamal, also known as _____" does not take "Abu
    Kamal". Such names are kept apart, so that an item whose own prompt does not
    show one (a typed question) may still take it.
    """
    answer = name_key(fact.answer)
    others = tuple(n for n in entity.names if name_key(n) != answer)
    statement = fact.statement
    span = spans.find_answer(replace(fact, aliases=others))
    if span is not None:
        end = span.end
        aside = spans.ASIDE.match(statement, end)
        if aside is not None:
            end = aside.end()
        statement = f"{statement[: span.start]} | {statement[end:]}"
    around = f" {name_key(statement)} | {name_key(fact.question)} "
    shown = tuple(n for n in others if f" {name_key(n)} " in around)
    # Where both texts name the answer's thing ('By what other name is Kata'ib Hezbollah
    # known?'), every typed or blank item shows that name: its other spellings and its
    # initials are no answer either ('Kata'ib Hizbollah', 'KH'), only the other name.
    both = tuple(
        n
        for n in shown
        if f" {name_key(n)} " in f" {name_key(statement)} "
        and f" {name_key(n)} " in f" {name_key(fact.question)} "
    )
    forms = {n for n in others if _form_of(n, both) and not _form_of(n, (fact.answer,))}
    return tuple(n for n in others if n not in shown and n not in forms), shown


def _form_of(name: str, others: tuple[str, ...]) -> bool:
    """Whether ``name`` is one of ``others`` written another way: the same words run
    together, their initials, or each word within a letter or two."""
    from rapidfuzz.distance import OSA

    k = name_key(name)
    for other in others:
        o = name_key(other)
        a, b = k.split(), o.split()
        if k.replace(" ", "") == o.replace(" ", "") or k == "".join(w[0] for w in b):
            return True
        if len(a) == len(b) and all(
            OSA.distance(x, y) <= (1 if max(len(x), len(y)) < 9 else 2)
            for x, y in zip(a, b, strict=True)
        ):
            return True
    return False


def tie(c: Checker, facts: list[Fact], wheres: dict[int, Where], found: Entities) -> None:
    """Tie each fact to the entities its answer and wrong answers name (in place)."""
    for i, where in wheres.items():
        fact = facts[i]
        entity = _answer_entity(c, fact, where, found)
        if entity is None:
            continue
        wrong: list[str] = []
        wrong_ids: list[str | None] = []
        for j, text in enumerate(fact.wrong_answers):
            line, column = where.wrong[j] if j < len(where.wrong) else where.answer
            field = f"wrong_answers[{j}]"
            by_id = found.get(text)
            ids = (by_id.id,) if by_id is not None else found.named(text)
            if len(ids) > 1:
                c.add_at(
                    line,
                    column,
                    field,
                    f"'{text}' names {len(ids)} entities ({', '.join(ids)}); "
                    "write the id of the one meant",
                )
            elif ids and ids[0] == entity.id:
                c.add_at(line, column, field, f"'{text}' is a name of the answer '{entity.id}'")
            wrong.append(by_id.name if by_id is not None else text)
            wrong_ids.append(ids[0] if len(ids) == 1 else None)
        aliases, shown = accepted(fact, entity)
        facts[i] = replace(
            fact,
            entity=entity.id,
            answer_class=entity.answer_class,
            aliases=aliases,
            shown_names=shown,
            wrong_answers=tuple(wrong),
            wrong_entities=tuple(wrong_ids),
        )


def _answer_entity(c: Checker, fact: Fact, where: Where, found: Entities) -> Entity | None:
    """The entity the fact's answer is, with what does not fit reported."""
    if fact.entity is not None:
        entity = found.get(fact.entity)
        line, column = where.entity or where.answer
        if fact.answer_kind not in POOLED_KINDS:
            kinds = ", ".join(k.value for k in sorted(POOLED_KINDS))
            c.add_at(
                line,
                column,
                "entity",
                f"only answers of kind {kinds} name an entity; this answer_kind is "
                f"'{fact.answer_kind}'",
            )
            return None
        if entity is None:
            known = [e.id for e in found.all]
            hint = suggest(fact.entity, known) if known else "; declare it under entities"
            c.add_at(line, column, "entity", f"'{fact.entity}' is not a declared entity{hint}")
            return None
        if not found.named(fact.answer) or entity.id not in found.named(fact.answer):
            line, column = where.answer
            c.add_at(
                line,
                column,
                "answer",
                f"'{fact.answer}' is not a name of entity '{entity.id}'; "
                f"add it to its aliases (line {entity.line})",
            )
            return None
    elif fact.answer_kind not in POOLED_KINDS or not found:
        return None
    else:
        ids = found.named(fact.answer)
        line, column = where.answer
        if not ids:
            c.add_at(
                line,
                column,
                "answer",
                f"'{fact.answer}' names no entity; declare it under entities "
                "(with its other names) or name one with entity: ID",
            )
            return None
        if len(ids) > 1:
            c.add_at(
                line,
                column,
                "answer",
                f"'{fact.answer}' names {len(ids)} entities ({', '.join(ids)}); "
                "say which with entity: ID",
            )
            return None
        entity = found[ids[0]]
    if where.aliases is not None:
        line, column = where.aliases
        c.add_at(
            line,
            column,
            "aliases",
            f"the answer is entity '{entity.id}': list other names under it (line "
            f"{entity.line}), so that every fact grades it alike",
        )
    if (
        where.answer_class is not None
        and fact.answer_class is not None
        and fact.answer_class != entity.answer_class
    ):
        line, column = where.answer_class
        c.add_at(
            line,
            column,
            "answer_class",
            f"'{fact.answer_class}' differs from the class of entity '{entity.id}' "
            f"('{entity.answer_class}'); leave it out: the entity's class is used",
        )
    return entity
