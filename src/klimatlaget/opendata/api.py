"""``GET /api/open-data``: the open data package's descriptor (``datapackage.json``), whose
resources' paths are relative to ``/open-data/``."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from klimatlaget.opendata.package import open_data_package

router = Router(tags=["open data"])


@router.get("/open-data", response=dict[str, Any])
def open_data(request: HttpRequest) -> Any:
    """The Frictionless data package descriptor of the public tables: every table's CSV
    (under /open-data/), schema, size and SHA-256. Anyone may read it."""
    return open_data_package().descriptor
