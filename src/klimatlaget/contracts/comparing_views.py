"""The cities' contracts compared: one subject side by side, and the coverage of the
template's subjects per city, each with its table as CSV or a workbook."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from klimatlaget.accounts.resolvers import visible_contract
from klimatlaget.contracts import comparison, search
from klimatlaget.exports.columns import Column, Kind, keys
from klimatlaget.exports.responses import table_response
from klimatlaget.exports.tabular import TableFormat


def _year(request: HttpRequest) -> int | None:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 1990 <= int(text) <= 2100 else None


def _download(request: HttpRequest, table_format: str) -> TableFormat | None:
    """The table's format asked for by the address (``.csv``, ``.xlsx``; none for the page),
    CSV for Swedish Excel with ``?dialect=excel-sv``."""
    if table_format == TableFormat.CSV and request.GET.get("dialect") == "excel-sv":
        return TableFormat.CSV_EXCEL_SV
    return TableFormat(table_format) if table_format else None


def _subject_choices(names: dict[str, str]) -> list[dict[str, Any]]:
    """The template's subjects grouped under their top-level subject, indented by depth."""
    groups: list[dict[str, Any]] = []
    for subject in comparison.subject_ids():
        depth = subject.count(".")
        if depth == 0:
            groups.append({"id": subject, "name": names[subject], "options": []})
        label = ("– " * depth) + names[subject]
        groups[-1]["options"].append({"id": subject, "label": label})
    return groups


def compare(request: HttpRequest, table_format: str = "") -> HttpResponse:
    names = comparison.subject_names()
    subject = request.GET.get("subject", "")
    year = _year(request)
    known = subject in names
    cards = comparison.compare(request.user, subject, year) if known else []
    download = _download(request, table_format)
    if download is not None:
        if not known:
            raise Http404(subject)
        rows = [card.row() for card in cards]
        name = f"klimatlaget-contracts-{subject}-{year or 'latest'}"
        return table_response(name, rows, comparison.COLUMNS, download, _("Comparison"))
    context = {
        "groups": _subject_choices(names),
        "subject": subject if known else "",
        "subject_name": names.get(subject, ""),
        "unknown_subject": bool(subject) and not known,
        "year": year,
        "years": comparison.years(request.user),
        "cards": cards,
        "query": request.GET.urlencode(),
    }
    return render(request, "contracts/comparison.html", context)


def _coverage_columns(subjects: list[str]) -> list[Column]:
    return [*comparison.COVERAGE_COLUMNS, *(Column(s, s, Kind.TEXT) for s in subjects)]


def coverage(request: HttpRequest, table_format: str = "") -> HttpResponse:
    year = _year(request)
    rows = comparison.coverage(request.user, year)
    subjects = comparison.subject_ids()
    download = _download(request, table_format)
    if download is not None:
        table = [row.row(subjects) for row in rows]
        name = f"klimatlaget-contract-coverage-{year or 'latest'}"
        return table_response(name, table, _coverage_columns(subjects), download, _("Coverage"))
    names = comparison.subject_names()
    context = {
        "year": year,
        "years": comparison.years(request.user),
        "rows": rows,
        "matrix": [
            {
                "id": subject,
                "name": names[subject],
                "depth": subject.count("."),
                "cells": [{"contract": r.contract, "section": r.cells[subject]} for r in rows],
            }
            for subject in subjects
        ],
    }
    return render(request, "contracts/coverage.html", context)


def city_coverage(
    request: HttpRequest, code: str, year: int, table_format: str = ""
) -> HttpResponse:
    contract = visible_contract(request.user, code, year)
    rows = comparison.coverage(request.user, year)
    gaps = comparison.city_gaps(rows, contract.organisation.code)
    own = next((r for r in rows if r.contract.pk == contract.pk), None)
    names = comparison.subject_names()
    listed = [
        {
            "subject": gap.subject,
            "name": names[gap.subject],
            "covered": gap.covered,
            "others_covering": gap.others_covering,
            "others": gap.others,
            "section": own.cells.get(gap.subject) if own else None,
        }
        for gap in gaps
    ]
    download = _download(request, table_format)
    if download is not None:
        columns = [
            Column("subject", _("Subject")),
            Column("name", _("Name"), width=30),
            Column("covered", _("Covered")),
            Column("others_covering", _("Other cities covering it"), Kind.INTEGER),
            Column("others", _("Other cities"), Kind.INTEGER),
        ]
        table = [{key: row[key] for key in keys(columns)} for row in listed]
        name = f"klimatlaget-contract-coverage-{contract.organisation.code}-{contract.year}"
        return table_response(name, table, columns, download)
    context = {"organisation": contract.organisation, "contract": contract, "rows": listed}
    return render(request, "contracts/city_coverage.html", context)


def search_page(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    hits = search.search(request.user, q)
    context = {"q": q, "hits": hits, "searched": bool(q.strip())}
    return render(request, "contracts/search.html", context)
