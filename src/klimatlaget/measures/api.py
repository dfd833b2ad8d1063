"""The plans, measures, indicators and emission quotas API: reads are public; writes are for
the editors of the organisation, through the same services as the pages."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import (
    editable_indicator,
    editable_indicator_value,
    editable_measure,
    editable_plan,
    editable_quota,
    organisation_for,
    organisation_or_404,
)
from klimatlaget.api.schemas import CONFLICTS, ErrorOut, Id, Year
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.measures import indicators as indicator_services
from klimatlaget.measures import schemas
from klimatlaget.measures.models import (
    ActionPlan,
    EmissionQuota,
    Indicator,
    IndicatorValue,
    Measure,
    period_label,
)
from klimatlaget.measures.plans import create_plan, delete_plan, in_force, update_plan
from klimatlaget.measures.quota_table import quota_row, quotas_of
from klimatlaget.measures.quotas import create_quota, delete_quota, set_outcome, update_quota
from klimatlaget.measures.register import measure_row, measures_of
from klimatlaget.measures.services import create_measure, delete_measure, update_measure

router = Router(tags=["measures"])

_WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: schemas.MeasureInvalidOut}
_CHANGE_ERRORS = {**_WRITE_ERRORS, **CONFLICTS}


def _invalid(error: ValidationError) -> Status[dict[str, Any]]:
    return Status(422, {"detail": "Not saved: invalid values.", "errors": error.message_dict})


def _written(write: Callable[[], Any], answer: Callable[[], Any], status: int = 200) -> Any:
    """Run ``write``; answer 422 on a ValidationError, else ``answer()`` with ``status``."""
    try:
        write()
    except ValidationError as error:
        return _invalid(error)
    return Status(status, answer())


# Plans -------------------------------------------------------------------------------------


def _plan_out(plan: ActionPlan) -> dict[str, Any]:
    force = in_force(ActionPlan.objects.filter(organisation=plan.organisation_id))
    return _plan_row(plan, plan.pk in force)


def _plan_row(plan: ActionPlan, in_force_now: bool) -> dict[str, Any]:
    fields = {name: getattr(plan, name) for name in ActionPlan.ENTERED}
    return fields | {
        "id": plan.pk,
        "organisation_code": plan.organisation.code,
        "interim_target_ids": sorted(t.pk for t in plan.interim_targets.all()),
        "in_force": in_force_now,
        "version": plan.version,
    }


@router.get("/organisations/{code}/plans", response={200: list[schemas.PlanOut], 404: ErrorOut})
def list_plans(request: HttpRequest, code: str) -> Any:
    """The organisation's action plans and versions, with which are in force."""
    organisation = organisation_or_404(code)
    plans = list(
        ActionPlan.objects.filter(organisation=organisation)
        .select_related("organisation")
        .prefetch_related("interim_targets")
    )
    force = in_force(plans)
    return [_plan_row(plan, plan.pk in force) for plan in plans]


@router.get(
    "/plans/{plan_id}", response={200: schemas.PlanOut, 404: ErrorOut}, openapi_extra=sends_etag()
)
def get_plan(request: HttpRequest, plan_id: int, response: HttpResponse) -> Any:
    plan = get_object_or_404(ActionPlan.objects.select_related("organisation"), pk=plan_id)
    response["ETag"] = etag(plan.version)
    return _plan_out(plan)


@router.post(
    "/organisations/{code}/plans",
    auth=django_auth,
    response={201: schemas.PlanOut, **_WRITE_ERRORS},
)
def post_plan(request: HttpRequest, code: str, body: schemas.PlanIn) -> Any:
    """A new plan; a new version of a plan names the one it replaces in ``replaces_id``."""
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    made: list[ActionPlan] = []
    return _written(
        lambda: made.append(create_plan(request.user, organisation, body.model_dump())),
        lambda: _plan_out(made[0]),
        201,
    )


