"""Every export, fed hostile text in every text field it writes, writes no cell a spreadsheet
would run: CSV cells get an apostrophe, workbook cells are text (never formulas), numbers stay
numbers and JSON keeps the raw value. The list of exports fails when a new one is added without
being checked here."""

import argparse
import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from klimatlaget.api.routes import api
from klimatlaget.cli.main import build_parser, main
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.models import SurveyState

ASSOCIATION = "klimatkommunerna"
FORMULA_CHARACTERS = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def hostile(field: str) -> str:
    return f'=HYPERLINK("https://evil.example/{field}","{field}")'


ORGANISATION = " " + hostile("organisation")  # leading whitespace before =
TARGET_TITLE = hostile("target-title")
TARGET_QUOTE = hostile("target-quote")
TARGET_NOTES = "\t" + hostile("target-notes")  # a tab before =
OVERRIDE_REASON = hostile("override-reason")
MEASURE_TITLE = hostile("measure-title")
MEASURE_SOURCE = "@" + hostile("measure-source")
QUOTA_UNIT = hostile("quota-unit")
SURVEY_TITLE = hostile("survey-title")
SECTION_TITLE = "+" + hostile("section")  # sheet names cannot start with =
QUESTION = hostile("question")
CHOICE = hostile("choice")
TEXT_ANSWER = hostile("text-answer")
TABLE_ANSWER = "@SUM(1+1)*cmd|' /C calc'!A0"
LINK_ANSWER = "https://evil.example/?=1"
SUBMITTER = "-2+3+cmd|' /C calc'!A0"  # DDE
PUBLISHED_SOURCE = hostile("published-source")
FOLLOW_UP_COMMENT = "-" + hostile("follow-up-comment")
INVESTMENT_TITLE = hostile("investment-line")
INVESTMENT_PLAN_TITLE = hostile("investment-plan")
CONTRACT_SECTION = hostile("contract-section")
CONTRACT_OLD_SECTION = "-" + hostile("contract-section-2024")
ENERGY_SOURCE = "+" + hostile("energy-source")
DEFINITION = {
    "title": SURVEY_TITLE,
    "sections": [
        {
            "key": "work",
            "title": SECTION_TITLE,
            "questions": [
                {
                    "key": "kind",
                    "kind": "single_choice",
                    "text": QUESTION,
                    "choices": [{"key": "a", "label": CHOICE}, {"key": "b", "label": "-b"}],
                },
                {"key": "comment", "kind": "text", "text": "Comment"},
                {"key": "budget", "kind": "number", "text": "Budget", "minimum": -100},
                {
                    "key": "measures",
                    "kind": "table",
                    "text": "Measures",
                    "columns": [{"key": "name", "label": "Measure", "kind": "text"}],
                },
            ],
        }
    ],
}


@dataclass(frozen=True)
class Export:
    """One export: the URL name, API operation id or CLI command, where to fetch it, and the
    hostile values it must carry."""

    name: str
    url: str
    carries: tuple[str, ...] = ()


class Ids(NamedTuple):
    """The ids of the hostile data's survey, membership test, investment plan and the two
    versions of a climate contract."""

    survey: int
    test: int
    plan: int
    contract: int
    earlier_contract: int


