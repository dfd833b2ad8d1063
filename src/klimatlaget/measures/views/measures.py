"""The measure register (filter, sort, CSV), a measure's page with its history, and the pages
for adding and changing measures (editors of the organisation only)."""

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, has_permission
from klimatlaget.accounts.resolvers import in_organisation, organisation_or_404
from klimatlaget.audit.subjects import MEASURE
from klimatlaget.audit.visibility import history
from klimatlaget.calc.measures import reductions_by_sector, total
from klimatlaget.concurrency import versioned_initial
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.measures import register
from klimatlaget.measures.choices import SECTORS, MeasureStatus, MeasureType
from klimatlaget.measures.effects import measure_effects
from klimatlaget.measures.forms import MeasureForm
from klimatlaget.measures.models import Measure
from klimatlaget.measures.services import create_measure, update_measure
from klimatlaget.measures.views.common import can_edit, editable, saved


def measure_register(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    filters = register.Filters.from_query(request.GET)
    measures = register.page_rows(organisation, filters)
    year = max((m.effect_year or m.start_year or 0 for m in measures), default=0) or None
    sums = total(reductions_by_sector(measure_effects(organisation), year)) if year else None
    context = {
        "organisation": organisation,
        "measures": measures,
        "filters": filters,
        "statuses": MeasureStatus.choices,
        "sectors": SECTORS,
        "types": MeasureType.choices,
        "sorts": _sort_choices(),
        "year": year,
        "sums": sums,
        "query": request.GET.urlencode(),
        "can_edit": can_edit(request, organisation),
    }
    return render(request, "measures/register.html", context)


def _sort_choices() -> list[tuple[str, str]]:
    return [
        ("code", _("Code")),
        ("title", _("Title")),
        ("status", _("Status")),
        ("sector", _("Main sector")),
        ("reduction", _("Expected reduction, largest first")),
        ("start", _("Start year")),
    ]


def measure_register_csv(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    measures = register.measures_of(organisation, register.Filters.from_query(request.GET))
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    rows = register.table_rows(measures)
    return csv_response(f"{organisation.code}-measures", rows, register.COLUMNS, dialect)


def measure_page(request: HttpRequest, code: str, measure_id: int) -> HttpResponse:
    organisation = organisation_or_404(code)
    measure = in_organisation(
        Measure.objects.select_related("plan").prefetch_related("targets", "indicators"),
        organisation,
        measure_id,
    )
    reads_history = has_permission(request.user, Permission.VIEW_HISTORY, organisation)
    changes = (
        history(request.user, organisation).filter(subject=MEASURE.name, subject_id=measure.pk)
        if reads_history
        else None
    )
    context = {
        "organisation": organisation,
        "measure": measure,
        "statuses": measure.status_changes.all(),
        "changes": changes,
        "can_edit": can_edit(request, organisation),
    }
    return render(request, "measures/measure.html", context)


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "measures/measure_form.html", context)


@login_required
def new_measure(request: HttpRequest, code: str) -> HttpResponse:
    organisation = editable(request, code)
    form = MeasureForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        created: list[Measure] = []
        if saved(form, lambda values: created.append(create_measure(user, organisation, values))):
            messages.success(request, _("The measure was added."))
            return redirect("measure", code=organisation.code, measure_id=created[0].pk)
    return _form_page(request, {"organisation": organisation, "form": form, "measure": None})


@login_required
def edit_measure(request: HttpRequest, code: str, measure_id: int) -> HttpResponse:
    organisation = editable(request, code)
    measure = in_organisation(Measure.objects.all(), organisation, measure_id)
    form = MeasureForm(
        request.POST or None,
        instance=copy(measure),
        organisation=organisation,
        initial=versioned_initial(measure),
    )
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        changes: dict[str, Any] = {}
        if saved(form, lambda values: changes.update(update_measure(user, measure, values))):
            messages.success(request, _("Saved.") if changes else _("Nothing to change."))
            return redirect("measure", code=organisation.code, measure_id=measure.pk)
    context = {"organisation": organisation, "form": form, "measure": measure}
    return _form_page(request, context)
