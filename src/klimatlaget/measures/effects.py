"""The reductions an organisation expects from its measures, for the emissions budget.

:func:`expected_reductions` is what the budget's columns use (the dashboard's gap table phases
measures in instead, :mod:`klimatlaget.calc.wedges`): for an organisation and a year, per
main sector, the reduction (t CO2e that year, against business as usual) expected from
*decided* measures (decided, ongoing or completed) and from *proposed* ones. A measure counts
from its effect year (else its start year) on; postponed and cancelled measures, and measures
without an expected reduction, count in neither. Sectors are keyed as measures store them: SMHI's
Swedish main-sector names (as emissions are stored), ``own_operations`` and ``consumption``.
The rules are :mod:`klimatlaget.calc.measures`'."""

from collections.abc import Collection

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce

from klimatlaget.calc.measures import (
    STATUS_GROUPS,
    MeasureEffect,
    SectorReductions,
    reductions_by_sector,
)
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


def expected_reductions_of_many(
    organisation_ids: Collection[int], year: int
) -> dict[int, dict[str, tuple[float, float]]]:
    """:func:`expected_reductions` of many organisations at once, by organisation id (an
    organisation without a counting measure is absent).

    One query, summed in the database per organisation, sector and status over the measures
    that count in ``year`` (the rule of :meth:`MeasureEffect.counts_in`, written as a filter:
    a reduction, counted from the effect year, else the start year, else always; the test of
    this function holds it to the rule). The ranges are left out: only central values are
    summed."""
    from_year = Coalesce("effect_year", "start_year")
    rows = (
        Measure.objects.filter(
            organisation_id__in=list(organisation_ids),
            status__in=list(STATUS_GROUPS),
            expected_reduction_t__isnull=False,
        )
        .alias(from_year=from_year)
        .filter(Q(from_year__isnull=True) | Q(from_year__lte=year))
        .values_list("organisation_id", "sector", "status")
        .annotate(reduction_t=Sum("expected_reduction_t"))
        .order_by()
    )
    effects: dict[int, list[MeasureEffect]] = {}
    for organisation_id, sector, status, reduction_t in rows:
        effects.setdefault(organisation_id, []).append(MeasureEffect(sector, status, reduction_t))
    return {
        organisation_id: {
            sector: (each.decided_t, each.proposed_t)
            for sector, each in reductions_by_sector(listed, year).items()
        }
        for organisation_id, listed in effects.items()
    }
