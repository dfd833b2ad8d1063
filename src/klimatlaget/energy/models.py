"""Final energy use of an organisation's territory by year, SCB's user category (sector) and
fuel (carrier), in MWh, as SCB's municipal and regional energy statistics publish it.

Public, like emissions. Written only by :mod:`klimatlaget.energy.imports`, which replaces an
organisation's year as a whole and records the change in the change log.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatlaget.calc.energy import CARRIERS, SECTORS
from klimatlaget.organisations.models import Organisation


class EnergyUse(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="energy_uses"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sector = models.CharField(
        _("sector"), max_length=20, choices=[(term.code, term.english) for term in SECTORS]
    )
    carrier = models.CharField(
        _("carrier"), max_length=20, choices=[(term.code, term.english) for term in CARRIERS]
    )
    mwh = models.FloatField(_("final energy use (MWh)"))
    source = models.CharField(_("source"), max_length=500, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "year", "sector", "carrier"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "sector", "carrier"], name="energy_use_unique"
            )
        ]
        verbose_name = _("energy use")
        verbose_name_plural = _("energy uses")

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year} {self.sector} {self.carrier}: {self.mwh} MWh"
