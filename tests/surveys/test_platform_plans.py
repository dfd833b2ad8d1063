"""Pre-filling from the action plans, measures and follow-up a member keeps on the platform: the
membership test's questions on the action plan and measures, and the Klimatläget survey's on the
climate plan and its regular follow-up. Where the registers say nothing, nothing is pre-filled."""

import datetime

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.followup import services as follow_up
from klimatlaget.measures import plans
from klimatlaget.measures.services import create_measure
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.blueprints import definition
from klimatlaget.surveys.building import create_survey
from klimatlaget.surveys.models import Answer, AnswerSource, Response, Survey, SurveyState
from klimatlaget.surveys.platform_data import follow_up_is_regular, platform_answers

MEMBERSHIP_KEYS = {"has_action_plan", "action_plan_link", "carries_out_measures"}
PLAN_URL = "https://strandhamn.example/klimatplan-2024.pdf"


@pytest.fixture
def strandhamn(users):
    return Organisation.objects.get(code="9102")


def _survey(association, kind, year=2025):
    survey = Survey.objects.filter(association=association, year=year, kind=kind).first()
    if survey is None:
        survey = create_survey(association, year, kind, definition(kind, year))
        survey.state = SurveyState.OPEN
        survey.save()
    return survey


def _answers(association, kind, member, year=2025):
    """What a response of ``member`` would be pre-filled with from the platform now."""
    survey = _survey(association, kind, year)
    return platform_answers(Response(survey=survey, member=member))


def _plan(member, **values):
    plan = {"title": "Klimatplan", "status": "adopted", "adopted_on": "2024-03-12"}
    return plans.create_plan(command_line(), member, {**plan, **values})


def _measure(member, code, status, **values):
    measure = {"code": code, "title": f"Åtgärd {code}", "sector": "Transporter"}
    measure |= {"type": "technical", "status": status}
    return create_measure(command_line(), member, {**measure, **values})


def _approved(member, year, quarter):
    period = follow_up.prepare_period(command_line(), member, year, quarter)
    for report in period.measure_reports.all():
        follow_up.report_on_measure(command_line(), report, {})
    follow_up.approve_period(command_line(), period)
    return period


def test_the_registers_answer_the_membership_tests_plan_and_measures(association, strandhamn):
    _plan(strandhamn, source=PLAN_URL, period_from=2024, period_to=2030)
    _measure(strandhamn, "T2", "ongoing", start_year=2024)
    _measure(strandhamn, "E1", "completed", start_year=2022, end_year=2024)
    _measure(strandhamn, "T1", "decided", start_year=2025)
    _measure(strandhamn, "P1", "proposed")
    _measure(strandhamn, "X1", "cancelled")
    _measure(strandhamn, "L1", "decided", start_year=2027)  # not started in 2025
    _measure(strandhamn, "O1", "completed", end_year=2020)  # long done
    answers = _answers(association, "membership_test", strandhamn)
    assert answers == {
        "has_action_plan": True,
        "action_plan_link": PLAN_URL,
        "carries_out_measures": True,
        "measures_examples": "E1 Åtgärd E1\nT1 Åtgärd T1\nT2 Åtgärd T2",
    }


def test_without_plans_or_measures_nothing_is_prefilled(association, strandhamn):
    answers = _answers(association, "membership_test", strandhamn)
    assert not set(answers) & MEMBERSHIP_KEYS
    _measure(strandhamn, "P1", "proposed")
    _measure(strandhamn, "X1", "postponed")
    _plan(strandhamn, kind="adaptation")  # an adaptation plan does not reduce emissions
    _plan(strandhamn, period_to=2024)  # its period is over
    _plan(strandhamn, adopted_on="2026-01-20")  # adopted after the survey's year
    answers = _answers(association, "membership_test", strandhamn)
    assert not set(answers) & MEMBERSHIP_KEYS


def test_a_plan_without_an_address_answers_yes_but_gives_no_link(association, strandhamn):
    _plan(strandhamn, source="Klimatplan, KF 2024-03-12 § 45")
    answers = _answers(association, "membership_test", strandhamn)
    assert answers["has_action_plan"] is True and "action_plan_link" not in answers


