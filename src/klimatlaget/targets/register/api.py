"""The targets API: an organisation's targets with their evaluation (public), and creating,
replacing and deleting targets (editors of the organisation, through the same services as the
pages)."""

from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import editable_target, organisation_for, organisation_or_404
from klimatlaget.api.schemas import ErrorOut
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


class ParameterQuery(schemas.Schema):
    current_year: int | None = None
    rate: float | None = None
    preset: str | None = None


def _rows(code: str, q: ParameterQuery) -> list[dict[str, Any]]:
    view = target_rows.overview(code, parameters(q.current_year, q.rate, q.preset))
    return target_rows.target_rows(view.evaluated)


def _row(target: Target) -> dict[str, Any]:
    rows = _rows(target.organisation.code, ParameterQuery())
    return next(row for row in rows if row["id"] == target.pk)


def _invalid(error: ValidationError) -> Status[dict[str, Any]]:
    return Status(422, {"detail": "The target is not valid.", "errors": error.message_dict})


@router.get(
    "/organisations/{code}/targets",
    response={200: list[schemas.TargetOut], 404: ErrorOut},
)
def list_targets(
    request: HttpRequest, code: str, q: Query[ParameterQuery], format: Format = "json"
) -> Any:
    """The organisation's targets as registered, in comparable form and with their verdicts."""
    organisation = organisation_or_404(code)
    rows = _rows(organisation.code, q)
    if format == "csv":
        return csv_response(
            f"{organisation.code}-targets", target_rows.csv_rows(rows), target_rows.COLUMNS
        )
    return rows


@router.get("/targets/{target_id}", response={200: schemas.TargetOut, 404: ErrorOut})
def get_target(request: HttpRequest, target_id: int) -> Any:
    return _row(get_object_or_404(Target.objects.select_related("organisation"), pk=target_id))


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
    "/targets/{target_id}", auth=django_auth, response={200: schemas.TargetOut, **_WRITE_ERRORS}
)
def put_target(request: HttpRequest, target_id: int, body: schemas.TargetIn) -> Any:
    """Replace every entered field of the target."""
    target = editable_target(request.user, target_id)
    try:
        update_target(request.user, target, body.model_dump())  # type: ignore[arg-type]
    except ValidationError as error:
        return _invalid(error)
    return _row(target)


@router.delete("/targets/{target_id}", auth=django_auth, response={204: None, **_WRITE_ERRORS})
def remove_target(request: HttpRequest, target_id: int) -> Any:
    target = editable_target(request.user, target_id)
    delete_target(request.user, target)  # type: ignore[arg-type]
    return Status(204, None)
