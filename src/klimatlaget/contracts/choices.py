"""The fixed vocabularies of climate contracts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    SUPERSEDED = "superseded", _("Superseded")


#: The statuses anyone may read; a draft only its editors and the programme office.
PUBLIC_STATUSES = (ContractStatus.SIGNED, ContractStatus.SUPERSEDED)


class PartyRole(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    VIABLE_CITIES = "viable_cities", _("Viable Cities")
    AGENCY = "agency", _("Agency")


class Writer(models.TextChoices):
    """Which party writes a section."""

    MUNICIPALITY = "municipality", _("The municipality")
    VIABLE_CITIES = "viable_cities", _("Viable Cities")
    AGENCIES = "agencies", _("The agencies")
    JOINT = "joint", _("Jointly")


class LinkKind(models.TextChoices):
    TARGET = "target", _("Target")
    ACTION_PLAN = "action_plan", _("Action plan")
    MEASURE = "measure", _("Measure")
    INDICATOR = "indicator", _("Indicator")
    INVESTMENT_PLAN = "investment_plan", _("Investment plan")
    DOCUMENT = "document", _("Document")


class CommitmentState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")
