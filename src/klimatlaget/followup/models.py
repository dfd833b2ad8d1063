"""A follow-up period and its reports: one per measure and one per indicator entered by hand.

A report keeps the code, title and sector of its measure (the name and unit of its indicator) as
they were when the period was prepared, so an approved period reads the same after the measure
is renamed or deleted: an approved period is an immutable snapshot."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import Versioned
from klimatlaget.measures.choices import SECTORS, MeasureStatus
from klimatlaget.measures.models import Indicator, Measure, period_label
from klimatlaget.organisations.models import Organisation


class PeriodState(models.TextChoices):
    OPEN = "open", _("Being filled in")
    APPROVED = "approved", _("Approved")


class FollowUpPeriod(Versioned):
    """A quarter (``quarter`` 1–4) or a whole year (``quarter`` 0) of an organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="follow_up_periods"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), default=0, help_text=_("1–4, or 0 for the whole year")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=PeriodState.choices, default=PeriodState.OPEN
    )
    prepared_at = models.DateTimeField(_("prepared"), auto_now_add=True)
    prepared_by_label = models.CharField(_("prepared by"), max_length=150)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by_label = models.CharField(_("approved by"), max_length=150, blank=True)

    class Meta:
        ordering = ["organisation", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter"], name="follow_up_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__lte=4), name="follow_up_quarter_0_to_4"
            ),
        ]
        verbose_name = _("follow-up period")
        verbose_name_plural = _("follow-up periods")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return period_label(self.year, self.quarter)

    @property
    def key(self) -> tuple[int, int]:
        """The period in its address: (year, quarter), written ``2025-q2`` or ``2025``."""
        return (self.year, self.quarter)

    def get_absolute_url(self) -> str:
        return reverse("follow-up", kwargs={"code": self.organisation.code, "period": self.key})

    @property
    def approved(self) -> bool:
        return self.state == PeriodState.APPROVED

    @property
    def ends_on(self) -> datetime.date:
        """The last day of the period."""
        if self.quarter in (0, 4):
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, 3 * self.quarter + 1, 1) - datetime.timedelta(days=1)

    @property
    def order(self) -> tuple[int, int]:
        """Periods in time order; a year's period comes after its quarters."""
        return (self.year, self.quarter or 5)


class MeasureReport(Versioned):
    """How one measure stands in the period."""

    period = models.ForeignKey(
        FollowUpPeriod, on_delete=models.CASCADE, related_name="measure_reports"
    )
    measure = models.ForeignKey(
        Measure, null=True, on_delete=models.SET_NULL, related_name="reports"
    )
    measure_code = models.CharField(_("code"), max_length=30)
    measure_title = models.CharField(_("title"), max_length=200)
    sector = models.CharField(_("main sector"), max_length=60, choices=SECTORS)
    status = models.CharField(_("status"), max_length=12, choices=MeasureStatus.choices)
    completion_pct = models.PositiveSmallIntegerField(_("completion (%)"), null=True, blank=True)
    spent_sek = models.DecimalField(
        _("spent so far (SEK)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    achieved_reduction_t = models.FloatField(
        _("reduction achieved (t CO₂e a year)"),
        null=True,
        blank=True,
        help_text=_("An estimate of the yearly reduction the measure brings so far"),
    )
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    filled_by_label = models.CharField(_("filled in by"), max_length=150, blank=True)
    filled_at = models.DateTimeField(_("filled in"), null=True, blank=True)

    ENTERED = ("status", "completion_pct", "spent_sek", "achieved_reduction_t", "comment")

    class Meta:
        ordering = ["period", "measure_code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "measure"], name="follow_up_one_report_per_measure"
            ),
            models.CheckConstraint(
                condition=models.Q(completion_pct__lte=100), name="follow_up_completion_0_to_100"
            ),
        ]
        verbose_name = _("measure report")
        verbose_name_plural = _("measure reports")

    def __str__(self) -> str:
        return f"{self.measure_code} {self.measure_title}"

    @property
    def filled(self) -> bool:
        return self.filled_at is not None


class IndicatorReport(Versioned):
    """An indicator's value in the period (indicators entered by hand only)."""

    period = models.ForeignKey(
        FollowUpPeriod, on_delete=models.CASCADE, related_name="indicator_reports"
    )
    indicator = models.ForeignKey(
        Indicator, null=True, on_delete=models.SET_NULL, related_name="reports"
    )
    indicator_name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    value = models.FloatField(_("value"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=4000)
    filled_by_label = models.CharField(_("filled in by"), max_length=150, blank=True)
    filled_at = models.DateTimeField(_("filled in"), null=True, blank=True)

    ENTERED = ("value", "comment")

    class Meta:
        ordering = ["period", "indicator_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "indicator"], name="follow_up_one_report_per_indicator"
            )
        ]
        verbose_name = _("indicator report")
        verbose_name_plural = _("indicator reports")

    def __str__(self) -> str:
        return self.indicator_name

    @property
    def filled(self) -> bool:
        return self.filled_at is not None


def is_locked(organisation_id: int, year: int, quarter: int) -> bool:
    """Is the organisation's follow-up of the period approved, so that nothing entered for the
    period (such as an indicator's value) may change any more?"""
    return FollowUpPeriod.objects.filter(
        organisation_id=organisation_id, year=year, quarter=quarter, state=PeriodState.APPROVED
    ).exists()


def locked_message(year: int, quarter: int) -> str:
    return gettext(
        "The follow-up of %(period)s is approved and locked; enter changes in the next period."
    ) % {"period": period_label(year, quarter)}
