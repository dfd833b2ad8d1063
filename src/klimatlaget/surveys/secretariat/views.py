"""The secretariat's survey pages: the association's surveys, one survey's overview and
settings, the status board with review actions, and sending invitations and reminders.

Every page needs ``MANAGE_ASSOCIATION``; anonymous users are sent to the login page and
everybody else gets 403. Writes go through :mod:`.running`, :mod:`.dispatch` and
:mod:`klimatlaget.surveys.services`, which check the permission again and record the change.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from klimatlaget.accounts.resolvers import managed_association, managed_response, managed_survey
from klimatlaget.concurrency import StaleVersion, changed_text, versioned_initial
from klimatlaget.exports.responses import csv_response
from klimatlaget.surveys import services
from klimatlaget.surveys.models import DispatchKind, Survey
from klimatlaget.surveys.secretariat import dispatch, running
from klimatlaget.surveys.secretariat.charts import status_chart
from klimatlaget.surveys.secretariat.forms import (
    CreateSurveyForm,
    ReviewForm,
    SurveySettingsForm,
)
from klimatlaget.surveys.secretariat.status import COLUMNS, member_statuses, status_counts
from klimatlaget.web.forms import save_or_show


def _survey(request: HttpRequest, code: str, survey_id: int) -> Survey:
    return managed_survey(request.user, survey_id, code)


@login_required
@require_http_methods(["GET", "POST"])
def survey_list(request: HttpRequest, code: str) -> HttpResponse:
    association = managed_association(request.user, code)
    form = CreateSurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        created: list[Survey] = []
        if save_or_show(
            form,
            lambda: created.append(
                running.create(
                    request.user, association, data["year"], data["kind"], data["source"]
                )
            ),
        ):
            messages.success(request, _("The survey was created in draft."))
            return redirect("survey-overview", code=association.code, survey_id=created[0].pk)
    surveys = [
        (survey, status_counts(member_statuses(survey)))
        for survey in Survey.objects.filter(association=association).order_by("-year", "kind")
    ]
    context = {"association": association, "surveys": surveys, "form": form}
    return render(request, "surveys/secretariat/survey_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_overview(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = _survey(request, code, survey_id)
    stored = Survey.objects.get(pk=survey.pk)
    form = SurveySettingsForm(
        request.POST or None, instance=stored, initial=versioned_initial(stored)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if save_or_show(
            form,
            lambda: running.update_settings(
                request.user,
                survey,
                title=data["title"],
                deadline=data["deadline"],
                state=data["state"],
                version=data["version"],
            ),
        ):
            messages.success(request, _("The survey's settings were saved."))
            return redirect("survey-overview", code=code, survey_id=survey.pk)
    sections = survey.sections.prefetch_related("questions")
    context = {"association": survey.association, "survey": survey, "sections": sections}
    context["form"] = form
    return render(request, "surveys/secretariat/survey_overview.html", context)


@login_required
def survey_status(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = _survey(request, code, survey_id)
    rows = member_statuses(survey)
    counts = status_counts(rows)
    context: dict[str, Any] = {
        "association": survey.association,
        "survey": survey,
        "rows": rows,
        "counts": counts,
        "outstanding": sum(1 for row in rows if row.outstanding),
        "chart": status_chart(counts),
    }
    return render(request, "surveys/secretariat/survey_status.html", context)


@login_required
def survey_status_csv(request: HttpRequest, code: str, survey_id: int) -> HttpResponse:
    survey = _survey(request, code, survey_id)
    table = [row.as_dict() for row in member_statuses(survey)]
    return csv_response(f"{survey.association.code}-survey-{survey.pk}-status", table, COLUMNS)


@login_required
@require_POST
def survey_review(
    request: HttpRequest, code: str, survey_id: int, member_code: str
) -> HttpResponse:
    found = managed_response(request.user, survey_id, member_code, code)
    survey = found.survey
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for problems in form.errors.values():
            for problem in problems:
                messages.error(request, f"{found.member.name}: {problem}")
    else:
        _review(request, found, form.cleaned_data)
    return redirect("survey-status", code=code, survey_id=survey.pk)


def _review(request: HttpRequest, response: Any, posted: dict[str, Any]) -> None:
    name = response.member.name
    action, comment, version = posted["action"], posted["comment"], posted["version"]
    try:
        if action == "approve":
            services.approve(request.user, response, comment, version)
            approved = _("%(member)s: the response was approved.") % {"member": name}
            messages.success(request, approved)
            return
        returned = services.return_for_correction(request.user, response, comment, version)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, f"{name}: {problem}")
        return
    except StaleVersion as stale:
        messages.error(request, f"{name}: {stale.message()} {changed_text(stale)}")
        return
    told = dispatch.send_returned(request.user, returned, dispatch.base_url(request))
    messages.success(request, _returned_message(name, told))


def _returned_message(name: str, told: int) -> str:
    if not told:
        return _(
            "%(member)s: the response was returned for correction. The member has no contact, "
            "so nobody was e-mailed."
        ) % {"member": name}
    return ngettext(
        "%(member)s: the response was returned for correction; %(n)s address was e-mailed.",
        "%(member)s: the response was returned for correction; %(n)s addresses were e-mailed.",
        told,
    ) % {"member": name, "n": told}


@login_required
@require_http_methods(["GET", "POST"])
def survey_dispatch(request: HttpRequest, code: str, survey_id: int, kind: str) -> HttpResponse:
    """GET: what would be sent, to confirm; POST: send it."""
    survey = _survey(request, code, survey_id)
    if kind not in DispatchKind.values:
        raise Http404(kind)
    if request.method == "POST":
        try:
            sent = dispatch.send(request.user, survey, kind, dispatch.base_url(request))
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, _sent_message(sent))
        return redirect("survey-status", code=code, survey_id=survey.pk)
    context = {
        "association": survey.association,
        "survey": survey,
        "kind": DispatchKind(kind),
        "plan": dispatch.plan(survey, kind),
    }
    return render(request, "surveys/secretariat/dispatch_confirm.html", context)


def _sent_message(sent: dispatch.Round) -> str:
    text = ngettext("Sent to %(n)s member.", "Sent to %(n)s members.", len(sent.recipients)) % {
        "n": len(sent.recipients)
    }
    if sent.no_contact:
        text += " " + _("Without contact, not sent: %(names)s.") % {
            "names": ", ".join(m.name for m in sent.no_contact)
        }
    return text
