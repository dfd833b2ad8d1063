"""Answering a survey offline through the API: download a member's questionnaire as Excel and
upload it filled in. The member's editors and the secretariat only (others: 404). An upload
saves every answer or none: 422 lists the problems by sheet, row and question."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Router, Schema, UploadedFile
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.api.openapi import file_download
from klimatlaget.api.schemas import ErrorOut
from klimatlaget.exports.responses import XLSX, xlsx_response
from klimatlaget.surveys.offline import upload as offline
from klimatlaget.surveys.offline.reading import Rejected
from klimatlaget.surveys.offline.writing import file_name

router = Router(tags=["surveys"])

PATH = "/surveys/{survey_id}/responses/{member_code}/xlsx"


class UploadOut(Schema):
    saved: int


class CellErrorOut(Schema):
    sheet: str
    row: int | None
    cell: str
    question: str
    question_text: str
    message: str


class UploadErrorOut(Schema):
    detail: str
    errors: list[CellErrorOut]


@router.get(
    PATH,
    auth=django_auth,
    response={401: ErrorOut, 404: ErrorOut},
    openapi_extra=file_download(XLSX, "The questionnaire as an Excel workbook"),
)
def download_questionnaire(request: HttpRequest, survey_id: int, member_code: str) -> Any:
    """The member's questionnaire as an Excel workbook with its current answers (a member's
    first download starts its response, with pre-filled answers)."""
    survey, member = offline.survey_and_member(request.user, survey_id, member_code)
    upload_url = request.build_absolute_uri(
        reverse("survey-upload", kwargs={"code": member.code, "survey_id": survey.pk})
    )
    return xlsx_response(
        offline.download(request.user, survey, member, upload_url), file_name(survey, member)
    )


@router.post(
    PATH,
    auth=django_auth,
    response={200: UploadOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: UploadErrorOut},
)
def upload_questionnaire(
    request: HttpRequest, survey_id: int, member_code: str, file: File[UploadedFile]
) -> Any:
    """Upload the filled-in questionnaire (multipart, field ``file``). Either every answer is
    saved (``saved``: how many changed or were confirmed), or nothing is, and 422 lists the
    problems by sheet, Excel row, cell and question."""
    survey, member = offline.survey_and_member(request.user, survey_id, member_code)
    try:
        saved = offline.upload(request.user, survey, member, file)
    except Rejected as rejected:
        errors = [error.as_dict() for error in rejected.errors]
        return Status(422, {"detail": rejected.message, "errors": errors})
    return {"saved": saved}
