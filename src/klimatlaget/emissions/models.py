"""Territorial greenhouse-gas emissions per municipality, year and main sector."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatlaget.organisations.models import Organisation

TOTAL_SECTOR = ""  # a row holding only the total, for sources without a sector split


class Emission(models.Model):
    """Tonnes CO2e emitted in one year by one main sector (SMHI's Huvudsektor).

    Only municipalities are stored; counties and the nation are sums computed on the fly.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="emissions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sector = models.CharField(_("sector"), max_length=120, blank=True)
    tco2e = models.FloatField(_("t CO₂e"))

    class Meta:
        ordering = ["organisation", "year", "sector"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "sector"], name="emission_unique_sector_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year} {self.sector or 'total'}: {self.tco2e}"
