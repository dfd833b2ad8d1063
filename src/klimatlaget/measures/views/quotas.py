"""An organisation's emission quotas per responsible unit: the table of a year with its chart
and CSV, and for its editors adding, changing and deleting quotas and entering their emissions
by period."""

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klimatlaget.accounts.resolvers import in_organisation, organisation_or_404
from klimatlaget.calc.budget_status import AMBER, GREEN, RED
from klimatlaget.charts import Bar, bar_chart, number_formatter, responsive
from klimatlaget.concurrency import StaleVersion, VersionForm, show_conflict, versioned_initial
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.measures import quota_table
from klimatlaget.measures.forms import OutcomesForm, QuotaForm
from klimatlaget.measures.models import EmissionQuota
from klimatlaget.measures.quotas import (
    create_quota,
    delete_quota,
    outcome_field,
    outcomes_of,
    set_outcomes,
    update_quota,
)
from klimatlaget.measures.views.common import can_edit, editable, saved
from klimatlaget.organisations.models import Organisation

UNIT = "t CO₂e"


def light(value: str) -> dict[str, str] | None:
    """The light's text and CSS class, as on the budget page (never colour alone)."""
    texts = {
        GREEN: (_("Within quota"), "flag flag-good"),
        AMBER: (_("At risk"), "flag"),
        RED: (_("Over quota"), "flag flag-bad"),
    }
    if value not in texts:
        return None
    text, css = texts[value]
    return {"value": value, "text": text, "css": css}


def _year(request: HttpRequest, years: list[int]) -> int | None:
    """The year asked for (any sensible year), else the latest with quotas."""
    asked = request.GET.get("year", "")
    if asked.isdigit() and 1900 <= int(asked) <= 2100:
        return int(asked)
    return years[0] if years else None


def _chart(organisation: Organisation, year: int, rows: list[dict[str, Any]]) -> SafeString:
    """Each unit's quota beside its emissions so far."""
    bars = []
    for row in rows:
        bars.append(Bar(f"quota-{row['id']}", _("%(unit)s: quota") % row, row["quota_t"]))
        bars.append(Bar(f"outcome-{row['id']}", _("%(unit)s: emissions") % row, row["outcome_t"]))
    svg = responsive(
        bar_chart,
        bars,
        title=_("Emission quotas and emissions %(year)s, %(name)s")
        % {"year": year, "name": organisation.name},
        description=_(
            "For each responsible unit its quota for the year and its emissions in the periods "
            "followed up so far."
        ),
        unit=UNIT,
        number_format=number_formatter(get_language() or "sv"),
        no_data_text=_("not followed up"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


def quota_list(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    years = quota_table.years_of(organisation)
    year = _year(request, years)
    quotas = list(quota_table.quotas_of(organisation, year)) if year else []
    rows = [quota_table.quota_row(quota) for quota in quotas]
    for row in rows:
        row["light_shown"] = light(row["light"])
    total = quota_table.total_row(quotas)
    total["light_shown"] = light(total["light"])
    context = {
        "organisation": organisation,
        "years": years,
        "year": year,
        "rows": rows,
        "total": total,
        "chart": _chart(organisation, year, rows) if rows and year else None,
        "can_edit": can_edit(request, organisation),
    }
    return render(request, "measures/quota_list.html", context)


def quota_list_csv(request: HttpRequest, code: str) -> HttpResponse:
    """The quotas of the year asked for (of every year without one)."""
    organisation = organisation_or_404(code)
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and 1900 <= int(asked) <= 2100 else None
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    rows = quota_table.table_rows(list(quota_table.quotas_of(organisation, year)))
    name = f"{organisation.code}-quotas" + (f"-{year}" if year else "")
    return csv_response(name, rows, quota_table.COLUMNS, dialect)


def _listed(quota: EmissionQuota) -> HttpResponse:
    response = redirect("quota-list", code=quota.organisation.code)
    response["Location"] += f"?year={quota.year}#quota-{quota.pk}"
    return response


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "measures/quota_form.html", context)


@login_required
def new_quota(request: HttpRequest, code: str) -> HttpResponse:
    organisation = editable(request, code)
    initial = {"year": request.GET["year"]} if request.GET.get("year", "").isdigit() else {}
    form = QuotaForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        made: list[EmissionQuota] = []
        if saved(form, lambda values: made.append(create_quota(user, organisation, values))):
            messages.success(request, _("The quota was added."))
            return _listed(made[0])
    return _form_page(request, {"organisation": organisation, "form": form, "quota": None})


@login_required
def edit_quota(request: HttpRequest, code: str, quota_id: int) -> HttpResponse:
    organisation = editable(request, code)
    quota = in_organisation(EmissionQuota.objects.all(), organisation, quota_id)
    form = QuotaForm(
        request.POST or None,
        instance=copy(quota),
        organisation=organisation,
        initial=versioned_initial(quota),
    )
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        changes: dict[str, Any] = {}
        if saved(form, lambda values: changes.update(update_quota(user, quota, values))):
            messages.success(request, _("Saved.") if changes else _("Nothing to change."))
            return _listed(quota)
    return _form_page(request, {"organisation": organisation, "form": form, "quota": quota})


@login_required
def quota_outcomes(request: HttpRequest, code: str, quota_id: int) -> HttpResponse:
    organisation = editable(request, code)
    quota = in_organisation(EmissionQuota.objects.all(), organisation, quota_id)
    stored = {outcome_field(q): value for q, value in outcomes_of(quota).items()}
    form = OutcomesForm(request.POST or None, initial={**stored, **versioned_initial(quota)})
    if request.method == "POST" and form.is_valid():
        try:
            changes = set_outcomes(
                request.user, quota, form.outcomes(), form.cleaned_data["version"]
            )
        except StaleVersion as error:
            show_conflict(form, error)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, _("Saved.") if changes else _("Nothing to change."))
            return _listed(quota)
    context = {"organisation": organisation, "form": form, "quota": quota}
    return render(request, "measures/quota_outcomes.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delete_quota_view(request: HttpRequest, code: str, quota_id: int) -> HttpResponse:
    organisation = editable(request, code)
    quota = in_organisation(EmissionQuota.objects.all(), organisation, quota_id)
    posted = request.POST if request.method == "POST" else None
    form = VersionForm(posted, initial=versioned_initial(quota))
    if request.method == "POST" and form.is_valid():
        try:
            delete_quota(request.user, quota, form.cleaned_data["version"])
        except StaleVersion as error:
            show_conflict(form, error)
        else:
            messages.success(request, _("The quota was deleted."))
            response = redirect("quota-list", code=organisation.code)
            response["Location"] += f"?year={quota.year}"
            return response
    context = {"organisation": organisation, "quota": quota, "form": form}
    return render(request, "measures/quota_confirm_delete.html", context)
