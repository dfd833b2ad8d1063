"""The one permission checker, used by pages, the API and the command line.

Permissions are declared by name; :func:`has_permission` answers for a user and (where it matters)
an organisation, given as the object or just its code, so that a resolver can ask before it looks
anything up. Views never compare roles themselves.

Who may do what:

- a superuser, a platform-wide secretariat role (one without an organisation) and the command
  line's :class:`SystemActor` may do everything;
- a secretariat role for association X manages X (``MANAGE_ASSOCIATION``), changes X's own
  profile and reads the history of X and of its members, past and present;
- an editor changes the organisations it holds an editor role for and reads their history;
- a viewer reads every organisation's history;
- the programme office (a secretariat role for the organisation named by the setting
  ``KLIMATLAGET_CONTRACT_PROGRAMME``: Viable Cities, an organisation of kind programme office,
  or an association) edits every climate contract, the parts the parties write together and
  the template of subjects; a secretariat role for a programme office manages no association,
  and changes and reads the history of its own organisation only; an editor edits the parts
  of its own organisation's contract that the municipality writes; a draft is read by them
  and by the editors of the contract's other parties; an agency's editors set the yearly
  status of the agency's own commitments;
- a measure's owner (a user the organisation's editors named responsible for it) reports on that
  measure in the follow-up, and reads the organisation's open follow-up periods.
"""

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied

from klimatlaget.accounts.actors import SystemActor
from klimatlaget.accounts.models import Role, RoleKind
from klimatlaget.associations.models import Membership
from klimatlaget.organisations.models import Organisation, OrganisationKind

User = AbstractBaseUser | AnonymousUser | SystemActor
#: An organisation, or its code when the resolver has not looked it up yet.
Subject = Organisation | str | None


class Permission(StrEnum):
    VIEW_HISTORY = "view_history"
    CHANGE_ORGANISATION = "change_organisation"
    IMPORT_DATA = "import_data"
    MANAGE_ASSOCIATION = "manage_association"


@dataclass(frozen=True)
class Grants:
    """What a user's roles grant, by organisation code."""

    platform: bool = False
    edits: frozenset[str] = frozenset()
    manages: frozenset[str] = frozenset()
    #: Programme offices (not associations) the user holds a secretariat role for.
    offices: frozenset[str] = frozenset()
    views_all: bool = False


NOTHING = Grants()
EVERYTHING = Grants(platform=True)


def grants(user: User) -> Grants:
    """The user's grants, read once per user object (a request's user lives for one request)."""
    if isinstance(user, SystemActor):
        return EVERYTHING
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if getattr(user, "is_superuser", False):
        return EVERYTHING
    cached: Grants | None = getattr(user, "_klimatlaget_grants", None)
    if cached is None:
        cached = _grants_of(
            list(Role.objects.filter(user_id=user.pk).select_related("organisation"))
        )
        user._klimatlaget_grants = cached  # type: ignore[attr-defined]
    return cached


def _grants_of(roles: list[Role]) -> Grants:
    secretariat = [role for role in roles if role.kind == RoleKind.SECRETARIAT_ADMIN]
    runs = {
        role.organisation.code: role.organisation.kind
        for role in secretariat
        if role.organisation is not None
    }
    return Grants(
        platform=any(role.organisation is None for role in secretariat),
        edits=frozenset(
            role.organisation.code
            for role in roles
            if role.kind == RoleKind.EDITOR and role.organisation
        ),
        manages=frozenset(
            code for code, kind in runs.items() if kind != OrganisationKind.PROGRAMME_OFFICE
        ),
        offices=frozenset(
            code for code, kind in runs.items() if kind == OrganisationKind.PROGRAMME_OFFICE
        ),
        views_all=any(role.kind == RoleKind.VIEWER for role in roles),
    )


def _code(organisation: Subject) -> str | None:
    return organisation.code if isinstance(organisation, Organisation) else organisation


def in_managed_association(granted: Grants, code: str) -> bool:
    """Is ``code`` a member, now or once, of an association these grants manage?"""
    return bool(granted.manages) and (
        Membership.objects.filter(association__code__in=granted.manages, member__code=code).exists()
    )


