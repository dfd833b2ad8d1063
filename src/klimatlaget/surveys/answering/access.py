"""Who sees and who answers a member's survey, resolved once for every page and API call.

The member's own editors answer; the secretariat sees every response but only reads it here
(it reviews through its own pages). Anybody else gets a 404, so that outsiders cannot even learn
whether a member has started.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import User
from klimatlaget.accounts.resolvers import answers_as_member, member_for, member_survey
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


def resolve(user: User, code: str, survey_id: int, *, start: bool = True) -> Access:
    """The survey and the member's response as ``user`` may see them. Opening an open survey
    as the member's editor starts the response (with its pre-filled answers) when ``start``."""
    member = member_for(user, code)
    survey = member_survey(user, survey_id, member)
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
