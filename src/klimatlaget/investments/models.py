"""Climate investment plans (klimatinvesteringsplaner) and their lines.

Public like measures: anyone may read an organisation's investment plans; its editors change
them through :mod:`klimatlaget.investments.services`, which records every change in the change
log. A new version of a plan copies the plan and its lines; each line keeps its ``key`` across
versions, so two versions can be compared line by line.
"""

import uuid
from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatlaget.calc.measures import STATUS_GROUPS
from klimatlaget.investments.choices import (
    Actor,
    FundingSource,
    FundingStatus,
    InvestmentPlanStatus,
    Scope,
)
from klimatlaget.measures.choices import SECTORS
from klimatlaget.measures.models import Audited, Measure, source_url
from klimatlaget.organisations.models import Organisation

#: The fields of a line that amounts by year are kept in (year → SEK).
BY_YEAR = ("capex_by_year", "opex_by_year", "savings_by_year")


class InvestmentPlan(Audited):
    """One version of an organisation's climate investment plan for a year."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="investment_plans"
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    version_number = models.PositiveSmallIntegerField(_("version number"), default=1)
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    horizon_from = models.PositiveSmallIntegerField(_("horizon from (year)"))
    horizon_to = models.PositiveSmallIntegerField(_("horizon to (year)"))
    scope = models.CharField(
        _("scope"), max_length=12, choices=Scope.choices, default=Scope.MUNICIPAL_ORGANISATION
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=InvestmentPlanStatus.choices,
        default=InvestmentPlanStatus.DRAFT,
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    source = models.CharField(_("source document"), max_length=500, blank=True)
    discount_rate_percent = models.DecimalField(
        _("real discount rate (%)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("3.50"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(20))],
    )
    quoted = models.BooleanField(
        _("quoted from the source"),
        default=False,
        help_text=_("The plan is quoted from the source document, not entered freely."),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        max_length=4000,
        help_text=_("e.g. what the source leaves open, such as figures it does not give"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ENTERED = (
        "title",
        "year",
        "version_number",
        "replaces_id",
        "horizon_from",
        "horizon_to",
        "scope",
        "status",
        "adopted_on",
        "source",
        "discount_rate_percent",
        "quoted",
        "notes",
    )

    class Meta:
        ordering = ["organisation", "-year", "-version_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "version_number"],
                name="investment_plan_version_unique",
            )
        ]
        verbose_name = _("investment plan")
        verbose_name_plural = _("investment plans")

    def __str__(self) -> str:
        name = self.title or str(_("Climate investment plan"))
        return f"{name} {self.year} v{self.version_number}"

    @property
    def source_url(self) -> str:
        return source_url(self.source)

    @property
    def discount_rate(self) -> float:
        return float(self.discount_rate_percent) / 100


class InvestmentLine(Audited):
    """One line of an investment plan: usually one measure, or a named group of measures."""

    plan = models.ForeignKey(InvestmentPlan, on_delete=models.CASCADE, related_name="lines")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    measure = models.ForeignKey(
        Measure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="investment_lines",
        verbose_name=_("measure"),
    )
    group_name = models.CharField(
        _("system shift"),
        max_length=200,
        blank=True,
        help_text=_("The name of a system shift grouping several measures"),
    )
    title = models.CharField(_("title"), max_length=200)
    actor = models.CharField(_("investing actor"), max_length=20, choices=Actor.choices)
    capex_by_year = models.JSONField(_("capital expenditure by year (SEK)"), default=dict)
    opex_by_year = models.JSONField(_("operating cost by year (SEK)"), default=dict, blank=True)
    savings_by_year = models.JSONField(_("savings by year (SEK)"), default=dict, blank=True)
    lifetime_years = models.PositiveSmallIntegerField(
        _("economic lifetime (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    funding_source = models.CharField(
        _("funding source"), max_length=16, choices=FundingSource.choices
    )
    funding_status = models.CharField(
        _("funding status"), max_length=12, choices=FundingStatus.choices
    )
    beneficiary = models.CharField(_("who benefits"), max_length=200, blank=True)
    payer = models.CharField(_("who pays"), max_length=200, blank=True)
    co_benefits_sek = models.JSONField(
        _("valued co-benefits (SEK a year)"), default=dict, blank=True
    )
    co_benefits_named = models.JSONField(_("other co-benefits"), default=list, blank=True)
    reduction_t = models.FloatField(
        _("expected reduction (t CO₂e a year)"),
        null=True,
        blank=True,
        help_text=_("Only to override the measure's reduction, with a reason"),
    )
    reduction_reason = models.CharField(
        _("reason for the line's own reduction"), max_length=500, blank=True
    )
    sector = models.CharField(
        _("sector"),
        max_length=60,
        choices=SECTORS,
        blank=True,
        help_text=_("Only when it is not the measure's"),
    )
    effect_year = models.PositiveSmallIntegerField(
        _("effect year"),
        null=True,
        blank=True,
        help_text=_("Only when it is not the measure's"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ENTERED = (
        "measure_id",
        "group_name",
        "title",
        "actor",
        "capex_by_year",
        "opex_by_year",
        "savings_by_year",
        "lifetime_years",
        "funding_source",
        "funding_status",
        "beneficiary",
        "payer",
        "co_benefits_sek",
        "co_benefits_named",
        "reduction_t",
        "reduction_reason",
        "sector",
        "effect_year",
    )

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("investment line")
        verbose_name_plural = _("investment lines")

    def __str__(self) -> str:
        return self.title

    @property
    def organisation(self) -> Organisation:
        """The plan's organisation (whose editors may change the line)."""
        return self.plan.organisation

    @property
    def expected_reduction_t(self) -> float | None:
        """The line's own reduction when it overrides the measure's, else the measure's."""
        if self.reduction_t is not None:
            return self.reduction_t
        return self.measure.expected_reduction_t if self.measure else None

    @property
    def reduction_overridden(self) -> bool:
        return self.reduction_t is not None and self.measure is not None

    @property
    def effective_sector(self) -> str:
        return self.sector or (self.measure.sector if self.measure else "")

    @property
    def effective_effect_year(self) -> int | None:
        if self.effect_year is not None:
            return self.effect_year
        if self.measure is None:
            return None
        return self.measure.effect_year or self.measure.start_year

    @property
    def status_group(self) -> str | None:
        """ "decided", "proposed" or None: by the measure's status, else by the funding."""
        if self.measure is not None:
            group = STATUS_GROUPS.get(self.measure.status)
            return str(group) if group else None
        return "decided" if self.funding_status == FundingStatus.DECIDED else "proposed"

    @property
    def capex_total(self) -> float:
        return float(sum(self.capex_by_year.values()))

    @property
    def co_benefits_total(self) -> float:
        return float(sum(self.co_benefits_sek.values()))

    def comparable(self) -> dict[str, Any]:
        """The line as the comparison of two versions sees it."""
        return self.audit_values()
