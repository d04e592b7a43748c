"""How a set is drawn so that it can be full and still protected to its last item.

A feedback that shows another item's answer leaks nothing when it comes after that
item, so the drawing orders such pairs instead of refusing them; only a prompt that
shows an answer (read before anything is answered, all at once on a worksheet), two
feedbacks that show each other's answers, and two facts said in one sentence of the
source rule a pair out. Tiny fact files, so each case is one pair.
"""

from __future__ import annotations

from quizgen import factfile
from quizgen.facts import FactBase
from quizgen.generation.bank import Maker
from quizgen.generation.leaks import Drawing, Twins, set_flaws
from quizgen.items import Item
from tests.support.data import TINY_HEADER

HEADER = TINY_HEADER.replace(
    "articles:",
    "  - id: 2\n    title: Another report\n    publisher: A paper\n"
    "    citation: A paper. 2021.\narticles:",
)


def fact(
    fid: str, statement: str, question: str, answer: str, *, source: str = "1", **more: str
) -> str:
    lines = [
        f"  - id: {fid}",
        "    topic: base",
        f"    statement: {statement}",
        f"    question: {question}",
        f'    answer: "{answer}"',
        f"    answer_kind: {more.pop('kind', 'place')}",
        f"    source: [{source}]",
        "    tags: [x]",
    ]
    lines += [f"    {k}: {v}" for k, v in more.items()]
    return "\n".join(lines) + "\n"


LEADER = fact(
    "leader",
    "The garrison of Tall Hamra was commanded by Jabal Nur.",
    "Who commanded the garrison of Tall Hamra?",
    "Jabal Nur",
    kind="person",
    source="2",
)
SUPPLY = fact(
    "supply",
    "The garrison's supplies came by way of the Qasr crossing.",
    "By way of which crossing did the garrison's supplies come?",
    "Qasr",
    explanation="The garrison, commanded by Jabal Nur, was supplied through Qasr.",
)
ASKS_LEADER = fact(
    "asks-leader",
    "Jabal Nur left the garrison in the spring for Wadi Sirr.",
    "Where did Jabal Nur go when he left the garrison in the spring?",
    "Wadi Sirr",
)


def base(*facts: str) -> FactBase:
    return factfile.loads(HEADER + "".join(facts))


def typed(maker: Maker, fid: str) -> Item:
    item = maker.make("typed", maker.ctx.facts[[f.id for f in maker.facts].index(fid)], 1)
    assert item is not None
    return item


def test_a_feedback_showing_an_answer_goes_after_the_item_asking_it() -> None:
    b = base(LEADER, SUPPLY)
    maker = Maker(b)
    shows, asks = typed(maker, "supply"), typed(maker, "leader")
    assert set_flaws([shows, asks], b.facts) != []  # in the drawn order it would leak
    drawing = Drawing({f.id: f for f in b.facts}, b.source_label)
    drawing.add(shows)
    assert drawing.why(asks) is None
    drawing.add(asks)
    assert [q.id for q in drawing.ordered()] == [asks.id, shows.id]
    assert set_flaws(drawing.ordered(), b.facts, b.source_label) == []


def test_a_prompt_showing_another_answer_is_refused_in_either_order() -> None:
    """Every set is read as a worksheet is (a reviewer reads a quiz's listing at once): a
    prompt that names another item's answer rules the pair out, whichever comes first."""
    b = base(LEADER, ASKS_LEADER)
    maker = Maker(b)
    prompt, asks = typed(maker, "asks-leader"), typed(maker, "leader")
    facts = {f.id: f for f in b.facts}
    for first, second in ((prompt, asks), (asks, prompt)):
        drawing = Drawing(facts, b.source_label)
        drawing.add(first)
        assert drawing.why(second) is not None
        assert set_flaws([first, second], b.facts) != []


