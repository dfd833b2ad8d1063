"""The cities' contracts compared in the browser: a visitor on a phone picks a subject and
sees two cities' sections on it side by side, opens a long text in full, and searches."""

import pytest

from contracts.conftest import PARSED
from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
from klimatlaget.contracts import services
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LONG = " ".join(["Tallnäs bygger pendelparkeringar vid stationerna."] * 12)


@pytest.fixture
def two_cities(users):
    strandhamn = Organisation.objects.get(code="9102")
    tallnas = Organisation.objects.get(code="9201")
    own = services.store_parsed(users["alice"], strandhamn, 2024, PARSED)
    other = services.store_parsed(
        users["bob"],
        tallnas,
        2024,
        ParsedContract(
            [ParsedSection("3.2.1", "Mobilitet", LONG, "municipality.strategy.mobility")]
        ),
    )
    for actor, contract in ((users["alice"], own), (users["bob"], other)):
        services.update_contract(actor, contract, {"status": "signed", "signed_on": "2024-05-01"})


def test_a_visitor_compares_two_cities_on_a_phone(page, two_cities):
    page.set_viewport_size(PHONE)
    page.goto("/contracts/compare/")
    page.locator("#subject").select_option("municipality.strategy.mobility")
    page.locator("#year").select_option("2024")
    page.locator("#compare-button").click()
    page.wait_for_url("**subject=municipality.strategy.mobility**")
    cards = page.locator("#compare-cards > li")
    codes = cards.evaluate_all("cards => cards.map(c => c.dataset.code)")
    assert sorted(codes) == ["9102", "9201"]
    rows = page.locator("#compare-table tbody tr").evaluate_all("rs => rs.map(r => r.dataset.code)")
    assert sorted(rows) == ["9102", "9201"]
    tallnas = page.locator("#city-9201")
    full = tallnas.locator("details.show-all .section-text")
    assert not full.is_visible()
    tallnas.locator("details.show-all summary").click()
    assert full.is_visible() and full.inner_text().count("pendelparkeringar") == 12
    assert page.locator("#city-9102 .section-text").inner_text() == "Fler cyklar."
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []


def test_a_visitor_searches_the_contracts(page, two_cities):
    page.set_viewport_size(PHONE)
    page.goto("/contracts/search/")
    page.locator("#q").fill("pendelparkeringar")
    page.locator("#search-form button").click()
    page.locator("#search-hits").wait_for()
    hits = page.locator("#search-hits li")
    assert hits.count() == 1 and hits.get_attribute("data-code") == "9201"
    assert hits.locator("mark").first.inner_text().lower() == "pendelparkeringar"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_a_visitor_reads_the_coverage_and_one_city_s_gaps(page, two_cities):
    page.set_viewport_size(PHONE)
    page.goto("/contracts/coverage/")
    row = page.locator('#coverage-matrix tr[data-subject="municipality.targets"]')
    assert row.locator('td[data-code="9102"]').get_attribute("data-covered") == "1"
    assert row.locator('td[data-code="9201"]').get_attribute("data-covered") == "0"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator('#coverage-matrix thead a[href="/o/9201/contracts/2024/coverage/"]').click()
    page.wait_for_url("**/o/9201/contracts/2024/coverage/")
    first = page.locator("#city-coverage tbody tr").first
    assert first.get_attribute("data-others") == "1"
    lacking = page.locator('#city-coverage tr[data-subject="municipality.targets"]')
    assert lacking.get_attribute("data-covered") == "0"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []
