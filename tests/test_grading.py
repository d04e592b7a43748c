"""Typed answers: forgiving of form (case, accents, articles, typos), strict about facts."""

from __future__ import annotations

import pytest

from quizgen.facts import AnswerKind
from quizgen.generation.bank import generate
from quizgen.grading import Grader
from quizgen.items.shapes import ChoiceItem, OrderItem, PairsItem, TextItem
from quizgen.language.numbers import normalize
from tests.support.data import shipped_base

BASE = shipped_base()
GRADER = Grader(BASE.facts, BASE.entities)

# (response, fact id, accepted?) -- graded against that fact's answer and aliases.
CASES = [
    # accepted: case, punctuation, diacritics, articles, aliases
    ("abu kamal", "base-near-abu-kamal", True),
    ("Al-Bukamal", "base-near-abu-kamal", True),
    ("ABU-KAMAL!", "base-near-abu-kamal", True),
    ("Abū Kamāl", "base-near-abu-kamal", True),
    ("the Quds Force", "completed-by-quds-force", True),
    ("quds force", "completed-by-quds-force", True),
    ("Kataib Hezbollah", "june-2018-airstrike-target", True),
    ("Hezbollah Brigades", "june-2018-airstrike-target", True),
    ("the euphrates river", "abu-kamal-river", True),
    ("Deir ez Zor", "base-governorate", True),
    ("Islamic Revolutionary Guard Corps", "withdrawing-force-irgc", True),
    # accepted: small typos in longer names
    ("Abu Kamel", "base-near-abu-kamal", True),
    ("Kataib Hezbolah", "june-2018-airstrike-target", True),
    ("Abdul Aziz al Muhamadawi", "pmf-new-leader", True),
    ("Imagesat Internatonal", "imagesat-tunnel-imagery", True),
    # accepted: numbers in words or digits, with separators
    ("nine", "june-2021-deaths-sohr", True),
    ("9", "june-2021-deaths-sohr", True),
    ("74100", "al-qaim-population", True),
    ("74,100", "al-qaim-population", True),
    ("ten", "rocket-attacks-ten-days-earlier", True),
    # accepted: dates in other formats, loose month names
    ("4 Sept 2019", "fox-news-report-date", True),
    ("September 4th, 2019", "fox-news-report-date", True),
    ("2019-09-04", "fox-news-report-date", True),
    ("on 25 feb 2021", "us-strike-25-february-2021", True),
    ("Novmber 2019", "soon-operational-november-2019", True),
    ("in 2018", "construction-since-early-2018", True),
    # rejected: a different date, month, year or number, however close
    ("2018", "base-built-infobox", False),
    ("2020", "base-built-infobox", False),
    ("5 September 2019", "fox-news-report-date", False),
    ("4 September 2018", "fox-news-report-date", False),
    ("September 2019", "fox-news-report-date", False),
    ("October 2019", "soon-operational-november-2019", False),
    ("26 February 2021", "us-strike-25-february-2021", False),
    ("8", "june-2021-deaths-sohr", False),
    ("19", "june-2021-deaths-sohr", False),
    ("74,200", "al-qaim-population", False),
    ("401 km", "al-qaim-distance-from-baghdad", False),
    ("4/9/2019", "fox-news-report-date", True),  # day first: 4 September
    ("9/4/2019", "fox-news-report-date", True),  # month first: September 4
    # rejected: another real name that merely looks close
    ("Iraq", "base-country", False),
    ("Iran", "base-country", False),
    ("Hama", "iran-supports-hamas", False),
    ("Hezbollah", "june-2018-airstrike-target", False),
    ("Al-Qa'im District", "abu-kamal-administrative-centre", False),
    ("Quds Force", "withdrawing-force-irgc", False),
    # rejected: too far, partial, or empty
    ("Kamal", "base-near-abu-kamal", False),
    ("Abu", "base-near-abu-kamal", False),
    ("", "base-near-abu-kamal", False),
    ("   ", "base-near-abu-kamal", False),
    ("Husaybah", "base-near-abu-kamal", False),
    # accepted: all-number dates with one reading, in every common order and separator
    ("25/02/2021", "us-strike-25-february-2021", True),
    ("02/25/2021", "us-strike-25-february-2021", True),
    ("25.02.2021", "us-strike-25-february-2021", True),
    ("25-02-2021", "us-strike-25-february-2021", True),
    ("2021/02/25", "us-strike-25-february-2021", True),
    ("2021-02-25", "us-strike-25-february-2021", True),
    ("Feb 25, 2021", "us-strike-25-february-2021", True),
    ("25th of February 2021", "us-strike-25-february-2021", True),
    ("Febuary 25th 2021", "us-strike-25-february-2021", True),
    ("11/2019", "soon-operational-november-2019", True),
    ("2019-11", "soon-operational-november-2019", True),
    ("11.2019", "soon-operational-november-2019", True),
    ("Nov. 2019", "soon-operational-november-2019", True),
    ("12/2024", "irgc-withdrawal-december-2024", True),
    ("2024-12", "irgc-withdrawal-december-2024", True),
    ("04.09.2019", "fox-news-report-date", True),
    ("03/09/2019", "fox-news-report-date", False),  # 3 September or 9 March: neither is it
    # rejected: another day, month or year, written as numbers
    ("24/02/2021", "us-strike-25-february-2021", False),
    ("25/03/2021", "us-strike-25-february-2021", False),
    ("25/02/2020", "us-strike-25-february-2021", False),
    ("02/26/2021", "us-strike-25-february-2021", False),
    ("31/02/2021", "us-strike-25-february-2021", False),
    ("10/2019", "soon-operational-november-2019", False),
    ("2019-12", "soon-operational-november-2019", False),
    ("11/2024", "irgc-withdrawal-december-2024", False),
    # accepted: standard other names and abbreviations, kept as aliases in the fact file
    ("USA", "al-tanf-us-base", True),
    ("U.S.A.", "al-tanf-us-base", True),
    ("United States of America", "al-tanf-us-base", True),
    ("the U.S.", "al-tanf-us-base", True),
    ("Revolutionary Guards", "withdrawing-force-irgc", True),
    ("Islamic Revolutionary Guards Corps", "withdrawing-force-irgc", True),
    ("Pasdaran", "withdrawing-force-irgc", True),
    ("Syrian Arab Republic", "base-country", True),
    ("Fox News Channel", "fox-news-report-outlet", True),
    # accepted: a number followed by what the question counts
    ("9 fighters", "june-2021-deaths-sohr", True),
    ("nine fighters", "june-2021-deaths-sohr", True),
    ("9 militia fighters", "june-2021-deaths-sohr", True),
    ("74,100 people", "al-qaim-population", True),
    ("74 100", "al-qaim-population", True),
    ("74 100 people", "al-qaim-population", True),
    # rejected: a number with something the question does not count, or another number
    ("9 tanks", "june-2021-deaths-sohr", False),
    ("90 fighters", "june-2021-deaths-sohr", False),
    ("74 200 people", "al-qaim-population", False),
    # rejected: a neighbouring country, or a name that merely looks close
    ("Lebanon", "base-country", False),
    ("Jordan", "base-near-iraq-border", False),
    ("Turkey", "base-near-iraq-border", False),
    ("Iran", "al-qaim-country", False),
    ("Fox Business", "fox-news-report-outlet", False),
    ("CNN", "fox-news-report-outlet", False),
    ("United Kingdom", "al-tanf-us-base", False),
    # accepted: a day and month alone when the question gives the year ("in 2021", "the
    # 2019 airstrikes", "of 29 December 2019"), in any loose form; never another day
    ("15th February", "erbil-attack-date", True),
    ("15 Feb", "erbil-attack-date", True),
    ("Feb 15", "erbil-attack-date", True),
    ("15th of February", "erbil-attack-date", True),
    ("19 July", "israeli-airstrikes-iraq-start", True),
    ("July 19th", "israeli-airstrikes-iraq-start", True),
    ("27 December", "kirkuk-airbase-attack-date", True),
    ("16 February", "erbil-attack-date", False),
    ("15 March", "erbil-attack-date", False),
    ("18 July", "israeli-airstrikes-iraq-start", False),
    ("4 September", "fox-news-report-date", False),  # its question names no year
    ("29 December", "kirkuk-airbase-attack-date", False),  # the stem's own date
    # accepted: a span of years however written; never another span
    ("from 2019 to 2024", "base-in-use", True),
    ("2019-24", "base-in-use", True),
    ("between 2019 and 2024", "base-in-use", True),
    ("2019 through 2024", "base-in-use", True),
    ("2019 to 2023", "base-in-use", False),
    ("2018-2024", "base-in-use", False),
    ("2019", "base-in-use", False),
    # accepted: a figure with a hedge a teacher ignores; never another figure or unit
    ("about 400 km", "al-qaim-distance-from-baghdad", True),
    ("approximately 400 kilometres", "al-qaim-distance-from-baghdad", True),
    ("at least nine", "june-2021-deaths-sohr", True),  # the question's own bound
    ("about 440 km", "al-qaim-distance-from-baghdad", False),
    ("nearly 400 miles", "al-qaim-distance-from-baghdad", False),
    ("more than 9", "june-2021-deaths-sohr", False),  # not the question's bound
    # a month alone where the question asks the month and the year (it named the year
    # before the fact's revision 6, and the month alone was right then)
    ("November", "soon-operational-november-2019", False),
    ("October", "soon-operational-november-2019", False),
]


