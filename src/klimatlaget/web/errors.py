"""What a visitor gets when something goes wrong: the site's own 404 and 500 pages (JSON under
``/api/``), never a traceback, and 503 with ``Retry-After`` when the database is too busy to take
a write now, since trying again shortly will work.

The tracebacks of 500s are logged (``django.request``). The 500 and 503 pages are rendered without
the request: they must not depend on the database or the session that may be what failed.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger("django.request")

#: Seconds a client is asked to wait before trying a refused write again.
RETRY_AFTER = 5

#: How the databases say a write could not get its turn (SQLite's busy timeout ran out,
#: PostgreSQL broke a deadlock or a serialisation conflict): a retry will succeed.
_BUSY_MESSAGES = (
    "database is locked",
    "database table is locked",
    "deadlock detected",
    "could not serialize access",
)


def database_busy(error: BaseException | None) -> bool:
    return isinstance(error, OperationalError) and any(
        message in str(error) for message in _BUSY_MESSAGES
    )


def wants_json(request: HttpRequest) -> bool:
    """The API and the pages' own JSON endpoints (autosave) answer errors in JSON."""
    return request.path.startswith("/api/") or request.content_type == "application/json"


def busy_response(request: HttpRequest) -> HttpResponse:
    logger.warning("Database busy: %s %s", request.method, request.path)
    response: HttpResponse
    if wants_json(request):
        detail = _("The database is busy. Nothing was saved; try again in a few seconds.")
        response = JsonResponse({"detail": detail}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def _server_error_json() -> JsonResponse:
    return JsonResponse({"detail": _("Something went wrong on the server.")}, status=500)


def api_error(request: HttpRequest, error: Exception) -> HttpResponse:
    """An API error no other handler knows: the client's (a request too large or malformed) or
    the server's, logged with its traceback; answered in JSON."""
    if database_busy(error):
        return busy_response(request)
    if isinstance(error, RequestDataTooBig):
        return JsonResponse({"detail": _("The request is too large.")}, status=413)
    if isinstance(error, SuspiciousOperation | BadRequest):
        return JsonResponse({"detail": _("The request is malformed.")}, status=400)
    logger.error("Internal Server Error: %s", request.path, exc_info=error)
    return _server_error_json()


class DatabaseBusyMiddleware:
    """A page whose write found the database busy answers 503 with ``Retry-After``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, error: Exception) -> HttpResponse | None:
        return busy_response(request) if database_busy(error) else None


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: the site's page, JSON under ``/api/``."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: Django has logged the traceback; the visitor gets the site's page (JSON
    under ``/api/``), or 503 when the database was busy outside a view (e.g. saving a session)."""
    if database_busy(sys.exc_info()[1]):
        return busy_response(request)
    if request.path.startswith("/api/"):
        return _server_error_json()
    try:
        return defaults.server_error(request)
    except Exception:  # the page itself failed, e.g. static files not collected in production
        logger.exception("The 500 page could not be rendered")
        return HttpResponseServerError(_("Something went wrong on the server."))
