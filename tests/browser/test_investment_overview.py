"""The members' investment plans side by side, reached from the association's page, on a
desktop and on a phone: charted, sorted, downloaded and followed to a member's plan."""

import pytest
from django.utils import timezone

from klimatlaget.accounts.actors import command_line
from klimatlaget.investments import services
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]
LINE = {
    "actor": "municipality",
    "lifetime_years": 20,
    "funding_source": "own_budget",
    "funding_status": "decided",
    "sector": "Transporter",
}


@pytest.fixture
def plans(example_data):
    """This year's plans of Strandhamn (3 Mkr) and Tallnäs (2 Mkr, the most per inhabitant)."""
    from klimatlaget.demo.association import load_memberships

    load_memberships(example=True)
    year = timezone.localdate().year
    made = {}
    for code, capex, reduction in (("9102", 3_000_000, 100), ("9201", 2_000_000, 40)):
        organisation = Organisation.objects.get(code=code)
        plan = services.create_plan(
            command_line(),
            organisation,
            {"year": year, "horizon_from": year, "horizon_to": year + 4},
        )
        line = {"title": "Solar", "capex_by_year": {str(year): capex}, "reduction_t": reduction}
        services.create_line(command_line(), plan, {**LINE, **line})
        made[code] = plan
    return made


def _codes(page):
    return page.locator("#overview-table tbody tr[data-code]").evaluate_all(
        "rows => rows.map(r => r.dataset.code)"
    )


@pytest.mark.parametrize("size", WIDTHS, ids=["desktop", "phone"])
def test_the_association_overview(page, plans, size):
    page.set_viewport_size(size)
    page.goto("/associations/klimatkommunerna/")
    page.locator("#member-investments-link").click()
    page.wait_for_url("**/associations/klimatkommunerna/investments/*/")
    assert len(_codes(page)) == 11
    assert _codes(page)[:2] == ["9201", "9102"]  # 274 SEK, then 47 SEK per inhabitant
    assert page.locator('#plan-counts [data-count="with-plan"] .value').inner_text() == "2"
    chart = page.locator("#overview-chart svg:visible")
    assert chart.count() == 1 and chart.locator("rect.kl-bar").count() == 2
    assert page.locator("#overview-summary").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]

    page.locator("#overview-table thead th").first.locator("a").click()  # by name
    page.wait_for_url("**sort=name**")
    names = page.locator("#overview-table tbody th a").all_inner_texts()
    assert names == sorted(names, key=str.casefold)

    with page.expect_download() as download:
        page.locator("#downloads a[download]").first.click()
    lines = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("code,name,year,plan_id,plan_year") and len(lines) == 12
    assert [line.split(",")[1] for line in lines[1:]] == names  # the page's order

    page.locator(f'#overview-table a[href="/o/9201/investments/{plans["9201"].pk}/"]').click()
    page.wait_for_url(f"**/o/9201/investments/{plans['9201'].pk}/")
    assert page.locator("#total-investment").get_attribute("data-value") == "2000000.0"
    assert page.console_errors == []


def test_the_county_overview_on_a_phone(page, plans):
    page.set_viewport_size(WIDTHS[1])
    page.goto("/o/92/")
    page.locator("#member-investments-link").click()
    page.wait_for_url("**/o/92/investments/*/members/")
    assert sorted(_codes(page)) == ["9201", "9202", "9203", "9204", "9205"]
    assert page.locator("#overview-table [data-no-plan]").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator('#year-nav a[rel="prev"]').click()
    page.wait_for_url(f"**/o/92/investments/{timezone.localdate().year - 1}/members/")
    assert page.locator("#overview-table [data-no-plan]").count() == 5
    assert page.console_errors == []
