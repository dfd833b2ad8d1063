"""Action plans, measures (åtgärder), indicators (nyckeltal) and emission quotas of units.

All of it is public, like targets: anyone may read an organisation's plans and measures; its
editors change them through the services, which record every change in the change log.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import Versioned, plain
from klimatlaget.measures.choices import (
    SECTORS,
    Direction,
    Hazard,
    IndicatorSource,
    MeasureStatus,
    MeasureType,
    PlanKind,
    PlanStatus,
)
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target

SOURCE_HELP = _("The address of the document or its name (title and date).")


def _source_field() -> models.CharField:
    return models.CharField(_("source document"), max_length=500, blank=True, help_text=SOURCE_HELP)


def source_url(source: str) -> str:
    """The source as a link when it is a web address ("" when it names a document)."""
    return source if source.startswith(("https://", "http://")) else ""


class Audited(Versioned):
    """An edited object whose entered fields (``ENTERED``) the change log records."""

    ENTERED: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def audit_values(self) -> dict[str, Any]:
        return {name: plain(getattr(self, name)) for name in self.ENTERED}


class ActionPlan(Audited):
    """A climate action plan; a new version names the version it replaces."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="action_plans"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=12, choices=PlanKind.choices, default=PlanKind.MITIGATION
    )
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.CharField(
        _("adopted by"), max_length=200, blank=True, help_text=_("e.g. the municipal council")
    )
    period_from = models.PositiveSmallIntegerField(_("period from (year)"), null=True, blank=True)
    period_to = models.PositiveSmallIntegerField(_("period to (year)"), null=True, blank=True)
    source = _source_field()
    version_label = models.CharField(
        _("version"), max_length=50, blank=True, help_text=_("e.g. 2.0 or the year of revision")
    )
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    interim_targets = models.ManyToManyField(
        Target, blank=True, related_name="action_plans", verbose_name=_("interim targets")
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
        help_text=_("e.g. what the source says about the plan where it gives no exact date"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ENTERED = (
        "title",
        "kind",
        "status",
        "adopted_on",
        "adopted_by",
        "period_from",
        "period_to",
        "source",
        "version_label",
        "replaces_id",
        "quoted",
        "notes",
    )

    class Meta:
        ordering = ["organisation", "-period_from", "-id"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return f"{self.title} {self.version_label}".strip()

    @property
    def source_url(self) -> str:
        return source_url(self.source)


class Measure(Audited):
    """One measure (åtgärd) of an organisation, with its expected effect."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="measures"
    )
    plan = models.ForeignKey(
        ActionPlan,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
        verbose_name=_("action plan"),
    )
    code = models.CharField(
        _("code"), max_length=30, help_text=_("A short code, unique in the organisation (e.g. T3)")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    sector = models.CharField(_("main sector"), max_length=60, choices=SECTORS)
    type = models.CharField(_("type"), max_length=20, choices=MeasureType.choices)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True)
    partners = models.JSONField(_("partner organisations"), default=list, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.PROPOSED
    )
    targets = models.ManyToManyField(
        Target, blank=True, related_name="measures", verbose_name=_("targets")
    )
    expected_reduction_t = models.FloatField(
        _("expected reduction (t CO₂e a year)"), null=True, blank=True
    )
    expected_low_t = models.FloatField(_("low (t CO₂e a year)"), null=True, blank=True)
    expected_high_t = models.FloatField(_("high (t CO₂e a year)"), null=True, blank=True)
    effect_year = models.PositiveSmallIntegerField(
        _("effect year"),
        null=True,
        blank=True,
        help_text=_("The year the reduction is reached, against business as usual"),
    )
    method_note = models.TextField(_("method"), blank=True, max_length=4000)
    energy_saved_mwh = models.FloatField(_("energy saved (MWh a year)"), null=True, blank=True)
    renewable_mwh = models.FloatField(
        _("renewable energy produced (MWh a year)"), null=True, blank=True
    )
    hazard = models.CharField(_("hazard"), max_length=12, choices=Hazard.choices, blank=True)
    budget_sek = models.DecimalField(
        _("budget (SEK, total)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    budget_by_year = models.JSONField(_("budget by year (SEK)"), default=dict, blank=True)
    co_benefits = models.JSONField(_("co-benefits"), default=list, blank=True)
    source = _source_field()
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="owned_measures",
        verbose_name=_("owners"),
        help_text=_("Users who report on this measure in the follow-up"),
    )
    quoted = models.BooleanField(
        _("quoted from the source"),
        default=False,
        help_text=_("The measure is quoted from the source document, not entered freely."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ENTERED = (
        "plan_id",
        "code",
        "title",
        "description",
        "sector",
        "type",
        "responsible_unit",
        "responsible_person",
        "partners",
        "start_year",
        "end_year",
        "status",
        "expected_reduction_t",
        "expected_low_t",
        "expected_high_t",
        "effect_year",
        "method_note",
        "energy_saved_mwh",
        "renewable_mwh",
        "hazard",
        "budget_sek",
        "budget_by_year",
        "co_benefits",
        "source",
        "quoted",
    )

    class Meta:
        ordering = ["organisation", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="measure_code_unique_per_organisation"
            )
        ]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def source_url(self) -> str:
        return source_url(self.source)


class StatusChange(models.Model):
    """A measure's status history: the date each status was set."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=12, choices=MeasureStatus.choices)
    set_on = models.DateField(_("set on"))
    actor_label = models.CharField(_("by"), max_length=150)

    class Meta:
        ordering = ["measure", "set_on", "id"]

    def __str__(self) -> str:
        return f"{self.measure}: {self.status} {self.set_on}"


class Indicator(Audited):
    """A key figure (nyckeltal) followed up by year or quarter, entered or computed."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    definition = models.TextField(_("definition"), blank=True, max_length=4000)
    direction = models.CharField(
        _("good direction"), max_length=4, choices=Direction.choices, default=Direction.DOWN
    )
    source_kind = models.CharField(
        _("data source"),
        max_length=20,
        choices=IndicatorSource.choices,
        default=IndicatorSource.MANUAL,
    )
    sector = models.CharField(
        _("sector"),
        max_length=60,
        choices=SECTORS,
        blank=True,
        help_text=_("Only for the emissions of a sector"),
    )
    measures = models.ManyToManyField(
        Measure, blank=True, related_name="indicators", verbose_name=_("measures")
    )
    targets = models.ManyToManyField(
        Target, blank=True, related_name="indicators", verbose_name=_("targets")
    )
    target_values = models.JSONField(_("target values by year"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ENTERED = ("name", "unit", "definition", "direction", "source_kind", "sector", "target_values")

    class Meta:
        ordering = ["organisation", "name", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def computed(self) -> bool:
        return self.source_kind != IndicatorSource.MANUAL


class IndicatorValue(models.Model):
    """An indicator's value in a period: a year (``quarter`` 0) or one of its quarters."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), default=0, help_text=_("1–4, or 0 for the whole year")
    )
    value = models.FloatField(_("value"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    entered_by_label = models.CharField(_("entered by"), max_length=150)
    entered_at = models.DateTimeField(_("entered"), auto_now=True)

    class Meta:
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "quarter"], name="indicator_value_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__lte=4), name="indicator_value_quarter_0_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"

    @property
    def period(self) -> str:
        return period_label(self.year, self.quarter)


def period_label(year: int, quarter: int) -> str:
    """'2025' for a whole year, '2025 Q2' for a quarter."""
    return f"{year} Q{quarter}" if quarter else str(year)


class EmissionQuota(Audited):
    """A responsible unit's (committee's, company's) yearly emission quota, as in Stockholm."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="emission_quotas"
    )
    unit = models.CharField(_("responsible unit"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    quota_t = models.FloatField(_("quota (t CO₂e)"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ENTERED = ("unit", "year", "quota_t")

    class Meta:
        ordering = ["organisation", "year", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "unit", "year"], name="emission_quota_unit_year"
            )
        ]
        verbose_name = _("emission quota")
        verbose_name_plural = _("emission quotas")

    def __str__(self) -> str:
        return f"{self.unit} {self.year}"

    def current_values(self, fields: Iterable[str]) -> dict[str, Any]:
        """As :meth:`Versioned.current_values`; ``outcome_N`` is the emissions of quarter N
        (0: the whole year), as the follow-up's versions name them."""
        names = list(fields)
        outcomes = {f"outcome_{o.quarter}": o.outcome_t for o in self.outcomes.all()}
        values = super().current_values(f for f in names if f not in outcomes)
        return values | {f: outcomes[f] for f in names if f in outcomes}


class QuotaOutcome(models.Model):
    """A quota's follow-up: the emissions of one period of its year (``quarter`` 0: the year)."""

    quota = models.ForeignKey(EmissionQuota, on_delete=models.CASCADE, related_name="outcomes")
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0)
    outcome_t = models.FloatField(_("emissions (t CO₂e)"))
    entered_by_label = models.CharField(_("entered by"), max_length=150)
    entered_at = models.DateTimeField(_("entered"), auto_now=True)

    class Meta:
        ordering = ["quota", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["quota", "quarter"], name="quota_outcome_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__lte=4), name="quota_outcome_quarter_0_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quota} {period_label(self.quota.year, self.quarter)}: {self.outcome_t}"
