"""Login throttling beyond django-axes' single limit: a per-address limit across usernames.

Axes locks a username at an address after ``AXES_FAILURE_LIMIT`` failures. It can lock by
address alone too, but with the same limit for every parameter combination (it takes the
largest count of all of them), so an address limit would be as low as the per-user one and
lock out an office behind one address. This handler keeps axes' username+address lockout and
adds a higher limit on the failures from one address across all usernames
(``KLIMATLAGET_ADDRESS_FAILURE_LIMIT``), which stops password spraying: a few guesses at each of
many accounts.
"""

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def client_ip(request: HttpRequest) -> str:
    """The client's address: the last in X-Forwarded-For when the proxy is trusted to set it."""
    if settings.KLIMATLAGET_TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return str(request.META.get("REMOTE_ADDR", ""))


def address_failures(address: str) -> int:
    """Failed log-ins from ``address`` within the cool-off time, whatever the username."""
    attempts = AccessAttempt.objects.filter(ip_address=address)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


class AddressLimitHandler(AxesDatabaseHandler):
    """Axes' database handler, also locking an address after too many failures in all."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        return bool(super().is_locked(request, credentials)) or self._address_locked(request)

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self._address_locked(request):
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
            )

    @staticmethod
    def _address_locked(request: HttpRequest) -> bool:
        address = getattr(request, "axes_ip_address", None) or client_ip(request)
        return address_failures(address) >= settings.KLIMATLAGET_ADDRESS_FAILURE_LIMIT
