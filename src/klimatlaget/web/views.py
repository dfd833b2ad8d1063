from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from klimatlaget.calc import CARBON_LAW_PRESETS, MetricParameters
from klimatlaget.emissions.highlights import overview
from klimatlaget.emissions.metrics import parameters
from klimatlaget.imports.models import ImportKind, ImportRun
from klimatlaget.organisations.models import Organisation, OrganisationKind
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


def method(request: HttpRequest) -> HttpResponse:
    defaults = MetricParameters()
    return render(
        request,
        "web/method.html",
        {"defaults": defaults, "presets": sorted(CARBON_LAW_PRESETS.items())},
    )


def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
