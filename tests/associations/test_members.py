"""Members, contact persons, contact politicians and the board: validation, services with their
change log, and who may see and change what on the pages and the API."""

import datetime
import json

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from klimatlaget.associations import services
from klimatlaget.associations.models import BoardMember, Contact, Membership, members_in_year
from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.subjects import HIDDEN
from klimatlaget.demo.association import load_example_contacts_and_board, load_memberships
from klimatlaget.organisations.models import Organisation

D = datetime.date
POLITICIAN = {
    "kind": "politician",
    "name": "Test Politikersson",
    "role": "Chair",
    "email": "test.politikersson@tallnas.example",
    "party": "Exempelpartiet",
}


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English; the site's default language is Swedish."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def assoc(users):
    return load_memberships(example=True).association


def org(code):
    return Organisation.objects.get(code=code)


# Memberships -------------------------------------------------------------------------------


def test_secretariat_adds_changes_and_ends_a_membership_with_audit(users, assoc):
    kansli = users["kansli"]
    Membership.objects.filter(member__code="9201").delete()
    membership = services.add_membership(kansli, assoc, org("9201"), D(2021, 5, 1))
    assert org("9201") in members_in_year(assoc, 2021)
    entry = AuditEntry.objects.filter(organisation__code="9201").latest("id")
    assert entry.action == "klimatlaget.membership.created" and entry.actor == kansli

    changes = services.end_membership(kansli, membership, D(2023, 6, 30))
    assert changes == {"left": [None, D(2023, 6, 30)]}
    membership.refresh_from_db()
    assert membership.left == D(2023, 6, 30)
    assert org("9201") not in members_in_year(assoc, 2024)
    entry = AuditEntry.objects.filter(organisation__code="9201").latest("id")
    assert entry.action == "klimatlaget.membership.changed"
    assert entry.changes == {"left": [None, "2023-06-30"]}
    with pytest.raises(ValidationError):
        services.end_membership(kansli, membership, D(2024, 1, 1))


def test_membership_validation(users, assoc):
    kansli = users["kansli"]
    strandhamn = org("9102")  # a member since 2008-10-15, still
    with pytest.raises(ValidationError) as error:
        services.add_membership(kansli, assoc, strandhamn, D(2020, 1, 1))
    assert "overlap" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.add_membership(kansli, assoc, org("9103"), D(2019, 1, 1), D(2018, 1, 1))
    assert "left" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.add_membership(kansli, assoc, assoc, D(2020, 1, 1))
    with pytest.raises(ValidationError):
        services.add_membership(kansli, org("9101"), org("9103"), D(2020, 1, 1))
    # Björkås (9103) left at the end of 2019 and may join again afterwards, not before.
    with pytest.raises(ValidationError):
        services.add_membership(kansli, assoc, org("9103"), D(2019, 6, 1))
    services.add_membership(kansli, assoc, org("9103"), D(2022, 1, 1))
    ended = Membership.objects.get(member__code="9103", joined=D(2012, 3, 1))
    with pytest.raises(ValidationError):
        services.change_membership(kansli, ended, {"left": None})
    ended.refresh_from_db()
    assert ended.left == D(2019, 12, 31)
    assert Membership.objects.filter(member__code="9103").count() == 2


def test_only_the_secretariat_manages_memberships_and_the_board(users, assoc):
    for name in ("alice", "bob", "lasare", "nobody"):
        with pytest.raises(PermissionDenied):
            services.add_membership(users[name], assoc, org("9103"), D(2022, 1, 1))
        with pytest.raises(PermissionDenied):
            services.add_board_member(
                users[name], assoc, {"name": "X", "role": "chair", "from_year": 2024}
            )
    assert Membership.objects.filter(member__code="9103").count() == 1
    assert BoardMember.objects.count() == 0


# Contacts ----------------------------------------------------------------------------------


