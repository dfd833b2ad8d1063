"""A secretariat runs its own association only: in the browser it finds its members page and a
member's contacts for its association, and neither the management link nor the contacts of
another association that the same member belongs to."""

import datetime

import pytest

from browser.helpers import log_in
from klimatlaget.accounts.models import Role, RoleKind
from klimatlaget.associations.models import Contact, Membership
from klimatlaget.demo.association import load_example_contacts_and_board, load_memberships
from klimatlaget.organisations.models import Organisation, OrganisationKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_associations(users, django_user_model):
    """Klimatkommunerna (run by "sekretariat") and Grannkommunerna, which Strandhamn also
    belongs to, with a contact of its own for Strandhamn."""
    ours = load_memberships(example=True).association
    load_example_contacts_and_board(ours)
    theirs = Organisation.objects.create(
        code="grannkommunerna", name="Grannkommunerna", kind=OrganisationKind.ASSOCIATION
    )
    strandhamn = Organisation.objects.get(code="9102")
    joined = datetime.date(2020, 1, 1)
    Membership.objects.create(association=theirs, member=strandhamn, joined=joined)
    Contact.objects.create(
        association=theirs, member=strandhamn, kind="contact_person", name="Granne Grannsson"
    )
    user = django_user_model.objects.create_user(username="sekretariat", password="pw-sekretariat")
    Role.objects.create(user=user, kind=RoleKind.SECRETARIAT_ADMIN, organisation=ours)
    return ours, theirs


def test_a_secretariat_sees_only_its_own_association(page, two_associations):
    log_in(page, "sekretariat", "/associations/klimatkommunerna/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Members over time and contacts").click()
    page.wait_for_url("**/associations/klimatkommunerna/members/")
    page.get_by_role("link", name="Strandhamn").first.click()
    page.wait_for_url("**/o/9102/contacts/")
    assert page.get_by_role("heading", name="Klimatkommunerna").is_visible()
    assert page.get_by_role("heading", name="Grannkommunerna").count() == 0
    assert "Granne Grannsson" not in page.content()

    page.goto("/associations/grannkommunerna/")
    assert page.get_by_role("link", name="Members over time and contacts").count() == 0
    assert page.console_errors == []
    refused = page.goto("/associations/grannkommunerna/members/")
    assert refused is not None and refused.status == 403
