"""Who sees and who answers a member's survey, resolved once for every page and API call.

The member's own editors answer; the secretariat sees every response but only reads it here
(it reviews through its own pages). Anybody else gets a 404, so that outsiders cannot even learn
whether a member has started.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, User, has_permission
from klimatlaget.organisations.lookup import organisation_or_404
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.models import Response, Survey, SurveyState


@dataclass
class Access:
    survey: Survey
    member: Organisation
    #: The member's own editor (may answer); otherwise the secretariat, reading.
    answers: bool
    response: Response | None

    @property
    def editable(self) -> bool:
        return self.answers and self.response is not None and self.response.editable


def may_see_member(user: User, member: Organisation) -> bool:
    """The member's editors and the secretariat see its surveys."""
    return services.can_manage(user) or has_permission(user, Permission.CHANGE_ORGANISATION, member)


def member_for(user: User, code: str) -> Organisation:
    """The member with ``code`` whose surveys ``user`` may see (else 404; anonymous: 403)."""
    if not user.is_authenticated:
        raise PermissionDenied("login required")
    member = organisation_or_404(code)
    if not may_see_member(user, member):
        raise Http404(code)
    return member


def answers_as_member(user: User, survey: Survey, member: Organisation) -> bool:
    """The member's own editor, who answers; the secretariat only reads here."""
    return not services.can_manage(user) and services.can_answer(user, survey, member)


def survey_for(user: User, survey_id: int, member: Organisation) -> Survey:
    """The survey, if it is not a draft (the secretariat sees drafts too) and ``member`` belongs
    to its association in its year."""
    survey = get_object_or_404(Survey.objects.select_related("association"), pk=survey_id)
    if survey.state == SurveyState.DRAFT and not services.can_manage(user):
        raise Http404("survey")
    if not services.is_member(survey, member):
        raise Http404("member")
    return survey


def resolve(user: User, code: str, survey_id: int, *, start: bool = True) -> Access:
    """The survey and the member's response as ``user`` may see them. Opening an open survey
    as the member's editor starts the response (with its pre-filled answers) when ``start``."""
    member = member_for(user, code)
    survey = survey_for(user, survey_id, member)
    answers = answers_as_member(user, survey, member)
    response = services.response_for(survey, member)
    if response is None and start and answers and survey.state == SurveyState.OPEN:
        response = services.start_response(user, survey, member)
    return Access(survey=survey, member=member, answers=answers, response=response)


def writable(user: User, code: str, survey_id: int) -> Access:
    """Like :func:`resolve`, for changing answers: only the member's editor (else 403)."""
    access = resolve(user, code, survey_id)
    if not access.answers:
        raise PermissionDenied("answer")
    if access.response is None:
        raise ValidationError(_("The survey is not open for answers."), code="closed")
    return access
