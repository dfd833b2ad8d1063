"""A plan's gap coverage and cumulative effect in the browser: the chart shows one bar per
sector with a gap or a line, the table gives the numbers, the CSV downloads, and on a phone
the page body does not scroll sideways."""

import pytest

from klimatlaget.investments import services
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def plan(users):
    strandhamn = Organisation.objects.get(code="9102")
    plan = services.create_plan(
        users["alice"],
        strandhamn,
        {"year": 2026, "horizon_from": 2026, "horizon_to": 2030, "scope": "territory"},
    )
    for title, sector, reduction, status in (
        ("Biogas buses", "Transporter", 500, "decided"),
        ("Charging points", "Transporter", 300, "applied_for"),
        ("Heat pumps", "Egen uppvärmning av bostäder och lokaler", 800, "decided"),
    ):
        services.create_line(
            users["alice"],
            plan,
            {
                "title": title,
                "actor": "municipality",
                "capex_by_year": {"2026": 1_000_000},
                "lifetime_years": 10,
                "funding_source": "own_budget",
                "funding_status": status,
                "sector": sector,
                "reduction_t": reduction,
                "effect_year": 2027,
            },
        )
    return plan


def _open(page, plan, size):
    page.set_viewport_size(size)
    page.goto(f"/o/9102/investments/{plan.pk}/?current_year=2026")
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("#gap-coverage")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_plan_page_shows_the_gap_coverage_and_the_cumulative_effect(page, plan, size):
    _open(page, plan, size)
    chart = page.locator("#coverage-chart svg:visible")
    assert chart.count() == 1
    assert chart.get_attribute("class").endswith("kl-w-340" if size is PHONE else "kl-w-800")
    # Every main sector of Strandhamn has a gap; transport has both a decided and a proposed part.
    transport = chart.locator('g.kl-row[data-key="Transporter"]')
    assert transport.locator("rect.kl-decided").count() == 1
    assert transport.locator("rect.kl-proposed").count() == 1
    assert transport.locator("line.kl-gap").count() == 1
    rows = page.locator("#coverage-table tbody tr")
    assert rows.count() == chart.locator("g.kl-row").count()
    cells = page.locator('#coverage-table tr[data-sector="Transporter"] td[data-value]')
    assert cells.evaluate_all("cells => cells.map(c => c.dataset.value)")[1:3] == ["500.0", "300.0"]
    assert page.locator("#coverage-table tfoot #coverage-share").is_visible()
    # The cumulative effect: the line chart and a row per horizon year.
    assert page.locator("#cumulative-chart svg:visible").count() == 1
    years = page.locator("#cumulative-table tbody tr")
    assert years.evaluate_all("rows => rows.map(r => r.dataset.year)") == [
        "2026",
        "2027",
        "2028",
        "2029",
        "2030",
    ]
    without = float(page.locator("#cumulative-without").get_attribute("data-value"))
    with_plan = float(page.locator("#cumulative-plan").get_attribute("data-value"))
    assert without - with_plan == pytest.approx(4 * 1_600)  # 1 600 t a year from 2027
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]


def test_the_coverage_csv_downloads(page, plan):
    _open(page, plan, DESKTOP)
    with page.expect_download() as download:
        page.locator("#coverage-csv").click()
    lines = download.value.path().read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("code,plan,plan_id,horizon_year,sector,trend_t,budget_t,gap_t")
    assert lines[-1].split(",")[4] == "total"
