"""The follow-up pages: an organisation's periods (editors prepare new ones there), and a period
with its measure and indicator reports, filled in on the page by the editors (every row) and by
the measures' owners (their own rows), approved and locked by an editor, and as CSV.

Who sees and writes what is decided by the access layer: approved periods are public, open ones
are read by those who read the organisation's history and by the owners of its measures
(:func:`klimatlaget.accounts.resolvers.visible_period`); the services refuse every other write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from klimatlaget.accounts.permissions import Permission, has_permission, may_report_on
from klimatlaget.accounts.resolvers import (
    editable_period,
    organisation_for,
    organisation_or_404,
    owned_measures,
    visible_period,
    visible_periods,
)
from klimatlaget.concurrency import StaleVersion, VersionForm, show_conflict
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.followup import services, table
from klimatlaget.followup.forms import IndicatorReportForm, MeasureReportForm, PrepareForm
from klimatlaget.followup.models import (
    FollowUpPeriod,
    IndicatorReport,
    MeasureReport,
    locked_message,
)
from klimatlaget.followup.queries import with_progress
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation

Period = tuple[int, int]


# The organisation's periods ----------------------------------------------------------------


def _this_quarter() -> dict[str, int]:
    today = timezone.localdate()
    return {"year": today.year, "quarter": (today.month - 1) // 3 + 1}


def _list_page(
    request: HttpRequest, organisation: Organisation, form: PrepareForm | None
) -> HttpResponse:
    can_edit = has_permission(request.user, Permission.CHANGE_ORGANISATION, organisation)
    context = {
        "organisation": organisation,
        "periods": with_progress(visible_periods(request.user, organisation)),
        "can_edit": can_edit,
        "form": (form or PrepareForm(initial=_this_quarter())) if can_edit else None,
    }
    return render(request, "followup/period_list.html", context)


def period_list(request: HttpRequest, code: str) -> HttpResponse:
    if request.method == "POST":
        return _prepare(request, code)
    return _list_page(request, organisation_or_404(code), None)


@login_required
def _prepare(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    form = PrepareForm(request.POST)
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        try:
            period = services.prepare_period(request.user, organisation, year, quarter)
        except ValidationError as error:
            for key, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(key if key in form.fields else None, problem)
        else:
            messages.success(
                request, _("The follow-up of %(period)s was prepared.") % {"period": period.label}
            )
            return redirect(period)
    return _list_page(request, organisation, form)


# A period ----------------------------------------------------------------------------------


@dataclass
class Row:
    """A measure's report in the period's table, with the form when the user fills it in."""

    report: MeasureReport
    form: MeasureReportForm | None


def _owners(reports: list[MeasureReport]) -> dict[int, set[int]]:
    owners: dict[int, set[int]] = {}
    links = Measure.owners.through.objects.filter(
        measure_id__in=[r.measure_id for r in reports if r.measure_id is not None]
    )
    for measure_id, user_id in links.values_list("measure_id", "user_id"):
        owners.setdefault(measure_id, set()).add(user_id)
    return owners


def _posted(data: Any, prefix: str) -> Any:
    """The posted data for the row ``prefix`` if the row was posted (it carries its version),
    else None: a row not on the page that was posted is left as it is."""
    return data if data is not None and f"{prefix}-version" in data else None


def _rows(request: HttpRequest, period: FollowUpPeriod, data: Any = None) -> list[Row]:
    reports = list(period.measure_reports.select_related("measure"))
    owners = _owners(reports)
    rows = []
    for report in reports:
        report.period = period
        writes = not period.approved and may_report_on(
            request.user, period.organisation, owners.get(report.measure_id or 0, set())
        )
        posted = _posted(data, f"m{report.pk}")
        rows.append(Row(report, MeasureReportForm(posted, report=report) if writes else None))
    return rows


def _indicator_forms(
    request: HttpRequest, period: FollowUpPeriod, data: Any = None
) -> list[tuple[IndicatorReport, IndicatorReportForm | None]]:
    writes = not period.approved and has_permission(
        request.user, Permission.CHANGE_ORGANISATION, period.organisation
    )
    return [
        (
            report,
            IndicatorReportForm(_posted(data, f"i{report.pk}"), report=report) if writes else None,
        )
        for report in period.indicator_reports.all()
    ]


def _page(
    request: HttpRequest,
    period: FollowUpPeriod,
    rows: list[Row],
    indicators: list[tuple[IndicatorReport, IndicatorReportForm | None]],
    status: int = 200,
) -> HttpResponse:
    organisation = period.organisation
    can_edit = has_permission(request.user, Permission.CHANGE_ORGANISATION, organisation)
    filled = sum(1 for row in rows if row.report.filled)
    context = {
        "organisation": organisation,
        "period": period,
        "rows": rows,
        "indicators": indicators,
        "filled": filled,
        "total": len(rows),
        "unfilled": [row.report.measure_code for row in rows if not row.report.filled],
        "writes": any(row.form for row in rows) or any(form for _r, form in indicators),
        "can_edit": can_edit and not period.approved,
        "version_form": VersionForm(initial={"version": period.version}),
    }
    return render(request, "followup/period.html", context, status=status)


def period_page(request: HttpRequest, code: str, period: Period) -> HttpResponse:
    if request.method == "POST":
        return _save(request, code, period)
    found = visible_period(request.user, code, *period)
    return _page(request, found, _rows(request, found), _indicator_forms(request, found))


class _NotSaved(Exception):
    """A row was refused: roll back every row saved before it."""


def _save_row(request: HttpRequest, form: MeasureReportForm | IndicatorReportForm) -> bool:
    report = form.report
    try:
        if isinstance(form, MeasureReportForm):
            assert isinstance(report, MeasureReport)
            services.report_on_measure(request.user, report, form.values())
        else:
            assert isinstance(report, IndicatorReport)
            services.report_on_indicator(request.user, report, form.values())
    except StaleVersion as error:
        show_conflict(form, error)
        return False
    except ValidationError as error:
        for key, problems in error.message_dict.items():
            for problem in problems:
                form.add_error(key if key in form.fields else None, problem)
        return False
    return True


@login_required
@require_POST
def _save(request: HttpRequest, code: str, key: Period) -> HttpResponse:
    """Save every row changed (or confirmed) on the page, all or nothing."""
    period = visible_period(request.user, code, *key)
    if period.approved:
        if not (
            has_permission(request.user, Permission.CHANGE_ORGANISATION, period.organisation)
            or owned_measures(request.user).filter(organisation=period.organisation).exists()
        ):
            raise PermissionDenied(Permission.CHANGE_ORGANISATION.value)
        messages.error(request, locked_message(period.year, period.quarter))
        return redirect(period)
    rows = _rows(request, period, request.POST)
    indicators = _indicator_forms(request, period, request.POST)
    forms: list[MeasureReportForm | IndicatorReportForm] = [
        *(row.form for row in rows if row.form is not None),
        *(form for _report, form in indicators if form is not None),
    ]
    if not forms:
        raise PermissionDenied(Permission.CHANGE_ORGANISATION.value)
    forms = [form for form in forms if form.is_bound]
    valid = all([form.is_valid() for form in forms])
    chosen = [form for form in forms if valid and form.to_save]
    if valid and not chosen:
        messages.info(request, _("Nothing to save."))
        return redirect(period)
    if valid:
        try:
            with transaction.atomic():
                if not all([_save_row(request, form) for form in chosen]):
                    raise _NotSaved
        except _NotSaved:
            for form in chosen:
                form.report.refresh_from_db()
        else:
            count = len(chosen)
            messages.success(
                request,
                ngettext("%(count)d row was saved.", "%(count)d rows were saved.", count)
                % {"count": count},
            )
            return redirect(period)
    messages.error(request, _("Nothing was saved: correct the rows marked below."))
    return _page(request, period, rows, indicators)


def _act_on(request: HttpRequest, act: Callable[[Any], None], done: str) -> bool:
    """Do ``act`` with the version the form sent; say how it went. True when it was done."""
    form = VersionForm(request.POST)
    form.is_valid()
    try:
        act(form.cleaned_data.get("version"))
    except StaleVersion as error:
        messages.error(request, error.message())
        return False
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
        return False
    messages.success(request, done)
    return True


@login_required
@require_POST
def approve(request: HttpRequest, code: str, period: Period) -> HttpResponse:
    found = editable_period(request.user, code, *period)
    _act_on(
        request,
        lambda version: services.approve_period(request.user, found, version),
        _("The period was approved and locked."),
    )
    return redirect(found)


@login_required
@require_POST
def delete(request: HttpRequest, code: str, period: Period) -> HttpResponse:
    found = editable_period(request.user, code, *period)
    if _act_on(
        request,
        lambda version: services.delete_period(request.user, found, version),
        _("The period was deleted."),
    ):
        return redirect("follow-up-list", code=code)
    return redirect(found)


def period_csv(request: HttpRequest, code: str, period: Period) -> HttpResponse:
    found = visible_period(request.user, code, *period)
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    rows = table.rows(found)
    name = f"{found.organisation.code}-follow-up-{found.year}" + (
        f"-q{found.quarter}" if found.quarter else ""
    )
    return csv_response(name, rows, table.COLUMNS, dialect)
