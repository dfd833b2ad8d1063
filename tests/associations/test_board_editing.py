"""Changing and removing board seats on the secretariat's pages and through the API: the seat
changes and is recorded, bad values are refused in words with nothing saved, a seat of another
association is not found, and everyone but the secretariat is refused."""

import json

import pytest
from django.conf import settings
from django.utils import translation

from klimatlaget.associations import services
from klimatlaget.associations.models import BoardMember
from klimatlaget.audit.models import AuditEntry
from klimatlaget.demo.association import load_memberships
from klimatlaget.organisations.models import Organisation, OrganisationKind

ASSOC = "/associations/klimatkommunerna"
API = "/api/associations/klimatkommunerna/board"


@pytest.fixture(autouse=True)
def english(client):
    """Messages are asserted in English; the site's default language is Swedish."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def assoc(users):
    return load_memberships(example=True).association


@pytest.fixture
def seat(assoc, users):
    return services.add_board_member(
        users["kansli"],
        assoc,
        {
            "name": "Ordf Örande",
            "organisation": Organisation.objects.get(code="9101"),
            "role": "chair",
            "from_year": 2022,
        },
    )


@pytest.fixture
def other_seat(users):
    """A seat on another association's board."""
    other = Organisation.objects.create(
        code="natverket", name="Nätverket", kind=OrganisationKind.ASSOCIATION
    )
    return services.add_board_member(
        users["kansli"], other, {"name": "Annan Ledamot", "role": "member", "from_year": 2020}
    )


def values(seat):
    seat = BoardMember.objects.get(pk=seat.pk)
    return (seat.name, seat.organisation_id, seat.role, seat.from_year, seat.to_year)


def send(client, method, url, body):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


# Pages -------------------------------------------------------------------------------------


def test_members_page_links_to_edit_and_remove_each_seat(client, users, seat):
    client.force_login(users["kansli"])
    html = client.get(f"{ASSOC}/members/").content.decode()
    assert f'href="{ASSOC}/board/{seat.pk}/edit/"' in html
    assert f'href="{ASSOC}/board/{seat.pk}/delete/"' in html


