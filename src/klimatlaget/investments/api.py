"""The climate investment plans API: reads are public; writes are for the editors of the
organisation, through the same services as the pages."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import (
    editable_investment_line,
    editable_investment_plan,
    organisation_for,
    organisation_or_404,
)
from klimatlaget.api.schemas import CONFLICTS, ErrorOut
from klimatlaget.calc import investments as calc
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.investments import figures, line_detail, schemas, services
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan

router = Router(tags=["investments"])

_WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: schemas.InvestmentInvalidOut}
_CHANGE_ERRORS = {**_WRITE_ERRORS, **CONFLICTS}


def _written(write: Callable[[], Any], answer: Callable[[], Any], status: int = 200) -> Any:
    """Run ``write``; answer 422 on a ValidationError, else ``answer()`` with ``status``."""
    try:
        write()
    except ValidationError as error:
        return Status(422, {"detail": "Not saved: invalid values.", "errors": error.message_dict})
    return Status(status, answer())


def _text_keys(values: dict[Any, float]) -> dict[str, float]:
    return {str(key): value for key, value in values.items()}


def _figures_out(plan: InvestmentPlan) -> dict[str, Any]:
    result = figures.plan_figures(plan)
    totals = result.totals
    return {
        "capex_sek": totals.capex,
        "own_sek": totals.own,
        "own_share": totals.own_share,
        "funding_gap_sek": totals.funding_gap,
        "funding_gap_by_year": _text_keys(totals.funding_gap_by_year),
        "capex_by_actor": totals.by_actor,
        "capex_by_sector": totals.by_sector,
        "capex_by_funding_source": totals.by_funding_source,
        "capex_by_funding_status": totals.by_funding_status,
        "reduction_t": result.reduction_t,
        "sek_per_t": result.plan_cost.per_tonne,
        "sek_per_t_with_co_benefits": result.plan_cost.per_tonne_with_co_benefits,
    }


def _plan_out(plan: InvestmentPlan, with_figures: bool = True) -> dict[str, Any]:
    return {name: getattr(plan, name) for name in InvestmentPlan.ENTERED} | {
        "id": plan.pk,
        "organisation_code": plan.organisation.code,
        "version": plan.version,
        "figures": _figures_out(plan) if with_figures else None,
    }


def _line_out(line: InvestmentLine) -> dict[str, Any]:
    cost = calc.line_cost(figures.calc_line(line), line.plan.discount_rate)
    return {name: getattr(line, name) for name in InvestmentLine.ENTERED} | {
        "id": line.pk,
        "plan_id": line.plan_id,
        "key": str(line.key),
        "expected_reduction_t": line.expected_reduction_t,
        "effective_sector": line.effective_sector,
        "effective_effect_year": line.effective_effect_year,
        "annual_cost_sek": cost.annual_cost,
        "sek_per_t": cost.per_tonne,
        "sek_per_t_with_co_benefits": cost.per_tonne_with_co_benefits,
        "not_applicable": str(cost.not_applicable) if cost.not_applicable else None,
        "version": line.version,
    }


def _public_plan(plan_id: int) -> InvestmentPlan:
    return get_object_or_404(InvestmentPlan.objects.select_related("organisation"), pk=plan_id)


# Plans ----------------------------------------------------------------------------------------


@router.get(
    "/organisations/{code}/investment-plans",
    response={200: list[schemas.InvestmentPlanOut], 404: ErrorOut},
)
def list_plans(request: HttpRequest, code: str) -> Any:
    """The organisation's climate investment plans and their versions (without figures)."""
    organisation = organisation_or_404(code)
    plans = InvestmentPlan.objects.filter(organisation=organisation).select_related("organisation")
    return [_plan_out(plan, with_figures=False) for plan in plans]


