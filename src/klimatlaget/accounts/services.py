"""Creating users and granting roles (used by the command line and the demo)."""

from django.contrib.auth import get_user_model
from django.db import transaction

from klimatlaget.accounts.actors import SystemActor
from klimatlaget.accounts.models import Role, RoleKind
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import ROLE
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.sources import NameMatcher

#: The kinds of organisation a secretariat role is given for.
SECRETARIAT_KINDS = (OrganisationKind.ASSOCIATION, OrganisationKind.PROGRAMME_OFFICE)


class UserSetupError(Exception):
    pass


def find_organisation(code_or_name: str) -> Organisation:
    orgs = {org.code: org for org in Organisation.objects.all()}
    code = (
        code_or_name
        if code_or_name in orgs
        else NameMatcher({c: o.name for c, o in orgs.items()}).match(code_or_name)
    )
    if code is None:
        raise UserSetupError(f"No organisation called {code_or_name!r}.")
    return orgs[code]


@transaction.atomic
def grant_role(
    actor: SystemActor,
    username: str,
    password: str,
    role: str,
    organisations: list[str],
    email: str = "",
) -> None:
    """Create the user (or set its password) and give it ``role`` for each organisation: an
    editor for the organisations it edits, a secretariat for the associations or the programme
    office it runs (none: the whole platform), a viewer for all."""
    if role == RoleKind.EDITOR and not organisations:
        raise UserSetupError("An editor needs at least one --organisation.")
    targets: list[Organisation | None] = [find_organisation(o) for o in organisations] or [None]
    if role == RoleKind.SECRETARIAT_ADMIN:
        for org in targets:
            if org is not None and org.kind not in SECRETARIAT_KINDS:
                raise UserSetupError(
                    f"{org.name} is not an association or a programme office; "
                    "a secretariat runs one."
                )
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username, defaults={"email": email})
    if created or password:
        user.set_password(password)
        user.save()
    for org in targets:
        _, added = Role.objects.get_or_create(user=user, kind=role, organisation=org)
        if added:
            record(
                actor=actor,
                action="klimatlaget.role.granted",
                subject=ROLE,
                organisation=org,
                changes={"role": [None, f"{username}: {role}"]},
                summary=says("role_granted", user=username, role=role),
            )
