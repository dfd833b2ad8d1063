from django.shortcuts import get_object_or_404

from klimatlaget.organisations.models import Organisation


def organisation_or_404(code: str) -> Organisation:
    """The organisation with this code, else a 404 (codes are public, so no existence leak)."""
    return get_object_or_404(Organisation.objects.select_related("county"), code=code)
