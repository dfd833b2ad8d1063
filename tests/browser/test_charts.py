"""In the browser: chart text keeps its size at any page width, and the comparison chart of all
290 municipalities stays a sensible height."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The rendered size in px of every axis label in the charts that show (the computed font size
# times the scale the SVG is drawn at).
AXIS_FONT_SIZES = """() => [...document.querySelectorAll('figure.chart svg .kl-axis text')]
  .filter(text => text.getClientRects().length > 0)
  .map(text => parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a)"""


@pytest.mark.parametrize("path", ["/o/9102/", "/compare/?metric=last_emissions_t"])
def test_chart_text_is_the_same_readable_size_on_a_phone_and_a_desktop(page, example_data, path):
    sizes = {}
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(path)
        sizes[width] = page.evaluate(AXIS_FONT_SIZES)
        assert sizes[width], f"no axis labels shown at {width} px"
        assert min(sizes[width]) >= 11
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert max(sizes[1280]) - min(sizes[390]) <= 2
    assert max(sizes[390]) - min(sizes[1280]) <= 2


def test_comparison_chart_of_all_municipalities_is_not_thousands_of_pixels_tall(page, real_data):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/compare/?metric=last_emissions_per_capita_t")
    assert page.locator("#comparison-table tbody tr").count() == 290
    chart = page.locator("#comparison-chart svg:visible")
    assert chart.count() == 1
    assert chart.bounding_box()["height"] < 1000
    assert chart.locator(".kl-row").count() == 20
    assert "270" in chart.locator(".kl-omitted").text_content()
    # a small value keeps its decimals (per-inhabitant emissions are a few tonnes)
    values = chart.locator(".kl-value").all_text_contents()
    assert all("," in value for value in values), values

    page.locator("a[href*='all=1']").click()
    page.wait_for_url("**all=1**")
    chart = page.locator("#comparison-chart svg:visible")
    assert chart.locator(".kl-row").count() == 290
    assert page.locator("#comparison-table tbody tr").count() == 290
