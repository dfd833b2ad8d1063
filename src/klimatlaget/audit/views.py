from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.audit.subjects import HIDDEN
from klimatlaget.audit.visibility import history
from klimatlaget.organisations.lookup import organisation_or_404


@login_required
def organisation_history(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_or_404(code)
    ensure_permission(request.user, Permission.VIEW_HISTORY, organisation)
    entries = history(request.user, organisation)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    context = {"organisation": organisation, "page": page, "hidden": HIDDEN}
    return render(request, "audit/history.html", context)
