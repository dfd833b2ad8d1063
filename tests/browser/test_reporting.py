"""Reporting readiness in the browser on a phone: an editor answers a shared question once and
sees the item turn answered in two platforms; the association counts its members; the platform's
secretariat keeps the deadlines."""

import pytest

from klimatlaget.associations.models import Membership
from klimatlaget.organisations.models import Organisation

from .helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _status(page, platform: str, question: str) -> str | None:
    row = page.locator(f"#platform-{platform} tr[data-question='{question}']")
    return row.get_attribute("data-status")


def test_an_editor_answers_once_and_two_platforms_count_it_on_a_phone(page, users):
    page.set_viewport_size(PHONE)
    log_in(page, "alice", "/o/9102/")
    page.locator("#reporting-link").click()
    page.wait_for_url("**/o/9102/reporting/")
    assert _status(page, "covenant", "governance.lead") == "missing"
    assert _status(page, "cdp", "governance.lead") == "missing"
    assert page.locator("#due-next li").count() >= 1
    _fits(page)

    question = page.locator("[id='question-governance.lead']")
    question.locator("textarea").fill("Miljöförvaltningen samordnar klimatarbetet.")
    question.locator("button[type=submit]").click()
    page.wait_for_url("**/o/9102/reporting/#question-governance.lead")
    assert "Miljöförvaltningen" in question.locator("[data-answer]").inner_text()
    assert _status(page, "covenant", "governance.lead") == "answered"
    assert _status(page, "cdp", "governance.lead") == "answered"
    _fits(page)


def test_the_association_counts_its_members_readiness_on_a_phone(page, users):
    association = Organisation.objects.create(
        code="klimatkommunerna", name="Klimatkommunerna", kind="association"
    )
    for code in ("9102", "9201"):
        Membership.objects.create(
            association=association, member=Organisation.objects.get(code=code), joined="2020-01-01"
        )
    page.set_viewport_size(PHONE)
    page.goto("/associations/klimatkommunerna/")
    page.locator("#member-reporting-link").click()
    page.wait_for_url("**/associations/klimatkommunerna/reporting/")
    assert page.locator("#readiness-chart svg:visible").count() == 1
    assert page.locator("#member-readiness tbody tr").count() == 2
    assert page.locator("#platform-totals tbody tr").count() == 6
    _fits(page)
    with page.expect_download() as download:
        page.locator("#readiness-csv").click()
    lines = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "code,name,covenant,cdp,netzerocities,wwf-opcc,viable-cities,association"
    assert len(lines) == 3


def test_the_platform_secretariat_keeps_the_deadlines(page, users):
    page.set_viewport_size(PHONE)
    log_in(page, "kansli", "/reporting/deadlines/")
    page.locator("#adopt-defaults").click()
    page.wait_for_url("**/reporting/deadlines/")
    rows = page.locator("#deadlines tbody tr")
    assert rows.count() == 5
    rows.first.locator("a").click()
    page.locator("#id_title").fill("Ändrad rubrik")
    page.locator("#deadline-form button[type=submit]").click()
    page.wait_for_url("**/reporting/deadlines/")
    assert "Ändrad rubrik" in page.locator("#deadlines").inner_text()
    _fits(page)
