"""The secretariat's survey pages and API: listing and creating surveys, settings, the status
board with approving and returning, and sending invitations and reminders."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from klimatlaget.associations.models import Contact
from klimatlaget.audit.models import AuditEntry
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.models import Dispatch, ResponseStatus, Survey, SurveyState

from .conftest import COMMITS, EVERY_KIND

pytestmark = pytest.mark.usefixtures("english")

LIST = "/associations/klimatkommunerna/surveys/"


def _urls(survey):
    base = f"{LIST}{survey.pk}/"
    return [LIST, base, f"{base}status/", f"{LIST}{survey.pk}/status.csv", f"{base}send/reminder/"]


def _login(client, users, name):
    client.force_login(users[name])


def _submit(user, survey, code):
    response = services.start_response(user, survey, Organisation.objects.get(code=code))
    services.save_answers(user, response, {"has_target": "nej"})
    return services.submit(user, response)


@pytest.fixture
def contacts(association):
    from klimatlaget.demo.association import load_example_contacts_and_board

    load_example_contacts_and_board(association)


# Who may -----------------------------------------------------------------------------------


def test_pages_send_anonymous_users_to_log_in(client, survey):
    for url in _urls(survey):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["alice", "lasare", "nobody"])
def test_pages_refuse_everybody_but_the_secretariat(client, users, survey, who):
    _login(client, users, who)
    for url in _urls(survey):
        assert client.get(url).status_code == 403, url
    review = f"{LIST}{survey.pk}/status/9102/review/"
    assert client.post(review, {"action": "approve"}).status_code == 403
    assert client.post(LIST, {"year": 2026, "kind": "klimatlaget"}).status_code == 403
    assert Survey.objects.count() == 1


def test_the_secretariat_sees_every_page(client, users, survey):
    _login(client, users, "kansli")
    for url in _urls(survey):
        assert client.get(url).status_code == 200, url


def test_a_survey_is_found_only_under_its_association(client, users, survey):
    _login(client, users, "kansli")
    other = Organisation.objects.create(code="K2", name="Andra nätverket", kind="association")
    assert client.get(f"/associations/{other.code}/surveys/{survey.pk}/").status_code == 404
    assert client.get("/associations/9102/surveys/").status_code == 404  # not an association


# The list and creating surveys -------------------------------------------------------------


def test_the_list_shows_each_survey_with_counts(client, users, survey):
    _submit(users["alice"], survey, "9102")
    _login(client, users, "kansli")
    page = client.get(LIST).content.decode()
    assert "Testenkät 2025" in page
    assert 'data-count="submitted">1<' in page
    assert 'data-count="not_started">10<' in page


def test_copying_last_years_survey_keeps_its_questions(client, users, survey):
    _login(client, users, "kansli")
    response = client.post(LIST, {"year": 2026, "kind": "klimatlaget", "source": "copy"})
    new = Survey.objects.get(year=2026)
    assert response["Location"] == f"{LIST}{new.pk}/"
    assert (new.title, new.state, new.copied_from) == ("Testenkät 2026", "draft", survey)
    assert list(new.questions.values_list("key", flat=True)) == list(
        survey.questions.values_list("key", flat=True)
    )
    entry = AuditEntry.objects.get(action="klimatlaget.survey.created")
    assert entry.organisation == survey.association
    assert entry.changes["from"] == [None, "2025"]


def test_a_survey_from_the_template(client, users, association, monkeypatch):
    from klimatlaget.surveys import blueprints

    asked = []

    def definition(kind, year):
        asked.append((kind, year))
        return {**EVERY_KIND, "title": f"Medlemstest {year}"}

    monkeypatch.setattr(blueprints, "definition", definition)
    _login(client, users, "kansli")
    client.post(LIST, {"year": 2025, "kind": "membership_test", "source": "template"})
    assert asked == [("membership_test", 2025)]
    created = Survey.objects.get(kind="membership_test")
    assert created.title == "Medlemstest 2025"
    assert created.questions.count() == 9


def test_a_survey_that_exists_is_a_form_error(client, users, survey):
    _login(client, users, "kansli")
    response = client.post(LIST, {"year": 2025, "kind": "klimatlaget", "source": "copy"})
    assert response.status_code == 200
    assert "There is already a Klimatläget (annual survey) survey for 2025." in (
        response.content.decode()
    )
    assert Survey.objects.count() == 1


def test_copying_needs_an_earlier_survey(client, users, association):
    _login(client, users, "kansli")
    response = client.post(LIST, {"year": 2025, "kind": "membership_test", "source": "copy"})
    assert "There is no earlier Membership test survey to copy." in response.content.decode()
    assert not Survey.objects.exists()


# The overview and settings -----------------------------------------------------------------


def test_the_overview_lists_questions_and_saves_settings(client, users, survey):
    _login(client, users, "kansli")
    url = f"{LIST}{survey.pk}/"
    page = client.get(url).content.decode()
    assert 'data-key="target_year"' in page
    assert "<code>has_target</code> = yes" in page
    assert "admin-link" not in page
    settings = {"title": "Klimatläget 2025", "deadline": "2025-04-30", "state": "closed"}
    assert client.post(url, settings).status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.deadline, survey.state) == (
        "Klimatläget 2025",
        datetime.date(2025, 4, 30),
        "closed",
    )
    entry = AuditEntry.objects.get(action="klimatlaget.survey.changed")
    assert entry.changes["state"] == ["open", "closed"]
    assert entry.changes["deadline"] == [None, "2025-04-30"]
    client.post(url, {**settings, "state": "open"})  # reopening is allowed
    survey.refresh_from_db()
    assert survey.state == "open"


def test_back_to_draft_is_refused_once_members_answer(client, users, survey):
    services.start_response(users["alice"], survey, Organisation.objects.get(code="9102"))
    _login(client, users, "kansli")
    response = client.post(
        f"{LIST}{survey.pk}/", {"title": survey.title, "deadline": "", "state": "draft"}
    )
    assert response.status_code == 200
    assert "cannot go back to draft" in response.content.decode()
    survey.refresh_from_db()
    assert survey.state == "open"


def test_superusers_see_the_questions_in_the_read_only_admin(client, django_user_model, survey):
    admin = django_user_model.objects.create_superuser("root", password="pw-root")
    client.force_login(admin)
    assert 'id="admin-link"' in client.get(f"{LIST}{survey.pk}/").content.decode()
    page = client.get(f"/admin/surveys/survey/{survey.pk}/change/")
    assert page.status_code == 200
    assert "target_year" in page.content.decode()


# The status board --------------------------------------------------------------------------


def test_the_status_board_counts_and_lists_every_member(client, users, survey, contacts):
    _submit(users["alice"], survey, "9102")
    services.start_response(users["bob"], survey, Organisation.objects.get(code="9201"))
    tallnas = survey.responses.get(member__code="9201")
    services.save_answers(users["bob"], tallnas, {"budget": "10"})
    _login(client, users, "kansli")
    page = client.get(f"{LIST}{survey.pk}/status/").content.decode()
    assert 'data-code="9102" data-status="submitted"' in page
    assert 'data-code="9201" data-status="in_progress"' in page
    assert 'data-code="9101" data-status="not_started"' in page
    assert 'id="approve-9102"' in page and 'id="approve-9201"' not in page
    assert f'href="/o/9102/surveys/{survey.pk}/"' in page
    rows = list(
        csv.DictReader(io.StringIO(client.get(f"{LIST}{survey.pk}/status.csv").content.decode()))
    )
    assert len(rows) == 11
    by_code = {row["member_code"]: row for row in rows}
    assert by_code["9102"]["status"] == "submitted" and by_code["9102"]["submitted_at"]
    assert by_code["9201"]["last_saved"]
    assert by_code["9101"]["status"] == "not_started"


def test_an_open_survey_past_its_deadline_is_marked_overdue(client, users, survey):
    _submit(users["alice"], survey, "9102")
    _login(client, users, "kansli")
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    Survey.objects.filter(pk=survey.pk).update(deadline=yesterday)
    board = client.get(f"{LIST}{survey.pk}/status/").content.decode()
    listing = client.get(LIST).content.decode()
    assert 'id="overdue-notice"' in board
    assert "10 members have not handed in" in board
    assert 'data-code="9101" data-status="not_started" data-overdue="true"' in board
    assert 'data-code="9102" data-status="submitted">' in board  # handed in: not overdue
    assert 'data-overdue="true"' in listing

    for change in ({"deadline": today}, {"deadline": yesterday, "state": SurveyState.CLOSED}):
        Survey.objects.filter(pk=survey.pk).update(**change)
        board = client.get(f"{LIST}{survey.pk}/status/").content.decode()
        assert 'id="overdue-notice"' not in board and "data-overdue" not in board
        assert "data-overdue" not in client.get(LIST).content.decode()


@COMMITS
def test_approve_and_return_from_the_board(client, users, survey, contacts, mailoutbox):
    _submit(users["alice"], survey, "9102")
    _submit(users["bob"], survey, "9201")
    _login(client, users, "kansli")
    board = f"{LIST}{survey.pk}/status/"
    response = client.post(f"{board}9102/review/", {"action": "approve"})
    assert response["Location"] == board
    response = client.post(f"{board}9201/review/", {"action": "return", "comment": "Base year?"})
    statuses = dict(survey.responses.values_list("member__code", "status"))
    assert statuses == {"9102": "approved", "9201": "returned"}
    (message,) = mailoutbox
    assert message.to == ["prov.miljosdotter@tallnas.example"]
    assert "Base year?" in message.body
    page = client.get(board).content.decode()
    assert 'data-code="9102" data-status="approved"' in page
    assert "Base year?" in page


def test_returning_needs_a_comment_and_a_submitted_response(client, users, survey, contacts):
    _submit(users["alice"], survey, "9102")
    services.start_response(users["bob"], survey, Organisation.objects.get(code="9201"))
    _login(client, users, "kansli")
    board = f"{LIST}{survey.pk}/status/"
    client.post(f"{board}9102/review/", {"action": "return", "comment": "  "})
    page = client.post(f"{board}9201/review/", {"action": "approve"}, follow=True)
    text = page.content.decode()
    assert "Strandhamn: Say what the member should correct." in text
    assert "Only a submitted response can be approved or returned; this one is Not started." in text
    statuses = dict(survey.responses.values_list("member__code", "status"))
    assert statuses == {"9102": "submitted", "9201": "not_started"}
    assert client.post(f"{board}9101/review/", {"action": "approve"}).status_code == 404


# Sending from the pages --------------------------------------------------------------------


@COMMITS
def test_sending_invitations_asks_first_then_sends(client, users, survey, contacts, mailoutbox):
    _login(client, users, "kansli")
    url = f"{LIST}{survey.pk}/send/invitation/"
    page = client.get(url).content.decode()
    assert 'data-members="2"' in page
    assert 'id="no-contact-members"' in page
    assert mailoutbox == []
    response = client.post(url, follow=True)
    assert len(mailoutbox) == 2
    assert "Sent to 2 members." in response.content.decode()
    assert Dispatch.objects.filter(kind="invitation").count() == 2
    board = client.get(f"{LIST}{survey.pk}/status/").content.decode()
    assert "Invitation 20" in board


def test_a_closed_survey_is_not_sent_from_the_page(client, users, survey, contacts, mailoutbox):
    survey.state = SurveyState.CLOSED
    survey.save()
    _login(client, users, "kansli")
    url = f"{LIST}{survey.pk}/send/reminder/"
    assert 'id="not-open"' in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "only while the survey is open" in response.content.decode()
    assert mailoutbox == []
    assert client.get(f"{LIST}{survey.pk}/send/spam/").status_code == 404


# The API -----------------------------------------------------------------------------------


def _api_calls(survey):
    sid = survey.pk
    return [
        ("get", "/api/associations/klimatkommunerna/surveys", None),
        (
            "post",
            "/api/associations/klimatkommunerna/surveys",
            {"year": 2026, "kind": "klimatlaget"},
        ),
        ("patch", f"/api/surveys/{sid}", {"state": "closed"}),
        ("post", f"/api/surveys/{sid}/invitations", None),
        ("post", f"/api/surveys/{sid}/reminders", None),
        ("get", f"/api/surveys/{sid}/status", None),
        ("post", f"/api/surveys/{sid}/responses/9102/approve", {}),
        ("post", f"/api/surveys/{sid}/responses/9102/return", {"comment": "x"}),
    ]


def _call(client, method, url, body):
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, content_type="application/json")


@pytest.mark.parametrize("who, expected", [(None, 401), ("alice", 403), ("lasare", 403)])
def test_the_api_refuses_everybody_but_the_secretariat(
    client, users, survey, mailoutbox, who, expected
):
    _submit(users["alice"], survey, "9102")
    if who:
        _login(client, users, who)
    for method, url, body in _api_calls(survey):
        assert _call(client, method, url, body).status_code == expected, url
    survey.refresh_from_db()
    assert (survey.state, Survey.objects.count(), mailoutbox) == ("open", 1, [])
    assert survey.responses.get().status == "submitted"


def test_the_api_lists_creates_and_changes_surveys(client, users, survey):
    _login(client, users, "kansli")
    listed = client.get("/api/associations/klimatkommunerna/surveys").json()
    assert [(s["id"], s["counts"]["not_started"]) for s in listed] == [(survey.pk, 11)]
    url = "/api/associations/klimatkommunerna/surveys"
    created = client.post(
        url, {"year": 2026, "kind": "klimatlaget", "from": "copy"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert (created.json()["year"], created.json()["copied_from"]) == (2026, survey.pk)
    again = client.post(url, {"year": 2026, "kind": "klimatlaget"}, content_type="application/json")
    assert again.status_code == 422
    assert (
        "year: There is already a Klimatläget (annual survey) survey for 2026."
        in again.json()["detail"]
    )
    template = client.post(
        url,
        {"year": 2025, "kind": "membership_test", "from": "template"},
        content_type="application/json",
    )
    assert template.status_code == 201
    assert Survey.objects.get(pk=template.json()["id"]).questions.exists()
    patch = f"/api/surveys/{created.json()['id']}"
    changed = client.patch(
        patch, {"deadline": "2026-03-31", "state": "open"}, content_type="application/json"
    )
    assert changed.status_code == 200
    assert (changed.json()["deadline"], changed.json()["state"], changed.json()["title"]) == (
        "2026-03-31",
        "open",
        "Testenkät 2026",
    )
    cleared = client.patch(patch, {"deadline": None}, content_type="application/json").json()
    assert (cleared["deadline"], cleared["state"]) == (None, "open")
    bad = client.patch(patch, {"title": " "}, content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["errors"] == {"title": ["Give the survey a title."]}


@COMMITS
def test_the_api_sends_and_reports_members_without_contact(
    client, users, survey, contacts, mailoutbox
):
    _submit(users["alice"], survey, "9102")
    _login(client, users, "kansli")
    reminders = client.post(f"/api/surveys/{survey.pk}/reminders").json()
    assert (reminders["sent"], [m["code"] for m in reminders["members"]]) == (1, ["9201"])
    assert len(reminders["no_contact"]) == 9
    assert [tuple(m.to) for m in mailoutbox] == [("prov.miljosdotter@tallnas.example",)]
    survey.state = SurveyState.CLOSED
    survey.save()
    closed = client.post(f"/api/surveys/{survey.pk}/invitations")
    assert closed.status_code == 422
    assert "only while the survey is open" in closed.json()["detail"]
    assert len(mailoutbox) == 1


@COMMITS
def test_the_api_status_and_review(client, users, survey, contacts, mailoutbox):
    _submit(users["alice"], survey, "9102")
    _submit(users["bob"], survey, "9201")
    _login(client, users, "kansli")
    status = client.get(f"/api/surveys/{survey.pk}/status").json()
    assert status["counts"] == {
        "not_started": 9,
        "in_progress": 0,
        "submitted": 2,
        "returned": 0,
        "approved": 0,
    }
    assert len(status["rows"]) == 11
    as_csv = client.get(f"/api/surveys/{survey.pk}/status?format=csv")
    assert as_csv["Content-Type"].startswith("text/csv")
    assert "9102,Strandhamn,submitted" in as_csv.content.decode()
    base = f"/api/surveys/{survey.pk}/responses"
    approved = client.post(f"{base}/9102/approve", {}, content_type="application/json").json()
    assert approved["status"] == "approved"
    no_comment = client.post(
        f"{base}/9201/return", {"comment": ""}, content_type="application/json"
    )
    assert no_comment.status_code == 422
    assert no_comment.json()["errors"] == {"comment": ["Say what the member should correct."]}
    returned = client.post(
        f"{base}/9201/return", {"comment": "Base year?"}, content_type="application/json"
    )
    assert returned.json()["status"] == "returned"
    assert returned.json()["addresses_told"] == 1
    assert "Base year?" in mailoutbox[0].body
    twice = client.post(f"{base}/9201/approve", {}, content_type="application/json")
    assert twice.status_code == 422
    assert "Only a submitted response" in twice.json()["detail"]
    assert (
        client.post(f"{base}/9101/approve", {}, content_type="application/json").status_code == 404
    )
    statuses = dict(survey.responses.values_list("member__code", "status"))
    assert statuses == {"9102": ResponseStatus.APPROVED, "9201": ResponseStatus.RETURNED}
    assert Contact.objects.filter(member__code="9201").count() == 1
