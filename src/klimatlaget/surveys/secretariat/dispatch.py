"""Invitations, reminders and "returned for correction" notes e-mailed to the members.

A member is written to at its current contact persons for the association; a member without
one is written to at its contact politicians, and a member with neither is reported as having
no contact instead. Each contact is written to in its own language (Swedish unless set
otherwise); the texts are templates per language under ``surveys/secretariat/email/``, the first
line being the subject.

A round is stored whole or not at all: every e-mail as a :class:`~klimatlaget.surveys.models.
Dispatch`, and a summary in the association's change log with counts only (addresses are personal
data). The e-mails leave only once that is committed (:func:`klimatlaget.mail.send_after_commit`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, User, ensure_permission
from klimatlaget.associations.models import Contact, ContactKind, members_in_year
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import record
from klimatlaget.audit.subjects import SURVEY, SURVEY_RESPONSE
from klimatlaget.mail import send_after_commit
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys.models import (
    Dispatch,
    DispatchKind,
    Response,
    ResponseStatus,
    Survey,
    SurveyState,
)

#: Statuses whose members get no reminder: they have done their part.
DONE = (ResponseStatus.SUBMITTED, ResponseStatus.APPROVED)

Progress = Callable[[int, int], None]


@dataclass
class Recipient:
    member: Organisation
    #: E-mail address: the language its contact reads.
    addresses: dict[str, str]


@dataclass
class Round:
    """Who an invitation or reminder goes (or went) to, and who has no contact to write to."""

    kind: DispatchKind
    recipients: list[Recipient] = field(default_factory=list)
    no_contact: list[Organisation] = field(default_factory=list)

    @property
    def addresses(self) -> int:
        return sum(len(r.addresses) for r in self.recipients)


def contact_addresses(
    association: Organisation, member: Organisation, today: datetime.date | None = None
) -> dict[str, str]:
    """The e-mail addresses of the member's current contact persons, else its politicians, each
    with the language its contact reads."""
    today = today or timezone.localdate()
    current = Contact.objects.filter(association=association, member=member).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_to__isnull=True) | Q(valid_to__gte=today),
    )
    for kind in (ContactKind.CONTACT_PERSON, ContactKind.POLITICIAN):
        addresses = {c.email: c.language for c in current if c.kind == kind and c.email}
        if addresses:
            return dict(sorted(addresses.items()))
    return {}


def _members(survey: Survey, kind: DispatchKind) -> list[Organisation]:
    members = members_in_year(survey.association, survey.year).order_by("name")
    if kind == DispatchKind.REMINDER:
        done = Response.objects.filter(survey=survey, status__in=DONE).values("member_id")
        members = members.exclude(pk__in=done)
    return list(members)


def plan(survey: Survey, kind: DispatchKind | str) -> Round:
    """Who would be written to now: every member for an invitation, those who have not
    submitted for a reminder."""
    result = Round(DispatchKind(kind))
    for member in _members(survey, result.kind):
        addresses = contact_addresses(survey.association, member)
        if addresses:
            result.recipients.append(Recipient(member, addresses))
        else:
            result.no_contact.append(member)
    return result


def base_url(request: HttpRequest | None = None) -> str:
    """Where links in e-mails point: ``KLIMATLAGET_BASE_URL`` if set, else the site the
    request came to (the command line, without a request, needs the variable)."""
    configured: str = settings.KLIMATLAGET_BASE_URL
    if configured or request is None:
        return configured or "http://localhost:8000"
    return request.build_absolute_uri("/")


def response_url(base_url: str, survey: Survey, member: Organisation) -> str:
    return f"{base_url.rstrip('/')}/o/{member.code}/surveys/{survey.pk}/"


def _mail(template: str, context: dict[str, object], addresses: dict[str, str]) -> None:
    """Queue the e-mail ``email/<template>.<language>.txt`` (subject on the first line) to the
    addresses, one per language, to leave when the transaction commits."""
    for language in sorted(set(addresses.values())):
        to = [address for address, read in addresses.items() if read == language]
        with translation.override(language):
            text = render_to_string(f"surveys/secretariat/email/{template}.{language}.txt", context)
        subject, _blank, body = text.strip().partition("\n")
        send_after_commit(subject.strip(), body.strip() + "\n", to)


def _ensure_open(survey: Survey) -> None:
    if survey.state != SurveyState.OPEN:
        raise ValidationError(
            _("Invitations and reminders are sent only while the survey is open; it is %(state)s.")
            % {"state": survey.get_state_display()},
            code="not_open",
        )


def send(
    user: User,
    survey: Survey,
    kind: DispatchKind | str,
    base_url: str,
    progress: Progress | None = None,
) -> Round:
    """E-mail the invitation or reminder to every member :func:`plan` names; returns who is
    written to. The e-mails leave once the whole round is stored; if anything fails, none does.
    The command line sends as its :class:`~klimatlaget.accounts.actors.SystemActor`."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, survey.association)
    _ensure_open(survey)
    planned = plan(survey, kind)
    with transaction.atomic():
        for done, recipient in enumerate(planned.recipients, start=1):
            _send_one(user, survey, planned.kind, recipient, base_url)
            if progress:
                progress(done, len(planned.recipients))
        _record_round(user, survey, planned)
    return planned


def _send_one(
    user: User, survey: Survey, kind: DispatchKind, recipient: Recipient, base_url: str
) -> None:
    context = {
        "survey": survey,
        "member": recipient.member,
        "association": survey.association,
        "url": response_url(base_url, survey, recipient.member),
    }
    _mail(kind.value, context, recipient.addresses)
    Dispatch.objects.create(
        survey=survey,
        member=recipient.member,
        kind=kind,
        recipients=list(recipient.addresses),
        sent_by=user if user.is_authenticated else None,  # type: ignore[misc]
    )


def _record_round(user: User, survey: Survey, sent: Round) -> None:
    record(
        actor=user,
        action=f"klimatlaget.survey.{sent.kind.value}s_sent",
        subject=SURVEY,
        subject_id=survey.pk,
        organisation=survey.association,
        changes={
            "members": [None, len(sent.recipients)],
            "addresses": [None, sent.addresses],
            "no_contact": [None, [m.code for m in sent.no_contact]],
        },
        summary=says(
            "survey_sent",
            survey=survey.title,
            kind=sent.kind.value,
            members=len(sent.recipients),
            addresses=sent.addresses,
            without=len(sent.no_contact),
        ),
    )


@transaction.atomic
def send_returned(user: User, response: Response, base_url: str) -> int:
    """Tell the member's contacts that its response was returned, with the secretariat's
    comment. Returns how many addresses were written to (0: the member has no contact)."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION, response.survey.association)
    survey = response.survey
    addresses = contact_addresses(survey.association, response.member)
    context = {
        "survey": survey,
        "member": response.member,
        "association": survey.association,
        "comment": response.review_comment,
        "url": response_url(base_url, survey, response.member),
    }
    _mail("returned", context, addresses)
    record(
        actor=user,
        action="klimatlaget.survey.returned_mailed",
        subject=SURVEY_RESPONSE,
        subject_id=response.pk,
        organisation=response.member,
        association=survey.association,
        changes={"addresses": [None, len(addresses)]},
        summary=says("returned_mailed", survey=survey.title, addresses=len(addresses)),
    )
    return len(addresses)