def pages(ids: Ids) -> list[Export]:
    a, s, t = f"/associations/{ASSOCIATION}", f"surveys/{ids.survey}", f"surveys/{ids.test}"
    targets, contract = "subject=municipality.targets&year=2024", (ORGANISATION, CONTRACT_SECTION)
    return [
        Export("comparison-csv", "/compare.csv", (ORGANISATION,)),
        Export("comparison-csv", "/compare.csv?dialect=excel-sv", (ORGANISATION,)),
        Export("organisation-emissions-csv", "/o/9102/emissions.csv"),
        Export("organisation-pathways-csv", "/o/9102/pathways.csv"),
        Export("organisation-targets-csv", "/o/9102/targets.csv?dialect=excel-sv"),
        Export("target-comparison-csv", "/targets.csv", (ORGANISATION, TARGET_TITLE)),
        Export("target-matrix-csv", "/targets/matrix.csv?dialect=excel-sv", (ORGANISATION,)),
        Export("fee-list-csv", f"{a}/fees/2025.csv", (ORGANISATION, OVERRIDE_REASON)),
        Export("fee-list-xlsx", f"{a}/fees/2025.xlsx", (ORGANISATION, OVERRIDE_REASON)),
        Export("survey-status-csv", f"{a}/{s}/status.csv", (ORGANISATION,)),
        Export("survey-statistics-csv", f"{a}/{s}/statistics.csv", (QUESTION, CHOICE)),
        Export(
            "survey-xlsx",
            f"/o/9102/{s}/questionnaire.xlsx",
            (ORGANISATION, SURVEY_TITLE, QUESTION, CHOICE, TEXT_ANSWER, TABLE_ANSWER),
        ),
        Export(
            "survey-report-xlsx",
            f"{a}/reports/2025/report.xlsx",
            (QUESTION, CHOICE, PUBLISHED_SOURCE),
        ),
        Export(
            "survey-report-internal-xlsx",
            f"{a}/reports/2025/internal/report.xlsx",
            (ORGANISATION, QUESTION, CHOICE, TEXT_ANSWER, SUBMITTER),
        ),
        Export("membership-test-results-csv", f"{a}/{t}/membership-test.csv", (ORGANISATION,)),
        Export("measure-register-csv", "/o/9102/measures.csv", (MEASURE_TITLE, MEASURE_SOURCE)),
        Export("contracts-compare-csv", f"/contracts/compare.csv?{targets}", contract),
        Export(
            "contracts-compare-csv",
            f"/contracts/compare.csv?{targets}&dialect=excel-sv",
            contract,
        ),
        Export("contracts-compare-xlsx", f"/contracts/compare.xlsx?{targets}", contract),
        Export("contracts-coverage-csv", "/contracts/coverage.csv", (ORGANISATION,)),
        Export("contracts-coverage-xlsx", "/contracts/coverage.xlsx?year=2024", (ORGANISATION,)),
        Export("contract-coverage-csv", "/o/9102/contracts/2024/coverage.csv"),
        Export(
            "measure-register-csv",
            "/o/9102/measures.csv?dialect=excel-sv",
            (MEASURE_TITLE, MEASURE_SOURCE),
        ),
        Export("organisation-budget-csv", "/o/9102/budget/2026.csv?current_year=2026"),
        Export("organisation-budget-gap-csv", "/o/9102/budget/2026/gap.csv?current_year=2026"),
        Export(
            "organisation-budget-wedges-csv",
            "/o/9102/budget/2026/wedges.csv?current_year=2026&dialect=excel-sv",
        ),
        Export(
            "follow-up-csv",
            "/o/9102/follow-up/2025-q2.csv",
            (MEASURE_TITLE, FOLLOW_UP_COMMENT),
        ),
        Export(
            "investment-plan-csv",
            f"/o/9102/investments/{ids.plan}/lines.csv?dialect=excel-sv",
            (INVESTMENT_TITLE,),
        ),
        Export(
            "investment-plan-coverage-csv",
            f"/o/9102/investments/{ids.plan}/coverage.csv?current_year=2026",
            (INVESTMENT_PLAN_TITLE,),
        ),
        Export(
            "investment-plan-cumulative-csv",
            f"/o/9102/investments/{ids.plan}/cumulative.csv?current_year=2026&dialect=excel-sv",
            (INVESTMENT_PLAN_TITLE,),
        ),
        Export(
            "investment-plan-lines-xlsx",
            f"/o/9102/investments/{ids.plan}/lines.xlsx",
            (INVESTMENT_TITLE,),
        ),
        Export("investment-plan-template-xlsx", "/o/9102/investments/template.xlsx"),
        Export("investment-plan-funding-csv", f"/o/9102/investments/{ids.plan}/funding.csv"),
        Export(
            "investment-plan-funding-csv",
            f"/o/9102/investments/{ids.plan}/funding.csv?dialect=excel-sv",
        ),
        Export(
            "investment-plan-xlsx",
            f"/o/9102/investments/{ids.plan}/plan.xlsx",
            (ORGANISATION, INVESTMENT_TITLE),
        ),
        Export(
            "investment-plan-netzerocities-csv",
            f"/o/9102/investments/{ids.plan}/netzerocities.csv?dialect=excel-sv",
            (INVESTMENT_TITLE,),
        ),
        Export("quota-list-csv", "/o/9102/quotas.csv", (QUOTA_UNIT,)),
        Export("quota-list-csv", "/o/9102/quotas.csv?year=2026&dialect=excel-sv", (QUOTA_UNIT,)),
        Export(
            "association-budgets-csv", f"{a}/budget/2026.csv?current_year=2026", (ORGANISATION,)
        ),
        Export(
            "region-budgets-csv",
            "/o/91/budget/2026/members.csv?current_year=2026&dialect=excel-sv",
            (ORGANISATION,),
        ),
        Export(
            "association-investments-csv",
            f"{a}/investments/2025.csv?dialect=excel-sv",
            (ORGANISATION,),
        ),
        Export("region-investments-csv", "/o/91/investments/2025/members.csv", (ORGANISATION,)),
        Export("association-reporting-csv", f"{a}/reporting.csv", (ORGANISATION,)),
        Export("association-reporting-csv", f"{a}/reporting.csv?dialect=excel-sv", (ORGANISATION,)),
        Export("nowcast-backtest-csv", "/method/nowcast.csv?dialect=excel-sv"),
        Export("open-data-table", "/open-data/organisations.csv", (ORGANISATION,)),
        Export("open-data-table", "/open-data/metrics.csv", (ORGANISATION,)),
        Export("open-data-table", "/open-data/targets.csv", (TARGET_TITLE,)),
        Export("open-data-table", "/open-data/measures.csv", (MEASURE_TITLE, MEASURE_SOURCE)),
        Export(
            "open-data-table",
            "/open-data/contract_sections.csv",
            (CONTRACT_SECTION, CONTRACT_OLD_SECTION),
        ),
        Export(
            "follow-up-xlsx",
            "/o/9102/follow-up/2025-q2.xlsx",
            (ORGANISATION, MEASURE_TITLE, FOLLOW_UP_COMMENT),
        ),
        Export("energy-csv", "/o/9102/energy.csv?year=2025", (ENERGY_SOURCE,)),
        Export(
            "energy-covenant-xlsx",
            "/o/9102/energy/covenant-of-mayors.xlsx?year=2025",
            (ORGANISATION, TARGET_TITLE, MEASURE_TITLE),
        ),
        Export(
            "contract-compare-csv",
            "/o/9102/contracts/2025/compare.csv?with=2024&dialect=excel-sv",
            (CONTRACT_OLD_SECTION, CONTRACT_SECTION),
        ),
    ]


