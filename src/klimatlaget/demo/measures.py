"""The demo's action plans, measures, indicators and emission quotas.

With the real data: Kalmar's plans, measures and indicators quoted from its climate contract
(``../shared/seeds/klimatkontrakt-2030-kalmar-2024.txt``), each marked as quoted and naming the
contract's section; no figure is added that the contract does not give (an expected reduction it
does not state stays empty, and the measure's method note says so). The measures go through the
official import (``klimatlaget import measures``), the plans and indicators through the same
services as the pages.

With the fictional example dataset: plans (one replaced by a newer version), measures across
sectors and statuses with expected effects, indicators (entered by hand with values for every
quarter of two years, and computed ones, with target values), and emission quotas of a few
units followed up by quarter.

Every file is read and written through the services, so every change is in the change log and
loading twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from klimatlaget.accounts.actors import command_line
from klimatlaget.measures import indicators, plans, quotas
from klimatlaget.measures.imports import import_measures
from klimatlaget.measures.models import ActionPlan, EmissionQuota, Indicator, Measure
from klimatlaget.organisations.models import Organisation

Say = Callable[[str], None]

HERE = Path(__file__).resolve().parent
#: Kalmar's plans, measures and indicators, quoted from its climate contract 2024.
REAL_PLANS = HERE / "plans_real.csv"
REAL_MEASURES = HERE / "measures_real.csv"
REAL_INDICATORS = HERE / "indicators_real.csv"
#: The fictional plans and measures of the example dataset.
EXAMPLE_PLANS = HERE / "plans_example.csv"
EXAMPLE_MEASURES = HERE / "measures_example.csv"
#: The quarters the example dataset follows up: every quarter of two whole years.
EXAMPLE_YEARS = (2024, 2025)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _year(text: str) -> int | None:
    return int(text) if text else None


def _year_numbers(text: str) -> dict[str, float]:
    """'2025: 25 | 2028: 100' → {'2025': 25.0, '2028': 100.0}."""
    numbers = {}
    for part in filter(None, (p.strip() for p in text.split("|"))):
        year, _colon, number = part.partition(":")
        numbers[year.strip()] = float(number)
    return numbers


def plan_values(row: dict[str, str], by_title: dict[str, ActionPlan]) -> dict[str, Any]:
    """A row of a plans file as the plan service's values. A quoted plan (one with a quote)
    keeps the quote, and what the source leaves open, in its notes."""
    quote = row["quote"].strip()
    notes = row["notes"].strip()
    if quote:
        notes = f"Citat ur källan: ”{quote}” {notes}".strip()
    replaces = by_title.get(row["replaces"]) if row["replaces"] else None
    return {
        "title": row["title"],
        "kind": row["kind"],
        "status": row["status"],
        "adopted_on": datetime.date.fromisoformat(row["adopted_on"]) if row["adopted_on"] else None,
        "adopted_by": row["adopted_by"],
        "period_from": _year(row["period_from"]),
        "period_to": _year(row["period_to"]),
        "version_label": row["version_label"],
        "replaces_id": replaces.pk if replaces else None,
        "source": row["source"],
        "quoted": bool(quote),
        "notes": notes,
    }


@dataclass
class Counts:
    created: int = 0
    changed: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.changed} changed"


def load_plans(path: Path) -> Counts:
    """The plans of ``path`` (one per organisation and title), created or brought up to date."""
    actor = command_line()
    counts = Counts()
    organisations = {org.code: org for org in Organisation.objects.all()}
    for row in _rows(path):
        organisation = organisations[row["organisation"]]
        by_title = {p.title: p for p in ActionPlan.objects.filter(organisation=organisation)}
        values = plan_values(row, by_title)
        stored = by_title.get(row["title"])
        if stored is None:
            plans.create_plan(actor, organisation, values)
            counts.created += 1
        elif plans.update_plan(actor, stored, values):
            counts.changed += 1
    return counts


def load_indicators(path: Path) -> Counts:
    """The indicators of ``path`` (one per organisation and name) with their target values and
    the measures they follow (codes separated by ``|``)."""
    actor = command_line()
    counts = Counts()
    organisations = {org.code: org for org in Organisation.objects.all()}
    for row in _rows(path):
        organisation = organisations[row["organisation"]]
        codes = [c.strip() for c in row["measures"].split("|") if c.strip()]
        measure_ids = sorted(
            Measure.objects.filter(organisation=organisation, code__in=codes).values_list(
                "pk", flat=True
            )
        )
        definition = row["definition"]
        if row["source"]:
            definition = f"{definition} Källa: {row['source']}."
        values = {
            "name": row["name"],
            "unit": row["unit"],
            "definition": definition,
            "direction": row["direction"],
            "source_kind": row["source_kind"],
            "sector": row["sector"],
            "target_values": _year_numbers(row["target_values"]),
            "measure_ids": measure_ids,
        }
        stored = Indicator.objects.filter(organisation=organisation, name=row["name"]).first()
        if stored is None:
            indicators.create_indicator(actor, organisation, values)
            counts.created += 1
        elif indicators.update_indicator(actor, stored, values):
            counts.changed += 1
    return counts


# The example dataset's indicators and quotas ------------------------------------------------


@dataclass(frozen=True)
class ExampleIndicator:
    organisation: str
    name: str
    unit: str
    direction: str
    source_kind: str
    target_values: dict[str, float]
    measures: tuple[str, ...] = ()
    sector: str = ""
    #: The value of each quarter of EXAMPLE_YEARS, oldest first (hand-entered indicators only).
    quarters: tuple[float, ...] = ()


def _steady(start: float, step: float) -> tuple[float, ...]:
    return tuple(round(start + step * i, 1) for i in range(4 * len(EXAMPLE_YEARS)))


def _seasonal(winter: float, summer: float, yearly_change: float) -> tuple[float, ...]:
    """Quarterly figures with a heating season (Q1 and Q4 high), changing year by year."""
    shape = (winter, (winter + summer) / 2, summer, (winter + summer) / 2)
    return tuple(
        round(value * (1 + yearly_change) ** index, 0)
        for index in range(len(EXAMPLE_YEARS))
        for value in shape
    )


EXAMPLE_INDICATORS: tuple[ExampleIndicator, ...] = (
    ExampleIndicator(
        "9102",
        "Andel fossilfria fordon i kommunens fordonsflotta",
        "%",
        "up",
        "manual",
        {"2025": 80, "2027": 100},
        ("T1", "T2"),
        quarters=_steady(52.0, 3.5),
    ),
    ExampleIndicator(
        "9102",
        "Energianvändning i kommunens skolor",
        "MWh",
        "down",
        "manual",
        {"2025": 8000, "2028": 6500},
        ("V1",),
        quarters=_seasonal(2900, 900, -0.06),
    ),
    ExampleIndicator(
        "9102",
        "Resor med kollektivtrafik",
        "tusen resor",
        "up",
        "manual",
        {"2025": 1500, "2030": 1800},
        ("T1",),
        quarters=_seasonal(360, 300, 0.04),
    ),
    ExampleIndicator("9102", "Utsläpp inom kommunen", "t CO₂e", "down", "total_emissions", {}),
    ExampleIndicator(
        "9102", "Utsläpp per invånare", "t CO₂e", "down", "per_inhabitant", {"2030": 2.0}
    ),
    ExampleIndicator(
        "9102",
        "Utsläpp från transporter",
        "t CO₂e",
        "down",
        "sector_emissions",
        {},
        ("T1", "T2", "T3"),
        sector="Transporter",
    ),
    ExampleIndicator(
        "9105",
        "Andel förnybar energi i fjärrvärmen",
        "%",
        "up",
        "manual",
        {"2026": 100},
        ("M1",),
        quarters=_steady(88.0, 1.2),
    ),
)

#: Fictional yearly quotas (t CO2e) of responsible units: (organisation, unit, {year: quota}).
EXAMPLE_QUOTAS: tuple[tuple[str, str, dict[int, float]], ...] = (
    ("9102", "Tekniska nämnden", {2024: 4200, 2025: 3900}),
    ("9102", "Strandhamn Energi AB", {2024: 18500, 2025: 16800}),
    ("9102", "Utbildningsnämnden", {2024: 1300, 2025: 1200}),
    ("9105", "Mossala Energi AB", {2024: 42000, 2025: 36000}),
)
#: The share of a year's emissions that falls in each quarter (a heating season).
QUARTER_SHARES = (0.32, 0.22, 0.16, 0.30)
#: How each unit's outcome compares with its quota, by year: some under, some over.
OUTCOME_RATIOS = (0.97, 1.04, 0.91, 1.08)


def load_example_indicators() -> Counts:
    actor = command_line()
    counts = Counts()
    organisations = {org.code: org for org in Organisation.objects.all()}
    for spec in EXAMPLE_INDICATORS:
        organisation = organisations.get(spec.organisation)
        if organisation is None:
            continue
        values = {
            "name": spec.name,
            "unit": spec.unit,
            "definition": "Fictional example indicator.",
            "direction": spec.direction,
            "source_kind": spec.source_kind,
            "sector": spec.sector,
            "target_values": spec.target_values,
            "measure_ids": sorted(
                Measure.objects.filter(
                    organisation=organisation, code__in=spec.measures
                ).values_list("pk", flat=True)
            ),
        }
        indicator = Indicator.objects.filter(organisation=organisation, name=spec.name).first()
        if indicator is None:
            indicator = indicators.create_indicator(actor, organisation, values)
            counts.created += 1
        elif indicators.update_indicator(actor, indicator, values):
            counts.changed += 1
        periods = [(y, q) for y in EXAMPLE_YEARS for q in (1, 2, 3, 4)]
        for (year, quarter), value in zip(periods, spec.quarters, strict=False):
            indicators.set_value(actor, indicator, year, quarter, value)
    return counts


def load_example_quotas() -> Counts:
    actor = command_line()
    counts = Counts()
    organisations = {org.code: org for org in Organisation.objects.all()}
    for index, (code, unit, by_year) in enumerate(EXAMPLE_QUOTAS):
        organisation = organisations.get(code)
        if organisation is None:
            continue
        for year, quota_t in by_year.items():
            quota = EmissionQuota.objects.filter(
                organisation=organisation, unit=unit, year=year
            ).first()
            values = {"unit": unit, "year": year, "quota_t": quota_t}
            if quota is None:
                quota = quotas.create_quota(actor, organisation, values)
                counts.created += 1
            elif quotas.update_quota(actor, quota, values):
                counts.changed += 1
            ratio = OUTCOME_RATIOS[(index + year) % len(OUTCOME_RATIOS)]
            for quarter, share in enumerate(QUARTER_SHARES, start=1):
                quotas.set_outcome(actor, quota, quarter, round(quota_t * ratio * share, 1))
    return counts


def load_demo_measures(*, example: bool, say: Say) -> None:
    """Plans, measures, indicators (and, for the example, quotas); safe to run again."""
    if not example and not Organisation.objects.filter(code="0880").exists():
        say("Kalmar kommun (0880) is missing: no quoted plans and measures loaded.")
        return
    plan_counts = load_plans(EXAMPLE_PLANS if example else REAL_PLANS)
    say(f"Action plans: {plan_counts}.")
    measures = import_measures(EXAMPLE_MEASURES if example else REAL_MEASURES, actor=command_line())
    say(f"Measures: {measures.created} created, {measures.updated} changed.")
    if example:
        say(f"Indicators: {load_example_indicators()}.")
        say(f"Emission quotas: {load_example_quotas()}.")
    else:
        say(f"Indicators: {load_indicators(REAL_INDICATORS)}.")
