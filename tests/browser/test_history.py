"""The history page in the browser: a member's editor sees that a contact changed but not the
person's details; a viewer does not see the change at all."""

import re

import pytest

from browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Hemlig Kontaktsson"


@pytest.fixture
def contact(users):
    from klimatlaget.associations import services
    from klimatlaget.demo.association import load_memberships
    from klimatlaget.organisations.models import Organisation

    association = load_memberships(example=True).association
    member = Organisation.objects.get(code="9102")
    values = {"kind": "contact_person", "name": NAME, "email": "hemlig@strandhamn.example"}
    return services.add_contact(users["alice"], association, member, values)


def test_history_says_a_contact_changed_without_who_and_only_to_its_readers(page, contact):
    log_in(page, "alice", "/o/9102/history/")
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    row = page.locator('tr[data-action="klimatlaget.contact.added"]')
    assert row.get_by_role("cell", name=re.compile("for Klimatkommunerna added$")).is_visible()
    row.get_by_text("4 values").click()
    details = row.locator("details table")
    assert details.get_by_role("cell", name="(not kept)").count() == 2  # name and e-mail
    assert details.get_by_role("cell", name="Contact person", exact=True).is_visible()
    assert page.locator("#history-privacy").is_visible()
    assert NAME not in page.content()

    page.context.clear_cookies()  # a new visitor, in Swedish again
    log_in(page, "lasare", "/o/9102/history/")
    assert page.locator("#history-privacy").is_visible()
    assert page.locator('tr[data-action="klimatlaget.contact.added"]').count() == 0
    assert page.locator("tr[data-action]").count() > 0  # the public changes are still shown
    assert NAME not in page.content()
    assert page.console_errors == []