def test_two_feedbacks_showing_each_other_s_answer_are_refused() -> None:
    both = fact(
        "leader",
        "The garrison of Tall Hamra was commanded by Jabal Nur.",
        "Who commanded the garrison of Tall Hamra?",
        "Jabal Nur",
        kind="person",
        source="2",
        explanation="Jabal Nur had the garrison's supplies brought through Qasr.",
    )
    b = base(both, SUPPLY)
    maker = Maker(b)
    drawing = Drawing({f.id: f for f in b.facts}, b.source_label)
    drawing.add(typed(maker, "supply"))
    assert "no order keeps both" in (drawing.why(typed(maker, "leader")) or "")


def test_two_facts_of_one_sentence_are_one_for_a_set() -> None:
    killed = fact(
        "killed",
        "The airstrikes of 3 May 2020 reportedly killed at least 12 militiamen"
        " and wounded 30 more.",
        "At least how many militiamen did the airstrikes of 3 May 2020 reportedly kill?",
        "12",
        kind="number",
    )
    wounded = fact(
        "wounded",
        "The airstrikes of 3 May 2020 reportedly wounded 30 militiamen.",
        "How many militiamen did the airstrikes of 3 May 2020 reportedly wound?",
        "30",
        kind="number",
    )
    elsewhere = fact(
        "elsewhere",
        "The airstrikes of 3 May 2020 reportedly wounded 30 militiamen.",
        "How many militiamen did the airstrikes of 3 May 2020 reportedly wound?",
        "30",
        kind="number",
        source="2",
    )
    b = base(killed, wounded, elsewhere)
    twins = Twins(b.by_id)
    assert twins.said_with("killed") is None  # nothing taken yet
    twins.take("wounded")
    assert twins.said_with("killed") == "wounded"  # same report, one sentence
    assert twins.said_with("wounded") is None  # not with itself
    assert twins.said_with("elsewhere") is None  # another report says it again
    twins.take("elsewhere")
    assert twins.said_with("killed") == "wounded"
    maker = Maker(b)
    first, second = typed(maker, "killed"), typed(maker, "wounded")
    drawing = Drawing({f.id: f for f in b.facts}, b.source_label)
    drawing.add(first)
    assert "same sentence" in (drawing.why(second) or "")
    assert set_flaws([first, second], b.facts) != []


# -- what one item shows of another: each class the rule once missed -----------------
def item(maker: Maker, kind: str, fid: str, seed: int = 1) -> Item:
    made = maker.make(kind, next(f for f in maker.facts if f.id == fid), seed)
    assert made is not None, (kind, fid)
    return made


def test_a_figure_printed_in_a_sentence_is_a_shown_answer() -> None:
    """A cloze printing "wounded 30 more" gives "how many were wounded?" away, though
    "more" is no word of what the figure counts; "30 May" gives nothing."""
    killed = fact(
        "killed",
        "The attack of 3 May 2020 killed at least 12 fighters and wounded 30 more.",
        "At least how many fighters did the attack of 3 May 2020 kill?",
        "12",
        kind="number",
    )
    wounded = fact(
        "wounded",
        "According to the ministry, the attack wounded 30 militiamen.",
        "According to the ministry, how many militiamen did the attack wound?",
        "30",
        kind="number",
        source="2",
    )
    dated = fact(
        "dated",
        "The garrison was relieved on 30 May 2020.",
        "When was the garrison relieved?",
        "30 May 2020",
        kind="date",
        source="2",
        date="2020-05-30",
        date_precision="day",
    )
    b = base(killed, wounded, dated)
    maker = Maker(b)
    asked = item(maker, "typed", "wounded")
    assert set_flaws([item(maker, "cloze", "killed"), asked], b.facts) != []
    assert set_flaws([item(maker, "typed", "dated"), asked], b.facts) == []


