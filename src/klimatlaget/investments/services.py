"""Writing climate investment plans and their lines: the only writer of both (pages, API).

Every write goes through :mod:`klimatlaget.measures.writing` (permission, checks, the version the
writer edited, the change log). A new version copies a plan and its lines; each copied line keeps
its ``key``, which is how :func:`compare` matches the lines of two versions."""

import uuid
from numbers import Real
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from klimatlaget.audit.messages import says
from klimatlaget.audit.services import Actor, record
from klimatlaget.audit.subjects import INVESTMENT_LINE, INVESTMENT_PLAN
from klimatlaget.calc.investments import Comparison, compare_versions
from klimatlaget.investments.choices import CoBenefit, InvestmentPlanStatus
from klimatlaget.investments.models import BY_YEAR, InvestmentLine, InvestmentPlan
from klimatlaget.measures import writing
from klimatlaget.measures.models import Measure
from klimatlaget.organisations.models import Organisation

PLAN_FIELDS = InvestmentPlan.ENTERED
LINE_FIELDS = InvestmentLine.ENTERED
FIRST_YEAR, LAST_YEAR = 1990, 2100


# Plans ----------------------------------------------------------------------------------------


def _apply_plan(plan: InvestmentPlan, values: writing.Values) -> None:
    writing.set_fields(plan, values, PLAN_FIELDS)


def _check_plan(plan: InvestmentPlan, values: writing.Values) -> None:
    errors = writing.full_clean(plan, exclude=["organisation", "replaces"])
    if plan.horizon_from and plan.horizon_to and plan.horizon_from > plan.horizon_to:
        writing.add_error(errors, "horizon_to", _("The horizon must end after it starts."))
    if plan.status == InvestmentPlanStatus.ADOPTED and plan.adopted_on is None and not plan.quoted:
        # A plan quoted from a document that calls it adopted without a date keeps the gap
        # (its notes say what the document gives), as an action plan does.
        writing.add_error(errors, "adopted_on", _("An adopted plan needs the date it was adopted."))
    if plan.replaces_id is not None:
        replaced = InvestmentPlan.objects.filter(pk=plan.replaces_id).first()
        if replaced is None or replaced.organisation_id != plan.organisation_id:
            writing.add_error(errors, "replaces_id", _("Choose a plan of this organisation."))
        elif replaced.pk == plan.pk:
            writing.add_error(errors, "replaces_id", _("A plan cannot replace itself."))
    writing.raise_if(errors)


PLAN_KIND = writing.Kind(
    INVESTMENT_PLAN, _apply_plan, _check_plan, lambda plan, values: None, lambda plan: {}
)


def next_version_number(organisation: Organisation, year: int) -> int:
    highest = InvestmentPlan.objects.filter(organisation=organisation, year=year).aggregate(
        highest=Max("version_number")
    )["highest"]
    return (highest or 0) + 1


def create_plan(actor: Actor, organisation: Organisation, values: writing.Values) -> InvestmentPlan:
    """A new plan; without a version number it gets the next free one of its year."""
    values = dict(values)
    if not values.get("version_number") and isinstance(values.get("year"), int):
        values["version_number"] = next_version_number(organisation, values["year"])
    plan = writing.create(actor, PLAN_KIND, InvestmentPlan(organisation=organisation), values)
    assert isinstance(plan, InvestmentPlan)
    return plan


def update_plan(actor: Actor, plan: InvestmentPlan, values: writing.Values) -> dict[str, Any]:
    return writing.update(actor, PLAN_KIND, plan, values)


def delete_plan(actor: Actor, plan: InvestmentPlan, version: Any = None) -> None:
    """Delete the plan with its lines."""
    writing.delete(actor, PLAN_KIND, plan, version)


@transaction.atomic
def new_version(actor: Actor, plan: InvestmentPlan, year: int | None = None) -> InvestmentPlan:
    """A draft copy of ``plan`` and its lines (each keeping its key), replacing it, with the
    next version number of ``year`` (the plan's own year unless given)."""
    values: dict[str, Any] = {name: getattr(plan, name) for name in PLAN_FIELDS}
    year = plan.year if year is None else year
    values.update(
        year=year,
        version_number=next_version_number(plan.organisation, year),
        replaces_id=plan.pk,
        status=InvestmentPlanStatus.DRAFT,
        adopted_on=None,
    )
    copy = create_plan(actor, plan.organisation, values)
    lines = [
        InvestmentLine(
            plan=copy,
            key=line.key,
            position=line.position,
            **{name: getattr(line, name) for name in LINE_FIELDS},
        )
        for line in plan.lines.all()
    ]
    InvestmentLine.objects.bulk_create(lines)
    record(
        actor=actor,
        action=f"{PLAN_KIND.action}.new_version",
        subject=INVESTMENT_PLAN,
        organisation=plan.organisation,
        changes={"lines": [None, len(lines)]},
        summary=says(
            "investment_plan_new_version",
            name=str(copy),
            previous=plan.version_number,
            lines=len(lines),
        ),
        subject_id=copy.pk,
    )
    return copy


# Lines ----------------------------------------------------------------------------------------


def _year_key(value: Any) -> str | None:
    try:
        year = int(str(value))
    except ValueError:
        return None
    return str(year) if FIRST_YEAR <= year <= LAST_YEAR and str(year) == str(value) else None


