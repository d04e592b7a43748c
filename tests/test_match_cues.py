"""A matching item pairs no name with its statement by their words.

"Syrian Free Army" beside "... the opposition faction in Syria" and "Kata'ib Hezbollah"
beside "... also known as the Hezbollah Brigades" paired themselves: a learner matched
them by a shared word, not by knowing. A word shared with its own statement is a cue
where no other name of the item has it; another name of the same thing always is.
"""

from __future__ import annotations

import dataclasses

from quizgen import factfile
from quizgen.facts import FactBase
from quizgen.facts.spans import BLANK
from quizgen.generation.bank import Maker
from quizgen.generation.rules import FlawFinder
from quizgen.items.cues import pair_cue
from quizgen.items.shapes import PairsItem
from tests.support.data import TINY_HEADER, matching_of

HEADER = TINY_HEADER

GROUPS = {
    "raid": ("The first raid was carried out by the Quds Force.", "Quds Force"),
    "convoy": ("The second convoy was escorted by the Nujaba Movement.", "Nujaba Movement"),
    "checkpoint": (
        "The northern checkpoint was held by the Badr Organization.",
        "Badr Organization",
    ),
    "depot": ("The southern depot was guarded by the Hezbollah Brigades.", "Hezbollah Brigades"),
    "faction": (
        "The faction in Syria that held Tanf was backed by the Syrian Free Army.",
        "Syrian Free Army",
    ),
}


def base() -> FactBase:
    facts = "".join(
        f"""  - id: {fid}
    topic: base
    statement: {statement}
    question: By whom was it done?
    answer: {answer}
    answer_kind: organization
    tags: [x]
    source: [1]
"""
        for fid, (statement, answer) in GROUPS.items()
    )
    return factfile.loads(HEADER + facts)


def test_a_word_of_the_name_in_its_own_statement_is_a_cue_unless_a_rival_has_it() -> None:
    faction = f"The faction in Syria that held Tanf was backed by the {BLANK}."
    assert pair_cue("Syrian Free Army", faction) == "syrian"
    assert pair_cue("Syrian Free Army", faction, ["Syrian Democratic Forces"]) is None
    assert pair_cue("Al Anbar Governorate", f"The Iraqi governorate is the {BLANK}.") is not None
    governorates = ["Deir ez-Zor Governorate", "Rif Dimashq Governorate"]
    assert pair_cue("Al Anbar Governorate", f"It is the {BLANK}.", governorates) is None
    known = f"Kata'ib Hezbollah is also known as the {BLANK}."
    assert pair_cue("Hezbollah Brigades", known, ["Hezbollah"], ["Kata'ib Hezbollah"]) is not None


def test_matching_never_pairs_a_name_with_a_statement_that_shares_its_word() -> None:
    b = base()
    maker = Maker(b)
    made = [
        q for seed in range(10) for f in b.facts if (q := maker.make("match", f, seed)) is not None
    ]
    assert made, "the four plain names make a matching item"
    assert all("faction" not in q.fact_ids for q in made)
    finder = FlawFinder(b)
    assert all(not finder.flaws(q) for q in made), [finder.flaws(q) for q in made]


def test_the_audit_flags_a_pair_given_away_by_its_words() -> None:
    b = base()
    finder = FlawFinder(b)
    q = next(q for f in b.facts if (q := Maker(b).make("match", f, 1)) is not None)
    assert isinstance(q, PairsItem)
    name, statement = q.answer[0]
    cued = "Syrian Free Army"
    blanked = f"The faction in Syria that held Tanf was backed by the {BLANK}."
    flawed = dataclasses.replace(
        q,
        names=tuple(cued if n == name else n for n in q.names),
        statements=tuple(blanked if s == statement else s for s in q.statements),
        answer=((cued, blanked), *q.answer[1:]),
        fact_ids=tuple("faction" if b.fact(i).answer == name else i for i in q.fact_ids),
    )
    details = [f.detail for f in finder.flaws(flawed) if f.rule == "matching gives nothing away"]
    assert details and "share 'syrian'" in details[0], finder.flaws(flawed)


