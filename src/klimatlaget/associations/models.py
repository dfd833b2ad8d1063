"""Membership of organisations in an association (such as the association of climate
municipalities) over time."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from klimatlaget.organisations.models import Organisation, OrganisationKind


class Membership(models.Model):
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
