"""The open data's tables as Frictionless Table Schemas: each field's name, type, unit and
description, and each table's primary and foreign keys.

The names and their order are those of the rows :mod:`.tables` builds; the CSV is written from
:attr:`Table.columns` through the one table writer, so a schema and its CSV cannot disagree.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from klimatlaget.exports.columns import Column

STRING, INTEGER, NUMBER, BOOLEAN, DATE = "string", "integer", "number", "boolean", "date"


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str | Promise
    unit: str | Promise = ""
    required: bool = False
    enum: tuple[str, ...] = ()

    def descriptor(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": str(self.description),
        }
        if self.unit:
            found["unit"] = str(self.unit)
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            found["constraints"] = constraints
        return found


@dataclass(frozen=True)
class Table:
    name: str
    title: str | Promise
    description: str | Promise
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    #: (field, table it refers to): every foreign key points at organisations.code.
    foreign_keys: tuple[tuple[str, str], ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[Column]:
        return [Column(field.name) for field in self.fields]

    def schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [field.descriptor() for field in self.fields],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": name, "reference": {"resource": resource, "fields": "code"}}
                for name, resource in self.foreign_keys
            ]
        return schema


ORGANISATION = _("The organisation's code (see organisations.csv)")
T_CO2E = "t CO2e"
SEK = "SEK"
PER_CENT = "%"

ORGANISATIONS = Table(
    "organisations",
    _("Organisations"),
    _(
        "Every organisation on the platform: municipalities and counties with SCB's codes, the "
        "nation (00) and others (associations, agencies) with a short code."
    ),
    (
        Field(
            "code",
            STRING,
            _("Code: SCB's four digits for a municipality, two for a county"),
            required=True,
        ),
        Field("name", STRING, _("Name"), required=True),
        Field(
            "kind",
            STRING,
            _("Kind of organisation"),
            required=True,
            enum=("municipality", "county", "nation", "agency", "association", "programme_office"),
        ),
        Field("county_code", STRING, _("The county a municipality lies in")),
        Field(
            "population",
            INTEGER,
            _("Inhabitants on 31 December of population_year (SCB)"),
            "inhabitants",
        ),
        Field("population_year", INTEGER, _("The year of the latest population figure"), "year"),
    ),
    ("code",),
    (("county_code", "organisations"),),
)

EMISSIONS = Table(
    "emissions",
    _("Emissions"),
    _(
        "Territorial greenhouse-gas emissions of each municipality by year and main sector, as "
        "SMHI's national emissions database publishes them. Counties and the nation are the sums "
        "of their municipalities."
    ),
    (
        Field("organisation_code", STRING, ORGANISATION, required=True),
        Field("year", INTEGER, _("Year"), "year", required=True),
        Field(
            "sector",
            STRING,
            _("SMHI's main sector ('total' where the source gives only the total)"),
            required=True,
        ),
        Field("tco2e", NUMBER, _("Emissions"), T_CO2E, required=True),
    ),
    ("organisation_code", "year", "sector"),
    (("organisation_code", "organisations"),),
)

METRICS = Table(
    "metrics",
    _("Key figures"),
    _(
        "The key figures of each municipality, county and the nation, as the comparison page "
        "shows them: emissions per inhabitant, changes, the trend and the gap to the Carbon Law "
        "pathway (default parameters: this calendar year, the 1.5 °C rate)."
    ),
    (
        Field("code", STRING, ORGANISATION, required=True),
        Field("name", STRING, _("Name")),
        Field("kind", STRING, _("Kind of organisation")),
        Field("county", STRING, _("County name")),
        Field("population", INTEGER, _("Latest inhabitants"), "inhabitants"),
        Field("last_year", INTEGER, _("The latest year with emissions"), "year"),
        Field("last_emissions_t", NUMBER, _("Emissions of the latest year"), T_CO2E),
        Field(
            "last_emissions_per_capita_t",
            NUMBER,
            _("Emissions per inhabitant, latest year"),
            "t CO2e per inhabitant",
        ),
        Field("change_since_1990_pct", NUMBER, _("Change since 1990"), PER_CENT),
        Field("change_since_2005_pct", NUMBER, _("Change since 2005"), PER_CENT),
        Field(
            "avg_yearly_change_since_2015_pct",
            NUMBER,
            _("Average yearly change since 2015"),
            PER_CENT,
        ),
        Field("trend_slope_t_per_yr", NUMBER, _("Slope of the trend"), "t CO2e per year"),
        Field(
            "trend_slope_min", NUMBER, _("Smallest slope of the trend's range"), "t CO2e per year"
        ),
        Field(
            "trend_slope_max", NUMBER, _("Largest slope of the trend's range"), "t CO2e per year"
        ),
        Field(
            "trend_slope_low",
            NUMBER,
            _("Lower bound of the slope's uncertainty"),
            "t CO2e per year",
        ),
        Field(
            "trend_slope_high",
            NUMBER,
            _("Upper bound of the slope's uncertainty"),
            "t CO2e per year",
        ),
        Field("trend_uncertain", BOOLEAN, _("Whether the trend's direction is uncertain")),
        Field(
            "trend_cumulative_t", NUMBER, _("Cumulative emissions if the trend continues"), T_CO2E
        ),
        Field(
            "carbon_law_cumulative_t",
            NUMBER,
            _("Cumulative emissions on the Carbon Law pathway"),
            T_CO2E,
        ),
        Field("gap_t", NUMBER, _("The trend's cumulative emissions above the pathway's"), T_CO2E),
        Field(
            "gap_share_pct", NUMBER, _("The gap as a share of the pathway's emissions"), PER_CENT
        ),
        Field(
            "trend_leaves_pathway_year", INTEGER, _("The year the trend leaves the pathway"), "year"
        ),
        Field(
            "required_rate_pct",
            NUMBER,
            _("Yearly reduction needed to keep to the budget"),
            PER_CENT,
        ),
        Field("remaining_budget_t", NUMBER, _("Remaining carbon budget"), T_CO2E),
        Field(
            "remaining_budget_rate_pct",
            NUMBER,
            _("Yearly reduction that spends the remaining budget"),
            PER_CENT,
        ),
        Field("trend_zero_date", DATE, _("The date the trend reaches zero")),
    ),
    ("code",),
    (("code", "organisations"),),
)

TARGETS = Table(
    "targets",
    _("Targets"),
    _(
        "Every adopted or proposed climate target as its source document states it, normalised "
        "and assessed against the Paris Agreement (see the method)."
    ),
    (
        Field("target_id", INTEGER, _("The target's id on the platform"), required=True),
        Field("organisation_code", STRING, ORGANISATION, required=True),
        Field("title", STRING, _("Title")),
        Field("status", STRING, _("Status"), required=True, enum=("adopted", "proposed")),
        Field("geography", STRING, _("What the target covers")),
        Field("scope_group", STRING, _("Scope group: 1-2 or 1-2-3")),
        Field("scopes", STRING, _("Scopes, comma-separated")),
        Field("form", STRING, _("Form of the target")),
        Field("ladder_rung", STRING, _("Rung on the experts' ladder of wordings")),
        Field("value", NUMBER, _("The target's value (a reduction in per cent, or a level)")),
        Field("base_year", INTEGER, _("Base year"), "year"),
        Field("start_year", INTEGER, _("Start year"), "year"),
        Field("target_year", INTEGER, _("Target year"), "year"),
        Field("per_capita", BOOLEAN, _("Whether the target is per inhabitant")),
        Field(
            "implied_reduction_1990_at_2030_pct",
            NUMBER,
            _("Implied reduction from 1990 by 2030"),
            PER_CENT,
        ),
        Field(
            "implied_reduction_1990_at_2045_pct",
            NUMBER,
            _("Implied reduction from 1990 by 2045"),
            PER_CENT,
        ),
        Field("implied_annual_rate_pct", NUMBER, _("Implied yearly reduction"), PER_CENT),
        Field(
            "cumulative_to_2050_t",
            NUMBER,
            _("Cumulative emissions to 2050 on the target's path"),
            T_CO2E,
        ),
        Field(
            "sharpness_years",
            NUMBER,
            _("Sharpness: years of today's emissions to 2050"),
            _("years"),
        ),
        Field("rank_in_group", INTEGER, _("Rank among the targets of its scope group")),
        Field(
            "paris_alignment",
            STRING,
            _("The verdict: in line with the Paris Agreement or not"),
            enum=("in_line", "partly", "not_in_line", "not_assessed"),
        ),
    ),
    ("target_id",),
    (("organisation_code", "organisations"),),
)

MEASURES = Table(
    "measures",
    _("Measures"),
    _("Every organisation's measures (åtgärder) with their expected effect and budget."),
    (
        Field("measure_id", INTEGER, _("The measure's id on the platform"), required=True),
        Field("organisation_code", STRING, ORGANISATION, required=True),
        Field("plan", STRING, _("The action plan it belongs to")),
        Field("code", STRING, _("The measure's code in the organisation")),
        Field("title", STRING, _("Title"), required=True),
        Field("description", STRING, _("Description")),
        Field("sector", STRING, _("Main sector")),
        Field("type", STRING, _("Type")),
        Field("responsible", STRING, _("Responsible unit")),
        Field("status", STRING, _("Status")),
        Field("start_year", INTEGER, _("Start year"), "year"),
        Field("end_year", INTEGER, _("End year"), "year"),
        Field("expected_reduction_t", NUMBER, _("Expected reduction"), "t CO2e per year"),
        Field("expected_reduction_low_t", NUMBER, _("Expected reduction, low"), "t CO2e per year"),
        Field(
            "expected_reduction_high_t", NUMBER, _("Expected reduction, high"), "t CO2e per year"
        ),
        Field("effect_year", INTEGER, _("The year the reduction is reached"), "year"),
        Field("energy_saved_mwh", NUMBER, _("Energy saved"), "MWh per year"),
        Field("renewable_mwh", NUMBER, _("Renewable energy produced"), "MWh per year"),
        Field("hazard", STRING, _("Climate hazard (adaptation measures)")),
        Field("budget_sek", INTEGER, _("Budget, total"), SEK),
        Field("source", STRING, _("Source document")),
    ),
    ("measure_id",),
    (("organisation_code", "organisations"),),
)

INVESTMENTS = Table(
    "investments",
    _("Investment totals"),
    _(
        "The totals of each organisation's adopted climate investment plan per plan year (its "
        "latest adopted version); drafts are left out."
    ),
    (
        Field("organisation_code", STRING, ORGANISATION, required=True),
        Field("year", INTEGER, _("The plan's year"), "year", required=True),
        Field("plan_id", INTEGER, _("The plan's id on the platform"), required=True),
        Field("version", INTEGER, _("The plan's version number")),
        Field("adopted_on", DATE, _("Adopted on")),
        Field("horizon_from", INTEGER, _("First year of the plan's horizon"), "year"),
        Field("horizon_to", INTEGER, _("Last year of the plan's horizon"), "year"),
        Field("capex_sek", INTEGER, _("Capital expenditure, all lines"), SEK),
        Field(
            "own_capex_sek",
            INTEGER,
            _("Capital expenditure of the municipality and its companies"),
            SEK,
        ),
        Field("decided_capex_sek", INTEGER, _("Capital expenditure whose funding is decided"), SEK),
        Field("reduction_t", NUMBER, _("Reduction of the plan's lines"), "t CO2e per year"),
        Field("sek_per_t", INTEGER, _("Abatement cost"), "SEK per t CO2e"),
        Field("lines", INTEGER, _("Number of lines")),
    ),
    ("organisation_code", "year"),
    (("organisation_code", "organisations"),),
)

CONTRACT_SECTIONS = Table(
    "contract_sections",
    _("Climate contracts' sections"),
    _(
        "The index of the signed climate contracts (Klimatkontrakt 2030): each section's number, "
        "title, subject and writing party; the text is on the contract's page."
    ),
    (
        Field("section_id", INTEGER, _("The section's id on the platform"), required=True),
        Field("contract_id", INTEGER, _("The contract's id on the platform"), required=True),
        Field("organisation_code", STRING, ORGANISATION, required=True),
        Field("year", INTEGER, _("The year of the contract's version"), "year", required=True),
        Field("status", STRING, _("The contract's status"), enum=("signed", "superseded")),
        Field("signed_on", DATE, _("Signed on")),
        Field("number", STRING, _("Section number")),
        Field("title", STRING, _("Section title"), required=True),
        Field("subject", STRING, _("The programme template's subject")),
        Field("writer", STRING, _("The party that writes the section")),
    ),
    ("section_id",),
    (("organisation_code", "organisations"),),
)

TABLES = (ORGANISATIONS, EMISSIONS, METRICS, TARGETS, MEASURES, INVESTMENTS, CONTRACT_SECTIONS)
TABLE_NAMES = {table.name: table for table in TABLES}
