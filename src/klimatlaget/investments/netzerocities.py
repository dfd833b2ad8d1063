"""A plan's lines in the layout of the cost summary of a NetZeroCities Climate City Contract
investment plan: one row per action with who is responsible, its start and end year, its field
(sector), its impact (t CO2e a year) and its total cost (SEK). See docs/METHOD.md."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from klimatlaget.calc import investment_tables as tables
from klimatlaget.exports.columns import Column
from klimatlaget.investments.choices import Actor
from klimatlaget.investments.figures import PlanFigures, calc_line
from klimatlaget.measures.choices import SECTORS

COLUMNS = [
    Column.integer("line_id", _("Line")),
    Column("action", _("Action")),
    Column("responsible", _("Responsible")),
    Column.year("start_year", _("Start year")),
    Column.year("end_year", _("End year")),
    Column("field", _("Field of action")),
    Column.decimal("impact_t_co2e_per_year", 1, _("Impact (t CO₂e a year)")),
    Column.integer("total_cost_sek", _("Total cost (SEK)")),
]


def rows(figures: PlanFigures) -> list[dict[str, Any]]:
    """One row per line of the plan, in the plan's order; choices by their labels."""
    actors, sectors = dict(Actor.choices), dict(SECTORS)
    found = []
    for line in figures.lines:
        measure, seen = line.measure, calc_line(line)
        start, end = tables.period(
            seen,
            measure.start_year if measure else None,
            measure.end_year if measure else None,
        )
        sector = line.effective_sector
        found.append(
            {
                "line_id": line.pk,
                "action": line.title,
                "responsible": str(actors.get(line.actor, line.actor)),
                "start_year": start,
                "end_year": end,
                "field": str(sectors.get(sector, sector)),
                "impact_t_co2e_per_year": line.expected_reduction_t,
                "total_cost_sek": round(tables.total_cost(seen)),
            }
        )
    return found