def has_permission(user: User, permission: Permission, organisation: Subject = None) -> bool:
    """May ``user`` do ``permission`` (to ``organisation``, by object or code)?

    ``MANAGE_ASSOCIATION`` without an organisation asks whether the user manages any
    association (the question to ask before an object that names its association is looked up).
    """
    granted = grants(user)
    if granted.platform:
        return True
    code = _code(organisation)
    if permission == Permission.MANAGE_ASSOCIATION:
        return bool(granted.manages) if code is None else code in granted.manages
    if code is None:
        return False
    if permission == Permission.CHANGE_ORGANISATION:
        return code in granted.edits or code in granted.manages or code in granted.offices
    if permission == Permission.VIEW_HISTORY:
        return (
            granted.views_all
            or code in granted.edits
            or code in granted.manages
            or code in granted.offices
            or in_managed_association(granted, code)
        )
    return False


def runs_platform(user: User) -> bool:
    """Is ``user`` the platform's own secretariat (which keeps platform-wide data such as the
    reporting platforms' deadlines)?"""
    return grants(user).platform


def runs_contract_programme(user: User) -> bool:
    """Is ``user`` the programme office of the climate contracts (or the platform)?"""
    granted = grants(user)
    programme = settings.KLIMATLAGET_CONTRACT_PROGRAMME
    return granted.platform or programme in granted.offices or programme in granted.manages


def may_edit_contract(user: User, organisation: Subject) -> bool:
    """A contract is edited by its organisation's editors and by the programme office (who
    also read its drafts, as do the editors of its other parties: :func:`edits_party`)."""
    return runs_contract_programme(user) or has_permission(
        user, Permission.CHANGE_ORGANISATION, organisation
    )


def edits_party(user: User, party_codes: Collection[str]) -> bool:
    """Is ``user`` an editor of one of a contract's parties (whose drafts it reads)?"""
    return not grants(user).edits.isdisjoint(party_codes)


def edits_agency(user: User) -> bool:
    """Is ``user`` an editor of an agency (asked before a contract is looked up)?"""
    edits = grants(user).edits
    return bool(edits) and (
        Organisation.objects.filter(code__in=edits, kind=OrganisationKind.AGENCY).exists()
    )


def may_set_commitment_status(user: User, organisation: Subject, party: Organisation) -> bool:
    """A commitment's yearly status is set by those who edit the contract and, for a
    commitment of an agency, by that agency's editors."""
    return may_edit_contract(user, organisation) or (
        party.kind == OrganisationKind.AGENCY and party.code in grants(user).edits
    )


def may_edit_section(user: User, organisation: Subject, writer: str) -> bool:
    """The municipality's own sections are edited by its editors; the parts the other parties
    write, alone or jointly, by the programme office."""
    return runs_contract_programme(user) or (
        writer == "municipality"
        and has_permission(user, Permission.CHANGE_ORGANISATION, organisation)
    )


def ensure_permission(user: User, permission: Permission, organisation: Subject = None) -> None:
    if not has_permission(user, permission, organisation):
        raise PermissionDenied(permission.value)


def may_keep_contacts(user: User, association: Subject, member: Subject) -> bool:
    """Contacts are kept by the member's own editors and by the association's secretariat."""
    return has_permission(user, Permission.CHANGE_ORGANISATION, member) or has_permission(
        user, Permission.MANAGE_ASSOCIATION, association
    )


def may_report_on(user: User, organisation: Subject, owner_ids: Collection[int]) -> bool:
    """A measure's follow-up is reported by its organisation's editors and by its owners."""
    return has_permission(user, Permission.CHANGE_ORGANISATION, organisation) or (
        not isinstance(user, SystemActor) and user.is_authenticated and user.pk in owner_ids
    )


# Exports -----------------------------------------------------------------------------------


def anyone(user: User, organisation: Subject = None) -> bool:
    """Public data: every visitor may export it (drafts stay with those who read them)."""
    return True


def reports_for(user: User, organisation: Subject = None) -> bool:
    """An organisation's own reporting is exported by its editors and by the secretariat of an
    association it belongs or belonged to; the platform's (``None``) by the platform."""
    granted = grants(user)
    if granted.platform:
        return True
    code = _code(organisation)
    if code is None:
        return False
    return code in granted.edits or code in granted.manages or in_managed_association(granted, code)
