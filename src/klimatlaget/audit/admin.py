"""Audited models in Django's admin: shown, never changed.

Their services are the only writers: they check permissions and record every change in the log,
which the admin would go around. Every admin class of an audited model uses :class:`ReadOnly`.
"""

from typing import Any

from django.http import HttpRequest


class ReadOnly:
    """Refuses adding, changing and deleting (for a ``ModelAdmin`` or an inline)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