def operations(ids: Ids) -> list[Export]:
    survey, test = ids.survey, ids.test
    csv_operations = [
        Export("list_organisations", "/api/organisations?format=csv", (ORGANISATION,)),
        Export("organisation_emissions", "/api/organisations/9102/emissions?format=csv"),
        Export("organisation_sectors", "/api/organisations/9102/sectors?format=csv"),
        Export("organisation_pathways", "/api/organisations/9102/pathways?format=csv"),
        Export("all_metrics", "/api/metrics?format=csv", (ORGANISATION,)),
        Export(
            "list_targets",
            "/api/organisations/9102/targets?format=csv",
            (TARGET_TITLE, TARGET_QUOTE, TARGET_NOTES),
        ),
        Export(
            "target_comparison",
            "/api/targets/comparison?format=csv",
            (ORGANISATION, TARGET_TITLE),
        ),
        Export("target_matrix", "/api/targets/matrix?format=csv", (ORGANISATION,)),
        Export(
            "target_association",
            f"/api/targets/association?association={ASSOCIATION}&format=csv",
            (ORGANISATION,),
        ),
        Export(
            "association_fees",
            f"/api/associations/{ASSOCIATION}/fees?year=2025&format=csv",
            (ORGANISATION, OVERRIDE_REASON),
        ),
        Export("survey_status", f"/api/surveys/{survey}/status?format=csv", (ORGANISATION,)),
        Export("survey_statistics", f"/api/surveys/{survey}/statistics?format=csv", (QUESTION,)),
        Export(
            "membership_test_results",
            f"/api/surveys/{test}/membership-test?format=csv",
            (ORGANISATION,),
        ),
        Export("organisation_budget", "/api/organisations/9102/budget/2026?format=csv"),
        Export(
            "contract_comparison",
            "/api/contracts/compare?subject=municipality.targets&year=2024&format=csv",
            (ORGANISATION, CONTRACT_SECTION),
        ),
        Export("contract_coverage", "/api/contracts/coverage?format=csv", (ORGANISATION,)),
        Export(
            "organisation_budget_gap",
            "/api/organisations/9102/budget/2026/gap?current_year=2026&format=csv",
        ),
        Export(
            "association_budgets",
            f"/api/associations/{ASSOCIATION}/budget/2026?current_year=2026&format=csv",
            (ORGANISATION,),
        ),
        Export(
            "investment_plan_netzerocities",
            f"/api/investment-plans/{ids.plan}/netzerocities?format=csv",
            (INVESTMENT_TITLE,),
        ),
        Export(
            "region_budgets",
            "/api/organisations/91/budget/2026/members?current_year=2026&format=csv",
            (ORGANISATION,),
        ),
        Export(
            "compare_contracts",
            f"/api/contracts/{ids.contract}/compare?with={ids.earlier_contract}&format=csv",
            (CONTRACT_OLD_SECTION, CONTRACT_SECTION),
        ),
        Export(
            "association_investments",
            f"/api/associations/{ASSOCIATION}/investment-plans/2025?format=csv",
            (ORGANISATION,),
        ),
        Export(
            "region_investments",
            "/api/organisations/00/investment-plans/2025/members?format=csv",
            (ORGANISATION,),
        ),
        Export("inventory", "/api/organisations/9102/inventory?year=2022&format=csv"),
        Export("energy_uses", "/api/organisations/9102/energy?format=csv", (ENERGY_SOURCE,)),
    ]
    json_twins = [
        Export(e.name, e.url.replace("format=csv", "format=json"), e.carries)
        for e in csv_operations
    ]
    questionnaire = Export(
        "download_questionnaire",
        f"/api/surveys/{survey}/responses/9102/xlsx",
        (ORGANISATION, QUESTION, TEXT_ANSWER),
    )
    follow_up = Export(
        "download_workbook",
        "/api/organisations/9102/follow-up/2025/2/workbook",
        (ORGANISATION, MEASURE_TITLE, FOLLOW_UP_COMMENT),
    )
    investment_workbooks = [
        Export(
            "investment_plan_workbook",
            f"/api/investment-plans/{ids.plan}/workbook",
            (ORGANISATION, INVESTMENT_TITLE),
        ),
        Export(
            "investment_lines_workbook",
            f"/api/organisations/9102/investment-plans/{ids.plan}/lines-workbook",
            (INVESTMENT_TITLE,),
        ),
        Export(
            "investment_lines_template", "/api/organisations/9102/investment-plans/lines-template"
        ),
    ]
    netzerocities = [
        Export(
            "organisation_netzerocities",
            f"/api/organisations/9102/netzerocities?year=2025&format={each}",
            (ORGANISATION, MEASURE_TITLE, INVESTMENT_TITLE),
        )
        for each in ("xlsx", "docx")
    ]
    reports = [
        Export(
            "inventory", "/api/organisations/9102/inventory?year=2022&format=xlsx", (ORGANISATION,)
        ),
        *(
            Export(
                "cdp_iclei_track",
                f"/api/organisations/9102/cdp-iclei-track?year=2022&format={fmt}",
                CDP_CARRIES,
            )
            for fmt in ("xlsx", "json")
        ),
    ]
    registered = [
        Export(
            "organisation_export",
            "/api/organisations/9102/exports/measures?format=xlsx",
            (MEASURE_TITLE, MEASURE_SOURCE),
        ),
        Export("platform_export", "/api/exports/metrics?format=xlsx", (ORGANISATION,)),
    ]
    return [
        *csv_operations,
        *json_twins,
        questionnaire,
        follow_up,
        *investment_workbooks,
        *netzerocities,
        *reports,
        *registered,
    ]


