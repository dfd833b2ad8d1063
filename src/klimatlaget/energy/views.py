"""The energy inventory's pages: an organisation's final energy use of a year by sector and
carrier (chart, table, CSV; public), the upload of a file for one organisation (its editors and
the platform) or for many (the platform), and the Covenant of Mayors workbook (public)."""

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from klimatlaget.accounts.permissions import Permission, ensure_permission, has_permission
from klimatlaget.accounts.resolvers import organisation_for, organisation_or_404
from klimatlaget.charts.bar import Bar, bar_chart
from klimatlaget.charts.format import number_formatter
from klimatlaget.emissions.models import Emission
from klimatlaget.energy import table
from klimatlaget.energy.imports import EnergyImport, import_energy
from klimatlaget.exports.registry import ExportFormat, ExportRequest, get_exporter, run_export
from klimatlaget.exports.responses import csv_response, download
from klimatlaget.organisations.models import Organisation
from klimatlaget.sources import SourceError


def _year(request: HttpRequest, known: list[int]) -> int | None:
    wanted = request.GET.get("year", "")
    if wanted.isdigit() and int(wanted) in known:
        return int(wanted)
    return known[0] if known else None


@require_GET
def energy_page(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    known = table.years(organisation)
    year = _year(request, known)
    rows = table.rows(organisation, year) if year is not None else []
    by_sector = table.totals(rows, "sector")
    chart = None
    if by_sector:
        chart = mark_safe(  # noqa: S308 - the chart package escapes every text it writes
            bar_chart(
                [Bar(total.key, total.label, total.mwh) for total in by_sector],
                title=_("Final energy use %(year)s by sector, %(name)s")
                % {"year": year, "name": organisation.name},
                description=_("Final energy use of each sector, in MWh."),
                unit="MWh",
                number_format=number_formatter(get_language() or "sv"),
                no_data_text=_("no data"),
            )
        )
    context: dict[str, Any] = {
        "organisation": organisation,
        "year": year,
        "years": known,
        "rows": rows,
        "by_sector": by_sector,
        "by_carrier": table.totals(rows, "carrier"),
        "total_mwh": sum(row["mwh"] for row in rows),
        "total_t": sum(row["tco2e"] for row in rows),
        "chart": chart,
        "may_upload": has_permission(request.user, Permission.CHANGE_ORGANISATION, organisation),
        "may_upload_all": has_permission(request.user, Permission.IMPORT_DATA),
        "covenant_year": year or _covenant_year(organisation),
    }
    return render(request, "energy/energy.html", context)


@require_GET
def energy_csv(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    wanted = request.GET.get("year", "")
    year = int(wanted) if wanted.isdigit() else None
    name = f"energy-{organisation.code}" + (f"-{year}" if year else "")
    return csv_response(name, table.rows(organisation, year), table.COLUMNS)


def _covenant_year(organisation: Organisation) -> int | None:
    known = table.years(organisation)
    if known:
        return known[0]
    latest = Emission.objects.filter(organisation=organisation).order_by("-year").first()
    return latest.year if latest else None


@require_GET
def covenant_workbook(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    wanted = request.GET.get("year", "")
    year = int(wanted) if wanted.isdigit() else _covenant_year(organisation)
    if year is None:
        year = timezone.localdate().year
    written = run_export(
        request.user,
        get_exporter("covenant-of-mayors"),
        ExportRequest(ExportFormat.XLSX, organisation, year, reader=request.user),
    )
    return download(written.content, written.file_name, written.content_type)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Energy use (CSV or .xlsx)"),
        help_text=gettext_lazy(
            "Columns organisation, year, sector, carrier, mwh and source; at most 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def _imported(request: HttpRequest, upload: Any, only: Organisation | None) -> EnergyImport:
    """The upload imported (SourceError naming every problem), saved under its own name."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(upload.name or "energy.csv").name or "energy.csv")
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return import_energy(path, actor=request.user, only=only)


def _upload(request: HttpRequest, organisation: Organisation | None) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"organisation": organisation}
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                result = _imported(request, form.cleaned_data["file"], organisation)
            except SourceError as error:
                context["problems"] = error.problems
                context["omitted"] = error.omitted
            else:
                replaced = ", ".join(f"{code} {year}" for code, year in sorted(result.replaced))
                messages.success(
                    request,
                    _("%(rows)s rows read; replaced: %(replaced)s.")
                    % {"rows": result.rows_read, "replaced": replaced or _("nothing changed")},
                )
                if organisation is None:
                    return redirect("energy-upload-platform")
                years = sorted(year for _code, year in result.replaced)
                suffix = f"?year={years[-1]}" if years else ""
                return redirect(f"{organisation.get_absolute_url()}energy/{suffix}")
    context["form"] = form
    return render(request, "energy/upload.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def upload_page(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    return _upload(request, organisation)


@login_required
@require_http_methods(["GET", "POST"])
def platform_upload_page(request: HttpRequest) -> HttpResponse:
    ensure_permission(request.user, Permission.IMPORT_DATA)
    return _upload(request, None)
