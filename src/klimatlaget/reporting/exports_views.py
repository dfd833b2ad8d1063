"""The Exports pages: every registered exporter the visitor may run, for an organisation
(``/o/<code>/exports/``) or for the whole platform (``/exports/``), grouped by the platform each
reports to, with a download per format; and the downloads themselves, run through
:func:`~klimatlaget.exports.registry.run_export`."""

from dataclasses import dataclass
from itertools import groupby

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone

from klimatlaget.accounts.resolvers import organisation_or_404
from klimatlaget.exports import registry
from klimatlaget.exports.registry import Exporter, ExportRequest, InvalidRequest
from klimatlaget.exports.responses import download
from klimatlaget.organisations.models import Organisation


@dataclass(frozen=True)
class Group:
    platform: str  # "" for the platform's own data
    exporters: list[Exporter]

    @property
    def name(self) -> str:
        return str(registry.PLATFORMS.get(self.platform, self.platform))


def grouped(exporters: list[Exporter]) -> list[Group]:
    """The exporters by the platform they report to, the platform's own data first."""
    ordered = sorted(exporters, key=lambda exporter: (exporter.platform, exporter.name))
    return [
        Group(platform, list(members))
        for platform, members in groupby(ordered, key=lambda exporter: exporter.platform)
    ]


def _page(request: HttpRequest, organisation: Organisation | None) -> HttpResponse:
    available = registry.available_to(request.user, organisation)
    context = {
        "organisation": organisation,
        "groups": grouped(available),
        "this_year": timezone.localdate().year,
    }
    return render(request, "reporting/exports.html", context)


def organisation_exports(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, organisation_or_404(code))


def platform_exports(request: HttpRequest) -> HttpResponse:
    return _page(request, None)


def parse_year(text: str | None) -> int | None:
    """The year asked for (``None`` when none was); ``InvalidRequest`` when it is no year."""
    if not text:
        return None
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        raise InvalidRequest(f"{text!r} is no year")
    return int(text)


def _download(
    request: HttpRequest, organisation: Organisation | None, name: str, format: str
) -> HttpResponse:
    try:
        exporter = registry.get_exporter(name)
    except registry.UnknownExporter:
        raise Http404(name) from None
    try:
        export_request = ExportRequest(
            format=registry.parse_format(format),
            organisation=organisation,
            year=parse_year(request.GET.get("year")),
            reader=request.user,
        )
        written = registry.run_export(request.user, exporter, export_request)
    except PermissionDenied:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise
    except InvalidRequest as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    except registry.NothingToExport as error:
        raise Http404(str(error)) from None
    return download(written.content, written.file_name, written.content_type)


def organisation_export(request: HttpRequest, code: str, name: str, format: str) -> HttpResponse:
    return _download(request, organisation_or_404(code), name, format)


def platform_export(request: HttpRequest, name: str, format: str) -> HttpResponse:
    return _download(request, None, name, format)