PLACES = {
    "town-a": ("The town of Abad is in the Alpha Governorate.", "Alpha Governorate"),
    "town-b": ("The town of Bedir lies in the Beta Governorate.", "Beta Governorate"),
    "town-c": ("The village of Cemal belongs to the Gamma Governorate.", "Gamma Governorate"),
    "city-d": ("The city of Dara is the capital of the Kurdistan Region.", "Kurdistan Region"),
}


def places(extra: dict[str, tuple[str, str]] | None = None) -> FactBase:
    facts = "".join(
        f"""  - id: {fid}
    topic: base
    statement: {statement}
    question: Where is it?
    answer: {answer}
    answer_kind: place
    tags: [x]
    source: [1]
"""
        for fid, (statement, answer) in (PLACES | (extra or {})).items()
    )
    return factfile.loads(HEADER + facts)


def matched(b: FactBase) -> list[PairsItem]:
    maker = Maker(b)
    return [
        q
        for seed in range(8)
        for f in b.facts
        if isinstance(q := maker.make("match", f, seed), PairsItem)
    ]


def test_a_name_of_odd_form_is_never_matched_and_three_pairs_stand_where_no_fourth_exists() -> None:
    """'Kurdistan Region' among three '... Governorate's pairs by its form (reviews 86420 and
    13579, item 16 and 19): it is left out, and the three governorates, the only ones, make
    an item of three pairs; with a fourth governorate, every item has four."""
    made = matched(places())
    assert made
    assert {len(q.names) for q in made} == {3}
    assert all("city-d" not in q.fact_ids for q in made)
    finder = FlawFinder(places())
    assert all(not finder.flaws(q) for q in made), [finder.flaws(q) for q in made]
    more = {"town-e": ("The hamlet of Eshel sits in the Delta Governorate.", "Delta Governorate")}
    made = matched(places(more))
    assert made and {len(q.names) for q in made} == {4}
    assert all("city-d" not in q.fact_ids for q in made)


def test_the_audit_flags_a_name_of_odd_form() -> None:
    b = places(
        {"town-e": ("The hamlet of Eshel sits in the Delta Governorate.", "Delta Governorate")}
    )
    q = next(q for q in matched(b) if "town-e" in q.fact_ids)
    dara = PLACES["city-d"]
    blanked = dara[0].replace(dara[1], BLANK)
    name, statement = next((n, s) for n, s in q.answer if n == "Delta Governorate")
    flawed = dataclasses.replace(
        q,
        names=tuple(dara[1] if n == name else n for n in q.names),
        statements=tuple(blanked if s == statement else s for s in q.statements),
        answer=tuple((dara[1], blanked) if n == name else (n, s) for n, s in q.answer),
        fact_ids=tuple("city-d" if i == "town-e" else i for i in q.fact_ids),
    )
    details = [
        f.detail for f in FlawFinder(b).flaws(flawed) if f.rule == "matching gives nothing away"
    ]
    assert details and "ends unlike" in details[0], FlawFinder(b).flaws(flawed)


def test_a_part_and_its_whole_are_never_matched_together(shipped: FactBase) -> None:
    """'... completed by the Iranian _____' and '... as well as _____ operatives' fit the
    Quds Force and the IRGC alike: the Quds Force is part of the IRGC."""
    from quizgen.generation.bank import generate

    made = [q for seed in range(3) for q in generate(shipped, ["match"], seed=seed)]
    assert made
    for q in made:
        assert isinstance(q, PairsItem)
        assert not {"Quds Force", "IRGC"} <= set(q.names), q.names
    ids = ["completed-by-quds-force", "israeli-airstrikes-iraq-irgc-operatives"]
    flawed = matching_of(shipped, [*ids, "january-2021-iranian-sources"])
    # 'operatives of the _____' (the IRGC written out since reviews 86420 and 13579) is
    # paired by its article first; as 'as well as _____ operatives' it was paired by nothing
    # but the part and its whole
    assert isinstance(flawed, PairsItem)
    flawed = dataclasses.replace(
        flawed, statements=tuple(t.replace(f"of the {BLANK}", BLANK) for t in flawed.statements)
    )
    details = [
        f.detail
        for f in FlawFinder(shipped).flaws(flawed)
        if f.rule == "matching gives nothing away"
    ]
    assert details and "part of the other" in details[0], FlawFinder(shipped).flaws(flawed)
