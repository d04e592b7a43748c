"""The bundled facts.yaml: valid, sourced, dated correctly, and in step with its schema."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from quizgen import factfile
from quizgen.factfile import reader, yamldoc
from quizgen.facts import DATE_KIND_PRECISION, FactBase
from quizgen.language.dates import FactDate
from tests.support.data import ROOT, SHIPPED, plain

SCHEMA = ROOT / "quizgen" / "schema" / "facts.schema.json"


def test_loads_with_both_parsers(shipped: FactBase) -> None:
    assert factfile.load(SHIPPED, pure=True) == shipped
    assert 80 <= len(shipped.facts) <= 200


def test_ids_unique_and_every_fact_sourced(shipped: FactBase) -> None:
    ids = Counter(f.id for f in shipped.facts)
    assert [i for i, n in ids.items() if n > 1] == []
    refs = {r.id for r in shipped.references}
    arts = {a.id for a in shipped.articles}
    for fact in shipped.facts:
        assert fact.source, fact.id
        for key in fact.source:
            assert key in (refs if isinstance(key, int) else arts), (fact.id, key)


def test_every_reference_and_topic_is_used(shipped: FactBase) -> None:
    cited = {k for f in shipped.facts for k in f.source}
    assert {r.id for r in shipped.references} <= cited
    assert {t.id for t in shipped.topics} == {f.topic for f in shipped.facts}
    assert [r.id for r in shipped.references] == list(range(1, 12))


def test_dates_are_real_and_match_date_answers(shipped: FactBase) -> None:
    for fact in shipped.facts:
        if fact.date is not None:
            assert FactDate.parse_iso(fact.date.iso()) == fact.date
        if fact.answer_kind in DATE_KIND_PRECISION:
            assert fact.date is not None, fact.id
            assert fact.date.precision == DATE_KIND_PRECISION[fact.answer_kind], fact.id
            assert str(fact.date) == fact.answer, fact.id


def test_the_built_2019_discrepancy_is_recorded_both_ways(shipped: FactBase) -> None:
    built = shipped.fact("base-built-infobox")
    since = shipped.fact("construction-since-early-2018")
    assert (built.answer, since.answer) == ("2019", "2018")
    for fact in (built, since):
        assert "discrepancy" in fact.tags
        assert fact.explanation and "early 2018" in fact.explanation and "2019" in fact.explanation


def test_attributions_are_kept(shipped: FactBase) -> None:
    statements = {f.id: f.statement for f in shipped.facts}
    assert "had reportedly" in statements["construction-since-early-2018"]
    assert (
        "According to the Syrian Observatory for Human Rights (SOHR)"
        in statements["june-2021-deaths-sohr"]
    )
    assert "Western intelligence sources believed" in statements["tunnels-to-hold-missiles"]


def test_header_carries_the_license_and_attribution(shipped: FactBase) -> None:
    assert shipped.license == "CC BY-SA 4.0"
    assert "Wikipedia" in shipped.attribution and "Imam Ali military base" in shipped.attribution
    assert shipped.license_url == "https://creativecommons.org/licenses/by-sa/4.0/"


def test_first_line_points_editors_at_the_schema() -> None:
    first = SHIPPED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=quizgen/schema/facts.schema.json"
    assert (SHIPPED.parent / first.split("=", 1)[1]).is_file()


def test_schema_accepts_the_shipped_file() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = plain(yamldoc.read(SHIPPED.read_text(encoding="utf-8"), "facts.yaml").root)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


def test_schema_and_loader_agree_on_fields() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    pairs = [
        (schema, reader.HEADER_FIELDS),
        (schema["properties"]["topics"]["items"], reader.TOPIC_FIELDS),
        (schema["properties"]["answer_classes"]["items"], reader.ANSWER_CLASS_FIELDS),
        (schema["properties"]["references"]["items"], reader.REFERENCE_FIELDS),
        (schema["properties"]["articles"]["items"], reader.ARTICLE_FIELDS),
        (schema["$defs"]["fact"], reader.FACT_FIELDS),
    ]
    for part, fields in pairs:
        assert list(part["properties"]) == list(fields)
        assert set(part["required"]) == {k for k, required in fields.items() if required}


def test_schema_rejects_what_the_loader_rejects() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    data = plain(yamldoc.read(SHIPPED.read_text(encoding="utf-8"), "facts.yaml").root)
    data["facts"][0]["statment"] = data["facts"][0].pop("statement")
    messages = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert any("statement" in m for m in messages)
    assert any("statment" in m for m in messages)


def test_no_fact_repeats_another(shipped: FactBase) -> None:
    statements = Counter(f.statement for f in shipped.facts)
    questions = Counter(f.question for f in shipped.facts)
    assert [s for s, n in statements.items() if n > 1] == []
    assert [q for q, n in questions.items() if n > 1] == []


def test_source_text_claims_spot_check(shipped: FactBase) -> None:
    """A few facts against the seed text they rest on, when the seed is beside the checkout."""
    seed = ROOT.parent / "shared" / "seed" / "imam-ali-military-base.txt"
    if not seed.is_file():
        pytest.skip(f"seed text not found at {seed}")
    text = seed.read_text(encoding="utf-8")
    for needle in [
        "34°27′13″N40°56′12″E",
        "Built2019",
        "since early 2018",
        "4 September 2019",
        "25 February 2021",
        "at least nine",
        "December 2024",
        "74,100",
        "24\u00a0km west",
        "more than 170 attacks",
    ]:
        assert needle in text, needle


def test_bundled_copy_path_is_the_repository_file() -> None:
    from quizgen.factfile.paths import bundled_facts

    assert bundled_facts().resolve() in {
        SHIPPED.resolve(),
        (ROOT / "quizgen" / "data" / "facts.yaml").resolve(),
    }
    assert isinstance(bundled_facts(), Path)
