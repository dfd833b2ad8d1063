"""The permission matrix of the surveys: every page and endpoint that shows or changes a member's
response, and every secretariat page and endpoint, for every role and an anonymous visitor.

alice edits the member Strandhamn (9102), whose response is in progress; bob edits another member
(Tallnäs); kansli is the secretariat; lasare views; nobody has no role. Outsiders asking for a
member's response get 404 (they must not learn whether it exists); refused writes change nothing.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.models import Answer, Response

OWN = "/o/9102/surveys/SURVEY"
API = "/api/surveys/SURVEY"
ASSOC = "/associations/klimatkommunerna/surveys/SURVEY"

MEMBER_READS = [f"{OWN}/", f"{OWN}/questionnaire.xlsx", f"{OWN}/files/plan_file"]
MEMBER_WRITES = [
    ("post", f"{OWN}/"),
    ("post", f"{OWN}/draft"),
    ("post", f"{OWN}/upload/"),
    ("patch", f"{API}/responses/9102"),
    ("post", f"{API}/responses/9102/confirm-prefilled"),
    ("post", f"{API}/responses/9102/submit"),
    ("post", f"{API}/responses/9102/xlsx"),
]
SECRETARIAT = [
    ("get", f"{ASSOC}/"),
    ("post", f"{ASSOC}/"),
    ("get", f"{ASSOC}/status/"),
    ("get", f"{ASSOC}/status.csv"),
    ("get", f"{ASSOC}/statistics/"),
    ("get", f"{ASSOC}/statistics.csv"),
    ("get", f"{ASSOC}/send/reminder/"),
    ("post", f"{ASSOC}/send/reminder/"),
    ("get", "/associations/klimatkommunerna/reports/2025/internal/"),
    ("patch", API),
    ("post", f"{API}/invitations"),
    ("post", f"{API}/reminders"),
    ("get", f"{API}/status"),
    ("get", f"{API}/statistics"),
    ("post", f"{API}/responses/9102/approve"),
    ("post", f"{API}/responses/9102/return"),
]

MATRIX = [
    # The member's own editor reads and writes its response; the secretariat reads it.
    ("get", f"{OWN}/", "alice", 200),
    ("get", f"{OWN}/", "kansli", 200),
    ("get", f"{OWN}/questionnaire.xlsx", "alice", 200),
    ("get", f"{API}/responses/9102", "alice", 200),
    ("get", f"{API}/responses/9102", "kansli", 200),
    ("patch", f"{API}/responses/9102", "alice", 200),
    ("patch", f"{API}/responses/9102", "kansli", 403),
    # Another member's editor, a viewer and a user without role: not found.
    *[
        (method, url, user, 404)
        for method, url in [("get", url) for url in MEMBER_READS]
        + [("get", f"{API}/responses/9102")]
        + MEMBER_WRITES
        for user in ("bob", "lasare", "nobody")
    ],
    # Anonymous: to the login page, or 401 from the API (403 from the page's autosave).
    *[
        (method, url, None, 401 if url.startswith("/api/") else 403 if "draft" in url else 302)
        for method, url in [("get", url) for url in MEMBER_READS] + MEMBER_WRITES
    ],
    # The secretariat's pages and endpoints: refused to everybody else.
    *[
        (method, url, user, 403)
        for method, url in SECRETARIAT
        for user in ("alice", "bob", "lasare", "nobody")
    ],
    *[(method, url, None, 401 if url.startswith("/api/") else 302) for method, url in SECRETARIAT],
]


@pytest.fixture
def started(users, survey):
    """alice has saved a few answers for Strandhamn, including a file."""
    strandhamn = Organisation.objects.get(code="9102")
    response = services.start_response(users["alice"], survey, strandhamn)
    services.save_answers(users["alice"], response, {"has_target": True, "comment": "Utkast"})
    question = survey.questions.get(key="plan_file")
    services.save_file(users["alice"], response, question, "plan.pdf", "application/pdf", b"%PDF")
    return survey


def _state():
    return (
        sorted(Answer.objects.values_list("response_id", "question_id", "value", "confirmed")),
        sorted(Response.objects.values_list("pk", "status", "version")),
    )


def _request(client, method, url):
    if method == "get":
        return client.get(url)
    if url.endswith("/upload/") or url.endswith("/xlsx"):
        upload = SimpleUploadedFile("answers.xlsx", b"not a workbook")
        return client.post(url, {"file": upload})
    if url.startswith("/api/") or url.endswith("/draft"):
        body = {"answers": {"comment": "Changed"}, "comment": "Changed", "state": "closed"}
        return getattr(client, method)(url, json.dumps(body), content_type="application/json")
    return client.post(url, {"comment": "Changed", "state": "closed", "answer-comment": "x"})


@pytest.mark.parametrize(("method", "url", "username", "expected"), MATRIX)
def test_survey_permission_matrix(client, users, started, method, url, username, expected):
    if username:
        client.force_login(users[username])
    url = url.replace("SURVEY", str(started.pk))
    before = _state()
    response = _request(client, method, url)
    assert response.status_code == expected, response.content[:300]
    if expected in (302, 401, 403, 404) and method != "get":
        assert _state() == before, "a refused write must not change any answer or status"
