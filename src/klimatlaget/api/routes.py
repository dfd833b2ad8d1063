"""The REST API (OpenAPI at /api/docs). Reads are public; writes check permissions on the server
through the same checker as the pages. Every table can also be had as CSV with ``?format=csv``."""

from importlib import import_module
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import File, Query, UploadedFile
from ninja.decorators import decorate_view
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.accounts.resolvers import organisation_for, organisation_or_404
from klimatlaget.api import schemas
from klimatlaget.api.openapi import KlimatlagetAPI
from klimatlaget.audit.visibility import history
from klimatlaget.concurrency import (
    IF_MATCH,
    StaleVersion,
    conflict_status,
    etag,
    expected_version,
    sends_etag,
)
from klimatlaget.emissions import series as emission_series
from klimatlaget.emissions.metrics import EXPORT_COLUMNS, metrics_row, metrics_rows, parameters
from klimatlaget.exports.columns import keys
from klimatlaget.exports.responses import csv_response
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.organisations.services import update_profile
from klimatlaget.sources import SourceError
from klimatlaget.web.errors import api_error
from klimatlaget.web.pagecache import public_page

api = KlimatlagetAPI(
    title="Klimatläget API",
    version="1",
    description="Emissions, population, key figures and Carbon Law pathways for Swedish "
    "municipalities, counties and the nation. Method: docs/METHOD.md.",
    urls_namespace="api",
)

