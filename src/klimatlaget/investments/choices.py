"""The fixed vocabularies of climate investment plans."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    MUNICIPAL_ORGANISATION = "organisation", _("The municipal organisation")
    TERRITORY = "territory", _("The whole territory")


class InvestmentPlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class Actor(models.TextChoices):
    MUNICIPALITY = "municipality", _("The municipality")
    MUNICIPAL_COMPANY = "municipal_company", _("A municipal company")
    REGION = "region", _("The region")
    STATE = "state", _("The state")
    PRIVATE_COMPANY = "private_company", _("A private company")
    HOUSEHOLDS = "households", _("Households")


class FundingSource(models.TextChoices):
    OWN_BUDGET = "own_budget", _("Own budget")
    GREEN_LOAN = "green_loan", _("Green loan or bond")
    STATE_GRANT = "state_grant", _("State grant (e.g. Klimatklivet)")
    EU_FUNDS = "eu_funds", _("EU funds")
    PRIVATE_CAPITAL = "private_capital", _("Private capital")
    OTHER = "other", _("Other")


class FundingStatus(models.TextChoices):
    DECIDED = "decided", _("Decided")
    APPLIED_FOR = "applied_for", _("Applied for")
    NOT_DECIDED = "not_decided", _("Not decided")


class CoBenefit(models.TextChoices):
    """The kinds of co-benefit a city may value in SEK a year."""

    HEALTH = "health", _("Health")
    JOBS = "jobs", _("Jobs")
    HOUSEHOLD_ECONOMY = "household_economy", _("Household economy")
    PUBLIC_ECONOMY = "public_economy", _("Public economy")
