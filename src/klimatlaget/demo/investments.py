"""The demo's climate investment plans.

With the real data: Kalmar's, quoted from its climate contract 2024
(``../shared/seeds/klimatkontrakt-2030-kalmar-2024.txt``). The contract says Kalmar has no
climate investment plan yet, so the demo's is a draft marked as quoted that holds only the
investments the contract names with an amount (the two biogas plants), each linked to its quoted
measure; every figure the contract does not give stays empty, and the plan's notes say so and
keep each line's quote with its section.

With the fictional example dataset: Strandhamn's plan with lines of every kind of actor,
funding source and funding status, system shifts, operating costs, savings, co-benefits and
an adaptation line; version 1 adopted, version 2 a draft made with the services' new version
and revised (lines changed, one removed, one added). Mossala has a smaller plan, so that the
members of the association can be compared.

Every plan and line is written through :mod:`klimatlaget.investments.services`, so every change
is in the change log and loading twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from klimatlaget.accounts.actors import command_line
from klimatlaget.investments import services
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation

Say = Callable[[str], None]

HERE = Path(__file__).resolve().parent
#: Kalmar's plan and its lines, quoted from its climate contract 2024.
REAL_PLANS = HERE / "investment_plans_real.csv"
REAL_LINES = HERE / "investments_real.csv"
#: The fictional plans and lines of the example dataset (their first versions).
EXAMPLE_PLANS = HERE / "investment_plans_example.csv"
EXAMPLE_LINES = HERE / "investments_example.csv"
#: Discount rates are stored with two decimals (as 3.50), so that loading again changes nothing.


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _number(text: str) -> int | float:
    number = float(text)
    return int(number) if number.is_integer() else number


def _pairs(text: str) -> dict[str, int | float]:
    """'2025: 15000000 | 2026: 500' → {'2025': 15000000, '2026': 500}."""
    pairs = {}
    for part in filter(None, (p.strip() for p in text.split("|"))):
        key, _colon, number = part.partition(":")
        pairs[key.strip()] = _number(number.strip())
    return pairs


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split("|") if item.strip()]


def _quotes(text: str) -> str:
    return " ".join(f"”{quote}”" for quote in _items(text))


# Plans ----------------------------------------------------------------------------------------


def plan_values(row: dict[str, str], lines: list[dict[str, str]]) -> dict[str, Any]:
    """A row of a plans file as the services' values. A quoted plan (one with a quote) keeps
    the quote, its own notes and each line's quote, section and notes in its notes."""
    notes = row["notes"].strip()
    quoted = bool(row["quote"].strip())
    if quoted:
        parts = [f"Citat ur källan: {_quotes(row['quote'])} {notes}".strip()]
        for line in lines:
            section = line["source"].rpartition(", ")[2]
            parts.append(
                f"Raden {line['title']}, {section}: {_quotes(line['quote'])} {line['notes']}"
            )
        notes = "\n\n".join(parts)
    adopted_on = row["adopted_on"]
    return {
        "title": row["title"],
        "year": int(row["year"]),
        "version_number": int(row["version_number"]),
        "horizon_from": int(row["horizon_from"]),
        "horizon_to": int(row["horizon_to"]),
        "scope": row["scope"],
        "status": row["status"],
        "adopted_on": datetime.date.fromisoformat(adopted_on) if adopted_on else None,
        "source": row["source"],
        "discount_rate_percent": row["discount_rate_percent"] or "3.5",
        "quoted": quoted,
        "notes": notes,
    }


def line_values(row: dict[str, str], measures: dict[str, int]) -> dict[str, Any]:
    """A row of a lines file as the services' values (``measures``: code → id)."""
    return {
        "measure_id": measures[row["measure"]] if row["measure"] else None,
        "group_name": row["group_name"],
        "title": row["title"],
        "actor": row["actor"],
        "capex_by_year": _pairs(row["capex_by_year"]),
        "opex_by_year": _pairs(row["opex_by_year"]),
        "savings_by_year": _pairs(row["savings_by_year"]),
        "lifetime_years": int(row["lifetime_years"]) if row["lifetime_years"] else None,
        "funding_source": row["funding_source"],
        "funding_status": row["funding_status"],
        "beneficiary": row["beneficiary"],
        "payer": row["payer"],
        "co_benefits_sek": _pairs(row["co_benefits_sek"]),
        "co_benefits_named": _items(row["co_benefits_named"]),
        "reduction_t": float(row["reduction_t"]) if row["reduction_t"] else None,
        "reduction_reason": row["reduction_reason"],
        "sector": row["sector"],
        "effect_year": int(row["effect_year"]) if row["effect_year"] else None,
    }


@dataclass
class Counts:
    plans: int = 0
    lines: int = 0
    changed: int = 0
    removed: int = 0

    def __str__(self) -> str:
        return (
            f"{self.plans} plans and {self.lines} lines created, {self.changed} changed, "
            f"{self.removed} removed"
        )


def _save_plan(
    organisation: Organisation, values: dict[str, Any], counts: Counts
) -> InvestmentPlan:
    actor = command_line()
    stored = InvestmentPlan.objects.filter(
        organisation=organisation, year=values["year"], version_number=values["version_number"]
    ).first()
    if stored is None:
        counts.plans += 1
        return services.create_plan(actor, organisation, values)
    if services.update_plan(actor, stored, values):
        counts.changed += 1
    return stored


