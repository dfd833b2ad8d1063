"""In the browser: from the footer to the open data page, its tables described, the CSV and
the descriptor downloaded, in Swedish and in English, and on a 390 px phone."""

import json

import pytest

from opendata.conftest import published  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_the_open_data_page_from_the_footer(page, published):  # noqa: F811
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.locator("#footer-open-data").click()
    page.wait_for_url("**/open-data/")
    assert page.locator("html").get_attribute("lang") == "sv"
    for table in ("organisations", "emissions", "metrics", "targets", "measures"):
        assert page.locator(f"section#{table} table tbody tr").count() > 0
    assert page.locator("section#contract_sections").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    with page.expect_download() as download:
        page.locator("#open-data-measures-csv").click()
    text = download.value.path().read_text(encoding="utf-8")
    assert text.startswith("measure_id,organisation_code,")
    descriptor = page.request.get(page.locator("#open-data-descriptor").get_attribute("href"))
    assert json.loads(descriptor.body())["resources"][0]["name"] == "organisations"
    assert page.console_errors == []


def test_the_open_data_page_in_english(page, published):  # noqa: F811
    page.goto("/open-data/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    page.goto("/open-data/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Open data"
    assert page.locator("#emissions h2").inner_text().startswith("Emissions")
