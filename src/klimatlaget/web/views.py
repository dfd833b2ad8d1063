from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from klimatlaget.calc import CARBON_LAW_PRESETS, MetricParameters
from klimatlaget.organisations.models import Organisation, OrganisationKind
from klimatlaget.sources import NameMatcher
from klimatlaget.web.pagecache import public_page


@public_page
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    if query:
        found = _find_organisation(query)
        if found is not None:
            return redirect(found)
        messages.error(request, _("No municipality or region called “%(name)s”.") % {"name": query})
    counties = Organisation.objects.filter(kind=OrganisationKind.COUNTY).order_by("code")
    municipalities = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    return render(
        request,
        "web/home.html",
        {"counties": counties, "municipalities": municipalities.order_by("name")},
    )


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


def _find_organisation(query: str) -> Organisation | None:
    names = dict(Organisation.objects.values_list("code", "name"))
    code = NameMatcher(names).match(query)
    return Organisation.objects.get(code=code) if code else None
