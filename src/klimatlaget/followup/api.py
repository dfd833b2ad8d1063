"""The follow-up API: an organisation's periods and a period with its reports (approved periods
are public; open ones for those who read the organisation's history and for the owners of its
measures), preparing, approving and deleting a period (its editors), and filling in a measure's
report (its editors and the measure's owners) or an indicator's (its editors). The same services
and access layer as the pages."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import (
    editable_period,
    organisation_for,
    organisation_or_404,
    reported_indicator,
    reported_measure,
    visible_indicator_report,
    visible_period,
    visible_periods,
)
from klimatlaget.api.schemas import CONFLICTS, ErrorOut, Id, Year
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.followup import schemas, services, table
from klimatlaget.followup.models import FollowUpPeriod
from klimatlaget.followup.queries import with_progress
from klimatlaget.followup.schemas import Quarter

router = Router(tags=["follow-up"])

_WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: schemas.FollowUpInvalidOut}
_CHANGE_ERRORS = {**_WRITE_ERRORS, **CONFLICTS}
_PERIOD = "/organisations/{code}/follow-up/{year}/{quarter}"


def _written(write: Callable[[], Any], answer: Callable[[], Any], status: int = 200) -> Any:
    """Run ``write``; answer 422 on a ValidationError, else ``answer()`` with ``status``."""
    try:
        write()
    except ValidationError as error:
        return Status(422, {"detail": "Not saved: invalid values.", "errors": error.message_dict})
    return Status(status, answer())


def _period_out(period: FollowUpPeriod) -> dict[str, Any]:
    reports = getattr(period, "reports", None)
    filled = getattr(period, "filled", None)
    if reports is None or filled is None:
        reports = period.measure_reports.count()
        filled = period.measure_reports.filter(filled_at__isnull=False).count()
    return {
        "organisation_code": period.organisation.code,
        "year": period.year,
        "quarter": period.quarter,
        "label": period.label,
        "state": period.state,
        "measures": reports,
        "reported": filled,
        "prepared_at": period.prepared_at,
        "prepared_by": period.prepared_by_label,
        "approved_at": period.approved_at,
        "approved_by": period.approved_by_label,
        "url": period.get_absolute_url(),
        "version": period.version,
    }


def _period_detail(period: FollowUpPeriod) -> dict[str, Any]:
    return _period_out(period) | {
        "measure_reports": [
            table.measure_row(r) for r in period.measure_reports.select_related("measure")
        ],
        "indicator_reports": [table.indicator_row(r) for r in period.indicator_reports.all()],
    }


@router.get(
    "/organisations/{code}/follow-up",
    response={200: list[schemas.PeriodOut], 404: ErrorOut},
)
def list_periods(request: HttpRequest, code: str) -> Any:
    """The organisation's follow-up periods the caller may read, the latest first: approved
    ones for everybody, open ones for those who read its history and its measures' owners."""
    organisation = organisation_or_404(code)
    return [_period_out(p) for p in with_progress(visible_periods(request.user, organisation))]


@router.post(
    "/organisations/{code}/follow-up",
    auth=django_auth,
    response={201: schemas.PeriodDetail, **_WRITE_ERRORS},
)
def prepare_period(request: HttpRequest, code: str, body: schemas.PeriodIn) -> Any:
    """Prepare a quarter (or the whole year, quarter 0): a report for every measure not already
    completed or cancelled and every indicator entered by hand, pre-filled from the last."""
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    made: list[FollowUpPeriod] = []
    return _written(
        lambda: made.append(
            services.prepare_period(request.user, organisation, body.year, body.quarter)
        ),
        lambda: _period_detail(made[0]),
        201,
    )


@router.get(
    _PERIOD,
    response={200: schemas.PeriodDetail, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_period(
    request: HttpRequest, code: str, year: Year, quarter: Quarter, response: HttpResponse
) -> Any:
    """A period with its measure and indicator reports (an open period the caller may not read
    is not found)."""
    period = visible_period(request.user, code, year, quarter)
    response["ETag"] = etag(period.version)
    return _period_detail(period)


@router.post(
    _PERIOD + "/approve",
    auth=django_auth,
    response={200: schemas.PeriodDetail, **_CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def approve_period(
    request: HttpRequest, code: str, year: Year, quarter: Quarter, body: schemas.ApproveIn
) -> Any:
    """Approve and lock the period once every measure is reported on (else 422 naming those
    not reported): the statuses go to the measures and the values to the indicators."""
    period = editable_period(request.user, code, year, quarter)
    version = expected_version(request, body.version)
    return _written(
        lambda: services.approve_period(request.user, period, version),
        lambda: _period_detail(period),
    )


@router.delete(
    _PERIOD,
    auth=django_auth,
    response={204: None, **_CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def delete_period(request: HttpRequest, code: str, year: Year, quarter: Quarter) -> Any:
    """Delete a period not yet approved (an approved one is kept: 422)."""
    period = editable_period(request.user, code, year, quarter)
    return _written(
        lambda: services.delete_period(request.user, period, expected_version(request, None)),
        lambda: None,
        204,
    )


@router.get(
    "/follow-up/measure-reports/{report_id}",
    response={200: schemas.MeasureReportOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_measure_report(request: HttpRequest, report_id: Id, response: HttpResponse) -> Any:
    """A measure's report, with its version as ``ETag`` (an open period's report for those who
    may read the period only)."""
    report = reported_measure(request.user, report_id)
    response["ETag"] = etag(report.version)
    return table.measure_row(report)


@router.get(
    "/follow-up/indicator-reports/{report_id}",
    response={200: schemas.IndicatorReportOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_indicator_report(request: HttpRequest, report_id: Id, response: HttpResponse) -> Any:
    """An indicator's report, with its version as ``ETag``."""
    report = visible_indicator_report(request.user, report_id)
    response["ETag"] = etag(report.version)
    return table.indicator_row(report)


@router.put(
    "/follow-up/measure-reports/{report_id}",
    auth=django_auth,
    response={200: schemas.MeasureReportOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def put_measure_report(
    request: HttpRequest, report_id: Id, body: schemas.MeasureReportIn, response: HttpResponse
) -> Any:
    """Fill in a measure's report: the organisation's editors, or the measure's owners. The
    fields sent are set; sent unchanged they confirm the report. A stale ``If-Match`` or
    ``version``: 412 or 409; an approved period: 422."""
    report = reported_measure(request.user, report_id)
    values = body.model_dump(exclude_unset=True, exclude={"version"})
    values["version"] = expected_version(request, body.version)
    answer = _written(
        lambda: services.report_on_measure(request.user, report, values),
        lambda: table.measure_row(report),
    )
    response["ETag"] = etag(report.version)
    return answer


@router.put(
    "/follow-up/indicator-reports/{report_id}",
    auth=django_auth,
    response={200: schemas.IndicatorReportOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def put_indicator_report(
    request: HttpRequest, report_id: Id, body: schemas.IndicatorReportIn, response: HttpResponse
) -> Any:
    """Fill in an indicator's value of the period (the organisation's editors)."""
    report = reported_indicator(request.user, report_id)
    values = body.model_dump(exclude_unset=True, exclude={"version"})
    values["version"] = expected_version(request, body.version)
    answer = _written(
        lambda: services.report_on_indicator(request.user, report, values),
        lambda: table.indicator_row(report),
    )
    response["ETag"] = etag(report.version)
    return answer
