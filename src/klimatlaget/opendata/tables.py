"""The rows of the open data's tables: only what every visitor of the site may read.

Targets and measures are public as a whole; of the investment plans only each year's latest
adopted version is published (a draft is the organisation's work in progress), of the climate
contracts only signed and superseded ones (a draft is read by its editors only). Each builder
reads its table in a few queries, whatever the number of organisations.
"""

from collections.abc import Callable
from typing import Any

from klimatlaget.calc import investment_overview
from klimatlaget.contracts.choices import PUBLIC_STATUSES
from klimatlaget.contracts.models import Section
from klimatlaget.emissions.metrics import metrics_rows, parameters
from klimatlaget.emissions.models import TOTAL_SECTOR, Emission
from klimatlaget.investments import overview
from klimatlaget.investments.choices import InvestmentPlanStatus
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures.models import Measure
from klimatlaget.opendata import schema
from klimatlaget.organisations.models import Organisation, Population
from klimatlaget.targets.comparison.service import build_comparison
from klimatlaget.targets.evaluation import target_parameters

Rows = list[dict[str, Any]]
#: The name the emissions table gives a row that holds only a total (no sector split).
TOTAL = "total"


def organisations() -> Rows:
    """Each organisation with its latest population (None for those SCB counts none of)."""
    latest: dict[int, tuple[int | None, int | None]] = {}
    for organisation_id, year, inhabitants in Population.objects.order_by("year").values_list(
        "organisation_id", "year", "inhabitants"
    ):
        latest[organisation_id] = (year, inhabitants)
    organisations = Organisation.objects.order_by("code").values_list(
        "pk", "code", "name", "kind", "county__code"
    )
    return [
        {
            "code": code,
            "name": name,
            "kind": kind,
            "county_code": county_code,
            "population": latest.get(pk, (None, None))[1],
            "population_year": latest.get(pk, (None, None))[0],
        }
        for pk, code, name, kind, county_code in organisations
    ]


def emissions() -> Rows:
    rows = Emission.objects.order_by("organisation__code", "year", "sector").values_list(
        "organisation__code", "year", "sector", "tco2e"
    )
    return [
        {
            "organisation_code": code,
            "year": year,
            "sector": TOTAL if sector == TOTAL_SECTOR else sector,
            "tco2e": tco2e,
        }
        for code, year, sector, tco2e in rows.iterator(chunk_size=5000)
    ]


def metrics() -> Rows:
    return metrics_rows(parameters())


def targets() -> Rows:
    rows = build_comparison(target_parameters(parameters()), references=False).rows
    return sorted(rows, key=lambda row: row["target_id"])


def measures() -> Rows:
    fields = {
        "measure_id": "pk",
        "organisation_code": "organisation__code",
        "plan": "plan__title",
        "code": "code",
        "title": "title",
        "description": "description",
        "sector": "sector",
        "type": "type",
        "responsible": "responsible_unit",
        "status": "status",
        "start_year": "start_year",
        "end_year": "end_year",
        "expected_reduction_t": "expected_reduction_t",
        "expected_reduction_low_t": "expected_low_t",
        "expected_reduction_high_t": "expected_high_t",
        "effect_year": "effect_year",
        "energy_saved_mwh": "energy_saved_mwh",
        "renewable_mwh": "renewable_mwh",
        "hazard": "hazard",
        "budget_sek": "budget_sek",
        "source": "source",
    }
    rows = Measure.objects.order_by("pk").values_list(*fields.values())
    names = list(fields)
    found = [dict(zip(names, values, strict=True)) for values in rows]
    for row in found:
        if row["budget_sek"] is not None:
            row["budget_sek"] = int(row["budget_sek"])
    return found


def investments() -> Rows:
    adopted = InvestmentPlan.objects.filter(status=InvestmentPlanStatus.ADOPTED).order_by(
        "organisation__code", "year", "-version_number"
    )
    plans: dict[tuple[int, int], InvestmentPlan] = {}
    for plan in adopted.select_related("organisation"):
        plans.setdefault((plan.organisation_id, plan.year), plan)
    lines = overview._lines(plans.values())  # each plan's lines as plain values, in one query
    rows = []
    for plan in plans.values():
        own = lines.get(plan.pk, [])
        figures = investment_overview.plan_figures(own, plan.discount_rate, None)
        rows.append(
            {
                "organisation_code": plan.organisation.code,
                "year": plan.year,
                "plan_id": plan.pk,
                "version": plan.version_number,
                "adopted_on": plan.adopted_on,
                "horizon_from": plan.horizon_from,
                "horizon_to": plan.horizon_to,
                "capex_sek": round(figures.capex),
                "own_capex_sek": round(figures.own),
                "decided_capex_sek": round(figures.decided),
                "reduction_t": figures.reduction_t,
                "sek_per_t": None if figures.per_tonne is None else round(figures.per_tonne),
                "lines": len(own),
            }
        )
    return rows


def contract_sections() -> Rows:
    sections = (
        Section.objects.filter(contract__status__in=PUBLIC_STATUSES)
        .order_by("contract__organisation__code", "contract__year", "contract_id", "position", "pk")
        .values_list(
            "pk",
            "contract_id",
            "contract__organisation__code",
            "contract__year",
            "contract__status",
            "contract__signed_on",
            "number",
            "title",
            "subject",
            "writer",
        )
    )
    names = [field.name for field in schema.CONTRACT_SECTIONS.fields]
    return [dict(zip(names, values, strict=True)) for values in sections]


BUILDERS: dict[str, Callable[[], Rows]] = {
    "organisations": organisations,
    "emissions": emissions,
    "metrics": metrics,
    "targets": targets,
    "measures": measures,
    "investments": investments,
    "contract_sections": contract_sections,
}