#: The CDP-ICLEI Track report names the organisation, its targets and its measures.
CDP_CARRIES = (ORGANISATION, TARGET_TITLE, MEASURE_TITLE, "=1+1")


CLI_EXPORTS = {
    "metrics": (ORGANISATION,),
    "target-comparison": (ORGANISATION, TARGET_TITLE),
    "measures": (MEASURE_TITLE, MEASURE_SOURCE),
    "quotas": (QUOTA_UNIT,),
    "budget": (),
    "nowcast-backtest": (ORGANISATION,),
    "investment-plan": (INVESTMENT_TITLE,),
    "contract": (ORGANISATION, CONTRACT_SECTION, MEASURE_TITLE),
    "netzerocities": (ORGANISATION, MEASURE_TITLE, INVESTMENT_TITLE),
    "inventory": (),
    "cdp": CDP_CARRIES,
    "covenant": (ORGANISATION, TARGET_TITLE, MEASURE_TITLE),
    "run": (MEASURE_TITLE, MEASURE_SOURCE),  # every registered exporter: test_registered_exports
    "open-data": (ORGANISATION, TARGET_TITLE, MEASURE_TITLE, MEASURE_SOURCE, CONTRACT_SECTION),
}
#: The CLI exports that write a folder of CSV files (checked together, not per format).
FOLDER_EXPORTS = {"open-data"}
#: The formats of the CLI exports that are no tables (default: every table format).
CLI_FORMATS = {
    "contract": ("json", "docx"),
    "netzerocities": ("xlsx", "docx"),
    "inventory": ("csv", "json", "xlsx"),
    "cdp": ("xlsx", "json"),
    "covenant": ("xlsx",),
    "run": ("csv", "xlsx", "json"),
}
#: What the tables of a document carry (a section's title is a heading, not a cell).
DOCUMENT_CARRIES = {
    "contract": (ORGANISATION, MEASURE_TITLE),
    "netzerocities": (ORGANISATION, MEASURE_TITLE, INVESTMENT_TITLE),
}
#: The arguments each CLI export needs beyond its format (default: a current year).
CLI_ARGUMENTS = {
    "measures": ["--organisation", "9102"],
    "quotas": ["--organisation", "9102", "--year", "2026"],
    "budget": ["--organisation", "9102", "--year", "2026", "--current-year", "2026"],
    "nowcast-backtest": [],
    "investment-plan": ["--organisation", "9102", "--year", "2025"],
    "contract": ["--organisation", "9102", "--year", "2025"],
    "netzerocities": ["--organisation", "9102", "--year", "2025"],
    "inventory": ["--organisation", "9102", "--year", "2022"],
    "cdp": ["--organisation", "9102", "--year", "2022"],
    "covenant": ["--organisation", "9102", "--year", "2025"],
    "run": ["measures", "--organisation", "9102"],
}


