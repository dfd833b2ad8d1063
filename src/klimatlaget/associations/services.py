"""The only writers of memberships, contacts and board seats.

Memberships and the board are the association's secretariat's (``MANAGE_ASSOCIATION`` on the
association); a member's contacts for an association are kept by that secretariat and by the
member's own editors (``CHANGE_ORGANISATION`` on the member). Every change is validated and
recorded. Contacts and board members are people: the change log records *that* their names,
addresses or parties changed but not the values, and only those who may see the contacts (or the
board's management page) read those entries (see :mod:`klimatlaget.audit`).
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, User, ensure_permission, may_keep_contacts
from klimatlaget.associations.models import BoardMember, Contact, Membership
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import diff, record
from klimatlaget.audit.subjects import BOARD_MEMBER, CONTACT, MEMBERSHIP
from klimatlaget.concurrency import Versioned, reload_and_check
from klimatlaget.organisations.models import Organisation, OrganisationKind

MEMBERSHIP_FIELDS = ("joined", "left")
CONTACT_FIELDS = (
    "kind",
    "name",
    "role",
    "email",
    "phone",
    "party",
    "valid_from",
    "valid_to",
    "language",
)
BOARD_FIELDS = ("name", "organisation", "role", "from_year", "to_year")


def _plain(value: Any) -> Any:
    """A value as the change log stores it (JSON)."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def _logged(changes: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {field: [_plain(old), _plain(new)] for field, (old, new) in changes.items()}


def _ensure_association(association: Organisation) -> None:
    if association.kind != OrganisationKind.ASSOCIATION:
        raise ValidationError(
            _("%(name)s is not an association.") % {"name": association.name}, code="kind"
        )


# Memberships -------------------------------------------------------------------------------


def current_memberships(
    association: Organisation, on: datetime.date | None = None
) -> models.QuerySet[Membership]:
    on = on or timezone.localdate()
    return (
        Membership.objects.filter(association=association, joined__lte=on)
        .filter(Q(left__isnull=True) | Q(left__gte=on))
        .select_related("member", "member__county")
        .order_by("member__name")
    )


def _save_changes[M: Versioned](
    instance: M, before: dict[str, Any], after: dict[str, Any], validate: Callable[[M], None]
) -> dict[str, list[Any]]:
    """Set the changed fields, validate and save them; on a ValidationError the instance gets its
    old values back and nothing is saved. Returns the changes, {} when there are none."""
    changes = diff(before, after)
    if not changes:
        return {}
    for field, value in after.items():
        setattr(instance, field, value)
    try:
        validate(instance)
    except ValidationError:
        for field, value in before.items():
            setattr(instance, field, value)
        raise
    instance.save(update_fields=[*changes, *instance.bump(changes)])
    return changes


def _validate_membership(membership: Membership) -> None:
    _ensure_association(membership.association)
    if membership.member_id == membership.association_id:
        raise ValidationError({"member": _("An association cannot be a member of itself.")})
    if membership.left is not None and membership.left < membership.joined:
        raise ValidationError({"left": _("The date left must not be before the date joined.")})
    overlapping = Membership.objects.filter(
        association_id=membership.association_id,
        member_id=membership.member_id,
    ).exclude(pk=membership.pk)
    if membership.left is not None:
        overlapping = overlapping.filter(joined__lte=membership.left)
    overlapping = overlapping.filter(Q(left__isnull=True) | Q(left__gte=membership.joined))
    other = overlapping.first()
    if other is not None:
        until = other.left.isoformat() if other.left else _("now")
        raise ValidationError(
            {
                "joined": _(
                    "%(member)s is already a member from %(joined)s to %(left)s; memberships "
                    "must not overlap."
                )
                % {"member": other.member.name, "joined": other.joined.isoformat(), "left": until}
            }
        )
    membership.full_clean()


@transaction.atomic
def add_membership(
    user: User,
    association: Organisation,
    member: Organisation,
    joined: datetime.date,
    left: datetime.date | None = None,
) -> Membership:
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, association)
    membership = Membership(association=association, member=member, joined=joined, left=left)
    _validate_membership(membership)
    membership.save()
    record(
        actor=user,
        action="klimatlaget.membership.created",
        subject=MEMBERSHIP,
        subject_id=membership.pk,
        organisation=member,
        association=association,
        changes={
            f"member of {association.name}": [None, joined.isoformat()],
            **({"left": [None, left.isoformat()]} if left else {}),
        },
        summary=says("membership_created", association=association.name, date=joined.isoformat()),
    )
    return membership


