"""Pages of the membership test's results: the secretariat's table with CSV, and a member's
own result for its editors."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klimatlaget.exports.responses import csv_response
from klimatlaget.surveys.membership import COLUMNS, member_result, membership_results
from klimatlaget.surveys.membership_results.access import managed_test, member_test


@login_required
def results_page(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = managed_test(request.user, code, survey_id)
    context = {
        "survey": survey,
        "association": survey.association,
        "results": membership_results(survey),
    }
    return render(request, "surveys/membership/results.html", context)


@login_required
def results_csv(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = managed_test(request.user, code, survey_id)
    name = f"{survey.association.code}-membership-test-{survey.year}"
    return csv_response(name, membership_results(survey).table(), COLUMNS)


@login_required
def member_page(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey, member = member_test(request.user, code, survey_id)
    context = {"survey": survey, "member": member, "result": member_result(survey, member)}
    return render(request, "surveys/membership/member.html", context)
