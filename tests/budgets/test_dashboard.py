"""The dashboard on the budget page: forecast, measures by status, gap table, wedges and
indicators; the gap table's and the wedges' CSV, the gap API and the number of queries."""

import csv
import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from klimatlaget.accounts.actors import command_line
from klimatlaget.budgets.dashboard import dashboard
from klimatlaget.budgets.report import budget_report
from klimatlaget.emissions.metrics import all_metrics
from klimatlaget.measures import indicators
from klimatlaget.measures.services import create_measure
from klimatlaget.organisations.models import Organisation

from .conftest import PARAMS

TRANSPORT = "Transporter"
URL = "/o/9102/budget/2026/?current_year=2026"


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def strandhamn(example_data):
    return Organisation.objects.get(code="9102")


def measure(organisation, code, status, reduction, sector=TRANSPORT, **years):
    values = {
        "code": code,
        "title": f"Measure {code}",
        "sector": sector,
        "type": "technical",
        "status": status,
        "expected_reduction_t": reduction,
        **years,
    }
    return create_measure(command_line(), organisation, values)


@pytest.fixture
def measures(strandhamn):
    last = all_metrics(PARAMS)["9102"].trend.anchor_year
    measure(strandhamn, "D1", "decided", 400.0, start_year=last, effect_year=last + 4)
    measure(strandhamn, "D2", "ongoing", 100.0, effect_year=2026)
    measure(strandhamn, "P1", "proposed", 250.0, effect_year=2026)
    measure(strandhamn, "C1", "cancelled", 9999.0, effect_year=2026)
    measure(strandhamn, "O1", "decided", 30.0, sector="own_operations", effect_year=2026)
    return last


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_gap_table_adds_what_measures_phase_in_after_the_last_data_year(strandhamn, measures):
    report = budget_report(strandhamn, 2026, PARAMS)
    board = dashboard(report, PARAMS)
    last = measures
    share = min(1.0, (2026 - last) / 4)
    transport = board.gap_row(TRANSPORT)
    assert transport.decided_t == pytest.approx(400 * share + 100)
    assert transport.proposed_t == 250
    budget = next(x for x in report.years if x.sector == TRANSPORT).budget_t
    assert transport.target_t == budget
    assert transport.gap_t == pytest.approx(transport.trend_t - transport.decided_t - 250 - budget)
    total = board.gap.total
    trend = all_metrics(PARAMS)["9102"].trend
    assert total.trend_t == pytest.approx(max(0.0, trend.value_at(2026)))
    assert total.decided_t == pytest.approx(transport.decided_t)  # own operations not counted
    assert [(r.sector, r.decided_t) for r in board.gap.outside] == [("own_operations", 30)]
    assert board.gap.base_year == trend.anchor_year  # the Carbon Law starts from it
    statuses = {s.status: (s.count, s.reduction_t) for s in board.statuses}
    assert statuses["decided"] == (2, 430) and statuses["cancelled"] == (1, 9999)
    assert statuses["postponed"] == (0, 0)
    first, final = board.wedges[0], board.wedges[-1]
    assert (first.year, first.decided_t, first.proposed_t) == (last, 0, 0)
    assert final.year == 2050 and final.decided_t == pytest.approx(500)


def test_the_page_shows_forecast_statuses_gap_wedges_and_indicators(
    client, strandhamn, measures, english
):
    indicator = indicators.create_indicator(
        command_line(),
        strandhamn,
        {
            "name": "Charging points",
            "unit": "st",
            "direction": "up",
            "target_values": {"2030": 200},
        },
    )
    indicators.set_value(command_line(), indicator, 2020, 0, 20)
    indicators.set_value(command_line(), indicator, 2025, 2, 150)
    page = client.get(URL).content.decode()
    assert page.count("data-forecast-light=") == 9  # eight sectors and the total
    for status in ("proposed", "decided", "ongoing", "completed", "postponed", "cancelled"):
        assert f'href="/o/9102/measures/?status={status}"' in page
    assert 'data-status="decided"' in page and 'data-count="2"' in page
    assert 'id="gap-table"' in page and 'data-sector="own_operations" class="outside"' in page
    assert "Not in the territorial emissions" in page
    assert 'id="wedge-table"' in page and page.count("kl-chart-sizes") == 1
    assert f'href="/o/9102/indicators/{indicator.pk}/"' in page
    # 150 in 2025 Q2 against the line from 20 (2020) to 200 (2030): 110 needed, on track.
    assert 'data-on-track="true"' in page
    assert 'href="/o/9102/budget/2026/gap.csv?current_year=2026"' in page


def test_the_gap_and_wedge_csvs_and_the_gap_api(client, strandhamn, measures):
    gap = rows(client.get("/o/9102/budget/2026/gap.csv?current_year=2026").content)
    assert list(gap[0]) == [
        "code", "year", "sector", "base_year", "base_t", "target_t", "trend_t",
        "expected_reduction_decided_t", "expected_reduction_proposed_t", "forecast_t", "gap_t",
        "light", "counted_in_total",
    ]  # fmt: skip
    assert [r["sector"] for r in gap][-2:] == ["total", "own_operations"]
    assert gap[-1]["counted_in_total"] == "false" and gap[-2]["counted_in_total"] == "true"
    wedges = rows(client.get("/o/9102/budget/2026/wedges.csv?current_year=2026").content)
    assert wedges[0]["year"] == str(measures) and float(wedges[0]["after_all_t"]) > 0
    assert wedges[-1]["year"] == "2050"
    api = client.get("/api/organisations/9102/budget/2026/gap?current_year=2026")
    assert api.status_code == 200
    body = api.json()
    assert (body["base_year"], body["last_data_year"]) == (measures, measures)
    total = next(r for r in body["rows"] if r["sector"] == "total")
    assert total["expected_reduction_proposed_t"] == 250
    assert total["gap_t"] == pytest.approx(float(gap[-2]["gap_t"]), abs=0.06)
    as_csv = client.get("/api/organisations/9102/budget/2026/gap?format=csv&current_year=2026")
    assert rows(as_csv.content)[0]["sector"] == gap[0]["sector"]
    assert client.get("/api/organisations/0000/budget/2026/gap").status_code == 404


def test_the_number_of_queries_does_not_grow_with_measures(client, strandhamn, measures):
    indicators.create_indicator(command_line(), strandhamn, {"name": "First", "unit": "st"})
    client.get(URL)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for number in range(40):
        measure(strandhamn, f"M{number}", "decided", 1.0, effect_year=2030)
        indicators.create_indicator(
            command_line(), strandhamn, {"name": f"I{number}", "unit": "st"}
        )
    client.get(URL)
    with CaptureQueriesContext(connection) as many:
        client.get(URL)
    assert len(many) == len(few)
