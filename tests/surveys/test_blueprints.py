"""The shipped templates build into surveys that use every kind sensibly and keep their keys
when copied to a new year."""

import pytest
from django.core.exceptions import ValidationError

from klimatlaget.calc import surveys as calc
from klimatlaget.surveys.blueprints import definition
from klimatlaget.surveys.blueprints.klimatlaget import theme_of
from klimatlaget.surveys.building import copy_survey, create_survey
from klimatlaget.surveys.models import Prefill

#: Keys the report's headline statements are computed from (annual report 2024).
HEADLINE_YES_NO = (
    "overall_target_exists",
    "overall_target_paris_aligned",
    "overall_target_paris_partly",
    "household_target_quantified",
    "food_target_quantified",
    "food_target_qualitative",
    "transport_target_quantified",
    "modal_split_target",
    "energy_saving_target_percent",
    "energy_saving_target_kwh_m2",
    "renewable_energy_target",
    "solar_target",
    "wind_target",
    "biogas_target",
    "building_certification_target",
    "timber_building_target",
    "construction_reuse_target",
)


def test_klimatlaget_template_builds_with_every_kind_and_the_themes(association):
    survey = create_survey(association, 2025, "klimatlaget", definition("klimatlaget", 2025))
    questions = {q.key: q for q in survey.questions.all()}
    assert {q.kind for q in questions.values()} == set(calc.QuestionKind)
    assert list(survey.sections.values_list("key", flat=True)) == [
        "overall",
        "emissions",
        "households",
        "food",
        "mobility",
        "energy",
        "building",
        "business",
        "theme",
        "other",
    ]
    assert survey.sections.get(key="theme").title == "Årets tema: gång"
    for key in HEADLINE_YES_NO:
        assert questions[key].kind == "yes_no", key
    # Every platform source pre-fills a question of a shipped template: the membership test
    # takes the measures, the Klimatläget survey the rest.
    membership = definition("membership_test", 2025)["sections"]
    prefilled = {q.get("prefill", "") for s in membership for q in s["questions"]}
    assert {q.prefill for q in questions.values()} | prefilled == set(Prefill.values)
    assert questions["climate_plan_status"].prefill == "action_plan"
    assert questions["overall_target_year"].condition_question == "overall_target_exists"
    assert questions["overall_target_year"].required
    table = questions["targets"].spec()
    assert [c.key for c in table.columns] == ["scope", "base_year", "target_year", "reduction_pct"]
    assert table.column("reduction_pct").maximum == 100
    assert questions["energy_use_target_kwh_m2"].unit == "kWh/m²"


def test_a_conditional_question_is_shown_only_when_its_condition_holds(association):
    survey = create_survey(association, 2025, "klimatlaget", definition("klimatlaget", 2025))
    specs = [q.spec() for q in survey.questions.all()]
    missing = {q.key for q in calc.missing_answers(specs, {"overall_target_exists": False})}
    assert "overall_target_year" not in missing
    missing = {q.key for q in calc.missing_answers(specs, {"overall_target_exists": True})}
    assert "overall_target_year" in missing


def test_every_condition_refers_to_an_earlier_question_with_a_possible_answer():
    for kind in ("klimatlaget", "membership_test"):
        seen: dict[str, dict] = {}
        for section in definition(kind, 2025)["sections"]:
            for item in section["questions"]:
                assert item["key"] not in seen, item["key"]
                condition = item.get("condition")
                if condition:
                    parent = seen[condition["question"]]
                    if parent["kind"] == "yes_no":
                        assert condition["equals"] in (True, False)
                    else:
                        keys = [c["key"] for c in parent["choices"]]
                        assert condition["equals"] in keys
                seen[item["key"]] = item


def test_membership_test_template_judges_pass_fail_and_incomplete(association):
    survey = create_survey(
        association, 2025, "membership_test", definition("membership_test", 2025)
    )
    requirements = survey.requirement_specs()
    assert [r.key for r in requirements] == [
        "decision",
        "inventory",
        "targets",
        "action_plan",
        "reporting",
    ]
    keys = set(survey.questions.values_list("key", flat=True))
    assert {c.question for r in requirements for c in r.checks} <= keys
    passing = {
        "political_decision": True,
        "inventories_emissions": True,
        "latest_inventory_year": 2023,
        "has_emission_targets": True,
        "has_action_plan": True,
        "action_plan_link": "https://ekby.example/handlingsplan",
        "carries_out_measures": True,
        "reports_to_association": True,
    }
    assert calc.judge_membership(requirements, passing).outcome == calc.Outcome.PASS
    stale = calc.judge_membership(requirements, {**passing, "latest_inventory_year": 2019})
    assert stale.outcome == calc.Outcome.FAIL
    assert [r.requirement.key for r in stale.failing] == ["inventory"]
    partial = dict(passing)
    del partial["reports_to_association"]
    incomplete = calc.judge_membership(requirements, partial)
    assert incomplete.outcome == calc.Outcome.INCOMPLETE
    assert [r.requirement.key for r in incomplete.unanswered] == ["reporting"]


def test_copying_a_template_survey_keeps_keys_and_requirements(association):
    first = create_survey(association, 2024, "klimatlaget", definition("klimatlaget", 2024))
    copy = copy_survey(first, 2025)
    assert copy.title == "Klimatläget 2025"
    assert list(copy.questions.values_list("key", flat=True)) == list(
        first.questions.values_list("key", flat=True)
    )
    test = create_survey(association, 2024, "membership_test", definition("membership_test", 2024))
    assert copy_survey(test, 2025).requirements == test.requirements


def test_unknown_template_and_themes_of_other_years():
    with pytest.raises(ValueError, match="membership_test"):
        definition("annual_report", 2025)
    assert theme_of(2026) == "walking"
    assert theme_of(2020) == "walking"
    assert definition("klimatlaget", 2026)["title"] == "Klimatläget 2026"


def test_a_requirement_on_a_missing_question_creates_nothing(association):
    broken = definition("membership_test", 2025)
    broken["requirements"][0]["checks"][0]["question"] = "no_such_question"
    with pytest.raises(ValidationError, match="no_such_question"):
        create_survey(association, 2025, "membership_test", broken)
