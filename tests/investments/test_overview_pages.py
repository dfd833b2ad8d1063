"""The members' investment plans side by side: the association's and the county's (nation's)
pages, their CSV and the API, and the links to them."""

import csv
import io
import re

import pytest
from django.utils import timezone, translation

from klimatlaget.api.routes import api

from .test_overview import MEMBERS_2026, association, plans  # noqa: F401 - fixtures

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ASSOC = "/associations/klimatkommunerna"
COLUMNS = (
    "code,name,year,plan_id,plan_year,plan_version,plan_status,capex_sek,inhabitants,"
    "population_year,capex_per_inhabitant_sek,own_share_pct,financed_share_pct,funding_gap_sek,"
    "reduction_t,sek_per_t,sek_per_t_with_co_benefits,gap_covered_pct"
)


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def codes(page: str) -> list[str]:
    return [part.split('"')[0] for part in page.split('<tr data-code="')[1:]]


def test_the_association_page(client, association, plans):  # noqa: F811
    response = client.get(f"{ASSOC}/investments/2026/", **EN)
    assert response.status_code == 200
    page = response.content.decode()
    assert set(codes(page)) == MEMBERS_2026
    strandhamn, tallnas = plans["strandhamn"], plans["tallnas"]
    # Each member's row links to its plan, or to its list of plans when it has none.
    assert f'href="/o/9102/investments/{strandhamn.pk}/"' in page
    assert f'href="/o/9201/investments/{tallnas.pk}/"' in page
    assert 'href="/o/9101/investments/"' in page
    row = page.split('<tr data-code="9102"')[1].split("</tr>")[0]
    assert "2026 v2<br>Adopted" in row and "earlier year" not in row
    assert ">11.0<" in row and ">171 " in row and 'data-population-year="2024"' in row
    assert ">90.9<" in row and ">1.0<" in row and ">550<" in row
    assert ">1,678<" in row and ">1,496<" in row
    earlier = page.split('<tr data-code="9201"')[1].split("</tr>")[0]
    assert 'data-plan-year="2024"' in earlier and "earlier year" in earlier
    assert "data-population-year" not in earlier  # 2024's population for a plan of 2024
    assert page.count("data-no-plan") == len(MEMBERS_2026) - 2
    summary = page.split('id="overview-summary"')[1].split("</tr>")[0]
    assert "2 plans" in summary and ">13.0<" in summary and ">222<" in summary
    cards = page.split('id="plan-counts"')[1].split("</ul>")[0]
    assert '"with-plan"><p class="label">Members with a plan</p><p class="value">2<' in cards
    assert 'id="overview-chart"' in page and page.count('class="kl-bar"') == 2 * 3  # 3 sizes
    assert f'href="{ASSOC}/investments/2025/"' in page


def test_the_page_sorts_by_any_column(client, association, plans):  # noqa: F811
    base = f"{ASSOC}/investments/2026/"
    by_default = codes(client.get(base).content.decode())
    assert by_default[:2] == ["9201", "9102"]  # 274 SEK, then 171 SEK per inhabitant
    by_name = client.get(f"{base}?sort=name&dir=asc").content.decode()
    names = re.findall(r'<th scope="row"><a href="[^"]*">([^<]*)</a>', by_name)
    assert len(names) == len(MEMBERS_2026) and names == sorted(names, key=str.casefold)
    by_capex = codes(client.get(f"{base}?sort=capex&dir=asc").content.decode())
    assert by_capex[:2] == ["9201", "9102"] and len(by_capex) == len(MEMBERS_2026)
    page = client.get(f"{base}?sort=per_tonne").content.decode()
    assert codes(page)[0] == "9102"  # only its plan has a cost per tonne: the rest after it
    assert page.count('aria-sort="descending"') == 1
    assert client.get(f"{base}?sort=nonsense").status_code == 200


def test_the_csv_has_a_row_per_member(client, association, plans):  # noqa: F811
    response = client.get(f"{ASSOC}/investments/2026.csv?sort=capex")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").splitlines()[0] == COLUMNS
    table = rows(response.content)
    assert [r["code"] for r in table[:2]] == ["9102", "9201"]  # the page's order
    assert {r["code"] for r in table} == MEMBERS_2026
    strandhamn = table[0]
    assert strandhamn["capex_sek"] == "11000000" and strandhamn["plan_version"] == "2"
    assert float(strandhamn["own_share_pct"]) == pytest.approx(90.9, abs=0.05)
    assert table[1]["plan_year"] == "2024"
    excel = client.get(f"{ASSOC}/investments/2026.csv?dialect=excel-sv")
    assert excel.content.decode("utf-8-sig").splitlines()[0].count(";") == 17


