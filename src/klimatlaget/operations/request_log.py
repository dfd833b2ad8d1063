"""One log line per request: method, path, status, duration and the user's id.

The path is logged without its query string, which may carry tokens or personal data (search
terms, e-mail addresses in links). Lines go to the ``klimatlaget.requests`` logger at INFO.
"""

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger("klimatlaget.requests")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        start = time.perf_counter()
        response = self.get_response(request)
        milliseconds = (time.perf_counter() - start) * 1000
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else "-"
        logger.info(
            "%s %s %s %.1fms user=%s",
            request.method,
            request.path,
            response.status_code,
            milliseconds,
            user_id,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round(milliseconds, 1),
                "user_id": None if user_id == "-" else user_id,
            },
        )
        return response
