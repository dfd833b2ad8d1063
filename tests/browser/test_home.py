"""The home page's search: suggestions as you type, chosen with the keyboard; a results page
without JavaScript; and the figures to start from."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_typing_part_of_a_name_suggests_it_and_the_keyboard_chooses_it(page, real_data):
    page.goto("/")
    box = page.get_by_role("combobox")
    box.press_sequentially("Kalm")
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options.first).to_contain_text("Kalmar")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    box.press("Enter")
    page.wait_for_url("**/o/0880/")
    assert page.get_by_role("heading", name="Kalmar", level=1).is_visible()
    assert page.console_errors == []


def test_escape_closes_the_suggestions(page, real_data):
    page.goto("/")
    box = page.get_by_role("combobox")
    box.press_sequentially("upplands-väsby")
    expect(page.get_by_role("option").first).to_contain_text("Upplands Väsby")
    box.press("Escape")
    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_form_shows_a_results_page(browser, live_server, real_data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("searchbox").fill("kalm")
    page.locator("#find button[type=submit]").click()
    page.wait_for_url(re.compile(r"/\?q=kalm$"))
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name="Kalmar", exact=True)).to_have_attribute(
        "href", "/o/0880/"
    )
    results.get_by_role("link", name="Kalmar", exact=True).click()
    page.wait_for_url("**/o/0880/")
    context.close()


def test_the_home_page_links_the_municipalities_furthest_ahead_and_behind(page, real_data):
    page.goto("/")
    for key in ("last_emissions_per_capita_t", "change_since_1990_pct", "gap_share_pct"):
        section = page.locator(f"#ranking-{key}")
        expect(section.locator("ol.ahead a")).to_have_count(5)
        expect(section.locator("ol.behind a")).to_have_count(5)
    first = page.locator("#ranking-change_since_1990_pct ol.ahead a").first
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
