"""The association API: members in a year (public fields only), the contacts of every member
(secretariat only), adding a contact (the member's editors and the secretariat) and the board's
seats (secretariat only). Invalid values are answered with 422, a ``detail`` naming the field and
``errors`` by field."""

import datetime
from typing import Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.permissions import may_keep_contacts
from klimatlaget.accounts.resolvers import (
    association_or_404,
    managed_association,
    organisation_or_404,
)
from klimatlaget.api.schemas import CONFLICTS, ErrorOut, Year
from klimatlaget.associations import services
from klimatlaget.associations.models import BoardMember, Contact, ContactKind, Membership
from klimatlaget.concurrency import IF_MATCH, expected_version
from klimatlaget.organisations.models import Organisation

router = Router(tags=["associations"])


class MemberOut(Schema):
    code: str
    name: str
    kind: str
    county_code: str | None
    county_name: str | None
    joined: datetime.date
    left: datetime.date | None
    url: str


class ContactIn(Schema):
    association: str
    kind: Literal["contact_person", "politician"]
    name: str
    role: str = ""
    email: str
    phone: str = ""
    party: str = ""
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    language: Literal["sv", "en"] = Field("sv", description="the language of its e-mails")


class ContactOut(Schema):
    id: int
    association: str
    member: str
    member_name: str
    kind: str
    name: str
    role: str
    email: str
    phone: str
    party: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    language: str


class ContactErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def _contact_out(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "association": contact.association.code,
        "member": contact.member.code,
        "member_name": contact.member.name,
        **{field: getattr(contact, field) for field in services.CONTACT_FIELDS},
    }


@router.get("/associations/{code}/members", response={200: list[MemberOut], 404: ErrorOut})
def association_members(request: HttpRequest, code: str, year: Year | None = None) -> Any:
    """The members at some time during ``year`` (this year if not given); no personal data."""
    association = association_or_404(code)
    year = year or timezone.localdate().year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    spans = (
        Membership.objects.filter(association=association, joined__lte=end)
        .filter(Q(left__isnull=True) | Q(left__gte=start))
        .select_related("member", "member__county")
        .order_by("member__name", "joined")
    )
    return [
        {
            "code": m.member.code,
            "name": m.member.name,
            "kind": m.member.kind,
            "county_code": m.member.county.code if m.member.county else None,
            "county_name": m.member.county.name if m.member.county else None,
            "joined": m.joined,
            "left": m.left,
            "url": m.member.get_absolute_url(),
        }
        for m in spans
    ]


