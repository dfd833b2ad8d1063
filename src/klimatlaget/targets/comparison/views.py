"""The target comparison page, the pathways page and the association's view, with their CSV."""

from collections.abc import Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from klimatlaget.emissions.parameters import from_request, preset_choices
from klimatlaget.exports.columns import Column
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect
from klimatlaget.organisations.models import Organisation
from klimatlaget.targets.comparison import association as association_view
from klimatlaget.targets.comparison import matrix as matrix_view
from klimatlaget.targets.comparison import pathways as pathway_view
from klimatlaget.targets.comparison.service import (
    COLUMNS,
    FORM_LABELS,
    GROUPS,
    ORDER_LABELS,
    STATUS_LABELS,
    VERDICT_LABELS,
    Filters,
    build_comparison,
    decorate,
)
from klimatlaget.targets.evaluation import target_parameters
from klimatlaget.web.pagecache import public_page


def _csv(
    name: str, rows: list[dict[str, Any]], columns: Sequence[str | Column], request: HttpRequest
) -> HttpResponse:
    excel = request.GET.get("dialect") == "excel-sv"
    return csv_response(name, rows, columns, CsvDialect.EXCEL_SV if excel else CsvDialect.PLAIN)


@public_page
def comparison(request: HttpRequest) -> HttpResponse:
    page_params = from_request(request)
    params = target_parameters(page_params.params)
    table = build_comparison(params, Filters.from_query(request.GET))
    table.rows = decorate(table.rows)
    context = {
        "table": table,
        "groups": table.groups(),
        "forms": FORM_LABELS,
        "verdicts": {k: v for k, v in VERDICT_LABELS.items() if k != "no_target"},
        "statuses": STATUS_LABELS,
        "scope_groups": GROUPS,
        "orders": ORDER_LABELS,
        "target_count": sum(1 for r in table.rows if not r["is_reference"]),
        "reference_label": _("Reference"),
        "params": page_params.params,
        "preset": page_params.preset,
        "presets": preset_choices(),
        "param_error": page_params.error,
        "query": request.GET.urlencode(),
    }
    return render(request, "targets/comparison.html", context)


@public_page
def comparison_csv(request: HttpRequest) -> HttpResponse:
    params = target_parameters(from_request(request).params)
    table = build_comparison(params, Filters.from_query(request.GET))
    return _csv("klimatlaget-target-comparison", table.rows, COLUMNS, request)


@public_page
def matrix(request: HttpRequest) -> HttpResponse:
    page_params = from_request(request)
    params = target_parameters(page_params.params)
    filters = Filters.from_query(request.GET)
    entries = matrix_view.matrix_entries(params, filters)
    context = {
        "filters": filters,
        "matrices": matrix_view.build_matrices(entries),
        "columns": matrix_view.COLUMN_LABELS,
        "statuses": STATUS_LABELS,
        "scope_groups": GROUPS,
        "target_count": sum(1 for e in entries if not e["is_reference"]),
        "reference_label": _("Reference"),
        "param_error": page_params.error,
        "query": request.GET.urlencode(),
    }
    return render(request, "targets/matrix.html", context)


@public_page
def matrix_csv(request: HttpRequest) -> HttpResponse:
    params = target_parameters(from_request(request).params)
    entries = matrix_view.matrix_entries(params, Filters.from_query(request.GET))
    return _csv("klimatlaget-target-matrix", entries, matrix_view.CSV_COLUMNS, request)


def _chosen(request: HttpRequest) -> list[str]:
    return [code.strip() for code in request.GET.getlist("org") if code.strip()]


@public_page
def pathways(request: HttpRequest) -> HttpResponse:
    page_params = from_request(request)
    params = target_parameters(page_params.params)
    codes = _chosen(request)
    chosen = pathway_view.pathways(codes, params)
    index = request.GET.get("view") == "index"
    if request.GET.get("format") == "csv":
        return _csv(
            "klimatlaget-target-pathways",
            pathway_view.rows(chosen),
            pathway_view.CSV_COLUMNS,
            request,
        )
    context = {
        "choices": pathway_view.organisation_choices(),
        "codes": codes,
        "chosen": chosen,
        "unknown": [c for c in codes if c not in {o.code for o in chosen}],
        "max_organisations": pathway_view.MAX_ORGANISATIONS,
        "index": index,
        "chart": pathway_view.chart(chosen, params, index=index) if chosen else None,
        "rows": pathway_view.rows(chosen),
        "params": page_params.params,
        "preset": page_params.preset,
        "presets": preset_choices(),
        "param_error": page_params.error,
        "query": request.GET.urlencode(),
    }
    return render(request, "targets/pathways.html", context)


def _association_and_year(
    request: HttpRequest,
) -> tuple[Organisation | None, int, list[Organisation]]:
    choices = association_view.associations()
    code = request.GET.get("association", "").strip()
    chosen = next((a for a in choices if a.code == code), None) if code else None
    if code and chosen is None:
        raise Http404("no such association")
    if chosen is None and choices:
        chosen = choices[0]
    year_text = request.GET.get("year", "").strip()
    year = association_view.current_year()
    if year_text.isdigit() and 1900 <= int(year_text) <= 2100:
        year = int(year_text)
    return chosen, year, choices


def association(request: HttpRequest) -> HttpResponse:
    page_params = from_request(request)
    params = target_parameters(page_params.params)
    chosen, year, choices = _association_and_year(request)
    summary = association_view.summarise(chosen, year, params) if chosen else None
    if request.GET.get("format") == "csv":
        if summary is None:
            raise Http404("no association")
        name = f"{summary.association.code}-{year}-member-targets"
        return _csv(name, summary.members, association_view.MEMBER_COLUMNS, request)
    context = {
        "associations": choices,
        "chosen": chosen,
        "year": year,
        "summary": summary,
        "counts": association_view.labelled(summary) if summary else None,
        "chart": association_view.chart(summary) if summary else None,
        "query": request.GET.urlencode(),
    }
    return render(request, "targets/association.html", context)