def test_secretariat_edits_a_seat(client, users, assoc, seat):
    client.force_login(users["kansli"])
    url = f"{ASSOC}/board/{seat.pk}/edit/"
    response = client.get(url)
    assert response.status_code == 200 and 'value="Ordf Örande"' in response.content.decode()
    form = {"name": "Ordf Örande", "organisation": seat.organisation_id, "role": "chair"}
    response = client.post(url, {**form, "from_year": "2022", "to_year": "2024"}, follow=True)
    assert response.redirect_chain[-1][0] == f"{ASSOC}/members/"
    assert "Saved." in response.content.decode()
    assert values(seat)[-1] == 2024
    entry = AuditEntry.objects.filter(organisation=assoc).latest("id")
    assert entry.action == "klimatlaget.board.changed" and entry.actor == users["kansli"]
    assert entry.changes == {"to_year": [None, 2024]}


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"to_year": "2020"}, "to_year", "The last year must not be before the first."),
        ({"role": "king"}, "role", "Select a valid choice."),
        ({"name": ""}, "name", "This field is required."),
        ({"from_year": "soon"}, "from_year", "Enter a whole number."),
    ],
)
def test_a_bad_seat_is_refused_in_words_and_nothing_saved(
    client, users, seat, change, field, message
):
    client.force_login(users["kansli"])
    before, entries = values(seat), AuditEntry.objects.count()
    form = {"name": "Ordf Örande", "role": "chair", "from_year": "2022", **change}
    response = client.post(f"{ASSOC}/board/{seat.pk}/edit/", form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert values(seat) == before and AuditEntry.objects.count() == entries


def test_secretariat_removes_a_seat_after_confirming(client, users, assoc, seat):
    client.force_login(users["kansli"])
    url = f"{ASSOC}/board/{seat.pk}/delete/"
    response = client.get(url)
    assert response.status_code == 200 and "Remove Ordf Örande" in response.content.decode()
    assert BoardMember.objects.filter(pk=seat.pk).exists()  # asking removes nothing
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == f"{ASSOC}/members/"
    assert not BoardMember.objects.filter(pk=seat.pk).exists()
    entry = AuditEntry.objects.filter(organisation=assoc).latest("id")
    assert entry.action == "klimatlaget.board.removed" and entry.actor == users["kansli"]


def test_a_seat_of_another_association_is_not_found(client, users, assoc, other_seat):
    client.force_login(users["kansli"])
    before = values(other_seat)
    assert client.get(f"{ASSOC}/board/{other_seat.pk}/edit/").status_code == 404
    response = client.post(
        f"{ASSOC}/board/{other_seat.pk}/edit/",
        {"name": "Kapad", "role": "chair", "from_year": "2020"},
    )
    assert response.status_code == 404
    assert client.get(f"{ASSOC}/board/{other_seat.pk}/delete/").status_code == 404
    assert client.post(f"{ASSOC}/board/{other_seat.pk}/delete/").status_code == 404
    assert send(client, "patch", f"{API}/{other_seat.pk}", {"name": "Kapad"}).status_code == 404
    assert client.delete(f"{API}/{other_seat.pk}").status_code == 404
    assert values(other_seat) == before
    assert other_seat.pk not in [row["id"] for row in client.get(API).json()]


@pytest.mark.parametrize("name", ["alice", "bob", "lasare", "nobody", None])
def test_others_are_refused_every_page_and_api_call(client, users, seat, name):
    before, count = values(seat), BoardMember.objects.count()
    if name:
        client.force_login(users[name])
    page, api = (403, 403) if name else (302, 401)
    edit, delete = f"{ASSOC}/board/{seat.pk}/edit/", f"{ASSOC}/board/{seat.pk}/delete/"
    form = {"name": "Kapad", "role": "chair", "from_year": "2020"}
    for response in (
        client.get(edit),
        client.post(edit, form),
        client.get(delete),
        client.post(delete),
    ):
        assert response.status_code == page
        if page == 302:
            assert response["Location"].startswith("/accounts/login/")
    for response in (
        client.get(API),
        send(client, "post", API, form | {"from_year": 2020}),
        send(client, "patch", f"{API}/{seat.pk}", {"name": "Kapad"}),
        client.delete(f"{API}/{seat.pk}"),
    ):
        assert response.status_code == api
    assert values(seat) == before and BoardMember.objects.count() == count


# API ---------------------------------------------------------------------------------------


def test_api_lists_adds_changes_and_removes_seats(client, users, assoc, seat):
    client.force_login(users["kansli"])
    rows = client.get(API).json()
    assert rows == [
        {
            "id": seat.pk,
            "association": "klimatkommunerna",
            "name": "Ordf Örande",
            "organisation": "9101",
            "organisation_name": "Ekby",
            "role": "chair",
            "from_year": 2022,
            "to_year": None,
            "version": 0,
        }
    ]
    body = {"name": "Vice Ordf", "organisation": "9201", "role": "vice_chair", "from_year": 2023}
    response = send(client, "post", API, body)
    assert response.status_code == 201, response.content
    new = response.json()
    assert (new["organisation_name"], new["role"]) == ("Tallnäs", "vice_chair")
    assert AuditEntry.objects.filter(action="klimatlaget.board.added").count() == 2

    response = send(client, "patch", f"{API}/{new['id']}", {"to_year": 2025, "organisation": None})
    assert response.status_code == 200
    assert (response.json()["to_year"], response.json()["organisation"]) == (2025, None)
    entry = AuditEntry.objects.filter(organisation=assoc).latest("id")
    assert entry.action == "klimatlaget.board.changed"
    assert entry.changes == {"organisation": ["Tallnäs", None], "to_year": [None, 2025]}

    assert client.delete(f"{API}/{new['id']}").status_code == 204
    assert not BoardMember.objects.filter(pk=new["id"]).exists()
    assert AuditEntry.objects.filter(action="klimatlaget.board.removed").count() == 1
    assert client.delete(f"{API}/{new['id']}").status_code == 404


@pytest.mark.parametrize(
    ("method", "body", "field"),
    [
        ("post", {"name": "X", "role": "king", "from_year": 2024}, "role"),
        ("post", {"name": "", "role": "member", "from_year": 2024}, "name"),
        ("post", {"name": "X", "role": "member", "from_year": 2024, "to_year": 2020}, "to_year"),
        (
            "post",
            {"name": "X", "role": "member", "from_year": 2024, "organisation": "0"},
            "organisation",
        ),
        ("patch", {"to_year": 2020}, "to_year"),
        ("patch", {"role": "king"}, "role"),
        ("patch", {"organisation": "nowhere"}, "organisation"),
    ],
)
def test_api_refuses_a_bad_seat_naming_the_field(client, users, seat, method, body, field):
    client.force_login(users["kansli"])
    before, count = values(seat), BoardMember.objects.count()
    url = API if method == "post" else f"{API}/{seat.pk}"
    response = send(client, method, url, body)
    assert response.status_code == 422, response.content
    data = response.json()
    assert f"{field}: " in data["detail"] and field in data["errors"]
    assert values(seat) == before and BoardMember.objects.count() == count
