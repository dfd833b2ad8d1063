"""The NetZeroCities tables of the example dataset's Strandhamn (9102), 2025, written as a
workbook and a Word document and read back: the action outlines against the example measures,
the indicators against the example indicators, the cost summary against the investment plan;
drafts only for the organisation's editors; by the registry, the API and the command line."""

import csv
import io

import docx
import openpyxl
import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from klimatlaget.accounts.actors import command_line
from klimatlaget.cli.main import main
from klimatlaget.demo.investments import EXAMPLE_LINES
from klimatlaget.demo.measures import EXAMPLE_INDICATORS, EXAMPLE_MEASURES
from klimatlaget.exports.registry import ExportFormat, ExportRequest, available_to, run_export
from klimatlaget.investments import netzerocities as cost_summary
from klimatlaget.investments.figures import plan_figures
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures import plans
from klimatlaget.measures import services as measures
from klimatlaget.netzerocities.exporters import NETZEROCITIES
from klimatlaget.netzerocities.report import (
    ACTION_COLUMNS,
    INDICATOR_COLUMNS,
    METADATA_COLUMNS,
)

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
SHEETS = [
    "About",
    "B-2 Action outlines",
    "B-3 Indicators",
    "B-3 Indicator metadata",
    "C-3 Investment summary",
]
#: A line that only version 2 of Strandhamn's investment plan (a draft) has.
DRAFT_LINE = "Vätgasstation för tung trafik i hamnen"
API = "/api/organisations/9102/netzerocities?year=2025"


def _csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["organisation"] == "9102"]


def _number(text):
    return float(text) if text else None


def _write(reader, file_format=ExportFormat.XLSX, organisation=None, year=2025):
    with translation.override("en"):
        request = ExportRequest(file_format, organisation, year, reader=reader)
        return run_export(reader or AnonymousUser(), NETZEROCITIES, request)


def _headings(columns):
    with translation.override("en"):
        return [column.heading for column in columns]