@pytest.mark.parametrize(
    "response,fact_id,expected", CASES, ids=[f"{c[0]!r}->{c[1]}" for c in CASES]
)
def test_typed_answer(response: str, fact_id: str, expected: bool) -> None:
    fact = BASE.fact(fact_id)
    grade = GRADER.grade_text(
        response, fact.answer, fact.aliases, fact.answer_kind, context=fact.question
    )
    assert grade.correct is expected
    assert grade.expected == fact.answer


def test_at_least_thirty_cases_each_way() -> None:
    assert sum(1 for c in CASES if c[2]) >= 15 and sum(1 for c in CASES if not c[2]) >= 15
    assert len(CASES) >= 115  # 48 before issue 10, which asked for at least 40 more


@pytest.mark.parametrize(
    "reply,right",
    [
        ("4/9/2019", True),
        ("9/4/2019", True),
        ("04.09.2019", True),
        ("4/9/19", True),
        ("5/9/2019", False),
        ("4/10/2019", False),
        ("4/9/2018", False),
    ],
)
def test_an_all_number_date_that_reads_two_ways_is_right_when_either_reading_is(
    reply: str, right: bool
) -> None:
    """A teacher reads '4/9/2019' day first or month first: right if either reading is the
    key, wrong if neither is. Nothing is asked again (plain mode records the verdict)."""
    item = next(
        q
        for q in generate(
            BASE, ["typed", "cloze"], seed=0, facts=[BASE.fact("fox-news-report-date")]
        )
    )
    assert item.parse(reply) == reply
    assert item.grade(item.parse(reply), GRADER).correct is right