def test_contact_validation(users, assoc):
    bob = users["bob"]
    tallnas = org("9201")
    cases = [
        ({**POLITICIAN, "email": "not-an-address"}, "email"),
        ({**POLITICIAN, "party": ""}, "party"),
        ({**POLITICIAN, "kind": "contact_person"}, "party"),
        ({**POLITICIAN, "valid_from": D(2024, 1, 1), "valid_to": D(2023, 1, 1)}, "valid_to"),
        ({**POLITICIAN, "name": ""}, "name"),
    ]
    for values, field in cases:
        with pytest.raises(ValidationError) as error:
            services.add_contact(bob, assoc, tallnas, values)
        assert field in error.value.message_dict, values
    other = Organisation.objects.create(code="annan", name="Annan förening", kind="association")
    with pytest.raises(ValidationError, match="not a member"):
        services.add_contact(bob, other, tallnas, POLITICIAN)
    assert Contact.objects.count() == 0


def test_own_editor_keeps_contacts_and_every_change_is_recorded(users, assoc):
    bob, tallnas = users["bob"], org("9201")
    contact = services.add_contact(bob, assoc, tallnas, POLITICIAN)
    assert (contact.kind, contact.party, contact.member) == (
        "politician",
        "Exempelpartiet",
        tallnas,
    )
    added = AuditEntry.objects.filter(organisation=tallnas).latest("id")
    assert added.action == "klimatlaget.contact.added" and added.actor == bob
    # Contacts are people: the change log records that their details changed, not the values.
    assert added.changes["name"] == [None, HIDDEN] and added.changes["kind"] == [None, "politician"]
    assert added.changes["email"] == [None, HIDDEN]
    assert "tallnas.example" not in json.dumps(added.changes)
    assert "Politikersson" not in json.dumps(added.changes) + added.summary

    changes = services.change_contact(
        bob, contact, {"role": "Vice chair", "email": "ny@tallnas.example"}
    )
    assert set(changes) == {"role", "email"}
    contact.refresh_from_db()
    assert (contact.role, contact.email) == ("Vice chair", "ny@tallnas.example")
    entry = AuditEntry.objects.filter(organisation=tallnas).latest("id")
    assert entry.changes == {
        "email": [HIDDEN, HIDDEN],
        "role": [HIDDEN, HIDDEN],
    }
    with pytest.raises(ValidationError):
        services.change_contact(bob, contact, {"kind": "contact_person"})
    contact.refresh_from_db()
    assert contact.kind == "politician"

    services.remove_contact(bob, contact)
    assert not Contact.objects.exists()
    assert AuditEntry.objects.filter(organisation=tallnas).latest("id").action == (
        "klimatlaget.contact.removed"
    )


def test_another_members_editor_can_neither_add_nor_change_contacts(users, assoc):
    tallnas = org("9201")
    contact = services.add_contact(users["kansli"], assoc, tallnas, POLITICIAN)
    for name in ("alice", "lasare", "nobody"):
        with pytest.raises(PermissionDenied):
            services.add_contact(users[name], assoc, tallnas, POLITICIAN)
        with pytest.raises(PermissionDenied):
            services.change_contact(users[name], contact, {"name": "Hacked"})
        with pytest.raises(PermissionDenied):
            services.remove_contact(users[name], contact)
    contact.refresh_from_db()
    assert contact.name == "Test Politikersson" and Contact.objects.count() == 1


# The board ---------------------------------------------------------------------------------


def test_board_changes_are_validated_and_recorded(users, assoc):
    kansli = users["kansli"]
    seat = services.add_board_member(
        kansli,
        assoc,
        {"name": "Ordf Örande", "organisation": org("9101"), "role": "chair", "from_year": 2022},
    )
    services.add_board_member(
        kansli, assoc, {"name": "Led Amot", "role": "member", "from_year": 2020, "to_year": 2021}
    )
    assert [s.name for s in services.board_in_year(assoc, 2023)] == ["Ordf Örande"]
    assert [s.name for s in services.board_in_year(assoc, 2021)] == ["Led Amot"]
    with pytest.raises(ValidationError):
        services.add_board_member(
            kansli, assoc, {"name": "X", "role": "member", "from_year": 2024, "to_year": 2020}
        )
    with pytest.raises(ValidationError):
        services.add_board_member(kansli, assoc, {"name": "X", "role": "king", "from_year": 2024})
    services.change_board_member(kansli, seat, {"to_year": 2024})
    entry = AuditEntry.objects.filter(organisation=assoc).latest("id")
    assert entry.action == "klimatlaget.board.changed" and entry.changes == {
        "to_year": [None, 2024]
    }
    services.remove_board_member(kansli, seat)
    assert BoardMember.objects.count() == 1


