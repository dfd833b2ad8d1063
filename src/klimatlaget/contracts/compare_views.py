"""Comparing two versions of a contract: the page, section by section with the changed words
marked, and its summary as CSV. Both versions must be readable by the visitor (a hidden draft
is as missing)."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe

from klimatlaget.accounts.resolvers import visible_contract, visible_contracts
from klimatlaget.calc.contract_diff import SectionChange, as_html
from klimatlaget.contracts.comparing import COLUMNS, StoredSection, compare, summary_row
from klimatlaget.contracts.models import Contract
from klimatlaget.exports.responses import csv_response
from klimatlaget.exports.tabular import CsvDialect


@dataclass(frozen=True)
class ChangeView:
    """A section of the comparison with its word diffs as HTML (escaped by ``as_html``)."""

    change: SectionChange[StoredSection]
    title_html: SafeString
    text_html: SafeString


def _other(request: HttpRequest, contract: Contract) -> Contract | None:
    """The version named by ``with`` (a year), else the latest one before ``contract``."""
    wanted = request.GET.get("with", "")
    if wanted:
        if not wanted.isdigit():
            raise Http404(wanted)
        return visible_contract(request.user, contract.organisation.code, int(wanted))
    earlier = visible_contracts(request.user, contract.organisation).filter(year__lt=contract.year)
    return earlier.order_by("-year").first()


def _view(change: SectionChange[StoredSection]) -> ChangeView:
    return ChangeView(
        change,
        mark_safe(as_html(change.title_runs)),  # noqa: S308 (as_html escapes every text)
        mark_safe(as_html(change.text_runs)),  # noqa: S308
    )


def compare_page(request: HttpRequest, code: str, year: int) -> HttpResponse:
    contract = visible_contract(request.user, code, year)
    organisation = contract.organisation
    other = _other(request, contract)
    only_changes = request.GET.get("changes") == "1"
    context: dict[str, Any] = {
        "organisation": organisation,
        "contract": contract,
        "other": other,
        "versions": [
            c for c in visible_contracts(request.user, organisation) if c.pk != contract.pk
        ],
        "only_changes": only_changes,
    }
    if other is not None:
        comparison = compare(contract, other)
        changes = comparison.diff.changes
        if only_changes:
            changes = tuple(c for c in changes if c.status != "unchanged")
        context |= {
            "comparison": comparison,
            "counts": comparison.counts(),
            "changes": [_view(change) for change in changes],
        }
    return render(request, "contracts/compare.html", context)


def compare_csv(request: HttpRequest, code: str, year: int) -> HttpResponse:
    contract = visible_contract(request.user, code, year)
    other = _other(request, contract)
    if other is None:
        raise Http404("no other version")
    comparison = compare(contract, other)
    dialect = CsvDialect.EXCEL_SV if request.GET.get("dialect") == "excel-sv" else CsvDialect.PLAIN
    rows = [summary_row(change) for change in comparison.diff.changes]
    name = f"{code}-contract-{comparison.old.year}-{comparison.new.year}"
    return csv_response(name, rows, COLUMNS, dialect)
