"""National emissions by sector (the nowcast's input) and each organisation's budget settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import Versioned
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target


class NationalEmission(models.Model):
    """Sweden's emissions of one SMHI main sector in a year, or in one quarter of it (SCB's
    quarterly emissions accounts), as imported from a tidy CSV file."""

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=120)
    tco2e = models.FloatField(_("t CO₂e"))
    source = models.CharField(_("source"), max_length=255)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        ordering = ["sector", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "quarter", "sector"],
                name="national_emission_unique_period",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        period = f"{self.year} Q{self.quarter}" if self.quarter else str(self.year)
        return f"{period} {self.sector}: {self.tco2e}"


class PathwayChoice(models.TextChoices):
    CARBON_LAW = "carbon_law", _("Carbon Law pathway")
    OWN_TARGET = "own_target", _("Pathway of the organisation's own target")


class ProfileChoice(models.TextChoices):
    EQUAL = "equal", _("Equal quarters")
    HEATING = "heating", _("Heating season for the sectors with heating")


class BudgetSettings(Versioned):
    """How an organisation's emissions budget of one year is set (the defaults until saved)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="budget_settings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    pathway = models.CharField(
        _("pathway"), max_length=20, choices=PathwayChoice.choices, default=PathwayChoice.CARBON_LAW
    )
    target = models.ForeignKey(
        Target,
        verbose_name=_("target"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its pathway sets the budget (default: the first adopted one)."),
    )
    sector_budgets = models.JSONField(
        _("explicit sector budgets"),
        default=dict,
        blank=True,
        help_text=_("Sector → t CO₂e; the other sectors share the rest."),
    )
    quarter_profile = models.CharField(
        _("quarterly profile"),
        max_length=20,
        choices=ProfileChoice.choices,
        default=ProfileChoice.EQUAL,
    )

    class Meta:
        ordering = ["organisation", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="budget_settings_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"

    def audit_values(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in ("pathway", "sector_budgets")} | {
            "target": self.target_id,
            "quarter_profile": self.quarter_profile,
        }
