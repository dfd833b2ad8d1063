"""Climate targets as registered: faithful to the source document, convertible to the calculation
package's :class:`~klimatlaget.calc.targets.TargetSpec`."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from klimatlaget.calc.targets import Form, Geography, Scope, TargetSpec, format_scopes
from klimatlaget.concurrency import Versioned
from klimatlaget.organisations.models import Organisation


class GeographyChoice(models.TextChoices):
    TERRITORY = Geography.TERRITORY.value, _("The whole municipal territory")
    ORGANISATION = Geography.ORGANISATION.value, _("The municipal organisation's own operations")
    CITY = Geography.CITY.value, _("The city or urban area")
    DISTRICT = Geography.DISTRICT.value, _("A city district")


class FormChoice(models.TextChoices):
    PERCENT_REDUCTION = Form.PERCENT_REDUCTION.value, _("Percent reduction by a target year")
    ANNUAL_RATE = Form.ANNUAL_RATE.value, _("Annual reduction rate")
    PER_CAPITA_LEVEL = Form.PER_CAPITA_LEVEL.value, _("Level per inhabitant by a target year")
    FOSSIL_FREE = Form.FOSSIL_FREE.value, _("Fossil free")
    # xgettext:no-python-format
    RENEWABLE_100 = Form.RENEWABLE_100.value, _("100 % renewable energy")
    NEAR_ZERO = Form.NEAR_ZERO.value, _("Near zero emissions")
    NET_ZERO = Form.NET_ZERO.value, _("Climate neutral / net zero")
    NO_NEGATIVE_IMPACT = Form.NO_NEGATIVE_IMPACT.value, _("No negative climate impact")
    CLIMATE_POSITIVE = Form.CLIMATE_POSITIVE.value, _("Climate positive")
    QUALITATIVE = Form.QUALITATIVE.value, _("Qualitative")


class ScopeChoice(models.TextChoices):
    SCOPE_1 = Scope.SCOPE_1.value, _("Scope 1: sources inside the boundary")
    SCOPE_2 = Scope.SCOPE_2.value, _("Scope 2: grid electricity, district heating and cooling")
    SCOPE_3_UPSTREAM = Scope.SCOPE_3_UPSTREAM.value, _("Scope 3 upstream: goods and services")
    SCOPE_3_DOWNSTREAM = Scope.SCOPE_3_DOWNSTREAM.value, _("Scope 3 downstream: products made")
    SCOPE_3_TRANSPORT = Scope.SCOPE_3_TRANSPORT.value, _("Scope 3 transport across the boundary")
    CONSUMPTION = Scope.CONSUMPTION.value, _("Consumption-based")


class StatusChoice(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    PROPOSED = "proposed", _("Proposed")


class Target(Versioned):
    """One climate target of one organisation, as its source document states it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="targets")
    title = models.CharField(_("title"), max_length=200, blank=True)
    geography = models.CharField(
        _("geography"),
        max_length=20,
        choices=GeographyChoice.choices,
        default=GeographyChoice.TERRITORY,
    )
    district = models.CharField(_("city district"), max_length=200, blank=True)
    scopes = models.JSONField(_("scopes"), default=list)
    includes_non_energy = models.BooleanField(_("includes non-energy emissions"), null=True)
    form = models.CharField(_("form"), max_length=30, choices=FormChoice.choices)
    value = models.FloatField(_("value"), null=True, blank=True)
    base_year = models.PositiveSmallIntegerField(_("base year"), null=True, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    per_capita = models.BooleanField(_("per inhabitant"), default=False)
    projected_population = models.PositiveIntegerField(
        _("projected population in the target year"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StatusChoice.choices, default=StatusChoice.ADOPTED
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    source = models.CharField(
        _("source document"),
        max_length=500,
        blank=True,
        help_text=_("The address of the document or its name (title and date)."),
    )
    quote = models.TextField(_("exact quote"), blank=True, max_length=4000)
    notes = models.TextField(_("notes"), blank=True, max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "target_year", "id"]
        verbose_name = _("climate target")
        verbose_name_plural = _("climate targets")

    def __str__(self) -> str:
        return (
            self.title or f"{self.organisation}: {self.get_form_display()} {self.target_year or ''}"
        )

    @property
    def source_url(self) -> str:
        """The source as a link when it is a web address ("" when it names a document)."""
        return self.source if self.source.startswith(("https://", "http://")) else ""

    @property
    def scopes_text(self) -> str:
        """The scopes as the CSV files write them: "1,2,consumption"."""
        return format_scopes(self.scopes)

    @property
    def scopes_label(self) -> str:
        """The scopes for the reader: "scope 1, scope 2, consumption-based"."""
        return scopes_label(self.scopes_text)

    def to_spec(self) -> TargetSpec:
        return TargetSpec(
            form=Form(self.form),
            target_year=self.target_year,
            value=self.value,
            base_year=self.base_year,
            start_year=self.start_year,
            per_capita=self.per_capita,
            geography=Geography(self.geography),
            district=self.district,
            scopes=frozenset(Scope(s) for s in self.scopes),
            includes_non_energy=self.includes_non_energy,
            projected_population=self.projected_population,
        )

    def audit_values(self) -> dict[str, object]:
        """The user-entered fields, for the change log."""
        return {name: getattr(self, name) for name in ENTERED_FIELDS} | {
            "adopted_on": self.adopted_on.isoformat() if self.adopted_on else None
        }


def scopes_label(scopes_text: str) -> str:
    """Scopes as the CSV files write them ("1,2,consumption") for the reader."""
    names = _scope_names()
    return ", ".join(str(names.get(part, part)) for part in scopes_text.split(",") if part)


def _scope_names() -> dict[str, str | Promise]:
    """Short names of the scopes as :func:`format_scopes` writes them (all of scope 3: "3")."""
    return {
        Scope.SCOPE_1.value: _("scope 1"),
        Scope.SCOPE_2.value: _("scope 2"),
        "3": _("scope 3"),
        Scope.SCOPE_3_UPSTREAM.value: _("scope 3 upstream"),
        Scope.SCOPE_3_DOWNSTREAM.value: _("scope 3 downstream"),
        Scope.SCOPE_3_TRANSPORT.value: _("scope 3 transport"),
        Scope.CONSUMPTION.value: _("consumption-based"),
    }


#: The fields a person enters, in the order forms and tables show them (and the change log).
ENTERED_FIELDS = (
    "title",
    "form",
    "value",
    "base_year",
    "start_year",
    "target_year",
    "per_capita",
    "projected_population",
    "geography",
    "district",
    "scopes",
    "includes_non_energy",
    "status",
    "adopted_on",
    "source",
    "quote",
    "notes",
)
