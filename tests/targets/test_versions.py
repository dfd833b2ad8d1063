"""Two editors change one climate target from the same stale copy: the second is refused with
what the first changed, and nothing of the second is saved (API PUT and DELETE, edit and delete
pages, and a CSV import counts as a change)."""

import json

import pytest

from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target
from klimatlaget.targets.register.services import create_target

from .test_register import VALID, _form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(users):
    return create_target(users["alice"], Organisation.objects.get(code="9102"), VALID)


def _put(client, target, body, **headers):
    return client.put(
        f"/api/targets/{target.pk}", json.dumps(body), "application/json", headers=headers
    )


def test_a_stale_put_is_refused_with_what_changed(client, users, target):
    client.force_login(users["alice"])
    tag = client.get(f"/api/targets/{target.pk}").headers["ETag"]
    first = _put(client, target, {**VALID, "value": 80.0}, if_match=tag)
    assert first.status_code == 200 and first.json()["value"] == 80.0
    second = _put(client, target, {**VALID, "title": "Stale"}, if_match=tag)
    assert second.status_code == 412
    assert second.json()["changed"] == {"value": 80.0}
    stored = Target.objects.get()
    assert (stored.value, stored.title) == (80.0, VALID["title"])


def test_a_stale_body_version_is_refused_with_409(client, users, target):
    client.force_login(users["alice"])
    version = client.get(f"/api/targets/{target.pk}").json()["version"]
    assert _put(client, target, {**VALID, "value": 80.0, "version": version}).status_code == 200
    stale = _put(client, target, {**VALID, "value": 60.0, "version": version})
    assert stale.status_code == 409
    assert Target.objects.get().value == 80.0


def test_a_stale_delete_is_refused(client, users, target):
    client.force_login(users["alice"])
    tag = client.get(f"/api/targets/{target.pk}").headers["ETag"]
    assert _put(client, target, {**VALID, "value": 80.0}).status_code == 200
    url = f"/api/targets/{target.pk}"
    assert client.delete(url, headers={"if-match": tag}).status_code == 412
    assert Target.objects.exists()
    current = client.get(url).headers["ETag"]
    assert client.delete(url, headers={"if-match": current}).status_code == 204


def test_an_import_that_changes_the_target_makes_an_open_copy_stale(client, users, target):
    target.value = 85.0
    target.bump(["value"])
    target.save()  # as the CSV import does
    client.force_login(users["alice"])
    assert _put(client, target, {**VALID, "version": 0}).json()["changed"] == {"value": 85.0}


def test_a_stale_edit_page_is_shown_again_and_saves_nothing(client, users, target):
    client.force_login(users["alice"])
    url = f"/o/9102/targets/{target.pk}/edit/"
    opened = client.get(url).context["form"]["version"].value()
    data = {**_form_data(VALID), "version": opened}
    assert client.post(url, {**data, "value": 80}).status_code == 302
    stale = client.post(url, {**data, "title": "Stale"})
    assert stale.status_code == 200
    errors = list(stale.context["form"].non_field_errors())
    assert len(errors) == 2 and "80" in errors[1]
    assert Target.objects.get().title == VALID["title"]


def test_a_stale_delete_page_is_shown_again_and_deletes_nothing(client, users, target):
    client.force_login(users["alice"])
    url = f"/o/9102/targets/{target.pk}/delete/"
    opened = client.get(url).context["form"]["version"].value()
    _put(client, target, {**VALID, "value": 80.0})
    refused = client.post(url, {"version": opened})
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
    assert Target.objects.exists()
    assert client.post(url, {"version": opened + 1}).status_code == 302
    assert not Target.objects.exists()
