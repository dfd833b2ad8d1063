"""Answering a survey on the page: the member's survey list, the questionnaire with every kind
of question, drafts with and without JavaScript, pre-filled answers, submitting, files and who
may see what."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from klimatlaget.accounts.resolvers import is_member
from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.subjects import HIDDEN
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.building import copy_survey
from klimatlaget.surveys.models import Answer, AnswerFile, Response, ResponseStatus, SurveyState

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def strandhamn(db):
    return Organisation.objects.get(code="9102")


def _page(survey, code="9102"):
    return f"/o/{code}/surveys/{survey.pk}/"


def _login(client, user):
    client.force_login(user)
    return client


# The whole form, as a browser without JavaScript posts it.
FORM = {
    "q-has_target": "yes",
    "q-target_year": "2030",
    "q-target_kind": "territory",
    "q-sectors": ["transport", "food"],
    "q-budget": "12 500,5",
    "q-comment": "We are working on it.",
    "q-plan_link": "klimat.strandhamn.se/plan",
    "q-measures-0-name": "Biogas buses",
    "q-measures-0-tonnes": "120",
    "q-measures-0-done": "yes",
    "q-measures-1-name": "",
    "q-measures-1-tonnes": "",
    "q-measures-1-done": "",
}

EXPECTED = {
    "has_target": True,
    "target_year": 2030,
    "target_kind": "territory",
    "sectors": ["transport", "food"],
    "budget": 12500.5,
    "comment": "We are working on it.",
    "plan_link": "https://klimat.strandhamn.se/plan",
    "measures": [{"name": "Biogas buses", "tonnes": 120, "done": True}],
}


def _response(survey, member):
    return Response.objects.get(survey=survey, member=member)


# The member's surveys -----------------------------------------------------------------------


def test_an_editor_sees_the_members_surveys_with_status_and_link(client, users, survey):
    _login(client, users["alice"])
    page = client.get("/o/9102/surveys/")
    assert page.status_code == 200
    html = page.content.decode()
    assert survey.title in html
    assert "Not started" in html
    assert f'href="{_page(survey)}"' in html
    assert ">Answer<" in html


def test_draft_surveys_are_not_listed_for_members(client, users, survey):
    survey.state = SurveyState.DRAFT
    survey.save()
    _login(client, users["alice"])
    assert survey.title not in client.get("/o/9102/surveys/").content.decode()
    assert client.get(_page(survey)).status_code == 404


@pytest.mark.parametrize(
    ("username", "status"),
    [("alice", 200), ("kansli", 200), ("bob", 404), ("lasare", 404), ("nobody", 404)],
)
def test_who_sees_a_members_survey_list(client, users, survey, username, status):
    _login(client, users[username])
    assert client.get("/o/9102/surveys/").status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client, survey):
    assert client.get("/o/9102/surveys/").status_code == 302
    assert client.get(_page(survey)).status_code == 302


# The questionnaire --------------------------------------------------------------------------


def test_opening_the_questionnaire_starts_the_response_and_shows_every_kind(
    client, users, survey, strandhamn
):
    _login(client, users["alice"])
    page = client.get(_page(survey))
    assert page.status_code == 200
    html = page.content.decode().replace("\xa0", " ")
    assert _response(survey, strandhamn).status == ResponseStatus.NOT_STARTED
    assert 'type="radio" name="q-has_target" id="q-has_target-yes" value="yes"' in html
    assert 'data-condition-question="has_target" data-condition-value="true"' in html
    assert 'type="radio" name="q-target_kind"' in html
    assert 'type="checkbox" name="q-sectors"' in html
    assert 'inputmode="decimal"' in html and '<span class="unit">kr</span>' in html
    assert "Between 0 and 1,000,000,000 kr." in html
    assert '<textarea name="q-comment"' in html
    assert 'type="url"' in html
    assert 'type="file" name="f-plan_file"' in html and 'accept=".pdf,.txt"' in html
    assert "At most 1000 bytes; file types: pdf, txt." in html
    assert 'name="q-measures-0-name"' in html and "At most 5 rows." in html
    assert '<label for="q-comment">' in html
    assert '<span data-progress="answered">0</span> of <span data-progress="required">1</span>' in (
        html
    )
    assert 'id="survey-form"' in html


def test_saving_the_whole_form_without_javascript(client, users, survey, strandhamn):
    _login(client, users["alice"])
    client.get(_page(survey))
    saved = client.post(_page(survey), {**FORM, "action": "save"})
    assert saved.status_code == 302
    assert saved["Location"] == _page(survey)
    response = _response(survey, strandhamn)
    assert services.answers_of(response) == EXPECTED
    assert response.status == ResponseStatus.IN_PROGRESS
    entry = AuditEntry.objects.filter(action="klimatlaget.survey.answered").latest("id")
    assert entry.changes["budget"] == [None, HIDDEN]  # the log keeps no answers
    again = client.get(_page(survey)).content.decode()
    assert 'value="12500.5"' in again and 'value="Biogas buses"' in again
    assert "Your answers were saved." in again
    # Posting the same form again changes nothing.
    client.post(_page(survey), {**FORM, "action": "save"})
    response.refresh_from_db()
    assert response.version == 1


def test_an_unreadable_answer_is_named_next_to_its_question_and_kept(
    client, users, survey, strandhamn
):
    _login(client, users["alice"])
    form = {**FORM, "q-budget": "a lot", "q-measures-0-tonnes": "-3", "action": "save"}
    page = client.post(_page(survey), form)
    assert page.status_code == 422
    html = page.content.decode()
    assert "Give a number, got &#x27;a lot&#x27;." in html
    assert 'value="a lot"' in html  # what was typed is not lost
    assert "Row 1, tonnes: The number must be at least 0, got -3." in html
    answers = services.answers_of(_response(survey, strandhamn))
    assert "budget" not in answers and "measures" not in answers
    assert answers["comment"] == "We are working on it."


def test_submitting_needs_the_shown_required_answers(client, users, survey, strandhamn):
    _login(client, users["alice"])
    page = client.post(_page(survey), {"q-has_target": "yes", "action": "submit"})
    assert page.status_code == 422
    assert "The question “Target year?” must be answered." in page.content.decode()
    assert "target_year must" not in page.content.decode()
    assert _response(survey, strandhamn).status == ResponseStatus.IN_PROGRESS
    done = client.post(_page(survey), {"q-has_target": "no", "action": "submit"})
    assert done.status_code == 302
    assert _response(survey, strandhamn).status == ResponseStatus.SUBMITTED


def test_a_hidden_answer_is_ignored_and_not_shown_after_submitting(
    client, users, survey, strandhamn
):
    _login(client, users["alice"])
    client.post(_page(survey), {"q-has_target": "no", "q-target_year": "2040", "action": "submit"})
    html = client.get(_page(survey)).content.decode()
    assert 'id="survey-form"' not in html
    assert 'id="read-only-note"' in html
    assert 'id="answer-has_target"' in html
    assert 'id="answer-target_year"' not in html


def test_a_double_submit_changes_nothing(client, users, survey, strandhamn):
    _login(client, users["alice"])
    client.post(_page(survey), {"q-has_target": "no", "action": "submit"})
    version = _response(survey, strandhamn).version
    second = client.post(_page(survey), {"q-has_target": "no", "action": "submit"})
    assert second.status_code == 302
    response = _response(survey, strandhamn)
    assert (response.status, response.version) == (ResponseStatus.SUBMITTED, version)
    assert AuditEntry.objects.filter(action="klimatlaget.survey.submitted").count() == 1


def test_a_submitted_response_cannot_be_changed(client, users, survey, strandhamn):
    _login(client, users["alice"])
    client.post(_page(survey), {"q-has_target": "no", "action": "submit"})
    late = client.post(_page(survey), {"q-has_target": "yes", "action": "save"}, follow=True)
    assert "can no longer be changed" in late.content.decode()
    assert services.answers_of(_response(survey, strandhamn))["has_target"] is False


def test_a_returned_response_shows_the_comment_and_can_be_corrected(
    client, users, survey, strandhamn
):
    _login(client, users["alice"])
    client.post(_page(survey), {"q-has_target": "no", "action": "submit"})
    response = _response(survey, strandhamn)
    services.return_for_correction(users["kansli"], response, "Which base year?")
    html = client.get(_page(survey)).content.decode()
    assert 'id="review-comment"' in html and "Which base year?" in html
    assert 'id="survey-form"' in html


# Pre-filled answers -------------------------------------------------------------------------


@pytest.fixture
def next_year(users, survey, strandhamn):
    """2026's survey, copied from 2025 where alice answered has_target and target_year."""
    response = services.start_response(users["alice"], survey, strandhamn)
    services.save_answers(users["alice"], response, {"has_target": True, "target_year": 2030})
    copy = copy_survey(survey, 2026)
    copy.state = SurveyState.OPEN
    copy.save()
    return copy


