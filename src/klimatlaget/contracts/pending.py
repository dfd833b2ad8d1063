"""A contract's file read for review, kept until it is confirmed: the pages and the API store
exactly the sections that were reviewed, without the file being sent or read again.

A review is stored at most once and only within :attr:`PendingImport.EXPIRES_AFTER` of being
read; reviews older than that are deleted whenever a new one is kept."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import User, may_edit_contract
from klimatlaget.calc.contract_text import ParsedContract
from klimatlaget.contracts import services
from klimatlaget.contracts.models import Contract, PendingImport
from klimatlaget.contracts.reading import template_writers
from klimatlaget.organisations.models import Organisation


class ReviewGone(Exception):
    """The review was stored already, or has expired (the message says which)."""


def hold_review(
    actor: AbstractBaseUser,
    organisation: Organisation,
    year: int,
    parsed: ParsedContract,
    file: str,
) -> PendingImport:
    """Keep ``parsed`` (read from ``file``) for ``actor`` to confirm as the contract of
    ``year``; expired reviews are deleted."""
    if not may_edit_contract(actor, organisation):
        raise PermissionDenied("contract")
    PendingImport.objects.filter(
        created_at__lte=timezone.now() - PendingImport.EXPIRES_AFTER
    ).delete()
    return PendingImport.objects.create(
        organisation=organisation,
        year=year,
        uploaded_by_id=actor.pk,
        file=file[:500],
        **PendingImport.held(parsed),
    )


def gone(pending: PendingImport) -> str | None:
    """Why ``pending`` can no longer be stored (None while it can)."""
    if pending.used_at is not None:
        return _("This review was stored already.")
    if pending.expired:
        return _("This review has expired: upload the file again.")
    return None


@transaction.atomic
def confirm_review(actor: User, pending: PendingImport) -> Contract:
    """Store the reviewed contract as a draft (:func:`services.store_parsed`, which checks the
    permission, the year and records the change), once."""
    locked = PendingImport.objects.select_for_update().get(pk=pending.pk)
    if (reason := gone(locked)) is not None:
        raise ReviewGone(reason)
    contract = services.store_parsed(
        actor,
        pending.organisation,
        locked.year,
        locked.parsed,
        source=locked.file,
        writers=template_writers(),
    )
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    return contract
