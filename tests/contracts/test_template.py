"""The programme's template of contract subjects: the shipped file and its checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from klimatlaget.calc.contract_subjects import PARTIES
from klimatlaget.contracts.template import DEFAULT_PATH, TemplateError, load_template

AGREED = [
    "purpose",
    "parties",
    "municipality",
    "viable_cities",
    "agencies",
    "joint_projects",
    "joint_followup",
    "contract",
    "appendices",
]


def entry(subject_id: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": subject_id,
        "parent": subject_id.rsplit(".", 1)[0] if "." in subject_id else None,
        "party": "joint",
        "order": 10,
        "name": {"sv": "Namn", "en": "Name"},
        "keywords": {"sv": ["ord"]},
    }
    data.update(changes)
    return data


def write(tmp_path: Path, subjects: list[Any]) -> Path:
    path = tmp_path / "subjects.json"
    path.write_text(json.dumps({"version": 1, "subjects": subjects}), encoding="utf-8")
    return path


def test_shipped_template() -> None:
    template = load_template()
    assert [s.id for s in template.children(None)] == AGREED
    assert [s.id for s in template.children("municipality.strategy")] == [
        "municipality.strategy.mobility",
        "municipality.strategy.planning",
        "municipality.strategy.building",
        "municipality.strategy.energy",
        "municipality.strategy.renewables",
        "municipality.strategy.circularity",
        "municipality.strategy.procurement",
        "municipality.strategy.production_consumption",
    ]
    for subject_id in (
        "municipality.targets",
        "municipality.governance",
        "municipality.collaboration",
        "municipality.investment_plan",
        "municipality.digital_support",
        "municipality.innovation_hub",
        "municipality.adaptation",
        "municipality.reporting",
        "joint_followup.municipality_updates",
        "joint_followup.experiences",
        "joint_followup.viable_cities_updates",
        "joint_followup.agencies_updates",
    ):
        assert subject_id in template
    mobility = template.get("municipality.strategy.mobility")
    assert mobility is not None
    assert (mobility.parent, mobility.party, mobility.name_en, mobility.depth) == (
        "municipality.strategy",
        "municipality",
        "Sustainable mobility",
        3,
    )
    assert "mobility" in mobility.keywords and "mobilitet" in mobility.keywords
    assert all(s.party in PARTIES and s.keywords for s in template.subjects)
    assert DEFAULT_PATH.name == "subjects.json"


def test_children_in_the_programmes_order(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [entry("a"), entry("a.late", order=20), entry("a.early", order=10), entry("b", order=5)],
    )
    template = load_template(path)
    assert [s.id for s in template.children(None)] == ["b", "a"]
    assert [s.id for s in template.children("a")] == ["a.early", "a.late"]


def test_unknown_parent_and_duplicate_id(tmp_path: Path) -> None:
    path = write(tmp_path, [entry("a"), entry("a"), entry("b.c")])
    with pytest.raises(TemplateError) as error:
        load_template(path)
    assert error.value.problems == [
        "subject 'a': duplicate id",
        "subject 'b.c': unknown parent 'b'",
    ]
    assert str(error.value).startswith("subjects.json: subject 'a': duplicate id; ")


def test_every_problem_of_an_entry(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            entry("Bad Id"),
            entry("a", parent="x", party="city", order="1", name={"sv": "Namn"}),
            entry("b", keywords={"sv": "ord"}),
            "not an object",
        ],
    )
    with pytest.raises(TemplateError) as error:
        load_template(path)
    assert error.value.problems == [
        "subject number 1: id 'Bad Id' must be lower-case words joined by dots",
        "subject 'a': parent must be None (the id up to its last dot), not 'x'",
        "subject 'a': party 'city' must be one of municipality, viable_cities, agencies, joint",
        "subject 'a': order must be a whole number",
        "subject 'a': name must give a Swedish and an English name (sv, en)",
        "subject 'b': keywords 'sv' must be a list of words",
        "subject number 4: must be an object",
    ]


def test_not_json_or_wrong_shape(tmp_path: Path) -> None:
    path = tmp_path / "subjects.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(TemplateError, match="cannot be read as JSON"):
        load_template(path)
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(TemplateError, match='a list "subjects"'):
        load_template(path)
    with pytest.raises(TemplateError, match="cannot be read"):
        load_template(tmp_path / "missing.json")