Format = Literal["json", "csv"]


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Any error no other handler knows: logged, answered in JSON (503 if the database is busy)."""
    return api_error(request, exc)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "You may not do this."}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "Log in first."}, status=401)


@api.exception_handler(StaleVersion)
def _stale(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, StaleVersion)
    return api.create_response(request, exc.as_json(), status=conflict_status(request))


@api.exception_handler(ValueError)
def _invalid(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=422)


@api.exception_handler(SourceError)
def _bad_file(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, SourceError)
    problems = [
        {
            "file": p.file,
            "sheet": p.sheet,
            "row": p.row,
            "column": p.column,
            "code": p.code,
            "message": p.message,
        }
        for p in exc.problems
    ]
    body = {"detail": "The file was not imported.", "problems": problems}
    return api.create_response(request, body, status=422)


def _organisation_out(org: Organisation) -> dict[str, Any]:
    return {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "county_code": org.county.code if org.county else None,
        "county_name": org.county.name if org.county else None,
        "url": org.get_absolute_url(),
    }


@api.get("/organisations", response=list[schemas.OrganisationOut], tags=["organisations"])
def list_organisations(
    request: HttpRequest,
    kind: OrganisationKind | None = None,
    county: schemas.CountyCode | None = None,
    format: Format = "json",
) -> Any:
    organisations = Organisation.objects.select_related("county").order_by("code")
    if kind:
        organisations = organisations.filter(kind=kind)
    if county:
        organisations = organisations.filter(county__code=county)
    rows = [_organisation_out(org) for org in organisations]
    if format == "csv":
        return csv_response("organisations", rows, list(schemas.OrganisationOut.model_fields))
    return rows


@api.get(
    "/organisations/{code}",
    response={200: schemas.OrganisationDetail, 404: schemas.ErrorOut},
    openapi_extra=sends_etag(),
    tags=["organisations"],
)
def get_organisation(request: HttpRequest, code: str, response: HttpResponse) -> Any:
    """The organisation; its ``ETag`` names the version to send in ``If-Match`` when changing."""
    org = organisation_or_404(code)
    response["ETag"] = etag(org.version)
    return _organisation_detail(org)


def _organisation_detail(org: Organisation) -> dict[str, Any]:
    latest = org.population.order_by("-year").first()
    return {
        **_organisation_out(org),
        "website": org.website,
        "description": org.description,
        "population": latest.inhabitants if latest else None,
        "population_year": latest.year if latest else None,
        "version": org.version,
    }


@api.patch(
    "/organisations/{code}",
    auth=django_auth,
    response={
        200: schemas.OrganisationDetail,
        401: schemas.ErrorOut,
        403: schemas.ErrorOut,
        404: schemas.ErrorOut,
        422: schemas.ErrorOut,
        **schemas.CONFLICTS,
    },
    tags=["organisations"],
    openapi_extra=sends_etag(IF_MATCH),
)
def patch_organisation(
    request: HttpRequest, code: str, body: schemas.ProfileIn, response: HttpResponse
) -> Any:
    """Change the website or description. With ``If-Match`` (the ETag) or ``version``, a change
    made since that version refuses the write (412 or 409, naming what changed)."""
    org = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    values: dict[str, Any] = {
        k: ("" if v is None else str(v))
        for k, v in body.model_dump(exclude_unset=True, exclude={"version"}).items()
    }
    values["version"] = expected_version(request, body.version)
    try:
        update_profile(request.user, org, values)  # type: ignore[arg-type]
    except ValidationError as error:
        raise ValueError("; ".join(error.messages)) from error
    response["ETag"] = etag(org.version)
    return _organisation_detail(org)


@api.get("/organisations/{code}/emissions", response=list[schemas.EmissionYear], tags=["emissions"])
def organisation_emissions(request: HttpRequest, code: str, format: Format = "json") -> Any:
    org = organisation_or_404(code)
    rows = emission_series.total_rows(org.code)
    if format == "csv":
        return csv_response(f"{org.code}-emissions", rows, list(schemas.EmissionYear.model_fields))
    return rows


@api.get("/organisations/{code}/sectors", response=list[schemas.SectorValue], tags=["emissions"])
def organisation_sectors(request: HttpRequest, code: str, format: Format = "json") -> Any:
    org = organisation_or_404(code)
    rows = emission_series.sector_rows(org.code)
    if format == "csv":
        return csv_response(f"{org.code}-sectors", rows, list(schemas.SectorValue.model_fields))
    return rows


@api.get("/organisations/{code}/metrics", response=dict[str, Any], tags=["metrics"])
def organisation_metrics(request: HttpRequest, code: str, q: Query[schemas.CarbonLawQuery]) -> Any:
    org = organisation_or_404(code)
    params = parameters(q.current_year, q.rate, q.preset)
    data = emission_series.organisation_series(org.code)
    return metrics_row(data, emission_series.metrics_for(org.code, params))


@api.get("/organisations/{code}/pathways", response=list[schemas.PathwayYear], tags=["metrics"])
def organisation_pathways(
    request: HttpRequest,
    code: str,
    q: Query[schemas.CarbonLawQuery],
    format: Format = "json",
) -> Any:
    org = organisation_or_404(code)
    params = parameters(q.current_year, q.rate, q.preset)
    rows = emission_series.pathway_rows(org.code, params)
    if format == "csv":
        return csv_response(f"{org.code}-pathways", rows, list(schemas.PathwayYear.model_fields))
    return rows


@api.get("/metrics", response=list[schemas.MetricsRow], tags=["metrics"])
@decorate_view(public_page)
def all_metrics(
    request: HttpRequest,
    q: Query[schemas.CarbonLawQuery],
    kind: Literal["municipality", "county", "nation"] | None = None,
    format: Format = "json",
) -> Any:
    params = parameters(q.current_year, q.rate, q.preset)
    rows = metrics_rows(params, {kind} if kind else None)
    if format == "csv":
        return csv_response("metrics", rows, EXPORT_COLUMNS)
    return [{column: row.get(column) for column in keys(EXPORT_COLUMNS)} for row in rows]


@api.get(
    "/organisations/{code}/history",
    auth=django_auth,
    response={200: list[schemas.ChangeOut], 401: schemas.ErrorOut, 403: schemas.ErrorOut},
    tags=["organisations"],
)
def organisation_history(request: HttpRequest, code: str) -> Any:
    """The organisation's changes that the caller may read (the newest 500)."""
    org = organisation_for(request.user, Permission.VIEW_HISTORY, code)
    return [
        {
            "timestamp": entry.timestamp.isoformat(),
            "by": entry.actor_label,
            "by_text": entry.by,
            "action": entry.action,
            "message": entry.message,
            "params": entry.params,
            "summary": entry.summary,
            "text": entry.text,
            "changes": entry.changes,
        }
        for entry in history(request.user, org)[:500]
    ]