def test_typo_is_reported_as_such() -> None:
    fact = BASE.fact("base-near-abu-kamal")
    exact = GRADER.grade_text("abu kamal", fact.answer, fact.aliases, fact.answer_kind)
    typo = GRADER.grade_text("Abu Kamel", fact.answer, fact.aliases, fact.answer_kind)
    assert (exact.typo, typo.typo) == (False, True)
    assert typo.note == "Correct (the answer is spelt 'Abu Kamal')."
    assert GRADER.grade_text("Hama", "Hamas").note == "The answer is: Hamas"


def test_normalize_reads_number_words() -> None:
    assert normalize("Fifty-five") == "55"
    assert normalize("at least nine") == "at least 9"
    assert normalize("twenty one days") == "21 days"


def test_grade_dispatches_on_kind() -> None:
    bank = generate(BASE, seed=0, facts=[BASE.fact("fox-news-report-date")])
    by_kind = {q.kind: q for q in bank}
    mc = by_kind["mc"]
    assert isinstance(mc, ChoiceItem)
    assert mc.grade("4 September 2019", GRADER).correct
    assert not mc.grade(
        mc.options[0] if mc.options[0] != mc.answer else mc.options[1], GRADER
    ).correct
    assert by_kind["typed"].grade("4 sep 2019", GRADER).correct
    assert by_kind["cloze"].grade("4 September 2019", GRADER).correct


