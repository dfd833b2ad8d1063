"""An association's fee rules (from a year on) and per-member overrides with a stated reason."""

from __future__ import annotations

from typing import cast

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from klimatlaget.calc import fees as calc
from klimatlaget.concurrency import Versioned
from klimatlaget.organisations.models import Organisation, OrganisationKind


class Rounding(models.TextChoices):
    KRONA = "krona", _("Whole kronor")
    TENTH = "tenth", _("Tenths of a krona")
    NONE = "none", _("Not rounded")


class FeeRule(Versioned):
    """The fee of ``association``'s members from ``from_year`` until the next rule's year:
    ``fixed_sek + per_inhabitant_sek × min(inhabitants, max_inhabitants)``, rounded.

    The inhabitants are SCB's population on 31 December of the population year: by default the
    year before the fee year (``population_year_offset = -1``, the latest figure published when
    fees are invoiced), or the fixed ``population_year`` when the rule names one.
    """

    association = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="fee_rules",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
    )
    from_year = models.PositiveSmallIntegerField(_("from year"))
    fixed_sek = models.DecimalField(_("fixed part (SEK)"), max_digits=12, decimal_places=2)
    per_inhabitant_sek = models.DecimalField(
        _("per inhabitant (SEK)"), max_digits=8, decimal_places=4
    )
    max_inhabitants = models.PositiveIntegerField(
        _("most inhabitants counted"), null=True, blank=True, help_text=_("Empty: no ceiling.")
    )
    population_year_offset = models.SmallIntegerField(
        _("population year relative to the fee year"),
        default=-1,
        help_text=_("−1: 31 December of the year before the fee year."),
    )
    population_year = models.PositiveSmallIntegerField(
        _("population year"),
        null=True,
        blank=True,
        help_text=_("A fixed year; wins over the relative year."),
    )
    rounding = models.CharField(
        _("rounding"), max_length=10, choices=Rounding.choices, default=Rounding.KRONA
    )

    class Meta:
        ordering = ["association", "from_year"]
        verbose_name = _("fee rule")
        verbose_name_plural = _("fee rules")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "from_year"], name="fee_rule_unique_from_year"
            ),
            models.CheckConstraint(
                condition=Q(fixed_sek__gte=0) & Q(per_inhabitant_sek__gte=0),
                name="fee_rule_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.association} {self.from_year}–"

    def population_year_for(self, year: int) -> int:
        """The year whose population counts for the fees of ``year``."""
        if self.population_year is not None:
            return self.population_year
        return year + self.population_year_offset

    def as_calc(self) -> calc.FeeRule:
        return calc.FeeRule(
            fixed_sek=self.fixed_sek,
            per_inhabitant_sek=self.per_inhabitant_sek,
            max_inhabitants=self.max_inhabitants,
            rounding=cast(calc.Rounding, self.rounding),
        )


class FeeOverride(Versioned):
    """An exception for ``member`` from ``from_year`` to ``to_year`` (None: until further
    notice): either the inhabitants to count or a fixed amount, always with a reason."""

    association = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="fee_overrides",
        limit_choices_to={"kind": OrganisationKind.ASSOCIATION},
    )
    member = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="fee_overrides_as_member"
    )
    from_year = models.PositiveSmallIntegerField(_("from year"))
    to_year = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)
    counted_inhabitants = models.PositiveIntegerField(
        _("inhabitants counted"), null=True, blank=True
    )
    amount_sek = models.DecimalField(
        _("fee (SEK)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    reason = models.CharField(_("reason"), max_length=500)

    class Meta:
        ordering = ["association", "member__name", "from_year"]
        verbose_name = _("fee override")
        verbose_name_plural = _("fee overrides")
        constraints = [
            models.CheckConstraint(
                condition=(Q(counted_inhabitants__isnull=True) & Q(amount_sek__isnull=False))
                | (Q(counted_inhabitants__isnull=False) & Q(amount_sek__isnull=True)),
                name="fee_override_inhabitants_or_amount",
            ),
            models.CheckConstraint(
                condition=Q(to_year__isnull=True) | Q(to_year__gte=models.F("from_year")),
                name="fee_override_to_after_from",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="fee_override_has_reason"),
            models.CheckConstraint(
                condition=Q(amount_sek__isnull=True) | Q(amount_sek__gte=0),
                name="fee_override_amount_not_negative",
            ),
            models.UniqueConstraint(
                fields=["association", "member", "from_year"],
                name="fee_override_unique_from_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.association}) {self.from_year}–{self.to_year or ''}"

    def as_calc(self) -> calc.FeeOverride:
        return calc.FeeOverride(
            reason=self.reason,
            counted_inhabitants=self.counted_inhabitants,
            amount_sek=self.amount_sek,
        )


def rule_for(association: Organisation, year: int) -> FeeRule | None:
    """The rule in force in ``year``: the latest from that year or before."""
    return (
        FeeRule.objects.filter(association=association, from_year__lte=year)
        .order_by("-from_year")
        .first()
    )


def overrides_for(association: Organisation, year: int) -> dict[int, FeeOverride]:
    """{member id: override} in force in ``year`` (the latest starting, where several do)."""
    spans = (
        FeeOverride.objects.filter(association=association, from_year__lte=year)
        .filter(Q(to_year__isnull=True) | Q(to_year__gte=year))
        .order_by("from_year")
    )
    return {override.member_id: override for override in spans}
