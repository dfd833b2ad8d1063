"""The public page cache: what anyone may see, rendered and compressed once per data version.

An anonymous GET of a page marked ``@public_page`` is answered from the ``pages`` cache, keyed by
the data version (:mod:`klimatlaget.dataversion`), the language, the date (the default "current
year" of the metrics follows the calendar), the host and the full path, with an ``ETag`` and
``Last-Modified`` (a conditional GET gets 304) and gzip. A request carrying a session or pending
messages (anyone logged in) always gets its own rendering, which is never stored and never
compressed: a page with personal data or a CSRF token stays out of reach of BREACH. A page
holding a CSRF token is never stored either (public pages have none: see the language switch in
``config/urls.py``).
"""

import datetime
import gzip
import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeGuard

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from klimatlaget.dataversion.cache import SingleFlight
from klimatlaget.dataversion.version import current

View = Callable[..., HttpResponseBase]

_rendering = SingleFlight()
_KEPT_HEADERS = ("Content-Type", "Content-Disposition")
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


@dataclass(frozen=True)
class CachedPage:
    gzipped: bytes  # kept compressed only: a tenth of the memory; few clients refuse gzip
    headers: dict[str, str]
    etag: str  # from the content: the same in every process
    stored_at: float  # Last-Modified: unlike the data's time, it also moves with a new release


def public_page(view: View) -> View:
    """Serve ``view`` to anonymous visitors from the page cache (see the module's docstring)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not _anonymous_read(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        page = caches["pages"].get(key)
        if page is None:
            with _rendering.turn(key):  # many visitors at once after a change: one renders
                page = caches["pages"].get(key)
                if page is None:
                    response = view(request, *args, **kwargs)
                    if not _storable(response, request):
                        return response
                    page = _page(response)
                    caches["pages"].set(key, page)
        return _respond(request, page)

    wrapper.public_page = True  # type: ignore[attr-defined]
    return wrapper


def _anonymous_read(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request: HttpRequest) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"page:{current().token}:{get_language()}:{datetime.date.today()}:{digest}"


def _storable(response: HttpResponseBase, request: HttpRequest) -> TypeGuard[HttpResponse]:
    """A complete 200 response, the same for every anonymous visitor, that may be kept."""
    cache_control = response.get("Cache-Control", "")
    return (
        isinstance(response, HttpResponse)
        and response.status_code == 200
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and len(get_messages(request)) == 0
        and b"csrfmiddlewaretoken" not in response.content
    )


def _page(response: HttpResponse) -> CachedPage:
    content = response.content
    headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
    etag = f'W/"{hashlib.sha256(content).hexdigest()[:32]}"'  # the gzipped one is the same
    return CachedPage(gzip.compress(content, mtime=0), headers, etag, time.time())


def _respond(request: HttpRequest, page: CachedPage) -> HttpResponseBase:
    response = get_conditional_response(request, etag=page.etag, last_modified=int(page.stored_at))
    if response is None:
        if _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
            response = HttpResponse(page.gzipped, headers=page.headers)
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(page.gzipped), headers=page.headers)
    response["ETag"] = page.etag
    response["Last-Modified"] = http_date(page.stored_at)
    response["Cache-Control"] = "no-cache"  # keep it, but ask whether it is still current
    patch_vary_headers(response, ("Cookie", "Accept-Language", "Accept-Encoding"))
    return response
