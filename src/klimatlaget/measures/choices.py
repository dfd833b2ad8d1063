"""The fixed vocabularies of plans, measures and indicators."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from klimatlaget.emissions.sectors import SECTOR_LABELS


class PlanKind(models.TextChoices):
    MITIGATION = "mitigation", _("Mitigation")
    ADAPTATION = "adaptation", _("Adaptation")
    BOTH = "both", _("Mitigation and adaptation")


class PlanStatus(models.TextChoices):
    IN_PREPARATION = "in_preparation", _("In preparation")
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    REPLACED = "replaced", _("Replaced")


OWN_OPERATIONS = "own_operations"
CONSUMPTION = "consumption"

#: SMHI's main sectors (stored under SMHI's Swedish names, as emissions are), the
#: organisation's own operations and consumption.
SECTORS: list[tuple[str, object]] = [
    *((name, label) for name, label in SECTOR_LABELS.items() if name),
    (OWN_OPERATIONS, _("The organisation's own operations")),
    (CONSUMPTION, _("Consumption")),
]


class MeasureType(models.TextChoices):
    TECHNICAL = "technical", _("Technical")
    SPATIAL_PLANNING = "spatial_planning", _("Spatial planning")
    PROCUREMENT = "procurement", _("Procurement")
    BUSINESS_MODEL = "business_model", _("Business model")
    REGULATION = "regulation", _("Regulation")
    BEHAVIOUR = "behaviour", _("Behaviour and information")
    FINANCING = "financing", _("Financing")


class MeasureStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    DECIDED = "decided", _("Decided")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class Hazard(models.TextChoices):
    HEAT = "heat", _("Heat")
    FLOODING = "flooding", _("Flooding")
    DROUGHT = "drought", _("Drought")
    STORM = "storm", _("Storm")
    LANDSLIDE = "landslide", _("Landslide")
    SEA_LEVEL = "sea_level", _("Sea level rise")


class Direction(models.TextChoices):
    DOWN = "down", _("Lower is better")
    UP = "up", _("Higher is better")


class IndicatorSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    TOTAL_EMISSIONS = "total_emissions", _("Computed: total emissions (t CO₂e)")
    SECTOR_EMISSIONS = "sector_emissions", _("Computed: emissions of a sector (t CO₂e)")
    PER_INHABITANT = "per_inhabitant", _("Computed: emissions per inhabitant (t CO₂e)")
