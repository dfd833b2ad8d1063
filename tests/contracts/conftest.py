import re

import pytest

from klimatlaget.accounts.models import Role, RoleKind
from klimatlaget.calc.contract_text import ParsedContract, ParsedSection
from klimatlaget.contracts import services
from klimatlaget.organisations.models import Organisation, OrganisationKind

#: A contract as the text reader gives it: Kalmar's first sections, with 3.2 missing so that
#: 3.2.1 hangs under 3, and section 5 without a subject.
PARSED = ParsedContract(
    sections=[
        ParsedSection("1", "Syftet med Klimatkontrakt 2030", "Syftet är…", "purpose"),
        ParsedSection("3", "Kommunens åtaganden", "", "municipality"),
        ParsedSection("3.1", "Kommunens klimatmål", "Klimatneutral 2030.", "municipality.targets"),
        ParsedSection("3.2.1", "Mobilitet", "Fler cyklar.", "municipality.strategy.mobility"),
        ParsedSection("4", "Viable Cities åtaganden", "Stöd.", "viable_cities"),
        ParsedSection("4.1", "Kunskap", "Kurser.", None),
        ParsedSection("5", "Myndigheternas åtaganden", "Samverkan.", None),
        ParsedSection("7", "Gemensam uppföljning", "Årligen.", "joint_followup"),
    ],
    preamble="Klimatkontrakt 2030",
)


@pytest.fixture
def strandhamn(users):
    return Organisation.objects.get(code="9102")


@pytest.fixture
def programme(db):
    """Viable Cities, the programme office (its code is the setting's default)."""
    return Organisation.objects.create(
        code="viable-cities", name="Viable Cities", kind=OrganisationKind.PROGRAMME_OFFICE
    )


@pytest.fixture
def office(django_user_model, programme):
    """The programme office: a secretariat role for Viable Cities."""
    user = django_user_model.objects.create_user(username="kontoret", password="pw-kontoret")
    Role.objects.create(user=user, kind=RoleKind.SECRETARIAT_ADMIN, organisation=programme)
    return user


@pytest.fixture
def outsider(django_user_model, db):
    """The secretariat of another association."""
    other = Organisation.objects.create(
        code="grannar", name="Grannkommunerna", kind=OrganisationKind.ASSOCIATION
    )
    user = django_user_model.objects.create_user(username="grannar", password="pw-grannar")
    Role.objects.create(user=user, kind=RoleKind.SECRETARIAT_ADMIN, organisation=other)
    return user


@pytest.fixture
def contract(users, strandhamn):
    """Strandhamn's draft of 2024, stored from :data:`PARSED` by its editor."""
    return services.store_parsed(users["alice"], strandhamn, 2024, PARSED, source="kontrakt.txt")


@pytest.fixture
def signed(users, contract):
    services.update_contract(
        users["alice"], contract, {"status": "signed", "signed_on": "2024-05-01"}
    )
    contract.refresh_from_db()
    return contract


def confirm_review(client, review):
    """Post the confirmation form of the review page ``review`` (with the review's id)."""
    found = re.search(r'name="review" value="(\d+)"', review.content.decode())
    assert found, "the review page has a confirmation form"
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}  # the messages it leaves are said in English
    return client.post("/o/9102/contracts/import/confirm/", {"review": found[1]}, **english)
