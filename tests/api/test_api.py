"""The REST API: reads, validated writes, structured errors, CSV."""

import csv
import io
import json

import pytest

from klimatlaget.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_lists_organisations_filtered_by_kind_and_county(client, example_data):
    rows = client.get("/api/organisations?kind=municipality&county=92").json()
    assert [r["name"] for r in rows] == [
        "Tallnäs",
        "Sjököping",
        "Fjällbacka-Öde",
        "Älvmo",
        "Hagaström",
    ]


def test_emissions_sectors_metrics_and_pathways(client, example_data):
    emissions = client.get("/api/organisations/9102/emissions").json()
    assert [r["year"] for r in emissions][:4] == [1990, 2000, 2005, 2010]
    sectors = client.get("/api/organisations/9102/sectors").json()
    for year in (1990, 2023):
        total = next(r["total_t"] for r in emissions if r["year"] == year)
        assert sum(r["tco2e"] for r in sectors if r["year"] == year) == pytest.approx(total)
    metrics = client.get("/api/organisations/9102/metrics?current_year=2026").json()
    assert metrics["last_year"] == 2023
    pathways = client.get("/api/organisations/9102/pathways?current_year=2026").json()
    law = {r["year"]: r["carbon_law_t"] for r in pathways if r["carbon_law_t"] is not None}
    assert min(law) == 2026 and max(law) == 2050
    assert law[2027] == pytest.approx(law[2026] * (1 - 0.1172))
    assert sum(law.values()) == pytest.approx(metrics["carbon_law_cumulative_t"])
    # The remaining budget: the Carbon Law amount from 2023's observed value, less 2023–2025.
    observed = {r["year"]: r["observed_t"] for r in pathways if r["observed_t"] is not None}
    on_trend = {r["year"]: r["approximated_t"] for r in pathways if r["approximated_t"]}
    budget = observed[2023] * (1 - (1 - 0.1172) ** 28) / 0.1172
    spent = observed[2023] + on_trend[2024] + on_trend[2025]
    assert metrics["remaining_budget_t"] == pytest.approx(budget - spent)
    assert 0 < metrics["remaining_budget_rate_pct"] <= 100


def test_metrics_for_all_as_csv(client, example_data):
    response = client.get("/api/metrics?kind=municipality&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 10
    for row in rows:  # the trend's leave-one-out range, and whether it includes zero
        low, slope, high = (
            float(row[k]) for k in ("trend_slope_low", "trend_slope_t_per_yr", "trend_slope_high")
        )
        assert low <= slope <= high
        assert row["trend_uncertain"] == str(low <= 0 <= high).lower()


def test_metrics_for_all_as_json_carry_the_trend_range(client, example_data):
    rows = client.get("/api/metrics?kind=municipality").json()
    assert len(rows) == 10
    for row in rows:
        assert row["trend_slope_low"] <= row["trend_slope_t_per_yr"] <= row["trend_slope_high"]
        assert row["trend_uncertain"] is (row["trend_slope_low"] <= 0 <= row["trend_slope_high"])


def test_bad_parameters_give_422_not_500(client, example_data):
    assert client.get("/api/organisations/9102/metrics?rate=3").status_code == 422
    assert client.get("/api/organisations/9102/metrics?preset=warp").status_code == 422
    assert client.get("/api/organisations/9102/metrics?current_year=abc").status_code == 422
    assert client.get("/api/organisations/nope/metrics").status_code == 404


def test_patch_validates_the_body(client, users):
    client.force_login(users["alice"])
    bad = client.patch(
        "/api/organisations/9102", json.dumps({"website": "nope"}), content_type="application/json"
    )
    assert bad.status_code == 422
    long = client.patch(
        "/api/organisations/9102",
        json.dumps({"description": "x" * 5000}),
        content_type="application/json",
    )
    assert long.status_code == 422
    broken = client.patch("/api/organisations/9102", "{not json", content_type="application/json")
    assert 400 <= broken.status_code < 500
    assert Organisation.objects.get(code="9102").description == ""
    ok = client.patch(
        "/api/organisations/9102",
        json.dumps({"description": "Ny text"}),
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["description"] == "Ny text"


def test_secretariat_upload_reports_problems_by_row(client, users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["kansli"])
    body = "municipality,county,year,sector,tco2e\nEkby,Exempellän,2023,Jordbruk,-5\n".encode()
    response = client.post("/api/imports/emissions", {"file": SimpleUploadedFile("bad.csv", body)})
    assert response.status_code == 422
    problem = response.json()["problems"][0]
    assert (problem["file"], problem["row"], problem["code"]) == ("bad.csv", 2, "negative_value")


def test_openapi_document_lists_the_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/organisations/{code}/pathways" in paths
    assert client.get("/api/docs").status_code == 200
