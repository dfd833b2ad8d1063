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
    # Public reads
    ("get", f"/o/{OTHER}/", None, 200),
    ("get", f"/api/organisations/{OTHER}/metrics", None, 200),
    ("get", "/compare/", None, 200),
]


def _request(client, method, url):
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
    before = Organisation.objects.filter(code=code).values_list("description", flat=True).first()
    response = _request(client, method, url)
    assert response.status_code == expected, response.content[:300]
    if expected in (401, 403) and method in ("post", "patch") and before is not None:
        after = Organisation.objects.get(code=code).description
        assert after == before, "a refused write must not change anything"
