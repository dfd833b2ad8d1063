"""The members' budget overview of an association and of a county, reached by clicking, on a
desktop and on a phone: filtered by light, sorted, charted and downloaded."""

import pytest

from klimatlaget.budgets.overview import budget_overview
from klimatlaget.calc import MetricParameters
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]


@pytest.fixture
def association(example_data):
    from klimatlaget.demo.association import load_memberships

    return load_memberships(example=True).association


def _codes(page):
    return page.locator("#overview-table tbody tr[data-code]").evaluate_all(
        "rows => rows.map(r => r.dataset.code)"
    )


@pytest.mark.parametrize("size", WIDTHS, ids=["desktop", "phone"])
def test_the_association_overview(page, association, size):
    page.set_viewport_size(size)
    page.goto("/associations/klimatkommunerna/")
    page.locator("#member-budgets-link").click()
    page.wait_for_url("**/associations/klimatkommunerna/budget/*/")
    year = int(page.url.rstrip("/").rsplit("/", 1)[1])
    page.goto(f"/associations/klimatkommunerna/budget/{year}/?current_year={year}")
    overview = budget_overview(association, year, MetricParameters(current_year=year))
    assert len(_codes(page)) == len(overview.members) == 11
    counts = overview.counts()
    for light, count in counts.items():
        card = page.locator(f'#light-counts [data-light="{light}"] .value')
        assert card.inner_text() == str(count)
    assert page.locator("#overview-chart svg:visible").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]

    light = max(counts, key=lambda each: counts[each] if each != "none" else -1)
    page.locator("#overview-filters select[name=light]").select_option(light)
    page.wait_for_url(f"**light={light}**")
    expected = {m.organisation.code for m in overview.members if m.light == light}
    assert set(_codes(page)) == expected

    page.locator("#overview-filters select[name=light]").select_option("")
    page.wait_for_url("**light=&**")
    page.locator("#overview-table thead th").first.locator("a").click()  # by name
    page.wait_for_url("**sort=name**")
    names = {m.organisation.code: m.organisation.name for m in overview.members}
    shown = [names[code] for code in _codes(page)]
    assert shown == sorted(shown, key=str.casefold)

    with page.expect_download() as download:
        page.locator("#downloads a[download]").first.click()
    lines = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("code,name,year,budget_t,outcome_t") and len(lines) == 12
    page.locator('#year-nav a[rel="next"]').click()
    page.wait_for_url(f"**/budget/{year + 1}/**")
    assert page.console_errors == []


@pytest.mark.parametrize("size", WIDTHS, ids=["desktop", "phone"])
def test_the_county_overview(page, example_data, size):
    page.set_viewport_size(size)
    page.goto("/o/91/")
    page.locator("#member-budgets-link").click()
    page.wait_for_url("**/o/91/budget/*/members/**")
    assert sorted(_codes(page)) == ["9101", "9102", "9103", "9104", "9105"]
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    county = Organisation.objects.get(code="91")
    assert page.locator("h1").is_visible() and county.name in page.title()
    page.locator('#overview-table a[href^="/o/9102/budget/"]').click()
    page.wait_for_url("**/o/9102/budget/**")
    assert page.locator("#budget-year").is_visible()
    assert page.console_errors == []