def test_a_range_is_shown_by_its_two_ends() -> None:
    in_use = fact(
        "in-use",
        "The camp was in use from 2015 to 2019.",
        "During which years was the camp in use?",
        "2015–2019",
        kind="period",
    )
    built = fact(
        "built",
        "The camp was built in 2015 by the garrison.",
        "Who built the camp in 2015?",
        "the garrison",
        kind="organization",
        source="2",
    )
    closed = fact(
        "closed",
        "The camp was closed in December 2019.",
        "In which month was the camp closed?",
        "December 2019",
        kind="month",
        source="2",
        date="2019-12",
        date_precision="month",
    )
    b = base(in_use, built, closed)
    maker = Maker(b)
    one_end, other_end = item(maker, "typed", "built"), item(maker, "typed", "closed")
    asked = item(maker, "typed", "in-use")
    assert set_flaws([one_end, asked], b.facts) == []  # one end says little
    assert set_flaws([one_end, other_end, asked], b.facts) != []
    drawing = Drawing({f.id: f for f in b.facts}, b.source_label)
    for q in (one_end, other_end):
        assert drawing.why(q) is None
        drawing.add(q)
    # every prompt is read at once: the two ends stand on the sheet whatever the order
    assert drawing.why(asked) is not None


def test_a_source_label_is_shown_text() -> None:
    """ "Relations after 1979" under an item gives "since which year?" away."""
    header = HEADER.replace("title: Another report", "title: Relations after 1979")
    labelled = fact(
        "labelled",
        "The two states severed relations after the embassy siege.",
        "After which event did the two states sever relations?",
        "the embassy siege",
        kind="event",
        source="2",
    )
    year = fact(
        "year",
        "The two states have been at odds since the revolution of 1979.",
        "Since the revolution of which year have the two states been at odds?",
        "1979",
        kind="year",
        date="1979",
        date_precision="year",
    )
    b = factfile.loads(header + labelled + year)
    maker = Maker(b)
    shows, asked = item(maker, "typed", "labelled"), item(maker, "typed", "year")
    assert set_flaws([shows, asked], b.facts) == []  # the label unseen
    assert set_flaws([shows, asked], b.facts, b.source_label) != []


def test_a_timeline_s_dates_are_shown_answers() -> None:
    """A timeline's feedback dates its events: a later item asking one of those dates, or
    a count of days whose other end it is, is given away."""
    events = [
        fact(
            f"e{i}",
            f"On {spoken} the garrison moved to {town}.",
            f"Where did the garrison move in {when}?",
            town,
            source="2",
            date=date,
            date_precision="day",
        )
        for i, (town, when, date, spoken) in enumerate(
            [
                ("Qasr", "March 2019", "2019-03-02", "2 March 2019"),
                ("Hamra", "May 2020", "2020-05-09", "9 May 2020"),
                ("Sirr", "February 2021", "2021-02-15", "15 February 2021"),
                ("Nura", "August 2022", "2022-08-21", "21 August 2022"),
            ]
        )
    ]
    days = fact(
        "days",
        "The raid of 25 February 2021 came ten days after the garrison moved.",
        "How many days after the garrison moved did the raid of 25 February 2021 come?",
        "10",
        kind="number",
        explanation="Ten days before 25 February 2021 is 15 February 2021.",
    )
    b = base(*events, days)
    maker = Maker(b)
    timeline = next(
        q for s in range(20) if (q := maker.make("timeline", b.facts[0], s)) is not None
    )
    assert "e2" in timeline.fact_ids
    assert set_flaws([timeline, item(maker, "typed", "days")], b.facts) != []


# -- what a set shows beyond the key's own words (review of seed 52817) ---------------
def _shipped_item(maker: Maker, kind: str, fid: str, want: object = None) -> Item:
    """The first item of ``kind`` about ``fid`` over seeds 0-49 (with ``truth`` == want for
    a true/false, if given)."""
    for seed in range(50):
        made = maker.make(kind, next(f for f in maker.facts if f.id == fid), seed)
        if made is not None and (want is None or getattr(made, "truth", None) == want):
            return made
    raise AssertionError((kind, fid, want))


