"""The secretariat's pages for changing fee rules and per-member overrides.

Every page checks ``MANAGE_ASSOCIATION`` on the server; the services in
:mod:`klimatlaget.fees.services` validate, save and record each change.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from klimatlaget.accounts.resolvers import managed_association, member_in_year
from klimatlaget.concurrency import StaleVersion, changed_text, posted_version
from klimatlaget.fees.forms import FeeOverrideForm, FeeRuleForm
from klimatlaget.fees.models import FeeOverride, FeeRule, overrides_for
from klimatlaget.fees.services import (
    FeeRow,
    NoFeeRule,
    fee_list,
    remove_fee_override,
    set_fee_override,
    set_fee_rule,
)
from klimatlaget.organisations.models import Organisation
from klimatlaget.web.forms import save_or_show


def _chosen_rule(request: HttpRequest, rules: list[FeeRule]) -> FeeRule | None:
    """The rule named by ``?from_year=``, else the latest."""
    wanted = request.GET.get("from_year", "")
    return next((r for r in rules if str(r.from_year) == wanted), rules[0] if rules else None)


@login_required
@require_http_methods(["GET", "POST"])
def fee_rules_page(request: HttpRequest, code: str) -> HttpResponse:
    association = managed_association(request.user, code)
    rules = list(FeeRule.objects.filter(association=association).order_by("-from_year"))
    chosen = _chosen_rule(request, rules)
    if request.method == "POST":
        form = FeeRuleForm(request.POST)
    else:
        form = FeeRuleForm(initial=FeeRuleForm.initial_from(chosen) if chosen else None)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        values = dict(form.cleaned_data)
        from_year = values.pop("from_year")
        if save_or_show(form, lambda: set_fee_rule(user, association, from_year, **values)):
            messages.success(
                request, _("The fee rule from %(year)s was saved.") % {"year": from_year}
            )
            return redirect("fee-rules", code=association.code)
    context = {
        "association": association,
        "rules": rules,
        "chosen": chosen,
        "form": form,
        "year": timezone.localdate().year,
    }
    return render(request, "fees/rules.html", context)


def _fee_row(association: Organisation, year: int, member: Organisation) -> FeeRow | None:
    try:
        rows = fee_list(association, year).rows
    except NoFeeRule:
        return None
    return next((row for row in rows if row.member_code == member.code), None)


def _remove(request: HttpRequest, association: Organisation, member: Organisation) -> None:
    try:
        from_year = int(request.POST.get("from_year", ""))
    except ValueError as error:
        raise Http404("from_year") from error
    override = FeeOverride.objects.filter(
        association=association, member=member, from_year=from_year
    ).first()
    if override is None:
        raise Http404("override")
    remove_fee_override(request.user, override, posted_version(request.POST.get("version")))


@login_required
@require_http_methods(["GET", "POST"])
def fee_override_page(request: HttpRequest, code: str, year: int, member_code: str) -> HttpResponse:
    association = managed_association(request.user, code)
    member = member_in_year(association, member_code, year)
    back = redirect("fee-list", code=association.code, year=year)
    if request.method == "POST" and request.POST.get("action") == "remove":
        try:
            _remove(request, association, member)
        except StaleVersion as error:
            messages.error(request, f"{error.message()} {changed_text(error)}")
            return redirect(request.get_full_path())
        done = _("The override for %(name)s was removed.") % {"name": member.name}
        messages.success(request, done)
        return back
    current = overrides_for(association, year).get(member.pk)
    initial = FeeOverrideForm.initial_from(current) if current else {"from_year": year}
    form = FeeOverrideForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        values = dict(form.cleaned_data)
        from_year = values.pop("from_year")
        if save_or_show(
            form, lambda: set_fee_override(user, association, member, from_year, **values)
        ):
            done = _("The override for %(name)s was saved.") % {"name": member.name}
            messages.success(request, done)
            return back
    context = {
        "association": association,
        "year": year,
        "member": member,
        "current": current,
        "overrides": FeeOverride.objects.filter(association=association, member=member),
        "row": _fee_row(association, year, member),
        "form": form,
    }
    return render(request, "fees/override_form.html", context)
