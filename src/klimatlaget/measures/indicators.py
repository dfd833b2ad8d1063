"""Writing indicators and their values, and the values the platform computes itself.

A hand-entered indicator has values per period (a year, or a quarter of it), each with who
entered it. A computed indicator takes its yearly values from the platform's emissions (total,
of one sector, or per inhabitant) and takes no entered values."""

from typing import Any

from django.utils.translation import gettext as _

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, actor_label, record
from klimatlaget.audit.subjects import INDICATOR
from klimatlaget.calc.history import per_capita
from klimatlaget.emissions.series import organisation_series
from klimatlaget.followup.models import is_locked, locked_message
from klimatlaget.measures import writing
from klimatlaget.measures.choices import IndicatorSource
from klimatlaget.measures.models import Indicator, IndicatorValue, Measure, period_label
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target

FIELDS = Indicator.ENTERED


def _apply(indicator: Indicator, values: writing.Values) -> None:
    writing.set_fields(indicator, values, FIELDS)
    if "target_values" in values:
        indicator.target_values = {
            str(year): value for year, value in (values["target_values"] or {}).items()
        }
    if indicator.source_kind != IndicatorSource.SECTOR_EMISSIONS:
        indicator.sector = ""


def _check(indicator: Indicator, values: writing.Values) -> None:
    errors = writing.full_clean(indicator, exclude=["organisation", "measures", "targets"])
    if indicator.source_kind == IndicatorSource.SECTOR_EMISSIONS and not indicator.sector:
        writing.add_error(errors, "sector", _("Choose the sector whose emissions to follow."))
    for year, value in indicator.target_values.items():
        if not year.isdigit() or not isinstance(value, int | float):
            writing.add_error(errors, "target_values", _("Give each target as year: number."))
            break
    for key, model in (("measure_ids", Measure), ("target_ids", Target)):
        ids = set(values.get(key) or [])
        organisation = indicator.organisation
        if ids and model.objects.filter(pk__in=ids, organisation=organisation).count() != len(ids):
            writing.add_error(errors, key, _("Choose among this organisation's own."))
    writing.raise_if(errors)


def _link(indicator: Indicator, values: writing.Values) -> None:
    if "measure_ids" in values:
        indicator.measures.set(values["measure_ids"] or [])
    if "target_ids" in values:
        indicator.targets.set(values["target_ids"] or [])


def _extra(indicator: Indicator) -> dict[str, Any]:
    return {
        "measure_ids": sorted(indicator.measures.values_list("pk", flat=True)),
        "target_ids": sorted(indicator.targets.values_list("pk", flat=True)),
    }


KIND = writing.Kind(INDICATOR, _apply, _check, _link, _extra)


def create_indicator(actor: Actor, organisation: Organisation, values: writing.Values) -> Indicator:
    indicator = writing.create(actor, KIND, Indicator(organisation=organisation), values)
    assert isinstance(indicator, Indicator)
    return indicator


def update_indicator(actor: Actor, indicator: Indicator, values: writing.Values) -> dict[str, Any]:
    return writing.update(actor, KIND, indicator, values)


def delete_indicator(actor: Actor, indicator: Indicator, version: Any = None) -> None:
    writing.delete(actor, KIND, indicator, version)


# Values ------------------------------------------------------------------------------------


def _check_period(indicator: Indicator, year: int, quarter: int) -> None:
    errors: dict[str, list[str]] = {}
    if is_locked(indicator.organisation_id, year, quarter):
        writing.add_error(errors, "value", locked_message(year, quarter))
    if indicator.computed:
        writing.add_error(
            errors, "value", _("The platform computes this indicator; it takes no values.")
        )
    if not 1900 <= year <= 2100:
        writing.add_error(errors, "year", _("Give a year between 1900 and 2100."))
    if quarter not in (0, 1, 2, 3, 4):
        writing.add_error(errors, "quarter", _("Give quarter 1–4, or 0 for the whole year."))
    writing.raise_if(errors)


def set_value(
    actor: Actor, indicator: Indicator, year: int, quarter: int, value: float
) -> IndicatorValue:
    """Enter (or correct) the indicator's value of a period; recorded with who entered it."""
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, indicator.organisation)
    _check_period(indicator, year, quarter)
    stored = IndicatorValue.objects.filter(indicator=indicator, year=year, quarter=quarter).first()
    before = stored.value if stored is not None else None
    if stored is not None and stored.value == value:
        return stored
    user: Any = actor if actor.is_authenticated else None
    stored, _created = IndicatorValue.objects.update_or_create(
        indicator=indicator,
        year=year,
        quarter=quarter,
        defaults={"value": value, "entered_by": user, "entered_by_label": actor_label(actor)},
    )
    period = period_label(year, quarter)
    record(
        actor=actor,
        action="klimatlaget.indicator.value_set",
        subject=INDICATOR,
        organisation=indicator.organisation,
        changes={period: [before, value]},
        summary=says("indicator_value_set", indicator=str(indicator), period=period),
        subject_id=indicator.pk,
    )
    return stored


def delete_value(actor: Actor, value: IndicatorValue) -> None:
    indicator = value.indicator
    ensure_permission(actor, Permission.CHANGE_ORGANISATION, indicator.organisation)
    if is_locked(indicator.organisation_id, value.year, value.quarter):
        writing.raise_if({"value": [locked_message(value.year, value.quarter)]})
    period = value.period
    record(
        actor=actor,
        action="klimatlaget.indicator.value_deleted",
        subject=INDICATOR,
        organisation=indicator.organisation,
        changes={period: [value.value, None]},
        summary=says("indicator_value_deleted", indicator=str(indicator), period=period),
        subject_id=indicator.pk,
    )
    value.delete()


def computed_values(indicator: Indicator) -> dict[int, float]:
    """The yearly values the platform computes for a computed indicator (empty otherwise)."""
    series = organisation_series(indicator.organisation.code)
    if indicator.source_kind == IndicatorSource.TOTAL_EMISSIONS:
        return dict(series.total)
    if indicator.source_kind == IndicatorSource.SECTOR_EMISSIONS:
        return dict(series.sectors.get(indicator.sector, {}))
    if indicator.source_kind == IndicatorSource.PER_INHABITANT:
        return per_capita(series.total, series.population)
    return {}


def period_values(indicator: Indicator) -> list[dict[str, Any]]:
    """Every value of the indicator, oldest first: entered ones with who entered them, or the
    computed yearly ones."""
    if indicator.computed:
        return [
            {
                "id": None,
                "year": year,
                "quarter": 0,
                "period": str(year),
                "value": value,
                "entered_by": "",
                "computed": True,
            }
            for year, value in sorted(computed_values(indicator).items())
        ]
    return [
        {
            "id": v.pk,
            "year": v.year,
            "quarter": v.quarter,
            "period": v.period,
            "value": v.value,
            "entered_by": v.entered_by_label,
            "computed": False,
        }
        for v in indicator.values.all()
    ]