def test_prefilled_answers_are_marked_until_confirmed(client, users, next_year, strandhamn):
    _login(client, users["alice"])
    html = client.get(_page(next_year)).content.decode()
    assert html.count("Pre-filled from last year&#x27;s answer") == 2
    assert 'id="confirm-prefilled"' in html
    # Saving the whole form unchanged does not confirm them.
    client.post(_page(next_year), {"q-has_target": "yes", "q-target_year": "2030"})
    response = _response(next_year, strandhamn)
    assert Answer.objects.filter(response=response, confirmed=False).count() == 2
    confirmed = client.post(_page(next_year), {"action": "confirm"}, follow=True)
    assert "2 pre-filled answers confirmed." in confirmed.content.decode()
    assert not Answer.objects.filter(response=response, confirmed=False).exists()
    assert "Pre-filled from" not in client.get(_page(next_year)).content.decode()


def test_correcting_a_prefilled_answer_confirms_it(client, users, next_year, strandhamn):
    _login(client, users["alice"])
    client.post(_page(next_year), {"q-has_target": "yes", "q-target_year": "2035"})
    answer = Answer.objects.get(response__survey=next_year, question__key="target_year")
    assert (answer.value, answer.confirmed, answer.source) == (2035, True, "")
    assert not Answer.objects.get(response__survey=next_year, question__key="has_target").confirmed


