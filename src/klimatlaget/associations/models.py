"""Membership of organisations in an association (such as the association of climate
municipalities) over time."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import Versioned
from klimatlaget.organisations.models import Organisation, OrganisationKind


class Membership(Versioned):
    """``member`` belonged to ``association`` from ``joined`` until ``left`` (None: still)."""

    association = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
    )
    member = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="member_of")
    joined = models.DateField(_("joined"))
    left = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["association", "member__name", "joined"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=models.F("joined")),
                name="membership_left_after_joined",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} ∈ {self.association}"


def members_in_year(association: Organisation, year: int) -> models.QuerySet[Organisation]:
    """Organisations that were members of ``association`` at some time during ``year``."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    spans = Membership.objects.filter(association=association, joined__lte=end).filter(
        Q(left__isnull=True) | Q(left__gte=start)
    )
    return Organisation.objects.filter(member_of__in=spans).distinct()


class ContactKind(models.TextChoices):
    CONTACT_PERSON = "contact_person", _("Contact person")
    POLITICIAN = "politician", _("Contact politician")


class Contact(Versioned):
    """A member's contact person or contact politician for an association.

    Contact details are personal data: only the secretariat and the member's own editors see
    them (see :mod:`klimatlaget.associations.services`); public pages and the public API never
    show them.
    """

    association = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="association_contacts",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
    )
    member = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("member")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContactKind.choices)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    party = models.CharField(
        _("party"), max_length=100, blank=True, help_text=_("Contact politicians only.")
    )
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails the contact gets."),
    )

    class Meta:
        ordering = ["association", "member__name", "kind", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ContactKind.POLITICIAN) | Q(party=""),
                name="contact_party_only_for_politicians",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="contact_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()}, {self.member})"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.party = self.party.strip()
        if self.kind == ContactKind.POLITICIAN and not self.party:
            errors["party"] = _("Give the party of a contact politician.")
        if self.kind == ContactKind.CONTACT_PERSON and self.party:
            errors["party"] = _("Only contact politicians have a party.")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end date must not be before the start date.")
        if errors:
            raise ValidationError(errors)


class BoardRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    MEMBER = "member", _("Member")
    DEPUTY = "deputy", _("Deputy")


class BoardMember(Versioned):
    """A seat on an association's board from ``from_year`` to ``to_year`` (None: still)."""

    association = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="board_members",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
    )
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_seats",
    )
    role = models.CharField(_("role"), max_length=20, choices=BoardRole.choices)
    from_year = models.PositiveSmallIntegerField(_("from year"))
    to_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)

    class Meta:
        ordering = ["association", "-from_year", "role", "name"]
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_year__isnull=True) | Q(to_year__gte=models.F("from_year")),
                name="board_member_to_after_from",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()}, {self.association})"

    def clean(self) -> None:
        if self.to_year is not None and self.to_year < self.from_year:
            raise ValidationError({"to_year": _("The last year must not be before the first.")})

    def serves_in(self, year: int) -> bool:
        return self.from_year <= year and (self.to_year is None or self.to_year >= year)
