from typing import Any

from django.http import HttpRequest

from klimatlaget.imports.services import example_data_loaded


def site(request: HttpRequest) -> dict[str, Any]:
    """Values every page needs: whether fictional example data is loaded (shown as a banner)."""
    return {"example_data": example_data_loaded()}