# Autosave (the page's script) ---------------------------------------------------------------


def _draft(client, survey, answers, code="9102"):
    return client.post(
        f"/o/{code}/surveys/{survey.pk}/draft",
        json.dumps({"answers": answers}),
        content_type="application/json",
    )


def test_autosave_saves_what_it_can_and_names_the_rest(client, users, survey, strandhamn):
    _login(client, users["alice"])
    reply = _draft(client, survey, {"budget": "12 500,5", "plan_link": "nope x"})
    assert reply.status_code == 200
    body = reply.json()
    assert body["saved"] == {"budget": 12500.5}
    assert "http://" in body["problems"]["plan_link"]
    assert body["version"] == 1
    assert body["progress"] == {"answered": 0, "required": 1}
    assert body["status"] == "in_progress"
    tables = _draft(client, survey, {"measures": [{"name": "Buses", "tonnes": "4"}, {"name": ""}]})
    assert tables.json()["saved"] == {"measures": [{"name": "Buses", "tonnes": 4, "done": None}]}


def test_autosave_with_the_csrf_header(users, survey):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["alice"])
    page = client.get(_page(survey))
    token = str(page.context["csrf_token"])
    url = f"/o/9102/surveys/{survey.pk}/draft"
    body = json.dumps({"answers": {"comment": "hej"}})
    refused = client.post(url, body, content_type="application/json")
    assert refused.status_code == 403
    accepted = client.post(
        url, body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 200


def test_autosave_refusals_are_clear(client, users, survey, settings):
    _login(client, users["alice"])
    url = f"/o/9102/surveys/{survey.pk}/draft"
    bad_json = client.post(url, "{not json", content_type="application/json")
    assert bad_json.status_code == 422 and "JSON" in bad_json.json()["detail"]
    unknown = _draft(client, survey, {"colour": "green"})
    assert unknown.status_code == 422 and "colour" in unknown.json()["detail"]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    too_big = _draft(client, survey, {"comment": "x" * 5000})
    assert too_big.status_code == 413
    assert too_big.json()["detail"] == "The request is too large to be saved."


@pytest.mark.parametrize(("username", "status"), [("bob", 404), ("lasare", 404), ("kansli", 403)])
def test_only_the_members_editor_autosaves(client, users, survey, strandhamn, username, status):
    _login(client, users[username])
    assert _draft(client, survey, {"comment": "sneaky"}).status_code == status
    assert not Answer.objects.filter(response__member=strandhamn).exists()


def test_anonymous_autosave_is_refused(client, survey):
    assert _draft(client, survey, {"comment": "x"}).status_code == 403


# Who sees and changes the questionnaire -----------------------------------------------------


def test_another_members_editor_neither_sees_nor_changes(client, users, survey, strandhamn):
    services.start_response(users["alice"], survey, strandhamn)
    _login(client, users["bob"])
    assert client.get(_page(survey)).status_code == 404
    assert client.post(_page(survey), {**FORM, "action": "save"}).status_code == 404
    assert services.answers_of(_response(survey, strandhamn)) == {}
    # bob answers for his own member, Tallnäs.
    assert client.get(_page(survey, "9201")).status_code == 200


@pytest.mark.parametrize("username", ["lasare", "nobody"])
def test_viewers_and_users_without_a_role_are_refused(client, users, survey, username):
    _login(client, users[username])
    assert client.get(_page(survey)).status_code == 404
    assert client.post(_page(survey), {"q-comment": "x"}).status_code == 404


def test_the_secretariat_reads_without_starting_or_changing(client, users, survey, strandhamn):
    _login(client, users["kansli"])
    html = client.get(_page(survey)).content.decode()
    assert 'id="survey-form"' not in html and "Not answered" in html
    assert not Response.objects.filter(member=strandhamn).exists()
    assert client.post(_page(survey), {"q-comment": "x"}).status_code == 403
    alice = users["alice"]
    response = services.start_response(alice, survey, strandhamn)
    services.save_answers(alice, response, {"comment": "Hello secretariat"})
    html = client.get(_page(survey)).content.decode()
    assert "Hello secretariat" in html and 'id="survey-form"' not in html


def test_a_survey_of_an_association_the_member_is_not_in_is_not_found(client, users, survey):
    from klimatlaget.organisations.models import OrganisationKind

    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    outsider = next(
        org for org in municipalities if not is_member(survey.association, org, survey.year)
    )
    _login(client, users["kansli"])
    assert client.get(_page(survey, outsider.code)).status_code == 404


# Files --------------------------------------------------------------------------------------


def _file(name="plan.pdf", content=b"%PDF-1.4 plan"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_file_is_uploaded_with_the_form_and_downloaded(client, users, survey, strandhamn):
    _login(client, users["alice"])
    client.post(_page(survey), {"f-plan_file": _file(), "action": "save"})
    answer = Answer.objects.get(response__member=strandhamn, question__key="plan_file")
    assert answer.value == {"name": "plan.pdf", "size": 13}
    html = client.get(_page(survey)).content.decode()
    link = f"/o/9102/surveys/{survey.pk}/files/plan_file"
    assert f'href="{link}">plan.pdf</a>' in html
    download = client.get(link)
    assert download.status_code == 200
    assert download.content == b"%PDF-1.4 plan"
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (_file(content=b"x" * 1001), "The file is 1001 bytes; at most 1000 bytes are allowed."),
        (_file(name="plan.exe"), "Files of type exe are not accepted; allowed: pdf, txt."),
    ],
)
def test_a_file_outside_the_limits_is_refused_clearly(client, users, survey, upload, message):
    _login(client, users["alice"])
    page = client.post(_page(survey), {"f-plan_file": upload, "action": "save"})
    assert page.status_code == 422
    assert message in page.content.decode()
    assert not AnswerFile.objects.exists()


