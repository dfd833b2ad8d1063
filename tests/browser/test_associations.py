"""The secretariat adds a contact politician to a member in the browser and sees it; the public
association page shows the members and no e-mail address."""

import pytest

from klimatlaget.associations.models import Contact
from klimatlaget.demo.association import load_example_contacts_and_board, load_memberships

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_adds_a_contact_politician_and_the_public_page_shows_no_email(page, users):
    assoc = load_memberships(example=True).association
    load_example_contacts_and_board(assoc)
    page.goto("/accounts/login/?next=/associations/klimatkommunerna/members/")
    page.get_by_label("Användarnamn").fill("kansli")
    page.get_by_label("Lösenord").fill("pw-kansli")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/associations/klimatkommunerna/members/")
    page.get_by_role("button", name="English").click()

    form = page.locator("form#add-contact")
    form.get_by_label("Member", exact=True).select_option(label="Tallnäs")
    form.get_by_label("Kind", exact=True).select_option("politician")
    form.get_by_label("Name", exact=True).fill("Ny Kontaktpolitiker")
    form.get_by_label("Role", exact=True).fill("Chair of the environment committee")
    form.get_by_label("E-mail", exact=True).fill("ny.kontaktpolitiker@tallnas.example")
    form.get_by_label("Language", exact=True).select_option("en")  # of the e-mails sent
    form.get_by_role("button", name="Add the contact").click()
    # A politician must have a party: the error is shown and nothing is saved.
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_text("Give the party of a contact politician.").is_visible()
    assert not Contact.objects.filter(name="Ny Kontaktpolitiker").exists()
    form.get_by_label("Party", exact=True).fill("Exempelpartiet")
    form.get_by_role("button", name="Add the contact").click()
    page.wait_for_url("**/associations/klimatkommunerna/members/")

    contact = Contact.objects.get(name="Ny Kontaktpolitiker")
    assert (contact.member.code, contact.kind, contact.language) == ("9201", "politician", "en")
    row = page.locator(f"#membership-{contact.member.member_of.get().pk}")
    assert row.get_by_text("ny.kontaktpolitiker@tallnas.example").is_visible()
    assert page.console_errors == []

    page.get_by_role("button", name="Log out").click()
    page.goto("/associations/klimatkommunerna/")
    assert page.get_by_role("heading", name="Klimatkommunerna").is_visible()
    assert page.get_by_role("rowheader", name="Tallnäs").is_visible()
    assert page.get_by_role("rowheader", name="Strandhamn").is_visible()
    assert "@" not in page.content()
    assert "Ny Kontaktpolitiker" not in page.content()
