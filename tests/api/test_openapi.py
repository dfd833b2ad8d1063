"""The OpenAPI schema says what the API does: bounds and choices of parameters, CSV beside JSON,
files, and the 400/401/404/422 answers every operation can give (schemathesis checks the rest)."""

import pytest

from klimatlaget.calc import CARBON_LAW_PRESETS
from klimatlaget.calc.targets import Form, Verdict
from klimatlaget.emissions.metrics import EXPORT_COLUMNS
from klimatlaget.organisations.models import OrganisationKind

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def schema(client):
    return client.get("/api/openapi.json").json()


def _operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", operation


def _parameter(schema, path, name, method="get"):
    operation = schema["paths"][path][method]
    found = next(p["schema"] for p in operation["parameters"] if p["name"] == name)
    return found["anyOf"][0] if "anyOf" in found and "enum" not in found else found


def _resolve(schema, reference):
    return schema["components"]["schemas"][reference["$ref"].rsplit("/", 1)[1]]


def test_parameters_declare_their_bounds_and_choices(schema):
    year = _parameter(schema, "/api/metrics", "current_year")
    assert (year["minimum"], year["maximum"]) == (2015, 2050)
    rate = _parameter(schema, "/api/metrics", "rate")
    assert (rate["exclusiveMinimum"], rate["exclusiveMaximum"]) == (0, 1)
    assert _parameter(schema, "/api/metrics", "preset")["enum"] == sorted(CARBON_LAW_PRESETS)
    assert _parameter(schema, "/api/metrics", "kind")["enum"] == [
        "municipality",
        "county",
        "nation",
    ]
    kinds = _resolve(schema, _parameter(schema, "/api/organisations", "kind"))
    assert kinds["enum"] == list(OrganisationKind.values)
    verdicts = _resolve(schema, _parameter(schema, "/api/targets/comparison", "verdict"))
    assert verdicts["enum"] == [v.value for v in Verdict]
    target_in = schema["components"]["schemas"]["TargetIn"]["properties"]
    assert target_in["form"]["enum"] == sorted(f.value for f in Form)
    assert target_in["status"]["enum"] == ["adopted", "proposed"]
    target_out = schema["components"]["schemas"]["TargetOut"]["properties"]
    assert _resolve(schema, target_out["verdict"])["enum"] == [v.value for v in Verdict]
    fees = _parameter(schema, "/api/associations/{code}/fees", "year")
    assert (fees["minimum"], fees["maximum"]) == (1900, 2100)


def test_every_operation_declares_the_answers_it_can_give(schema):
    for name, operation in _operations(schema):
        responses = operation["responses"]
        parameters = operation.get("parameters", [])
        if parameters or "requestBody" in operation:
            body = responses["422"]["content"]["application/json"]["schema"]
            assert {"$ref": "#/components/schemas/ValidationErrorOut"} in body["anyOf"], name
        if any(p["in"] == "path" for p in parameters):
            assert "404" in responses, name
        if operation.get("security"):
            assert "401" in responses, name
        if any(p["name"] == "format" for p in parameters):
            assert "text/csv" in responses["200"]["content"], name
        assert "Retry-After" in responses["503"]["headers"], name  # the database was busy


def test_the_questionnaire_download_is_declared_as_a_workbook(schema):
    operation = schema["paths"]["/api/surveys/{survey_id}/responses/{member_code}/xlsx"]["get"]
    assert list(operation["responses"]["200"]["content"]) == [XLSX]


def test_the_investment_plan_exports_are_declared(schema):
    plan = "/api/investment-plans/{plan_id}"
    workbook = schema["paths"][f"{plan}/workbook"]["get"]["responses"]["200"]
    assert list(workbook["content"]) == [XLSX]
    rows = schema["paths"][f"{plan}/netzerocities"]["get"]["responses"]["200"]["content"]
    assert set(rows) == {"application/json", "text/csv"}
    row = _resolve(schema, rows["application/json"]["schema"]["items"])
    assert list(row["properties"]) == [
        "line_id",
        "action",
        "responsible",
        "start_year",
        "end_year",
        "field",
        "impact_t_co2e_per_year",
        "total_cost_sek",
    ]


