"""The context on an organisation page in the browser: ranks, the county and Sweden beside the
municipality, and similar municipalities to go on to; readable on a phone."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def english_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    yield context.new_page()
    context.close()


def test_a_visitor_compares_a_municipality_and_goes_on_to_its_county_and_peers(
    english_page, example_data
):
    page = english_page
    page.goto("/o/9102/")
    table = page.locator("#context-table")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Figure", "Strandhamn", "Rank among municipalities", "Exempellän", "Sverige"]
    change = table.locator("tbody tr", has_text="Change since 1990")
    assert change.locator("td").nth(1).inner_text().endswith("lowest of 10")

    similar = page.locator("#similar-table")
    assert similar.locator("tr.current").inner_text().startswith("Strandhamn")
    similar.get_by_role("link", name="Mossala").click()
    page.wait_for_url("**/o/9105/")
    assert page.locator("#similar-table").get_by_role("link", name="Strandhamn").is_visible()

    page.locator("#context-table thead").get_by_role("link", name="Exempellän").click()
    page.wait_for_url("**/o/91/")
    assert "Rank among counties" in page.locator("#context-table thead").inner_text()
    page.locator("#context-table thead").get_by_role("link", name="Sverige").click()
    page.wait_for_url("**/o/00/")
    assert "Median municipality" in page.locator("#context-table thead").inner_text()


def test_the_context_tables_scroll_inside_their_box_on_a_phone(english_page, example_data):
    page = english_page
    page.set_viewport_size(PHONE)
    page.goto("/o/9102/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for table in ("#context-table", "#similar-table"):
        box = page.locator(table).locator("xpath=..")
        assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
        assert page.locator(table).is_visible()
