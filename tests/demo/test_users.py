"""The demo's users: with the real data, Kalmar's 2024 contract stays a draft (its text gives no
date of signing), and its readers are its editors (redaktor), the programme office
(programkontor, Viable Cities' secretariat) and its parties' editors (myndighet, editing
Energimyndigheten); the association's secretariat and the viewer do not find it."""

import pytest

from demo.contract import CONTRACT_FILE
from klimatlaget.accounts.models import Role
from klimatlaget.contracts.models import Contract
from klimatlaget.demo.association import ASSOCIATION_CODE, ASSOCIATION_NAME
from klimatlaget.demo.contracts import load_demo_contracts
from klimatlaget.demo.setup import DEMO_PASSWORD, create_demo_users
from klimatlaget.organisations.models import Organisation, OrganisationKind

KALMAR = "/o/0880/contracts/2024/"


def _association() -> None:
    Organisation.objects.create(
        code=ASSOCIATION_CODE, name=ASSOCIATION_NAME, kind=OrganisationKind.ASSOCIATION
    )


def _roles(username: str) -> set[tuple[str, str | None]]:
    return {
        (role.kind, role.organisation.code if role.organisation else None)
        for role in Role.objects.filter(user__username=username).select_related("organisation")
    }


def test_kalmars_draft_is_read_by_its_editors_parties_and_programme_office(
    kalmar, contract, client, django_user_model
):
    _association()
    load_demo_contracts(example=False, seeds=CONTRACT_FILE.parent, say=lambda _text: None)
    said: list[str] = []
    create_demo_users(said.append)
    stored = Contract.objects.get(organisation__code="0880", year=2024)
    assert (stored.status, stored.signed_on) == ("draft", None)
    assert _roles("programkontor") == {("secretariat_admin", "viable-cities")}
    assert _roles("redaktor") == {("editor", "0180"), ("editor", "0880")}
    assert _roles("myndighet") == {("editor", "energimyndigheten")}
    assert "programkontor" in said[0] and "myndighet (editor of Energimyndigheten" in said[0]

    for username, status in (
        ("programkontor", 200),
        ("redaktor", 200),
        ("myndighet", 200),
        ("kansli", 404),
        ("lasare", 404),
    ):
        user = django_user_model.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        client.force_login(user)
        assert client.get(KALMAR).status_code == status, username

    # the programme office edits the parts Viable Cities writes; Kalmar's editor does not
    joint = stored.sections.filter(writer="viable_cities").first()
    assert joint is not None
    edit = f"{KALMAR}sections/{joint.pk}/edit/"
    client.force_login(django_user_model.objects.get(username="programkontor"))
    assert client.get(edit).status_code == 200
    client.force_login(django_user_model.objects.get(username="redaktor"))
    assert client.get(edit).status_code == 403
    assert client.get(f"{KALMAR}edit/").status_code == 200


@pytest.mark.usefixtures("example_data")
def test_the_example_has_a_programme_office_and_no_agency_editor():
    _association()
    load_demo_contracts(example=True, seeds=None, say=lambda _text: None)
    said: list[str] = []
    create_demo_users(said.append)
    assert _roles("programkontor") == {("secretariat_admin", "viable-cities")}
    assert _roles("redaktor") == {("editor", "9102")}
    assert not Role.objects.filter(user__username="myndighet").exists()
    create_demo_users(said.append)  # twice: nothing new
    assert Role.objects.filter(user__username="programkontor").count() == 1
