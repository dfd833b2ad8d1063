"""The members' budget overview of an association, a county or the nation (public, as each
member's own budget page is), with its CSV: the table filtered by light and outcome kind and
sorted by any column, the counts per light and a chart of each outcome in per cent of its
budget."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from klimatlaget.accounts.resolvers import association_or_404, region_or_404
from klimatlaget.calc.budget_status import AMBER, GREEN, RED
from klimatlaget.charts import Bar, bar_chart, number_formatter, responsive
from klimatlaget.emissions.parameters import from_request
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.organisations.models import Organisation

from . import describe
from .outcome import ACTUAL, NOWCAST
from .overview import EXPORT_COLUMNS, NO_LIGHT, BudgetOverview, MemberBudget, budget_overview

#: The sortable columns: the key of the query's ``sort`` and the member's value to sort by.
_LIGHT_ORDER = {GREEN: 0, AMBER: 1, RED: 2}
SORTS: dict[str, Callable[[MemberBudget], Any]] = {
    "name": lambda m: m.organisation.name.casefold(),
    "budget_t": lambda m: m.budget_t,
    "outcome_t": lambda m: m.outcome_t,
    "light": lambda m: _LIGHT_ORDER.get(m.light) if m.light else None,
    "deviation_pct": lambda m: m.deviation_pct,
    "decided_t": lambda m: m.decided_t,
    "proposed_t": lambda m: m.proposed_t,
    "gap_t": lambda m: m.gap_t,
}
DEFAULT_SORT = "deviation_pct"  # the furthest over budget first
KINDS = (ACTUAL, NOWCAST)
#: A chart of more members shows the top and the bottom only (unless all are asked for).
SHOWN_AT_EACH_END = 10


@dataclass
class OverviewTable:
    """The rows shown, and how: what ``sort_query`` and the template read."""

    sort: str
    descending: bool
    light: str
    kind: str
    rows: list[MemberBudget]


def _table(overview: BudgetOverview, query: QueryDict) -> OverviewTable:
    sort = query.get("sort", DEFAULT_SORT)
    sort = sort if sort in SORTS else DEFAULT_SORT
    descending = query.get("dir", "asc" if sort == "name" else "desc") == "desc"
    light = query.get("light", "")
    light = light if light in (GREEN, AMBER, RED, NO_LIGHT) else ""
    kind = query.get("kind", "")
    kind = kind if kind in KINDS else ""
    rows = [
        m
        for m in overview.members
        if (not light or (m.light or NO_LIGHT) == light) and (not kind or m.outcome_kind == kind)
    ]
    value = SORTS[sort]
    known = [m for m in rows if value(m) is not None]
    missing = [m for m in rows if value(m) is None]  # last, whichever the direction
    known.sort(key=lambda m: (value(m), m.organisation.name.casefold()), reverse=descending)
    return OverviewTable(sort, descending, light, kind, known + missing)


def _chart(
    overview: BudgetOverview, rows: list[MemberBudget], show_all: bool, query: str
) -> tuple[SafeString | None, bool]:
    """Each member's outcome in per cent of its budget, largest first; (chart, shortened)."""
    ranked = sorted(
        (m for m in rows if m.outcome_share_pct is not None),
        key=lambda m: -(m.outcome_share_pct or 0.0),
    )
    if not ranked:
        return None, False
    shortened = not show_all and len(ranked) > 2 * SHOWN_AT_EACH_END + 5
    omitted = None
    description = _(
        "The outcome (or its estimate) of each member in per cent of its budget, largest first; "
        "100 is exactly the budget."
    )
    if shortened:
        left_out = len(ranked) - 2 * SHOWN_AT_EACH_END
        ranked = ranked[:SHOWN_AT_EACH_END] + ranked[-SHOWN_AT_EACH_END:]
        omitted = (SHOWN_AT_EACH_END, _("… %(count)s more in the table …") % {"count": left_out})
    suffix = f"?{query}" if query else ""
    bars = [
        Bar(
            m.organisation.code,
            m.organisation.name,
            m.outcome_share_pct,
            reverse("organisation-budget", args=[m.organisation.code, overview.year]) + suffix,
        )
        for m in ranked
    ]
    svg = responsive(
        bar_chart,
        bars,
        title=_("Outcome in per cent of the budget %(year)s, %(name)s")
        % {"year": overview.year, "name": overview.group.name},
        description=description,
        unit="%",
        number_format=number_formatter(get_language() or "sv", 0),
        no_data_text=_("no data"),
        omitted=omitted,
    )
    return mark_safe(svg), shortened  # noqa: S308 - the chart package escapes every text it writes


#: The query's metric parameters, kept in the links to the members' own pages.
PARAMETERS = ("current_year", "preset")


def _parameters(request: HttpRequest) -> QueryDict:
    kept = QueryDict(mutable=True)
    for key in PARAMETERS:
        if key in request.GET:
            kept[key] = request.GET[key]
    return kept


