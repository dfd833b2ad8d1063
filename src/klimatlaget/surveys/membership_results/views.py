"""Pages of the membership test's results: the secretariat's table with CSV, and a member's
own result for its editors."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klimatlaget.accounts.resolvers import managed_survey, member_for, member_survey
from klimatlaget.exports.responses import csv_response
from klimatlaget.surveys.membership import COLUMNS, member_result, membership_results
from klimatlaget.surveys.models import SurveyKind


@login_required
def results_page(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = managed_survey(request.user, survey_id, code, SurveyKind.MEMBERSHIP_TEST)
    context = {
        "survey": survey,
        "association": survey.association,
        "results": membership_results(survey),
    }
    return render(request, "surveys/membership/results.html", context)


@login_required
def results_csv(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = managed_survey(request.user, survey_id, code, SurveyKind.MEMBERSHIP_TEST)
    name = f"{survey.association.code}-membership-test-{survey.year}"
    return csv_response(name, membership_results(survey).table(), COLUMNS)


@login_required
def member_page(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    member = member_for(request.user, code)
    survey = member_survey(request.user, survey_id, member, SurveyKind.MEMBERSHIP_TEST)
    context = {"survey": survey, "member": member, "result": member_result(survey, member)}
    return render(request, "surveys/membership/member.html", context)
