"""The reductions an organisation expects from its measures, for the emissions budget.

:func:`expected_reductions` is what the budget's columns use (the dashboard's gap table phases
measures in instead, :mod:`klimatlaget.calc.wedges`): for an organisation and a year, per
main sector, the reduction (t CO2e that year, against business as usual) expected from
*decided* measures (decided, ongoing or completed) and from *proposed* ones. A measure counts
from its effect year (else its start year) on; postponed and cancelled measures, and measures
without an expected reduction, count in neither. Sectors are keyed as measures store them: SMHI's
Swedish main-sector names (as emissions are stored), ``own_operations`` and ``consumption``.
The rules are :mod:`klimatlaget.calc.measures`'."""

from klimatlaget.calc.measures import MeasureEffect, SectorReductions, reductions_by_sector
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation


def measure_effects(organisation: Organisation) -> list[MeasureEffect]:
    rows = Measure.objects.filter(organisation=organisation).values_list(
        "sector",
        "status",
        "expected_reduction_t",
        "expected_low_t",
        "expected_high_t",
        "effect_year",
        "start_year",
    )
    return [MeasureEffect(*row) for row in rows]


def expected_reductions_with_ranges(
    organisation: Organisation, year: int
) -> dict[str, SectorReductions]:
    """Per sector, the decided and proposed reductions in ``year`` with their low–high ranges."""
    return reductions_by_sector(measure_effects(organisation), year)


def expected_reductions(organisation: Organisation, year: int) -> dict[str, tuple[float, float]]:
    """Per sector, ``(decided_t, proposed_t)``: the reductions in t CO2e expected in ``year``
    from decided and from proposed measures. Sectors without a counting measure are absent."""
    return {
        sector: (each.decided_t, each.proposed_t)
        for sector, each in expected_reductions_with_ranges(organisation, year).items()
    }
