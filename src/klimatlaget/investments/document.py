"""A plan as one JSON document: its header, its totals and its lines with their cost figures
(the page's JSON download and ``klimatlaget export investment-plan --format json``)."""

from typing import Any

from klimatlaget.investments.figures import PlanFigures, table_rows
from klimatlaget.investments.workbook import year_rows


def _text_keys(values: dict[Any, float]) -> dict[str, float]:
    return {str(key): value for key, value in values.items()}


def plan_document(figures: PlanFigures) -> dict[str, Any]:
    plan, totals, cost = figures.plan, figures.totals, figures.plan_cost
    return {
        "plan": {
            "id": plan.pk,
            "organisation_code": plan.organisation.code,
            "organisation_name": plan.organisation.name,
            "title": plan.title,
            "year": plan.year,
            "version_number": plan.version_number,
            "status": plan.status,
            "adopted_on": plan.adopted_on,
            "horizon_from": plan.horizon_from,
            "horizon_to": plan.horizon_to,
            "scope": plan.scope,
            "discount_rate_percent": plan.discount_rate_percent,
            "source": plan.source,
        },
        "totals": {
            "capex_sek": totals.capex,
            "own_sek": totals.own,
            "own_share": totals.own_share,
            "funding_gap_sek": totals.funding_gap,
            "reduction_t": figures.reduction_t,
            "sek_per_t": cost.per_tonne,
            "sek_per_t_with_co_benefits": cost.per_tonne_with_co_benefits,
            "capex_by_actor": totals.by_actor,
            "capex_by_sector": totals.by_sector,
            "capex_by_funding_source": totals.by_funding_source,
            "capex_by_funding_status": totals.by_funding_status,
            "funding_gap_by_year": _text_keys(totals.funding_gap_by_year),
            "by_year": year_rows(figures),
        },
        "lines": table_rows(figures, figures.lines),
    }
