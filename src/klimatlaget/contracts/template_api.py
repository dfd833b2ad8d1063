"""The template of subjects in the API: the template in use for everyone (the file's format),
one subject with its version, and the programme office's additions and edits (a stale
``If-Match`` or ``version``: 412 or 409), through the same services as the page."""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router
from ninja.responses import Status
from ninja.security import django_auth

from klimatlaget.api.schemas import CONFLICTS, ErrorOut
from klimatlaget.concurrency import IF_MATCH, etag, expected_version, sends_etag
from klimatlaget.contracts import schemas, template_services
from klimatlaget.contracts.models import TemplateSubject
from klimatlaget.contracts.subjects import current_data, in_file

router = Router(tags=["contracts"])

_WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: schemas.ContractInvalidOut}


def _subject_out(key: str) -> dict[str, Any]:
    entry = next((e for e in current_data()["subjects"] if e["id"] == key), None)
    if entry is None:
        raise Http404(key)
    return {**entry, "version": template_services.version_of(key), "added": not in_file(key)}


def _invalid(error: ValidationError) -> Status:
    return Status(422, {"detail": "Not saved: invalid values.", "errors": error.message_dict})


@router.get("/contracts/template", response=schemas.TemplateOut)
def get_template(request: HttpRequest) -> Any:
    """The template of subjects in use: ``subjects.json`` with the programme office's
    additions and edits, in the file's format."""
    return current_data()


@router.get(
    "/contracts/template/{subject_id}",
    response={200: schemas.SubjectOut, 404: ErrorOut},
    openapi_extra=sends_etag(),
)
def get_subject(request: HttpRequest, subject_id: str, response: HttpResponse) -> Any:
    """One subject with its edit version (also the ``ETag``)."""
    found = _subject_out(subject_id)
    response["ETag"] = etag(found["version"])
    return found


@router.post(
    "/contracts/template",
    auth=django_auth,
    response={201: schemas.SubjectOut, **_WRITE_ERRORS},
)
def post_subject(request: HttpRequest, body: schemas.SubjectIn) -> Any:
    """Add a subject ``key`` under ``parent`` (the programme office)."""
    try:
        row = template_services.add_subject(request.user, body.model_dump())
    except ValidationError as error:
        return _invalid(error)
    return Status(201, _subject_out(row.key))


@router.patch(
    "/contracts/template/{subject_id}",
    auth=django_auth,
    response={200: schemas.SubjectOut, **_WRITE_ERRORS, **CONFLICTS},
    openapi_extra=sends_etag(IF_MATCH),
)
def patch_subject(
    request: HttpRequest, subject_id: str, body: schemas.SubjectChangeIn, response: HttpResponse
) -> Any:
    """Change a subject's names or keywords (only those sent; the programme office)."""
    values = body.model_dump(exclude_unset=True)
    values["version"] = expected_version(request, body.version)
    if values.get("name") is None:
        values.pop("name", None)
    try:
        template_services.change_subject(request.user, subject_id, values)
    except TemplateSubject.DoesNotExist as error:
        raise Http404(subject_id) from error
    except ValidationError as error:
        return _invalid(error)
    found = _subject_out(subject_id)
    response["ETag"] = etag(found["version"])
    return found
