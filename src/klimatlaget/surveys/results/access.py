"""The survey whose statistics the secretariat reads, resolved once for the page, the CSV and
the API. Statistics are the secretariat's (``MANAGE_ASSOCIATION``): member editors and viewers
are refused even after approval, because a filter narrowed to one county or size class could
single out one member's answers."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from klimatlaget.accounts.permissions import Permission, User, ensure_permission
from klimatlaget.associations.views import association_or_404
from klimatlaget.surveys.models import Survey


def managed_survey(user: User, survey_id: int, code: str | None = None) -> Survey:
    """The survey with ``survey_id`` (of the association ``code`` when given) for the
    secretariat; anybody else gets PermissionDenied before anything is looked up."""
    ensure_permission(user, Permission.MANAGE_ASSOCIATION)
    surveys = Survey.objects.select_related("association")
    if code is None:
        return get_object_or_404(surveys, pk=survey_id)
    association = association_or_404(code)
    return get_object_or_404(surveys, pk=survey_id, association=association)
