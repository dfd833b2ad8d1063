"""Follow-up periods as the pages list them: with their progress, and the open reports a
measure's owner has to fill in."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from klimatlaget.followup.models import FollowUpPeriod, MeasureReport, PeriodState
from klimatlaget.organisations.models import Organisation


def with_progress(periods: QuerySet[FollowUpPeriod]) -> QuerySet[FollowUpPeriod]:
    """``periods`` with ``reports`` (how many measures) and ``filled`` (how many reported)."""
    return periods.annotate(
        reports=Count("measure_reports", distinct=True),
        filled=Count(
            "measure_reports",
            filter=Q(measure_reports__filled_at__isnull=False),
            distinct=True,
        ),
    )


def open_periods(organisation: Organisation) -> list[FollowUpPeriod]:
    """The organisation's periods being filled in, with their progress, the latest first."""
    periods = FollowUpPeriod.objects.filter(organisation=organisation, state=PeriodState.OPEN)
    return list(with_progress(periods.select_related("organisation")))


def open_reports(measures: Any) -> list[MeasureReport]:
    """The reports on ``measures`` in periods being filled in (an owner's to-do list)."""
    reports = MeasureReport.objects.filter(measure__in=measures, period__state=PeriodState.OPEN)
    return list(
        reports.select_related("period__organisation", "measure").order_by(
            "period__organisation__name", "-period__year", "-period__quarter", "measure_code"
        )
    )
