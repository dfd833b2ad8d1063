"""The one writer of follow-up periods: prepare a period, report on its measures and indicators,
approve it (which locks it), and name the owners who report on a measure.

A period is prepared from the organisation's measures and hand-entered indicators, each report
pre-filled from the measure's previous report; owners and editors fill the reports in; an editor
approves. Approval carries the reported statuses to the measures and the values to the
indicators' series, then locks the period: nothing in it changes afterwards, and a later change
goes into the next period."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import (
    Permission,
    ensure_permission,
    may_report_on,
)
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, actor_label, diff, record
from klimatlaget.audit.subjects import FOLLOW_UP, MEASURE_OWNERS
from klimatlaget.concurrency import plain, reload_and_check
from klimatlaget.followup.models import (
    FollowUpPeriod,
    IndicatorReport,
    MeasureReport,
    PeriodState,
    locked_message,
)
from klimatlaget.measures import indicators as indicator_service
from klimatlaget.measures import services as measure_service
from klimatlaget.measures.choices import IndicatorSource, MeasureStatus
from klimatlaget.measures.models import Indicator, IndicatorValue, Measure, period_label
from klimatlaget.organisations.models import Organisation

Values = Mapping[str, Any]
#: A measure reported with one of these statuses is not reported on again in later periods.
FINISHED = (MeasureStatus.COMPLETED, MeasureStatus.CANCELLED)


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def _ensure_open(period: FollowUpPeriod) -> None:
    if period.approved:
        raise _invalid("__all__", locked_message(period.year, period.quarter))


def _record(
    actor: Actor,
    period: FollowUpPeriod,
    verb: str,
    message: str,
    changes: Mapping[str, list[Any]] | None = None,
    **params: Any,
) -> None:
    record(
        actor=actor,
        action=f"klimatlaget.follow_up.{verb}",
        subject=FOLLOW_UP,
        organisation=period.organisation,
        changes=changes,
        summary=says(message, period=period.label, **params),
        subject_id=period.pk,
    )


# Preparing ---------------------------------------------------------------------------------


def _check_new_period(organisation: Organisation, year: int, quarter: int) -> None:
    if not 1990 <= year <= 2100:
        raise _invalid("year", _("Give a year between 1990 and 2100."))
    if quarter not in (0, 1, 2, 3, 4):
        raise _invalid("quarter", _("Give quarter 1–4, or 0 for the whole year."))
    if FollowUpPeriod.objects.filter(
        organisation=organisation, year=year, quarter=quarter
    ).exists():
        raise _invalid(
            "quarter",
            _("The follow-up of %(period)s is already prepared.")
            % {"period": period_label(year, quarter)},
        )


def _previous_reports(organisation: Organisation, period: FollowUpPeriod) -> dict[int, Any]:
    """Each measure's latest report from a period before ``period``, by measure id."""
    latest: dict[int, tuple[tuple[int, int], MeasureReport]] = {}
    for report in MeasureReport.objects.filter(
        period__organisation=organisation, measure__isnull=False
    ).select_related("period"):
        order = report.period.order
        if order < period.order and (
            report.measure_id not in latest or latest[report.measure_id][0] < order
        ):
            latest[report.measure_id] = (order, report)  # type: ignore[index]
    return {measure_id: report for measure_id, (_order, report) in latest.items()}


def _measure_reports(period: FollowUpPeriod) -> list[MeasureReport]:
    previous = _previous_reports(period.organisation, period)
    reports = []
    for measure in Measure.objects.filter(organisation=period.organisation).order_by("code"):
        earlier = previous.get(measure.pk)
        if earlier is not None and earlier.status in FINISHED and measure.status in FINISHED:
            continue
        reports.append(
            MeasureReport(
                period=period,
                measure=measure,
                measure_code=measure.code,
                measure_title=measure.title,
                sector=measure.sector,
                status=measure.status,
                completion_pct=earlier.completion_pct if earlier else None,
                spent_sek=earlier.spent_sek if earlier else None,
                achieved_reduction_t=earlier.achieved_reduction_t if earlier else None,
            )
        )
    return reports


