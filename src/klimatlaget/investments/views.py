"""An organisation's climate investment plans: the list of plans and versions, a plan's page
(headline figures, the cost curve, the lines with filters, CSV), the comparison of two
versions, and making a new version (the organisation's editors)."""

from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from klimatlaget.accounts.permissions import Permission, has_permission
from klimatlaget.accounts.resolvers import in_organisation, organisation_for, organisation_or_404
from klimatlaget.audit.subjects import INVESTMENT_LINE
from klimatlaget.audit.visibility import history
from klimatlaget.charts import CostBar, cost_curve_chart, number_formatter, responsive
from klimatlaget.concurrency import versioned_initial
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.investments import figures, funding, line_detail, services, table_rows
from klimatlaget.investments.choices import Actor, CoBenefit, FundingSource, FundingStatus
from klimatlaget.investments.coverage_page import coverage_section
from klimatlaget.investments.forms import InvestmentLineForm, InvestmentPlanForm
from klimatlaget.investments.lines_views import default_year
from klimatlaget.investments.models import InvestmentLine, InvestmentPlan
from klimatlaget.measures.choices import SECTORS
from klimatlaget.measures.views.common import saved
from klimatlaget.organisations.models import Organisation


def _can_edit(request: HttpRequest, organisation: Organisation) -> bool:
    return has_permission(request.user, Permission.CHANGE_ORGANISATION, organisation)


def _plan(organisation: Organisation, plan_id: int) -> InvestmentPlan:
    return in_organisation(InvestmentPlan.objects.select_related("replaces"), organisation, plan_id)