@router.get(
    "/associations/{code}/contacts",
    auth=django_auth,
    response={200: list[ContactOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def association_contacts(request: HttpRequest, code: str) -> Any:
    """Every member's contact persons and politicians, with e-mail (secretariat only)."""
    association = managed_association(request.user, code)
    contacts = Contact.objects.filter(association=association).select_related(
        "association", "member"
    )
    return [_contact_out(c) for c in contacts]


@router.post(
    "/organisations/{code}/contacts",
    auth=django_auth,
    response={
        201: ContactOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ContactErrorOut,
    },
)
def post_contact(request: HttpRequest, code: str, body: ContactIn) -> Any:
    """Add a contact person or politician of the organisation for an association."""
    if not may_keep_contacts(request.user, body.association, code):
        raise PermissionDenied("contacts")
    member = organisation_or_404(code)
    association = association_or_404(body.association)
    values = body.model_dump(exclude={"association"})
    values["kind"] = ContactKind(values["kind"])
    try:
        contact = services.add_contact(request.user, association, member, values)
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        return Status(422, {"detail": "The contact is not valid.", "errors": errors})
    return Status(201, _contact_out(contact))


# Validation errors -------------------------------------------------------------------------


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def invalid(error: ValidationError, what: str) -> Status[dict[str, Any]]:
    """A 422 answer whose ``detail`` names each field with its problem."""
    errors = (
        error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
    )
    problems = [
        problem if field == NON_FIELD_ERRORS else f"{field}: {problem}"
        for field, field_problems in errors.items()
        for problem in field_problems
    ]
    return Status(422, {"detail": " ".join([what, *problems]), "errors": errors})


# The board ---------------------------------------------------------------------------------


class BoardSeatOut(Schema):
    id: int
    association: str
    name: str
    organisation: str | None
    organisation_name: str | None
    role: str
    from_year: int
    to_year: int | None
    version: int = Field(description="Send it back (or in If-Match) when changing the seat")


class BoardSeatIn(Schema):
    name: str = ""
    organisation: str | None = None
    role: str = ""
    from_year: Year
    to_year: Year | None = None


class BoardSeatPatch(Schema):
    name: str | None = None
    organisation: str | None = None
    role: str | None = None
    from_year: Year | None = None
    to_year: Year | None = None
    version: int | None = Field(None, description="The version edited; a stale one gets 409")


BOARD_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}


def _seat_out(seat: BoardMember) -> dict[str, Any]:
    return {
        "id": seat.pk,
        "association": seat.association.code,
        "name": seat.name,
        "organisation": seat.organisation.code if seat.organisation else None,
        "organisation_name": seat.organisation.name if seat.organisation else None,
        "role": seat.role,
        "from_year": seat.from_year,
        "to_year": seat.to_year,
        "version": seat.version,
    }


def _seat(association: Organisation, seat_id: int) -> BoardMember:
    """A seat of ``association``; a seat of another association is not found."""
    return get_object_or_404(
        BoardMember.objects.select_related("association", "organisation"),
        pk=seat_id,
        association=association,
    )


def _board_values(values: dict[str, Any]) -> dict[str, Any]:
    """The seat's values with the organisation's code replaced by the organisation."""
    code = values.get("organisation")
    if code is not None:
        organisation = Organisation.objects.filter(code=code).first()
        if organisation is None:
            raise ValidationError(
                {"organisation": _("No organisation has the code %(code)s.") % {"code": code}}
            )
        values["organisation"] = organisation
    return values


@router.get(
    "/associations/{code}/board",
    auth=django_auth,
    response={200: list[BoardSeatOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def association_board(request: HttpRequest, code: str) -> Any:
    """Every board seat, past, present and future, the latest first (secretariat only)."""
    association = managed_association(request.user, code)
    seats = BoardMember.objects.filter(association=association).select_related(
        "association", "organisation"
    )
    return [_seat_out(seat) for seat in seats]


@router.post(
    "/associations/{code}/board",
    auth=django_auth,
    response={201: BoardSeatOut, **BOARD_ERRORS},
)
def post_board_seat(request: HttpRequest, code: str, body: BoardSeatIn) -> Any:
    """Add a board seat (role: chair, vice_chair, member or deputy). Recorded."""
    association = managed_association(request.user, code)
    try:
        seat = services.add_board_member(
            request.user, association, _board_values(body.model_dump())
        )
    except ValidationError as error:
        return invalid(error, _("The board seat is not valid."))
    return Status(201, _seat_out(seat))


@router.patch(
    "/associations/{code}/board/{seat_id}",
    auth=django_auth,
    response={200: BoardSeatOut, **BOARD_ERRORS, **CONFLICTS},
    openapi_extra=IF_MATCH,
)
def patch_board_seat(request: HttpRequest, code: str, seat_id: int, body: BoardSeatPatch) -> Any:
    """Change the fields given of a seat of this association. Recorded. With ``If-Match``
    (``"v3"``) or ``version``, a seat changed since that version is not changed (412 or 409)."""
    seat = _seat(managed_association(request.user, code), seat_id)
    try:
        values = _board_values(body.model_dump(exclude_unset=True))
        values["version"] = expected_version(request, body.version)
        services.change_board_member(request.user, seat, values)
    except ValidationError as error:
        return invalid(error, _("The board seat is not valid."))
    return _seat_out(seat)


@router.delete(
    "/associations/{code}/board/{seat_id}",
    auth=django_auth,
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, **CONFLICTS},
    openapi_extra=IF_MATCH,
)
def delete_board_seat(request: HttpRequest, code: str, seat_id: int) -> Any:
    """Remove a seat of this association. Recorded. With ``If-Match``, only that version."""
    seat = _seat(managed_association(request.user, code), seat_id)
    services.remove_board_member(request.user, seat, expected_version(request, None))
    return Status(204, None)
