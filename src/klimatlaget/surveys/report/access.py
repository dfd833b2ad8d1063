"""Who may see which version of the report, for the pages and the API alike.

The public version is for everybody once the survey is closed. Before that only the secretariat
sees it, as a preview marked as such; everybody else gets a 404, so that nobody learns early
figures. The internal version is for the secretariat only, in every state.
"""

from __future__ import annotations

from django.http import Http404

from klimatlaget.accounts.permissions import Permission, User, has_permission
from klimatlaget.accounts.resolvers import association_or_404, managed_association
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import Survey, SurveyKind, SurveyState
from klimatlaget.surveys.report.content import NoReport, Report, build_report, report_survey


def visible_report(user: User, code: str, year: int, *, internal: bool = False) -> Report:
    """The report the user may see. The internal report is refused to all but the secretariat
    before anything is looked up (403); an unpublished report is as missing as one that does
    not exist (404)."""
    association = managed_association(user, code) if internal else association_or_404(code)
    try:
        survey = report_survey(association, year)
    except NoReport as error:
        raise Http404(str(error)) from error
    if survey.state != SurveyState.CLOSED and not has_permission(
        user, Permission.MANAGE_ASSOCIATION, association
    ):
        raise Http404("report not published")
    return build_report(survey, public=not internal)


def published_reports(association: Organisation) -> list[Survey]:
    """The association's Klimatläget surveys whose report is public (closed), newest first."""
    return list(
        Survey.objects.filter(
            association=association, kind=SurveyKind.KLIMATLAGET, state=SurveyState.CLOSED
        ).order_by("-year")
    )
