"""The membership test's results: outcomes per member, the pages, the API and the demo."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from klimatlaget.audit.models import AuditEntry
from klimatlaget.calc.surveys import Outcome
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.blueprints import definition
from klimatlaget.surveys.building import create_survey
from klimatlaget.surveys.membership import judge, member_result, membership_results
from klimatlaget.surveys.models import Answer, Response, ResponseStatus, Survey, SurveyState

pytestmark = pytest.mark.usefixtures("english")

PASSING = {
    "political_decision": "ja",
    "inventories_emissions": "ja",
    "latest_inventory_year": "2023",
    "has_emission_targets": "ja",
    "has_action_plan": "ja",
    "action_plan_link": "https://strandhamn.example/handlingsplan",
    "carries_out_measures": "ja",
    "reports_to_association": "ja",
}
ACTION_PLAN = "Har en handlingsplan och genomför åtgärder"
REPORTING = "Informerar föreningen om arbetet"


def _org(code):
    return Organisation.objects.get(code=code)


@pytest.fixture
def test_survey(association):
    survey = create_survey(
        association, 2025, "membership_test", definition("membership_test", 2025)
    )
    survey.state = SurveyState.OPEN
    survey.save()
    return survey


@pytest.fixture
def answered(users, test_survey):
    """Strandhamn passes (submitted), Tallnäs fails (a draft without an action plan), Ekby is
    incomplete (a draft without the reporting answer); the other members have not started."""
    alice, bob, kansli = users["alice"], users["bob"], users["kansli"]
    strandhamn = services.start_response(alice, test_survey, _org("9102"))
    services.save_answers(alice, strandhamn, PASSING)
    services.submit(alice, strandhamn)
    tallnas = services.start_response(bob, test_survey, _org("9201"))
    services.save_answers(bob, tallnas, {**PASSING, "has_action_plan": "nej"})
    ekby = services.start_response(kansli, test_survey, _org("9101"))
    partial = {k: v for k, v in PASSING.items() if k != "reports_to_association"}
    services.save_answers(kansli, ekby, partial)
    return test_survey


def test_every_member_is_judged_and_drafts_are_marked(answered):
    results = membership_results(answered)
    by_code = {m.member.code: m for m in results.members}
    assert len(by_code) == 11  # the example members of 2025 (Björkås left in 2019)
    assert by_code["9102"].outcome == Outcome.PASS
    assert by_code["9102"].final
    assert by_code["9201"].outcome == Outcome.FAIL
    assert [r.requirement.text for r in by_code["9201"].failing] == [ACTION_PLAN]
    assert by_code["9201"].failing[0].questions == ("has_action_plan",)
    assert not by_code["9201"].final
    assert by_code["9101"].outcome == Outcome.INCOMPLETE
    assert [r.requirement.text for r in by_code["9101"].unanswered] == [REPORTING]
    none = by_code["9105"]
    assert none.response is None and none.outcome == Outcome.INCOMPLETE
    assert len(none.unanswered) == 5
    assert results.counts == {"pass": 1, "fail": 1, "incomplete": 9}
    assert member_result(answered, _org("9201")).outcome == Outcome.FAIL


def test_an_unconfirmed_prefilled_answer_does_not_count(answered):
    response = Response.objects.get(survey=answered, member__code="9102")
    Answer.objects.filter(response=response, question__key="reports_to_association").update(
        confirmed=False
    )
    result = judge(answered, response)
    assert result.outcome == Outcome.INCOMPLETE
    assert [r.requirement.key for r in result.unanswered] == ["reporting"]


def test_only_a_membership_test_is_judged(survey):
    with pytest.raises(ValidationError, match="not a membership test"):
        membership_results(survey)


# Pages -------------------------------------------------------------------------------------


def _page(test_survey):
    return f"/associations/klimatkommunerna/surveys/{test_survey.pk}/membership-test/"


def test_the_secretariat_reads_the_table_and_the_csv(client, users, answered):
    client.force_login(users["kansli"])
    response = client.get(_page(answered))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-code="9201" data-outcome="fail"' in html
    assert ACTION_PLAN in html
    csv_response = client.get(_page(answered).rstrip("/") + ".csv")
    assert csv_response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    tallnas = next(row for row in rows if row["member_code"] == "9201")
    assert tallnas["outcome"] == "fail"
    assert tallnas["failing"] == ACTION_PLAN
    assert tallnas["status"] == ResponseStatus.IN_PROGRESS


@pytest.mark.parametrize(("who", "status"), [("lasare", 403), ("alice", 403), ("nobody", 403)])
def test_others_may_not_read_the_secretariats_table(client, users, answered, who, status):
    client.force_login(users[who])
    assert client.get(_page(answered)).status_code == status
    assert client.get(_page(answered).rstrip("/") + ".csv").status_code == status


def test_anonymous_is_sent_to_log_in(client, answered):
    response = client.get(_page(answered))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_survey_of_another_kind_is_not_found(client, users, survey):
    client.force_login(users["kansli"])
    assert client.get(_page(survey)).status_code == 404


def _member_page(code, test_survey):
    return f"/o/{code}/surveys/{test_survey.pk}/membership-test/"


@pytest.mark.parametrize(
    ("who", "code", "status"),
    [
        ("bob", "9201", 200),
        ("alice", "9102", 200),
        ("kansli", "9201", 200),
        ("bob", "9102", 404),
        ("alice", "9201", 404),
        ("lasare", "9201", 404),
        ("nobody", "9102", 404),
    ],
)
def test_a_member_sees_only_its_own_result(client, users, answered, who, code, status):
    client.force_login(users[who])
    response = client.get(_member_page(code, answered))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        outcome = "fail" if code == "9201" else "pass"
        assert f'data-outcome="{outcome}"' in html


def test_the_member_page_names_the_failing_requirement(client, users, answered):
    client.force_login(users["bob"])
    html = client.get(_member_page("9201", answered)).content.decode()
    assert 'data-key="action_plan" data-outcome="fail"' in html
    assert "Does not meet the requirements" in html
    assert "not yet submitted" in html


# API ---------------------------------------------------------------------------------------


def _api(test_survey):
    return f"/api/surveys/{test_survey.pk}/membership-test"


def test_the_api_gives_outcomes_and_counts_to_the_secretariat(client, users, answered):
    client.force_login(users["kansli"])
    body = client.get(_api(answered)).json()
    assert body["counts"] == {"pass": 1, "fail": 1, "incomplete": 9}
    tallnas = next(m for m in body["members"] if m["member_code"] == "9201")
    assert tallnas["outcome"] == "fail"
    assert tallnas["final"] is False
    assert tallnas["failing"] == [
        {"key": "action_plan", "text": ACTION_PLAN, "questions": ["has_action_plan"]}
    ]
    csv_body = client.get(_api(answered) + "?format=csv").content.decode("utf-8-sig")
    assert csv_body.splitlines()[0].split(",")[:5] == [
        "member_code",
        "member_name",
        "status",
        "final",
        "outcome",
    ]


@pytest.mark.parametrize(("who", "status"), [(None, 401), ("bob", 403), ("lasare", 403)])
def test_the_api_refuses_all_but_the_secretariat(client, users, answered, who, status):
    if who:
        client.force_login(users[who])
    assert client.get(_api(answered)).status_code == status


def test_the_api_answers_404_for_another_kind_of_survey(client, users, survey):
    client.force_login(users["kansli"])
    assert client.get(_api(survey)).status_code == 404


# The demo ----------------------------------------------------------------------------------


def test_the_example_demo_has_surveys_and_example_answers(association):
    from klimatlaget.demo.surveys import load_demo_surveys

    said: list[str] = []
    load_demo_surveys(example=True, say=said.append)
    surveys = {(s.year, s.kind): s for s in Survey.objects.filter(association=association)}
    assert surveys[2024, "klimatlaget"].state == SurveyState.CLOSED
    assert surveys[2025, "klimatlaget"].state == SurveyState.OPEN
    assert surveys[2025, "klimatlaget"].deadline is not None
    assert surveys[2025, "klimatlaget"].copied_from == surveys[2024, "klimatlaget"]
    statuses_2024 = set(
        Response.objects.filter(survey=surveys[2024, "klimatlaget"]).values_list(
            "status", flat=True
        )
    )
    assert statuses_2024 == {ResponseStatus.SUBMITTED, ResponseStatus.APPROVED}
    statuses_2025 = set(
        Response.objects.filter(survey=surveys[2025, "klimatlaget"]).values_list(
            "status", flat=True
        )
    )
    assert len(statuses_2025) >= 3
    results = membership_results(surveys[2025, "membership_test"])
    outcomes = {m.member.code: m.outcome for m in results.members}
    assert outcomes["9203"] == Outcome.FAIL
    assert outcomes["9104"] == Outcome.INCOMPLETE
    assert outcomes["9101"] == Outcome.PASS
    assert not Response.objects.filter(survey__year=2025, member__code="9102").exists()
    assert AuditEntry.objects.filter(summary__contains="fictional example answers").exists()
    # Every example answer is one the question accepts, and only shown questions are answered.
    for response in Response.objects.filter(survey__association=association):
        specs = [q.spec() for q in response.survey.questions.all()]
        answers = services.answers_of(response)
        from klimatlaget.calc.surveys import shown_answers

        assert shown_answers(specs, answers) == answers
    count = Response.objects.count()
    load_demo_surveys(example=True, say=said.append)
    assert Response.objects.count() == count


def test_real_data_gets_surveys_but_no_invented_answers(association):
    from klimatlaget.demo.surveys import load_demo_surveys

    load_demo_surveys(example=False, say=lambda _text: None)
    assert Survey.objects.filter(association=association).count() == 3
    assert not Response.objects.exists()
