from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klimatlaget.accounts.permissions import Permission
from klimatlaget.accounts.resolvers import organisation_for
from klimatlaget.audit.fields import readable
from klimatlaget.audit.subjects import HIDDEN
from klimatlaget.audit.visibility import history


@login_required
def organisation_history(request: HttpRequest, code: str) -> HttpResponse:
    organisation = organisation_for(request.user, Permission.VIEW_HISTORY, code)
    entries = history(request.user, organisation)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    rows = [(entry, readable(entry.subject, entry.changes, HIDDEN)) for entry in page]
    context = {"organisation": organisation, "page": page, "rows": rows, "hidden": HIDDEN}
    return render(request, "audit/history.html", context)
