"""An investment plan's lines in Excel through the API: the lines of a plan and an empty
template as workbooks (public), and the upload of a filled-in workbook as a new version of the
year's plan (the organisation's editors): 201 with the new version, 400 when the file is no
usable workbook, 422 listing every problem by file, sheet, row and column (nothing stored)."""

from typing import Any

from django.http import HttpRequest
from ninja import File, Router, UploadedFile
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import in_organisation, organisation_for, organisation_or_404
from klimatlaget.api.openapi import file_download
from klimatlaget.api.schemas import ErrorOut
from klimatlaget.exports.responses import XLSX, xlsx_response
from klimatlaget.investments import lines_views, lines_writer, schemas
from klimatlaget.investments.api import _plan_out
from klimatlaget.investments.models import InvestmentPlan
from klimatlaget.sources import SourceError

router = Router(tags=["investments"])

#: Problems that make the file as a whole unusable (400); any other is in its cells (422).
WHOLE_FILE = {"unreadable_file", "too_large"}


def _problems(error: SourceError) -> dict[str, Any]:
    return {
        "detail": "The file was not imported.",
        "problems": [
            {
                "file": p.file,
                "sheet": p.sheet,
                "row": p.row,
                "column": p.column,
                "code": p.code,
                "message": p.message,
            }
            for p in error.problems
        ],
    }


@router.get(
    "/organisations/{code}/investment-plans/lines-template",
    response={404: ErrorOut},
    openapi_extra=file_download(XLSX, "An empty workbook for an investment plan's lines"),
)
def investment_lines_template(request: HttpRequest, code: str) -> Any:
    """An empty workbook of an investment plan's lines (docs/INVESTMENT_PLAN_XLSX.md), with
    pick lists of the choices and of the organisation's measure codes."""
    organisation = organisation_or_404(code)
    data = lines_writer.template_xlsx(organisation)
    return xlsx_response(data, lines_writer.template_file_name(organisation))


@router.get(
    "/organisations/{code}/investment-plans/{plan_id}/lines-workbook",
    response={404: ErrorOut},
    openapi_extra=file_download(XLSX, "The plan's lines as a workbook, to edit and upload"),
)
def investment_lines_workbook(request: HttpRequest, code: str, plan_id: int) -> Any:
    """The plan's lines as a workbook (docs/INVESTMENT_PLAN_XLSX.md), each with its key, to
    edit and upload as a new version."""
    organisation = organisation_or_404(code)
    plan = in_organisation(InvestmentPlan.objects.all(), organisation, plan_id)
    return xlsx_response(lines_writer.lines_xlsx(plan), lines_writer.lines_file_name(plan))


@router.post(
    "/organisations/{code}/investment-plans/upload",
    auth=django_auth,
    response={
        201: schemas.InvestmentPlanOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
    },
)
def upload_investment_plan(
    request: HttpRequest, code: str, year: int, file: File[UploadedFile]
) -> Any:
    """Upload a workbook of an investment plan's lines (multipart, field ``file``) as a new
    version of the organisation's plan for ``year``: the first version takes its horizon from
    the year columns, a later one copies the latest version's plan and replaces it. 400 when
    the file is no usable workbook, 422 listing every problem by sheet, row and column; either
    way nothing is stored."""
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    try:
        plan = lines_views.imported(request.user, organisation, year, file)
    except SourceError as error:
        status = 400 if error.codes <= WHOLE_FILE else 422
        return Status(status, _problems(error))
    return Status(201, _plan_out(plan))
