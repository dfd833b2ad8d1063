"""The questionnaire page's own JSON endpoints (autosave and file upload) and file downloads.

The draft endpoint takes ``{"answers": {key: raw}}`` and answers
``{"version", "saved", "problems": {key: message}, "elsewhere": {key: answer}, "progress",
"status"}`` (``elsewhere``: answers others changed since the page's version); refusals are JSON with
a ``detail`` naming the problem (403, 404, 409 for answers changed elsewhere since ``version``,
413 when the request is too large, 422).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klimatlaget.concurrency import StaleVersion
from klimatlaget.surveys import services
from klimatlaget.surveys.answering import access as acc
from klimatlaget.surveys.answering import questionnaire as qn
from klimatlaget.surveys.answering.uploads import save_upload, served_type
from klimatlaget.surveys.models import AnswerFile, Question


def _refusal(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def _guarded(view: Any) -> Any:
    """Answer the page's script in JSON whatever goes wrong that is the user's to fix."""

    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except RequestDataTooBig:
            return _refusal(_("The request is too large to be saved."), 413)
        except PermissionDenied:
            return _refusal(_("You may not change these answers."), 403)
        except ValidationError as error:
            return _refusal(" ".join(error.messages), 422)
        except StaleVersion as stale:
            return JsonResponse(stale.as_json(), status=409)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _draft(request: HttpRequest) -> tuple[dict[str, Any], Any]:
    """The answers sent, and the version of the response the page had."""
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ValidationError(_("The request is not valid JSON.")) from None
    answers = body.get("answers") if isinstance(body, dict) else None
    if not isinstance(answers, dict):
        raise ValidationError(_('Send the answers as {"answers": {question key: answer}}.'))
    return answers, body.get("version")


@require_POST
@_guarded
def save_draft(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    """Autosave: the answers that changed are saved; those that cannot be read come back as
    problems by question key, and nothing of them is saved. With ``version``, an answer sent
    that somebody else changed since refuses the draft (409, naming what changed). Permission
    is checked before the body is read."""
    access = acc.writable(request.user, code, survey_id)
    raw, version = _draft(request)
    response = access.response
    assert response is not None
    specs = services.question_specs(access.survey)
    changed = qn.changed_only(specs, raw, services.answers_of(response))
    result = services.save_answers(request.user, response, changed, version=version)
    response.refresh_from_db()
    return JsonResponse(
        {
            "version": response.version,
            "saved": result.saved,
            "problems": result.messages(),
            "elsewhere": result.elsewhere,
            "progress": qn.progress(access.survey, response),
            "status": response.status,
        }
    )


@require_http_methods(["GET", "POST"])
def file_answer(request: HttpRequest, code: str, survey_id: int, key: str) -> HttpResponseBase:
    if request.method == "POST":
        return upload_file(request, code, survey_id, key)
    return download_file(request, code, survey_id, key)


def download_file(request: HttpRequest, code: str, survey_id: int, key: str) -> HttpResponseBase:
    """The uploaded file, for those who may see the response only (a link followed by
    somebody not logged in leads to the login page)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access = acc.resolve(request.user, code, survey_id, start=False)
    if access.response is None:
        raise Http404("response")
    stored = get_object_or_404(
        AnswerFile, answer__response=access.response, answer__question__key=key
    )
    reply = HttpResponse(bytes(stored.content), content_type=served_type(stored.name))
    reply["Content-Disposition"] = content_disposition_header(True, stored.name) or "attachment"
    return reply


@_guarded
def upload_file(request: HttpRequest, code: str, survey_id: int, key: str) -> HttpResponse:
    """Upload a file answer (multipart field ``file``)."""
    access = acc.writable(request.user, code, survey_id)
    assert access.response is not None
    question = get_object_or_404(Question, survey=access.survey, key=key)
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError(_("Choose a file to upload."))
    answer = save_upload(request, access.response, question, upload)
    access.response.refresh_from_db()
    return JsonResponse(
        {
            "version": access.response.version,
            "file": {**(answer.value or {}), "url": request.path},
            "progress": qn.progress(access.survey, access.response),
        }
    )
