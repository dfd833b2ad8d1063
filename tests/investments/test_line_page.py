"""A line's own page: every field in words, its amounts by year, the abatement cost step by
step, its measure, its place on the cost curve, other versions and its change history."""

import re

import pytest

from klimatlaget.investments import services
from klimatlaget.investments.models import InvestmentLine

from .conftest import CHARGING, PLAN

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def line_url(line):
    return f"/o/9102/investments/{line.plan_id}/lines/{line.pk}/"


def step(page, name):
    match = re.search(
        rf'<li data-step="{name}"(?: data-value="([^"]*)")?[^>]*>(.*?)</li>', page, re.S
    )
    assert match, name
    return match.group(1), match.group(2)


@pytest.fixture
def buses(plan):
    return plan.lines.get(title="Biogas buses")


def test_the_plan_page_links_each_line_and_bar_to_its_page(client, plan, buses):
    page = client.get(f"/o/9102/investments/{plan.pk}/", **EN).content.decode()
    assert f'class="line-link" href="{line_url(buses)}"' in page
    assert page.count(f'<a href="{line_url(buses)}"><rect class="kl-bar"') == 3  # three sizes


def test_the_abatement_cost_is_worked_out_step_by_step(client, buses):
    response = client.get(line_url(buses), **EN)
    assert response.status_code == 200
    page = response.content.decode()
    # METHOD.md's worked example, line A: 10 Mkr over 10 years at 3.5 %.
    _, factor = step(page, "factor")
    assert "3.50 %" in factor and "10 years" in factor and "0.120241" in factor
    value, text = step(page, "annual-capex")
    assert float(value) == pytest.approx(1_202_414, abs=1) and "10,000,000 SEK" in text
    value, text = step(page, "annual-cost")
    assert float(value) == pytest.approx(802_414, abs=1)
    assert "200,000" in text and "600,000" in text
    value, text = step(page, "per-tonne")
    assert float(value) == pytest.approx(1_604.8, abs=0.1) and "÷ 500 t" in text
    value, text = step(page, "with-co-benefits")
    assert float(value) == pytest.approx(1_404.8, abs=0.1) and "100,000" in text
    assert 'id="curve-place">Number 1 of 2, cheapest first.' in page


def test_every_field_the_year_table_the_measure_and_co_benefits(client, buses, bus_measure):
    page = client.get(line_url(buses), **EN).content.decode()
    assert "A municipal company" in page and "Own budget, decided" in page
    assert "10 years" in page
    assert f'href="/o/9102/measures/{bus_measure.pk}/">T9 Biogas buses</a> · Decided' in page
    assert 'id="reduction-from-measure"' in page
    years = re.findall(r'<tr data-year="(\d+)">', page)
    assert years == ["2025", "2026", "2027"]
    assert '<li data-kind="health">Health: 60,000 SEK a year</li>' in page
    assert "<li>Quieter streets</li>" in page


def test_a_line_without_reduction_says_why_it_has_no_cost(client, users, plan):
    barrier = services.create_line(
        users["alice"], plan, {**CHARGING, "title": "Flood barrier", "reduction_t": None}
    )
    page = client.get(line_url(barrier), **EN).content.decode()
    assert 'id="not-applicable"' in page and "no expected reduction above zero" in page
    assert "Not on the cost curve" in page
    assert 'data-step="per-tonne"' not in page


def test_an_overridden_reduction_is_shown_with_its_reason(client, users, buses):
    services.update_line(
        users["alice"], buses, {"reduction_t": 400.0, "reduction_reason": "Fewer routes"}
    )
    page = client.get(line_url(buses), **EN).content.decode()
    override = re.search(r'<p id="reduction-override">(.*?)</p>', page, re.S).group(1)
    assert "400 t CO₂e a year" in override and "(500 t)" in override
    assert "Reason: Fewer routes" in override


def test_the_same_line_in_the_other_versions_is_linked(client, users, plan, buses):
    copy = services.new_version(users["alice"], plan)
    copied = copy.lines.get(key=buses.key)
    page = client.get(line_url(buses), **EN).content.decode()
    assert f'<li data-line="{copied.pk}"><a href="{line_url(copied)}">' in page
    back = client.get(line_url(copied), **EN).content.decode()
    assert f'href="{line_url(buses)}"' in back


def test_the_history_follows_the_readers_rules(client, users, buses):
    services.update_line(users["alice"], buses, {"payer": "Bus company"})
    assert 'id="line-changes"' not in client.get(line_url(buses), **EN).content.decode()
    client.force_login(users["bob"])  # an editor of another organisation
    assert 'id="line-changes"' not in client.get(line_url(buses), **EN).content.decode()
    client.force_login(users["alice"])
    page = client.get(line_url(buses), **EN).content.decode()
    assert 'id="line-changes"' in page and "Bus company" in page
    assert 'id="edit-line"' in page


def test_a_line_of_another_plan_is_not_found(client, users, strandhamn, plan, buses):
    other = services.create_plan(users["alice"], strandhamn, {**PLAN, "year": 2026})
    assert client.get(f"/o/9102/investments/{other.pk}/lines/{buses.pk}/").status_code == 404
    assert client.get(f"/o/9201/investments/{plan.pk}/lines/{buses.pk}/").status_code == 404
    assert not InvestmentLine.objects.filter(pk=buses.pk + 100).exists()
    assert client.get(f"/o/9102/investments/{plan.pk}/lines/{buses.pk + 100}/").status_code == 404
