"""The reports to other platforms through the API, each written by its registered exporter
(:mod:`klimatlaget.reporting.exporters`). They hold public data: anyone may download them."""

from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router

from klimatlaget.accounts.resolvers import organisation_or_404
from klimatlaget.api.schemas import ErrorOut, Year
from klimatlaget.exports.registry import CONTENT_TYPES, ExportFormat, ExportRequest, run_export
from klimatlaget.exports.responses import download
from klimatlaget.reporting.exporters import CDP_ICLEI_TRACK, INVENTORY_GPC
from klimatlaget.reporting.gpc import NoEmissions

router = Router(tags=["reporting"])


def _downloads(description: str, formats: tuple[ExportFormat, ...]) -> dict[str, Any]:
    """``openapi_extra`` for an operation that answers a file in one of ``formats``."""
    content = {
        CONTENT_TYPES[fmt]: {
            "schema": {"type": "object"}
            if fmt == ExportFormat.JSON
            else {"type": "string", "format": "binary"}
        }
        for fmt in formats
    }
    return {"responses": {200: {"description": description, "content": content}}}


def _export(request: HttpRequest, exporter: Any, code: str, year: int, fmt: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    if not exporter.may_run(request.user, organisation):
        raise Http404(code)  # not written for this kind of organisation
    wanted = ExportRequest(
        ExportFormat(fmt), organisation=organisation, year=year, reader=request.user
    )
    try:
        written = run_export(request.user, exporter, wanted)
    except NoEmissions as error:
        raise Http404(str(error)) from error
    return download(written.content, written.file_name, written.content_type)


@router.get(
    "/organisations/{code}/inventory",
    response={404: ErrorOut},
    openapi_extra=_downloads("The emission inventory of the year", INVENTORY_GPC.formats),
)
def inventory(
    request: HttpRequest,
    code: str,
    year: Year,
    standard: Literal["gpc"] = "gpc",
    format: Literal["csv", "json", "xlsx"] = "csv",
) -> Any:
    """The organisation's emissions of the year in the GPC's sectors, sub-sectors and scopes
    (docs/METHOD.md#reporting-to-other-platforms), with notation keys for what the data cannot
    fill and the rows the mapping could not place; the tonnes add up to SMHI's total. 404
    without emissions for the year."""
    return _export(request, INVENTORY_GPC, code, year, format)


@router.get(
    "/organisations/{code}/cdp-iclei-track",
    response={404: ErrorOut},
    openapi_extra=_downloads("The CDP-ICLEI Track report", CDP_ICLEI_TRACK.formats),
)
def cdp_iclei_track(
    request: HttpRequest, code: str, year: Year, format: Literal["xlsx", "json"] = "xlsx"
) -> Any:
    """The CDP-ICLEI Track report: governance, climate risk, the GPC inventory of the base year
    and of ``year``, targets with their 1.5 °C verdict, plans and actions, every answer with
    its source in the platform; a workbook with a sheet per module, or JSON."""
    return _export(request, CDP_ICLEI_TRACK, code, year, format)