def _columns() -> list[tuple[str, str, bool]]:
    """(sort key, heading, numeric) of each column."""
    return [
        ("name", _("Member"), False),
        ("budget_t", _("Budget (t)"), True),
        ("outcome_t", _("Outcome (t)"), True),
        ("light", _("Status"), False),
        ("deviation_pct", _("Deviation (%)"), True),
        ("decided_t", _("Expected from decided measures (t)"), True),
        ("proposed_t", _("Expected from proposed measures (t)"), True),
        ("gap_t", _("Gap (t)"), True),
    ]


#: The years the navigation offers, around the current year: back to the latest years with
#: SMHI's figures (they lag about two years), forward to next year's budget.
YEARS_BACK, YEARS_AHEAD = 3, 1


def _years(name: str, code: str, year: int, current_year: int, query: str) -> list[dict[str, Any]]:
    """Links to the year before and after (the metric parameters kept), within the years around
    the current year; from a year outside them, a link back towards them."""
    suffix = f"?{query}" if query else ""
    first, last = current_year - YEARS_BACK, current_year + YEARS_AHEAD
    return [
        {"year": each, "url": reverse(name, args=[code, each]) + suffix, "rel": rel}
        for each, rel in ((year - 1, "prev"), (year + 1, "next"))
        if (first <= each <= last)
        or (rel == "prev" and year > last)
        or (rel == "next" and year < first)
    ]


def _rows(members: list[MemberBudget], year: int, parameters: str) -> list[dict[str, Any]]:
    """The table's rows, the numbers formatted here: a template filter per cell is the larger
    part of the time a page of 290 members takes."""
    language = get_language() or "sv"
    tonnes, one_decimal = number_formatter(language, 0), number_formatter(language, 1)

    def shown(value: float | None) -> str:
        return "–" if value is None else tonnes(value)

    suffix = f"?{parameters}" if parameters else ""
    lights = {light: describe.light(light) for light in (GREEN, AMBER, RED)}
    rows = []
    for m in members:
        deviation = m.deviation_pct
        code = m.organisation.code
        rows.append(
            {
                "code": code,
                "name": m.organisation.name,
                "href": reverse("organisation-budget", args=[code, year]) + suffix,
                "kind": m.outcome_kind or "",
                "light": lights[m.light] if m.light else None,
                "budget": shown(m.budget_t),
                "outcome": shown(m.outcome_t),
                "deviation": "–"
                if deviation is None
                else ("+" if deviation > 0 else "") + one_decimal(deviation),
                "decided": shown(m.decided_t),
                "proposed": shown(m.proposed_t),
                "gap": shown(m.gap_t),
            }
        )
    return rows


def _page(
    request: HttpRequest, group: Organisation, year: int, page_name: str, csv_name: str
) -> HttpResponse:
    page_params = from_request(request)
    overview = budget_overview(group, year, page_params.params)
    table = _table(overview, request.GET)
    show_all = request.GET.get("all") == "1"
    kept = _parameters(request)
    parameters = kept.urlencode()
    chart, shortened = _chart(overview, table.rows, show_all, parameters)
    chart_query = request.GET.copy()
    chart_query.pop("all", None)
    counts = overview.counts()
    lights = [
        {"value": light, "count": counts[light], "light": describe.light(light)}
        for light in (GREEN, AMBER, RED)
    ]
    context = {
        "group": group,
        "year": year,
        "overview": overview,
        "table": table,
        "rows": _rows(table.rows, year, parameters),
        "lights": lights,
        "no_light": counts[NO_LIGHT],
        "kinds": [(ACTUAL, _("SMHI's figure")), (NOWCAST, _("estimate"))],
        "chart": chart,
        "chart_shortened": shortened,
        "chart_showing_all": show_all and len(table.rows) > 2 * SHOWN_AT_EACH_END + 5,
        "chart_query": chart_query.urlencode(),
        "years": _years(page_name, group.code, year, page_params.params.current_year, parameters),
        "csv_url": reverse(csv_name, args=[group.code, year]),
        "parameters": parameters,
        "hidden": list(kept.items()),
        "columns": _columns(),
        "estimate": _("estimate"),
        "param_error": page_params.error,
        "query": request.GET.urlencode(),
    }
    return render(request, "budgets/overview.html", context)


def _csv(request: HttpRequest, group: Organisation, year: int) -> HttpResponse:
    overview = budget_overview(group, year, from_request(request).params)
    rows = [m.export_row(year) for m in _table(overview, request.GET).rows]
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    return csv_response(f"{group.code}-member-budgets-{year}", rows, EXPORT_COLUMNS, dialect)


def association_budgets(request: HttpRequest, code: str, year: int) -> HttpResponse:
    group = association_or_404(code)
    return _page(request, group, year, "association-budgets", "association-budgets-csv")


def association_budgets_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _csv(request, association_or_404(code), year)


def region_budgets(request: HttpRequest, code: str, year: int) -> HttpResponse:
    group = region_or_404(code)
    return _page(request, group, year, "region-budgets", "region-budgets-csv")


def region_budgets_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _csv(request, region_or_404(code), year)