def _save_line(plan: InvestmentPlan, values: dict[str, Any], counts: Counts) -> None:
    """Create the line of ``plan`` with the title of ``values`` or bring it up to date."""
    actor = command_line()
    stored = plan.lines.filter(title=values["title"]).first()
    if stored is None:
        services.create_line(actor, plan, values)
        counts.lines += 1
    elif services.update_line(actor, stored, values):
        counts.changed += 1


def load_plans(plans_path: Path, lines_path: Path) -> tuple[Counts, dict[str, InvestmentPlan]]:
    """The plans of ``plans_path`` with their lines from ``lines_path`` (plans by organisation,
    year and version number, lines by plan and title), created or brought up to date. Returns
    the counts and the plans by title."""
    counts = Counts()
    organisations = {org.code: org for org in Organisation.objects.all()}
    lines = _rows(lines_path)
    plans = {}
    for row in _rows(plans_path):
        organisation = organisations.get(row["organisation"])
        if organisation is None:
            continue
        own_lines = [
            line
            for line in lines
            if line["organisation"] == row["organisation"] and line["plan"] == row["title"]
        ]
        plan = _save_plan(organisation, plan_values(row, own_lines), counts)
        measures = dict(Measure.objects.filter(organisation=organisation).values_list("code", "pk"))
        for line in own_lines:
            _save_line(plan, line_values(line, measures), counts)
        plans[plan.title] = plan
    return counts, plans


# The example's second version -----------------------------------------------------------------


@dataclass(frozen=True)
class Revision:
    """How version 2 of an example plan differs from version 1: lines changed (title → values),
    removed (titles) and added (rows as in the lines file)."""

    notes: str
    changed: dict[str, dict[str, Any]]
    removed: tuple[str, ...]
    added: tuple[dict[str, str], ...]


STRANDHAMN_REVISION = Revision(
    notes=(
        "Fictional example draft of version 2: the electric buses cost more, Klimatklivet "
        "granted the workplace charging, the region's buses come a year later, the charging "
        "operator withdrew and a hydrogen station was added."
    ),
    changed={
        "Elbussar i stadstrafiken": {
            "capex_by_year": {"2025": 15_000_000, "2026": 18_000_000, "2027": 17_000_000}
        },
        "Laddinfrastruktur vid kommunens arbetsplatser": {"funding_status": "decided"},
        "Elbussar på regionens landsbygdslinjer": {
            "capex_by_year": {"2028": 30_000_000, "2029": 20_000_000},
            "effect_year": 2029,
            "reduction_t": 650.0,
        },
    },
    removed=("Publika snabbladdare vid infarterna",),
    added=(
        {
            "organisation": "9102",
            "plan": "Klimatinvesteringsplan för Strandhamn",
            "measure": "",
            "group_name": "Fossilfria transporter",
            "title": "Vätgasstation för tung trafik i hamnen",
            "actor": "private_company",
            "capex_by_year": "2027: 15000000",
            "opex_by_year": "2028: 800000 | 2029: 800000 | 2030: 800000",
            "savings_by_year": "",
            "lifetime_years": "15",
            "funding_source": "state_grant",
            "funding_status": "applied_for",
            "beneficiary": "Åkerierna i hamnen",
            "payer": "Vätgasbolaget och Klimatklivet",
            "co_benefits_sek": "",
            "co_benefits_named": "Renare luft i hamnen",
            "reduction_t": "400",
            "reduction_reason": "",
            "sector": "Transporter",
            "effect_year": "2028",
        },
    ),
)
#: The example plans (by title) that get a second version, with its revision.
REVISIONS = {"Klimatinvesteringsplan för Strandhamn": STRANDHAMN_REVISION}


def load_revision(first: InvestmentPlan, revision: Revision, counts: Counts) -> InvestmentPlan:
    """Version 2 of ``first``: made once as the services' new version (a draft copy), then
    revised as ``revision`` says; run again, it brings the draft up to date."""
    actor = command_line()
    second = first.replaced_by.first()
    if second is None:
        second = services.new_version(actor, first)
        counts.plans += 1
    if services.update_plan(actor, second, {"notes": revision.notes}):
        counts.changed += 1
    by_title = {line.title: line for line in second.lines.all()}
    for title, values in revision.changed.items():
        if services.update_line(actor, by_title[title], values):
            counts.changed += 1
    for title in revision.removed:
        if title in by_title:
            services.delete_line(actor, by_title[title])
            counts.removed += 1
    measures = dict(
        Measure.objects.filter(organisation=first.organisation).values_list("code", "pk")
    )
    for row in revision.added:
        _save_line(second, line_values(row, measures), counts)
    return second


def load_demo_investments(*, example: bool, say: Say) -> None:
    """The demo's investment plans with their lines (after the measures); safe to run again."""
    if example:
        counts, plans = load_plans(EXAMPLE_PLANS, EXAMPLE_LINES)
        for title, revision in REVISIONS.items():
            if title in plans:
                load_revision(plans[title], revision, counts)
    elif not Organisation.objects.filter(code="0880").exists():
        say("Kalmar kommun (0880) is missing: no quoted investment plan loaded.")
        return
    else:
        counts, _plans = load_plans(REAL_PLANS, REAL_LINES)
    say(f"Investment plans: {counts}.")