@router.put(
    "/plans/{plan_id}",
    auth=django_auth,
    response={200: schemas.PlanOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def put_plan(
    request: HttpRequest, plan_id: int, body: schemas.PlanIn, response: HttpResponse
) -> Any:
    """Replace every field of the plan (a stale ``If-Match`` or ``version``: 412 or 409)."""
    plan = editable_plan(request.user, plan_id)
    values = {**body.model_dump(), "version": expected_version(request, body.version)}
    answer = _written(lambda: update_plan(request.user, plan, values), lambda: _plan_out(plan))
    response["ETag"] = etag(plan.version)
    return answer


@router.delete(
    "/plans/{plan_id}",
    auth=django_auth,
    response={204: None, **_CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def remove_plan(request: HttpRequest, plan_id: int) -> Any:
    plan = editable_plan(request.user, plan_id)
    delete_plan(request.user, plan, expected_version(request, None))
    return Status(204, None)


# Measures ----------------------------------------------------------------------------------


def _measure_out(measure: Measure) -> dict[str, Any]:
    history = [{"status": s.status, "set_on": s.set_on} for s in measure.status_changes.all()]
    return measure_row(measure) | {"status_history": history}


@router.get(
    "/organisations/{code}/measures",
    response={200: list[schemas.MeasureOut], 404: ErrorOut},
)
def list_measures(request: HttpRequest, code: str) -> Any:
    """The organisation's measures (the register), by code."""
    organisation = organisation_or_404(code)
    return [_measure_out(m) for m in measures_of(organisation)]


@router.get(
    "/measures/{measure_id}",
    response={200: schemas.MeasureOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_measure(request: HttpRequest, measure_id: int, response: HttpResponse) -> Any:
    measure = get_object_or_404(Measure.objects.select_related("organisation"), pk=measure_id)
    response["ETag"] = etag(measure.version)
    return _measure_out(measure)


@router.post(
    "/organisations/{code}/measures",
    auth=django_auth,
    response={201: schemas.MeasureOut, **_WRITE_ERRORS},
)
def post_measure(request: HttpRequest, code: str, body: schemas.MeasureIn) -> Any:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    made: list[Measure] = []
    return _written(
        lambda: made.append(create_measure(request.user, organisation, body.model_dump())),
        lambda: _measure_out(made[0]),
        201,
    )


@router.put(
    "/measures/{measure_id}",
    auth=django_auth,
    response={200: schemas.MeasureOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def put_measure(
    request: HttpRequest, measure_id: int, body: schemas.MeasureIn, response: HttpResponse
) -> Any:
    """Replace every field of the measure (a stale ``If-Match`` or ``version``: 412 or 409)."""
    measure = editable_measure(request.user, measure_id)
    values = {**body.model_dump(), "version": expected_version(request, body.version)}
    answer = _written(
        lambda: update_measure(request.user, measure, values), lambda: _measure_out(measure)
    )
    response["ETag"] = etag(measure.version)
    return answer


@router.delete(
    "/measures/{measure_id}",
    auth=django_auth,
    response={204: None, **_CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def remove_measure(request: HttpRequest, measure_id: int) -> Any:
    measure = editable_measure(request.user, measure_id)
    delete_measure(request.user, measure, expected_version(request, None))
    return Status(204, None)


# Indicators --------------------------------------------------------------------------------


def _indicator_out(indicator: Indicator) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "organisation_code": indicator.organisation.code,
        **{name: getattr(indicator, name) for name in Indicator.ENTERED},
        "measure_ids": sorted(m.pk for m in indicator.measures.all()),
        "target_ids": sorted(t.pk for t in indicator.targets.all()),
        "values": indicator_services.period_values(indicator),
        "version": indicator.version,
    }


@router.get(
    "/organisations/{code}/indicators",
    response={200: list[schemas.IndicatorOut], 404: ErrorOut},
)
def list_indicators(request: HttpRequest, code: str) -> Any:
    """The organisation's indicators with their values (computed ones as the platform has them)."""
    organisation = organisation_or_404(code)
    indicators = Indicator.objects.filter(organisation=organisation).select_related("organisation")
    return [_indicator_out(i) for i in indicators.prefetch_related("measures", "targets")]


@router.get(
    "/indicators/{indicator_id}",
    response={200: schemas.IndicatorOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_indicator(request: HttpRequest, indicator_id: int, response: HttpResponse) -> Any:
    indicator = get_object_or_404(Indicator.objects.select_related("organisation"), pk=indicator_id)
    response["ETag"] = etag(indicator.version)
    return _indicator_out(indicator)


@router.post(
    "/organisations/{code}/indicators",
    auth=django_auth,
    response={201: schemas.IndicatorOut, **_WRITE_ERRORS},
)
def post_indicator(request: HttpRequest, code: str, body: schemas.IndicatorIn) -> Any:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    made: list[Indicator] = []
    values = body.model_dump()
    return _written(
        lambda: made.append(
            indicator_services.create_indicator(request.user, organisation, values)
        ),
        lambda: _indicator_out(made[0]),
        201,
    )


@router.put(
    "/indicators/{indicator_id}",
    auth=django_auth,
    response={200: schemas.IndicatorOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def put_indicator(
    request: HttpRequest, indicator_id: int, body: schemas.IndicatorIn, response: HttpResponse
) -> Any:
    """Replace every field of the indicator (a stale ``If-Match`` or ``version``: 412 or 409)."""
    indicator = editable_indicator(request.user, indicator_id)
    values = {**body.model_dump(), "version": expected_version(request, body.version)}
    answer = _written(
        lambda: indicator_services.update_indicator(request.user, indicator, values),
        lambda: _indicator_out(indicator),
    )
    response["ETag"] = etag(indicator.version)
    return answer


@router.delete(
    "/indicators/{indicator_id}",
    auth=django_auth,
    response={204: None, **_CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def remove_indicator(request: HttpRequest, indicator_id: int) -> Any:
    indicator = editable_indicator(request.user, indicator_id)
    indicator_services.delete_indicator(request.user, indicator, expected_version(request, None))
    return Status(204, None)


@router.post(
    "/indicators/{indicator_id}/values",
    auth=django_auth,
    response={200: schemas.IndicatorOut, **_WRITE_ERRORS},
)
def post_indicator_value(
    request: HttpRequest, indicator_id: int, body: schemas.IndicatorValueIn
) -> Any:
    """Enter or correct the value of a period (a year, or a quarter of it)."""
    indicator = editable_indicator(request.user, indicator_id)
    return _written(
        lambda: indicator_services.set_value(
            request.user, indicator, body.year, body.quarter, body.value
        ),
        lambda: _indicator_out(indicator),
    )


@router.get(
    "/indicators/{indicator_id}/values/{value_id}",
    response={200: schemas.IndicatorValueOut, 404: ErrorOut},
)
def get_indicator_value(request: HttpRequest, indicator_id: int, value_id: int) -> Any:
    value = get_object_or_404(IndicatorValue, pk=value_id, indicator_id=indicator_id)
    return {
        "id": value.pk,
        "year": value.year,
        "quarter": value.quarter,
        "period": value.period,
        "value": value.value,
        "entered_by": value.entered_by_label,
        "computed": False,
    }


@router.delete(
    "/indicators/{indicator_id}/values/{value_id}",
    auth=django_auth,
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def remove_indicator_value(request: HttpRequest, indicator_id: int, value_id: int) -> Any:
    value = editable_indicator_value(request.user, indicator_id, value_id)
    indicator_services.delete_value(request.user, value)
    return Status(204, None)


# Emission quotas ---------------------------------------------------------------------------


def _quota_out(quota: EmissionQuota) -> dict[str, Any]:
    row = quota_row(quota)
    outcomes = [
        {
            "quarter": o.quarter,
            "period": period_label(quota.year, o.quarter),
            "outcome_t": o.outcome_t,
            "entered_by": o.entered_by_label,
        }
        for o in quota.outcomes.all()
    ]
    return {
        "id": quota.pk,
        "organisation_code": quota.organisation.code,
        "unit": quota.unit,
        "year": quota.year,
        "quota_t": quota.quota_t,
        "outcomes": outcomes,
        **{key: row[key] for key in ("outcome_t", "periods", "used_pct", "light", "remaining_t")},
        "version": quota.version,
    }


@router.get(
    "/organisations/{code}/quotas",
    response={200: list[schemas.QuotaOut], 404: ErrorOut},
)
def list_quotas(request: HttpRequest, code: str, year: Year | None = None) -> Any:
    """The emission quotas of the organisation's responsible units (of ``year`` when given),
    each with its emissions by period, the share of the quota used and its traffic light."""
    organisation = organisation_or_404(code)
    return [_quota_out(quota) for quota in quotas_of(organisation, year)]


@router.get(
    "/quotas/{quota_id}",
    response={200: schemas.QuotaOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_quota(request: HttpRequest, quota_id: Id, response: HttpResponse) -> Any:
    quota = get_object_or_404(
        EmissionQuota.objects.select_related("organisation").prefetch_related("outcomes"),
        pk=quota_id,
    )
    response["ETag"] = etag(quota.version)
    return _quota_out(quota)


@router.post(
    "/organisations/{code}/quotas",
    auth=django_auth,
    response={201: schemas.QuotaOut, **_WRITE_ERRORS},
)
def post_quota(request: HttpRequest, code: str, body: schemas.QuotaIn) -> Any:
    """A unit's quota for a year (one per unit and year)."""
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    made: list[EmissionQuota] = []
    return _written(
        lambda: made.append(create_quota(request.user, organisation, body.model_dump())),
        lambda: _quota_out(made[0]),
        201,
    )


@router.put(
    "/quotas/{quota_id}",
    auth=django_auth,
    response={200: schemas.QuotaOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def put_quota(
    request: HttpRequest, quota_id: Id, body: schemas.QuotaIn, response: HttpResponse
) -> Any:
    """Replace the quota's unit, year and quota (a stale ``If-Match`` or ``version``: 412 or
    409; entering emissions also changes the version)."""
    quota = editable_quota(request.user, quota_id)
    values = {**body.model_dump(), "version": expected_version(request, body.version)}
    answer = _written(lambda: update_quota(request.user, quota, values), lambda: _quota_out(quota))
    response["ETag"] = etag(quota.version)
    return answer


@router.delete(
    "/quotas/{quota_id}",
    auth=django_auth,
    response={204: None, **_CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def remove_quota(request: HttpRequest, quota_id: Id) -> Any:
    """Delete the quota and the emissions entered for it."""
    quota = editable_quota(request.user, quota_id)
    delete_quota(request.user, quota, expected_version(request, None))
    return Status(204, None)


@router.post(
    "/quotas/{quota_id}/outcomes",
    auth=django_auth,
    response={200: schemas.QuotaOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def post_quota_outcome(
    request: HttpRequest, quota_id: Id, body: schemas.QuotaOutcomeIn, response: HttpResponse
) -> Any:
    """Enter, correct or (``outcome_t`` null) remove the unit's emissions of a period of the
    quota's year. With a version (``If-Match`` or ``version``), a change of the same period
    made since is refused (412 or 409)."""
    quota = editable_quota(request.user, quota_id)
    version = expected_version(request, body.version)
    answer = _written(
        lambda: set_outcome(request.user, quota, body.quarter, body.outcome_t, version),
        lambda: _quota_out(quota),
    )
    response["ETag"] = etag(quota.version)
    return answer