def test_timeline_and_match_grading() -> None:
    items = generate(BASE, ["timeline", "match"], seed=1)
    timeline = next(q for q in items if isinstance(q, OrderItem))
    match = next(q for q in items if isinstance(q, PairsItem))
    order = [a for a in timeline.answer if isinstance(a, str)]
    assert timeline.grade(order, GRADER).correct
    assert not timeline.grade(order[::-1], GRADER).correct
    pairs = [a for a in match.answer if isinstance(a, tuple)]
    assert match.grade(pairs[::-1], GRADER).correct
    swapped = [(pairs[0][0], pairs[1][1]), (pairs[1][0], pairs[0][1]), *pairs[2:]]
    assert not match.grade(swapped, GRADER).correct


def test_unknown_kind_answer_without_base() -> None:
    assert Grader().grade_text("Abu Kamel", "Abu Kamal", kind=AnswerKind.PLACE).correct


def test_a_blank_for_a_day_and_month_grades_every_form_of_that_date() -> None:
    """The statement writes '15 February' (its year elsewhere): the blank's key has no year."""
    item = next(
        q for q in generate(BASE, ["cloze"], seed=0, facts=[BASE.fact("erbil-attack-date")])
    )
    assert isinstance(item, TextItem)
    assert item.answer == "15 February" and "2021" in item.prompt
    for reply, right in (
        ("February 15, 2021", True),
        ("15 Feb", True),
        ("15/02/2021", True),
        ("16 Feb", False),
        ("15 February 2020", False),
    ):
        assert item.grade(reply, GRADER).correct is right, reply


def test_an_article_before_a_blank_tells_nothing() -> None:
    item = next(
        q for q in generate(BASE, ["cloze"], seed=0, facts=[BASE.fact("kataib-hezbollah-country")])
    )
    assert "a(n) _____ Shia" in item.prompt


def test_two_bare_digits_are_a_year_of_the_1900s_where_no_later_century_is_spoken_of() -> None:
    """'79' for 1979 where the file's years run 1948-2024; not where it speaks of 2080, nor
    '19' for 2019 (read in the 1900s), nor where more than the year is asked."""
    from quizgen.facts import Entities
    from quizgen.grading.spec import World, build
    from quizgen.grading.verdict import judge

    prompt = "In which year did it happen?"
    for years, key, reply, expected in (
        ([1948, 2024], "1979", "79", True),
        ([1948, 2024], "1979", "in 79", True),
        ([1948, 2024], "1979", "78", False),
        ([1948, 2080], "1979", "79", False),
        ([1948, 2024], "2019", "19", False),
        ([1948, 2024], "2019", "'19", True),
        ([1948, 2024], "May 1979", "79", False),
    ):
        world = World(years=years)
        spec = build(key, (), AnswerKind.YEAR, prompt, None, Entities(), world)
        assert judge(spec, world, reply).correct is expected, (years, key, reply)


def _asked(fact_id: str, kind: str) -> TextItem:
    item = next(q for q in generate(BASE, [kind], seed=0, facts=[BASE.fact(fact_id)]))
    assert isinstance(item, TextItem)
    return item


