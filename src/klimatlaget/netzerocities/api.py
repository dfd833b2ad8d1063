"""The NetZeroCities tables through the API, as the Exports page and the command line write
them: anyone may download them; drafts are in them only for the organisation's editors."""

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router

from klimatlaget.accounts.resolvers import organisation_or_404
from klimatlaget.api.schemas import ErrorOut
from klimatlaget.exports.registry import CONTENT_TYPES, ExportFormat, ExportRequest, run_export
from klimatlaget.exports.responses import download
from klimatlaget.netzerocities.exporters import NETZEROCITIES

router = Router(tags=["reporting"])

_FILES = {
    CONTENT_TYPES[each]: {"schema": {"type": "string", "format": "binary"}}
    for each in NETZEROCITIES.formats
}
_ANSWER = {"description": "The tables as a workbook or a Word document", "content": _FILES}


@router.get(
    "/organisations/{code}/netzerocities",
    response={404: ErrorOut},
    openapi_extra={"responses": {200: _ANSWER}},
)
def organisation_netzerocities(
    request: HttpRequest, code: str, year: int, format: Literal["xlsx", "docx"] = "xlsx"
) -> Any:
    """The NetZeroCities Climate City Contract tables of ``year``: the action outlines (B-2)
    from the measures, the indicator overview and metadata (B-3) and the investment plan's cost
    summary (C-3), as an Excel workbook (a sheet per table) or a Word document."""
    organisation = organisation_or_404(code)
    wanted = ExportRequest(ExportFormat(format), organisation, year, reader=request.user)
    written = run_export(request.user, NETZEROCITIES, wanted)
    return download(written.content, written.file_name, written.content_type)
