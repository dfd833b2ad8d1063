"""Finding the membership test of a results page or API call, with the permission checks."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from klimatlaget.accounts.permissions import User
from klimatlaget.fees.access import managed_association
from klimatlaget.organisations.lookup import organisation_or_404
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.models import Survey, SurveyKind


def managed_test(user: User, code: str, survey_id: int) -> Survey:
    """The association's membership test ``survey_id`` (else 404), for its secretariat (else
    403)."""
    association = managed_association(user, code)
    return get_object_or_404(
        Survey, pk=survey_id, association=association, kind=SurveyKind.MEMBERSHIP_TEST
    )


def member_test(user: User, code: str, survey_id: int) -> tuple[Survey, Organisation]:
    """The membership test and the member ``code``, for the member's own editors and the
    secretariat. Anybody else gets a 404, as for a response (services.ensure_can_see): an
    outsider must not even learn how a member fares."""
    member = organisation_or_404(code)
    survey = get_object_or_404(Survey, pk=survey_id, kind=SurveyKind.MEMBERSHIP_TEST)
    if not (services.can_manage(user) or services.can_answer(user, survey, member)):
        raise Http404(code)
    if not services.is_member(survey, member):
        raise Http404(code)
    return survey, member
