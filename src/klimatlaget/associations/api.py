"""The association API: members in a year (public fields only), the contacts of every member
(secretariat only) and adding a contact (the member's editors and the secretariat)."""

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.api.schemas import ErrorOut
from klimatlaget.associations import services
from klimatlaget.associations.models import Contact, ContactKind, Membership
from klimatlaget.organisations.lookup import organisation_or_404
from klimatlaget.organisations.models import Organisation, OrganisationKind

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


class ContactErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def _association(code: str) -> Organisation:
    organisation = organisation_or_404(code)
    if organisation.kind != OrganisationKind.ASSOCIATION:
        raise Http404(code)
    return organisation


def _contact_out(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "association": contact.association.code,
        "member": contact.member.code,
        "member_name": contact.member.name,
        **{field: getattr(contact, field) for field in services.CONTACT_FIELDS},
    }


@router.get("/associations/{code}/members", response={200: list[MemberOut], 404: ErrorOut})
def association_members(request: HttpRequest, code: str, year: int | None = None) -> Any:
    """The members at some time during ``year`` (this year if not given); no personal data."""
    association = _association(code)
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
    ensure_permission(request.user, Permission.MANAGE_ASSOCIATION)
    association = _association(code)
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
    member = organisation_or_404(code)
    ensure_permission(request.user, Permission.CHANGE_ORGANISATION, member)
    association = _association(body.association)
    values = body.model_dump(exclude={"association"})
    values["kind"] = ContactKind(values["kind"])
    try:
        contact = services.add_contact(request.user, association, member, values)
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        return Status(422, {"detail": "The contact is not valid.", "errors": errors})
    return Status(201, _contact_out(contact))