@router.get(
    "/investment-plans/{plan_id}",
    response={200: schemas.InvestmentPlanOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_plan(request: HttpRequest, plan_id: int, response: HttpResponse) -> Any:
    """One plan with its headline figures: totals, own share, funding gap, abatement cost."""
    plan = _public_plan(plan_id)
    response["ETag"] = etag(plan.version)
    return _plan_out(plan)


@router.post(
    "/organisations/{code}/investment-plans",
    auth=django_auth,
    response={201: schemas.InvestmentPlanOut, **_WRITE_ERRORS},
)
def post_plan(request: HttpRequest, code: str, body: schemas.InvestmentPlanIn) -> Any:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    made: list[InvestmentPlan] = []
    values = body.model_dump(exclude={"version"})
    return _written(
        lambda: made.append(services.create_plan(request.user, organisation, values)),
        lambda: _plan_out(made[0]),
        201,
    )


@router.put(
    "/investment-plans/{plan_id}",
    auth=django_auth,
    response={200: schemas.InvestmentPlanOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def put_plan(
    request: HttpRequest, plan_id: int, body: schemas.InvestmentPlanIn, response: HttpResponse
) -> Any:
    """Replace every field of the plan (a stale ``If-Match`` or ``version``: 412 or 409)."""
    plan = editable_investment_plan(request.user, plan_id)
    values = {**body.model_dump(), "version": expected_version(request, body.version)}
    if values["version_number"] is None:
        values["version_number"] = plan.version_number
    answer = _written(
        lambda: services.update_plan(request.user, plan, values), lambda: _plan_out(plan)
    )
    response["ETag"] = etag(plan.version)
    return answer


@router.delete(
    "/investment-plans/{plan_id}",
    auth=django_auth,
    response={204: None, **_CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def remove_plan(request: HttpRequest, plan_id: int) -> Any:
    """Delete the plan with its lines."""
    plan = editable_investment_plan(request.user, plan_id)
    services.delete_plan(request.user, plan, expected_version(request, None))
    return Status(204, None)


@router.post(
    "/investment-plans/{plan_id}/new-version",
    auth=django_auth,
    response={201: schemas.InvestmentPlanOut, **_WRITE_ERRORS},
)
def post_new_version(request: HttpRequest, plan_id: int) -> Any:
    """A draft copy of the plan and its lines, replacing it, with the next version number."""
    plan = editable_investment_plan(request.user, plan_id)
    return Status(201, _plan_out(services.new_version(request.user, plan)))


@router.get(
    "/investment-plans/{plan_id}/compare",
    response={200: schemas.ComparisonOut, 404: ErrorOut},
)
def compare(request: HttpRequest, plan_id: int, other: int | None = None) -> Any:
    """The plan's lines against another version's (``other``; by default the version it
    replaces), matched by line key."""
    plan = _public_plan(plan_id)
    other_id = other if other is not None else plan.replaces_id
    old = (
        InvestmentPlan.objects.filter(pk=other_id, organisation=plan.organisation).first()
        if other_id is not None
        else None
    )
    if old is None:
        raise Http404("no version to compare with")
    result = services.compare(old, plan)
    return {
        "old_plan_id": old.pk,
        "new_plan_id": plan.pk,
        "added": result.added,
        "removed": result.removed,
        "changed": result.changed,
        "unchanged": result.unchanged,
    }


# Lines ----------------------------------------------------------------------------------------


@router.get(
    "/investment-plans/{plan_id}/lines",
    response={200: list[schemas.InvestmentLineOut], 404: ErrorOut},
)
def list_lines(request: HttpRequest, plan_id: int) -> Any:
    """The plan's lines, each with its annual cost and abatement cost."""
    plan = _public_plan(plan_id)
    return [_line_out(line) for line in figures.plan_lines(plan)]


@router.get(
    "/investment-lines/{line_id}",
    response={200: schemas.InvestmentLineDetailOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_line(request: HttpRequest, line_id: int, response: HttpResponse) -> Any:
    """The line with the figures of its page: the abatement cost's steps, its place on the
    plan's cost curve and the same line in the plan's other versions."""
    line = get_object_or_404(InvestmentLine.objects.only("pk", "plan_id"), pk=line_id)
    plan_figures = figures.plan_figures(_public_plan(line.plan_id))
    line = plan_figures.by_id[line.pk]
    response["ETag"] = etag(line.version)
    return _line_out(line) | line_detail.api_figures(line, plan_figures)


@router.post(
    "/investment-plans/{plan_id}/lines",
    auth=django_auth,
    response={201: schemas.InvestmentLineOut, **_WRITE_ERRORS},
)
def post_line(request: HttpRequest, plan_id: int, body: schemas.InvestmentLineIn) -> Any:
    plan = editable_investment_plan(request.user, plan_id)
    made: list[InvestmentLine] = []
    values = body.model_dump(exclude={"version"})
    return _written(
        lambda: made.append(services.create_line(request.user, plan, values)),
        lambda: _line_out(made[0]),
        201,
    )


@router.put(
    "/investment-lines/{line_id}",
    auth=django_auth,
    response={200: schemas.InvestmentLineOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def put_line(
    request: HttpRequest, line_id: int, body: schemas.InvestmentLineIn, response: HttpResponse
) -> Any:
    """Replace every field of the line (a stale ``If-Match`` or ``version``: 412 or 409)."""
    line = editable_investment_line(request.user, line_id)
    values = {**body.model_dump(), "version": expected_version(request, body.version)}
    answer = _written(
        lambda: services.update_line(request.user, line, values), lambda: _line_out(line)
    )
    response["ETag"] = etag(line.version)
    return answer


@router.delete(
    "/investment-lines/{line_id}",
    auth=django_auth,
    response={204: None, **_CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def remove_line(request: HttpRequest, line_id: int) -> Any:
    line = editable_investment_line(request.user, line_id)
    services.delete_line(request.user, line, expected_version(request, None))
    return Status(204, None)
