"""Who may see which version of the report, for the pages and the API alike.

The public version is for everybody once the survey is closed. Before that only the secretariat
sees it, as a preview marked as such; everybody else gets a 404, so that nobody learns early
figures. The internal version is for the secretariat only, in every state.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from klimatlaget.accounts.permissions import Permission, has_permission
from klimatlaget.organisations.lookup import organisation_or_404
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import Survey, SurveyKind, SurveyState
from klimatlaget.surveys.report.content import NoReport, Report, build_report, report_survey
from klimatlaget.surveys.services import User


def survey_or_404(code: str, year: int) -> Survey:
    association = organisation_or_404(code)
    try:
        return report_survey(association, year)
    except NoReport as error:
        raise Http404(str(error)) from error


def is_secretariat(user: User, survey: Survey) -> bool:
    return has_permission(user, Permission.MANAGE_ASSOCIATION, survey.association)


def visible_report(user: User, code: str, year: int, *, internal: bool = False) -> Report:
    """The report the user may see; raises Http404 or PermissionDenied otherwise."""
    survey = survey_or_404(code, year)
    if internal:
        if not is_secretariat(user, survey):
            raise PermissionDenied("internal report")
    elif survey.state != SurveyState.CLOSED and not is_secretariat(user, survey):
        raise Http404("report not published")
    return build_report(survey, public=not internal)


def published_reports(association: Organisation) -> list[Survey]:
    """The association's Klimatläget surveys whose report is public (closed), newest first."""
    return list(
        Survey.objects.filter(
            association=association, kind=SurveyKind.KLIMATLAGET, state=SurveyState.CLOSED
        ).order_by("-year")
    )