def test_a_false_statement_s_swapped_in_name_named_elsewhere_gives_it_away() -> None:
    """'A senior commander of the Nujaba Movement, Abu Mahdi al-Muhandis, was killed ...
    during the Gaza war' is false to anyone who read in the set that al-Muhandis was killed
    in 2020: the two stand in no set together, in either order."""
    from tests.support.data import shipped_base

    b = shipped_base()
    maker = Maker(b)
    tf = _shipped_item(maker, "tf", "nujaba-commander", want=False)
    assert "al-Muhandis" in tf.body()[0]
    killed = _shipped_item(maker, "mc", "al-muhandis-killed-how")
    assert set_flaws([tf, killed], b.facts) != []
    assert set_flaws([killed, tf], b.facts) != []


def test_every_name_of_a_key_is_a_shown_answer() -> None:
    """'OIR coalition forces' in one prompt gives 'Operation Inherent Resolve' away."""
    from tests.support.data import shipped_base

    b = shipped_base()
    maker = Maker(b)
    asked = _shipped_item(maker, "mc", "operation-inherent-resolve")
    shows = _shipped_item(maker, "typed", "dod-retaliation-claim")
    assert "OIR" in shows.body()[0]
    assert set_flaws([asked, shows], b.facts) != []


def test_a_name_the_registry_ties_to_the_key_beside_the_question_s_words() -> None:
    """'approximately fourteen rockets were fired at Erbil on 15 February 2021' answers
    'Near which airport was the base that rockets hit on 15 February 2021?' (Erbil
    International Airport lies in Erbil): the registry's ties count, not the key's
    words only; 'Erbil' said of another thing is no giveaway."""
    from tests.support.data import shipped_base

    b = shipped_base()
    maker = Maker(b)
    rockets = _shipped_item(maker, "cloze", "erbil-rockets-number")
    airport = _shipped_item(maker, "mc", "erbil-coalition-base-location")
    assert "Erbil" in rockets.body()[0] and "Erbil" not in airport.body()[0]
    assert set_flaws([rockets, airport], b.facts) == []  # the key's own words: not shown
    assert set_flaws([rockets, airport], b.facts, entities=b.entities) != []
    assert (
        set_flaws([airport, rockets], b.facts, entities=b.entities) != []
    )  # every prompt is read at once
    capital = _shipped_item(maker, "typed", "erbil-capital")
    assert set_flaws([capital, airport], b.facts, entities=b.entities) == []


def test_a_place_beside_a_name_of_its_country_gives_the_country_away() -> None:
    """'How far northwest of Baghdad is Al-Qa'im?' tells a learner who knows nothing of
    Al-Qa'im that it is in Iraq, before 'In which country is the border town of
    Al-Qa'im?': a place beside a mark of the country asked (a place, body or demonym of
    it) in one item's text is that country's secret; the place alone is none, nor a mark
    of its country shown without it."""
    from tests.support.data import shipped_base

    b = shipped_base()
    maker = Maker(b)
    country = _shipped_item(maker, "mc", "al-qaim-country")
    distance = _shipped_item(maker, "typed", "al-qaim-distance-from-baghdad")
    direction = _shipped_item(maker, "tf", "al-qaim-direction-from-baghdad")
    assert "Baghdad" in distance.body()[0] and "Iraq" not in " ".join(distance.body())
    for cue in (distance, direction):
        assert set_flaws([cue, country], b.facts, entities=b.entities) != []
        assert set_flaws([country, cue], b.facts, entities=b.entities) != []
    assert "Al-Qa'im" in " ".join(country.body())
    river = _shipped_item(maker, "typed", "abu-kamal-river")
    assert set_flaws([river, country], b.facts, entities=b.entities) == []