@transaction.atomic
def change_membership(
    user: User, membership: Membership, values: dict[str, Any]
) -> dict[str, list[Any]]:
    """Change the dates joined and left of ``values["version"]`` of the membership (when
    given); returns (and records) what changed."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, membership.association)
    reload_and_check(membership, values.get("version"))
    before = {field: getattr(membership, field) for field in MEMBERSHIP_FIELDS}
    after = {**before, **{k: v for k, v in values.items() if k in MEMBERSHIP_FIELDS}}
    changes = _save_changes(membership, before, after, _validate_membership)
    if not changes:
        return {}
    record(
        actor=user,
        action="klimatlaget.membership.changed",
        subject=MEMBERSHIP,
        subject_id=membership.pk,
        organisation=membership.member,
        association=membership.association,
        changes=_logged(changes),
        summary=says("membership_changed", association=membership.association.name),
    )
    return changes


def end_membership(
    user: User, membership: Membership, left: datetime.date, version: int | None = None
) -> dict[str, list[Any]]:
    if membership.left is not None:
        raise ValidationError({"left": _("This membership has already ended.")})
    return change_membership(user, membership, {"left": left, "version": version})


# Contacts ----------------------------------------------------------------------------------


def _ensure_keeps(user: User, association: Organisation, member: Organisation) -> None:
    if not may_keep_contacts(user, association, member):
        raise PermissionDenied("contacts")


def _contact_values(values: dict[str, Any]) -> dict[str, Any]:
    """The contact fields of ``values``; an absent optional text is blank, not None."""
    blank_texts = {"role", "phone", "party"}
    return {
        key: "" if value is None and key in blank_texts else value
        for key, value in values.items()
        if key in CONTACT_FIELDS
    }


def _validate_contact(contact: Contact) -> None:
    _ensure_association(contact.association)
    if not Membership.objects.filter(
        association_id=contact.association_id, member_id=contact.member_id
    ).exists():
        raise ValidationError(
            _("%(member)s is not a member of %(association)s.")
            % {"member": contact.member.name, "association": contact.association.name}
        )
    contact.full_clean()


@transaction.atomic
def add_contact(
    user: User, association: Organisation, member: Organisation, values: dict[str, Any]
) -> Contact:
    _ensure_keeps(user, association, member)
    contact = Contact(
        association=association,
        member=member,
        **_contact_values(values),
    )
    _validate_contact(contact)
    contact.save()
    created = {field: getattr(contact, field) for field in CONTACT_FIELDS}
    record(
        actor=user,
        action="klimatlaget.contact.added",
        subject=CONTACT,
        subject_id=contact.pk,
        organisation=member,
        association=association,
        changes=_logged(diff({}, {k: v for k, v in created.items() if v not in ("", None)})),
        summary=says("contact_added", kind=contact.kind, association=association.name),
    )
    return contact


@transaction.atomic
def change_contact(user: User, contact: Contact, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Change the contact of ``values["version"]`` (when given); returns what changed."""
    _ensure_keeps(user, contact.association, contact.member)
    reload_and_check(contact, values.get("version"))
    before = {field: getattr(contact, field) for field in CONTACT_FIELDS}
    after = {**before, **_contact_values(values)}
    changes = _save_changes(contact, before, after, _validate_contact)
    if not changes:
        return {}
    record(
        actor=user,
        action="klimatlaget.contact.changed",
        subject=CONTACT,
        subject_id=contact.pk,
        organisation=contact.member,
        association=contact.association,
        changes=_logged(changes),
        summary=says("contact_changed", kind=contact.kind, association=contact.association.name),
    )
    return changes


@transaction.atomic
def remove_contact(user: User, contact: Contact, version: int | None = None) -> None:
    _ensure_keeps(user, contact.association, contact.member)
    reload_and_check(contact, version)
    record(
        actor=user,
        action="klimatlaget.contact.removed",
        subject=CONTACT,
        subject_id=contact.pk,
        organisation=contact.member,
        association=contact.association,
        changes={"name": [contact.name, None], "email": [contact.email, None]},
        summary=says("contact_removed", kind=contact.kind, association=contact.association.name),
    )
    contact.delete()


# The board ---------------------------------------------------------------------------------


def board_in_year(association: Organisation, year: int) -> list[BoardMember]:
    seats = BoardMember.objects.filter(association=association, from_year__lte=year).filter(
        Q(to_year__isnull=True) | Q(to_year__gte=year)
    )
    order = {role: i for i, role in enumerate(("chair", "vice_chair", "member", "deputy"))}
    return sorted(
        seats.select_related("organisation"), key=lambda s: (order.get(s.role, 9), s.name)
    )


def _board_values(member: BoardMember) -> dict[str, Any]:
    return {field: getattr(member, field) for field in BOARD_FIELDS}


@transaction.atomic
def add_board_member(user: User, association: Organisation, values: dict[str, Any]) -> BoardMember:
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, association)
    _ensure_association(association)
    seat = BoardMember(
        association=association, **{k: v for k, v in values.items() if k in BOARD_FIELDS}
    )
    seat.full_clean()
    seat.save()
    record(
        actor=user,
        action="klimatlaget.board.added",
        subject=BOARD_MEMBER,
        subject_id=seat.pk,
        organisation=association,
        changes=_logged(diff({}, {k: v for k, v in _board_values(seat).items() if v is not None})),
        summary=says("board_added", role=seat.role, year=seat.from_year),
    )
    return seat


@transaction.atomic
def change_board_member(
    user: User, seat: BoardMember, values: dict[str, Any]
) -> dict[str, list[Any]]:
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, seat.association)
    reload_and_check(seat, values.get("version"))
    before = _board_values(seat)
    after = {**before, **{k: v for k, v in values.items() if k in BOARD_FIELDS}}
    changes = _save_changes(seat, before, after, BoardMember.full_clean)
    if not changes:
        return {}
    record(
        actor=user,
        action="klimatlaget.board.changed",
        subject=BOARD_MEMBER,
        subject_id=seat.pk,
        organisation=seat.association,
        changes=_logged(changes),
        summary=says("board_changed", role=seat.role, year=seat.from_year),
    )
    return changes


@transaction.atomic
def remove_board_member(user: User, seat: BoardMember, version: int | None = None) -> None:
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, seat.association)
    reload_and_check(seat, version)
    record(
        actor=user,
        action="klimatlaget.board.removed",
        subject=BOARD_MEMBER,
        subject_id=seat.pk,
        organisation=seat.association,
        changes={"name": [seat.name, None], "role": [seat.role, None]},
        summary=says("board_removed", role=seat.role, year=seat.from_year),
    )
    seat.delete()
