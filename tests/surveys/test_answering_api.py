"""Answering a survey through the API: the questionnaire, the member's response, drafts,
confirming pre-filled answers, submitting, and who may do what."""

import pytest

from klimatlaget.accounts.resolvers import is_member
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.building import copy_survey
from klimatlaget.surveys.models import Answer, Response, ResponseStatus, SurveyState

pytestmark = pytest.mark.usefixtures("english")
JSON = "application/json"  # the confirm and submit operations take an optional JSON body


@pytest.fixture
def strandhamn(db):
    return Organisation.objects.get(code="9102")


def _url(survey, code="9102", rest=""):
    return f"/api/surveys/{survey.pk}/responses/{code}{rest}"


def _patch(client, survey, answers, code="9102"):
    return client.patch(_url(survey, code), {"answers": answers}, content_type="application/json")


# The questionnaire --------------------------------------------------------------------------


def test_any_logged_in_user_reads_the_questionnaire(client, users, survey):
    client.force_login(users["lasare"])
    reply = client.get(f"/api/surveys/{survey.pk}")
    assert reply.status_code == 200
    body = reply.json()
    assert (body["title"], body["state"], body["association"]) == (
        "Testenkät 2025",
        "open",
        "klimatkommunerna",
    )
    questions = {q["key"]: q for section in body["sections"] for q in section["questions"]}
    assert [s["key"] for s in body["sections"]] == ["targets", "work"]
    assert {q["kind"] for q in questions.values()} == {
        "yes_no", "year", "single_choice", "multiple_choice", "number", "text", "link", "file",
        "table",
    }  # fmt: skip
    assert questions["target_year"]["condition"] == {"question": "has_target", "equals": True}
    assert questions["has_target"]["condition"] is None
    assert questions["budget"]["unit"] == "kr" and questions["budget"]["minimum"] == 0
    assert questions["sectors"]["choices"][0] == {"key": "transport", "label": "Transport"}
    assert questions["measures"]["columns"][0]["key"] == "name"
    assert questions["plan_file"]["file_types"] == ["pdf", "txt"]


def test_the_questionnaire_needs_a_login_and_drafts_are_the_secretariats(client, users, survey):
    assert client.get(f"/api/surveys/{survey.pk}").status_code == 401
    survey.state = SurveyState.DRAFT
    survey.save()
    client.force_login(users["alice"])
    assert client.get(f"/api/surveys/{survey.pk}").status_code == 404
    client.force_login(users["kansli"])
    assert client.get(f"/api/surveys/{survey.pk}").status_code == 200


# The response -------------------------------------------------------------------------------


def test_the_members_editor_drafts_every_kind_of_answer(client, users, survey, strandhamn):
    client.force_login(users["alice"])
    opened = client.get(_url(survey)).json()
    assert (opened["status"], opened["version"], opened["answers"]) == ("not_started", 0, [])
    assert opened["missing"] == ["has_target"]
    answers = {
        "has_target": "ja",
        "target_year": "2030",
        "target_kind": "Territorial",
        "sectors": "Transport; energy",
        "budget": "1 000,5",
        "comment": "Hej",
        "plan_link": "https://example.org/plan",
        "measures": [{"name": "Buses", "tonnes": "12", "done": "nej"}],
    }
    reply = _patch(client, survey, answers)
    assert reply.status_code == 200
    body = reply.json()
    assert body["problems"] == {}
    assert (body["version"], body["status"]) == (1, "in_progress")
    assert body["saved"]["sectors"] == ["transport", "energy"]
    stored = services.answers_of(Response.objects.get(survey=survey, member=strandhamn))
    assert stored["measures"] == [{"name": "Buses", "tonnes": 12, "done": False}]
    assert stored["budget"] == 1000.5
    again = client.get(_url(survey)).json()
    assert {a["question"]: a["source"] for a in again["answers"]}["budget"] == "member"
    assert again["missing"] == []


def test_a_partly_wrong_draft_saves_the_rest_and_names_each_problem(client, users, survey):
    client.force_login(users["alice"])
    reply = _patch(
        client, survey, {"comment": "ok", "target_year": "soon", "measures": [{"tonnes": "1"}]}
    )
    assert reply.status_code == 200
    body = reply.json()
    assert body["saved"] == {"comment": "ok"}
    assert body["problems"] == {
        "target_year": "Give a year between 1900 and 2100, got 'soon'.",
        "measures": "Row 1: Measure must be filled in.",
    }


