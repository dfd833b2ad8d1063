"""The open data package: valid by the Frictionless specification (checked with the
``frictionless`` package, every row against its schema and the foreign keys), the same from the
command line and over HTTP, holding no draft, and its totals those of the database."""

import csv
import io
import json
import zipfile
from pathlib import Path

import frictionless
import pytest
from django.db.models import Sum
from django.test import Client

from klimatlaget.accounts.actors import command_line
from klimatlaget.cli.main import main
from klimatlaget.emissions.models import Emission
from klimatlaget.exports.registry import (
    ExportFormat,
    ExportRequest,
    Scope,
    available_to,
    get_exporter,
    run_export,
)
from klimatlaget.measures import services as measures
from klimatlaget.measures.models import Measure
from klimatlaget.opendata.package import open_data_package, package_version
from klimatlaget.opendata.schema import TABLES
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target

pytestmark = pytest.mark.django_db


def validate(folder: Path) -> frictionless.Report:
    report = frictionless.validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    return report


def read(folder: Path, table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((folder / f"{table}.csv").read_text("utf-8"))))


def written(tmp_path: Path) -> Path:
    folder = tmp_path / "package"
    assert main(["export", "open-data", str(folder)]) == 0
    return folder


def downloaded(client: Client, tmp_path: Path) -> Path:
    folder = tmp_path / "http"
    folder.mkdir()
    response = client.get("/open-data/datapackage.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    (folder / "datapackage.json").write_bytes(response.content)
    for resource in response.json()["resources"]:
        table = client.get(f"/open-data/{resource['path']}")
        assert table.status_code == 200
        assert table["Content-Type"].startswith("text/csv")
        (folder / resource["path"]).write_bytes(table.content)
    return folder


def test_the_cli_package_is_valid_and_every_row_conforms(published, tmp_path):
    folder = written(tmp_path)
    report = validate(folder)
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert rows["measures"] == Measure.objects.count() == 1
    assert rows["targets"] == Target.objects.count() == 1
    descriptor = json.loads((folder / "datapackage.json").read_text())
    assert [r["name"] for r in descriptor["resources"]] == [t.name for t in TABLES]
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert any("SMHI" in source["title"] for source in descriptor["sources"])
    for resource in descriptor["resources"]:
        assert resource["schema"]["primaryKey"]
        assert resource["bytes"] == (folder / resource["path"]).stat().st_size


def test_the_package_over_http_is_valid_and_the_same_as_the_cli(published, client, tmp_path):
    client.cookies["django_language"] = "sv"
    over_http = downloaded(client, tmp_path)
    validate(over_http)
    folder = written(tmp_path)
    for path in sorted(folder.iterdir()):
        assert (over_http / path.name).read_bytes() == path.read_bytes(), path.name
    descriptor = json.loads((over_http / "datapackage.json").read_text())
    assert descriptor["resources"][1]["title"] == "Emissions"  # English for a Swedish visitor
    api = client.get("/api/open-data")
    assert api.status_code == 200
    assert api.json() == json.loads((folder / "datapackage.json").read_text())


def _broken(folder: Path, table: str, old: str, new: str) -> frictionless.Report:
    path = folder / f"{table}.csv"
    content = path.read_bytes()
    assert old.encode() in content
    path.write_bytes(content.replace(old.encode(), new.encode(), 1))
    try:
        return frictionless.validate(folder / "datapackage.json")
    finally:
        path.write_bytes(content)


def test_the_validation_catches_what_is_wrong(published, tmp_path):
    """The validation is no formality: a wrong type, a changed file (its size and hash) and a
    code that refers to no organisation each fail it."""
    folder = written(tmp_path)
    wrong_type = _broken(folder, "emissions", "\r\n9102,", "\r\n9102,x")
    assert wrong_type.flatten(["type"])[0] == ["type-error"]
    changed = _broken(folder, "organisations", "Strandhamn", "Strandhamx")
    assert {"hash-count"} <= {error[0] for error in changed.flatten(["type"])}
    dangling = _broken(folder, "organisations", "\r\n9102,", "\r\n9999,")
    assert "foreign-key" in {error[0] for error in dangling.flatten(["type"])}


def test_drafts_are_left_out(published, tmp_path):
    folder = written(tmp_path)
    investments = read(folder, "investments")
    assert [(r["organisation_code"], r["year"]) for r in investments] == [("9102", "2025")]
    adopted = investments[0]
    assert adopted["plan_id"] == str(published["adopted"].pk)
    assert adopted["capex_sek"] == "1500000"  # not the draft version's extra line
    assert adopted["lines"] == "1"
    sections = read(folder, "contract_sections")
    assert {r["contract_id"] for r in sections} == {str(published["signed"].pk)}
    assert {r["status"] for r in sections} == {"signed"}
    assert [r["number"] for r in sections] == ["1", "3"]
    text = b"".join(path.read_bytes() for path in folder.iterdir()).decode()
    assert "Hemligt utkast" not in text
    assert "Utkast" not in text
    assert "Kommunen." not in text  # sections' text is on the contract's page, not here


def test_the_totals_are_those_of_the_database(published, tmp_path):
    folder = written(tmp_path)
    emissions = read(folder, "emissions")
    assert len(emissions) == Emission.objects.count()
    total = sum(float(row["tco2e"]) for row in emissions)
    assert total == pytest.approx(Emission.objects.aggregate(t=Sum("tco2e"))["t"])
    organisations = {row["code"]: row for row in read(folder, "organisations")}
    assert set(organisations) == set(Organisation.objects.values_list("code", flat=True))
    strandhamn = organisations["9102"]
    latest = Organisation.objects.get(code="9102").population.order_by("-year").first()
    assert (strandhamn["population"], strandhamn["population_year"]) == (
        str(latest.inhabitants),
        str(latest.year),
    )
    metrics = {row["code"]: row for row in read(folder, "metrics")}
    own = Emission.objects.filter(organisation__code="9102")
    last_year = max(own.values_list("year", flat=True))
    last = own.filter(year=last_year).aggregate(t=Sum("tco2e"))["t"]
    assert float(metrics["9102"]["last_emissions_t"]) == pytest.approx(last)
    target = read(folder, "targets")[0]
    assert target["organisation_code"] == "9102"
    assert target["paris_alignment"] in {"in_line", "partly", "not_in_line", "not_assessed"}


def test_a_text_that_could_run_is_escaped(published, tmp_path):
    folder = written(tmp_path)
    assert read(folder, "measures")[0]["title"] == "'=HYPERLINK(1)"


def test_the_package_is_kept_until_a_measure_changes(published):
    first = open_data_package()
    assert open_data_package() is first
    version = package_version()
    measure = Measure.objects.get()
    measures.update_measure(command_line(), measure, {"title": "Cykelbanor"})
    assert package_version() != version
    changed = open_data_package()
    assert b"Cykelbanor" in changed.files["measures.csv"]


def test_a_client_with_the_current_files_gets_304(published, client):
    first = client.get("/open-data/measures.csv")
    etag = first["ETag"]
    assert client.get("/open-data/measures.csv", HTTP_IF_NONE_MATCH=etag).status_code == 304
    measures.create_measure(
        command_line(),
        Organisation.objects.get(code="9201"),
        {"code": "E1", "title": "Solceller", "sector": "Transporter", "type": "technical"},
    )
    again = client.get("/open-data/measures.csv", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert b"Solceller" in again.content
    assert client.get("/open-data/nothing.csv").status_code == 404


def test_the_exporter_writes_the_package_as_a_zip(published, client):
    exporter = get_exporter("open-data")
    assert exporter.scope == Scope.PLATFORM
    assert exporter in available_to(command_line(), None)
    file = run_export(command_line(), exporter, ExportRequest(format=ExportFormat.ZIP))
    assert file.content_type == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(file.content)).namelist()
    assert names == ["datapackage.json", *(table.path for table in TABLES)]
    response = client.get("/open-data/klimatlaget-open-data.zip")
    assert response.status_code == 200
    assert response.content == file.content


def test_the_cli_writes_the_zip_too(published, tmp_path):
    assert main(["export", "open-data", "--zip", str(tmp_path)]) == 0
    archive = zipfile.ZipFile(tmp_path / "klimatlaget-open-data.zip")
    archive.extractall(tmp_path / "unzipped")
    validate(tmp_path / "unzipped")


def test_the_real_data_makes_a_valid_package(real_data, tmp_path):
    folder = written(tmp_path)
    report = validate(folder)
    rows = {task.name: task.stats.get("rows", 0) for task in report.tasks}
    assert rows["emissions"] == Emission.objects.count()
    municipalities = [r for r in read(folder, "metrics") if r["kind"] == "municipality"]
    assert len(municipalities) == 290
