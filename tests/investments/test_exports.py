"""A plan's exports: the finance workbook read back with openpyxl, the NetZeroCities cost
summary, the JSON document, their pages and API operations. The plan is the four lines of the
worked example in docs/METHOD.md ("Climate investment plans")."""

import csv
import io
import json

import openpyxl
import pytest
from django.utils import translation
from openpyxl.utils import quote_sheetname

from klimatlaget.investments import netzerocities, services
from klimatlaget.investments.figures import plan_figures, table_rows
from klimatlaget.investments.workbook import LINE_COLUMNS, plan_xlsx
from klimatlaget.measures.choices import SECTORS

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOUSING = "Egen uppvärmning av bostäder och lokaler"

#: Lines B and C of the worked example (A and D are the plan fixture's).
RENOVATION = {
    "title": "Energy renovation",
    "actor": "households",
    "capex_by_year": {"2026": 2_000_000},
    "savings_by_year": {"2027": 150_000},
    "lifetime_years": 20,
    "funding_source": "private_capital",
    "funding_status": "not_decided",
    "sector": HOUSING,
    "reduction_t": 100,
    "effect_year": 2028,
}
BARRIER = {
    "title": "Flood barrier",
    "actor": "municipality",
    "capex_by_year": {"2025": 3_000_000},
    "lifetime_years": 50,
    "funding_source": "state_grant",
    "funding_status": "applied_for",
    "sector": "Arbetsmaskiner",
}


@pytest.fixture
def example(users, plan, bus_measure):
    """The worked example's plan: buses (A), charging points (D), renovation (B), barrier (C);
    the buses' measure runs 2025–2030."""
    bus_measure.start_year, bus_measure.end_year = 2025, 2030
    bus_measure.save()
    services.create_line(users["alice"], plan, RENOVATION)
    services.create_line(users["alice"], plan, BARRIER)
    return plan


@pytest.fixture
def book(example):
    with translation.override("en"):
        content = plan_xlsx(plan_figures(example))
    return openpyxl.load_workbook(io.BytesIO(content))


def _facts(sheet):
    return {row[0]: row[1] for row in sheet.iter_rows(max_col=2, values_only=True) if row[0]}


