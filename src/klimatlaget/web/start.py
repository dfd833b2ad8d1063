"""The start page after logging in: a desk for each association the user is the secretariat
of and for each organisation the user edits (:mod:`klimatlaget.web.organisation_desk`), with links
to their pages and what needs attention.

What each role sees comes from the access layer (:mod:`klimatlaget.accounts.resolvers`): a
viewer, or a user without roles, gets only the general links.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from klimatlaget.accounts import resolvers
from klimatlaget.associations.models import Contact, members_in_year
from klimatlaget.followup.queries import open_reports
from klimatlaget.organisations.models import Organisation, Population
from klimatlaget.surveys.models import EDITABLE_STATUSES, Response, Survey
from klimatlaget.web.organisation_desk import organisation_desk


@dataclass
class OverdueSurvey:
    survey: Survey
    #: Members of the survey's year whose response is not submitted (or not started at all).
    members: list[Organisation]


@dataclass
class AssociationDesk:
    association: Organisation
    year: int
    surveys: list[Survey]
    overdue: list[OverdueSurvey]
    without_population: list[Organisation]
    without_contacts: list[Organisation]

    @property
    def needs_attention(self) -> bool:
        return bool(self.overdue or self.without_population or self.without_contacts)


def _unsubmitted(survey: Survey) -> list[Organisation]:
    """Members of the survey's year without a submitted response."""
    done = Response.objects.filter(survey=survey).exclude(status__in=EDITABLE_STATUSES)
    return list(
        members_in_year(survey.association, survey.year)
        .exclude(pk__in=done.values("member"))
        .order_by("name")
    )


def association_desk(association: Organisation, today: datetime.date) -> AssociationDesk:
    year = today.year
    members = members_in_year(association, year).order_by("name")
    surveys = list(Survey.objects.filter(association=association).order_by("-year", "kind"))
    counted = Population.objects.filter(year=year).values("organisation")
    contacted = Contact.objects.filter(association=association).values("member")
    return AssociationDesk(
        association=association,
        year=year,
        surveys=surveys,
        overdue=[
            OverdueSurvey(survey, _unsubmitted(survey)) for survey in surveys if survey.is_overdue
        ],
        without_population=list(members.exclude(pk__in=counted)),
        without_contacts=list(members.exclude(pk__in=contacted)),
    )


@login_required
def start(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate(now)
    associations = resolvers.managed_associations(request.user).order_by("name")
    organisations = resolvers.edited_organisations(request.user).order_by("name")
    owned = list(
        resolvers.owned_measures(request.user)
        .select_related("organisation")
        .order_by("organisation__name", "code")
    )
    return render(
        request,
        "web/start.html",
        {
            "associations": [association_desk(a, today) for a in associations],
            "organisations": [organisation_desk(request.user, o, now) for o in organisations],
            "owned": owned,
            "to_report": open_reports(owned),
        },
    )
