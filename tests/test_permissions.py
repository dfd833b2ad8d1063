"""The permission matrix: every writing or private endpoint, every role, always an outsider.

alice edits Strandhamn (9102); bob edits Tallnäs (9201); kansli is the secretariat; lasare views;
nobody has an account but no role; anonymous is not logged in.
"""

import json

import pytest

from klimatlaget.organisations.models import Organisation

OWN, OTHER = "9102", "9201"

# (method, url, user, expected status)
MATRIX = [
    # Edit pages
    ("get", f"/o/{OWN}/edit/", "alice", 200),
    ("get", f"/o/{OTHER}/edit/", "alice", 403),
    ("get", f"/o/{OTHER}/edit/", "bob", 200),
    ("get", f"/o/{OWN}/edit/", "kansli", 200),
    ("get", f"/o/{OWN}/edit/", "lasare", 403),
    ("get", f"/o/{OWN}/edit/", "nobody", 403),
    ("get", f"/o/{OWN}/edit/", None, 302),
    ("post", f"/o/{OTHER}/edit/", "alice", 403),
    ("post", f"/o/{OWN}/edit/", "lasare", 403),
    # History pages
    ("get", f"/o/{OWN}/history/", "alice", 200),
    ("get", f"/o/{OTHER}/history/", "alice", 403),
    ("get", f"/o/{OWN}/history/", "kansli", 200),
    ("get", f"/o/{OWN}/history/", "lasare", 200),
    ("get", f"/o/{OWN}/history/", "nobody", 403),
    ("get", f"/o/{OWN}/history/", None, 302),
    # API writes
    ("patch", f"/api/organisations/{OWN}", "alice", 200),
    ("patch", f"/api/organisations/{OTHER}", "alice", 403),
    ("patch", f"/api/organisations/{OTHER}", "kansli", 200),
    ("patch", f"/api/organisations/{OWN}", "lasare", 403),
    ("patch", f"/api/organisations/{OWN}", "nobody", 403),
    ("patch", f"/api/organisations/{OWN}", None, 401),
    ("get", f"/api/organisations/{OTHER}/history", "alice", 403),
    ("get", f"/api/organisations/{OWN}/history", "alice", 200),
    ("get", f"/api/organisations/{OWN}/history", None, 401),
    ("post", "/api/imports/emissions", "alice", 403),
    ("post", "/api/imports/emissions", "lasare", 403),
    ("post", "/api/imports/emissions", None, 401),
    # Target pages (TARGET is replaced by the id of a target of the organisation in the url)
    ("get", f"/o/{OWN}/targets/new/", "alice", 200),
    ("get", f"/o/{OTHER}/targets/new/", "alice", 403),
    ("get", f"/o/{OWN}/targets/new/", "lasare", 403),
    ("get", f"/o/{OWN}/targets/new/", "nobody", 403),
    ("get", f"/o/{OWN}/targets/new/", None, 302),
    ("get", f"/o/{OTHER}/targets/new/", "kansli", 200),
    ("get", f"/o/{OWN}/targets/TARGET/edit/", "alice", 200),
    ("get", f"/o/{OTHER}/targets/TARGET/edit/", "alice", 403),
    ("get", f"/o/{OTHER}/targets/TARGET/edit/", "bob", 200),
    ("get", f"/o/{OWN}/targets/TARGET/edit/", "lasare", 403),
    ("get", f"/o/{OWN}/targets/TARGET/edit/", None, 302),
    ("post", f"/o/{OTHER}/targets/TARGET/delete/", "alice", 403),
    ("post", f"/o/{OWN}/targets/TARGET/delete/", "nobody", 403),
    ("post", f"/o/{OWN}/targets/TARGET/delete/", None, 302),
    ("post", f"/o/{OWN}/targets/TARGET/delete/", "alice", 302),
    # Target API writes
    ("post", f"/api/organisations/{OWN}/targets", "alice", 201),
    ("post", f"/api/organisations/{OTHER}/targets", "alice", 403),
    ("post", f"/api/organisations/{OWN}/targets", "lasare", 403),
    ("post", f"/api/organisations/{OWN}/targets", None, 401),
    ("put", f"/api/targets/{OWN}-TARGET", "alice", 200),
    ("put", f"/api/targets/{OTHER}-TARGET", "alice", 403),
    ("put", f"/api/targets/{OTHER}-TARGET", "kansli", 200),
    ("put", f"/api/targets/{OWN}-TARGET", "nobody", 403),
    ("put", f"/api/targets/{OWN}-TARGET", None, 401),
    ("delete", f"/api/targets/{OTHER}-TARGET", "alice", 403),
    ("delete", f"/api/targets/{OWN}-TARGET", "lasare", 403),
    ("delete", f"/api/targets/{OWN}-TARGET", None, 401),
    ("delete", f"/api/targets/{OWN}-TARGET", "alice", 204),
    # Contacts (personal data): the member's editors and the secretariat only
    ("get", f"/o/{OTHER}/contacts/", "alice", 403),
    ("get", f"/o/{OTHER}/contacts/", "bob", 200),
    ("get", f"/o/{OTHER}/contacts/", "kansli", 200),
    ("get", f"/o/{OTHER}/contacts/", "lasare", 403),
    ("get", f"/o/{OTHER}/contacts/", "nobody", 403),
    ("get", f"/o/{OTHER}/contacts/", None, 302),
    ("post", f"/o/{OTHER}/contacts/", "alice", 403),
    ("get", "/api/associations/klimatkommunerna/contacts", "alice", 403),
    ("get", "/api/associations/klimatkommunerna/contacts", "lasare", 403),
    ("get", "/api/associations/klimatkommunerna/contacts", None, 401),
    ("get", "/associations/klimatkommunerna/members/", "alice", 403),
    ("get", "/associations/klimatkommunerna/members/", "lasare", 403),
    ("get", "/associations/klimatkommunerna/members/", None, 302),
    # Fee rules, fee overrides and board seats: the secretariat's only
    *[
        (method, url, user, 302 if user is None and not url.startswith("/api/") else expected)
        for method, url in [
            ("get", "/associations/klimatkommunerna/fees/rules/"),
            ("post", "/associations/klimatkommunerna/fees/rules/"),
            ("get", "/associations/klimatkommunerna/fees/2025/overrides/9102/"),
            ("post", "/associations/klimatkommunerna/fees/2025/overrides/9102/"),
            ("get", "/associations/klimatkommunerna/board/1/edit/"),
            ("post", "/associations/klimatkommunerna/board/1/edit/"),
            ("get", "/associations/klimatkommunerna/board/1/delete/"),
            ("post", "/associations/klimatkommunerna/board/1/delete/"),
            ("get", "/api/associations/klimatkommunerna/fee-rules"),
            ("post", "/api/associations/klimatkommunerna/fee-rules"),
            ("get", "/api/associations/klimatkommunerna/fee-overrides/9102"),
            ("put", "/api/associations/klimatkommunerna/fee-overrides/9102?year=2025"),
            ("delete", "/api/associations/klimatkommunerna/fee-overrides/9102?year=2025"),
            ("get", "/api/associations/klimatkommunerna/board"),
            ("post", "/api/associations/klimatkommunerna/board"),
            ("patch", "/api/associations/klimatkommunerna/board/1"),
            ("delete", "/api/associations/klimatkommunerna/board/1"),
            ("get", "/associations/klimatkommunerna/surveys/"),
            ("post", "/associations/klimatkommunerna/surveys/"),
            ("get", "/api/associations/klimatkommunerna/surveys"),
            ("post", "/api/associations/klimatkommunerna/surveys"),
        ]
        for user, expected in [("alice", 403), ("lasare", 403), ("nobody", 403), (None, 401)]
    ],
    # Public reads
    ("get", f"/o/{OTHER}/targets/", None, 200),
    ("get", f"/o/{OTHER}/targets.csv", None, 200),
    ("get", f"/api/organisations/{OTHER}/targets", None, 200),
    ("get", f"/api/targets/{OTHER}-TARGET", None, 200),
    ("get", f"/o/{OTHER}/", None, 200),
    ("get", f"/api/organisations/{OTHER}/metrics", None, 200),
    ("get", "/compare/", None, 200),
]


