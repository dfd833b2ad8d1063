"""An organisation's indicators: the list, an indicator's page with its chart and table of
values, adding values (hand-entered indicators) and adding and changing indicators."""

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
from django.views.decorators.http import require_POST

from klimatlaget.accounts.resolvers import in_organisation, organisation_or_404
from klimatlaget.charts import Line, line_chart, number_formatter
from klimatlaget.concurrency import versioned_initial
from klimatlaget.measures.forms import IndicatorForm, ValueForm
from klimatlaget.measures.indicators import (
    create_indicator,
    period_values,
    set_value,
    update_indicator,
)
from klimatlaget.measures.models import Indicator
from klimatlaget.measures.views.common import can_edit, editable, saved


def indicator_list(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    indicators = Indicator.objects.filter(organisation=organisation)
    context = {
        "organisation": organisation,
        "indicators": indicators,
        "can_edit": can_edit(request, organisation),
    }
    return render(request, "measures/indicator_list.html", context)


def _chart(indicator: Indicator, values: list[dict[str, Any]]) -> SafeString | None:
    """The values over time (a quarter at its place in the year) and the target values."""
    points = {
        v["year"] + (v["quarter"] - 1) / 4 if v["quarter"] else v["year"]: v["value"]
        for v in values
    }
    if not points:
        return None
    lines = [Line("values", _("Value"), points, "solid", None, show_points=True)]
    targets = {int(year): value for year, value in indicator.target_values.items()}
    if targets:
        lines.append(Line("targets", _("Target"), targets, "dotted", None, show_points=True))
    svg = line_chart(
        lines,
        title=indicator.name,
        description=_("The indicator's values by period and its target values."),
        unit=indicator.unit,
        number_format=number_formatter(get_language() or "sv"),
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


def _page(request: HttpRequest, indicator: Indicator, form: ValueForm | None) -> HttpResponse:
    values = period_values(indicator)
    organisation = indicator.organisation
    editing = can_edit(request, organisation) and not indicator.computed
    context = {
        "organisation": organisation,
        "indicator": indicator,
        "values": values,
        "targets": sorted((int(y), v) for y, v in indicator.target_values.items()),
        "chart": _chart(indicator, values),
        "can_edit": can_edit(request, organisation),
        "value_form": (form or ValueForm()) if editing else None,
    }
    return render(request, "measures/indicator.html", context)


def indicator_page(request: HttpRequest, code: str, indicator_id: int) -> HttpResponse:
    organisation = organisation_or_404(code)
    indicator = in_organisation(Indicator.objects.all(), organisation, indicator_id)
    return _page(request, indicator, None)


@login_required
@require_POST
def add_value(request: HttpRequest, code: str, indicator_id: int) -> HttpResponse:
    organisation = editable(request, code)
    indicator = in_organisation(Indicator.objects.all(), organisation, indicator_id)
    form = ValueForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_value(request.user, indicator, data["year"], data["quarter"], data["value"])
        except ValidationError as error:
            for problems in error.message_dict.values():
                for problem in problems:
                    form.add_error(None, problem)
        else:
            messages.success(request, _("The value was saved."))
            return redirect("indicator", code=organisation.code, indicator_id=indicator.pk)
    return _page(request, indicator, form)


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "measures/indicator_form.html", context)


@login_required
def new_indicator(request: HttpRequest, code: str) -> HttpResponse:
    organisation = editable(request, code)
    form = IndicatorForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        made: list[Indicator] = []
        if saved(form, lambda values: made.append(create_indicator(user, organisation, values))):
            messages.success(request, _("The indicator was added."))
            return redirect("indicator", code=organisation.code, indicator_id=made[0].pk)
    return _form_page(request, {"organisation": organisation, "form": form, "indicator": None})


@login_required
def edit_indicator(request: HttpRequest, code: str, indicator_id: int) -> HttpResponse:
    organisation = editable(request, code)
    indicator = in_organisation(Indicator.objects.all(), organisation, indicator_id)
    form = IndicatorForm(
        request.POST or None,
        instance=copy(indicator),
        organisation=organisation,
        initial=versioned_initial(indicator),
    )
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        changes: dict[str, Any] = {}
        if saved(form, lambda values: changes.update(update_indicator(user, indicator, values))):
            messages.success(request, _("Saved.") if changes else _("Nothing to change."))
            return redirect("indicator", code=organisation.code, indicator_id=indicator.pk)
    context = {"organisation": organisation, "form": form, "indicator": indicator}
    return _form_page(request, context)