def test_the_page_script_uploads_a_file(client, users, survey):
    _login(client, users["alice"])
    url = f"/o/9102/surveys/{survey.pk}/files/plan_file"
    reply = client.post(url, {"file": _file(name="plan.txt", content=b"hej")})
    assert reply.status_code == 200
    assert reply.json()["file"] == {"name": "plan.txt", "size": 3, "url": url}
    too_big = client.post(url, {"file": _file(content=b"x" * 2000)})
    assert too_big.status_code == 422
    assert "at most 1000 bytes" in too_big.json()["detail"]
    assert client.post(url, {}).json()["detail"] == "Choose a file to upload."
    assert client.post(url.replace("plan_file", "comment"), {"file": _file()}).status_code == 422


@pytest.mark.parametrize(
    ("username", "status"),
    [("kansli", 200), ("bob", 404), ("lasare", 404), ("nobody", 404), (None, 302)],
)
def test_who_may_download_a_file(client, users, survey, strandhamn, username, status):
    response = services.start_response(users["alice"], survey, strandhamn)
    question = survey.questions.get(key="plan_file")
    services.save_file(users["alice"], response, question, "plan.pdf", "application/pdf", b"%PDF")
    if username:
        _login(client, users[username])
    assert client.get(f"/o/9102/surveys/{survey.pk}/files/plan_file").status_code == status


def test_bob_cannot_upload_to_alices_response(client, users, survey, strandhamn):
    services.start_response(users["alice"], survey, strandhamn)
    _login(client, users["bob"])
    reply = client.post(f"/o/9102/surveys/{survey.pk}/files/plan_file", {"file": _file()})
    assert reply.status_code == 404
    assert not AnswerFile.objects.exists()
