"""An organisation's climate targets: the public page with verdicts and chart, its CSV, and the
pages for adding, changing and deleting targets (editors of the organisation only)."""

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klimatlaget.accounts.permissions import Permission, has_permission
from klimatlaget.accounts.resolvers import organisation_for, organisation_or_404
from klimatlaget.charts import Line, Marker, line_chart, number_formatter, responsive
from klimatlaget.concurrency import StaleVersion, VersionForm, show_conflict, versioned_initial
from klimatlaget.emissions.figures import UNIT
from klimatlaget.emissions.parameters import from_request, preset_choices
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target
from klimatlaget.targets.national import national_target
from klimatlaget.targets.notes import note_text
from klimatlaget.targets.register import rows as target_rows
from klimatlaget.targets.register.forms import TargetForm
from klimatlaget.targets.register.services import create_target, delete_target, update_target
from klimatlaget.web.pagecache import public_page


def _label(target: Target) -> str:
    if target.title:
        return target.title
    return f"{target.get_form_display()} {target.target_year or ''}".strip()


def _chart(view: target_rows.TargetsOverview, name: str) -> SafeString | None:
    if not view.series.total:
        return None
    params = view.params.metrics
    lines = [Line("observed", _("Observed"), view.series.total, "solid", None)]
    if view.metrics.trend is not None:
        lines.append(Line("trend", _("Trend"), view.metrics.trend.pathway, "dashed", None))
    lines.append(
        Line("carbon_law", _("Carbon Law pathway"), view.metrics.carbon_law, "solid", None)
    )
    for evaluated in view.targets:
        pathway = evaluated.normalised.pathway
        if pathway is not None:
            label = _("Target: %(name)s") % {"name": _label(evaluated.target)}
            key = f"target-{evaluated.target.pk}"
            lines.append(Line(key, label, pathway.pathway, "dotted", None))
    svg = responsive(
        line_chart,
        lines,
        title=_("Targets, trend and Carbon Law pathway, %(name)s") % {"name": name},
        description=_(
            "Observed emissions, the trend, the Carbon Law pathway at %(rate)s %% a year and "
            "the pathway each target implies."
        )
        % {"rate": formats.number_format(params.carbon_law_rate * 100, 2, use_l10n=True)},
        unit=UNIT,
        markers=[Marker(params.current_year, _("Now"))],
        number_format=number_formatter(get_language() or "sv"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


@public_page
def organisation_targets(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    page_params = from_request(request)
    view = target_rows.overview(organisation.code, page_params.params)
    targets = []
    for evaluated, row in zip(view.targets, target_rows.target_rows(view.evaluated), strict=True):
        targets.append(
            {
                "target": evaluated.target,
                "row": row,
                "label": _label(evaluated.target),
                "verdict_text": target_rows.verdict_text(row["verdict"]),
            }
        )
    alignment = view.evaluated.alignment if view.evaluated else None
    columns, chart_table = target_rows.chart_rows(view)
    target_columns = [
        (target_rows.target_key(e.target.pk), _label(e.target))
        for e in view.targets
        if e.normalised.pathway is not None
    ]
    context: dict[str, Any] = {
        "organisation": organisation,
        "series": view.series,
        "params": view.params.metrics,
        "preset": page_params.preset,
        "param_error": page_params.error,
        "presets": preset_choices(),
        "targets": targets,
        "overall": {
            "verdict": alignment.verdict.value,
            "verdict_text": target_rows.verdict_text(alignment.verdict.value),
            "reasons": [note_text(n) for n in alignment.reasons],
        }
        if alignment and view.targets
        else None,
        "chart": _chart(view, organisation.name),
        "chart_columns": target_columns,
        "chart_table": [
            {
                "year": row["year"],
                "values": [row[c] for c in columns[1:]],
            }
            for row in chart_table
        ],
        "can_edit": has_permission(request.user, Permission.CHANGE_ORGANISATION, organisation),
        "national": national_target(organisation.code, page_params.params),
        "query": request.GET.urlencode(),
    }
    return render(request, "targets/organisation_targets.html", context)


@public_page
def organisation_targets_csv(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    view = target_rows.overview(organisation.code, from_request(request).params)
    columns, table = target_rows.chart_rows(view)
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    return csv_response(f"{organisation.code}-targets", table, columns, dialect)


def _editable(request: HttpRequest, code: str) -> Organisation:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    return organisation


def _target(organisation: Organisation, target_id: int) -> Target:
    return get_object_or_404(
        Target.objects.select_related("organisation"), pk=target_id, organisation=organisation
    )


def _save(form: TargetForm, save: Any) -> bool:
    """Run the service; a ValidationError or StaleVersion it raises is shown on the form."""
    try:
        save(form.values())
    except StaleVersion as error:
        show_conflict(form, error)
        return False
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            for problem in problems:
                form.add_error(field if field in form.fields else None, problem)
        return False
    return True


@login_required
def new_target(request: HttpRequest, code: str) -> HttpResponse:
    organisation = _editable(request, code)
    form = TargetForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if _save(form, lambda values: create_target(user, organisation, values)):
            messages.success(request, _("The target was added."))
            return redirect("organisation-targets", code=organisation.code)
    context = {"organisation": organisation, "form": form, "target": None}
    return render(request, "targets/target_form.html", context)


@login_required
def edit_target(request: HttpRequest, code: str, target_id: int) -> HttpResponse:
    organisation = _editable(request, code)
    target = _target(organisation, target_id)
    # The form validates a copy: the service compares the stored values with the new ones.
    form = TargetForm(
        request.POST or None,
        instance=copy(target),
        organisation=organisation,
        initial=versioned_initial(target),
    )
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        changes: dict[str, Any] = {}

        def save(values: dict[str, Any]) -> None:
            changes.update(update_target(user, target, values))

        if _save(form, save):
            messages.success(request, _("Saved.") if changes else _("Nothing to change."))
            return redirect("organisation-targets", code=organisation.code)
    context = {"organisation": organisation, "form": form, "target": target}
    return render(request, "targets/target_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def delete_target_view(request: HttpRequest, code: str, target_id: int) -> HttpResponse:
    organisation = _editable(request, code)
    target = _target(organisation, target_id)
    posted = request.POST if request.method == "POST" else None
    form = VersionForm(posted, initial=versioned_initial(target))
    if request.method == "POST" and form.is_valid():
        try:
            delete_target(request.user, target, form.cleaned_data["version"])  # type: ignore[arg-type]
        except StaleVersion as error:
            show_conflict(form, error)
        else:
            messages.success(request, _("The target was deleted."))
            return redirect("organisation-targets", code=organisation.code)
    context = {
        "organisation": organisation,
        "target": target,
        "label": _label(target),
        "form": form,
    }
    return render(request, "targets/target_confirm_delete.html", context)