def test_the_county_and_the_nation_list_their_municipalities(client, plans):  # noqa: F811
    page = client.get("/o/91/investments/2026/members/", **EN).content.decode()
    assert set(codes(page)) == {"9101", "9102", "9103", "9104", "9105"}
    nation = client.get("/o/00/investments/2026/members/").content.decode()
    assert len(codes(nation)) == 10
    assert len(rows(client.get("/o/92/investments/2026/members.csv").content)) == 5
    for url in (
        "/o/9102/investments/2026/members/",
        "/o/9102/investments/2026/members.csv",
        "/associations/9102/investments/2026/",
        "/associations/9102/investments/2026.csv",
        "/associations/nowhere/investments/2026/",
    ):
        assert client.get(url).status_code == 404, url


def test_the_pages_link_to_the_overview(client, association):  # noqa: F811
    year = timezone.localdate().year
    page = client.get(f"{ASSOC}/").content.decode()
    assert f'id="member-investments-link" href="{ASSOC}/investments/{year}/"' in page
    county = client.get(f"/o/91/?current_year={year}").content.decode()
    assert f'href="/o/91/investments/{year}/members/"' in county
    assert 'id="member-investments-link"' in client.get("/o/00/").content.decode()
    assert 'id="member-investments-link"' not in client.get("/o/9102/").content.decode()


def test_the_year_navigation_stays_near_the_current_year(client, association):  # noqa: F811
    year = timezone.localdate().year
    page = client.get(f"{ASSOC}/investments/{year}/").content.decode()
    assert f'href="{ASSOC}/investments/{year - 1}/" rel="prev"' in page
    assert f'href="{ASSOC}/investments/{year + 1}/" rel="next"' in page
    ahead = client.get(f"{ASSOC}/investments/{year + 1}/").content.decode()
    assert 'rel="next"' not in ahead
    far = client.get(f"{ASSOC}/investments/1999/").content.decode()
    assert f'href="{ASSOC}/investments/2000/" rel="next"' in far and 'rel="prev"' not in far


def test_the_api_gives_the_overview(client, association, plans):  # noqa: F811
    response = client.get("/api/associations/klimatkommunerna/investment-plans/2026")
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["year"]) == ("klimatkommunerna", 2026)
    assert {m["code"] for m in body["members"]} == MEMBERS_2026
    strandhamn = next(m for m in body["members"] if m["code"] == "9102")
    assert strandhamn["plan_id"] == plans["strandhamn"].pk and strandhamn["sek_per_t"] == 1678
    assert strandhamn["population_year"] == 2024 and strandhamn["capex_sek"] == 11_000_000
    summary = body["summary"]
    assert (summary["members"], summary["plans"]) == (len(MEMBERS_2026), 2)
    assert summary["capex_sek"] == 13_000_000
    assert summary["median_own_share_pct"] == pytest.approx(95.4545, abs=0.0001)
    county = client.get("/api/organisations/91/investment-plans/2026/members")
    assert {m["code"] for m in county.json()["members"]} == {"9101", "9102", "9103", "9104", "9105"}
    as_csv = client.get("/api/organisations/00/investment-plans/2026/members?format=csv")
    assert as_csv["Content-Type"].startswith("text/csv") and len(rows(as_csv.content)) == 10
    assert client.get("/api/organisations/9102/investment-plans/2026/members").status_code == 404
    assert client.get("/api/associations/9102/investment-plans/2026").status_code == 404
    assert client.get("/api/associations/klimatkommunerna/investment-plans/3000").status_code == 422
    paths = api.get_openapi_schema()["paths"]
    for path in (
        "/api/associations/{code}/investment-plans/{year}",
        "/api/organisations/{code}/investment-plans/{year}/members",
    ):
        answers = paths[path]["get"]["responses"]
        ok = answers.get(200) or answers["200"]
        schema = ok["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith("/InvestmentOverviewOut")


def test_a_chart_of_many_members_shows_the_top_and_the_bottom():
    """30 plans of 100 … 2 900 SEK per inhabitant: the ten largest and the ten smallest, the
    other ten in the table only; all of them when asked."""
    from klimatlaget.calc.investment_overview import PlanFigures
    from klimatlaget.investments.models import InvestmentPlan
    from klimatlaget.investments.overview import InvestmentOverview, MemberPlan
    from klimatlaget.investments.overview_views import _chart
    from klimatlaget.organisations.models import Organisation

    members = [
        MemberPlan(
            Organisation(code=f"m{n:02}", name=f"Member {n:02}"),
            InvestmentPlan(pk=n + 1, year=2026, version_number=1),
            PlanFigures(100.0 * (n + 1) * 1_000, 0, 0, 0, None, None, inhabitants=1_000),
            2026,
        )
        for n in range(30)
    ]
    group = Organisation(code="g", name="Group", kind="association")
    with translation.override("en"):
        chart, shortened = _chart(InvestmentOverview(group, 2026, members), show_all=False)
    assert shortened and chart is not None
    shown = set(re.findall(r'data-key="(m\d\d)"', chart))
    assert shown == {f"m{n:02}" for n in (*range(10), *range(20, 30))}
    assert "10 more in the table" in chart
    everything, shortened = _chart(InvestmentOverview(group, 2026, members), show_all=True)
    assert not shortened and len(set(re.findall(r'data-key="(m\d\d)"', everything))) == 30