@pytest.mark.parametrize(
    "fact_id,kind,reply,right",
    [
        # a surname transliterated another way: 'ee' for 'i' is one slip
        ("nujaba-commander", "typed", "al-Saeedi", True),
        ("nujaba-commander", "cloze", "al-Saeedi", True),
        ("nujaba-commander", "typed", "Mushtaq al-Saeedi", True),
        ("nujaba-commander", "typed", "al-Muhammadawi", False),
        # the state for its force where the question asks whose (the side the file gives it)
        ("january-2021-iranian-sources", "typed", "Syrian government", True),
        ("january-2021-iranian-sources", "typed", "the Assad regime", True),
        ("january-2021-iranian-sources", "typed", "the Syrian government side", True),
        ("january-2021-iranian-sources", "cloze", "Syrian government", True),
        ("january-2021-iranian-sources", "typed", "Iraqi government", False),
        ("january-2021-iranian-sources", "cloze", "Iranian government", False),
        # a state's formal epithet, a ruler's state
        ("gaza-war-attacks-countries", "typed", "Hashemite Jordan", True),
        ("gaza-war-attacks-countries", "cloze", "Hashemite Jordan", True),
        ("base-owner", "typed", "the Assad regime", True),
        ("gaza-war-attacks-countries", "typed", "Hashemite Iraq", False),
        ("base-owner", "typed", "Hashemite Syria", False),
        # the person's own country and a title before the name
        ("june-2021-biden-directed", "typed", "U.S. President Joe Biden", True),
        ("june-2021-biden-directed", "typed", "President of the United States Joe Biden", True),
        ("june-2021-biden-directed", "typed", "Russian President Joe Biden", False),
        # asides: true or unknown and harmless, never another entity, ordinal or year
        ("base-owner", "typed", "Ba'athist Syria (1963–2024)", True),
        ("gaza-war-attacks-countries", "typed", "Jordan (Tower 22)", True),
        ("gaza-war-attacks-countries", "cloze", "Jordan (Tower 22)", True),
        ("israeli-air-force-strikes", "typed", "Israeli Air Force (IDF)", True),
        ("hama-airstrike-casualties", "typed", "4 (two children)", True),
        ("kataib-hezbollah-commander", "typed", "Abu Mahdi al-Muhandis (d. 2020)", True),
        ("first-offensive-under-biden", "typed", "Joe Biden (46th president)", True),
        ("first-offensive-under-biden", "typed", "Joe Biden (45th president)", False),
        ("june-2021-biden-directed", "cloze", "Biden (45th)", False),
        ("gaza-war-attacks-countries", "typed", "Jordan (Iraq)", False),
        ("gaza-war-attacks-countries", "typed", "Jordan (2019)", False),
        ("hama-airstrike-casualties", "typed", "4 (three children)", False),
        ("kataib-hezbollah-commander", "typed", "Abu Mahdi al-Muhandis (2019)", False),
        ("first-offensive-under-biden", "typed", "Joe Biden (2017–2021)", False),
    ],
)
def test_the_replies_of_reviews_24817_and_59263(
    fact_id: str, kind: str, reply: str, right: bool
) -> None:
    """Issue 19/20's last two teacher reviews (their files lost): right replies refused, and
    a near miss of each that must stay refused (also rows of the grading table)."""
    item = _asked(fact_id, kind)
    assert item.grade(item.parse(reply), GRADER).correct is right


@pytest.mark.parametrize(
    "fact_id,kind,reply,right",
    [
        # another thing's name where the question asks for the key's own kind: the airbase's
        # alias is no city, though the base lies in it ('Kirkuk airbase' holds the city's name)
        ("kirkuk-airbase-attack-place", "cloze", "K-1", False),
        ("kirkuk-airbase-attack-place", "cloze", "K-1 Air Base", False),
        ("kirkuk-airbase-attack-place", "cloze", "Kirkuk", True),
        # a country run into a name whose country the file does not know is another name
        ("imagesat-tunnel-imagery", "typed", "ImageSat Israel", False),
        ("imagesat-tunnel-imagery", "typed", "ImageSat International", True),
        ("base-near-abu-kamal", "typed", "Abu Kamal Syria", True),
        # a count with another figure of its event, tied to another noun
        ("erbil-killed", "typed", "2 people (13 injured)", True),
        ("erbil-killed", "typed", "2 dead, 13 injured", True),
        ("erbil-killed", "typed", "13 injured, 2 killed", True),
        ("erbil-injured", "typed", "13 injured, 2 dead", True),
        ("us-airstrikes-december-2019-killed", "typed", "25 killed, 55 wounded", True),
        ("us-airstrikes-december-2019-killed", "typed", "25 wounded, 55 killed", False),
        ("us-airstrikes-december-2019-killed", "typed", "25 killed, 25 wounded", False),
        ("us-airstrikes-december-2019-killed", "typed", "25 or 55", False),
        ("erbil-killed", "typed", "13 dead, 2 injured", False),
        ("erbil-killed", "typed", "2 dead, 14 injured", False),
        ("erbil-killed", "typed", "2 killed, not 13 injured", False),
        # the figure another fact of the event gives (its date and reference), as it gives it
        ("us-airstrikes-december-2019-wounded", "typed", "55 wounded, 25 killed", True),
        ("us-airstrikes-december-2019-wounded", "typed", "55 wounded, 24 killed", False),
        ("erbil-injured", "typed", "13 injured, 13 killed", False),
        ("hama-airstrike-casualties", "typed", "4, and 2 injured", False),
        # a name without the Arabic generic head it starts with, unless another thing is so called
        ("kataib-sayyed-al-shuhada", "cloze", "Sayyid al-Shuhada", True),
        ("kataib-sayyed-al-shuhada", "typed", "Sayyed al-Shuhada", True),
        ("kataib-sayyed-al-shuhada", "typed", "al-Shuhada", False),
        ("june-2018-airstrike-target", "typed", "Hezbollah", False),
        ("us-airstrikes-december-2019-target", "cloze", "Hezbollah", False),
        # a core that stands alone, spelt another way ('Quds' is right), unless another's
        ("completed-by-quds-force", "typed", "Qods", True),
        ("completed-by-quds-force", "typed", "Qud", False),
        ("june-2018-airstrike-target", "typed", "Hezbolah", False),
        # a year span after a name, without brackets, in the thing's own years
        ("covert-ties-iran-iraq-war", "typed", "Iran–Iraq War 1980–88", True),
        ("covert-ties-iran-iraq-war", "typed", "Iran-Iraq War 1980-1988", True),
        ("covert-ties-iran-iraq-war", "typed", "Iran–Iraq War 1990–91", False),
        ("covert-ties-iran-iraq-war", "typed", "Gulf War 1980–88", False),
        # an aside describing the key by its own country, never another; a title of another office
        ("june-2021-biden-directed", "typed", "Biden (US President)", True),
        ("june-2021-biden-directed", "typed", "Joe Biden (United States president)", True),
        ("june-2021-biden-directed", "typed", "Biden (UK President)", False),
        ("base-near-abu-kamal", "typed", "Abu Kamal (Iraqi town)", False),
        ("june-2021-biden-directed", "typed", "Vice President Biden", False),
        ("june-2021-biden-directed", "typed", "President Joe Biden", True),
        # the month alone where the question asks the month and the year
        ("soon-operational-november-2019", "typed", "November", False),
        ("soon-operational-november-2019", "typed", "Nov 2019", True),
        # the blank says "(month and year)" since items10: the month alone is as for typed
        ("similar-june-2018-airstrike", "cloze", "June", False),
        ("similar-june-2018-airstrike", "cloze", "June 2018", True),
    ],
)
def test_the_replies_of_reviews_71829_and_40351(
    fact_id: str, kind: str, reply: str, right: bool
) -> None:
    """Reviews 71829 and 40351: right replies refused, replies wrongly accepted, and the near
    misses beside each that must keep their verdict (also rows of the grading table)."""
    item = _asked(fact_id, kind)
    assert item.grade(item.parse(reply), GRADER).correct is right, (item.prompt, item.answer)


