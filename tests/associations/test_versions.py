"""Memberships, contacts and board seats changed from a stale copy: the second writer is refused
with what the first changed, and nothing is overwritten or removed (pages and API)."""

import datetime
import json

import pytest

from klimatlaget.associations import services
from klimatlaget.associations.models import BoardMember, Contact, Membership

from .test_board_editing import API, ASSOC, assoc, english, seat  # noqa: F401 - fixtures
from .test_members import POLITICIAN, org


@pytest.fixture
def contact(users, assoc):  # noqa: F811
    return services.add_contact(users["bob"], assoc, org("9201"), POLITICIAN)


def test_a_stale_contact_form_is_shown_again_and_saves_nothing(client, users, contact):
    client.force_login(users["bob"])
    url = f"/o/9201/contacts/{contact.pk}/edit/"
    opened = client.get(url).context["form"]["version"].value()
    data = {**POLITICIAN, "version": opened}
    assert client.post(url, {**data, "role": "Vice chair"}).status_code == 302
    stale = client.post(url, {**data, "phone": "010-123"})
    assert stale.status_code == 200
    errors = list(stale.context["form"].non_field_errors())
    assert "Somebody else saved this" in errors[0] and any("Vice chair" in e for e in errors)
    assert (Contact.objects.get().role, Contact.objects.get().phone) == ("Vice chair", "")


def test_a_stale_contact_is_not_removed(client, users, contact):
    client.force_login(users["bob"])
    opened = contact.version
    services.change_contact(users["bob"], contact, {"role": "Vice chair"})
    url = f"/o/9201/contacts/{contact.pk}/delete/"
    page = client.post(url, {"version": opened}, follow=True)
    assert "Somebody else saved this" in page.content.decode()
    assert Contact.objects.exists()
    client.post(url, {"version": opened + 1})
    assert not Contact.objects.exists()


def test_a_stale_end_of_membership_is_refused(client, users, assoc):  # noqa: F811
    client.force_login(users["kansli"])
    membership = Membership.objects.get(association=assoc, member__code="9201")
    opened = membership.version
    services.change_membership(users["kansli"], membership, {"joined": datetime.date(2010, 1, 1)})
    prefix = f"end-{membership.pk}"
    page = client.post(
        f"{ASSOC}/members/",
        {
            "action": "end",
            "membership": membership.pk,
            f"{prefix}-left": "2024-12-31",
            f"{prefix}-version": opened,
        },
    )
    assert page.status_code == 200
    assert "Somebody else saved this" in page.content.decode()
    assert Membership.objects.get(pk=membership.pk).left is None


def test_a_stale_board_patch_or_delete_is_refused(client, users, seat):  # noqa: F811
    client.force_login(users["kansli"])
    (listed,) = client.get(API).json()
    url = f"{API}/{seat.pk}"
    first = client.patch(
        url, json.dumps({"to_year": 2025, "version": listed["version"]}), "application/json"
    )
    assert first.status_code == 200
    body = json.dumps({"role": "member", "version": listed["version"]})
    stale = client.patch(url, body, "application/json")
    assert stale.status_code == 409 and stale.json()["changed"] == {"to_year": 2025}
    tag = f'"v{listed["version"]}"'
    stale = client.patch(
        url, json.dumps({"role": "member"}), "application/json", headers={"if-match": tag}
    )
    assert stale.status_code == 412
    assert client.delete(url, headers={"if-match": tag}).status_code == 412
    assert BoardMember.objects.get().role == "chair"


def test_stale_board_pages_save_and_remove_nothing(client, users, seat):  # noqa: F811
    client.force_login(users["kansli"])
    edit = f"{ASSOC}/board/{seat.pk}/edit/"
    remove = f"{ASSOC}/board/{seat.pk}/delete/"
    opened = client.get(edit).context["form"]["version"].value()
    services.change_board_member(users["kansli"], seat, {"to_year": 2025})
    stale = client.post(edit, {"name": "Ny", "role": "chair", "from_year": 2022, "version": opened})
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    refused = client.post(remove, {"version": opened})
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    assert BoardMember.objects.get().name == "Ordf Örande"