def looks_like_a_formula(text: str) -> bool:
    """The test's own, independent idea of a cell a spreadsheet would run."""
    stripped = text.lstrip()
    return text.startswith(FORMULA_CHARACTERS) or stripped.startswith(("=", "+", "-", "@"))


def is_number(text: str) -> bool:
    try:
        Decimal(text.replace(",", "."))
    except ArithmeticError:
        return False
    return True


def check_csv(content: bytes, carries: tuple[str, ...]) -> None:
    text = content.decode("utf-8-sig")
    delimiter = ";" if text.split("\r\n", 1)[0].count(";") else ","
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    runnable = [c for c in cells if looks_like_a_formula(c) and not is_number(c)]
    assert runnable == []
    for value in carries:
        assert any(cell.startswith("'") and value in cell for cell in cells), (
            value,
            [r for r in text.splitlines() if "9102" in r],
        )


def check_xlsx(content: bytes, carries: tuple[str, ...]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    for value in carries:
        assert any(value in text for text in texts), value
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.lstrip().startswith(FORMULA_CHARACTERS):
            assert cell.quotePrefix, cell.coordinate  # Excel keeps it text when edited


def json_values(data: object) -> list[object]:
    if isinstance(data, dict):
        return [v for value in data.values() for v in json_values(value)]
    if isinstance(data, list):
        return [v for item in data for v in json_values(item)]
    return [data]


def check_json(content: bytes, carries: tuple[str, ...]) -> None:
    values = json_values(json.loads(content))
    for value in carries:
        assert value in values, value  # exactly as written, not escaped


def check_docx(content: bytes, carries: tuple[str, ...]) -> None:
    import docx

    document = docx.Document(io.BytesIO(content))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert [c for c in cells if looks_like_a_formula(c) and not is_number(c)] == []
    for value in carries:
        assert any(cell.startswith("'") and value in cell for cell in cells), value


def check(content: bytes, content_type: str, carries: tuple[str, ...]) -> None:
    if content_type == DOCX:
        check_docx(content, carries)
    elif content_type.startswith("text/csv"):
        check_csv(content, carries)
    elif content_type == XLSX:
        check_xlsx(content, carries)
    else:
        assert content_type.startswith("application/json"), content_type
        check_json(content, carries)


@pytest.fixture
def hostile_data(users, django_user_model):
    """Hostile text in every exported text field, put there the way users put it."""
    from klimatlaget.accounts.actors import command_line
    from klimatlaget.demo.association import EXAMPLE_TARGETS, load_memberships
    from klimatlaget.energy.models import EnergyUse
    from klimatlaget.fees.services import set_fee_override, set_fee_rule
    from klimatlaget.followup import services as follow_up
    from klimatlaget.investments import services as investments
    from klimatlaget.measures.models import EmissionQuota, Measure, QuotaOutcome
    from klimatlaget.surveys.blueprints import definition
    from klimatlaget.surveys.building import create_survey
    from klimatlaget.surveys.published import add_figure
    from klimatlaget.targets.imports import import_targets
    from klimatlaget.targets.models import Target

    association = load_memberships(example=True).association
    import_targets(EXAMPLE_TARGETS, actor=command_line())
    member = Organisation.objects.get(code="9102")
    Organisation.objects.filter(pk=member.pk).update(name=ORGANISATION)
    member.refresh_from_db()
    Target.objects.filter(organisation=member).update(
        title=TARGET_TITLE, quote=TARGET_QUOTE, notes=TARGET_NOTES
    )
    set_fee_rule(
        command_line(),
        association,
        2020,
        fixed_sek=Decimal(1000),
        per_inhabitant_sek=Decimal(1),
        max_inhabitants=None,
    )
    set_fee_override(
        command_line(), association, member, 2025, reason=OVERRIDE_REASON, amount_sek=Decimal(5)
    )
    kansli = users["kansli"]
    kansli.username = SUBMITTER  # the report names who submitted by user name
    kansli.save()

    survey = create_survey(association, 2025, "klimatlaget", DEFINITION)
    test = create_survey(association, 2025, "membership_test", definition("membership_test", 2025))
    for each in (survey, test):
        each.state = SurveyState.OPEN
        each.save()
    response = services.start_response(kansli, survey, member)
    answers = {
        "kind": "a",
        "comment": TEXT_ANSWER,
        "budget": -5,
        "measures": [{"name": TABLE_ANSWER}],
    }
    services.save_answers(kansli, response, answers)
    services.submit(kansli, response)
    services.start_response(kansli, test, member)
    figure = {"year": 2024, "kind": "respondents", "value": 45, "source": PUBLISHED_SOURCE}
    add_figure(command_line(), association, figure)
    Measure.objects.create(
        organisation=member,
        code="=1+1",
        title=MEASURE_TITLE,
        sector="Transporter",
        type="technical",
        source=MEASURE_SOURCE,
    )
    period = follow_up.prepare_period(command_line(), member, 2025, 2)
    report = period.measure_reports.get(measure_code="=1+1")
    follow_up.report_on_measure(command_line(), report, {"comment": FOLLOW_UP_COMMENT})
    quota = EmissionQuota.objects.create(
        organisation=member, unit=QUOTA_UNIT, year=2026, quota_t=100
    )
    QuotaOutcome.objects.create(quota=quota, quarter=1, outcome_t=30, entered_by_label="x")
    plan = investments.create_plan(
        command_line(),
        member,
        {"year": 2025, "horizon_from": 2024, "horizon_to": 2030, "title": INVESTMENT_PLAN_TITLE},
    )
    investments.create_line(
        command_line(),
        plan,
        {
            "title": INVESTMENT_TITLE,
            "actor": "municipality",
            "capex_by_year": {"2026": 1_000_000},
            "lifetime_years": 20,
            "funding_source": "own_budget",
            "funding_status": "decided",
            "sector": "Transporter",
        },
    )
    EnergyUse.objects.create(
        organisation=member,
        year=2025,
        sector="houses",
        carrier="electricity",
        mwh=1000,
        source=ENERGY_SOURCE,
    )
    earlier, contract = _hostile_contract(member)
    return Ids(survey.pk, test.pk, plan.pk, contract, earlier)


def _hostile_contract(member: Organisation) -> tuple[int, int]:
    """A signed contract of 2024 and a draft of 2025 with hostile section titles, the draft's
    linked to the hostile measure: their ids. The signed one also has an unnumbered section whose
    title is hostile (so that the comparison's list of section titles begins with it)."""
    from klimatlaget.accounts.actors import command_line
    from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
    from klimatlaget.contracts import services as contracts
    from klimatlaget.measures.models import Measure

    old = ParsedContract(
        sections=[
            ParsedSection("", CONTRACT_SECTION, "Text", "municipality.targets"),
            ParsedSection("1", CONTRACT_OLD_SECTION, "Text.", "purpose"),
        ]
    )
    earlier = contracts.store_parsed(command_line(), member, 2024, old)
    signed = {"status": "signed", "signed_on": "2024-05-01"}
    contracts.update_contract(command_line(), earlier, signed)
    parsed = ParsedContract(sections=[ParsedSection("1", CONTRACT_SECTION, "Text.", "purpose")])
    contract = contracts.store_parsed(command_line(), member, 2025, parsed)
    measure = Measure.objects.get(organisation=member, title=MEASURE_TITLE)
    section = contract.sections.get()
    contracts.add_link(command_line(), section, {"kind": "measure", "object_id": measure.pk})
    return earlier.pk, contract.pk


def _url_names() -> set[str]:
    """The page URLs that answer a file: names of patterns ending .csv or .xlsx."""

    def walk(patterns: list, prefix: str = "") -> list[tuple[str, str | None]]:
        found = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                found += walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                found.append((prefix + str(pattern.pattern), pattern.name))
        return found

    return {
        name
        for route, name in walk(get_resolver().url_patterns)
        if route.endswith((".csv", ".xlsx"))
    }


def _file_operations() -> set[str]:
    """The API operations that answer a file, or offer a ``format``, by their declarations."""
    names = set()
    for methods in api.get_openapi_schema()["paths"].values():
        for operation in methods.values():
            parameters = {p["name"] for p in operation.get("parameters", [])}
            types = {
                content_type
                for answer in operation["responses"].values()
                for content_type in answer.get("content", {})
            }
            if "format" in parameters or types & {"text/csv", XLSX}:
                names.add(operation["operationId"])
    return names


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(actions[0].choices) if actions else {}


def _cli_exports() -> set[str]:
    """The kinds of ``klimatlaget export``."""
    return set(_subcommands(_subcommands(build_parser())["export"]))


def test_every_export_is_checked(hostile_data):
    listed_pages = {e.name for e in pages(hostile_data)}
    listed_operations = {e.name for e in operations(hostile_data)}
    assert _url_names() == listed_pages, "every page export is checked, and only those"
    found = _file_operations()  # operation ids are the module and the function's name
    unchecked = {o for o in found if not any(o.endswith("_" + n) for n in listed_operations)}
    assert unchecked == set(), "an API export is not checked for formula injection"
    gone = {n for n in listed_operations if not any(o.endswith("_" + n) for o in found)}
    assert gone == set(), "a listed API export no longer declares a file or a format"
    assert _cli_exports() == set(CLI_EXPORTS), "every CLI export is checked, and only those"


def test_no_export_writes_a_formula(client, users, hostile_data):
    client.force_login(users["kansli"])
    for export in [*pages(hostile_data), *operations(hostile_data)]:
        response = client.get(export.url)
        assert response.status_code == 200, (export.url, response.content[:300])
        check(response.content, response["Content-Type"], export.carries)


TABLE_FORMATS = ("csv", "csv-excel-sv", "xlsx", "json")


@pytest.mark.parametrize(
    ("command", "table_format"),
    [
        (c, f)
        for c in sorted(set(CLI_EXPORTS) - FOLDER_EXPORTS)
        for f in CLI_FORMATS.get(c, TABLE_FORMATS)
    ],
)
def test_no_cli_export_writes_a_formula(hostile_data, tmp_path, command, table_format):
    output = tmp_path / f"out.{table_format}"
    arguments = ["export", command, "--format", table_format, "--output", str(output)]
    assert main([*arguments, *CLI_ARGUMENTS.get(command, ["--current-year", "2026"])]) == 0
    types = {
        "csv": "text/csv",
        "csv-excel-sv": "text/csv",
        "xlsx": XLSX,
        "json": "application/json",
        "docx": DOCX,
    }
    carries = CLI_EXPORTS[command]
    if table_format == "docx":
        carries = DOCUMENT_CARRIES[command]
    check(output.read_bytes(), types[table_format], carries)


@pytest.mark.parametrize("table_format", ["csv", "csv-excel-sv", "xlsx", "json"])
def test_the_netzerocities_layout_writes_no_formula(hostile_data, tmp_path, table_format):
    output = tmp_path / f"out.{table_format}"
    arguments = ["export", "investment-plan", "--layout", "netzerocities"]
    arguments += ["--organisation", "9102", "--year", "2025", "--format", table_format]
    assert main([*arguments, "--output", str(output)]) == 0
    types = {"xlsx": XLSX, "json": "application/json"}
    check(output.read_bytes(), types.get(table_format, "text/csv"), (INVESTMENT_TITLE,))


def test_the_open_data_package_writes_no_formula(hostile_data, tmp_path):
    assert main(["export", "open-data", str(tmp_path)]) == 0
    tables = sorted(tmp_path.glob("*.csv"))
    assert len(tables) == 7
    for table in tables:
        check(table.read_bytes(), "text/csv", ())
    cells = [
        cell
        for table in tables
        for row in csv.reader(io.StringIO(table.read_text(encoding="utf-8")))
        for cell in row
    ]
    for value in CLI_EXPORTS["open-data"]:
        assert any(cell.startswith("'") and value in cell for cell in cells), value
