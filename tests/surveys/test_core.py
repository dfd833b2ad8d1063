"""Starting, saving, submitting and reviewing a response through the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from klimatlaget.accounts.resolvers import can_see_response
from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.subjects import HIDDEN
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.building import copy_survey, create_survey, definition_of
from klimatlaget.surveys.models import Answer, ResponseStatus, SurveyState

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def strandhamn(db):
    return Organisation.objects.get(code="9102")


def test_saving_a_draft_keeps_readable_answers_and_names_the_others(users, survey, strandhamn):
    response = services.start_response(users["alice"], survey, strandhamn)
    result = services.save_answers(
        users["alice"],
        response,
        {"has_target": "ja", "target_year": "2030", "budget": "12 500,5", "plan_link": "nope x"},
    )
    assert result.saved == {"has_target": True, "target_year": 2030, "budget": 12500.5}
    assert list(result.problems) == ["plan_link"]
    assert "http" in result.messages()["plan_link"]
    response.refresh_from_db()
    assert response.status == ResponseStatus.IN_PROGRESS
    assert response.version == 1
    assert services.answers_of(response)["budget"] == 12500.5
    entry = AuditEntry.objects.filter(action="klimatlaget.survey.answered").latest("id")
    assert entry.changes["target_year"] == [None, HIDDEN]  # the log keeps no answers
    assert entry.actor_label == "alice"


def test_all_or_nothing_saves_nothing_when_one_answer_is_wrong(users, survey, strandhamn):
    response = services.start_response(users["alice"], survey, strandhamn)
    result = services.save_answers(
        users["alice"], response, {"has_target": "ja", "budget": "-5"}, all_or_nothing=True
    )
    assert "at least 0" in result.messages()["budget"]
    assert services.answers_of(response) == {}


def test_a_table_problem_names_row_and_column(users, survey, strandhamn):
    response = services.start_response(users["alice"], survey, strandhamn)
    rows = [{"name": "Biogas buses", "tonnes": "120"}, {"name": "", "tonnes": "4"}]
    result = services.save_answers(users["alice"], response, {"measures": rows})
    assert result.messages()["measures"] == "Row 2: Measure must be filled in."


def test_submit_needs_the_shown_required_answers_and_is_idempotent(users, survey, strandhamn):
    alice = users["alice"]
    response = services.start_response(alice, survey, strandhamn)
    with pytest.raises(ValidationError) as error:
        services.submit(alice, response)
    assert "Do you have a target?" in str(error.value)
    services.save_answers(alice, response, {"has_target": "nej"})  # target_year now hidden
    first = services.submit(alice, response)
    second = services.submit(alice, response)
    assert first.status == second.status == ResponseStatus.SUBMITTED
    assert second.version == first.version
    with pytest.raises(ValidationError):
        services.save_answers(alice, response, {"comment": "late"})


def test_another_members_editor_can_neither_see_nor_change(users, survey, strandhamn):
    response = services.start_response(users["alice"], survey, strandhamn)
    assert not can_see_response(users["bob"], response)
    with pytest.raises(PermissionDenied):
        services.save_answers(users["bob"], response, {"has_target": "ja"})
    with pytest.raises(PermissionDenied):
        services.start_response(users["bob"], survey, strandhamn)
    with pytest.raises(PermissionDenied):
        services.approve(users["alice"], response)


def test_the_secretariat_returns_and_approves(users, survey, strandhamn):
    alice, kansli = users["alice"], users["kansli"]
    response = services.start_response(alice, survey, strandhamn)
    services.save_answers(alice, response, {"has_target": True, "target_year": 2030})
    services.submit(alice, response)
    with pytest.raises(ValidationError):
        services.return_for_correction(kansli, response, "  ")
    returned = services.return_for_correction(kansli, response, "Which year is the base?")
    assert returned.status == ResponseStatus.RETURNED
    services.save_answers(alice, response, {"comment": "Base year 1990"})
    services.submit(alice, response)
    approved = services.approve(kansli, response)
    assert approved.status == ResponseStatus.APPROVED
    assert approved.reviewed_by == kansli


def test_copying_keeps_question_identity_and_prefills_last_years_answers(users, survey, strandhamn):
    alice = users["alice"]
    response = services.start_response(alice, survey, strandhamn)
    services.save_answers(alice, response, {"has_target": True, "target_year": 2030})
    next_year = copy_survey(survey, 2026)
    assert next_year.title == "Testenkät 2026"
    assert next_year.state == SurveyState.DRAFT
    assert list(next_year.questions.values_list("key", flat=True)) == list(
        survey.questions.values_list("key", flat=True)
    )
    assert definition_of(next_year)["sections"] == definition_of(survey)["sections"]
    next_year.state = SurveyState.OPEN
    next_year.save()
    fresh = services.start_response(alice, next_year, strandhamn)
    prefilled = Answer.objects.get(response=fresh, question__key="target_year")
    assert (prefilled.value, prefilled.source, prefilled.confirmed) == (2030, "last_year", False)
    services.save_answers(alice, fresh, {"has_target": True})
    problems = services.submission_problems(fresh)
    assert any("Target year?" in problem for problem in problems)
    assert services.confirm_prefilled(alice, fresh) == 1
    assert services.submission_problems(fresh) == []


def test_a_faulty_definition_creates_nothing(association):
    from klimatlaget.surveys.models import Survey

    bad = {
        "title": "Bad",
        "sections": [
            {
                "key": "s",
                "title": "S",
                "questions": [
                    {"key": "a", "kind": "yes_no", "text": "A"},
                    {"key": "b", "kind": "year", "text": "B", "condition": {"question": "zz"}},
                ],
            }
        ],
    }
    with pytest.raises(ValidationError, match="earlier question"):
        create_survey(association, 2024, "klimatlaget", bad)
    assert not Survey.objects.filter(year=2024).exists()
