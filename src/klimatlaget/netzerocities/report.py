"""An organisation's NetZeroCities tables for a year, from the platform's facts: the action
outlines (Action Plan module B-2) from its measures, the indicator overview and metadata (B-3)
from its indicators and the cost summary (Investment Plan C-3) from its investment plan.

Drafts are in the tables only for a reader who may edit the organisation, as on the pages where
they are edited: the measures of an action plan that is a draft or in preparation, and a draft
investment plan (the public get the newest adopted version). See docs/NETZEROCITIES.md.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from klimatlaget.accounts.permissions import Permission, User, has_permission
from klimatlaget.calc import investment_tables as tables
from klimatlaget.calc import netzerocities as nzc
from klimatlaget.exports.columns import Column
from klimatlaget.investments import netzerocities as cost_summary
from klimatlaget.investments.choices import InvestmentPlanStatus
from klimatlaget.investments.figures import PlanFigures, plan_figures
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.measures.choices import SECTORS, IndicatorSource, MeasureStatus, PlanStatus
from klimatlaget.measures.indicators import computed_values
from klimatlaget.measures.models import Indicator, Measure, period_label
from klimatlaget.organisations.models import Organisation

FIELD_LABELS = {
    nzc.ENERGY: _("Energy systems"),
    nzc.MOBILITY: _("Mobility and transport"),
    nzc.WASTE: _("Waste and circular economy"),
    nzc.GREEN: _("Green infrastructure and nature-based solutions"),
    nzc.BUILT: _("Built environment"),
    nzc.INDUSTRY: _("Industry"),
    nzc.AFOLU: _("Agriculture, forestry and land use"),
}
TYPE_LABELS = {
    nzc.TECHNOLOGY: _("Technology and infrastructure"),
    nzc.POLICY: _("Governance and policy"),
    nzc.SOCIAL: _("Social innovation"),
    nzc.FINANCE: _("Finance and funding"),
}
FREQUENCY_LABELS = {nzc.YEARLY: _("Yearly"), nzc.QUARTERLY: _("Quarterly")}
SOURCE_LABELS: dict[str, Any] = {
    IndicatorSource.MANUAL: _("Entered by the organisation"),
    IndicatorSource.TOTAL_EMISSIONS: _("SMHI's emission statistics"),
    IndicatorSource.SECTOR_EMISSIONS: _("SMHI's emission statistics"),
    IndicatorSource.PER_INHABITANT: _("SMHI's emission statistics and SCB's population"),
}
#: The action plans whose measures only the organisation's editors see.
DRAFT_PLANS = (PlanStatus.DRAFT, PlanStatus.IN_PREPARATION)

ACTION_COLUMNS = [
    Column("code", _("Code")),
    Column("action", _("Action")),
    Column("type", _("Type of action")),
    Column("field", _("Field of action")),
    Column("sector", _("Sector (Klimatläget)")),
    Column("status", _("Status")),
    Column("plan", _("Action plan")),
    Column("responsible", _("Responsible")),
    Column("stakeholders", _("Stakeholders involved")),
    Column.year("start_year", _("Start year")),
    Column.year("end_year", _("End year")),
    Column.decimal("energy_saved_mwh", 0, _("Energy saved (MWh a year)")),
    Column.decimal("renewable_mwh", 0, _("Renewable energy produced (MWh a year)")),
    Column.decimal("reduction_t", 1, _("Emission reduction (t CO₂e a year)")),
    Column.year("effect_year", _("Effect year")),
    Column.integer("cost_sek", _("Cost (SEK)")),
    Column("cost_basis", _("Cost from")),
    Column.integer("sek_per_t", _("Cost per tonne (SEK per t CO₂e)")),
]

INDICATOR_COLUMNS = [
    Column("indicator", _("Indicator")),
    Column("unit", _("Unit")),
    Column.decimal("baseline", 1, _("Baseline (first value)")),
    Column("baseline_period", _("Baseline period")),
    Column.decimal("target", 1, _("Target")),
    Column.year("target_year", _("Target year")),
    Column.decimal("latest", 1, _("Latest value")),
    Column("latest_period", _("Latest period")),
    Column("measures", _("Linked actions")),
    Column("field", _("Field of action")),
]

METADATA_COLUMNS = [
    Column("indicator", _("Indicator")),
    Column("definition", _("Definition")),
    Column("unit", _("Unit")),
    Column("source", _("Data source")),
    Column("frequency", _("Frequency")),
    Column("responsible", _("Responsible")),
]


@dataclass(frozen=True)
class Report:
    organisation: Organisation
    year: int
    with_drafts: bool
    actions: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    metadata: list[dict[str, Any]]
    #: The investment plan the cost summary is of (None: the organisation has none to show).
    investments: PlanFigures | None

    @property
    def cost_summary(self) -> list[dict[str, Any]]:
        return cost_summary.rows(self.investments) if self.investments else []


def sees_drafts(reader: User | None, organisation: Organisation) -> bool:
    return reader is not None and has_permission(
        reader, Permission.CHANGE_ORGANISATION, organisation
    )


def visible_measures(organisation: Organisation, with_drafts: bool) -> list[Measure]:
    measures = organisation.measures.select_related("plan").order_by("code")
    if not with_drafts:
        measures = measures.exclude(plan__status__in=DRAFT_PLANS)
    return list(measures)


def investment_plan(organisation: Organisation, year: int, with_drafts: bool) -> PlanFigures | None:
    """The plan in force in ``year``: the newest version of the latest plan year up to it."""
    plans = InvestmentPlan.objects.filter(organisation=organisation, year__lte=year)
    if not with_drafts:
        plans = plans.exclude(status=InvestmentPlanStatus.DRAFT)
    plan = plans.order_by("-year", "-version_number").first()
    return plan_figures(plan) if plan else None


def _label(labels: Mapping[str, Any], key: str | None) -> str:
    return str(labels[key]) if key is not None and key in labels else ""


def _action_row(measure: Measure, figures: PlanFigures | None) -> dict[str, Any]:
    sectors, statuses = dict(SECTORS), dict(MeasureStatus.choices)
    lines = []
    if figures is not None:
        lines = [
            (line, seen)
            for line, seen in zip(figures.lines, figures.calc_lines, strict=True)
            if line.measure_id == measure.pk
        ]
    cost = nzc.action_cost(
        [tables.total_cost(seen) for _line, seen in lines],
        [figures.costs[line.pk] for line, _seen in lines] if figures else [],
    )
    cost_sek, basis = cost.total_sek, _("investment plan") if lines else ""
    if cost_sek is None and measure.budget_sek is not None:
        cost_sek, basis = float(measure.budget_sek), _("measure's budget")
    return {
        "code": measure.code,
        "action": measure.title,
        "type": _label(TYPE_LABELS, nzc.action_type(measure.type)),
        "field": _label(FIELD_LABELS, nzc.field_of_action(measure.sector)),
        "sector": str(sectors.get(measure.sector, measure.sector)),
        "status": str(statuses.get(measure.status, measure.status)),
        "plan": str(measure.plan) if measure.plan else "",
        "responsible": measure.responsible_unit,
        "stakeholders": "; ".join(str(partner) for partner in measure.partners),
        "start_year": measure.start_year,
        "end_year": measure.end_year,
        "energy_saved_mwh": measure.energy_saved_mwh,
        "renewable_mwh": measure.renewable_mwh,
        "reduction_t": measure.expected_reduction_t,
        "effect_year": measure.effect_year,
        "cost_sek": round(cost_sek) if cost_sek is not None else None,
        "cost_basis": str(basis),
        "sek_per_t": round(cost.per_tonne_sek) if cost.per_tonne_sek is not None else None,
    }


def _values(indicator: Indicator) -> list[nzc.Value]:
    if indicator.computed:
        return [nzc.Value(year, 0, value) for year, value in computed_values(indicator).items()]
    return [nzc.Value(v.year, v.quarter, v.value) for v in indicator.values.all()]


def _period(value: nzc.Value | None) -> str:
    return period_label(value.year, value.quarter) if value else ""


def _joined(texts: list[str]) -> str:
    return "; ".join(dict.fromkeys(text for text in texts if text))


def _indicator_rows(
    indicator: Indicator, linked: list[Measure], year: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    values = _values(indicator)
    targets = {int(y): float(v) for y, v in indicator.target_values.items()}
    seen = nzc.indicator_figures(values, targets, year)
    sectors = [indicator.sector] if indicator.sector else [m.sector for m in linked]
    fields = [_label(FIELD_LABELS, nzc.field_of_action(sector)) for sector in sectors]
    overview = {
        "indicator": indicator.name,
        "unit": indicator.unit,
        "baseline": seen.baseline.value if seen.baseline else None,
        "baseline_period": _period(seen.baseline),
        "target": seen.target_value,
        "target_year": seen.target_year,
        "latest": seen.latest.value if seen.latest else None,
        "latest_period": _period(seen.latest),
        "measures": _joined([m.code for m in linked]),
        "field": _joined(fields),
    }
    metadata = {
        "indicator": indicator.name,
        "definition": indicator.definition,
        "unit": indicator.unit,
        "source": _label(SOURCE_LABELS, indicator.source_kind),
        "frequency": _label(FREQUENCY_LABELS, nzc.frequency(values, indicator.computed)),
        "responsible": _joined([m.responsible_unit for m in linked]),
    }
    return overview, metadata


def build_report(organisation: Organisation, year: int, reader: User | None) -> Report:
    with_drafts = sees_drafts(reader, organisation)
    measures = visible_measures(organisation, with_drafts)
    figures = investment_plan(organisation, year, with_drafts)
    shown = {measure.pk: measure for measure in measures}
    overview, metadata = [], []
    indicators = organisation.indicators.prefetch_related("values", "measures")
    for indicator in indicators.order_by("name", "id"):
        linked = [shown[m.pk] for m in indicator.measures.all() if m.pk in shown]
        linked.sort(key=lambda measure: measure.code)
        row, facts = _indicator_rows(indicator, linked, year)
        overview.append(row)
        metadata.append(facts)
    return Report(
        organisation=organisation,
        year=year,
        with_drafts=with_drafts,
        actions=[_action_row(measure, figures) for measure in measures],
        indicators=overview,
        metadata=metadata,
        investments=figures,
    )