def test_a_replaced_plan_gives_way_to_its_adopted_successor(association, strandhamn):
    old = _plan(strandhamn, adopted_on="2019-06-01", source="https://old.example/plan")
    new = plans.create_plan(command_line(), strandhamn, plans.new_version_values(old))
    answers = _answers(association, "klimatlaget", strandhamn)
    assert answers["climate_plan_status"] == "adopted"
    assert answers["climate_plan_adopted_year"] == 2019
    assert answers["climate_plan_link"] == "https://old.example/plan"
    plans.update_plan(
        command_line(),
        new,
        {"status": "adopted", "adopted_on": "2025-02-01", "source": "https://new.example/plan"},
    )
    answers = _answers(association, "klimatlaget", strandhamn)
    assert answers["climate_plan_adopted_year"] == 2025
    assert answers["climate_plan_link"] == "https://new.example/plan"


def test_a_draft_is_a_working_document_and_no_yes(association, strandhamn):
    _plan(strandhamn, status="in_preparation", adopted_on=None)
    assert _answers(association, "klimatlaget", strandhamn)["climate_plan_status"] == (
        "in_preparation"
    )
    _plan(strandhamn, status="draft", adopted_on=None)
    answers = _answers(association, "klimatlaget", strandhamn)
    assert answers["climate_plan_status"] == "working_document"
    assert "climate_plan_adopted_year" not in answers
    assert "has_action_plan" not in _answers(association, "membership_test", strandhamn)


def test_regular_follow_up_is_an_approved_period_in_the_last_15_months(association, strandhamn):
    _measure(strandhamn, "T1", "ongoing")
    assert "climate_plan_followed_up" not in _answers(association, "klimatlaget", strandhamn)
    _approved(strandhamn, 2024, 2)  # ended 2024-06-30: more than 15 months before 2025's end
    open_period = follow_up.prepare_period(command_line(), strandhamn, 2024, 4)
    assert "climate_plan_followed_up" not in _answers(association, "klimatlaget", strandhamn)
    follow_up.report_on_measure(command_line(), open_period.measure_reports.get(), {})
    follow_up.approve_period(command_line(), open_period)  # ended 2024-12-31
    answers = _answers(association, "klimatlaget", strandhamn)
    assert answers["climate_plan_followed_up"] is True
    # The window ends with the survey's year: 2024 Q2 and Q4 count in the 2024 survey, not later.
    assert _answers(association, "klimatlaget", strandhamn, 2024)["climate_plan_followed_up"]
    assert "climate_plan_followed_up" not in _answers(association, "klimatlaget", strandhamn, 2026)


def test_the_window_runs_to_today_while_the_survey_year_lasts(strandhamn):
    _measure(strandhamn, "T1", "ongoing")
    _approved(strandhamn, 2025, 1)  # ended 2025-03-31
    assert follow_up_is_regular(strandhamn, 2026, today=datetime.date(2026, 6, 30))
    assert not follow_up_is_regular(strandhamn, 2026, today=datetime.date(2026, 7, 1))
    # A period not yet over on the day counts from when it ends.
    assert not follow_up_is_regular(strandhamn, 2025, today=datetime.date(2025, 3, 30))
    assert follow_up_is_regular(strandhamn, 2025, today=datetime.date(2025, 3, 31))


def test_starting_a_response_prefills_them_unconfirmed_until_confirmed(
    users, association, strandhamn
):
    _plan(strandhamn, source=PLAN_URL)
    _measure(strandhamn, "T1", "ongoing")
    survey = _survey(association, "membership_test")
    response = services.start_response(users["alice"], survey, strandhamn)
    prefilled = Answer.objects.filter(response=response, source=AnswerSource.PLATFORM)
    keys = set(prefilled.values_list("question__key", flat=True))
    assert keys == {*MEMBERSHIP_KEYS, "measures_examples"}
    assert not prefilled.filter(confirmed=True).exists()
    problems = services.submission_problems(response)
    question = survey.questions.get(key="has_action_plan").spec().text
    assert any(question in problem for problem in problems)
    assert services.confirm_prefilled(users["alice"], response, response.version) == 4
    assert not Answer.objects.filter(response=response, confirmed=False).exists()
