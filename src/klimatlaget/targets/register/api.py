"""The targets API: an organisation's targets with their evaluation (public), and creating,
replacing and deleting targets (editors of the organisation, through the same services as the
pages)."""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import editable_target, organisation_for, organisation_or_404
from klimatlaget.api.schemas import CONFLICTS, CarbonLawQuery, ErrorOut
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.emissions.metrics import parameters
from klimatlaget.exports.responses import csv_response
from klimatlaget.targets.models import Target
from klimatlaget.targets.register import rows as target_rows
from klimatlaget.targets.register import schemas
from klimatlaget.targets.register.services import create_target, delete_target, update_target

router = Router(tags=["targets"])

Format = Literal["json", "csv"]

_WRITE_ERRORS = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: schemas.TargetErrorOut,
}
_CHANGE_ERRORS = {**_WRITE_ERRORS, **CONFLICTS}


def _rows(code: str, q: CarbonLawQuery) -> list[dict[str, Any]]:
    view = target_rows.overview(code, parameters(q.current_year, q.rate, q.preset))
    return target_rows.target_rows(view.evaluated)


def _row(target: Target) -> dict[str, Any]:
    rows = _rows(target.organisation.code, CarbonLawQuery())
    return next(row for row in rows if row["id"] == target.pk)


def _invalid(error: ValidationError) -> Status[dict[str, Any]]:
    return Status(422, {"detail": "The target is not valid.", "errors": error.message_dict})


@router.get(
    "/organisations/{code}/targets",
    response={200: list[schemas.TargetOut], 404: ErrorOut},
)
def list_targets(
    request: HttpRequest, code: str, q: Query[CarbonLawQuery], format: Format = "json"
) -> Any:
    """The organisation's targets as registered, in comparable form and with their verdicts."""
    organisation = organisation_or_404(code)
    rows = _rows(organisation.code, q)
    if format == "csv":
        return csv_response(
            f"{organisation.code}-targets", target_rows.csv_rows(rows), target_rows.COLUMNS
        )
    return rows


@router.get(
    "/targets/{target_id}",
    response={200: schemas.TargetOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_target(request: HttpRequest, target_id: int, response: HttpResponse) -> Any:
    """The target; its ``ETag`` names the version to send in ``If-Match`` when changing."""
    target = get_object_or_404(Target.objects.select_related("organisation"), pk=target_id)
    response["ETag"] = etag(target.version)
    return _row(target)


@router.post(
    "/organisations/{code}/targets",
    auth=django_auth,
    response={201: schemas.TargetOut, **_WRITE_ERRORS},
)
def post_target(request: HttpRequest, code: str, body: schemas.TargetIn) -> Any:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    try:
        target = create_target(request.user, organisation, body.model_dump())  # type: ignore[arg-type]
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _row(target))


@router.put(
    "/targets/{target_id}",
    auth=django_auth,
    response={200: schemas.TargetOut, **_CHANGE_ERRORS},
    openapi_extra=sends_etag(IF_MATCH),
)
def put_target(
    request: HttpRequest, target_id: int, body: schemas.TargetIn, response: HttpResponse
) -> Any:
    """Replace every entered field of the target. With ``If-Match`` (the ETag) or ``version``,
    a change made since that version refuses the write (412 or 409, naming what changed)."""
    target = editable_target(request.user, target_id)
    values = {**body.model_dump(), "version": expected_version(request, body.version)}
    try:
        update_target(request.user, target, values)  # type: ignore[arg-type]
    except ValidationError as error:
        return _invalid(error)
    response["ETag"] = etag(target.version)
    return _row(target)


@router.delete(
    "/targets/{target_id}",
    auth=django_auth,
    response={204: None, **_CHANGE_ERRORS},
    openapi_extra=IF_MATCH,
)
def remove_target(request: HttpRequest, target_id: int) -> Any:
    """Delete the target; with ``If-Match``, only the version named (else 412)."""
    target = editable_target(request.user, target_id)
    delete_target(request.user, target, expected_version(request, None))  # type: ignore[arg-type]
    return Status(204, None)
