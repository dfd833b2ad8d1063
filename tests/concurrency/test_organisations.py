"""Two editors change one organisation's profile from the same stale copy: the second is refused
with what the first changed, and nothing of the second is saved (API and page)."""

import json

import pytest
from django.utils import translation

from klimatlaget.organisations.models import Organisation

pytestmark = pytest.mark.django_db

URL = "/api/organisations/9102"


def _patch(client, body, **headers):
    return client.patch(URL, json.dumps(body), content_type="application/json", headers=headers)


def test_get_names_the_version_in_its_etag_and_body(client, users):
    reply = client.get(URL)
    assert reply.headers["ETag"] == f'"v{reply.json()["version"]}"'


def test_a_stale_if_match_gets_412_with_what_changed(client, users):
    client.force_login(users["alice"])
    tag = client.get(URL).headers["ETag"]
    first = _patch(client, {"description": "Först"}, if_match=tag)
    assert first.status_code == 200
    assert first.headers["ETag"] != tag
    second = _patch(client, {"website": "https://andra.example"}, if_match=tag)
    assert second.status_code == 412
    body = second.json()
    assert body["changed"] == {"description": "Först"}
    assert body["version"] == first.json()["version"]
    stored = Organisation.objects.get(code="9102")
    assert (stored.description, stored.website) == ("Först", "")
    again = _patch(client, {"website": "https://andra.example"}, if_match=first.headers["ETag"])
    assert again.status_code == 200 and again.json()["website"].startswith("https://andra.example")


def test_a_stale_body_version_gets_409(client, users):
    client.force_login(users["alice"])
    version = client.get(URL).json()["version"]
    assert _patch(client, {"description": "Ett", "version": version}).status_code == 200
    stale = _patch(client, {"description": "Två", "version": version})
    assert stale.status_code == 409
    assert stale.json()["changed"] == {"description": "Ett"}
    assert Organisation.objects.get(code="9102").description == "Ett"


@pytest.mark.parametrize("header", ['"v-1"', '"bogus"', 'W/"v999"'])
def test_an_if_match_that_names_no_current_version_is_refused(client, users, header):
    client.force_login(users["alice"])
    assert _patch(client, {"description": "x"}, if_match=header).status_code == 412
    assert Organisation.objects.get(code="9102").description == ""


def test_a_write_without_a_version_is_not_checked(client, users):
    client.force_login(users["alice"])
    assert _patch(client, {"description": "Ett"}).status_code == 200
    assert _patch(client, {"description": "Två"}).status_code == 200


def test_a_stale_page_form_is_shown_again_with_what_changed(client, users):
    client.force_login(users["alice"])
    opened = client.get("/o/9102/edit/").context["form"]["version"].value()
    saved = client.post("/o/9102/edit/", {"website": "", "description": "Först", "version": opened})
    assert saved.status_code == 302
    with translation.override("en"):
        stale = client.post(
            "/o/9102/edit/",
            {"website": "https://andra.example", "description": "Andra", "version": opened},
            headers={"accept-language": "en"},
        )
    assert stale.status_code == 200
    errors = list(stale.context["form"].non_field_errors())
    assert "Somebody else saved this" in errors[0]
    assert "Description: Först" in errors[1:]
    assert Organisation.objects.get(code="9102").description == "Först"
    # The form now carries the current version: saving again, knowingly, wins.
    retry = stale.context["form"]["version"].value()
    again = client.post("/o/9102/edit/", {"website": "", "description": "Andra", "version": retry})
    assert again.status_code == 302
    assert Organisation.objects.get(code="9102").description == "Andra"


@pytest.mark.parametrize("version", ["-1", "abc", "999"])
def test_a_page_form_with_no_real_version_says_so_and_saves_nothing(client, users, version):
    client.force_login(users["alice"])
    with translation.override("en"):
        posted = {"website": "", "description": "Mine", "version": version}
        refused = client.post("/o/9102/edit/", posted, headers={"accept-language": "en"})
    assert refused.status_code == 200
    assert "is not a version of this" in refused.context["form"].non_field_errors()[0]
    assert Organisation.objects.get(code="9102").description == ""
