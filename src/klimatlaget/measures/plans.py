"""Writing action plans, and which of an organisation's plans are in force.

A new version of a plan is a plan that names the one it replaces; when the new version is
adopted the old one is no longer in force (:func:`klimatlaget.calc.measures.plans_in_force`)."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from klimatlaget.audit.services import Actor
from klimatlaget.audit.subjects import ACTION_PLAN
from klimatlaget.calc.measures import PlanVersion, plans_in_force
from klimatlaget.measures import writing
from klimatlaget.measures.models import ActionPlan
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.models import Target

#: The fields an editor enters, in the order forms show them.
FIELDS = ActionPlan.ENTERED


def _apply(plan: ActionPlan, values: writing.Values) -> None:
    writing.set_fields(plan, values, FIELDS)


def _check(plan: ActionPlan, values: writing.Values) -> None:
    errors = writing.full_clean(plan, exclude=["organisation", "replaces", "interim_targets"])
    if plan.period_from and plan.period_to and plan.period_from > plan.period_to:
        writing.add_error(errors, "period_to", _("The period must end after it starts."))
    if plan.replaces_id is not None:
        replaced = ActionPlan.objects.filter(pk=plan.replaces_id).first()
        if replaced is None or replaced.organisation_id != plan.organisation_id:
            writing.add_error(errors, "replaces_id", _("Choose a plan of this organisation."))
        elif replaced.pk == plan.pk:
            writing.add_error(errors, "replaces_id", _("A plan cannot replace itself."))
    if plan.status == "adopted" and plan.adopted_on is None and not plan.quoted:
        # A plan quoted from a document that calls it adopted without a date keeps the gap
        # (its notes say what the document gives); anyone else entering a plan gives the date.
        writing.add_error(errors, "adopted_on", _("An adopted plan needs the date it was adopted."))
    ids = values.get("interim_target_ids")
    if ids and Target.objects.filter(pk__in=ids, organisation=plan.organisation).count() != len(
        set(ids)
    ):
        writing.add_error(errors, "interim_target_ids", _("Choose targets of this organisation."))
    writing.raise_if(errors)


def _link(plan: ActionPlan, values: writing.Values) -> None:
    if "interim_target_ids" in values:
        plan.interim_targets.set(values["interim_target_ids"] or [])


def _extra(plan: ActionPlan) -> dict[str, Any]:
    return {"interim_target_ids": sorted(plan.interim_targets.values_list("pk", flat=True))}


KIND = writing.Kind(ACTION_PLAN, _apply, _check, _link, _extra)


def create_plan(actor: Actor, organisation: Organisation, values: writing.Values) -> ActionPlan:
    plan = writing.create(actor, KIND, ActionPlan(organisation=organisation), values)
    assert isinstance(plan, ActionPlan)
    return plan


def update_plan(actor: Actor, plan: ActionPlan, values: writing.Values) -> dict[str, Any]:
    return writing.update(actor, KIND, plan, values)


def delete_plan(actor: Actor, plan: ActionPlan, version: Any = None) -> None:
    writing.delete(actor, KIND, plan, version)


def new_version_values(plan: ActionPlan) -> dict[str, Any]:
    """The starting values of a new version of ``plan``: the same plan, in preparation,
    replacing it."""
    values: dict[str, Any] = {name: getattr(plan, name) for name in FIELDS}
    values.update(
        status="in_preparation",
        adopted_on=None,
        adopted_by="",
        version_label="",
        quoted=False,
        notes="",
        replaces_id=plan.pk,
        interim_target_ids=sorted(plan.interim_targets.values_list("pk", flat=True)),
    )
    return values


def in_force(plans: QuerySet[ActionPlan] | list[ActionPlan]) -> set[int]:
    """The ids of those of ``plans`` that are in force."""
    return plans_in_force(PlanVersion(p.pk, p.status, p.replaces_id) for p in plans)


def organisation_plans(organisation: Organisation) -> list[ActionPlan]:
    return list(
        ActionPlan.objects.filter(organisation=organisation)
        .select_related("replaces")
        .prefetch_related("interim_targets")
    )