def test_a_timeline_event_s_year_told_with_its_words_orders_it() -> None:
    """'The site was struck in 2021 in retaliation' places the February 2021 strike among
    a timeline's events as surely as its full date: an event's year, with three words of
    what happened in one item's text, is the timeline's secret. The year alone (another
    event of that year), or the words alone, tell nothing."""
    from quizgen.facts import AnswerKind
    from quizgen.items.typed import Typed
    from tests.support.data import shipped_base

    b = shipped_base()
    maker = Maker(b)
    strike = b.fact("us-strike-february-2021-retaliation")
    timeline = next(
        t
        for seed in range(200)
        if (t := maker.make("timeline", strike, seed)) is not None and strike.id in t.fact_ids
    )

    def typed(question: str) -> Item:
        return Typed(
            id="typed-told",
            topic="strikes",
            fact_ids=("base-location",),
            source=(1,),
            explanation="",
            question=question,
            answer="Abu Kamal",
            answer_kind=AnswerKind.PLACE,
        )

    tells = typed("Near which town was the site struck in 2021 in retaliation for rockets?")
    year_only = typed("Near which town did the rockets of 2021 land?")
    words_only = typed("Near which town was the site struck in retaliation for rockets?")
    assert set_flaws([tells, timeline], b.facts, entities=b.entities) != []
    assert set_flaws([timeline, tells], b.facts, entities=b.entities) != []
    assert set_flaws([year_only, timeline], b.facts, entities=b.entities) == []
    assert set_flaws([words_only, timeline], b.facts, entities=b.entities) == []


def _dated(fid: str, year: int, who: str, what: str) -> str:
    return fact(
        fid,
        f"In {year} {who} {what}.",
        f"Who {what} in {year}?",
        who,
        kind="organization",
        date=str(year),
        date_precision="year",
    )


def test_a_timeline_asks_its_events_dates_not_the_answers_they_show() -> None:
    """A timeline shows each event's statement with only its date hidden ('In … the Qasr
    Brigade took the ford'): another item naming the Qasr Brigade gives nothing of the
    order away, and is not refused for it; one naming an event's year is."""
    from quizgen.generation.leaks import fact_secrets

    events = [
        _dated("ford", 1931, "the Qasr Brigade", "took the ford"),
        _dated("wall", 1948, "the Nur Guard", "built the wall"),
        _dated("well", 1967, "the Hamra Column", "dug the well"),
    ]
    names = fact(
        "names",
        "The Qasr Brigade was named after the Qasr crossing.",
        "After which crossing was the Qasr Brigade named?",
        "Qasr crossing",
        source="2",
    )
    year = fact(
        "year",
        "The garrison marched out of Tall Hamra in 1948.",
        "From where did the garrison march out in 1948?",
        "Tall Hamra",
        source="2",
    )
    b = base(*events, names, year)
    maker = Maker(b)
    timeline = maker.make("timeline", maker.ctx.facts[0], 1)
    assert timeline is not None and len(timeline.fact_ids) == 3
    assert any("Qasr Brigade" in event for event in timeline.body())
    ford = b.facts[0]
    assert [str(s) for s in fact_secrets(ford, dated=True)] == ["1931"]
    assert set_flaws([timeline, typed(maker, "names")], b.facts) == []
    assert set_flaws([timeline, typed(maker, "year")], b.facts) != []


def test_a_name_that_folds_to_a_common_word_is_not_looked_for() -> None:
    """'IS', a name of the Islamic State, folds to 'is': looked for, it was found in every
    text, and an item asking the Islamic State shut every other out of the set."""
    from quizgen.generation.leaks import fact_secrets

    group = fact(
        "group",
        "The town was taken by the Islamic State.",
        "By which group was the town taken?",
        "Islamic State",
        kind="organization",
        aliases="[ISIS, IS]",
    )
    other = fact(
        "other",
        "The ford is south of the town of Tall Hamra.",
        "What is south of the town of Tall Hamra?",
        "The ford",
        source="2",
    )
    b = base(group, other)
    maker = Maker(b)
    shown = [str(s) for s in fact_secrets(b.facts[0], dated=False)]
    assert "isis" in shown and "is" not in shown
    assert set_flaws([typed(maker, "group"), typed(maker, "other")], b.facts) == []
