"""Uploading and downloading file answers. A file's size and type are checked against the
question's limits before its content is read, so an oversized file is refused with a clear
message instead of filling the memory."""

from __future__ import annotations

import mimetypes

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest

from klimatlaget.calc import surveys as calc
from klimatlaget.concurrency import StaleVersion, posted_version
from klimatlaget.surveys import services
from klimatlaget.surveys.answering.questionnaire import UPLOAD
from klimatlaget.surveys.messages import problem_text
from klimatlaget.surveys.models import Answer, Question, Response


def save_upload(
    request: HttpRequest, response: Response, question: Question, upload: UploadedFile
) -> Answer:
    """Store ``upload`` as the answer to ``question``; raises ValidationError with the reason,
    or StaleVersion when somebody else answered it after the version posted with it."""
    name = upload.name or "file"
    try:
        calc.answers.check_file(question.spec(), name, upload.size or 0)
    except calc.AnswerProblem as problem:
        raise ValidationError(problem_text(problem), code=problem.code) from None
    content_type = upload.content_type or "application/octet-stream"
    version = posted_version(request.POST.get("version"))
    return services.save_file(
        request.user, response, question, name, content_type, upload.read(), version
    )


def save_uploads(request: HttpRequest, response: Response) -> dict[str, str]:
    """Save every file of a posted questionnaire; the problems by question key."""
    problems: dict[str, str] = {}
    for question in response.survey.questions.filter(kind=calc.QuestionKind.FILE):
        upload = request.FILES.get(UPLOAD + question.key)
        if upload is None:
            continue
        try:
            save_upload(request, response, question, upload)
        except ValidationError as error:
            problems[question.key] = " ".join(error.messages)
        except StaleVersion as stale:
            problems[question.key] = stale.message()
    return problems


def served_type(name: str) -> str:
    """The type a stored file is served as: guessed from its (checked) extension, never the
    type the uploader claimed, so a file cannot pass itself off as a web page."""
    guessed, _encoding = mimetypes.guess_type(name)
    if guessed is None or guessed.startswith("text/html") or "javascript" in guessed:
        return "application/octet-stream"
    return guessed
