"""Karlshamn's trend in the browser: its leave-one-out range includes zero, so it is uncertain
on the organisation page (card and chart band) and marked on the comparison page."""

import pytest

from klimatlaget.calc import MetricParameters
from klimatlaget.emissions.metrics import all_metrics

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KARLSHAMN = "1082"


@pytest.fixture
def english_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    yield context.new_page()
    context.close()


def test_karlshamn_shows_its_trend_range(english_page, real_data):
    page = english_page
    trend = all_metrics(MetricParameters(current_year=2026))[KARLSHAMN].trend
    assert trend is not None and trend.slope_low < 0 < trend.slope_high
    page.goto(f"/o/{KARLSHAMN}/?current_year=2026")

    card = page.locator("li.card").filter(has=page.locator("p.label", has_text="Trend per year"))
    expected = (
        f"{round(trend.slope_t_per_yr):,} t (range {round(trend.slope_low):,} "
        f"to +{round(trend.slope_high):,}; uncertain)"
    )
    assert card.locator("p.value").inner_text() == expected
    assert card.locator(".flag").inner_text() == "Uncertain"
    assert "each year in turn is left out" in card.inner_text()
    band = page.locator("figure.chart svg:visible path.kl-band")
    assert band.count() == 1
    assert "Trend range (one year left out)" in page.locator("figure.chart").first.inner_text()
    page.set_viewport_size({"width": 390, "height": 844})  # the long value wraps on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto("/compare/?kind=municipality")
    row = page.locator("#comparison-table tbody tr").filter(
        has=page.locator("th", has_text="Karlshamn")
    )
    assert row.locator(".flag.uncertain").count() == 1
    assert "Uncertain trend" in row.inner_text()
    assert page.locator("#uncertain-note").is_visible()