def _amounts(value: Any, errors: dict[str, list[str]], name: str) -> dict[str, Any]:
    """``value`` as year → SEK with the years as text; errors for anything else."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        writing.add_error(errors, name, _("Give the amounts as year → SEK."))
        return {}
    amounts: dict[str, Any] = {}
    for year, amount in value.items():
        key = _year_key(year)
        if key is None:
            writing.add_error(errors, name, _("%(year)s is not a year.") % {"year": year})
        elif isinstance(amount, bool) or not isinstance(amount, Real) or amount < 0:
            writing.add_error(
                errors,
                name,
                _("The amount of %(year)s must be a number of at least 0.") % {"year": key},
            )
        elif amount:
            amounts[key] = amount
    return dict(sorted(amounts.items()))


def _apply_line(line: InvestmentLine, values: writing.Values) -> None:
    writing.set_fields(line, values, LINE_FIELDS)
    if "co_benefits_named" in values:
        line.co_benefits_named = [
            str(v).strip() for v in values["co_benefits_named"] or [] if str(v).strip()
        ]
    for name in ("co_benefits_sek", *BY_YEAR):
        if getattr(line, name) is None:
            setattr(line, name, {})
    if not line.title and line.measure_id:
        measure = Measure.objects.filter(pk=line.measure_id).first()
        line.title = measure.title if measure else ""


def _check_amounts(line: InvestmentLine, errors: dict[str, list[str]]) -> None:
    for name in BY_YEAR:
        setattr(line, name, _amounts(getattr(line, name), errors, name))
    benefits = line.co_benefits_sek
    if not isinstance(benefits, dict):
        writing.add_error(errors, "co_benefits_sek", _("Give the co-benefits as kind → SEK."))
        line.co_benefits_sek = {}
        return
    for kind, amount in benefits.items():
        if kind not in CoBenefit.values:
            writing.add_error(
                errors,
                "co_benefits_sek",
                _("%(kind)s is not a kind of co-benefit.") % {"kind": kind},
            )
        elif isinstance(amount, bool) or not isinstance(amount, Real) or amount < 0:
            writing.add_error(
                errors, "co_benefits_sek", _("A co-benefit must be a number of at least 0.")
            )


def _check_line(line: InvestmentLine, values: writing.Values) -> None:
    errors = writing.full_clean(
        line, exclude=["plan", "measure", *BY_YEAR, "co_benefits_sek", "co_benefits_named"]
    )
    _check_amounts(line, errors)
    measure = None
    if line.measure_id is not None:
        measure = Measure.objects.filter(
            pk=line.measure_id, organisation_id=line.plan.organisation_id
        ).first()
        if measure is None:
            writing.add_error(errors, "measure_id", _("Choose a measure of this organisation."))
    if line.measure_id is None and not line.sector:
        writing.add_error(errors, "sector", _("A line without a measure needs a sector."))
    if (
        measure is not None
        and line.reduction_t is not None
        and line.reduction_t != measure.expected_reduction_t
        and not line.reduction_reason.strip()
    ):
        writing.add_error(
            errors,
            "reduction_reason",
            _("Say why the line's reduction differs from the measure's."),
        )
    if line.reduction_t is not None and line.reduction_t < 0:
        writing.add_error(errors, "reduction_t", _("The reduction must be at least 0."))
    if line.capex_by_year and not line.lifetime_years and not line.plan.quoted:
        # A quoted plan's source may give an amount without a lifetime; the line then has no
        # abatement cost, and the plan's notes say what the source leaves open.
        writing.add_error(
            errors, "lifetime_years", _("Give the economic lifetime of the investment.")
        )
    writing.raise_if(errors)


LINE_KIND = writing.Kind(
    INVESTMENT_LINE, _apply_line, _check_line, lambda line, values: None, lambda line: {}
)


def create_line(
    actor: Actor, plan: InvestmentPlan, values: writing.Values, key: uuid.UUID | None = None
) -> InvestmentLine:
    """A new line of ``plan``; with ``key``, the line keeps the identity of a line of another
    version of the plan (the versions' comparison pairs them)."""
    values = dict(values)
    if "position" not in values:
        highest = plan.lines.aggregate(highest=Max("position"))["highest"]
        position = (highest or 0) + 1
    else:
        position = values.pop("position")
    new = InvestmentLine(plan=plan, position=position, key=key or uuid.uuid4())
    line = writing.create(actor, LINE_KIND, new, values)
    assert isinstance(line, InvestmentLine)
    return line


def update_line(actor: Actor, line: InvestmentLine, values: writing.Values) -> dict[str, Any]:
    return writing.update(actor, LINE_KIND, line, values)


def delete_line(actor: Actor, line: InvestmentLine, version: Any = None) -> None:
    writing.delete(actor, LINE_KIND, line, version)


# Comparing versions ---------------------------------------------------------------------------


def plan_lines(plan: InvestmentPlan) -> list[InvestmentLine]:
    return list(plan.lines.select_related("measure"))


def compare(old: InvestmentPlan, new: InvestmentPlan) -> Comparison:
    """The lines of ``old`` and ``new`` compared by their keys."""
    return compare_versions(
        {str(line.key): line.comparable() for line in plan_lines(old)},
        {str(line.key): line.comparable() for line in plan_lines(new)},
    )
