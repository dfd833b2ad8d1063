"""The Exports page in the browser: reached from the organisation page on a phone, it lists
the registered exporters grouped by platform; a workbook downloaded from it is read back."""

import io
from pathlib import Path

import openpyxl
import pytest

from klimatlaget.investments import services
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan(users):
    strandhamn = Organisation.objects.get(code="9102")
    alice = users["alice"]
    plan = services.create_plan(
        alice, strandhamn, {"year": 2025, "horizon_from": 2024, "horizon_to": 2030}
    )
    line = {
        "title": "Biogas buses",
        "actor": "municipality",
        "capex_by_year": {"2025": 6_000_000, "2026": 4_000_000},
        "lifetime_years": 10,
        "funding_source": "own_budget",
        "funding_status": "decided",
        "sector": "Transporter",
    }
    services.create_line(alice, plan, line)
    return plan


def test_a_visitor_on_a_phone_downloads_the_investment_workbook(page, plan):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/o/9102/")
    page.locator("#exports-link").click()
    page.wait_for_url("**/o/9102/exports/")
    platforms = page.locator("section.export-group").evaluate_all(
        "groups => groups.map(g => g.dataset.platform)"
    )
    assert platforms[0] == ""  # the platform's own data first
    assert "netzerocities" in platforms
    assert (
        page.locator("section[data-platform=netzerocities] h2")
        .inner_text()
        .endswith("NetZeroCities")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card = page.locator("#exporter-investment-plan")
    card.locator("input[name=year]").fill("2025")
    with page.expect_download() as download:
        card.locator("button[data-format=xlsx]").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    texts = {
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
    }
    assert "Biogas buses" in texts
    assert 10_000_000 in texts  # the total capital expenditure
    assert page.console_errors == []


def test_the_platform_exports_are_reached_from_the_footer(page, db, example_data):
    page.goto("/")
    page.locator("#platform-exports-link").click()
    page.wait_for_url("**/exports/")
    assert page.locator("#exporter-metrics a[data-format=csv]").count() == 1
    assert page.locator("#exporter-investment-plan").count() == 0  # an organisation's
