"""The follow-up workbook through the API: download a period as Excel (whoever may read the
period) and upload it filled in (the organisation's editors and the owners of its measures):
every changed row saved, or none, and 422 lists the problems by sheet, row and column."""

from typing import Any

from django.http import HttpRequest
from ninja import File, Router, Schema, UploadedFile
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.resolvers import period_to_fill_in, visible_period
from klimatlaget.api.openapi import file_download
from klimatlaget.api.schemas import ErrorOut
from klimatlaget.exports.responses import XLSX, xlsx_response
from klimatlaget.followup import workbook
from klimatlaget.followup.workbook_views import upload_url
from klimatlaget.imports.workbook import Rejected, check_size

router = Router(tags=["follow-up"])

PATH = "/organisations/{code}/follow-up/{year}/{quarter}/workbook"


class WorkbookSavedOut(Schema):
    measures: int
    indicators: int
    unchanged: int


class WorkbookCellErrorOut(Schema):
    sheet: str
    row: int | None
    column: str
    cell: str
    message: str


class WorkbookErrorOut(Schema):
    detail: str
    errors: list[WorkbookCellErrorOut]


@router.get(
    PATH,
    response={404: ErrorOut},
    openapi_extra=file_download(XLSX, "The follow-up period as an Excel workbook to fill in"),
)
def download_workbook(request: HttpRequest, code: str, year: int, quarter: int) -> Any:
    """The period (``quarter`` 1–4, or 0 for the whole year) as an Excel workbook with its
    reports, the cells the caller fills in marked. Approved periods are public; an open one
    is read by those who read the organisation's history and by the owners of its measures."""
    period = visible_period(request.user, code, year, quarter)
    data = workbook.period_xlsx(request.user, period, upload_url(request, period))
    return xlsx_response(data, workbook.file_name(period))


@router.post(
    PATH,
    auth=django_auth,
    response={
        200: WorkbookSavedOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: WorkbookErrorOut,
    },
)
def upload_workbook(
    request: HttpRequest, code: str, year: int, quarter: int, file: File[UploadedFile]
) -> Any:
    """Upload the filled-in workbook (multipart, field ``file``). Either every changed row is
    saved (how many measure reports and indicator values changed, how many rows were left as
    they were), or nothing is, and 422 lists the problems by sheet, Excel row and column."""
    period = period_to_fill_in(request.user, code, year, quarter)
    try:
        check_size(file.size or 0)
        saved = workbook.upload(request.user, period, file.read())
    except Rejected as rejected:
        errors = [error.as_dict() for error in rejected.errors]
        return Status(422, {"detail": rejected.message, "errors": errors})
    return {
        "measures": saved.measures,
        "indicators": saved.indicators,
        "unchanged": saved.unchanged,
    }