def test_out_of_bounds_parameters_are_refused_as_declared(client, example_data):
    for url in (
        "/api/metrics?current_year=2051",
        "/api/metrics?rate=1.5",
        "/api/metrics?kind=agency",
        "/api/organisations?county=1",
        "/api/targets/comparison?verdict=great",
    ):
        response = client.get(url)
        assert response.status_code == 422, url
        assert isinstance(response.json()["detail"], list), url  # django-ninja's field problems


YEAR_FIELDS = {
    "SurveyIn": ["year"],
    "FeeRuleIn": ["from_year", "population_year"],
    "FeeOverrideIn": ["to_year"],
    "BoardSeatIn": ["from_year", "to_year"],
    "BoardSeatPatch": ["from_year", "to_year"],
    "TargetIn": ["base_year", "start_year", "target_year"],
}


def _bounds(field):
    found = next((s for s in field.get("anyOf", [field]) if s.get("type") == "integer"), {})
    return found.get("minimum"), found.get("maximum")


def test_every_year_in_a_request_body_declares_its_bounds(schema):
    components = schema["components"]["schemas"]
    for model, fields in YEAR_FIELDS.items():
        for name in fields:
            assert _bounds(components[model]["properties"][name]) == (1900, 2100), (model, name)


def test_a_year_out_of_bounds_in_a_body_is_refused_as_declared(client, users):
    from klimatlaget.demo.association import load_memberships

    code = load_memberships(example=True).association.code
    client.force_login(users["kansli"])
    for url, body in (
        (f"/api/associations/{code}/surveys", {"year": 20250, "kind": "klimatlaget"}),
        (f"/api/associations/{code}/board", {"name": "Ada", "from_year": 1066}),
        (
            f"/api/associations/{code}/fee-rules",
            {"from_year": 99999, "fixed_sek": 1, "per_inhabitant_sek": 0},
        ),
    ):
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 422, (url, response.content)
        assert isinstance(response.json()["detail"], list), url  # django-ninja's field problems


def _etag_operations(schema):
    return {
        name
        for name, operation in _operations(schema)
        if "ETag" in operation["responses"].get("200", {}).get("headers", {})
    }