def _rows_after(sheet, heading):
    """The rows of the table under the row whose first cell is ``heading``."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == heading) + 1
    found = []
    for row in rows[start:]:
        if row[0] is None:
            break
        found.append(row)
    return found


def test_the_workbook_has_its_sheets_in_the_readers_language(book):
    assert book.sheetnames == ["Summary", "Lines", "By year", "NetZeroCities"]
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []  # values, not formulas


def test_the_summary_holds_the_header_and_the_headline_figures(book, example):
    sheet = book["Summary"]
    facts = _facts(sheet)
    assert facts["Organisation code"] == "9102"
    assert (facts["Year"], facts["Version"]) == (2025, 1)
    assert (facts["Status"], facts["Horizon"]) == ("Draft", "2024–2030")
    assert facts["Real discount rate"] == pytest.approx(0.035)
    assert facts["Total capital expenditure (SEK)"] == 16_000_000
    assert facts["The municipality's own investment (SEK)"] == 13_000_000  # A + C
    assert facts["Own share"] == pytest.approx(0.8125)
    assert facts["Funding not decided (SEK)"] == 6_000_000  # B + C + D
    assert facts["Expected reduction (t CO₂e a year)"] == 650
    assert facts["Abatement cost of the plan (SEK/t)"] == pytest.approx(913_377 / 650, abs=0.5)
    assert facts["With the valued co-benefits (SEK/t)"] == pytest.approx(813_377 / 650, abs=0.5)
    shown = {
        row[0].value: row[1].number_format for row in sheet.iter_rows(max_col=2) if row[0].value
    }
    assert shown["Own share"] == "0.0%" and shown["Total capital expenditure (SEK)"] == "#,##0"
    assert _rows_after(sheet, "Investing actor") == [
        ("Households", 2_000_000),
        ("A municipal company", 10_000_000),
        ("The municipality", 3_000_000),
        ("A private company", 1_000_000),
    ]
    assert dict(_rows_after(sheet, "Funding status")) == {
        "Applied for": 4_000_000,
        "Decided": 10_000_000,
        "Not decided": 2_000_000,
    }
    assert sum(value for _, value in _rows_after(sheet, "Sector")) == 16_000_000
    assert sum(value for _, value in _rows_after(sheet, "Funding source")) == 16_000_000


def test_the_summary_charts_the_investment_by_actor_from_its_cells(book):
    sheet = book["Summary"]
    [chart] = sheet._charts
    [series] = chart.series
    heading = next(r for r in sheet.iter_rows(max_col=1) if r[0].value == "Investing actor")[0].row
    name = quote_sheetname("Summary")
    assert series.val.numRef.f == f"{name}!$B${heading + 1}:$B${heading + 4}"
    categories = series.cat.numRef or series.cat.strRef
    assert categories.f == f"{name}!$A${heading + 1}:$A${heading + 4}"


def test_the_lines_sheet_is_the_csvs_rows_with_headings(book, example):
    sheet = book["Lines"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Plan", "Year", "Version", "Line", "Title")
    expected = table_rows(plan_figures(example), plan_figures(example).lines)
    keys = [column.key for column in LINE_COLUMNS]
    assert [dict(zip(keys, row, strict=True)) for row in rows[1:]] == [
        {key: row[key] if row[key] != "" else None for key in keys} for row in expected
    ]
    assert sheet.freeze_panes == "A2" and sheet.print_title_rows == "$1:$1"


def test_by_year_has_the_years_figures_and_a_stacked_chart_of_them(book):
    sheet = book["By year"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Year",
        "Capital expenditure (SEK)",
        "Operating cost (SEK)",
        "Savings (SEK)",
        "Net cost (SEK)",
        "Funding not decided (SEK)",
        "Decided",
        "Applied for",
        "Not decided",
    )
    assert rows[1:4] == [
        (2025, 10_000_000, 0, 0, 10_000_000, 4_000_000, 6_000_000, 4_000_000, 0),
        (2026, 6_000_000, 200_000, 500_000, 5_700_000, 2_000_000, 4_000_000, 0, 2_000_000),
        (2027, 0, 200_000, 850_000, -650_000, 0, 0, 0, 0),
    ]
    [chart] = sheet._charts
    assert (chart.grouping, chart.overlap) == ("stacked", 100)
    name = quote_sheetname("By year")
    assert [s.val.numRef.f for s in chart.series] == [
        f"{name}!$G$2:$G$4",
        f"{name}!$H$2:$H$4",
        f"{name}!$I$2:$I$4",
    ]
    assert [s.tx.strRef.f for s in chart.series] == [f"{name}!G1", f"{name}!H1", f"{name}!I1"]
    assert chart.series[0].cat.numRef.f == f"{name}!$A$2:$A$4"


def test_by_year_has_the_lines_by_years_matrix_with_totals_as_values(book):
    sheet = book["By year"]
    matrix = _rows_after(sheet, "Capital expenditure by line and year (SEK)")
    assert matrix == [
        ("Line", 2025, 2026, "Total", None, None, None, None, None),
        ("Biogas buses", 6_000_000, 4_000_000, 10_000_000, None, None, None, None, None),
        ("Charging points", 1_000_000, 0, 1_000_000, None, None, None, None, None),
        ("Energy renovation", 0, 2_000_000, 2_000_000, None, None, None, None, None),
        ("Flood barrier", 3_000_000, 0, 3_000_000, None, None, None, None, None),
        ("Total", 10_000_000, 6_000_000, 16_000_000, None, None, None, None, None),
    ]


def test_every_sheet_prints_on_a4_across_one_page(book):
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (9, 1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    assert book["Summary"].page_setup.orientation == "landscape"  # the chart beside the table
    assert book["By year"].page_setup.orientation == "landscape"
    assert book["By year"].print_title_rows is None  # the matrix below has its own heading
    assert book["NetZeroCities"].print_title_rows == "$1:$1"


def test_the_netzerocities_rows_against_the_hand_made_plan(example):
    with translation.override("en"):
        rows = netzerocities.rows(plan_figures(example))
        fields = {key: str(label) for key, label in SECTORS}
    shown = [{k: v for k, v in row.items() if k != "line_id"} for row in rows]
    assert shown == [
        {
            "action": "Biogas buses",
            "responsible": "A municipal company",
            "start_year": 2025,  # the measure's
            "end_year": 2030,
            "field": fields["Transporter"],
            "impact_t_co2e_per_year": 500,
            "total_cost_sek": 10_400_000,  # capex 10 Mkr + opex 2 × 200 000
        },
        {
            "action": "Charging points",
            "responsible": "A private company",
            "start_year": 2025,
            "end_year": 2025,
            "field": fields["Transporter"],
            "impact_t_co2e_per_year": 50,
            "total_cost_sek": 1_000_000,
        },
        {
            "action": "Energy renovation",
            "responsible": "Households",
            "start_year": 2026,
            "end_year": 2026,  # the savings of 2027 are no cost
            "field": fields[HOUSING],
            "impact_t_co2e_per_year": 100,
            "total_cost_sek": 2_000_000,
        },
        {
            "action": "Flood barrier",
            "responsible": "The municipality",
            "start_year": 2025,
            "end_year": 2025,
            "field": fields["Arbetsmaskiner"],
            "impact_t_co2e_per_year": None,
            "total_cost_sek": 3_000_000,
        },
    ]


def test_the_netzerocities_sheet_has_the_rows_and_a_total(book, example):
    rows = list(book["NetZeroCities"].iter_rows(values_only=True))
    assert rows[0] == (
        "Line",
        "Action",
        "Responsible",
        "Start year",
        "End year",
        "Field of action",
        "Impact (t CO₂e a year)",
        "Total cost (SEK)",
    )
    assert [row[1] for row in rows[1:5]] == [
        "Biogas buses",
        "Charging points",
        "Energy renovation",
        "Flood barrier",
    ]
    assert rows[5][1:] == ("Total", None, None, None, None, 650, 16_400_000)


def url(plan, tail):
    return f"/o/9102/investments/{plan.pk}/{tail}"


def test_the_plan_page_links_to_its_downloads(client, example):
    page = client.get(url(example, ""), **EN).content.decode()
    for tail in ("plan.xlsx", "netzerocities.csv", "plan.json"):
        assert f'href="{url(example, tail)}"' in page, tail


def test_the_pages_answer_the_workbook_the_csv_and_the_json(client, example):
    response = client.get(url(example, "plan.xlsx"), **EN)
    assert response["Content-Type"] == XLSX
    assert 'filename="9102-investment-plan-2025-v1.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Lines", "By year", "NetZeroCities"]

    response = client.get(url(example, "netzerocities.csv"), **EN)
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == [column.key for column in netzerocities.COLUMNS]
    assert next((r["action"], r["total_cost_sek"]) for r in rows) == ("Biogas buses", "10400000")
    swedish = client.get(url(example, "netzerocities.csv?dialect=excel-sv"))
    assert swedish.content.decode("utf-8-sig").startswith("line_id;action;")

    document = json.loads(client.get(url(example, "plan.json")).content)
    assert document["plan"]["organisation_code"] == "9102"
    assert document["plan"]["version_number"] == 1
    assert document["totals"]["capex_sek"] == 16_000_000
    assert document["totals"]["funding_gap_sek"] == 6_000_000
    assert document["totals"]["capex_by_actor"]["households"] == 2_000_000
    assert document["totals"]["by_year"][1]["net"] == 5_700_000
    assert [line["title"] for line in document["lines"]][:2] == ["Biogas buses", "Charging points"]
    assert document["lines"][0]["sek_per_t"] == 1605  # the worked example's line A


def test_another_organisations_plan_is_not_found_under_this_one(client, example):
    for tail in ("plan.xlsx", "netzerocities.csv", "plan.json"):
        assert client.get(f"/o/9201/investments/{example.pk}/{tail}").status_code == 404


def test_the_api_answers_the_workbook_and_the_netzerocities_rows(client, example):
    response = client.get(f"/api/investment-plans/{example.pk}/workbook", **EN)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Summary"

    rows = client.get(f"/api/investment-plans/{example.pk}/netzerocities", **EN).json()
    assert rows[0]["responsible"] == "A municipal company"
    assert [row["total_cost_sek"] for row in rows] == [10_400_000, 1_000_000, 2_000_000, 3_000_000]
    response = client.get(f"/api/investment-plans/{example.pk}/netzerocities?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("line_id,action,responsible,")
    assert client.get("/api/investment-plans/999999/workbook").status_code == 404
    assert client.get("/api/investment-plans/999999/netzerocities").status_code == 404


def test_a_plan_without_lines_still_makes_a_workbook_without_charts(users, strandhamn):
    empty = services.create_plan(
        users["alice"], strandhamn, {"year": 2026, "horizon_from": 2026, "horizon_to": 2030}
    )
    with translation.override("en"):
        book = openpyxl.load_workbook(io.BytesIO(plan_xlsx(plan_figures(empty))))
    assert _facts(book["Summary"])["Total capital expenditure (SEK)"] == 0
    assert [len(sheet._charts) for sheet in book.worksheets] == [0, 0, 0, 0]
    assert book["NetZeroCities"].max_row == 2  # the heading and the total