def plan_list(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    plans = list(
        InvestmentPlan.objects.filter(organisation=organisation).select_related("replaces")
    )
    context = {
        "organisation": organisation,
        "plans": plans,
        "can_edit": _can_edit(request, organisation),
        "upload_year": default_year(organisation),
    }
    return render(request, "investments/plan_list.html", context)


@dataclass(frozen=True)
class Filters:
    """The filters of a plan's table of lines (empty: all)."""

    actor: str = ""
    sector: str = ""
    funding_source: str = ""
    funding_status: str = ""

    @classmethod
    def from_query(cls, query: QueryDict) -> "Filters":
        return cls(**{name: query.get(name, "").strip() for name in cls.__dataclass_fields__})

    def keep(self, line: InvestmentLine) -> bool:
        return (
            (not self.actor or line.actor == self.actor)
            and (not self.sector or line.effective_sector == self.sector)
            and (not self.funding_source or line.funding_source == self.funding_source)
            and (not self.funding_status or line.funding_status == self.funding_status)
        )


def _line_hrefs(code: str, plan_id: int) -> Callable[[Any], str]:
    """The address of a line's page by its id, reversed once for all the plan's lines."""
    prefix = reverse(
        "investment-line", kwargs={"code": code, "plan_id": plan_id, "line_id": 0}
    ).removesuffix("0/")
    return lambda line_id: f"{prefix}{line_id}/"


def _curve(plan_figures: figures.PlanFigures, code: str, href: Callable[[Any], str]) -> SafeString:
    lines = plan_figures.by_id
    bars = [
        CostBar(
            key=bar.key,
            label=lines[int(bar.key)].title,
            x0=bar.x0,
            x1=bar.x1,
            height=bar.height,
            href=href(bar.key),
        )
        for bar in plan_figures.curve
    ]
    svg = responsive(
        cost_curve_chart,
        bars,
        title=_("Marginal abatement cost curve"),
        description=_(
            "The lines with an abatement cost, cheapest first; each bar is as wide as the "
            "line's annual reduction and as high as its cost per tonne."
        ),
        x_unit=_("t CO₂e a year"),
        y_unit=_("SEK/t"),
        empty_message=_("No line has an abatement cost."),
        number_format=number_formatter(get_language() or "sv"),
        id_prefix=f"cost-curve-{code}",
    )
    return mark_safe(svg)  # noqa: S308 - the chart package escapes every text it writes


def _breakdowns(totals: Any) -> list[dict[str, Any]]:
    """The investment by actor, funding source and funding status, each kind by its label."""
    kinds = [
        ("actor", _("Investing actor"), totals.by_actor, dict(Actor.choices)),
        (
            "funding_source",
            _("Funding source"),
            totals.by_funding_source,
            dict(FundingSource.choices),
        ),
        (
            "funding_status",
            _("Funding status"),
            totals.by_funding_status,
            dict(FundingStatus.choices),
        ),
    ]
    return [
        {
            "key": key,
            "heading": heading,
            "rows": [
                {"key": value, "label": labels.get(value, value), "sek": sek}
                for value, sek in sums.items()
            ],
        }
        for key, heading, sums, labels in kinds
    ]


#: Labels by value, looked up once (a model's get_FOO_display rebuilds its choices each call).
_LABELS: dict[str, dict[str, Any]] = {
    "actor": dict(Actor.choices),
    "sector": dict(SECTORS),
    "funding_source": dict(FundingSource.choices),
    "funding_status": dict(FundingStatus.choices),
}


def _rows(
    plan_figures: figures.PlanFigures, lines: list[InvestmentLine], href: Callable[[Any], str]
) -> list[dict[str, Any]]:
    """The table's rows: each line with its cost, address and labels."""
    return [
        {
            "line": line,
            "cost": plan_figures.costs[line.pk],
            "href": href(line.pk),
            "actor": _LABELS["actor"].get(line.actor, line.actor),
            "sector": _LABELS["sector"].get(line.effective_sector, line.effective_sector),
            "funding_source": _LABELS["funding_source"].get(line.funding_source, ""),
            "funding_status": _LABELS["funding_status"].get(line.funding_status, ""),
        }
        for line in lines
    ]


def plan_page(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    organisation = organisation_or_404(code)
    plan = _plan(organisation, plan_id)
    href = _line_hrefs(code, plan.pk)
    plan_figures = figures.plan_figures(plan)
    filters = Filters.from_query(request.GET)
    shown = [line for line in plan_figures.lines if filters.keep(line)]
    totals = plan_figures.totals
    rows = _rows(plan_figures, shown, href)
    curve_rows = [
        {"bar": bar, "line": plan_figures.by_id[int(bar.key)], "href": href(bar.key)}
        for bar in plan_figures.curve
    ]
    number = number_formatter(get_language() or "sv")
    can_edit = _can_edit(request, organisation)
    context = {
        "organisation": organisation,
        "plan": plan,
        "figures": plan_figures,
        "totals": totals,
        "own_share_pct": None if totals.own_share is None else totals.own_share * 100,
        "rows": rows,
        "line_rows": table_rows.line_rows(rows, number, can_edit),
        "curve": _curve(plan_figures, code, href),
        "curve_rows": curve_rows,
        "curve_table_rows": table_rows.curve_rows(curve_rows, number),
        "years": [
            {"year": y, "totals": t, "gap": totals.funding_gap_by_year.get(y, 0)}
            for y, t in totals.by_year.items()
        ],
        "breakdowns": _breakdowns(totals),
        "filters": filters,
        "actors": Actor.choices,
        "sectors": SECTORS,
        "funding_sources": FundingSource.choices,
        "funding_statuses": FundingStatus.choices,
        "query": request.GET.urlencode(),
        "discount_rate_pct": float(plan.discount_rate_percent),
        "can_edit": can_edit,
        "funding": funding.section(plan_figures, code),
        "coverage": coverage_section(request, plan_figures),
    }
    return render(request, "investments/plan.html", context)


def plan_csv(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    organisation = organisation_or_404(code)
    plan = _plan(organisation, plan_id)
    plan_figures = figures.plan_figures(plan)
    filters = Filters.from_query(request.GET)
    shown = [line for line in plan_figures.lines if filters.keep(line)]
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    name = f"{organisation.code}-investment-plan-{plan.year}-v{plan.version_number}"
    return csv_response(name, figures.table_rows(plan_figures, shown), figures.COLUMNS, dialect)


def funding_csv(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    """The plan's capex by year and funding status, and by year and funding source."""
    organisation = organisation_or_404(code)
    plan = _plan(organisation, plan_id)
    rows = funding.table_rows(figures.plan_figures(plan))
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    name = f"{organisation.code}-investment-funding-{plan.year}-v{plan.version_number}"
    return csv_response(name, rows, funding.COLUMNS, dialect)


def line_page(request: HttpRequest, code: str, plan_id: int, line_id: int) -> HttpResponse:
    """One line in full: its fields, amounts by year, abatement cost step by step, measure,
    place on the cost curve, other versions and change history."""
    organisation = organisation_or_404(code)
    plan = _plan(organisation, plan_id)
    plan_figures = figures.plan_figures(plan)
    line = plan_figures.by_id.get(line_id)
    if line is None:
        raise Http404(str(line_id))
    reads_history = has_permission(request.user, Permission.VIEW_HISTORY, organisation)
    changes = (
        history(request.user, organisation).filter(subject=INVESTMENT_LINE.name, subject_id=line.pk)
        if reads_history
        else None
    )
    steps = line_detail.steps(line, plan_figures)
    context = {
        "organisation": organisation,
        "plan": plan,
        "line": line,
        "years": line_detail.year_rows(line),
        "steps": steps,
        "not_applicable": line_detail.not_applicable_reason(steps.cost.not_applicable),
        "place": line_detail.curve_place(line, plan_figures),
        "curve_count": len(plan_figures.curve),
        "co_benefits": [
            {"key": kind, "label": dict(CoBenefit.choices).get(kind, kind), "sek": sek}
            for kind, sek in line.co_benefits_sek.items()
        ],
        "versions": line_detail.other_versions(line),
        "changes": changes,
        "can_edit": _can_edit(request, organisation),
    }
    return render(request, "investments/line.html", context)


def compare_page(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    """The plan against another version (``?with=ID``; the version it replaces by default)."""
    organisation = organisation_or_404(code)
    plan = _plan(organisation, plan_id)
    other_id = request.GET.get("with") or plan.replaces_id
    if not other_id or not str(other_id).isdigit():
        raise Http404("no version to compare with")
    old = _plan(organisation, int(other_id))
    comparison = services.compare(old, plan)
    old_lines = {str(line.key): line for line in old.lines.all()}
    new_lines = {str(line.key): line for line in plan.lines.all()}
    changed = [
        {
            "line": new_lines[key],
            "fields": [
                {"name": _field_name(field), "old": _shown(field, old), "new": _shown(field, new)}
                for field, (old, new) in fields.items()
            ],
        }
        for key, fields in comparison.changed.items()
    ]
    context = {
        "organisation": organisation,
        "plan": plan,
        "old": old,
        "versions": InvestmentPlan.objects.filter(organisation=organisation).exclude(pk=plan.pk),
        "comparison": comparison,
        "added": [new_lines[key] for key in comparison.added],
        "removed": [old_lines[key] for key in comparison.removed],
        "changed": changed,
    }
    return render(request, "investments/compare.html", context)


def _line_field(name: str) -> Any:
    return InvestmentLine._meta.get_field(name.removesuffix("_id"))


def _field_name(name: str) -> str:
    return str(_line_field(name).verbose_name)


def _shown(name: str, value: Any) -> str:
    """A compared value for the reader: a choice by its label, amounts by year as a list."""
    if value is None or value == "" or value == {} or value == []:
        return "–"
    field = _line_field(name)
    if field.choices:
        return str(dict(field.choices).get(value, value))
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_shown_number(amount)}" for key, amount in value.items())
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return _shown_number(value)


def _shown_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@login_required
@require_POST
def new_version(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    plan = _plan(organisation, plan_id)
    user: Any = request.user
    copy = services.new_version(user, plan)
    messages.success(request, _("The new version was made as a draft."))
    return redirect("investment-plan", code=organisation.code, plan_id=copy.pk)


def _form_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(request, "investments/form.html", context)


@login_required
def new_plan(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    form = InvestmentPlanForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        made: list[InvestmentPlan] = []
        if saved(
            form, lambda values: made.append(services.create_plan(user, organisation, values))
        ):
            messages.success(request, _("The investment plan was added."))
            return redirect("investment-plan", code=organisation.code, plan_id=made[0].pk)
    context = {"organisation": organisation, "form": form, "heading": _("Add an investment plan")}
    return _form_page(request, context)


@login_required
def edit_plan(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    plan = _plan(organisation, plan_id)
    form = InvestmentPlanForm(
        request.POST or None,
        instance=copy(plan),
        organisation=organisation,
        initial=versioned_initial(plan),
    )
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if saved(form, lambda values: services.update_plan(user, plan, values)):
            messages.success(request, _("Saved."))
            return redirect("investment-plan", code=organisation.code, plan_id=plan.pk)
    context = {
        "organisation": organisation,
        "form": form,
        "plan": plan,
        "heading": _("Edit the investment plan"),
    }
    return _form_page(request, context)


@login_required
def new_line(request: HttpRequest, code: str, plan_id: int) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    plan = _plan(organisation, plan_id)
    form = InvestmentLineForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if saved(form, lambda values: services.create_line(user, plan, values)):
            messages.success(request, _("The line was added."))
            return redirect("investment-plan", code=organisation.code, plan_id=plan.pk)
    context = {"organisation": organisation, "form": form, "plan": plan, "heading": _("Add a line")}
    return _form_page(request, context)


@login_required
def edit_line(request: HttpRequest, code: str, plan_id: int, line_id: int) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    plan = _plan(organisation, plan_id)
    line = plan.lines.filter(pk=line_id).first()
    if line is None:
        raise Http404(str(line_id))
    form = InvestmentLineForm(
        request.POST or None,
        instance=copy(line),
        organisation=organisation,
        initial=versioned_initial(line),
    )
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        if saved(form, lambda values: services.update_line(user, line, values)):
            messages.success(request, _("Saved."))
            return redirect("investment-plan", code=organisation.code, plan_id=plan.pk)
    context = {
        "organisation": organisation,
        "form": form,
        "plan": plan,
        "heading": _("Edit the line"),
    }
    return _form_page(request, context)