TARGET = {
    "form": "percent_reduction",
    "value": 70,
    "base_year": 1990,
    "target_year": 2030,
    "scopes": ["1", "2"],
}


def _with_targets(url):
    """Give each organisation a target and put its id in ``url`` (TARGET or CODE-TARGET)."""
    from klimatlaget.targets.models import Target

    if "TARGET" not in url:
        return url
    ids = {
        code: Target.objects.create(organisation=Organisation.objects.get(code=code), **TARGET).pk
        for code in (OWN, OTHER)
    }
    for code, pk in ids.items():
        url = url.replace(f"{code}-TARGET", str(pk)).replace(
            f"/{code}/targets/TARGET/", f"/{code}/targets/{pk}/"
        )
    return url


#: A valid body for every association write in the API (each schema ignores the others' fields).
ASSOCIATION_BODY = {
    "from_year": 2030,
    "fixed_sek": 1,
    "per_inhabitant_sek": 1,
    "amount_sek": 1,
    "reason": "Changed by a test",
    "name": "Changed by a test",
    "role": "member",
    "year": 2026,
    "kind": "klimatlaget",
}


def _request(client, method, url):
    if url.startswith("/api/associations/") and method in ("post", "put", "patch"):
        body = json.dumps(ASSOCIATION_BODY)
        return getattr(client, method)(url, body, content_type="application/json")
    if "targets" in url and method in ("post", "put") and url.startswith("/api/"):
        return getattr(client, method)(url, json.dumps(TARGET), content_type="application/json")
    if method == "delete":
        return client.delete(url)
    if method == "patch":
        body = json.dumps({"description": "Changed by a test"})
        return client.patch(url, body, content_type="application/json")
    if method == "post" and url.startswith("/api/imports"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("x.csv", b"municipality,county,year,sector,tco2e\n")
        return client.post(url, {"file": upload})
    if method == "post":
        return client.post(url, {"website": "", "description": "Changed by a test"})
    return client.get(url)


@pytest.mark.parametrize(("method", "url", "username", "expected"), MATRIX)
def test_permission_matrix(client, users, method, url, username, expected):
    if username:
        client.force_login(users[username])
    code = url.split("/")[-2] if url.endswith("/") else url.split("/")[3]
    url = _with_targets(url)
    targets_before = _target_values()
    before = Organisation.objects.filter(code=code).values_list("description", flat=True).first()
    response = _request(client, method, url)
    assert response.status_code == expected, response.content[:300]
    refused = expected in (401, 403) or (expected == 302 and username is None)
    if refused and method != "get" and "targets" in url:
        assert _target_values() == targets_before, "a refused write must not change targets"
    if expected in (401, 403) and method in ("post", "patch") and before is not None:
        after = Organisation.objects.get(code=code).description
        assert after == before, "a refused write must not change anything"


def _target_values():
    from klimatlaget.targets.models import Target

    return list(Target.objects.order_by("pk").values_list("pk", "value"))
