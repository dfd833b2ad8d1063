from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from klimatlaget.calc import CARBON_LAW_PRESETS, MetricParameters
from klimatlaget.emissions.highlights import overview
from klimatlaget.emissions.metrics import parameters
from klimatlaget.imports.models import ImportKind, ImportRun
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.web.methoddoc import method_document
from klimatlaget.web.pagecache import public_page
from klimatlaget.web.search import search_places


@public_page
def home(request: HttpRequest) -> HttpResponse:
    """The place to start: search, Sweden's headline figures, the municipalities furthest ahead
    and behind; with ``?q=`` the search results (the page the search form falls back to)."""
    query = request.GET.get("q", "").strip()
    if query:
        found = search_places(query, limit=50)
        if found:
            return render(request, "web/search.html", {"query": query, "results": found})
        messages.error(request, _("No municipality or region called “%(name)s”.") % {"name": query})
    counties = Organisation.objects.filter(kind=OrganisationKind.COUNTY).order_by("code")
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    context = {
        "overview": overview(parameters()),
        "emissions_import": ImportRun.objects.filter(kind=ImportKind.EMISSIONS).first(),
        "counties": counties,
        "municipalities": municipalities.order_by("name"),
    }
    return render(request, "web/home.html", context)


@public_page
def search_suggestions(request: HttpRequest) -> JsonResponse:
    """Suggestions for the search box as the visitor types: [{name, kind, url}], best first."""
    query = request.GET.get("q", "").strip()
    found = search_places(query) if query else []
    suggestions = [
        {"name": o.name, "kind": str(o.get_kind_display()), "url": o.get_absolute_url()}
        for o in found
    ]
    return JsonResponse({"query": query, "suggestions": suggestions})


def _preset_labels() -> dict[str, str]:
    """What each Carbon Law preset stands for, in words (docs/METHOD.md#parameters)."""
    return {
        "1.5C": _("1.5 °C, as in Swedish municipal analyses (the default)"),
        "global-average": _("Global average: roughly halving every decade"),
        "fair-share-10": _("Another reading of a fair share (sensitivity analysis)"),
        "fair-share-14": _("Another reading of a fair share (sensitivity analysis)"),
        "fair-share-16": _("Another reading of a fair share (sensitivity analysis)"),
    }


def method(request: HttpRequest) -> HttpResponse:
    labels = _preset_labels()
    presets = sorted(CARBON_LAW_PRESETS.items(), key=lambda item: item[1])
    return render(
        request,
        "web/method.html",
        {
            "defaults": MetricParameters(),
            "presets": [(labels[name], round(rate * 100, 2)) for name, rate in presets],
        },
    )


def method_documentation(request: HttpRequest) -> HttpResponse:
    """docs/METHOD.md as a page (in English, like the document); not in the public page cache,
    which follows the data, not the document (its rendering is kept until the file changes)."""
    path = Path(settings.METHOD_DOCUMENT)
    if not path.is_file():
        raise Http404(_("The method documentation is not installed with this copy."))
    return render(request, "web/method_documentation.html", {"document": method_document(path)})


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
