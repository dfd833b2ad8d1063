"""The registered exporters through the API: the list a caller may run, for an organisation or
for the platform, and the files. A format the exporter does not write, or a missing year, is a
400; an exporter the caller may not run a 403 (401 before logging in); an organisation,
exporter or (for the year, or for the caller) file that does not exist a 404."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import AuthenticationError
from ninja.responses import Status

from klimatlaget.accounts.resolvers import organisation_or_404
from klimatlaget.api.schemas import ErrorOut
from klimatlaget.exports import registry
from klimatlaget.exports.registry import CONTENT_TYPES, Exporter, ExportRequest, InvalidRequest
from klimatlaget.exports.responses import download
from klimatlaget.organisations.models import Organisation

router = Router(tags=["exports"])


class ExporterOut(Schema):
    name: str
    title: str
    description: str
    formats: list[str]
    scope: str
    needs_year: bool
    #: The platform the file is for ("": the platform's own data).
    platform: str


def _out(exporter: Exporter) -> dict[str, Any]:
    return {
        "name": exporter.name,
        "title": str(exporter.title),
        "description": str(exporter.description),
        "formats": [str(each) for each in exporter.formats],
        "scope": str(exporter.scope),
        "needs_year": exporter.needs_year,
        "platform": exporter.platform,
    }


FILE = {
    "responses": {
        200: {
            "description": "The file, in the format asked for",
            "content": {
                content_type: {"schema": {"type": "string", "format": "binary"}}
                for content_type in dict.fromkeys(CONTENT_TYPES.values())
            },
        }
    }
}
ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _file(
    request: HttpRequest,
    organisation: Organisation | None,
    name: str,
    format: str,
    year: int | None,
) -> Any:
    try:
        exporter = registry.get_exporter(name)
    except registry.UnknownExporter:
        raise Http404(name) from None
    try:
        export_request = ExportRequest(
            format=registry.parse_format(format),
            organisation=organisation,
            year=year,
            reader=request.user,
        )
        written = registry.run_export(request.user, exporter, export_request)
    except PermissionDenied:
        if not request.user.is_authenticated:
            raise AuthenticationError() from None
        raise
    except InvalidRequest as error:
        return Status(400, {"detail": str(error)})
    except registry.NothingToExport as error:
        raise Http404(str(error)) from None
    return download(written.content, written.file_name, written.content_type)


@router.get("/organisations/{code}/exports", response={200: list[ExporterOut], 404: ErrorOut})
def organisation_exporters(request: HttpRequest, code: str) -> Any:
    """The exporters the caller may run for the organisation: name, title, description, the
    formats it writes, whether it needs a year and the platform it reports to."""
    organisation = organisation_or_404(code)
    return [_out(exporter) for exporter in registry.available_to(request.user, organisation)]


@router.get("/organisations/{code}/exports/{name}", response={**ERRORS}, openapi_extra=FILE)
def organisation_export(
    request: HttpRequest, code: str, name: str, format: str, year: int | None = None
) -> Any:
    """The organisation's file written by the exporter ``name`` in ``format`` (one of those the
    exporter lists), of ``year`` when the exporter needs one. Drafts are in it only when the
    caller may read them."""
    return _file(request, organisation_or_404(code), name, format, year)


@router.get("/exports", response={200: list[ExporterOut]})
def platform_exporters(request: HttpRequest) -> Any:
    """The exporters of everything the platform publishes that the caller may run."""
    return [_out(exporter) for exporter in registry.available_to(request.user, None)]


@router.get("/exports/{name}", response={**ERRORS}, openapi_extra=FILE)
def platform_export(request: HttpRequest, name: str, format: str, year: int | None = None) -> Any:
    """The platform's file written by the exporter ``name`` in ``format``."""
    return _file(request, None, name, format, year)
