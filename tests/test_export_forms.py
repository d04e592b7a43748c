"""Accepted answers and topic names as the real importers read them: a form GIFT would
misread is left out and listed, never changed; '&' in a GIFT category is written '&';
Moodle XML keeps HTML in an accepted answer as text. Through ``quizgen export``."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.support import gift_parser
from tests.support.cli import run_quizgen
from tests.support.data import TINY

pytestmark = pytest.mark.slow

FORMS = (
    TINY.replace("    name: The base\n", "    name: Strikes & events\n")
    .replace(
        "    answer: Abu Kamal\n",
        '    answer: Abu Kamal\n    aliases: ["Hezbollah Brigades <i>x</i>", "Kamal -> Abu"]\n',
    )
    .replace(
        "    wrong_answers: [5 September 2019]\n",
        """    wrong_answers: [5 September 2019]
  - id: arrow
    topic: base
    statement: The sign on the road read A -> B.
    question: What did the sign on the road read?
    answer: A -> B
    answer_kind: place
    tags: [sign]
    source: [main]
""",
    )
)


def export(tmp_path: Path, fmt: str, name: str) -> tuple[str, str]:
    facts = tmp_path / "forms.yaml"
    facts.write_text(FORMS, encoding="utf-8")
    out = tmp_path / name
    run = run_quizgen(
        "export", fmt, "--all", "--kinds", "typed", "--facts", facts, "-o", out, "--seed", "1"
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.decode(), out.read_text(encoding="utf-8")


def test_gift_leaves_out_a_form_with_an_arrow_and_writes_ampersands(tmp_path: Path) -> None:
    said, text = export(tmp_path, "gift", "q.gift")
    parsed = gift_parser.parse(text)
    (typed,) = [p for p in parsed if p.title == "typed-one"]
    # Every other form quizgen's grader accepts, exactly as written (Moodle compares it as
    # the learner types it), the answers as written first.
    forms = [a for _, a in typed.answers]
    assert forms[:2] == ["Abu Kamal", "Hezbollah Brigades <i>x</i>"]
    assert "the Abu Kamal" in forms and not any("->" in a for a in forms)
    assert "-*>" not in text and "Kamal -> Abu" not in text
    assert typed.category_path == ["$course$", "Tiny", "Strikes & events"]
    assert "&amp;" not in text
    assert said.splitlines()[1:] == [
        "Left out 1 item:",
        "  typed-arrow: every accepted answer holds '->': GIFT would read its '->' as a "
        "matching pair, and it cannot be escaped",
        "Written without 1 part the format cannot hold:",
        "  typed-one: the accepted answer 'Kamal -> Abu': GIFT would read its '->' as a "
        "matching pair, and it cannot be escaped",
    ]


def test_moodle_xml_keeps_html_in_an_accepted_answer_as_text(tmp_path: Path) -> None:
    _, text = export(tmp_path, "moodle-xml", "q.xml")
    quiz = ET.fromstring(text)
    (question,) = [q for q in quiz if q.findtext("name/text") == "typed-one"]
    # What Moodle's importer stores: the <text> of each answer, unescaped by the XML parser.
    answers = [a.findtext("text") for a in question.findall("answer")]
    # The answers as written first, then the other forms quizgen's grader accepts.
    assert answers[:3] == ["Abu Kamal", "Hezbollah Brigades <i>x</i>", "Kamal -> Abu"]
    assert "the Abu Kamal" in answers
    (arrow,) = [q for q in quiz if q.findtext("name/text") == "typed-arrow"]
    assert arrow.findtext("answer/text") == "A -> B"  # the first answer: as written
    assert "Hezbollah Brigades &lt;i&gt;x&lt;/i&gt;" in text  # escaped in the file
