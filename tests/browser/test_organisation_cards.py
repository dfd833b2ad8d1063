"""Stockholm's key-figure cards in the browser: the gap reads the way its sign goes."""

import re

import pytest
from django.utils import translation

from klimatlaget.calc import MetricParameters
from klimatlaget.emissions import figures
from klimatlaget.emissions.metrics import all_metrics

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    yield context.new_page()
    context.close()


def _card(page, label):
    return page.locator("li.card").filter(has=page.locator("p.label", has_text=label))


def test_stockholm_cards(english_page, real_data):
    page = english_page
    metrics = all_metrics(MetricParameters(current_year=2026))["0180"]
    assert metrics.gap_t is not None and metrics.gap_t < 0  # Stockholm's trend emits less
    page.goto("/o/0180/?current_year=2026")

    gap = _card(page, "Gap to the Carbon Law")
    assert gap.locator("p.value").inner_text().startswith(f"{round(-metrics.gap_t):,} t")
    assert "of the Carbon Law budget" in gap.locator("p.value").inner_text()
    assert gap.locator(".flag.flag-good").inner_text() == "Below the pathway"
    assert "The trend emits less than the Carbon Law pathway" in gap.inner_text()
    assert page.locator("figure.chart svg:visible path.kl-gap").count() == 1
    assert "Gap: trend below the pathway" in page.locator("figure.chart").first.inner_text()

    zero = _card(page, "Trend reaches zero").locator("p.value").inner_text()
    with translation.override("en"):
        assert zero == figures.zero_year_text(metrics, metrics.params)
    assert re.fullmatch(r"\d{4}|After 2050|Not on the current trend", zero)
    assert metrics.remaining_budget is not None
    needed = _card(page, "Needed reduction per year").locator("p.value").inner_text()
    assert needed == f"-{metrics.remaining_budget.rate * 100:.1f} %"
    assert needed != "-11.7 %"