def test_an_unknown_question_is_refused(client, users, survey):
    client.force_login(users["alice"])
    reply = _patch(client, survey, {"colour": "green"})
    assert reply.status_code == 422
    assert "There is no question colour in this survey." in reply.json()["detail"]


def test_submitting_lists_what_is_missing_and_is_idempotent(client, users, survey, strandhamn):
    client.force_login(users["alice"])
    refused = client.post(_url(survey, rest="/submit"), content_type=JSON)
    assert refused.status_code == 422
    assert "The question “Do you have a target?” must be answered." in refused.json()["detail"]
    _patch(client, survey, {"has_target": "yes"})
    still = client.post(_url(survey, rest="/submit"), content_type=JSON)
    assert "“Target year?”" in still.json()["detail"]
    _patch(client, survey, {"has_target": "no"})
    first = client.post(_url(survey, rest="/submit"), content_type=JSON)
    assert first.status_code == 200
    assert first.json()["status"] == "submitted"
    second = client.post(_url(survey, rest="/submit"), content_type=JSON)
    assert second.json() == first.json()
    late = _patch(client, survey, {"comment": "late"})
    assert late.status_code == 422
    assert "can no longer be changed" in late.json()["detail"]
    response = Response.objects.get(survey=survey, member=strandhamn)
    assert response.status == ResponseStatus.SUBMITTED


def test_prefilled_answers_are_listed_and_confirmed(client, users, survey, strandhamn):
    alice = users["alice"]
    response = services.start_response(alice, survey, strandhamn)
    services.save_answers(alice, response, {"has_target": True, "target_year": 2030})
    next_year = copy_survey(survey, 2026)
    next_year.state = SurveyState.OPEN
    next_year.save()
    client.force_login(alice)
    opened = client.get(_url(next_year)).json()
    assert {(a["question"], a["source"], a["confirmed"]) for a in opened["answers"]} == {
        ("has_target", "last_year", False),
        ("target_year", "last_year", False),
    }
    assert (
        "Confirm or correct"
        in client.post(_url(next_year, rest="/submit"), content_type=JSON).json()["detail"]
    )
    confirmed = client.post(_url(next_year, rest="/confirm-prefilled"), content_type=JSON)
    assert confirmed.status_code == 200
    assert confirmed.json()["confirmed"] == 2
    assert not Answer.objects.filter(response__survey=next_year, confirmed=False).exists()
    assert client.post(_url(next_year, rest="/submit"), content_type=JSON).status_code == 200


# Who may see and change a response ----------------------------------------------------------


@pytest.mark.parametrize("username", ["bob", "lasare", "nobody"])
def test_outsiders_neither_see_nor_change_a_response(client, users, survey, strandhamn, username):
    response = services.start_response(users["alice"], survey, strandhamn)
    services.save_answers(users["alice"], response, {"comment": "private"})
    client.force_login(users[username])
    assert client.get(_url(survey)).status_code == 404
    assert _patch(client, survey, {"comment": "changed"}).status_code == 404
    assert (
        client.post(_url(survey, rest="/confirm-prefilled"), content_type=JSON).status_code == 404
    )
    assert client.post(_url(survey, rest="/submit"), content_type=JSON).status_code == 404
    assert services.answers_of(response) == {"comment": "private"}


def test_anonymous_callers_must_log_in(client, survey):
    assert client.get(_url(survey)).status_code == 401
    assert _patch(client, survey, {"comment": "x"}).status_code == 401
    assert client.post(_url(survey, rest="/submit"), content_type=JSON).status_code == 401


def test_the_secretariat_reads_but_does_not_answer(client, users, survey, strandhamn):
    client.force_login(users["kansli"])
    unopened = client.get(_url(survey))
    assert unopened.status_code == 200 and unopened.json()["status"] == "not_started"
    assert not Response.objects.filter(member=strandhamn).exists()
    response = services.start_response(users["alice"], survey, strandhamn)
    services.save_answers(users["alice"], response, {"comment": "Hello"})
    answers = client.get(_url(survey)).json()["answers"]
    assert [(a["question"], a["value"]) for a in answers] == [("comment", "Hello")]
    assert _patch(client, survey, {"comment": "changed"}).status_code == 403
    assert client.post(_url(survey, rest="/submit"), content_type=JSON).status_code == 403
    assert services.answers_of(response) == {"comment": "Hello"}


def test_a_member_outside_the_association_is_not_found(client, users, survey):
    outsider = next(
        org
        for org in Organisation.objects.all()
        if not is_member(survey.association, org, survey.year)
    )
    client.force_login(users["kansli"])
    assert client.get(_url(survey, code=outsider.code)).status_code == 404