@pytest.mark.parametrize(
    "fact_id,kind,reply,right",
    [
        # a group's full official name and its English translation (entity aliases)
        ("us-led-intervention-against", "cloze", "Jabhat al-Nusra li-Ahl al-Sham", True),
        ("us-led-intervention-against", "cloze", "Jabhat al-Nusra li Ahl al-Sham", True),
        ("us-led-intervention-against", "cloze", "Support Front for the People of al-Sham", True),
        ("us-led-intervention-against", "cloze", "Jabhat Fateh al-Sham", False),
        ("us-led-intervention-against", "cloze", "Hayat Tahrir al-Sham", False),
        ("completed-by-quds-force", "typed", "Islamic Revolutionary Guard Corps Quds Force", True),
        ("completed-by-quds-force", "typed", "Islamic Revolutionary Guard Corps", False),
        ("shia-militias-southern-lebanon", "typed", "Shia Islamist militias", True),
        ("shia-militias-southern-lebanon", "typed", "Sunni Islamist militias", False),
        # a region is no province: the head changes only for its like (governorate, province)
        ("erbil-capital", "typed", "Kurdistan Province", False),
        ("erbil-capital", "cloze", "Kurdistan Province", False),
        ("erbil-capital", "typed", "Kurdistan Governorate", False),
        ("erbil-capital", "typed", "Kurdistan Region", True),
        ("erbil-capital", "cloze", "Kurdish region", True),
        ("erbil-capital", "typed", "Kurdistan", True),
        ("base-governorate", "typed", "Deir ez-Zor Province", True),
    ],
)
def test_the_replies_of_reviews_83047_and_19388(
    fact_id: str, kind: str, reply: str, right: bool
) -> None:
    """Reviews 83047 and 19388: right replies refused, a reply wrongly accepted, and the near
    misses beside each that must keep their verdict (also rows of the grading table)."""
    item = _asked(fact_id, kind)
    assert item.grade(item.parse(reply), GRADER).correct is right, (item.prompt, item.answer)
