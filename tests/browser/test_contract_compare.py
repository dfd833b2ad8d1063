"""Comparing contract versions in the browser: a visitor on a phone goes from the versions to
the changes of 2025, sees the changed words marked, the removed and the renumbered sections,
and narrows the page to the changes."""

import pytest

from contracts.conftest import PARSED
from contracts.test_compare import EXPECTED, PARSED_2025
from klimatlaget.contracts import services
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def versions(users):
    """Strandhamn's contracts of 2024 and 2025, both signed, stored through the services."""
    strandhamn = Organisation.objects.get(code="9102")
    alice = users["alice"]
    for year, parsed in ((2024, PARSED), (2025, PARSED_2025)):
        contract = services.store_parsed(alice, strandhamn, year, parsed)
        signed = {"status": "signed", "signed_on": f"{year}-05-01"}
        services.update_contract(alice, contract, signed)


def _shown(page) -> list[tuple[str, str, str]]:
    return [
        tuple(each)
        for each in page.locator(".compare-section").evaluate_all(
            "sections => sections.map(s => [s.dataset.status, s.dataset.oldNumber,"
            " s.dataset.newNumber])"
        )
    ]


def test_a_visitor_reads_the_changes_of_a_new_version_on_a_phone(page, versions):
    page.set_viewport_size(PHONE)
    page.goto("/o/9102/contracts/")
    page.locator('#contracts a.compare-link[href="/o/9102/contracts/2025/compare/"]').click()
    page.wait_for_url("**/o/9102/contracts/2025/compare/")
    assert _shown(page) == EXPECTED
    counts = page.locator("#counts li").evaluate_all(
        "items => Object.fromEntries(items.map(i => [i.dataset.status, +i.dataset.count]))"
    )
    assert counts == {"changed": 1, "added": 1, "removed": 1, "unchanged": 6, "renumbered": 2}
    changed = page.locator('.compare-section[data-status="changed"]')
    assert changed.locator("ins").inner_text() == " med negativa utsläpp"
    assert changed.locator("ins").is_visible()
    removed = page.locator('.compare-section[data-status="removed"]')
    assert removed.get_attribute("data-subject") == ""  # 4.1 had no subject
    assert "Kunskap" in removed.locator("h2").inner_text()
    renumbered = page.locator('.compare-section[data-old-number="3.2.1"]')
    assert renumbered.get_attribute("data-renumbered") == "true"
    assert renumbered.locator(".renumbered").is_visible()
    assert not renumbered.locator(".section-text").is_visible()  # unchanged: collapsed
    renumbered.locator("summary").click()
    assert renumbered.locator(".section-text").inner_text() == "Fler cyklar."
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.locator("#id_changes").check()
    page.locator("#compare-form button[type=submit]").click()
    page.wait_for_url("**/compare/?with=2024&changes=1")
    assert [status for status, _old, _new in _shown(page)] == ["changed", "added", "removed"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.console_errors == []
