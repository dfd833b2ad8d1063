"""An organisation's action plans: the list (which version is in force), adding, editing and
starting a new version of a plan."""

from copy import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klimatlaget.accounts.resolvers import in_organisation, organisation_or_404
from klimatlaget.concurrency import versioned_initial
from klimatlaget.measures.forms import PlanForm
from klimatlaget.measures.models import ActionPlan
from klimatlaget.measures.plans import (
    create_plan,
    in_force,
    new_version_values,
    organisation_plans,
    update_plan,
)
from klimatlaget.measures.views.common import can_edit, editable, saved


def plan_list(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    plans = organisation_plans(organisation)
    force = in_force(plans)
    context = {
        "organisation": organisation,
        "plans": [{"plan": plan, "in_force": plan.pk in force} for plan in plans],
        "can_edit": can_edit(request, organisation),
    }
    return render(request, "measures/plan_list.html", context)


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "measures/plan_form.html", context)


@login_required
def new_plan(request: HttpRequest, code: str) -> HttpResponse:
    organisation = editable(request, code)
    form = PlanForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if saved(form, lambda values: create_plan(user, organisation, values)):
            messages.success(request, _("The action plan was added."))
            return redirect("plan-list", code=organisation.code)
    return _form_page(request, {"organisation": organisation, "form": form, "plan": None})


@login_required
def new_plan_version(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    """A new version of a plan: the old one's values, naming it as the version it replaces."""
    organisation = editable(request, code)
    old = in_organisation(ActionPlan.objects.all(), organisation, plan_id)
    values = new_version_values(old)
    initial = {**values, "replaces": old.pk, "interim_targets": values["interim_target_ids"]}
    form = PlanForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if saved(form, lambda values: create_plan(user, organisation, values)):
            messages.success(request, _("The new version was added."))
            return redirect("plan-list", code=organisation.code)
    context = {"organisation": organisation, "form": form, "plan": None, "replacing": old}
    return _form_page(request, context)


@login_required
def edit_plan(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    organisation = editable(request, code)
    plan = in_organisation(ActionPlan.objects.all(), organisation, plan_id)
    form = PlanForm(
        request.POST or None,
        instance=copy(plan),
        organisation=organisation,
        initial=versioned_initial(plan),
    )
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        changes: dict[str, Any] = {}
        if saved(form, lambda values: changes.update(update_plan(user, plan, values))):
            messages.success(request, _("Saved.") if changes else _("Nothing to change."))
            return redirect("plan-list", code=organisation.code)
    return _form_page(request, {"organisation": organisation, "form": form, "plan": plan})
