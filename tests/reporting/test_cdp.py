"""The CDP-ICLEI Track report (``cdp-iclei-track``): a workbook with a sheet per module and JSON,
read back and checked against the platform's objects, each answer with its source."""

import io
import json
from collections import Counter

import openpyxl
import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.cli.main import main
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.exports.registry import get_exporter
from klimatlaget.measures.models import ActionPlan, Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.reporting import cdp
from klimatlaget.reporting.profiles import profile
from klimatlaget.targets.evaluation import evaluate_organisation, target_parameters
from klimatlaget.targets.models import Target

YEAR = 2022
SHEETS = [
    "Governance",
    "Climate risk",
    "Inventory (GPC)",
    "Targets",
    "Plans and actions",
    "Answers",
]


@pytest.fixture
def facts(example_data):
    """The example's targets, plans and measures (Strandhamn has them all; Tallnäs none)."""
    from klimatlaget.demo.association import EXAMPLE_TARGETS
    from klimatlaget.demo.measures import load_demo_measures
    from klimatlaget.targets.imports import import_targets

    import_targets(EXAMPLE_TARGETS, actor=command_line())
    load_demo_measures(example=True, say=lambda _text: None)
    return example_data


def _sheet(book, title):
    rows = list(book[title].iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def _workbook(tmp_path, code):
    output = tmp_path / f"cdp-{code}.xlsx"
    arguments = ["--organisation", code, "--year", str(YEAR), "--format", "xlsx"]
    assert main(["export", "cdp", *arguments, "--output", str(output)]) == 0
    return openpyxl.load_workbook(output)


def test_the_exporter_reports_to_cdp(example_data):
    exporter = get_exporter("cdp-iclei-track")
    assert exporter.platform == "cdp" and exporter.needs_year
    assert exporter.may_run(None, Organisation.objects.get(code="9102"))


def test_the_workbook_answers_each_module_from_the_platform(facts, tmp_path):
    book = _workbook(tmp_path, "9102")
    assert book.sheetnames == SHEETS
    strandhamn = Organisation.objects.get(code="9102")

    governance = _sheet(book, "Governance")
    assert governance[0]["subject"] == "organisation"
    assert (governance[0]["name"], governance[0]["source"]) == (strandhamn.name, "/o/9102/")
    adopted = ActionPlan.objects.filter(organisation=strandhamn, status="adopted")
    assert adopted.exists()
    assert {(row["name"], row["decided_by"], row["source"]) for row in governance[1:]} == {
        (plan.title, plan.adopted_by, f"/o/9102/plans/#plan-{plan.pk}") for plan in adopted
    }

    targets = _sheet(book, "Targets")
    evaluated = evaluate_organisation("9102", target_parameters()).targets
    assert len(targets) == len(evaluated) == Target.objects.filter(organisation=strandhamn).count()
    totals = load_dataset()["9102"].total
    for row, item in zip(targets, evaluated, strict=True):
        target = item.target
        assert row["target_id"] == target.pk
        assert row["source"] == f"/o/9102/targets/#target-{target.pk}"
        assert (row["base_year"], row["target_year"]) == (target.base_year, target.target_year)
        assert row["verdict_1_5c"] == item.alignment.verdict.value
        if target.base_year:
            assert row["base_year_tco2e"] == pytest.approx(totals[target.base_year])

    actions = _sheet(book, "Plans and actions")
    measures = Measure.objects.filter(organisation=strandhamn)
    measure_rows = {row["code"]: row for row in actions if row["subject"] == "measure"}
    assert set(measure_rows) == {measure.code for measure in measures}
    for measure in measures:
        row = measure_rows[measure.code]
        assert (row["title"], row["status"], row["sector"]) == (
            measure.title,
            measure.status,
            measure.sector,
        )
        assert row["expected_reduction_t"] == measure.expected_reduction_t
        assert row["cost_sek"] == (int(measure.budget_sek) if measure.budget_sek else None)
        assert row["source"] == f"/o/9102/measures/{measure.pk}/"
    plan_rows = [row for row in actions if row["subject"] == "action_plan"]
    assert len(plan_rows) == ActionPlan.objects.filter(organisation=strandhamn).count()


def test_the_inventory_module_is_the_gpc_table_of_the_base_and_latest_year(facts, tmp_path):
    book = _workbook(tmp_path, "9102")
    inventory = _sheet(book, "Inventory (GPC)")
    totals = load_dataset()["9102"].total
    years = {row["inventory"]: row["year"] for row in inventory}
    assert years["latest_year"] == YEAR
    named = Counter(
        t.base_year
        for t in Target.objects.filter(organisation__code="9102", status="adopted")
        if t.base_year
    )
    # The base year the adopted targets name most often (the earliest of equals), else 1990.
    expected = min(named, key=lambda year: (-named[year], year)) if named else 1990
    assert years["base_year"] == expected
    for role, year in years.items():
        rows = [row for row in inventory if row["inventory"] == role]
        assert sum(row["tco2e"] or 0 for row in rows) == pytest.approx(totals[year])
        assert {row["source"] for row in rows} == {"/o/9102/"}


def test_an_organisation_with_nothing_yet_is_marked_missing(facts, tmp_path):
    tallnas = Organisation.objects.get(code="9201")
    assert not ActionPlan.objects.filter(organisation=tallnas).exists()
    book = _workbook(tmp_path, "9201")
    risk = _sheet(book, "Climate risk")
    assert [(row["subject"], row["status"], row["source"]) for row in risk] == [
        ("adaptation_plan", "missing", "/o/9201/plans/"),
        ("adaptation_measure", "missing", "/o/9201/measures/"),
    ]
    governance = _sheet(book, "Governance")
    assert [row["status"] for row in governance] == [None, "missing"]
    actions = _sheet(book, "Plans and actions")
    assert [(row["subject"], row["status"]) for row in actions] == [
        ("action_plan", "missing"),
        ("measure", "missing"),
    ]


def test_adaptation_plans_and_measures_against_a_hazard_answer_climate_risk(facts, tmp_path):
    strandhamn = Organisation.objects.get(code="9102")
    plan = ActionPlan.objects.create(
        organisation=strandhamn, title="Klimatanpassningsplan", kind="adaptation", status="draft"
    )
    measure = Measure.objects.filter(organisation=strandhamn).first()
    assert measure is not None
    Measure.objects.filter(pk=measure.pk).update(hazard="flooding")
    risk = _sheet(_workbook(tmp_path, "9102"), "Climate risk")
    assert {
        "subject": "adaptation_plan",
        "name": "Klimatanpassningsplan",
        "hazard": None,
        "status": "draft",
        "period_from": None,
        "period_to": None,
        "source": f"/o/9102/plans/#plan-{plan.pk}",
    } in risk
    hazards = [row for row in risk if row["subject"] == "adaptation_measure"]
    assert (hazards[0]["name"], hazards[0]["hazard"]) == (measure.title, "flooding")


def test_json_has_the_same_modules(facts, client):
    response = client.get(f"/api/organisations/9102/cdp-iclei-track?year={YEAR}&format=json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert list(document["modules"]) == [
        "governance",
        "climate_risk",
        "inventory",
        "targets",
        "plans_and_actions",
        "answers",
    ]
    assert all(row["source"] for rows in document["modules"].values() for row in rows)
    built = cdp.modules(Organisation.objects.get(code="9102"), YEAR)
    assert [len(module.rows) for module in built] == [
        len(rows) for rows in document["modules"].values()
    ]


def test_the_api_downloads_the_workbook_to_anyone(facts, client):
    response = client.get(f"/api/organisations/9102/cdp-iclei-track?year={YEAR}")
    assert response.status_code == 200
    assert 'filename="cdp-iclei-track-9102-2022.xlsx"' in response["Content-Disposition"]
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames == SHEETS


def test_a_year_without_emissions_is_missing_from_the_inventory(facts):
    built = {m.key: m for m in cdp.modules(Organisation.objects.get(code="9102"), 2030)}
    latest = [row for row in built["inventory"].rows if row["inventory"] == "latest_year"]
    assert [(row["year"], row["row_kind"]) for row in latest] == [(2030, "missing")]


def test_not_for_an_association_or_an_unknown_organisation(facts, client, capsys):
    from klimatlaget.demo.association import association

    code = association().code
    assert client.get(f"/api/organisations/{code}/cdp-iclei-track?year=2022").status_code == 404
    assert client.get("/api/organisations/0000/cdp-iclei-track?year=2022").status_code == 404
    assert main(["export", "cdp", "--organisation", code, "--year", "2022"]) == 1
    assert "not written for" in capsys.readouterr().err


def test_free_text_answers_are_carried_forward_for_confirmation(facts, users, tmp_path):
    from klimatlaget.reporting.services import save_answer

    strandhamn = Organisation.objects.get(code="9102")
    alice = users["alice"]  # Strandhamn's editor
    save_answer(alice, strandhamn, "governance.lead", "The climate council", year=YEAR - 1)
    save_answer(alice, strandhamn, "risk_assessment", "RVA 2021, adopted", year=YEAR)
    answers = {row["item"]: row for row in _sheet(_workbook(tmp_path, "9102"), "Answers")}
    lead = answers["governance.lead"]
    assert (lead["status"], lead["answer"], lead["year_answered"]) == (
        cdp.CARRIED_FORWARD,
        "The climate council",
        YEAR - 1,
    )
    assert lead["source"] == "/o/9102/reporting/#question-governance.lead"
    risk = answers["assessment.risk"]
    assert (risk["status"], risk["answer"]) == (cdp.ANSWERED, "RVA 2021, adopted")
    assert answers["finance.needs"]["status"] == cdp.MISSING
    assert answers["finance.needs"]["answer"] is None
    asked = [item.id for item in profile("cdp").items if item.question]
    assert list(answers) == asked
