"""Who reads which entries of an organisation's history: the rules of each object's own pages.

Public data is read by everyone who may read the history; a member's contacts by those who may
keep them (its editors, and the secretariat of the association they are for); a survey
response's entries by those who may see the response; the rest of an
association's internal data (board, fees, surveys) by its secretariat only.
"""

from django.db.models import Q, QuerySet

from klimatlaget.accounts.permissions import Permission, User, has_permission
from klimatlaget.accounts.resolvers import can_see_response
from klimatlaget.audit.models import AuditEntry
from klimatlaget.audit.subjects import Visibility
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.surveys.models import Response


def readable_by(user: User, organisation: Organisation) -> Q:
    """The entries of ``organisation``'s history that ``user`` may read."""
    if not has_permission(user, Permission.VIEW_HISTORY, organisation):
        return Q(pk__in=[])
    managed = [
        association.pk
        for association in Organisation.objects.filter(kind=OrganisationKind.ASSOCIATION)
        if has_permission(user, Permission.MANAGE_ASSOCIATION, association)
    ]
    responses = [
        response.pk
        for response in Response.objects.filter(member=organisation).select_related(
            "survey", "member"
        )
        if can_see_response(user, response)
    ]
    allowed = Q(visibility=Visibility.PUBLIC)
    allowed |= Q(visibility=Visibility.ASSOCIATION, association__in=managed)
    allowed |= Q(visibility=Visibility.RESPONSE, subject_id__in=responses)
    if has_permission(user, Permission.CHANGE_ORGANISATION, organisation):
        allowed |= Q(visibility=Visibility.MEMBER)
    else:  # an association's secretariat keeps the member's contacts for its association only
        allowed |= Q(visibility=Visibility.MEMBER, association__in=managed)
    return allowed


def history(user: User, organisation: Organisation) -> QuerySet[AuditEntry]:
    """``organisation``'s changes that ``user`` may read, newest first."""
    return organisation.audit_entries.filter(readable_by(user, organisation))
