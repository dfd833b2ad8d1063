"""The investment plan pages: the list, a plan's figures and lines, CSV, the comparison of two
versions and making a new version."""

import csv
import io

import pytest

from klimatlaget.investments import services
from klimatlaget.investments.models import InvestmentPlan

from .conftest import CHARGING

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def url(plan, tail=""):
    return f"/o/9102/investments/{plan.pk}/{tail}"


def test_the_organisation_page_links_to_the_investment_plans(client, plan):
    page = client.get("/o/9102/").content.decode()
    assert 'href="/o/9102/investments/"' in page
    listing = client.get("/o/9102/investments/").content.decode()
    assert f'href="/o/9102/investments/{plan.pk}/"' in listing


def test_the_plan_page_shows_the_headline_figures(client, plan):
    response = client.get(url(plan), **EN)
    assert response.status_code == 200
    page = response.content.decode()
    # Buses 10 Mkr (municipal company, decided) + charging 1 Mkr (private, applied for).
    assert 'id="total-investment">11,000,000 SEK' in page
    assert 'data-value="10000000.0" id="own-share"' in page
    assert 'data-value="1000000.0" id="funding-gap"' in page
    assert 'data-value="550.0" id="reduction"' in page
    # (802 414 + 120 241) ÷ 550 = 1 677.6 SEK/t
    context = response.context
    assert context["figures"].plan_cost.per_tonne == pytest.approx(1_677.6, abs=0.1)
    assert page.count('class="kl-bar"') == 6  # two bars in three sizes
    assert 'id="line-table"' in page and "Biogas buses" in page
    assert '<tr data-kind="funding_status" data-key="applied_for">' in page
    breakdowns = {kind["key"]: kind["rows"] for kind in context["breakdowns"]}
    assert [(r["key"], r["sek"]) for r in breakdowns["actor"]] == [
        ("municipal_company", 10_000_000),
        ("private_company", 1_000_000),
    ]
    assert breakdowns["funding_source"][1]["label"] == "State grant (e.g. Klimatklivet)"


def test_a_line_without_reduction_is_shown_as_not_applicable(client, users, plan):
    services.create_line(
        users["alice"], plan, {**CHARGING, "title": "Flood barrier", "reduction_t": None}
    )
    page = client.get(url(plan), **EN).content.decode()
    assert "Flood barrier" in page and 'class="not-applicable"' in page


def test_the_lines_are_filtered(client, plan):
    response = client.get(url(plan), {"actor": "private_company"}, **EN)
    titles = [row["line"].title for row in response.context["rows"]]
    assert titles == ["Charging points"]
    # The headline figures stay those of the whole plan.
    assert response.context["totals"].capex == 11_000_000


def test_the_csv_has_every_line_with_its_cost_and_is_formula_safe(client, users, plan):
    services.create_line(users["alice"], plan, {**CHARGING, "title": '=HYPERLINK("x")'})
    response = client.get(url(plan, "lines.csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == [
        "Biogas buses",
        "Charging points",
        '\'=HYPERLINK("x")',
    ]
    assert rows[0]["capex_sek"] == "10000000"
    assert rows[0]["sek_per_t"] == "1605"
    assert rows[0]["sek_per_t_with_co_benefits"] == "1405"
    filtered = client.get(url(plan, "lines.csv"), {"funding_status": "decided"})
    assert filtered.content.decode("utf-8-sig").count("\n") == 2


def test_an_editor_makes_a_new_version_and_compares_it(client, users, plan):
    client.force_login(users["alice"])
    response = client.post(url(plan, "new-version/"))
    copy = InvestmentPlan.objects.get(version_number=2)
    assert response.status_code == 302 and response["Location"] == url(copy)
    charging = copy.lines.get(title="Charging points")
    services.update_line(users["alice"], charging, {"funding_status": "decided"})
    page = client.get(url(copy, "compare/"), **EN)
    assert page.context["old"] == plan
    assert [item["line"].title for item in page.context["changed"]] == ["Charging points"]
    content = page.content.decode()
    assert f'<tr data-line="{charging.pk}">' in content and "Applied for" in content


def test_comparing_without_another_version_is_not_found(client, plan):
    assert client.get(url(plan, "compare/")).status_code == 404
    assert client.get(url(plan, "compare/"), {"with": "x"}).status_code == 404


def test_other_editors_may_not_make_a_new_version(client, users, plan):
    client.force_login(users["bob"])
    assert client.post(url(plan, "new-version/")).status_code == 403
    assert InvestmentPlan.objects.count() == 1


def test_a_plan_of_another_organisation_is_not_found_here(client, plan):
    assert client.get(f"/o/9201/investments/{plan.pk}/").status_code == 404


def test_an_editor_adds_a_plan_and_a_line_through_the_forms(client, users, strandhamn):
    client.force_login(users["alice"])
    assert client.get("/o/9102/investments/new/").status_code == 200
    response = client.post(
        "/o/9102/investments/new/",
        {
            "title": "Plan",
            "year": 2025,
            "horizon_from": 2024,
            "horizon_to": 2030,
            "scope": "territory",
            "status": "draft",
            "discount_rate_percent": "4",
        },
    )
    plan = InvestmentPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == url(plan)
    assert (plan.scope, plan.discount_rate) == ("territory", 0.04)
    response = client.post(
        url(plan, "lines/new/"),
        {
            "title": "Solar panels",
            "actor": "municipality",
            "capex_by_year": "2025: 1000000\n2026: 500 000",
            "savings_by_year": "2027: 80000",
            "lifetime_years": 25,
            "funding_source": "green_loan",
            "funding_status": "decided",
            "sector": "El och fjärrvärme",
            "reduction_t": 40,
            "effect_year": 2027,
            "benefit_health": 5000,
            "co_benefits_named": "Local jobs\nLearning",
        },
    )
    assert response.status_code == 302
    line = plan.lines.get()
    assert line.capex_by_year == {"2025": 1_000_000, "2026": 500_000}
    assert line.co_benefits_sek == {"health": 5000}
    assert line.co_benefits_named == ["Local jobs", "Learning"]


def test_a_line_form_refuses_a_stale_version_and_shows_errors(client, users, plan):
    client.force_login(users["alice"])
    line = plan.lines.get(title="Charging points")
    edit = url(plan, f"lines/{line.pk}/edit/")
    form = client.get(edit, **EN)
    assert form.status_code == 200 and "1000000" in form.content.decode().replace(" ", "")
    services.update_line(users["alice"], line, {"payer": "Someone else"})
    posted = {
        "title": "Charging points",
        "actor": "private_company",
        "capex_by_year": "2025: 1000000",
        "lifetime_years": 10,
        "funding_source": "state_grant",
        "funding_status": "decided",
        "sector": "Transporter",
        "reduction_t": 50,
        "effect_year": 2025,
        "version": 0,
    }
    stale = client.post(edit, posted, **EN)
    assert stale.status_code == 200
    line.refresh_from_db()
    assert line.funding_status == "applied_for"
    missing = client.post(edit, {**posted, "version": 1, "lifetime_years": ""}, **EN)
    assert missing.status_code == 200 and "lifetime" in missing.content.decode()
    saved = client.post(edit, {**posted, "version": 1}, **EN)
    assert saved.status_code == 302
    line.refresh_from_db()
    assert line.funding_status == "decided"


def test_other_editors_may_not_open_the_forms(client, users, plan):
    client.force_login(users["bob"])
    assert client.get("/o/9102/investments/new/").status_code == 403
    assert client.get(url(plan, "lines/new/")).status_code == 403
