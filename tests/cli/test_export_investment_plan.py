"""``klimatlaget export investment-plan``: the latest version unless ``--version``, as the lines
(CSV), the whole plan (JSON), the finance workbook (xlsx) or the NetZeroCities cost summary;
nothing written and exit 1 when the organisation, year or version does not exist."""

import csv
import io
import json

import openpyxl
import pytest

from klimatlaget.cli.main import main
from klimatlaget.investments import services
from klimatlaget.investments.figures import COLUMNS
from klimatlaget.investments.netzerocities import COLUMNS as NZC_COLUMNS
from klimatlaget.organisations.models import Organisation

LINE = {
    "title": "Charging points",
    "actor": "private_company",
    "capex_by_year": {"2025": 1_000_000},
    "opex_by_year": {"2026": 50_000},
    "lifetime_years": 10,
    "funding_source": "state_grant",
    "funding_status": "applied_for",
    "sector": "Transporter",
    "reduction_t": 50,
}


@pytest.fixture
def plans(users):
    """Strandhamn's 2025 plan in two versions; the second has a second line."""
    strandhamn = Organisation.objects.get(code="9102")
    first = services.create_plan(
        users["alice"], strandhamn, {"year": 2025, "horizon_from": 2024, "horizon_to": 2030}
    )
    services.create_line(users["alice"], first, LINE)
    second = services.new_version(users["alice"], first)
    services.create_line(users["alice"], second, {**LINE, "title": "Bus depot"})
    return first, second


def export(tmp_path, *arguments):
    output = tmp_path / "out"
    status = main(["export", "investment-plan", "--output", str(output), *arguments])
    return status, output


def test_csv_is_the_latest_versions_lines(plans, tmp_path):
    status, output = export(tmp_path, "--organisation", "9102", "--year", "2025")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(output.read_text())))
    assert list(rows[0]) == [column.key for column in COLUMNS]
    assert [(r["version_number"], r["title"]) for r in rows] == [
        ("2", "Charging points"),
        ("2", "Bus depot"),
    ]


def test_an_earlier_version_by_its_number(plans, tmp_path):
    arguments = ["--organisation", "9102", "--year", "2025", "--version", "1"]
    status, output = export(tmp_path, *arguments, "--format", "json")
    assert status == 0
    document = json.loads(output.read_text())
    assert document["plan"]["version_number"] == 1
    assert document["plan"]["id"] == plans[0].pk
    assert document["totals"]["capex_sek"] == 1_000_000
    assert document["totals"]["funding_gap_sek"] == 1_000_000
    # 1 Mkr × 0.120241 + 50 000 = 170 241 SEK a year ÷ 50 t = 3 405 SEK/t
    assert [(line["title"], line["sek_per_t"]) for line in document["lines"]] == [
        ("Charging points", 3405)
    ]


def test_xlsx_is_the_finance_workbook(plans, tmp_path):
    status, output = export(
        tmp_path, "--organisation", "9102", "--year", "2025", "--format", "xlsx"
    )
    assert status == 0
    book = openpyxl.load_workbook(io.BytesIO(output.read_bytes()))
    assert len(book.sheetnames) == 4 and book.sheetnames[3] == "NetZeroCities"
    assert book.worksheets[1].max_row == 3  # the heading and the second version's two lines


@pytest.mark.parametrize("table_format", ["csv", "json", "xlsx"])
def test_the_netzerocities_layout_in_every_format(plans, tmp_path, table_format):
    arguments = ["--organisation", "9102", "--year", "2025", "--layout", "netzerocities"]
    status, output = export(tmp_path, *arguments, "--format", table_format)
    assert status == 0
    if table_format == "csv":
        rows = list(csv.DictReader(io.StringIO(output.read_text())))
    elif table_format == "json":
        rows = json.loads(output.read_text())
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(output.read_bytes())).active
        values = list(sheet.iter_rows(values_only=True))
        rows = [dict(zip([c.key for c in NZC_COLUMNS], row, strict=True)) for row in values[1:]]
    assert [str(row["total_cost_sek"]) for row in rows] == ["1050000", "1050000"]
    assert [str(row["start_year"]) + "-" + str(row["end_year"]) for row in rows] == [
        "2025-2026",
        "2025-2026",
    ]


def test_to_standard_output_without_output(plans, capsysbinary):
    assert main(["export", "investment-plan", "--organisation", "9102", "--year", "2025"]) == 0
    assert capsysbinary.readouterr().out.decode().startswith("plan,year,version_number,")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--organisation", "0000", "--year", "2025"], "No organisation has the code 0000."),
        (["--organisation", "9102", "--year", "2031"], "9102 has no investment plan for 2031."),
        (
            ["--organisation", "9102", "--year", "2025", "--version", "3"],
            "9102 has no investment plan for 2025 in version 3.",
        ),
    ],
)
def test_no_such_plan_writes_nothing_and_exits_1(plans, tmp_path, capsys, arguments, message):
    for table_format in ("csv", "json", "xlsx"):
        status, output = export(tmp_path, *arguments, "--format", table_format)
        assert status == 1
        assert not output.exists()
        assert message in " ".join(capsys.readouterr().err.split())
