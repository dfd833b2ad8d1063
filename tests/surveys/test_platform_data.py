"""Pre-filling from the platform's own data: targets, the Paris verdict and emissions."""

import pytest

from klimatlaget.accounts.actors import command_line
from klimatlaget.calc import MetricParameters
from klimatlaget.calc.targets import Verdict
from klimatlaget.demo.association import EXAMPLE_TARGETS, REAL_TARGETS, load_memberships
from klimatlaget.emissions.series import metrics_for
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.blueprints import definition
from klimatlaget.surveys.building import create_survey
from klimatlaget.surveys.models import Answer, AnswerSource, Response, SurveyState
from klimatlaget.surveys.platform_data import paris_verdict, platform_answers
from klimatlaget.targets.evaluation import evaluate_organisation, target_parameters
from klimatlaget.targets.imports import import_targets

PLATFORM_KEYS = {
    "overall_target_count",
    "overall_target_summary",
    "overall_target_paris_aligned",
    "emissions_inventoried",
    "emissions_latest",
    "emissions_change_1990",
}


def _response(association, code, year=2025):
    survey = create_survey(association, year, "klimatlaget", definition("klimatlaget", year))
    return Response.objects.create(survey=survey, member=Organisation.objects.get(code=code))


@pytest.fixture
def real_association(real_data):
    association = load_memberships(example=False).association
    import_targets(REAL_TARGETS, actor=command_line())
    return association


def test_kalmar_gets_its_targets_verdict_and_emissions(real_association):
    answers = platform_answers(_response(real_association, "0880"))
    assert set(answers) == PLATFORM_KEYS
    # demo/targets_real.csv: three adopted targets of Kalmar kommun, one of them for 2023,
    # which no longer counts in 2025.
    assert answers["overall_target_count"] == 2
    assert answers["overall_target_summary"].splitlines() == [
        "Klimatneutrala Kalmar 2030",
        "Fossilbränslefri kommun 2030",
    ]
    metrics = metrics_for("0880", MetricParameters())
    assert answers["emissions_change_1990"] == round(metrics.change_since_1990_pct, 1)
    assert answers["emissions_change_1990"] < 0
    assert answers["emissions_latest"] == round(metrics.last_emissions_t)
    assert answers["emissions_inventoried"] is True
    verdict = evaluate_organisation("0880", target_parameters()).alignment.verdict
    assert answers["overall_target_paris_aligned"] is (verdict == Verdict.IN_LINE)


def test_a_target_year_before_the_survey_still_counts_in_its_year(real_association):
    answers = platform_answers(_response(real_association, "0880", year=2023))
    assert answers["overall_target_count"] == 3


def test_a_member_without_targets_gets_only_its_emissions(real_association):
    answers = platform_answers(_response(real_association, "0180"))  # Stockholm: no targets here
    assert set(answers) == {"emissions_inventoried", "emissions_latest", "emissions_change_1990"}


def test_example_member_answers_fit_the_questions(users, association):
    import_targets(EXAMPLE_TARGETS, actor=command_line())
    response = _response(association, "9102")
    answers = platform_answers(response)
    assert set(answers) == PLATFORM_KEYS
    assert answers["overall_target_count"] == 4  # demo/targets_example.csv
    expected = evaluate_organisation("9102", target_parameters()).alignment.verdict
    assert paris_verdict(Organisation.objects.get(code="9102")) == (
        None if expected == Verdict.NOT_ASSESSED else expected
    )
    assert isinstance(answers["emissions_latest"], int)


def test_a_choice_question_gets_the_verdicts_key_and_a_mismatch_is_left_out(users, association):
    import_targets(EXAMPLE_TARGETS, actor=command_line())
    member = Organisation.objects.get(code="9102")
    verdict = paris_verdict(member)
    assert verdict is not None
    survey = create_survey(
        association,
        2025,
        "klimatlaget",
        {
            "title": "Choices",
            "sections": [
                {
                    "key": "s",
                    "title": "S",
                    "questions": [
                        {
                            "key": "paris",
                            "kind": "single_choice",
                            "text": "Paris?",
                            "prefill": "paris_verdict",
                            "choices": [{"key": v.value, "label": v.value} for v in Verdict],
                        },
                        {
                            "key": "paris_other",
                            "kind": "single_choice",
                            "text": "Paris, other keys?",
                            "prefill": "paris_verdict",
                            "choices": [{"key": "a", "label": "A"}],
                        },
                        {
                            "key": "tiny",
                            "kind": "number",
                            "text": "Emissions, but at most 1 t?",
                            "prefill": "emissions_latest",
                            "maximum": 1,
                        },
                        {
                            "key": "count_text",
                            "kind": "text",
                            "text": "Targets as text",
                            "prefill": "target_count",
                        },
                    ],
                }
            ],
        },
    )
    answers = platform_answers(Response.objects.create(survey=survey, member=member))
    assert answers == {"paris": verdict.value, "count_text": "4"}


def test_starting_a_response_prefills_unconfirmed_platform_answers(users, association):
    import_targets(EXAMPLE_TARGETS, actor=command_line())
    survey = create_survey(association, 2025, "klimatlaget", definition("klimatlaget", 2025))
    survey.state = SurveyState.OPEN
    survey.save()
    response = services.start_response(
        users["alice"], survey, Organisation.objects.get(code="9102")
    )
    prefilled = Answer.objects.filter(response=response, source=AnswerSource.PLATFORM)
    assert set(prefilled.values_list("question__key", flat=True)) == PLATFORM_KEYS
    assert not prefilled.filter(confirmed=True).exists()
    problems = services.submission_problems(response)
    latest = survey.questions.get(key="emissions_latest").spec().text
    assert any(latest in problem for problem in problems)
