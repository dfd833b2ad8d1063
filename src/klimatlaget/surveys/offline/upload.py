"""Who may download and upload a member's questionnaire, and saving an upload: all answers or
none, through :func:`klimatlaget.surveys.services.save_answers` (which checks permissions and
records the change)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from klimatlaget.accounts.resolvers import (
    answers_as_member,
    member_for,
    member_survey,
)
from klimatlaget.concurrency import StaleVersion
from klimatlaget.organisations.models import Organisation
from klimatlaget.surveys import services
from klimatlaget.surveys.messages import problem_text
from klimatlaget.surveys.models import Response, Survey, SurveyState
from klimatlaget.surveys.offline import layout
from klimatlaget.surveys.offline.reading import (
    CellError,
    Reading,
    Rejected,
    check_size,
    read_workbook,
)
from klimatlaget.surveys.offline.writing import questionnaire_xlsx

User = services.User


def survey_and_member(user: User, survey_id: int, code: str) -> tuple[Survey, Organisation]:
    """The survey and the member, for the member's editors and the secretariat only. Anybody
    else gets a 404, as if the member's response did not exist."""
    member = member_for(user, code)
    return member_survey(user, survey_id, member), member


def download(user: User, survey: Survey, member: Organisation, upload_url: str) -> bytes:
    """The questionnaire with the current answers. The member's first download starts the
    response, so that answers pre-filled from last year and the platform are in the file."""
    response = services.response_for(survey, member)
    answering = answers_as_member(user, survey, member)
    if response is None and survey.state == SurveyState.OPEN and answering:
        response = services.start_response(user, survey, member)
    return questionnaire_xlsx(survey, member, response, upload_url)


def editable_problem(survey: Survey, member: Organisation) -> str:
    """Why the member's answers cannot be changed now; empty when they can."""
    if survey.state != SurveyState.OPEN:
        return _("The survey is not open for answers.")
    response = services.response_for(survey, member)
    if response is not None and not response.editable:
        return _("The response has been submitted and can no longer be changed.")
    return ""


def _changes(response: Response, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers that differ from the stored ones, or confirm a pre-filled one. A blank cell
    for a question never answered is not a change."""
    stored = {a.question.key: a for a in response.answers.select_related("question")}
    changes = {}
    for key, value in answers.items():
        answer = stored.get(key)
        if answer is None:
            if value is not None:
                changes[key] = value
        elif answer.value != value or not answer.confirmed:
            changes[key] = value
    return changes


def upload(user: User, survey: Survey, member: Organisation, file: UploadedFile) -> int:
    """Save every answer of the uploaded questionnaire; returns how many answers changed or
    were confirmed. Raises :class:`Rejected` (nothing saved) with the problems by cell."""
    if not answers_as_member(user, survey, member):
        raise PermissionDenied("answer")
    problem = editable_problem(survey, member)
    if problem:
        raise Rejected(problem)
    check_size(file.size or 0)  # before reading it into memory
    reading = read_workbook(file.read(), survey, member)
    if reading.errors:
        raise Rejected(
            _("Nothing was saved. Correct the cells listed and upload the file again."),
            reading.errors,
        )
    try:
        with transaction.atomic():
            response = services.start_response(user, survey, member)
            result = services.save_answers(
                user,
                response,
                _changes(response, reading.answers),
                all_or_nothing=True,
                version=reading.version,
            )
            if result.problems:
                raise _Problems(result.problems)
    except _Problems as failed:
        errors = [
            CellError(*reading.places.get(key, ("", None)), key, problem_text(p))
            for key, p in failed.problems.items()
        ]
        raise Rejected(_("Nothing was saved."), errors) from None
    except ValidationError as error:
        raise Rejected(" ".join(error.messages)) from None
    except StaleVersion as stale:
        raise _stale(stale, reading) from None
    return len(result.saved)


def _stale(stale: StaleVersion, reading: Reading) -> Rejected:
    """The answers changed on the web after the file was downloaded, each at its cell."""
    errors = []
    for key, value in stale.changed.items():
        sheet, row = reading.places.get(key, ("", None))
        cell = f"{get_column_letter(layout.ANSWER_COLUMN)}{row}" if row else ""
        message = _("Changed after the file was downloaded; the answer is now: %(value)s") % {
            "value": "—" if value is None else value
        }
        errors.append(CellError(sheet, row, key, message, cell))
    return Rejected(
        _(
            "Nothing was saved: answers in the file were changed on the web after it was "
            "downloaded (version %(file)s, now %(current)s). Download the questionnaire again, "
            "so that no newer answer is replaced by an older one."
        )
        % {"file": stale.expected, "current": stale.current},
        errors,
    )


class _Problems(Exception):
    def __init__(self, problems: dict[str, Any]) -> None:
        super().__init__("problems")
        self.problems = problems