def test_every_answer_that_carries_an_etag_declares_it(client, schema, users):
    from klimatlaget.accounts.actors import command_line
    from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
    from klimatlaget.contracts import services as contracts
    from klimatlaget.demo.association import EXAMPLE_TARGETS, load_memberships
    from klimatlaget.followup import services as follow_up
    from klimatlaget.investments import services as investments
    from klimatlaget.measures import indicators, plans, quotas, services
    from klimatlaget.organisations.models import Organisation
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.targets.imports import import_targets
    from klimatlaget.targets.models import Target
    from surveys.conftest import EVERY_KIND

    survey = create_survey(
        load_memberships(example=True).association, 2025, "klimatlaget", EVERY_KIND
    )
    import_targets(EXAMPLE_TARGETS, actor=command_line())
    target = Target.objects.filter(organisation__code="9102").first()
    strandhamn = Organisation.objects.get(code="9102")
    plan = plans.create_plan(command_line(), strandhamn, {"title": "Plan", "status": "draft"})
    measure = services.create_measure(
        command_line(),
        strandhamn,
        {"code": "M1", "title": "Measure", "sector": "Transporter", "type": "technical"},
    )
    indicator = indicators.create_indicator(
        command_line(), strandhamn, {"name": "Indicator", "unit": "st"}
    )
    quota = quotas.create_quota(
        command_line(), strandhamn, {"unit": "Nämnden", "year": 2026, "quota_t": 10}
    )
    investment_plan = investments.create_plan(
        command_line(), strandhamn, {"year": 2025, "horizon_from": 2024, "horizon_to": 2030}
    )
    line = investments.create_line(
        command_line(),
        investment_plan,
        {
            "title": "Line",
            "actor": "municipality",
            "funding_source": "own_budget",
            "funding_status": "decided",
            "sector": "Transporter",
        },
    )
    contract = contracts.store_parsed(
        command_line(), strandhamn, 2024, ParsedContract([ParsedSection("1", "Syfte", "")])
    )
    period = follow_up.prepare_period(command_line(), strandhamn, 2025, 2)
    measure_report = period.measure_reports.get()
    indicator_report = period.indicator_reports.get()
    client.force_login(users["kansli"])
    questionnaire = f"/api/surveys/{survey.pk}"
    sent = {
        "GET /api/organisations/{code}": "/api/organisations/9102",
        "GET /api/targets/{target_id}": f"/api/targets/{target.pk}",
        "GET /api/surveys/{survey_id}": questionnaire,
        "GET /api/surveys/{survey_id}/definition": f"{questionnaire}/definition",
        "GET /api/surveys/{survey_id}/responses/{member_code}": f"{questionnaire}/responses/9102",
        "GET /api/organisations/{code}/budget/{year}/settings": (
            "/api/organisations/9102/budget/2026/settings"
        ),
        "GET /api/plans/{plan_id}": f"/api/plans/{plan.pk}",
        "GET /api/measures/{measure_id}": f"/api/measures/{measure.pk}",
        "GET /api/indicators/{indicator_id}": f"/api/indicators/{indicator.pk}",
        "GET /api/quotas/{quota_id}": f"/api/quotas/{quota.pk}",
        "GET /api/investment-plans/{plan_id}": f"/api/investment-plans/{investment_plan.pk}",
        "GET /api/investment-lines/{line_id}": f"/api/investment-lines/{line.pk}",
        "GET /api/contracts/{contract_id}": f"/api/contracts/{contract.pk}",
        "GET /api/contracts/template/{subject_id}": "/api/contracts/template/purpose",
        "GET /api/organisations/{code}/follow-up/{year}/{quarter}": (
            "/api/organisations/9102/follow-up/2025/2"
        ),
        "GET /api/follow-up/measure-reports/{report_id}": (
            f"/api/follow-up/measure-reports/{measure_report.pk}"
        ),
        "GET /api/follow-up/indicator-reports/{report_id}": (
            f"/api/follow-up/indicator-reports/{indicator_report.pk}"
        ),
        "GET /api/organisations/{code}/reporting/answers/{key}": (
            "/api/organisations/9102/reporting/answers/governance.lead"
        ),
    }
    for name, url in sent.items():
        response = client.get(url)
        assert response.status_code == 200 and response.headers["ETag"].startswith('"v'), name
    changed = {
        "PATCH /api/organisations/{code}",
        "PUT /api/targets/{target_id}",
        "PUT /api/organisations/{code}/budget/{year}/settings",
        "PUT /api/plans/{plan_id}",
        "PUT /api/measures/{measure_id}",
        "PUT /api/indicators/{indicator_id}",
        "PUT /api/quotas/{quota_id}",
        "POST /api/quotas/{quota_id}/outcomes",
        "PUT /api/investment-plans/{plan_id}",
        "PUT /api/investment-lines/{line_id}",
        "POST /api/commitments/{commitment_id}/statuses",
        "PATCH /api/contracts/{contract_id}",
        "PATCH /api/contract-sections/{section_id}",
        "PATCH /api/contracts/template/{subject_id}",
        "PUT /api/follow-up/measure-reports/{report_id}",
        "PUT /api/follow-up/indicator-reports/{report_id}",
        "PUT /api/organisations/{code}/reporting/answers/{key}",
    }
    assert changed | set(sent) == (_etag_operations(schema))


def test_metrics_declare_the_trend_range(schema):
    response = schema["paths"]["/api/metrics"]["get"]["responses"]["200"]
    rows = _resolve(schema, response["content"]["application/json"]["schema"]["items"])
    columns = rows["properties"]
    assert list(columns) == [column.key for column in EXPORT_COLUMNS]
    assert "one year left out" in columns["trend_slope_low"]["description"]
    assert "includes zero" in columns["trend_uncertain"]["description"]
