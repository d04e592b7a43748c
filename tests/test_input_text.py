"""What a fact or deck file may say (issues 12 and 13): no control characters or
bidirectional overrides in any text, ids exactly as written, dates and numbers within
what their consumers can hold. Each is one FILE:LINE:COLUMN problem at validation, so
nothing later (a quiz, an export, a terminal) meets it."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen import factfile
from quizgen.errors import FactFileError, Problem, printable
from quizgen.factfile import decks
from tests.support.data import TINY, edit, problems

TERMINAL = "can change what a terminal shows); remove it"
BIDI = "makes text display differently from how it reads); remove it"


# (YAML as written, what the message names)
CHARACTERS = {
    "escape \\e": (
        '"Abu\\e]0;owned\\aKamal"',
        f"control character U+001B (escape) is not allowed (it {TERMINAL}",
    ),
    "null \\0": ('"Abu\\0Kamal"', f"control character U+0000 (null) is not allowed (it {TERMINAL}"),
    "escape \\x1b": (
        '"Abu\\x1b[2JKamal"',
        f"control character U+001B (escape) is not allowed (it {TERMINAL}",
    ),
    "C1 CSI \\x9b": (
        '"Abu\\x9b2JKamal"',
        f"control character U+009B (control sequence introducer) is not allowed (it {TERMINAL}",
    ),
    "right-to-left override": (
        '"Abu \\u202EKamal"',
        f"bidirectional control U+202E (right-to-left override) is not allowed (it {BIDI}",
    ),
    "raw override": (
        "Abu \u202eKamal",
        f"bidirectional control U+202E (right-to-left override) is not allowed (it {BIDI}",
    ),
    "isolate": (
        '"Abu \\u2066Kamal"',
        f"bidirectional control U+2066 (left-to-right isolate) is not allowed (it {BIDI}",
    ),
}


@pytest.mark.parametrize("written,message", CHARACTERS.values(), ids=CHARACTERS.keys())
def test_control_characters_in_an_answer(written: str, message: str, pure: bool) -> None:
    assert problems(edit(22, f"    answer: {written}"), pure) == [
        f"tiny.yaml:22:13: answer: {message}"
    ]


def test_a_lone_surrogate_is_refused(pure: bool) -> None:
    text = edit(22, '    answer: "Abu \\ud800Kamal"')
    if pure:
        assert problems(text, pure) == [
            "tiny.yaml:22:13: answer: U+D800 is not a character (a lone surrogate); remove it"
        ]
    else:  # libyaml refuses the escape itself
        assert problems(text, pure) == [
            "tiny.yaml:22:20: YAML syntax error: found invalid Unicode character escape code"
        ]


# Every text field of the file, at its line in TINY: (line, replacement, field, column).
FIELDS = [
    (1, 'title: "T\\e"', "title", 8),
    (8, '    name: "The \\e base"', "name", 11),
    (11, '    title: "A \\e report"', "title", 12),
    (12, '    publisher: "\\e"', "publisher", 16),
    (20, '    statement: "The base \\u202e was near Abu Kamal."', "statement", 16),
    (21, '    question: "Near which \\x07 town?"', "question", 15),
    (22, '    answer: "Abu Kamal\\x1b"', "answer", 13),
    (24, '    tags: ["loc\\u202eation"]', "tags[0]", 12),
    (36, '    wrong_answers: ["5 September\\e 2019"]', "wrong_answers[0]", 21),
]


@pytest.mark.parametrize("line,written,field,column", FIELDS, ids=[f[2] for f in FIELDS])
def test_every_text_field_is_checked(line: int, written: str, field: str, column: int) -> None:
    found = problems(edit(line, written))
    assert len(found) == 1 and found[0].startswith(f"tiny.yaml:{line}:{column}: {field}: "), found


def test_aliases_and_explanation_are_checked_too() -> None:
    text = edit(
        22,
        '    answer: Abu Kamal\n    aliases: ["Al-\\eBukamal"]\n'
        '    explanation: "See \\u202e here."',
    )
    assert [p.split(": ")[1] for p in problems(text)] == ["aliases[0]", "explanation"]


def test_a_message_quoting_bad_text_is_itself_safe() -> None:
    """An unknown key or a bad id is quoted in the message: escaped, not replayed."""
    found = problems(edit(19, '    "topic\\e]0;x\\a": base'))
    assert any("topic\\x1b]0;x\\x07: unknown field" in p for p in found), found
    assert all("\x1b" not in p and "\x07" not in p for p in found)
    assert (
        str(Problem("f\x1b.yaml", 1, 1, "a\u202e", "m\x9b")) == "f\\x1b.yaml:1:1: a\\u202e: m\\x9b"
    )
    assert (
        printable("a tab\tstays; a new\nline does not\r")
        == "a tab\tstays; a new\\nline does not\\r"
    )


# -- ids as written -------------------------------------------------------------------
@pytest.mark.parametrize(
    "written,shown",
    [
        (
            '"one "',
            "'one ' must be lower-case letters, digits and single hyphens "
            "(it contains U+0020 (space))",
        ),
        (
            '"one\\u00a0"',
            "'one\u00a0' must be lower-case letters, digits and single hyphens "
            "(it contains U+00A0 (no-break space))",
        ),
        (
            '" one"',
            "' one' must be lower-case letters, digits and single hyphens "
            "(it contains U+0020 (space))",
        ),
        ('"One"', "'One' must be lower-case letters, digits and single hyphens"),
        (
            '"on\u0435"',
            "'on\u0435' must be lower-case letters, digits and single hyphens "
            "(it contains U+0435 (cyrillic small letter ie))",
        ),
    ],
)
def test_a_fact_id_is_taken_as_written(written: str, shown: str) -> None:
    """'one ', 'one' + no-break space, or a Cyrillic look-alike would otherwise be the
    fact 'one' again (one progress card, one Anki GUID) or a silent twin of it."""
    assert problems(edit(26, f"  - id: {written}")) == [f"tiny.yaml:26:9: id: {shown}"]


def test_tags_topics_and_deck_selections_are_ids_as_written(tmp_path: Path) -> None:
    assert problems(edit(24, '    tags: ["location "]')) == [
        "tiny.yaml:24:12: tags[0]: 'location ' must be lower-case letters, digits and "
        "hyphens (it contains U+0020 (space))"
    ]
    assert problems(edit(19, '    topic: "base\\u00a0"'))[0].startswith(
        "tiny.yaml:19:12: topic: 'base\u00a0' must be"
    )
    base = factfile.loads(TINY)
    (tmp_path / "d.yaml").write_text(
        'name: D\nid: 1234567890\nselect:\n  ids: ["one "]\n', encoding="utf-8"
    )
    with pytest.raises(FactFileError) as info:
        decks.load_definitions(tmp_path, base)
    assert str(info.value).startswith(f"{tmp_path / 'd.yaml'}:4:9: ids[0]: 'one ' must be")


# -- dates and numbers within what their consumers hold ------------------------------
@pytest.mark.parametrize(
    "date,precision,answer",
    [
        ("0000-01-01", "day", "1 January 0000"),
        ("0001-01-01", "day", "1 January 0001"),
        ("0999-12-31", "day", "31 December 0999"),
        ("9999-12", "month", "December 9999"),
        ("3000", "year", "3000"),
    ],
)
def test_dates_outside_the_supported_years(date: str, precision: str, answer: str) -> None:
    text = TINY.replace("2019-09-04", date).replace(
        "date_precision: day", f"date_precision: {precision}"
    )
    text = text.replace("answer: 4 September 2019", f"answer: {answer}")
    found = problems(text)
    assert (
        f"tiny.yaml:32:11: date: '{date}' is not a valid date: years from 1000 to 2999 "
        "only" in found
    )


def test_dates_at_the_ends_of_the_range_are_fine() -> None:
    for date, answer in (("1000-01-01", "1 January 1000"), ("2999-12-31", "31 December 2999")):
        text = TINY.replace("2019-09-04", date).replace(
            "answer: 4 September 2019", f"answer: {answer}"
        )
        text = text.replace("wrong_answers: [5 September 2019]", "")
        assert factfile.loads(text).fact("two").date is not None
    assert problems(edit(3, "updated: 9999-01-01")) == [
        "tiny.yaml:3:10: updated: '9999-01-01' is not a valid date: years from 1000 to 2999 only"
    ]


@pytest.mark.parametrize(
    "value,ok", [(2**63 - 1, True), (2**63, False), (2**64, False), (0, False), (-5, False)]
)
def test_deck_id_fits_what_anki_stores(value: int, ok: bool, tmp_path: Path) -> None:
    base = factfile.loads(TINY)
    (tmp_path / "d.yaml").write_text(
        f"name: D\nid: {value}\nselect:\n  topics: [base]\n", encoding="utf-8"
    )
    if ok:
        assert decks.load_definitions(tmp_path, base)[0].id == value
        return
    with pytest.raises(FactFileError) as info:
        decks.load_definitions(tmp_path, base)
    message = str(info.value)
    assert message.startswith(f"{tmp_path / 'd.yaml'}:2:5: id: ")
    if value > 0:
        assert message.endswith(f"{value} is too large (at most 9,223,372,036,854,775,807)")


def test_revision_is_bounded() -> None:
    text = edit(25, "    source: [main]\n    revision: 100000000000000000000")
    assert problems(text) == [
        "tiny.yaml:26:15: revision: 100000000000000000000 is too large (at most 1,000,000); "
        "raise it by one each time you correct the fact"
    ]
