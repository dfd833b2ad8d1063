"""The statistics page of a survey and its CSV download (secretariat only), filtered by
member kind, county, size class and approval."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klimatlaget.accounts.resolvers import managed_survey
from klimatlaget.exports.responses import csv_response
from klimatlaget.surveys.results import table
from klimatlaget.surveys.results.blocks import section_blocks
from klimatlaget.surveys.results.filters import as_query, filter_choices, member_filter
from klimatlaget.surveys.results.summary import gather


@login_required
def statistics_page(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = managed_survey(request.user, survey_id, code)
    chosen = member_filter(request.GET)
    result = gather(survey, chosen)
    context = {
        "survey": survey,
        "association": survey.association,
        "result": result,
        "chosen": chosen,
        "choices": filter_choices(survey),
        "query": as_query(chosen),
        "sections": section_blocks(survey, result.statistics, result.figures),
    }
    return render(request, "surveys/results/statistics.html", context)


@login_required
def statistics_csv(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = managed_survey(request.user, survey_id, code)
    result = gather(survey, member_filter(request.GET))
    return csv_response(result.file_name(), result.rows(), table.COLUMNS)