def test_demo_contacts_and_board_are_fictional_and_load_once(users, assoc):
    created = load_example_contacts_and_board(assoc)
    assert created == Contact.objects.count() + BoardMember.objects.count() > 0
    assert all(c.email.endswith(".example") for c in Contact.objects.all())
    assert load_example_contacts_and_board(assoc) == 0


# Pages -------------------------------------------------------------------------------------


def test_public_association_page_shows_members_and_board_but_no_contact_details(
    client, users, assoc
):
    load_example_contacts_and_board(assoc)
    response = client.get("/associations/klimatkommunerna/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Strandhamn" in html and "Tallnäs" in html and "2008-10-15" in html
    assert "Björkås" not in html.split("Members per year")[0]  # left in 2019
    assert "Fiktiv Politikersson" in html  # the chair of the board
    assert "@" not in html and "mailto:" not in html
    assert "Exempla Klimatsson" not in html  # a contact person, not on the board
    assert client.get("/associations/9102/").status_code == 404


def test_members_per_year(client, users, assoc):
    response = client.get("/associations/klimatkommunerna/")
    per_year = dict(response.context["per_year"])
    # Björkås left at the end of 2019 and Tallnäs joined in 2020.
    assert per_year[2008] == 2 and per_year[2019] == 9 and per_year[2020] == 9
    assert per_year[2024] == 11  # all twelve but Björkås
    for year, count in per_year.items():
        assert count == members_in_year(assoc, year).count(), year


def test_members_page_is_the_secretariats(client, users, assoc):
    load_example_contacts_and_board(assoc)
    for name in ("alice", "bob", "lasare", "nobody"):
        client.force_login(users[name])
        assert client.get("/associations/klimatkommunerna/members/").status_code == 403
        response = client.post(
            "/associations/klimatkommunerna/members/",
            {
                "action": "membership",
                "membership-member": org("9103").pk,
                "membership-joined": "2022-01-01",
            },
        )
        assert response.status_code == 403
    assert Membership.objects.filter(member__code="9103").count() == 1
    client.force_login(users["kansli"])
    response = client.get("/associations/klimatkommunerna/members/")
    assert response.status_code == 200
    assert "exempla.klimatsson@strandhamn.example" in response.content.decode()


def test_secretariat_adds_and_ends_memberships_and_adds_contacts_through_forms(
    client, users, assoc
):
    client.force_login(users["kansli"])
    url = "/associations/klimatkommunerna/members/"
    response = client.post(
        url,
        {
            "action": "membership",
            "membership-member": org("9103").pk,
            "membership-joined": "2019-06-01",
        },
    )
    assert response.status_code == 200 and "overlap" in response.content.decode()
    response = client.post(
        url,
        {
            "action": "membership",
            "membership-member": org("9103").pk,
            "membership-joined": "2022-01-01",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(member__code="9103", left=None)
    response = client.post(
        url,
        {"action": "end", "membership": membership.pk, f"end-{membership.pk}-left": "2023-01-01"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.left == D(2023, 1, 1)
    contact = {f"contact-{k}": v for k, v in POLITICIAN.items()}
    response = client.post(
        url, {"action": "contact", "contact-member": org("9201").pk, **contact, "contact-party": ""}
    )
    assert response.status_code == 200 and not Contact.objects.exists()
    response = client.post(url, {"action": "contact", "contact-member": org("9201").pk, **contact})
    assert response.status_code == 302
    assert Contact.objects.get().member.code == "9201"
    response = client.post(
        url,
        {
            "action": "board",
            "board-name": "Ny Ordförande",
            "board-role": "chair",
            "board-from_year": "2025",
        },
    )
    assert response.status_code == 302 and BoardMember.objects.get().name == "Ny Ordförande"


def test_contacts_page_is_for_the_members_editors_and_the_secretariat(client, users, assoc):
    load_example_contacts_and_board(assoc)
    tallnas_contact = Contact.objects.get(member__code="9201")
    client.force_login(users["alice"])
    assert client.get("/o/9201/contacts/").status_code == 403
    assert client.get(f"/o/9201/contacts/{tallnas_contact.pk}/edit/").status_code == 403
    assert client.post(f"/o/9201/contacts/{tallnas_contact.pk}/delete/").status_code == 403
    # Nor through her own organisation's address.
    assert client.get(f"/o/9102/contacts/{tallnas_contact.pk}/edit/").status_code == 404
    assert client.post(f"/o/9102/contacts/{tallnas_contact.pk}/delete/").status_code == 404
    assert Contact.objects.filter(pk=tallnas_contact.pk).exists()
    response = client.get("/o/9102/contacts/")
    html = response.content.decode()
    assert response.status_code == 200 and "exempla.klimatsson@strandhamn.example" in html
    assert "tallnas.example" not in html

    client.force_login(users["bob"])
    url = f"/o/9201/contacts/{tallnas_contact.pk}/edit/"
    values = {
        "kind": "contact_person",
        "name": tallnas_contact.name,
        "email": "ny@tallnas.example",
        "role": "Officer",
    }
    assert client.post(url, values).status_code == 302
    tallnas_contact.refresh_from_db()
    assert (tallnas_contact.email, tallnas_contact.role) == ("ny@tallnas.example", "Officer")
    response = client.post("/o/9201/contacts/", {"association": assoc.pk, **POLITICIAN})
    assert response.status_code == 302 and Contact.objects.filter(member__code="9201").count() == 2
    assert client.post(f"/o/9201/contacts/{tallnas_contact.pk}/delete/").status_code == 302
    assert Contact.objects.filter(member__code="9201").count() == 1
    client.logout()
    assert client.get("/o/9201/contacts/").status_code == 302


# API ---------------------------------------------------------------------------------------


def test_api_members_are_public_without_personal_data(client, users, assoc):
    load_example_contacts_and_board(assoc)
    response = client.get("/api/associations/klimatkommunerna/members?year=2015")
    assert response.status_code == 200
    rows = response.json()
    codes = {row["code"] for row in rows}
    assert "9103" in codes and "9201" not in codes  # 9103 left 2019; 9201 joined 2020
    assert codes == set(members_in_year(assoc, 2015).values_list("code", flat=True))
    assert "@" not in response.content.decode()
    assert set(rows[0]) == {
        "code",
        "name",
        "kind",
        "county_code",
        "county_name",
        "joined",
        "left",
        "url",
    }
    assert client.get("/api/associations/9102/members").status_code == 404


def test_api_contacts_are_the_secretariats(client, users, assoc):
    load_example_contacts_and_board(assoc)
    url = "/api/associations/klimatkommunerna/contacts"
    assert client.get(url).status_code == 401
    for name in ("alice", "bob", "lasare"):
        client.force_login(users[name])
        assert client.get(url).status_code == 403
    client.force_login(users["kansli"])
    rows = client.get(url).json()
    assert {row["email"] for row in rows} >= {"prov.miljosdotter@tallnas.example"}


def test_api_adds_a_contact_for_own_editor_only(client, users, assoc):
    url = "/api/organisations/9201/contacts"
    body = json.dumps({"association": "klimatkommunerna", **POLITICIAN})
    assert client.post(url, body, content_type="application/json").status_code == 401
    client.force_login(users["alice"])
    assert client.post(url, body, content_type="application/json").status_code == 403
    assert not Contact.objects.exists()
    client.force_login(users["bob"])
    bad = json.dumps({"association": "klimatkommunerna", **POLITICIAN, "party": ""})
    response = client.post(url, bad, content_type="application/json")
    assert response.status_code == 422 and "party" in response.json()["errors"]
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["email"] == POLITICIAN["email"]
    assert Contact.objects.get().member.code == "9201"
