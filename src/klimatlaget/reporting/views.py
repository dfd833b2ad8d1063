"""The readiness page of an organisation (each platform's items, the shared questions, what is
due next), the association's view of its members' readiness, and the deadlines calendar.

The readiness page and the association view are public like the organisation's page; an
organisation's editors answer its questions; the platform's secretariat keeps the deadlines."""

from __future__ import annotations

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klimatlaget.accounts.permissions import Permission, has_permission, runs_platform
from klimatlaget.accounts.resolvers import association_or_404, organisation_for, organisation_or_404
from klimatlaget.calc.readiness import Level
from klimatlaget.charts import Bar, bar_chart, number_formatter, responsive
from klimatlaget.concurrency import StaleVersion, VersionForm, show_conflict, versioned_initial
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.reporting.forms import AnswerForm, DeadlineForm
from klimatlaget.reporting.models import Deadline
from klimatlaget.reporting.profiles import profiles, question_keys, question_wording
from klimatlaget.reporting.readiness import association_readiness, default_date, readiness, upcoming
from klimatlaget.reporting.services import (
    answers_for,
    remove_deadline,
    save_answer,
    save_deadline,
)

#: How many deadlines the readiness page shows as due next.
NEXT_DEADLINES = 5


def _year(request: HttpRequest) -> int:
    """The reporting year asked for (``?year=``), else this year."""
    text = request.GET.get("year", "")
    this_year = timezone.localdate().year
    return int(text) if text.isdigit() and 1990 <= int(text) <= this_year + 1 else this_year


def _questions(
    organisation: Any, forms: dict[str, AnswerForm] | None = None
) -> list[dict[str, Any]]:
    keys = question_keys()
    answers = answers_for(organisation, keys)
    asked_by: dict[str, list[str]] = {key: [] for key in keys}
    for each in profiles():
        for item in each.items:
            if item.question and each.name not in asked_by[item.question]:
                asked_by[item.question].append(each.name)
    rows = []
    for key in keys:
        answer = answers.get(key)
        form = (forms or {}).get(key) or AnswerForm(
            initial={"text": answer.text if answer else "", **versioned_initial(answer)},
            prefix=key,
        )
        rows.append(
            {
                "key": key,
                "wording": question_wording(key),
                "answer": answer,
                "asked_by": asked_by[key],
                "form": form,
                "action": reverse(
                    "reporting-answer", kwargs={"code": organisation.code, "key": key}
                ),
            }
        )
    return rows


def _readiness_context(
    request: HttpRequest, organisation: Any, forms: dict[str, AnswerForm] | None = None
) -> dict[str, Any]:
    year = _year(request)
    return {
        "organisation": organisation,
        "year": year,
        "platforms": readiness(organisation, year),
        "questions": _questions(organisation, forms),
        "can_answer": has_permission(request.user, Permission.CHANGE_ORGANISATION, organisation),
        "can_read_history": has_permission(request.user, Permission.VIEW_HISTORY, organisation),
        "due": upcoming(timezone.localdate(), NEXT_DEADLINES),
    }