def _sheets(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    tables = {}
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        if sheet.title == "About":
            tables[sheet.title] = {row[0]: row[1] for row in rows[1:]}
        else:
            tables[sheet.title] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return book.sheetnames, tables


def test_the_workbook_has_a_sheet_per_table_with_the_example_measures(strandhamn):
    written = _write(None, organisation=strandhamn)
    assert written.file_name == "netzerocities-9102-2025.xlsx"
    names, tables = _sheets(written.content)
    assert names == SHEETS
    about = tables["About"]
    assert (about["Code"], about["Year"], about["Drafts included"]) == ("9102", 2025, "No")
    assert about["Investment plan"] == "Klimatinvesteringsplan för Strandhamn 2025 v1"
    actions = {row["Code"]: row for row in tables["B-2 Action outlines"]}
    assert list(tables["B-2 Action outlines"][0]) == _headings(ACTION_COLUMNS)
    expected = _csv(EXAMPLE_MEASURES)
    assert set(actions) == {row["code"] for row in expected}
    for row in expected:
        action = actions[row["code"]]
        assert action["Action"] == row["title"]
        assert action["Responsible"] == row["responsible"]
        assert (action["Start year"], action["End year"]) == (
            int(row["start_year"]),
            int(row["end_year"]),
        )
        assert action["Emission reduction (t CO₂e a year)"] == _number(row["expected_reduction_t"])
        assert action["Energy saved (MWh a year)"] == _number(row["energy_saved_mwh"])
        assert action["Renewable energy produced (MWh a year)"] == _number(row["renewable_mwh"])
        assert action["Stakeholders involved"] is None  # the example names no partners
    # Mapped: sector → field of action, type → kind of action; not mapped: left empty.
    assert (actions["T1"]["Field of action"], actions["T1"]["Type of action"]) == (
        "Mobility and transport",
        "Governance and policy",  # procurement
    )
    assert actions["E1"]["Field of action"] == "Energy systems"
    assert actions["V1"]["Type of action"] == "Technology and infrastructure"
    assert actions["A1"]["Field of action"] is None  # working machinery spans several fields
    # T1's line: capex 3 × 15 000 000 and opex 4 × 1 500 000 to finance; annually
    # 45 000 000 × 0.103484 (12 years at 3.5 %) + 1 500 000 − 4 000 000 = 2 156 780 SEK for
    # 1 800 t: 1 198 SEK a tonne.
    assert (actions["T1"]["Cost (SEK)"], actions["T1"]["Cost per tonne (SEK per t CO₂e)"]) == (
        51_000_000,
        1198,
    )
    assert actions["T1"]["Cost from"] == "investment plan"
    # T3 has no line in the plan: its own budget, and no cost per tonne.
    assert (actions["T3"]["Cost (SEK)"], actions["T3"]["Cost from"]) == (
        22_000_000,
        "measure's budget",
    )
    assert actions["T3"]["Cost per tonne (SEK per t CO₂e)"] is None
    # T4 has neither: nothing is made up.
    assert (actions["T4"]["Cost (SEK)"], actions["T4"]["Cost from"]) == (None, None)


def test_the_indicator_tables_follow_the_example_indicators(strandhamn):
    _names, tables = _sheets(_write(None, organisation=strandhamn).content)
    overview = {row["Indicator"]: row for row in tables["B-3 Indicators"]}
    metadata = {row["Indicator"]: row for row in tables["B-3 Indicator metadata"]}
    assert list(tables["B-3 Indicators"][0]) == _headings(INDICATOR_COLUMNS)
    assert list(tables["B-3 Indicator metadata"][0]) == _headings(METADATA_COLUMNS)
    specs = [spec for spec in EXAMPLE_INDICATORS if spec.organisation == "9102"]
    assert set(overview) == set(metadata) == {spec.name for spec in specs}
    for spec in specs:
        row, facts = overview[spec.name], metadata[spec.name]
        assert (row["Unit"], facts["Unit"]) == (spec.unit, spec.unit)
        assert facts["Definition"] == "Fictional example indicator."
        assert row["Linked actions"] == ("; ".join(spec.measures) or None)
        targets = {int(year): value for year, value in spec.target_values.items()}
        ahead = [year for year in targets if year >= 2025]
        if ahead:
            assert (row["Target year"], row["Target"]) == (min(ahead), targets[min(ahead)])
        else:
            assert (row["Target year"], row["Target"]) == (None, None)
        if spec.quarters:  # entered by hand every quarter of 2024 and 2025
            assert (row["Baseline (first value)"], row["Baseline period"]) == (
                spec.quarters[0],
                "2024 Q1",
            )
            assert (row["Latest value"], row["Latest period"]) == (spec.quarters[-1], "2025 Q4")
            assert (facts["Data source"], facts["Frequency"]) == (
                "Entered by the organisation",
                "Quarterly",
            )
        else:
            assert facts["Frequency"] == "Yearly"
    fleet = "Andel fossilfria fordon i kommunens fordonsflotta"
    assert overview[fleet]["Field of action"] == "Mobility and transport"
    assert metadata[fleet]["Responsible"] == "Tekniska nämnden; Fastighetsförvaltningen"
    transport = overview["Utsläpp från transporter"]
    assert (transport["Baseline period"], transport["Latest period"]) == ("1990", "2023")
    assert metadata["Utsläpp från transporter"]["Data source"] == "SMHI's emission statistics"
    # Per inhabitant needs the population, which the example's 9102 has from no year: empty.
    assert overview["Utsläpp per invånare"]["Latest value"] is None


def test_the_cost_summary_is_the_adopted_investment_plans(strandhamn):
    _names, tables = _sheets(_write(None, organisation=strandhamn).content)
    summary = tables["C-3 Investment summary"]
    adopted = InvestmentPlan.objects.get(organisation=strandhamn, year=2025, version_number=1)
    with translation.override("en"):
        expected = cost_summary.rows(plan_figures(adopted))
    headings = _headings(cost_summary.COLUMNS)
    assert list(summary[0]) == headings
    assert len(summary) == len(_csv(EXAMPLE_LINES)) == len(expected)
    for row, wanted in zip(summary, expected, strict=True):
        assert list(row.values()) == [wanted[c.key] for c in cost_summary.COLUMNS]
    assert DRAFT_LINE not in {row["Action"] for row in summary}


def test_the_word_document_has_the_same_tables(strandhamn):
    written = _write(None, ExportFormat.DOCX, strandhamn)
    assert written.file_name == "netzerocities-9102-2025.docx"
    document = docx.Document(io.BytesIO(written.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == SHEETS[1:]
    facts, actions, indicators, metadata, summary = (
        [[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
    )
    assert ["Drafts included", "No"] in facts
    assert actions[0] == _headings(ACTION_COLUMNS)
    by_code = {row[0]: dict(zip(actions[0], row, strict=True)) for row in actions[1:]}
    assert len(by_code) == len(_csv(EXAMPLE_MEASURES))
    assert by_code["T1"]["Cost (SEK)"] == "51,000,000"
    assert by_code["T1"]["Cost per tonne (SEK per t CO₂e)"] == "1,198"
    assert by_code["T1"]["Start year"] == "2024"  # a year, not 2,024
    assert by_code["T1"]["Emission reduction (t CO₂e a year)"] == "1,800.0"
    assert by_code["T4"]["Cost (SEK)"] == ""
    assert len(indicators) - 1 == len(metadata) - 1 == 6
    assert len(summary) - 1 == len(_csv(EXAMPLE_LINES))


@pytest.fixture
def draft_plan(strandhamn, users):
    """A draft action plan of Strandhamn with one measure."""
    plan = plans.create_plan(
        users["alice"], strandhamn, {"title": "Klimatprogram 2031–2040", "status": "draft"}
    )
    measures.create_measure(
        users["alice"],
        strandhamn,
        {
            "code": "D1",
            "title": "Drafted measure",
            "sector": "Transporter",
            "type": "technical",
            "plan_id": plan.pk,
        },
    )
    return plan


@pytest.mark.parametrize(
    ("reader", "sees"),
    [(None, False), ("nobody", False), ("bob", False), ("lasare", False), ("alice", True)],
)
def test_drafts_only_for_the_organisations_editors(strandhamn, users, draft_plan, reader, sees):
    written = _write(users[reader] if reader else None, organisation=strandhamn)
    _names, tables = _sheets(written.content)
    codes = {row["Code"] for row in tables["B-2 Action outlines"]}
    lines = {row["Action"] for row in tables["C-3 Investment summary"]}
    version = "v2" if sees else "v1"
    assert tables["About"]["Investment plan"].endswith(version)
    assert tables["About"]["Drafts included"] == ("Yes" if sees else "No")
    assert ("D1" in codes, DRAFT_LINE in lines) == (sees, sees)
    assert "T1" in codes


def test_the_command_line_writes_drafts_too(strandhamn, draft_plan, tmp_path):
    output = tmp_path / "nzc.xlsx"
    arguments = ["export", "netzerocities", "--organisation", "9102", "--year", "2025"]
    assert main([*arguments, "--format", "xlsx", "--output", str(output)]) == 0
    names, tables = _sheets(output.read_bytes())
    assert len(names) == len(SHEETS)
    codes = {row[next(iter(row))] for row in tables[names[1]]}
    assert "D1" in codes and "T1" in codes
    word = tmp_path / "nzc.docx"
    assert main([*arguments, "--format", "docx", "--output", str(word)]) == 0
    assert len(docx.Document(str(word)).tables) == len(SHEETS)
    assert main(["export", "netzerocities", "--organisation", "0000", "--year", "2025"]) == 1


def test_the_api_answers_the_file_with_drafts_for_editors(client, strandhamn, users, draft_plan):
    public = client.get(API, **ENGLISH)
    assert public.status_code == 200
    assert (
        public["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert public["Content-Disposition"] == 'attachment; filename="netzerocities-9102-2025.xlsx"'
    _names, tables = _sheets(public.content)
    assert "D1" not in {row["Code"] for row in tables["B-2 Action outlines"]}
    client.force_login(users["alice"])
    edited = client.get(f"{API}&format=docx", **ENGLISH)
    assert edited.status_code == 200
    assert edited["Content-Type"].endswith("wordprocessingml.document")
    actions = docx.Document(io.BytesIO(edited.content)).tables[1]
    assert "D1" in {row.cells[0].text for row in actions.rows}
    assert client.get("/api/organisations/0000/netzerocities?year=2025").status_code == 404
    assert client.get("/api/organisations/9102/netzerocities").status_code == 422
    assert client.get(f"{API}&format=pdf").status_code == 422


def test_the_exporter_is_registered_for_everyone(strandhamn):
    exporter = next(
        e for e in available_to(AnonymousUser(), strandhamn) if e.name == "netzerocities"
    )
    assert exporter is NETZEROCITIES
    assert (exporter.platform, exporter.formats) == (
        "netzerocities",
        (ExportFormat.XLSX, ExportFormat.DOCX),
    )
    with pytest.raises(ValueError, match="not csv"):
        run_export(command_line(), exporter, ExportRequest(ExportFormat.CSV, strandhamn, 2025))
