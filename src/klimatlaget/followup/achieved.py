"""The reductions measures have achieved, as the approved follow-up reports them: what the
budget's outcome and nowcast take off the estimate."""

from collections import defaultdict

from klimatlaget.followup.models import FollowUpPeriod, MeasureReport, PeriodState
from klimatlaget.organisations.models import Organisation


def latest_approved(organisation: Organisation, year: int) -> FollowUpPeriod | None:
    """The year's approved period that is latest in time (the year's own after its quarters)."""
    periods = FollowUpPeriod.objects.filter(
        organisation=organisation, year=year, state=PeriodState.APPROVED
    )
    return max(periods, key=lambda period: period.order, default=None)


def achieved_reductions(organisation: Organisation, year: int) -> dict[str, float]:
    """Sector → the yearly reduction (t CO2e) measures had achieved by the end of the latest
    approved period of ``year``: each measure's latest approved report up to then, so that a
    measure completed (and no longer reported on) keeps its reduction. Empty when no period of
    the year is approved."""
    until = latest_approved(organisation, year)
    if until is None:
        return {}
    latest: dict[int, tuple[tuple[int, int], str, float]] = {}
    for report in MeasureReport.objects.filter(
        period__organisation=organisation,
        period__state=PeriodState.APPROVED,
        period__year__lte=year,
        measure__isnull=False,
        achieved_reduction_t__isnull=False,
    ).select_related("period"):
        order = report.period.order
        measure_id = report.measure_id
        assert measure_id is not None and report.achieved_reduction_t is not None
        if order <= until.order and (measure_id not in latest or latest[measure_id][0] < order):
            latest[measure_id] = (order, report.sector, report.achieved_reduction_t)
    achieved: dict[str, float] = defaultdict(float)
    for _order, sector, reduction in latest.values():
        achieved[sector] += reduction
    return dict(achieved)
