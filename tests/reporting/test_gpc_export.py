"""The GPC inventory export (``inventory-gpc``) from the command line and the API: the table's
tonnes add up to SMHI's total, counties and Sweden are sums of their municipalities, and nothing
is written for a year without emissions."""

import csv
import io
import json

import openpyxl
import pytest

from klimatlaget.calc.gpc import MAPPING, REFERENCES
from klimatlaget.cli.main import main
from klimatlaget.emissions.dataset import load_dataset
from klimatlaget.emissions.sectors import SECTOR_LABELS
from klimatlaget.exports.registry import ExportFormat, ExportRequest, get_exporter
from klimatlaget.organisations.models import Organisation
from klimatlaget.reporting.gpc import NoEmissions

YEAR = 2022


def _csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode())))


def _tonnes(rows) -> float:
    return sum(float(row["tco2e"]) for row in rows if row["tco2e"] not in ("", None))


def test_every_smhi_main_sector_the_platform_knows_is_mapped():
    assert set(MAPPING) == set(SECTOR_LABELS) - {""}


def test_the_exporter_is_registered_for_places_with_emissions(example_data):
    exporter = get_exporter("inventory-gpc")
    assert set(exporter.formats) == {ExportFormat.CSV, ExportFormat.JSON, ExportFormat.XLSX}
    assert exporter.needs_year
    anonymous = None
    for code in ("9102", "91", "00"):
        assert exporter.may_run(anonymous, Organisation.objects.get(code=code))


@pytest.mark.parametrize("code", ["9102", "91", "00"])
def test_the_csv_adds_up_to_smhis_total(example_data, code, tmp_path):
    output = tmp_path / "inventory.csv"
    arguments = ["--organisation", code, "--year", str(YEAR), "--output", str(output)]
    assert main(["export", "inventory", "--standard", "gpc", "--format", "csv", *arguments]) == 0
    rows = _csv_rows(output.read_bytes())
    series = load_dataset()[code]
    assert _tonnes(rows) == pytest.approx(series.total[YEAR])
    gpc = [row for row in rows if row["row_kind"] == "gpc"]
    assert [row["gpc_ref"] for row in gpc] == [reference.ref for reference in REFERENCES]
    by_ref = {row["gpc_ref"]: row for row in gpc}
    for sector, placement in MAPPING.items():
        row = by_ref[placement.ref]
        if sector in series.sectors:
            assert float(row["tco2e"]) == pytest.approx(series.sectors[sector][YEAR])
        else:  # a sector the example data does not have
            assert (row["tco2e"], row["notation_key"]) == ("", "NE")
    assert by_ref["I.2.1"]["notation_key"] == "IE" and by_ref["I.2.1"]["tco2e"] == ""
    assert by_ref["I.1.2"]["notation_key"] == "NE"


def test_a_county_is_the_sum_of_its_municipalities(example_data):
    exporter = get_exporter("inventory-gpc")

    def document(code):
        request = ExportRequest(
            ExportFormat.JSON, organisation=Organisation.objects.get(code=code), year=YEAR
        )
        return json.loads(exporter.write(request).content)

    county = document("91")
    members = Organisation.objects.filter(county__code="91", kind="municipality")
    parts = [document(member.code) for member in members]
    assert len(parts) > 1
    for index, row in enumerate(county["rows"]):
        values = [part["rows"][index]["tco2e"] for part in parts]
        if row["tco2e"] is None:
            assert values == [None] * len(parts)
        else:
            assert row["tco2e"] == pytest.approx(sum(v or 0 for v in values))
    assert county["totals"]["total_t"] == pytest.approx(
        sum(part["totals"]["total_t"] for part in parts)
    )


