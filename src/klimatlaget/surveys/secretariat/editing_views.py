"""The question editor's pages: add, change, move and remove a survey's sections and questions.

Secretariat only (anonymous users are sent to log in, everybody else gets 403); the writes go
through :mod:`.editing`, which checks the permission again, applies the draft/open rules and
records each change.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klimatlaget.accounts.resolvers import managed_survey
from klimatlaget.concurrency import StaleVersion, changed_text, posted_version
from klimatlaget.surveys.models import Survey, SurveyState
from klimatlaget.surveys.secretariat import editing
from klimatlaget.surveys.secretariat.question_forms import (
    QuestionForm,
    SectionForm,
    initial_of,
)
from klimatlaget.web.forms import save_or_show


def _survey(request: HttpRequest, code: str, survey_id: int) -> Survey:
    return managed_survey(request.user, survey_id, code)


def _overview(survey: Survey, anchor: str = "") -> HttpResponse:
    response = redirect("survey-overview", code=survey.association.code, survey_id=survey.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _question(layout: editing.Layout, key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    try:
        return editing.find_question(layout, key)
    except ValidationError as error:
        raise Http404(key) from error


def _section(layout: editing.Layout, key: str) -> dict[str, Any]:
    try:
        return editing.find_section(layout, key)
    except ValidationError as error:
        raise Http404(key) from error


def _earlier(layout: editing.Layout, key: str | None, section_key: str) -> list[dict[str, Any]]:
    """The questions before question ``key``, or (a new one) before the end of the section."""
    earlier: list[dict[str, Any]] = []
    for section in layout:
        for question in section["questions"]:
            if question["key"] == key:
                return earlier
            earlier.append(question)
        if key is None and section["key"] == section_key:
            return earlier
    return earlier


def _refused(request: HttpRequest, error: ValidationError | StaleVersion) -> None:
    if isinstance(error, StaleVersion):
        messages.error(request, f"{error.message()} {changed_text(error)}")
        return
    for problem in error.messages:
        messages.error(request, problem)


def _context(survey: Survey, **extra: Any) -> dict[str, Any]:
    return {
        "association": survey.association,
        "survey": survey,
        "draft": survey.state == SurveyState.DRAFT,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = _survey(request, code, survey_id)
    layout = editing.layout_of(survey)
    if not layout:
        messages.error(request, _("Add a section first."))
        return _overview(survey)
    section_key = request.POST.get("section") or request.GET.get("section") or layout[-1]["key"]
    form = QuestionForm(
        request.POST or None,
        sections=[(s["key"], s["title"]) for s in layout],
        earlier=_earlier(layout, None, section_key),
        draft=survey.state == SurveyState.DRAFT,
        initial={"section": section_key},
    )
    if request.method == "POST" and form.is_valid():
        item = form.item()
        section = form.cleaned_data["section"]
        if save_or_show(form, lambda: editing.add_question(request.user, survey, section, item)):
            messages.success(request, _("The question %(key)s was added.") % {"key": item["key"]})
            return _overview(survey, f"section-{section}")
    context = _context(survey, form=form, question=None)
    return render(request, "surveys/secretariat/question_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, code: str, survey_id: int, key: str) -> HttpResponse:
    survey = _survey(request, code, survey_id)
    layout = editing.layout_of(survey)
    section, question = _question(layout, key)
    form = QuestionForm(
        request.POST or None,
        sections=[(s["key"], s["title"]) for s in layout],
        earlier=_earlier(layout, key, section["key"]),
        draft=survey.state == SurveyState.DRAFT,
        existing=question,
        initial={**initial_of(question), "section": section["key"], "version": survey.version},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {**form.item(), "section": data["section"], "version": data["version"]}
        if save_or_show(form, lambda: editing.change_question(request.user, survey, key, changes)):
            messages.success(request, _("The question %(key)s was saved.") % {"key": key})
            return _overview(survey, f"section-{changes['section']}")
    context = _context(survey, form=form, question=question)
    return render(request, "surveys/secretariat/question_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request: HttpRequest, code: str, survey_id: int, key: str) -> HttpResponse:
    """GET: what will be removed and what stands in the way; POST: remove it."""
    survey = _survey(request, code, survey_id)
    layout = editing.layout_of(survey)
    _section_of, question = _question(layout, key)
    if request.method == "POST":
        version = posted_version(request.POST.get("version"))
        try:
            editing.remove_question(request.user, survey, key, version)
        except (ValidationError, StaleVersion) as error:
            _refused(request, error)
            return redirect(request.path)
        messages.success(request, _("The question %(key)s was removed.") % {"key": key})
        return _overview(survey)
    context = _context(
        survey,
        what="question",
        item=question,
        questions=[question],
        blockers=editing.dependants(survey, layout, key),
    )
    return render(request, "surveys/secretariat/confirm_delete.html", context)


@login_required
@require_POST
def question_move(request: HttpRequest, code: str, survey_id: int, key: str) -> HttpResponse:
    survey = _survey(request, code, survey_id)
    section, _question_item = _question(editing.layout_of(survey), key)
    direction: editing.Direction = "up" if request.POST.get("direction") == "up" else "down"
    try:
        editing.move_question(request.user, survey, key, direction)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    return _overview(survey, f"section-{section['key']}")


@login_required
@require_http_methods(["GET", "POST"])
def section_add(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = _survey(request, code, survey_id)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if save_or_show(form, lambda: editing.add_section(request.user, survey, data)):
            messages.success(request, _("The section was added."))
            return _overview(survey, f"section-{data['key']}")
    return render(
        request, "surveys/secretariat/section_form.html", _context(survey, form=form, section=None)
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, code: str, survey_id: int, key: str) -> HttpResponse:
    survey = _survey(request, code, survey_id)
    section = _section(editing.layout_of(survey), key)
    form = SectionForm(
        request.POST or None,
        draft=survey.state == SurveyState.DRAFT,
        initial={
            **{
                k: section.get(k, "")
                for k in ("key", "title", "description", "title_en", "description_en")
            },
            "version": survey.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if save_or_show(form, lambda: editing.change_section(request.user, survey, key, data)):
            messages.success(request, _("The section was saved."))
            return _overview(survey, f"section-{data['key']}")
    context = _context(survey, form=form, section=section)
    return render(request, "surveys/secretariat/section_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def section_delete(request: HttpRequest, code: str, survey_id: int, key: str) -> HttpResponse:
    survey = _survey(request, code, survey_id)
    layout = editing.layout_of(survey)
    section = _section(layout, key)
    if request.method == "POST":
        version = posted_version(request.POST.get("version"))
        try:
            editing.remove_section(request.user, survey, key, version)
        except (ValidationError, StaleVersion) as error:
            _refused(request, error)
            return redirect(request.path)
        messages.success(request, _("The section was removed."))
        return _overview(survey)
    inside = {question["key"] for question in section["questions"]}
    blockers = [
        name
        for question_key in sorted(inside)
        for name in editing.dependants(survey, layout, question_key)
        if not any(name == _("question %(key)s") % {"key": k} for k in inside)
    ]
    context = _context(
        survey, what="section", item=section, questions=section["questions"], blockers=blockers
    )
    return render(request, "surveys/secretariat/confirm_delete.html", context)


@login_required
@require_POST
def section_move(request: HttpRequest, code: str, survey_id: int, key: str) -> HttpResponse:
    survey = _survey(request, code, survey_id)
    _section(editing.layout_of(survey), key)
    direction: editing.Direction = "up" if request.POST.get("direction") == "up" else "down"
    try:
        editing.move_section(request.user, survey, key, direction)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    return _overview(survey, f"section-{key}")