def readiness_page(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    return render(request, "reporting/readiness.html", _readiness_context(request, organisation))


@login_required
@require_POST
def answer_question(request: HttpRequest, code: str, key: str) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    if key not in question_keys():
        raise Http404(key)
    form = AnswerForm(request.POST, prefix=key)
    if form.is_valid():
        try:
            save_answer(
                request.user,
                organisation,
                key,
                form.cleaned_data["text"],
                version=form.cleaned_data["version"],
            )
        except StaleVersion as error:
            show_conflict(form, error)
        except ValueError as error:
            form.add_error("text", str(error))
        else:
            messages.success(request, _("Answer saved."))
            return redirect(reverse("reporting", kwargs={"code": code}) + f"#question-{key}")
    context = _readiness_context(request, organisation, {key: form})
    return render(request, "reporting/readiness.html", context, status=422)


def _association_rows(report: Any) -> list[dict[str, Any]]:
    return [
        {
            "code": member.organisation.code,
            "name": member.organisation.name,
            **{key: level.value for key, level in member.levels.items()},
        }
        for member in report.members
    ]


def association_page(request: HttpRequest, code: str) -> HttpResponse:
    association = association_or_404(code)
    year = _year(request)
    report = association_readiness(association, year)
    level_names = {Level.READY: _("ready"), Level.PARTLY: _("partly"), Level.NOT: _("not ready")}
    chart = mark_safe(  # noqa: S308 - the chart module escapes every text it draws
        responsive(
            bar_chart,
            [
                Bar(each.key, each.name, report.counts[each.key][Level.READY])
                for each in report.profiles
            ],
            title=_("Members ready to report, by platform"),
            unit=_("members"),
            counts=True,
            number_format=number_formatter(get_language() or "sv", 0),
        )
    )
    csv_url = reverse("association-reporting-csv", kwargs={"code": code})
    context = {
        "association": association,
        "year": year,
        "report": report,
        "chart": chart,
        "level_headers": [level_names[level] for level in Level],
        "platform_rows": [
            (each, [report.counts[each.key][level] for level in Level]) for each in report.profiles
        ],
        "members": [
            {
                "organisation": member.organisation,
                "levels": [
                    (member.levels[each.key], level_names[member.levels[each.key]])
                    for each in report.profiles
                ],
            }
            for member in report.members
        ],
        "csv_url": f"{csv_url}?year={year}",
    }
    return render(request, "reporting/association.html", context)


def association_csv(request: HttpRequest, code: str) -> HttpResponse:
    association = association_or_404(code)
    year = _year(request)
    report = association_readiness(association, year)
    columns = ["code", "name", *(each.key for each in report.profiles)]
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    return csv_response(
        f"reporting-readiness-{association.code}-{year}.csv",
        _association_rows(report),
        columns,
        dialect,
    )


def deadlines(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    stored = list(Deadline.objects.all())
    context = {
        "due": upcoming(today),
        "stored": stored,
        "can_edit": runs_platform(request.user),
    }
    return render(request, "reporting/deadlines.html", context)


def _platform_only(request: HttpRequest) -> None:
    if not runs_platform(request.user):
        raise PermissionDenied("reporting deadlines")


@login_required
@require_http_methods(["GET", "POST"])
def edit_deadline(request: HttpRequest, deadline_id: int | None = None) -> HttpResponse:
    _platform_only(request)
    deadline = get_object_or_404(Deadline, pk=deadline_id) if deadline_id else None
    form = DeadlineForm(
        request.POST or None,
        # The form validates a copy: the service compares the stored values with the new ones.
        instance=copy(deadline) if deadline else None,
        initial=versioned_initial(deadline),
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_deadline(request.user, deadline, form.cleaned_data)
        except StaleVersion as error:
            show_conflict(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("reporting-deadlines")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "reporting/deadline_form.html", {"form": form, "deadline": deadline}, status=status
    )


@login_required
@require_POST
def delete_deadline(request: HttpRequest, deadline_id: int) -> HttpResponse:
    _platform_only(request)
    deadline = get_object_or_404(Deadline, pk=deadline_id)
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        remove_deadline(request.user, deadline, form.cleaned_data.get("version"))
    except StaleVersion as error:
        messages.error(request, error.message())
    else:
        messages.success(request, _("Deadline removed."))
    return redirect("reporting-deadlines")


@login_required
@require_POST
def adopt_defaults(request: HttpRequest) -> HttpResponse:
    """Store the profiles' default deadlines for this year, to be edited from then on."""
    _platform_only(request)
    year = timezone.localdate().year
    stored = {(d.platform, d.title) for d in Deadline.objects.all()}
    added = 0
    for each in profiles():
        for default in each.deadlines:
            if (each.key, default.title) in stored:
                continue
            values = {
                "platform": each.key,
                "title": default.title,
                "due": default_date(default.month, default.day, year),
                "recurs_yearly": default.recurs_yearly,
            }
            save_deadline(request.user, None, values)
            added += 1
    messages.success(request, _("%(count)s deadlines added.") % {"count": added})
    return redirect("reporting-deadlines")
