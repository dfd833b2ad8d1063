"""The pages "Klimatbudget YEAR" and the nowcast's backtest, their CSVs, the API and the
commands ``klimatlaget export budget`` and ``export nowcast-backtest``."""

import csv
import io
import json

import pytest
from django.conf import settings
from django.utils import translation

from klimatlaget.budgets.models import BudgetSettings
from klimatlaget.cli.main import main

COLUMNS = (
    "code,year,quarter,sector,budget_t,outcome_t,outcome_kind,nowcast_low_t,nowcast_high_t,"
    "expected_reduction_decided_t,expected_reduction_proposed_t,gap_t"
)


@pytest.fixture
def english(client):
    """New strings are not translated yet: pages and messages in English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_budget_page_labels_every_estimate_and_shows_lights(client, example_data, english):
    response = client.get("/o/9102/budget/2026/?current_year=2026")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="budget-year"' in page and 'id="budget-quarters"' in page
    assert page.count('data-light="') == 9  # eight sectors and the total
    assert "80 % range" in page and 'id="nowcast-methods"' in page
    assert "sum over all municipalities" in page
    assert "<svg" in page
    assert "Change the budget settings" not in page  # for editors only


def test_a_past_year_shows_the_nowcast_beside_the_actual_figure(client, example_data, english):
    page = client.get("/o/9102/budget/2023/?current_year=2026").content.decode()
    assert "off by" in page and "against SMHI" in page
    assert 'id="budget-problem"' in page  # the pathway starts in 2026


def test_the_budget_csv_has_a_row_per_sector_and_quarter(client, example_data):
    response = client.get("/o/9102/budget/2026.csv?current_year=2026")
    assert response.content.decode().splitlines()[0] == COLUMNS
    table = rows(response.content)
    assert len(table) == 8 * 4
    assert {r["outcome_kind"] for r in table} == {"nowcast"}
    assert {r["quarter"] for r in table} == {"1", "2", "3", "4"}


def test_editors_change_the_settings_on_their_page(client, users, english):
    client.force_login(users["alice"])
    page = client.get("/o/9102/budget/2026/").content.decode()
    assert "/o/9102/budget/2026/settings/" in page
    form = client.get("/o/9102/budget/2026/settings/")
    assert form.status_code == 200
    data = {"pathway": "carbon_law", "quarter_profile": "heating", "version": "0", "sector_0": "5"}
    response = client.post("/o/9102/budget/2026/settings/", data)
    assert response.status_code == 302
    settings = BudgetSettings.objects.get(organisation__code="9102", year=2026)
    assert settings.quarter_profile == "heating" and settings.version == 1
    assert settings.sector_budgets == {"Arbetsmaskiner": 5.0}  # sectors in alphabetical order
    stale = client.post("/o/9102/budget/2026/settings/", {**data, "quarter_profile": "equal"})
    assert stale.status_code == 200 and "Somebody else saved" in stale.content.decode()
    client.force_login(users["bob"])
    assert client.get("/o/9102/budget/2026/settings/").status_code == 403


def test_the_api_gives_the_budget_and_its_settings(client, users, english):
    response = client.get("/api/organisations/9102/budget/2026?current_year=2026")
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["national_source"]) == ("9102", "sum_of_municipalities")
    total = next(x for x in body["lines"] if x["sector"] == "total" and x["quarter"] is None)
    assert total["light"] in {"green", "amber", "red"} and total["outcome_kind"] == "nowcast"
    csv_response = client.get("/api/organisations/9102/budget/2026?format=csv")
    assert len(rows(csv_response.content)) == 32
    settings = client.get("/api/organisations/9102/budget/2026/settings")
    assert settings.json()["pathway"] == "carbon_law" and settings["ETag"] == '"v0"'
    put = {"pathway": "own_target", "sector_budgets": {"transport": 100}}
    url = "/api/organisations/9102/budget/2026/settings"
    assert client.put(url, put, content_type="application/json").status_code == 401
    client.force_login(users["alice"])
    changed = client.put(url, put, content_type="application/json", HTTP_IF_MATCH='"v0"')
    assert changed.status_code == 200, changed.content
    assert changed.json()["sector_budgets"] == {"Transporter": 100.0}
    stale = client.put(url, put, content_type="application/json", HTTP_IF_MATCH='"v0"')
    assert stale.status_code == 412
    bad = {"sector_budgets": {"Flyg": 1}}
    assert client.put(url, bad, content_type="application/json").status_code == 422
    client.force_login(users["bob"])
    assert client.put(url, put, content_type="application/json").status_code == 403


def test_the_backtest_page_and_csv(client, example_data, english):
    page = client.get("/method/nowcast/").content.decode()
    assert 'id="backtest-scores"' in page and "<svg" in page
    table = rows(client.get("/method/nowcast.csv").content)
    assert table[-1]["sector"] == "total"
    assert float(table[-1]["nowcast_mape_pct"]) >= 0


def test_the_commands_export_the_budget_and_the_backtest(example_data, tmp_path, capsys):
    output = tmp_path / "budget.json"
    arguments = ["export", "budget", "--organisation", "9102", "--year", "2026"]
    assert main([*arguments, "--current-year", "2026", "--format", "json", "-o", str(output)]) == 0
    budget = json.loads(output.read_text())
    assert len(budget) == 32 and set(budget[0]) == set(COLUMNS.split(","))
    assert main(["export", "budget", "--organisation", "0000", "--year", "2026"]) == 2
    backtest = tmp_path / "backtest.csv"
    assert main(["export", "nowcast-backtest", "--format", "csv", "-o", str(backtest)]) == 0
    table = rows(backtest.read_bytes())
    assert list(table[0]) == [
        "code", "name", "year", "sector", "actual_t", "nowcast_t", "last_known_t", "error_pct"
    ]  # fmt: skip
    assert {r["year"] for r in table} == {str(y) for y in range(2017, 2024)}


def test_the_organisation_page_links_to_this_years_budget(client, example_data):
    page = client.get("/o/9102/?current_year=2026").content.decode()
    assert 'href="/o/9102/budget/2026/?current_year=2026"' in page
    county = client.get("/o/91/").content.decode()  # a county has sectors too
    assert 'id="budget-link"' in county
