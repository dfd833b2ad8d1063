"""Writing measures: the only writer of measures entered by people (pages, API, import).

Each status a measure gets is kept with the date it was set (``status_set_on`` in the values,
else today), so the register can show when a measure was decided, started or finished."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from klimatlaget.audit.services import Actor, actor_label
from klimatlaget.audit.subjects import MEASURE
from klimatlaget.measures import writing
from klimatlaget.measures.models import ActionPlan, Indicator, Measure, StatusChange
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target

FIELDS = Measure.ENTERED
_LISTS = ("partners", "co_benefits")


def _apply(measure: Measure, values: writing.Values) -> None:
    writing.set_fields(measure, values, FIELDS)
    for name in _LISTS:
        if name in values:
            setattr(measure, name, [str(v).strip() for v in values[name] or [] if str(v).strip()])
    if "budget_by_year" in values:
        measure.budget_by_year = {str(y): v for y, v in (values["budget_by_year"] or {}).items()}


def _years_in_order(measure: Measure, errors: dict[str, list[str]]) -> None:
    if measure.start_year and measure.end_year and measure.start_year > measure.end_year:
        writing.add_error(errors, "end_year", _("The end year must not be before the start year."))


def _range_in_order(measure: Measure, errors: dict[str, list[str]]) -> None:
    central, low, high = (
        measure.expected_reduction_t,
        measure.expected_low_t,
        measure.expected_high_t,
    )
    if (low is not None or high is not None) and central is None:
        writing.add_error(
            errors, "expected_reduction_t", _("Give the expected reduction with its range.")
        )
    elif low is not None and high is not None and low > high:
        writing.add_error(errors, "expected_high_t", _("High must not be below low."))
    elif central is not None and (
        (low is not None and low > central) or (high is not None and high < central)
    ):
        writing.add_error(
            errors,
            "expected_reduction_t",
            _("The expected reduction must lie between low and high."),
        )
    if central is not None and measure.effect_year is None and measure.start_year is None:
        writing.add_error(
            errors, "effect_year", _("Say in which year the expected reduction is reached.")
        )


def _links_of_organisation(
    measure: Measure, values: writing.Values, errors: dict[str, list[str]]
) -> None:
    organisation = measure.organisation
    if (
        measure.plan_id is not None
        and not ActionPlan.objects.filter(pk=measure.plan_id, organisation=organisation).exists()
    ):
        writing.add_error(errors, "plan_id", _("Choose a plan of this organisation."))
    for key, model in (("target_ids", Target), ("indicator_ids", Indicator)):
        ids = set(values.get(key) or [])
        if ids and model.objects.filter(pk__in=ids, organisation=organisation).count() != len(ids):
            writing.add_error(errors, key, _("Choose among this organisation's own."))


def _check(measure: Measure, values: writing.Values) -> None:
    exclude = ["organisation", "plan", "targets"]
    errors = writing.full_clean(measure, exclude=exclude)
    _years_in_order(measure, errors)
    _range_in_order(measure, errors)
    _links_of_organisation(measure, values, errors)
    writing.raise_if(errors)


def _link(measure: Measure, values: writing.Values) -> None:
    if "target_ids" in values:
        measure.targets.set(values["target_ids"] or [])
    if "indicator_ids" in values:
        measure.indicators.set(values["indicator_ids"] or [])


def _extra(measure: Measure) -> dict[str, Any]:
    return {
        "target_ids": sorted(measure.targets.values_list("pk", flat=True)),
        "indicator_ids": sorted(measure.indicators.values_list("pk", flat=True)),
    }


KIND = writing.Kind(MEASURE, _apply, _check, _link, _extra)


def _note_status(actor: Actor, measure: Measure, values: writing.Values) -> None:
    last = measure.status_changes.order_by("-set_on", "-id").first()
    if last is not None and last.status == measure.status:
        return
    set_on = values.get("status_set_on") or timezone.localdate()
    if isinstance(set_on, str):
        set_on = datetime.date.fromisoformat(set_on)
    StatusChange.objects.create(
        measure=measure, status=measure.status, set_on=set_on, actor_label=actor_label(actor)
    )


def create_measure(actor: Actor, organisation: Organisation, values: writing.Values) -> Measure:
    measure = writing.create(actor, KIND, Measure(organisation=organisation), values)
    assert isinstance(measure, Measure)
    _note_status(actor, measure, values)
    return measure


def update_measure(actor: Actor, measure: Measure, values: writing.Values) -> dict[str, Any]:
    changes = writing.update(actor, KIND, measure, values)
    if "status" in changes:
        _note_status(actor, measure, values)
    return changes


def delete_measure(actor: Actor, measure: Measure, version: Any = None) -> None:
    writing.delete(actor, KIND, measure, version)