@api.post(
    "/imports/emissions",
    auth=django_auth,
    response={
        200: schemas.ImportOut,
        401: schemas.ErrorOut,
        403: schemas.ErrorOut,
        422: schemas.ErrorOut,
    },
    tags=["imports"],
)
def import_emissions_file(request: HttpRequest, file: File[UploadedFile]) -> Any:
    """Import an emissions file (tidy CSV or SMHI's Excel export). Secretariat only."""
    from klimatlaget.imports.services import import_emissions

    ensure_permission(request.user, Permission.IMPORT_DATA)
    name = Path(file.name or "upload.csv").name
    with TemporaryDirectory() as folder:
        path = Path(folder) / name
        with path.open("wb") as handle:
            for chunk in file.chunks():
                handle.write(chunk)
        result = import_emissions(path, actor=request.user)
    return {
        "file_name": result.file_name,
        "rows_read": result.rows_read,
        "created": result.created,
        "updated": result.updated,
        "organisations_changed": result.organisations_changed,
    }


def _mount_target_routers() -> None:
    # Imported here: the target modules import this API's schemas and helpers.
    from klimatlaget.associations.api import router as associations_router
    from klimatlaget.budgets.api import router as budgets_router
    from klimatlaget.budgets.overview_api import router as budget_overview_router
    from klimatlaget.contracts.comparing_api import router as contract_comparison_router
    from klimatlaget.contracts.template_api import router as contract_template_router
    from klimatlaget.contracts.writing_api import router as contracts_router
    from klimatlaget.fees.api import router as fees_router
    from klimatlaget.followup.api import router as followup_router
    from klimatlaget.investments.api import router as investments_router
    from klimatlaget.investments.coverage_api import router as investment_coverage_router
    from klimatlaget.investments.overview_api import router as investment_overview_router
    from klimatlaget.measures.api import router as measures_router
    from klimatlaget.targets.comparison.api import router as comparison_router
    from klimatlaget.targets.register.api import router as register_router

    # The comparison first: its fixed paths (/targets/comparison) must win over /targets/{id}.
    api.add_router("/", comparison_router)
    api.add_router("/", associations_router)
    api.add_router("/", fees_router)
    api.add_router("/", register_router)
    api.add_router("/", measures_router)
    api.add_router("/", followup_router)
    api.add_router("/", budgets_router)
    api.add_router("/", budget_overview_router)
    api.add_router("/", investments_router)
    # The comparison before the contracts: /contracts/compare must win over /contracts/{id}.
    api.add_router("/", contract_comparison_router)
    api.add_router("/", contract_template_router)
    api.add_router("/", investment_coverage_router)
    api.add_router("/", investment_overview_router)
    api.add_router("/", contracts_router)
    for module in (
        "secretariat",
        "answering",
        "offline",
        "results",
        "report",
        "membership_results",
    ):
        api.add_router("/", import_module(f"klimatlaget.surveys.{module}.api").router)
    api.add_router("/", import_module("klimatlaget.surveys.secretariat.published_api").router)
    api.add_router("/", import_module("klimatlaget.followup.workbook_api").router)
    api.add_router("/", import_module("klimatlaget.investments.export_api").router)
    api.add_router("/", import_module("klimatlaget.investments.lines_api").router)
    api.add_router("/", import_module("klimatlaget.contracts.export_api").router)
    api.add_router("/", import_module("klimatlaget.netzerocities.api").router)
    api.add_router("/", import_module("klimatlaget.reporting.api").router)
    api.add_router("/", import_module("klimatlaget.energy.api").router)
    api.add_router("/", import_module("klimatlaget.reporting.exports_api").router)
    api.add_router("/", import_module("klimatlaget.opendata.api").router)
    api.add_router("/", import_module("klimatlaget.reporting.readiness_api").router)


_mount_target_routers()
