"""A member's survey pages: its surveys, and the questionnaire that its editors answer.

The pages work without JavaScript: the whole form is posted to save a draft or to submit, and
the server redirects after a successful post. ``answering.js`` adds conditions, table rows and
autosave through :mod:`.endpoints`. Every write goes through :mod:`klimatlaget.surveys.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klimatlaget.accounts import resolvers
from klimatlaget.concurrency import StaleVersion, posted_version
from klimatlaget.surveys import services
from klimatlaget.surveys.answering import access as acc
from klimatlaget.surveys.answering import questionnaire as qn
from klimatlaget.surveys.answering.uploads import save_uploads
from klimatlaget.surveys.models import Response, ResponseStatus, SurveyState

SUBMITTED = (ResponseStatus.SUBMITTED, ResponseStatus.APPROVED)


@login_required
def member_surveys(request: HttpRequest, code: str) -> HttpResponse:
    member = resolvers.member_for(request.user, code)
    responses = {r.survey_id: r for r in Response.objects.filter(member=member)}
    rows = []
    for survey in resolvers.member_surveys(request.user, member):
        response = responses.get(survey.pk)
        answers = resolvers.answers_as_member(request.user, survey, member)
        editable = response.editable if response else survey.state == SurveyState.OPEN
        rows.append({"survey": survey, "response": response, "answerable": answers and editable})
    return render(
        request, "surveys/answering/member_surveys.html", {"member": member, "rows": rows}
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_page(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    if request.method == "POST":
        return _post(request, acc.writable(request.user, code, survey_id))
    return _render(request, acc.resolve(request.user, code, survey_id))


def _render(
    request: HttpRequest,
    access: acc.Access,
    raw: dict[str, Any] | None = None,
    problems: dict[str, str] | None = None,
    submit_problems: list[str] | None = None,
    conflict: StaleVersion | None = None,
) -> HttpResponse:
    response = access.response
    context = {
        "survey": access.survey,
        "member": access.member,
        "response": response,
        "editable": access.editable,
        "questionnaire": qn.build(access.survey, response, raw, problems),
        "submit_problems": submit_problems or [],
        "conflict": conflict,
        "status_label": response.get_status_display() if response else _("Not started"),
    }
    status = 409 if conflict else 422 if (problems or submit_problems) else 200
    return render(request, "surveys/answering/questionnaire.html", context, status=status)


def _post(request: HttpRequest, access: acc.Access) -> HttpResponse:
    assert access.response is not None
    action = request.POST.get("action", "save")
    if action == "submit" and access.response.status in SUBMITTED:
        return _submitted(request, access)  # a second click on "submit": nothing to do
    try:
        if action == "confirm":
            return _confirm(request, access)
        return _save(request, access, submit=action == "submit")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("survey-answer", code=access.member.code, survey_id=access.survey.pk)


def _submitted(request: HttpRequest, access: acc.Access) -> HttpResponse:
    messages.success(request, _("Your response has been submitted. Thank you!"))
    return redirect("survey-answer", code=access.member.code, survey_id=access.survey.pk)


def _confirm(request: HttpRequest, access: acc.Access) -> HttpResponse:
    assert access.response is not None
    version = posted_version(request.POST.get("version"))
    try:
        count = services.confirm_prefilled(request.user, access.response, version)
    except StaleVersion as conflict:
        return _stale(request, access, conflict)
    messages.success(request, _("%(count)s pre-filled answers confirmed.") % {"count": count})
    return redirect("survey-answer", code=access.member.code, survey_id=access.survey.pk)


def _save(request: HttpRequest, access: acc.Access, *, submit: bool) -> HttpResponse:
    """Save the whole posted form (and its files); submit it too if asked and complete."""
    response = access.response
    assert response is not None
    specs = services.question_specs(access.survey)
    raw = qn.posted_answers(specs, request.POST)
    changed = qn.changed_only(specs, raw, services.answers_of(response))
    version = posted_version(request.POST.get("version"))
    try:
        # Submitting: the form must have shown everything stored, not only the answers it sends.
        saved = services.save_answers(
            request.user, response, changed, version=version, all_seen=submit
        )
    except StaleVersion as conflict:
        return _stale(request, access, conflict, raw)
    problems = saved.messages()
    problems.update(save_uploads(request, response))
    if problems:
        messages.error(request, _("Some answers could not be saved; see below."))
        return _render(request, _fresh(access), raw, problems)
    if submit:
        try:
            services.submit(request.user, response)
        except ValidationError as error:
            return _render(request, _fresh(access), submit_problems=error.messages)
        return _submitted(request, access)
    messages.success(request, _("Your answers were saved."))
    return redirect("survey-answer", code=access.member.code, survey_id=access.survey.pk)


def _stale(
    request: HttpRequest,
    access: acc.Access,
    conflict: StaleVersion,
    raw: dict[str, Any] | None = None,
) -> HttpResponse:
    """Nothing was saved: the page again (with the user's answers ``raw``), the answers changed
    elsewhere named beside their questions with the answer now stored."""
    now = _("Changed by somebody else after you opened the page, now: %(answer)s")
    stale = {key: now % {"answer": value} for key, value in conflict.changed.items()}
    return _render(request, _fresh(access), raw, stale, conflict=conflict)


def _fresh(access: acc.Access) -> acc.Access:
    if access.response is not None:
        access.response.refresh_from_db()
    return access
