"""Organisation pages (municipality, county, nation), the comparison page and their CSV files."""

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klimatlaget.accounts.permissions import Permission, has_permission
from klimatlaget.accounts.resolvers import organisation_or_404
from klimatlaget.emissions import comparison as comparing
from klimatlaget.emissions import figures
from klimatlaget.emissions.metrics import metrics_rows
from klimatlaget.emissions.parameters import from_request, preset_choices
from klimatlaget.emissions.sectors import sector_label
from klimatlaget.emissions.series import (
    metrics_for,
    organisation_series,
    pathway_rows,
    sector_rows,
)
from klimatlaget.exports.columns import Column
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.organisations.models import OrganisationKind
from klimatlaget.web.pagecache import public_page


def _csv(
    name: str, rows: list[dict[str, Any]], columns: Sequence[str | Column], request: HttpRequest
) -> HttpResponse:
    """CSV for programs, or with ``?dialect=excel-sv`` for Swedish Excel."""
    excel = request.GET.get("dialect") == "excel-sv"
    return csv_response(name, rows, columns, CsvDialect.EXCEL_SV if excel else CsvDialect.PLAIN)


@public_page
def organisation_page(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    page_params = from_request(request)
    params = page_params.params
    series = organisation_series(code)
    metrics = metrics_for(code, params)
    context = {
        "organisation": organisation,
        "series": series,
        "metrics": metrics,
        "params": params,
        "preset": page_params.preset,
        "param_error": page_params.error,
        "presets": preset_choices(),
        "key_figures": figures.key_figures(series, metrics, params),
        "sector_chart": figures.sector_chart(series) if series.sectors else None,
        "pathway_chart": figures.pathway_chart(series, metrics, params) if series.total else None,
        "sector_table": _sector_table(series.sectors),
        "pathway_table": pathway_rows(code, params),
        "members": _members(organisation.kind, code, params),
        "can_edit": has_permission(request.user, Permission.CHANGE_ORGANISATION, organisation),
        "can_view_history": has_permission(request.user, Permission.VIEW_HISTORY, organisation),
        "query": request.GET.urlencode(),
    }
    return render(request, "emissions/organisation.html", context)


def _sector_table(sectors: dict[str, dict[int, float]]) -> dict[str, Any]:
    years = sorted({year for values in sectors.values() for year in values})
    rows = [
        {"sector": sector_label(name), "values": [values.get(year) for year in years]}
        for name, values in sorted(sectors.items(), key=lambda item: -sum(item[1].values()))
    ]
    totals = [sum(values.get(year, 0.0) for values in sectors.values()) for year in years]
    return {"years": years, "rows": rows, "totals": totals}


def _members(kind: str, code: str, params: Any) -> list[dict[str, Any]]:
    """A county lists its municipalities, the nation its counties."""
    if kind == OrganisationKind.COUNTY:
        return [
            r
            for r in metrics_rows(params, {OrganisationKind.MUNICIPALITY})
            if r["code"][:2] == code
        ]
    if kind == OrganisationKind.NATION:
        return metrics_rows(params, {OrganisationKind.COUNTY})
    return []


@public_page
def emissions_csv(request: HttpRequest, code: str) -> HttpResponse:
    organisation_or_404(code)
    return _csv(
        f"{code}-emissions-by-sector", sector_rows(code), ["year", "sector", "tco2e"], request
    )


@public_page
def pathways_csv(request: HttpRequest, code: str) -> HttpResponse:
    organisation_or_404(code)
    params = from_request(request).params
    columns = ["year", "observed_t", "approximated_t", "trend_t", "carbon_law_t"]
    return _csv(f"{code}-pathways", pathway_rows(code, params), columns, request)


@public_page
def comparison(request: HttpRequest) -> HttpResponse:
    page_params = from_request(request)
    table = comparing.build(request.GET, page_params.params)
    show_all = request.GET.get("all") == "1"
    chart_query = request.GET.copy()
    chart_query.pop("all", None)
    context = {
        "table": table,
        "param_error": page_params.error,
        "preset": page_params.preset,
        "presets": preset_choices(),
        "params": page_params.params,
        "chart": comparing.chart(table, show_all),
        "chart_shortened": comparing.is_shortened(table, show_all),
        "chart_showing_all": show_all and comparing.is_shortened(table, False),
        "chart_query": chart_query.urlencode(),
        "query": request.GET.urlencode(),
    }
    return render(request, "emissions/comparison.html", context)


@public_page
def comparison_csv(request: HttpRequest) -> HttpResponse:
    table = comparing.build(request.GET, from_request(request).params)
    return _csv("klimatlaget-comparison", table.rows, comparing.CSV_COLUMNS, request)
