"""Organisations (municipalities, regions, the nation and others) and their population."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from klimatlaget.concurrency import Versioned

NATION_CODE = "00"


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County/region")
    NATION = "nation", _("Nation")
    AGENCY = "agency", _("Agency")
    ASSOCIATION = "association", _("Association")
    PROGRAMME_OFFICE = "programme_office", _("Programme office")


class Organisation(Versioned):
    """An organisation identified by a stable code.

    Municipalities and counties use SCB's official codes (four and two digits), the nation is
    ``00``; other kinds use a short slug chosen when they are created.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    county = models.ForeignKey(
        "self",
        verbose_name=_("county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="municipalities",
        limit_choices_to={"kind": OrganisationKind.COUNTY},
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation", kwargs={"code": self.code})

    @property
    def has_emissions_data(self) -> bool:
        return self.kind in {
            OrganisationKind.MUNICIPALITY,
            OrganisationKind.COUNTY,
            OrganisationKind.NATION,
        }


class Population(models.Model):
    """Inhabitants on 31 December of a year, as published by SCB."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="population"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    inhabitants = models.PositiveIntegerField(_("inhabitants"))

    class Meta:
        ordering = ["organisation", "year"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="population_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.inhabitants}"
