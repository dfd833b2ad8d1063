"""The EU Covenant of Mayors workbook, read back with openpyxl and checked against the
platform's objects: targets, the inventories (from the energy inventory, or SMHI's sectors
without one) and the actions; through the registry, the page, the command line."""

import io

import pytest
from openpyxl import load_workbook

from klimatlaget.accounts.actors import command_line
from klimatlaget.calc.energy import FACTORS
from klimatlaget.cli.main import main
from klimatlaget.emissions.models import Emission
from klimatlaget.energy.models import EnergyUse
from klimatlaget.exports.registry import (
    ExportFormat,
    ExportRequest,
    available_to,
    get_exporter,
    run_export,
)
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target


@pytest.fixture
def strandhamn(db):
    org = Organisation.objects.create(code="9102", name="Strandhamn", kind="municipality")
    Target.objects.create(
        organisation=org,
        title="Halve emissions",
        form="percent_reduction",
        value=50,
        base_year=2020,
        target_year=2030,
        scopes=["scope1"],
        geography="territory",
    )
    for sector, carrier, mwh in (
        ("houses", "electricity", 1000.0),
        ("transport", "diesel", 2000.0),
        ("public", "district_heating", 500.0),
    ):
        EnergyUse.objects.create(
            organisation=org, year=2023, sector=sector, carrier=carrier, mwh=mwh, source="SCB"
        )
    Emission.objects.create(organisation=org, year=2020, sector="Transporter", tco2e=900.0)
    Emission.objects.create(organisation=org, year=2020, sector="El och fjärrvärme", tco2e=50.0)
    Measure.objects.create(
        organisation=org,
        code="T1",
        title='=HYPERLINK("http://x")',
        sector="Transporter",
        type="technical",
        start_year=2024,
        end_year=2027,
        responsible_unit="Tekniska nämnden",
        energy_saved_mwh=120.0,
        expected_reduction_t=30.0,
    )
    Measure.objects.create(
        organisation=org,
        code="A1",
        title="Shade trees",
        sector="own_operations",
        type="technical",
        hazard="heat",
    )
    return org


def _book(strandhamn, year=2023):
    written = run_export(
        command_line(),
        get_exporter("covenant-of-mayors"),
        ExportRequest(ExportFormat.XLSX, strandhamn, year),
    )
    assert written.file_name == "covenant-of-mayors-9102-2023.xlsx"
    return load_workbook(io.BytesIO(written.content))


def _rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _find(rows, first):
    return next(row for row in rows if row and row[0] == first)


def test_the_workbook_has_the_templates_sections(strandhamn):
    book = _book(strandhamn)
    assert book.sheetnames == [
        "Strategy",
        "Baseline inventory",
        "Monitoring inventory",
        "Actions",
        "Emission factors",
    ]
    strategy = _rows(book["Strategy"])
    target = _find(strategy, "Halve emissions")
    assert target[2:5] == [50, 2020, 2030]


def test_the_monitoring_inventory_is_energy_times_factor(strandhamn):
    rows = _rows(_book(strandhamn)["Monitoring inventory"])
    assert _find(rows, "Source")[1].startswith("Energy inventory")
    header = _find(rows, "Sector")
    residential = _find(rows, "Residential buildings")
    assert residential[header.index("Electricity")] == 1000.0
    municipal = _find(rows, "Municipal buildings, equipment/facilities")
    assert municipal[header.index("Heat/cold")] == 500.0
    totals = [row for row in rows if row and row[0] == "Total"]
    assert totals[0][-1] == pytest.approx(3500.0)
    expected_t = 1000 * FACTORS["electricity"].t_per_mwh + 2000 * FACTORS["diesel"].t_per_mwh
    expected_t += 500 * FACTORS["district_heating"].t_per_mwh
    assert totals[1][-1] == pytest.approx(expected_t)
    assert [row[0] for row in rows if row[0] == "Sector"] == ["Sector", "Sector"]
    private = [row for row in rows if str(row[0]).startswith("Transport: private")]
    assert private[0][header.index("Diesel")] == 2000.0
    assert private[1][header.index("Diesel")] == pytest.approx(2000 * 0.267)


def test_without_an_energy_inventory_the_baseline_comes_from_smhi(strandhamn):
    rows = _rows(_book(strandhamn)["Baseline inventory"])
    assert rows[0][0] == "Baseline emission inventory 2020"
    assert _find(rows, "Source")[1].startswith("SMHI's emissions")
    assert _find(rows, "Transport: private and commercial transport")[1] == 900.0
    assert _find(rows, "El och fjärrvärme")[1] == "Not in the Covenant's inventory"
    assert not any("MWh" in str(cell) for row in rows for cell in row if cell)


def test_the_actions_are_the_measures_empty_where_unknown(strandhamn):
    rows = _rows(_book(strandhamn)["Actions"])
    header = rows[0]
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_code) == {"T1", "A1"}
    t1 = by_code["T1"]
    assert t1["Action title"] == '=HYPERLINK("http://x")'  # text, not a formula
    assert t1["Sector"] == "Transport: private and commercial transport"
    assert (t1["Start year"], t1["End year"]) == (2024, 2027)
    assert t1["Responsible body"] == "Tekniska nämnden"
    assert t1["Estimated energy saving (MWh/a)"] == 120.0
    assert t1["Estimated reduction (t CO2e/a)"] == 30.0
    assert t1["Cost (SEK)"] is None and t1["Estimated renewable energy production (MWh/a)"] is None
    a1 = by_code["A1"]
    assert a1["Area"] == "Adaptation" and a1["Sector"] is None


def test_the_exporter_is_public_and_the_page_and_cli_write_it(strandhamn, client, tmp_path):
    from django.contrib.auth.models import AnonymousUser

    assert get_exporter("covenant-of-mayors") in available_to(AnonymousUser(), strandhamn)
    response = client.get("/o/9102/energy/covenant-of-mayors.xlsx?year=2023")
    assert response.status_code == 200
    assert "covenant-of-mayors-9102-2023.xlsx" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Strategy"
    output = tmp_path / "c.xlsx"
    assert (
        main(["export", "covenant", "--organisation", "9102", "--year", "2023", "-o", str(output)])
        == 0
    )
    assert "Actions" in load_workbook(output).sheetnames
    assert main(["export", "covenant", "--organisation", "0000", "--year", "2023"]) == 1
