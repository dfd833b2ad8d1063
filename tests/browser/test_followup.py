"""A quarter's follow-up in the browser: the editor prepares it, the owner of a measure finds it
from the start page and fills in their own row, the editor fills in the rest, is told what is
missing, approves, and sees the period locked; no page is wider than a 390 px phone."""

import pytest

from browser.helpers import log_in
from klimatlaget.followup.models import FollowUpPeriod
from klimatlaget.followup.services import set_owners
from klimatlaget.measures import indicators, services
from klimatlaget.organisations.models import Organisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
BASE = {"sector": "Transporter", "type": "technical", "status": "decided"}
PAGE = "/o/9102/follow-up/2025-q2/"


@pytest.fixture
def strandhamn_measures(users):
    strandhamn = Organisation.objects.get(code="9102")
    alice = users["alice"]
    buses = services.create_measure(
        alice,
        strandhamn,
        {
            **BASE,
            "code": "T1",
            "title": "Buses",
            "budget_sek": 2_000_000,
            "expected_reduction_t": 40,
            "effect_year": 2027,
        },
    )
    services.create_measure(alice, strandhamn, {**BASE, "code": "E1", "title": "Solar"})
    indicators.create_indicator(alice, strandhamn, {"name": "Cycle lanes", "unit": "km"})
    set_owners(alice, buses, [users["nobody"]])
    return strandhamn


def _row(page, code: str):
    return page.locator(f'#measure-reports tbody tr[data-code="{code}"]')


def _too_wide(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _submit(page, button: str) -> None:
    with page.expect_navigation():
        page.locator(button).click()
    assert PAGE in page.url


def _switch_to(page, username: str, next_url: str) -> None:
    page.context.clear_cookies()
    log_in(page, username, next_url)


def test_a_quarter_is_filled_in_by_owner_and_editor_then_approved(page, strandhamn_measures):
    page.set_viewport_size(PHONE)
    log_in(page, "alice", "/o/9102/follow-up/")
    page.locator("#prepare-form [name=year]").fill("2025")
    page.locator("#prepare-form [name=quarter]").select_option("2")
    page.locator("#prepare-form button[type=submit]").click()
    page.wait_for_url(f"**{PAGE}")
    assert page.locator("#progress").get_attribute("data-total") == "2"
    assert page.locator("#progress").get_attribute("data-filled") == "0"
    assert _too_wide(page) <= 0

    # the owner, who has no role, finds the period on the start page
    _switch_to(page, "nobody", "/start/")
    page.locator("#owned-measures .to-report a").first.click()
    page.wait_for_url(f"**{PAGE}**")
    assert _row(page, "T1").get_attribute("data-editable") == "yes"
    assert _row(page, "E1").get_attribute("data-editable") == "no"
    assert page.locator("#approve-form").count() == 0
    _row(page, "T1").locator("[name$=-completion_pct]").fill("50")
    _row(page, "T1").locator("[name$=-spent_sek]").fill("750 000")
    _row(page, "T1").locator("[name$=-achieved_reduction_t]").fill("12,5")
    _row(page, "T1").locator("[name$=-comment]").fill("Två linjer elektrifierade")
    _submit(page, "#save-reports")
    assert _row(page, "T1").get_attribute("data-filled") == "yes"
    assert page.locator("#progress").get_attribute("data-filled") == "1"
    assert _too_wide(page) <= 0

    # the editor is told what is missing, fills it in and approves
    _switch_to(page, "alice", PAGE)
    _submit(page, "#approve")
    assert page.locator("#not-reported").get_attribute("data-codes") == "E1"
    assert "E1" in page.locator(".message-error").first.inner_text()
    assert not FollowUpPeriod.objects.get().approved
    assert _row(page, "T1").locator("[name$=-completion_pct]").input_value() == "50"
    _row(page, "E1").locator("[name$=-status]").select_option("ongoing")
    page.locator("#indicator-reports [name$=-value]").fill("3,5")
    _submit(page, "#save-reports")
    assert page.locator("#progress").get_attribute("data-filled") == "2"
    _submit(page, "#approve")

    assert page.locator("#period-locked").is_visible()
    assert page.locator("#measure-reports input, #measure-reports select").count() == 0
    assert page.locator("#approve-form, #reports-form").count() == 0
    assert _row(page, "E1").locator("[data-status]").get_attribute("data-status") == "ongoing"
    assert "12,5" in _row(page, "T1").inner_text()
    assert _too_wide(page) <= 0
    assert page.console_errors == []
