"""Climate investment plans in the browser: from the organisation page to a plan, its headline
figures and cost curve, filtering its lines, and an editor making a new version and comparing
it with the one before."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from browser.helpers import log_in
from klimatlaget.investments import services
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures import services as measure_services
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINE = {
    "lifetime_years": 10,
    "funding_source": "state_grant",
    "funding_status": "applied_for",
    "sector": "Transporter",
    "effect_year": 2026,
}


@pytest.fixture
def plan(users):
    strandhamn = Organisation.objects.get(code="9102")
    alice = users["alice"]
    measure = measure_services.create_measure(
        alice,
        strandhamn,
        {
            "code": "T1",
            "title": "Biogas buses",
            "sector": "Transporter",
            "type": "technical",
            "status": "decided",
            "expected_reduction_t": 500.0,
            "effect_year": 2026,
        },
    )
    plan = services.create_plan(
        alice, strandhamn, {"year": 2025, "horizon_from": 2024, "horizon_to": 2030}
    )
    services.create_line(
        alice,
        plan,
        {
            **LINE,
            "measure_id": measure.pk,
            "actor": "municipal_company",
            "capex_by_year": {"2025": 6_000_000, "2026": 4_000_000},
            "funding_source": "own_budget",
            "funding_status": "decided",
        },
    )
    services.create_line(
        alice,
        plan,
        {
            **LINE,
            "title": "Charging points",
            "actor": "private_company",
            "capex_by_year": {"2025": 1_000_000},
            "reduction_t": 50,
        },
    )
    services.create_line(
        alice,
        plan,
        {
            **LINE,
            "title": "Flood barrier",
            "actor": "municipality",
            "capex_by_year": {"2025": 3_000_000},
        },
    )
    return plan


def _lines(page) -> list[str]:
    return page.locator("#line-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.title)"
    )


def test_a_plan_is_read_with_its_figures_cost_curve_and_filtered_lines(page, plan):
    page.goto("/o/9102/")
    page.locator('a[href="/o/9102/investments/"]').click()
    page.wait_for_url("**/o/9102/investments/")
    page.locator(f'#investment-plans a[href="/o/9102/investments/{plan.pk}/"]').click()
    page.wait_for_url(f"**/o/9102/investments/{plan.pk}/")
    assert page.locator("#total-investment").get_attribute("data-value") == "14000000.0"
    assert page.locator("#own-share").get_attribute("data-value") == "13000000.0"
    assert page.locator("#funding-gap").get_attribute("data-value") == "4000000.0"
    assert page.locator("#reduction").get_attribute("data-value") == "550.0"
    curve = page.locator("#cost-curve svg:visible")
    assert curve.count() == 1
    assert curve.locator("rect.kl-bar").count() == 2  # the barrier has no reduction
    keys = curve.locator("rect.kl-bar").evaluate_all("bars => bars.map(b => b.dataset.key)")
    buses, charging = (str(line.pk) for line in plan.lines.order_by("position")[:2])
    assert keys == [buses, charging]  # cheapest first: 1 605 before 2 405 SEK/t
    assert page.locator("#line-table .not-applicable").count() == 2
    assert _lines(page) == ["Biogas buses", "Charging points", "Flood barrier"]
    page.locator("#line-filters [name=funding_status]").select_option("applied_for")
    page.locator("#line-filters button").click()
    page.wait_for_url("**funding_status=applied_for**")
    assert _lines(page) == ["Charging points", "Flood barrier"]
    href = page.locator("#lines-csv").get_attribute("href")
    assert href.endswith("lines.csv?actor=&sector=&funding_source=&funding_status=applied_for")
    assert page.locator("#new-version-form").count() == 0  # not for visitors


def test_a_visitor_on_a_phone_downloads_the_workbook_and_the_netzerocities_summary(page, plan):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/o/9102/investments/{plan.pk}/")
    links = page.locator("#plan-downloads a")
    assert links.count() == 3
    widths = links.evaluate_all("links => links.map(a => a.getBoundingClientRect().right)")
    assert max(widths) <= 390  # the links wrap within the phone's width
    with page.expect_download() as download:
        page.locator("#plan-xlsx").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert len(book.sheetnames) == 4
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(max_col=2, values_only=True)}
    assert 14_000_000 in summary.values()  # the total capital expenditure
    with page.expect_download() as download:
        page.locator("#plan-netzerocities-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert [(row["action"], row["total_cost_sek"]) for row in rows] == [
        ("Biogas buses", "10000000"),
        ("Charging points", "1000000"),
        ("Flood barrier", "3000000"),
    ]


def test_an_editor_makes_a_new_version_and_compares_it(page, users, plan):
    log_in(page, "alice", f"/o/9102/investments/{plan.pk}/")
    page.locator("#new-version-form button").click()
    copy = InvestmentPlan.objects.get(version_number=2)
    page.wait_for_url(f"**/o/9102/investments/{copy.pk}/")
    assert _lines(page) == ["Biogas buses", "Charging points", "Flood barrier"]
    charging = copy.lines.get(title="Charging points")
    services.update_line(users["alice"], charging, {"reduction_t": 80})
    services.delete_line(users["alice"], copy.lines.get(title="Flood barrier"))
    page.locator("#compare-link").click()
    page.wait_for_url(f"**/o/9102/investments/{copy.pk}/compare/")
    assert page.locator("#added li[data-line]").count() == 0
    assert page.locator("#removed li").all_inner_texts() == ["Flood barrier"]
    changed = page.locator(f'#changed tr[data-line="{charging.pk}"]')
    assert changed.locator("td.old").all_inner_texts() == ["50"]
    assert changed.locator("td.new").all_inner_texts() == ["80"]


def test_an_editor_adds_a_plan_and_a_line_and_edits_it(page, users):
    log_in(page, "alice", "/o/9102/investments/")
    page.locator("#add-investment-plan").click()
    page.wait_for_url("**/o/9102/investments/new/")
    page.locator("#id_year").fill("2025")
    page.locator("#id_horizon_from").fill("2024")
    page.locator("#id_horizon_to").fill("2030")
    page.locator("#investment-form button[type=submit]").click()
    plan = InvestmentPlan.objects.get()
    page.wait_for_url(f"**/o/9102/investments/{plan.pk}/")
    page.locator("#add-line").click()
    page.wait_for_url("**/lines/new/")
    page.locator("#id_title").fill("Solar panels")
    page.locator("#id_actor").select_option("municipality")
    page.locator("#id_capex_by_year").fill("2025: 1000000")
    page.locator("#id_funding_source").select_option("green_loan")
    page.locator("#id_funding_status").select_option("decided")
    page.locator("#id_sector").select_option("El och fjärrvärme")
    page.locator("#id_reduction_t").fill("100")
    page.locator("#id_effect_year").fill("2026")
    page.locator("#investment-form button[type=submit]").click()
    # The lifetime is missing: the form comes back with the error, nothing saved.
    assert page.locator("#investment-form [role=alert]").count() == 1
    assert not plan.lines.exists()
    page.locator("#id_lifetime_years").fill("10")
    page.locator("#investment-form button[type=submit]").click()
    page.wait_for_url(f"**/o/9102/investments/{plan.pk}/")
    assert _lines(page) == ["Solar panels"]
    # 1 000 000 × 0.120241 ÷ 100 t = 1 202 SEK/t
    line = plan.lines.get()
    cell = page.locator(f"#line-{line.pk} td[data-value]").nth(1)
    assert round(float(cell.get_attribute("data-value").replace(",", "."))) == 1202
    page.locator(f"#line-{line.pk} a.edit-line").click()
    page.wait_for_url("**/edit/")
    assert page.locator("#id_capex_by_year").input_value() == "2025: 1000000"
    page.locator("#id_funding_status").select_option("not_decided")
    page.locator("#investment-form button[type=submit]").click()
    page.wait_for_url(f"**/o/9102/investments/{plan.pk}/")
    assert page.locator("#funding-gap").get_attribute("data-value") == "1000000.0"


PHONE = {"width": 390, "height": 844}


def test_a_line_is_reached_from_the_plan_page_and_fits_a_phone(page, plan):
    page.set_viewport_size(PHONE)
    page.goto(f"/o/9102/investments/{plan.pk}/")
    page.get_by_role("button", name="English").click()
    # The funding by year: the phone's chart, decided and applied for stacked in 2025.
    chart = page.locator("#funding-status-chart svg:visible")
    assert chart.count() == 1 and "kl-w-340" in chart.get_attribute("class")
    assert chart.locator('rect[data-x="2025"]').evaluate_all(
        "rects => rects.map(r => r.dataset.series)"
    ) == ["decided", "applied_for"]
    row = page.locator('#funding-status-table tr[data-year="2025"] td')
    assert row.evaluate_all("cells => cells.map(c => Number(c.dataset.value))") == [
        6_000_000,
        4_000_000,
        10_000_000,
    ]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    buses = plan.lines.get(measure__isnull=False)
    page.locator(f"#line-{buses.pk} a.line-link").click()
    page.wait_for_url(f"**/o/9102/investments/{plan.pk}/lines/{buses.pk}/")
    assert page.locator("#line-title").inner_text() == "Biogas buses"
    # 10 Mkr × 0.120241 = 1 202 414 SEK a year ÷ 500 t = 2 405 SEK/t (no opex, savings)
    steps = page.locator("#cost-steps li")
    values = steps.evaluate_all("items => items.map(i => [i.dataset.step, i.dataset.value])")
    assert [name for name, _ in values] == [
        "factor",
        "annual-capex",
        "annual-cost",
        "per-tonne",
        "with-co-benefits",
    ]
    assert round(float(dict(values)["per-tonne"])) == 2405
    assert page.locator("#curve-place").inner_text().startswith("Number 1 of 2")
    assert page.locator("#line-measure a").inner_text() == "T1 Biogas buses"
    assert page.locator("#line-changes").count() == 0  # visitors do not read the history
    assert page.locator("#cost-steps").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("#plan-link").click()
    page.wait_for_url(f"**/o/9102/investments/{plan.pk}/")
    assert page.console_errors == []
