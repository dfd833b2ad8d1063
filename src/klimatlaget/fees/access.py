"""Finding the association and member of a fee page or API call, with the permission check."""

from django.http import Http404

from klimatlaget.accounts.permissions import Permission, User, ensure_permission
from klimatlaget.associations.models import members_in_year
from klimatlaget.organisations.lookup import organisation_or_404
from klimatlaget.organisations.models import Organisation, OrganisationKind


def managed_association(user: User, code: str) -> Organisation:
    """The association with ``code`` (else 404), if ``user`` is its secretariat (else 403).

    The secretariat is checked first, so that others are refused alike for every code."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION)
    association = organisation_or_404(code)
    if association.kind != OrganisationKind.ASSOCIATION:
        raise Http404(code)
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, association)
    return association


def is_member_in(association: Organisation, member: Organisation, year: int) -> bool:
    return members_in_year(association, year).filter(pk=member.pk).exists()


def member_in_year(association: Organisation, member_code: str, year: int) -> Organisation:
    """The member with ``member_code``, if it belonged to ``association`` in ``year`` (else 404)."""
    member = organisation_or_404(member_code)
    if not is_member_in(association, member, year):
        raise Http404(member_code)
    return member
