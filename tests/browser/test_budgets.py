"""The page "Klimatbudget YEAR" on a phone, an editor changing its settings, and the nowcast's
backtest page."""

import pytest

from klimatlaget.budgets.models import BudgetSettings

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
BUDGET = "/o/9102/budget/2026/"


def test_the_budget_labels_its_estimates_and_fits_a_phone(page, example_data):
    page.set_viewport_size(PHONE)
    page.goto(BUDGET)
    page.get_by_role("button", name="English").click()
    table = page.locator("#budget-year")
    assert table.is_visible()
    assert table.locator("[data-light]").count() == 9  # eight sectors and the total
    assert table.get_by_text("estimate").first.is_visible()
    assert page.locator("#nowcast-methods li").count() == 8
    assert page.locator("#chart-heading + figure.chart svg").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    lines = download.value.path().read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("code,year,quarter,sector,budget_t") and len(lines) == 33
    assert page.console_errors == []


def test_an_editor_chooses_the_heating_profile_and_a_sector_budget(page, users):
    log_in(page, "alice", BUDGET)
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Change the budget settings").click()
    page.wait_for_url(f"**{BUDGET}settings/")
    page.get_by_label("Quarterly profile").select_option("heating")
    page.get_by_label("Budget for Transport (t CO₂e)").fill("20000")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**{BUDGET}")
    settings = BudgetSettings.objects.get(organisation__code="9102", year=2026)
    assert (settings.quarter_profile, settings.sector_budgets) == (
        "heating",
        {"Transporter": 20000},
    )
    transport = page.locator("#budget-year tr", has_text="Transport").first
    assert "20,000" in transport.inner_text()


def test_the_backtest_shows_errors_by_sector_with_chart_and_csv(page, example_data):
    page.set_viewport_size(PHONE)
    page.goto("/method/nowcast/")
    rows = page.locator("#backtest-scores tbody tr")
    assert rows.count() == 9  # eight sectors and the total
    assert page.locator("figure.chart svg").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    with page.expect_download() as download:
        page.locator("a[href='/method/nowcast.csv']").click()
    assert download.value.path().read_text(encoding="utf-8").startswith("sector,count,")


def test_the_quarters_of_the_total_show_and_every_sector_unfolds(page, example_data):
    page.set_viewport_size(PHONE)
    page.goto(BUDGET)
    assert page.locator("#budget-quarter-totals tbody tr").count() == 4
    assert not page.locator("#budget-quarters").is_visible()
    page.locator("details:has(#budget-quarters) > summary").click()
    page.locator("#budget-quarters").wait_for()
    assert page.locator("#budget-quarters tbody tr").count() == 8 * 4
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("size", [{"width": 1280, "height": 900}, PHONE])
def test_the_dashboard_shows_forecast_measures_gap_wedges_and_indicators(page, example_data, size):
    from klimatlaget.accounts.actors import command_line
    from klimatlaget.measures import indicators
    from klimatlaget.measures.services import create_measure
    from klimatlaget.organisations.models import Organisation

    strandhamn = Organisation.objects.get(code="9102")
    for code, status, reduction in (("D1", "decided", 300.0), ("P1", "proposed", 200.0)):
        create_measure(
            command_line(),
            strandhamn,
            {
                "code": code,
                "title": f"Measure {code}",
                "sector": "Transporter",
                "type": "technical",
                "status": status,
                "expected_reduction_t": reduction,
                "start_year": 2024,
                "effect_year": 2030,
            },
        )
    indicator = indicators.create_indicator(
        command_line(), strandhamn, {"name": "Laddpunkter", "unit": "st", "direction": "up"}
    )
    indicators.set_value(command_line(), indicator, 2025, 0, 40)
    page.set_viewport_size(size)
    page.goto(BUDGET)
    assert page.locator("#budget-year [data-forecast-light]").count() == 9
    assert page.locator("#measure-statuses tbody tr").count() == 6
    assert page.locator("#measure-statuses [data-count='1']").count() == 2
    gap = page.locator("#gap-table")
    assert gap.is_visible() and gap.locator("tbody tr").count() == 9
    assert gap.locator("tr.total [data-covered]").count() == 1
    assert (
        page.locator(
            "figure.chart:has(#wedges-heading) svg:visible, "
            "#wedges-heading + figure.chart svg:visible"
        ).count()
        == 1
    )
    assert page.locator("#indicator-status tbody tr").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    with page.expect_download() as download:
        page.locator("#gap-csv").click()
    lines = download.value.path().read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("code,year,sector,base_year") and len(lines) == 10
    page.locator("#measure-statuses tr[data-status='proposed'] a").click()
    page.wait_for_url("**/o/9102/measures/?status=proposed")
    assert page.get_by_text("Measure P1").is_visible()
    assert not page.get_by_text("Measure D1").is_visible()
    assert page.console_errors == []