def test_json_and_workbook_hold_the_same_inventory(example_data, tmp_path):
    series = load_dataset()["9102"]
    paths = {}
    for fmt in ("json", "xlsx"):
        paths[fmt] = tmp_path / f"inventory.{fmt}"
        arguments = ["--organisation", "9102", "--year", str(YEAR), "--format", fmt]
        assert main(["export", "inventory", *arguments, "--output", str(paths[fmt])]) == 0
    document = json.loads(paths["json"].read_bytes())
    assert document["standard"] == "gpc" and document["year"] == YEAR
    assert document["totals"]["total_t"] == pytest.approx(series.total[YEAR])
    assert document["totals"]["smhi_total_t"] == pytest.approx(series.total[YEAR])
    assert document["unplaced"] == []
    book = openpyxl.load_workbook(paths["xlsx"])
    assert book.sheetnames == [f"GPC {YEAR}", f"GPC {YEAR} totals"]
    sheet = book[f"GPC {YEAR}"]
    header = [cell.value for cell in sheet[1]]
    table = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(2, values_only=True)]
    assert [row["gpc_ref"] for row in table] == [row["gpc_ref"] for row in document["rows"]]
    assert sum(row["tco2e"] or 0 for row in table) == pytest.approx(series.total[YEAR])
    totals = {row[0]: row[1] for row in book[f"GPC {YEAR} totals"].iter_rows(values_only=True)}
    assert totals["total_t"] == pytest.approx(series.total[YEAR])


def test_a_year_without_a_sector_split_is_unplaced(example_data):
    """A municipality with only a total for a year: the export lists it, it does not drop it."""
    from klimatlaget.emissions.models import Emission

    strandhamn = Organisation.objects.get(code="9102")
    Emission.objects.create(organisation=strandhamn, year=1985, sector="", tco2e=5000.0)
    request = ExportRequest(ExportFormat.CSV, organisation=strandhamn, year=1985)
    rows = _csv_rows(get_exporter("inventory-gpc").write(request).content)
    unplaced = [row for row in rows if row["row_kind"] == "unplaced"]
    assert [(row["smhi_sectors"], float(row["tco2e"])) for row in unplaced] == [("", 5000.0)]
    assert _tonnes(rows) == 5000.0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--organisation", "0000", "--year", "2022"], "No organisation has the code 0000."),
        (["--organisation", "9102", "--year", "2031"], "9102 has no emissions for 2031."),
    ],
)
def test_nothing_is_written_when_the_inventory_does_not_exist(
    example_data, tmp_path, capsys, arguments, message
):
    output = tmp_path / "out.csv"
    assert main(["export", "inventory", *arguments, "--output", str(output)]) == 1
    assert message in capsys.readouterr().err.replace("\n", " ")
    assert not output.exists()


def test_to_standard_output(example_data, capsysbinary):
    assert main(["export", "inventory", "--organisation", "9102", "--year", "2022"]) == 0
    assert capsysbinary.readouterr().out.decode().startswith("row_kind,gpc_ref,")


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_the_api_answers_every_format_to_anyone(example_data, client, fmt):
    response = client.get(f"/api/organisations/9102/inventory?standard=gpc&year=2022&format={fmt}")
    assert response.status_code == 200
    assert f'filename="gpc-inventory-9102-2022.{fmt}"' in response["Content-Disposition"]
    total = load_dataset()["9102"].total[YEAR]
    if fmt == "csv":
        assert _tonnes(_csv_rows(response.content)) == pytest.approx(total)
    elif fmt == "json":
        assert response.json()["totals"]["total_t"] == pytest.approx(total)
    else:
        assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames[0] == "GPC 2022"


def test_the_api_has_no_inventory_without_emissions(example_data, client):
    assert client.get("/api/organisations/9102/inventory?year=2031").status_code == 404
    assert client.get("/api/organisations/0000/inventory?year=2022").status_code == 404
    assert client.get("/api/organisations/9102/inventory?year=2022&standard=x").status_code == 422


def test_the_writer_refuses_a_request_without_a_year(example_data):
    request = ExportRequest(ExportFormat.CSV, organisation=Organisation.objects.get(code="9102"))
    with pytest.raises(ValueError, match="one year"):
        get_exporter("inventory-gpc").write(request)
    with pytest.raises(NoEmissions):
        get_exporter("inventory-gpc").write(
            ExportRequest(ExportFormat.CSV, organisation=request.organisation, year=1800)
        )
