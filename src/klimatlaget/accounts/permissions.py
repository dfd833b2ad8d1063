"""The one permission checker, used by pages, the API and the command line.

Permissions are declared by name; :func:`has_permission` answers for a user and (where it matters)
an organisation. Views never compare roles themselves.
"""

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from klimatlaget.accounts.models import Role, RoleKind
from klimatlaget.organisations.models import Organisation

User = AbstractBaseUser | AnonymousUser


class Permission(StrEnum):
    VIEW_HISTORY = "view_history"
    CHANGE_ORGANISATION = "change_organisation"
    IMPORT_DATA = "import_data"
    MANAGE_ASSOCIATION = "manage_association"


def _roles(user: User) -> list[Role]:
    cached: list[Role] | None = getattr(user, "_klimatlaget_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user_id=int(user.pk or 0)))
        user._klimatlaget_roles = cached  # type: ignore[union-attr]
    return cached


def has_permission(
    user: User, permission: Permission, organisation: Organisation | None = None
) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    roles = _roles(user)
    if any(role.kind == RoleKind.SECRETARIAT_ADMIN for role in roles):
        return True
    if permission in (Permission.IMPORT_DATA, Permission.MANAGE_ASSOCIATION):
        return False
    edits = organisation is not None and any(
        role.kind == RoleKind.EDITOR and role.organisation_id == organisation.pk for role in roles
    )
    if permission == Permission.CHANGE_ORGANISATION:
        return edits
    if permission == Permission.VIEW_HISTORY:
        return edits or any(role.kind == RoleKind.VIEWER for role in roles)
    return False


def ensure_permission(
    user: User, permission: Permission, organisation: Organisation | None = None
) -> None:
    if not has_permission(user, permission, organisation):
        raise PermissionDenied(permission.value)


def editable_organisations(user: User) -> QuerySet[Organisation]:
    if has_permission(user, Permission.IMPORT_DATA):
        return Organisation.objects.all()
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(roles__user_id=user.pk, roles__kind=RoleKind.EDITOR)