def _indicator_reports(period: FollowUpPeriod) -> list[IndicatorReport]:
    indicators = Indicator.objects.filter(
        organisation=period.organisation, source_kind=IndicatorSource.MANUAL
    )
    entered = dict(
        IndicatorValue.objects.filter(
            indicator__in=indicators, year=period.year, quarter=period.quarter
        ).values_list("indicator_id", "value")
    )
    return [
        IndicatorReport(
            period=period,
            indicator=indicator,
            indicator_name=indicator.name,
            unit=indicator.unit,
            value=entered.get(indicator.pk),
        )
        for indicator in indicators
    ]


@transaction.atomic
def prepare_period(
    actor: Actor, organisation: Organisation, year: int, quarter: int
) -> FollowUpPeriod:
    """A new period with a report for every measure not finished before and every indicator
    entered by hand, pre-filled from the previous reports and values already entered."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, organisation)
    _check_new_period(organisation, year, quarter)
    period = FollowUpPeriod.objects.create(
        organisation=organisation,
        year=year,
        quarter=quarter,
        prepared_by_label=actor_label(actor),
    )
    MeasureReport.objects.bulk_create(_measure_reports(period))
    IndicatorReport.objects.bulk_create(_indicator_reports(period))
    _record(actor, period, "prepared", "follow_up_prepared")
    return period


# Filling in --------------------------------------------------------------------------------


def _number(values: Values, field: str, errors: dict[str, list[str]]) -> Any:
    value = values[field]
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except InvalidOperation:
        errors.setdefault(field, []).append(_("Give a number."))
        return None
    if not number.is_finite() or number < 0:
        errors.setdefault(field, []).append(_("Give a number of zero or more."))
        return None
    return number


def _measure_values(report: MeasureReport, values: Values) -> dict[str, Any]:
    """The values to set, checked; raises ValidationError naming each wrong field."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    if "status" in values:
        if values["status"] not in MeasureStatus.values:
            errors["status"] = [_("Choose one of the statuses.")]
        cleaned["status"] = values["status"]
    if "completion_pct" in values:
        number = _number(values, "completion_pct", errors)
        if number is not None and (number > 100 or number != number.to_integral_value()):
            errors.setdefault("completion_pct", []).append(
                _("Give the completion as a whole number from 0 to 100.")
            )
        cleaned["completion_pct"] = None if number is None else int(number)
    if "spent_sek" in values:
        number = _number(values, "spent_sek", errors)
        cleaned["spent_sek"] = None if number is None else number.quantize(Decimal(1))
    if "achieved_reduction_t" in values:
        number = _number(values, "achieved_reduction_t", errors)
        cleaned["achieved_reduction_t"] = None if number is None else float(number)
    if "comment" in values:
        cleaned["comment"] = str(values["comment"] or "").strip()
        if len(cleaned["comment"]) > 4000:
            errors["comment"] = [_("Keep the comment under 4,000 characters.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _owner_ids(report: MeasureReport) -> set[int]:
    if report.measure_id is None:
        return set()
    return set(
        Measure.owners.through.objects.filter(measure_id=report.measure_id).values_list(
            "user_id", flat=True
        )
    )


def may_report(actor: Actor, report: MeasureReport) -> bool:
    """Editors of the organisation report on every measure, owners on their own."""
    return may_report_on(actor, report.period.organisation, _owner_ids(report))


def _save_report(
    actor: Actor,
    report: MeasureReport | IndicatorReport,
    cleaned: Mapping[str, Any],
    version: Any,
) -> dict[str, list[Any]]:
    reload_and_check(report, version)
    period = FollowUpPeriod.objects.select_for_update().get(pk=report.period_id)
    _ensure_open(period)
    before = {name: plain(getattr(report, name)) for name in report.ENTERED}
    for name, value in cleaned.items():
        setattr(report, name, value)
    changes = diff(before, {name: plain(getattr(report, name)) for name in report.ENTERED})
    if changes or not report.filled:
        report.filled_by_label = actor_label(actor)
        report.filled_at = timezone.now()
        report.bump(changes)
        report.save()
    return changes


@transaction.atomic
def report_on_measure(actor: Actor, report: MeasureReport, values: Values) -> dict[str, Any]:
    """Fill in (or correct) a measure's report as of ``values["version"]``; saving it unchanged
    confirms it. Refused for anyone but the organisation's editors and the measure's owners,
    and once the period is approved."""
    if not may_report(actor, report):
        raise PermissionDenied(Permission.CHANGE_ORGANISATION.value)
    changes = _save_report(actor, report, _measure_values(report, values), values.get("version"))
    _record(
        actor,
        report.period,
        "measure_reported",
        "follow_up_measure_reported",
        changes,
        measure=report.measure_code,
    )
    return changes


@transaction.atomic
def report_on_indicator(actor: Actor, report: IndicatorReport, values: Values) -> dict[str, Any]:
    """Fill in an indicator's value of the period (the organisation's editors)."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, report.period.organisation)
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}
    if "value" in values:
        raw = values["value"]
        try:
            number = None if raw in (None, "") else float(str(raw).replace(",", "."))
        except ValueError:
            number = None
            errors["value"] = [_("Give a number.")]
        if number is not None and not math.isfinite(number):
            errors["value"] = [_("Give a number.")]
        cleaned["value"] = number
    if "comment" in values:
        cleaned["comment"] = str(values["comment"] or "").strip()
    if errors:
        raise ValidationError(errors)
    changes = _save_report(actor, report, cleaned, values.get("version"))
    _record(
        actor,
        report.period,
        "indicator_reported",
        "follow_up_indicator_reported",
        changes,
        indicator=report.indicator_name,
    )
    return changes


# Approving ---------------------------------------------------------------------------------


def _carry_over(actor: Actor, period: FollowUpPeriod) -> None:
    """The reported statuses to the measures, the reported values to the indicators."""
    set_on = min(timezone.localdate(), period.ends_on)
    for report in period.measure_reports.select_related("measure"):
        measure = report.measure
        if measure is not None and measure.status != report.status:
            measure_service.update_measure(
                actor, measure, {"status": report.status, "status_set_on": set_on}
            )
    for indicator_report in period.indicator_reports.select_related("indicator__organisation"):
        if indicator_report.indicator is not None and indicator_report.value is not None:
            indicator_service.set_value(
                actor,
                indicator_report.indicator,
                period.year,
                period.quarter,
                indicator_report.value,
            )


@transaction.atomic
def approve_period(actor: Actor, period: FollowUpPeriod, version: Any = None) -> None:
    """Approve and lock the period once every measure is reported on."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, period.organisation)
    reload_and_check(period, version)
    _ensure_open(period)
    unfilled = list(
        period.measure_reports.filter(filled_at__isnull=True).values_list("measure_code", flat=True)
    )
    if unfilled:
        raise _invalid(
            "__all__",
            _("Report on every measure before approving; not yet reported: %(codes)s.")
            % {"codes": ", ".join(unfilled)},
        )
    _carry_over(actor, period)
    period.state = PeriodState.APPROVED
    period.approved_at = timezone.now()
    period.approved_by_label = actor_label(actor)
    period.bump(["state"])
    period.save()
    _record(
        actor,
        period,
        "approved",
        "follow_up_approved",
        {"state": [PeriodState.OPEN.value, PeriodState.APPROVED.value]},
    )


@transaction.atomic
def delete_period(actor: Actor, period: FollowUpPeriod, version: Any = None) -> None:
    """Delete a period that is not yet approved (an approved one is kept for ever)."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, period.organisation)
    reload_and_check(period, version)
    _ensure_open(period)
    _record(actor, period, "deleted", "follow_up_deleted")
    period.delete()


# Owners ------------------------------------------------------------------------------------


@transaction.atomic
def set_owners(actor: Actor, measure: Measure, users: Iterable[AbstractBaseUser]) -> bool:
    """Name the users who report on ``measure``; returns whether anything changed."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, measure.organisation)
    wanted = {user.pk for user in users}
    before = set(measure.owners.values_list("pk", flat=True))
    if wanted == before:
        return False
    measure.owners.set(wanted)
    record(
        actor=actor,
        action="klimatlaget.measure_owners.changed",
        subject=MEASURE_OWNERS,
        organisation=measure.organisation,
        changes={"owners": [sorted(before), sorted(wanted)]},
        summary=says("measure_owners_changed", measure=measure.code),
        subject_id=measure.pk,
    )
    return True
