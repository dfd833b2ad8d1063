"""The plan page's funding section: capex by year stacked by funding status and by funding
source, as charts, tables and a CSV."""

import csv
import io
import re

from klimatlaget.investments import services

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def cells(page, table_id, year):
    table = re.search(rf'<table id="{table_id}">(.*?)</table>', page, re.S).group(1)
    row = re.search(rf'<tr data-year="{year}">(.*?)</tr>', table, re.S).group(1)
    return [float(v) for v in re.findall(r'data-value="([^"]+)"', row)]


def test_the_funding_by_status_and_source_as_charts_and_tables(client, plan):
    page = client.get(f"/o/9102/investments/{plan.pk}/", **EN).content.decode()
    # Buses: 6 Mkr 2025 + 4 Mkr 2026, own budget, decided; charging: 1 Mkr 2025, state grant,
    # applied for.
    assert cells(page, "funding-status-table", 2025) == [6e6, 1e6, 7e6]  # decided, applied
    assert cells(page, "funding-status-table", 2026) == [4e6, 0, 4e6]
    assert cells(page, "funding-source-table", 2025) == [6e6, 1e6, 7e6]  # own budget, grant
    status = re.search(
        r'<figure class="chart" id="funding-status-chart">(.*?)</figure>', page, re.S
    )
    svg = status.group(1)
    assert svg.count("<svg") == 3
    assert svg.count('data-series="applied_for"') == 3 and 'data-series="not_decided"' not in svg
    assert 'fill="#332288"' in svg  # decided in the dark colour, at the bottom
    assert 'id="funding-csv"' in page


def test_the_funding_csv_has_a_row_a_year_and_kind(client, users, plan):
    services.create_line(
        users["alice"],
        plan,
        {
            "title": "Depot",
            "actor": "municipality",
            "capex_by_year": {"2027": 2_500_000},
            "lifetime_years": 30,
            "funding_source": "green_loan",
            "funding_status": "not_decided",
            "sector": "Transporter",
        },
    )
    response = client.get(f"/o/9102/investments/{plan.pk}/funding.csv", **EN)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    found = {(r["year"], r["breakdown"], r["key"]): int(r["capex_sek"]) for r in rows}
    assert found == {
        ("2025", "funding_status", "decided"): 6_000_000,
        ("2025", "funding_status", "applied_for"): 1_000_000,
        ("2026", "funding_status", "decided"): 4_000_000,
        ("2027", "funding_status", "not_decided"): 2_500_000,
        ("2025", "funding_source", "own_budget"): 6_000_000,
        ("2025", "funding_source", "state_grant"): 1_000_000,
        ("2026", "funding_source", "own_budget"): 4_000_000,
        ("2027", "funding_source", "green_loan"): 2_500_000,
    }
    assert rows[0]["label"] == "Decided"
    excel = client.get(f"/o/9102/investments/{plan.pk}/funding.csv", {"dialect": "excel-sv"})
    assert excel.content.decode("utf-8-sig").splitlines()[0].count(";") == 4


def test_a_plan_without_capex_says_so(client, users, strandhamn):
    plan = services.create_plan(
        users["alice"], strandhamn, {"year": 2027, "horizon_from": 2027, "horizon_to": 2030}
    )
    page = client.get(f"/o/9102/investments/{plan.pk}/", **EN).content.decode()
    assert "The plan has no capital expenditure." in page
    assert 'id="funding-status-table"' not in page
