"""The energy inventory through the API: an organisation's energy use (public; JSON or CSV) and
the upload of a file for one organisation (its editors and the platform) or for many (the
platform): every row imported, or nothing and 422 listing the problems by row and column."""

import tempfile
from pathlib import Path
from typing import Any, Literal

from django.http import HttpRequest
from ninja import File, Router, Schema, UploadedFile
from ninja.security import django_auth

from klimatlaget.accounts.permissions import Permission, ensure_permission
from klimatlaget.accounts.resolvers import organisation_for, organisation_or_404
from klimatlaget.api.schemas import ErrorOut
from klimatlaget.energy import table
from klimatlaget.energy.imports import import_energy
from klimatlaget.exports.responses import csv_response
from klimatlaget.organisations.models import Organisation

router = Router(tags=["energy"])


class EnergyUseOut(Schema):
    organisation: str
    year: int
    sector: str
    sector_label: str
    carrier: str
    carrier_label: str
    mwh: float
    tco2e: float
    covenant_sector: str
    source: str


class ReplacedOut(Schema):
    organisation: str
    year: int
    rows: int


class EnergyImportOut(Schema):
    file_name: str
    rows_read: int
    replaced: list[ReplacedOut]
    unchanged: int


@router.get("/organisations/{code}/energy", response={200: list[EnergyUseOut], 404: ErrorOut})
def energy_uses(
    request: HttpRequest,
    code: str,
    year: int | None = None,
    format: Literal["json", "csv"] = "json",
) -> Any:
    """Final energy use by sector and carrier (every year unless ``year``), with the emissions
    of the platform's emission factors. Public."""
    organisation = organisation_or_404(code)
    rows = table.rows(organisation, year)
    if format == "csv":
        return csv_response(f"energy-{organisation.code}", rows, table.COLUMNS)
    return rows


def _import(request: HttpRequest, file: UploadedFile, only: Organisation | None) -> Any:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(file.name or "energy.csv").name or "energy.csv")
        with path.open("wb") as handle:
            for chunk in file.chunks():
                handle.write(chunk)
        result = import_energy(path, actor=request.user, only=only)
    return {
        "file_name": result.file_name,
        "rows_read": result.rows_read,
        "replaced": [
            {"organisation": code, "year": year, "rows": rows}
            for (code, year), rows in sorted(result.replaced.items())
        ],
        "unchanged": result.unchanged,
    }


UPLOAD_RESPONSES = {
    200: EnergyImportOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
}


@router.post("/organisations/{code}/energy", auth=django_auth, response=UPLOAD_RESPONSES)
def upload_energy(request: HttpRequest, code: str, file: File[UploadedFile]) -> Any:
    """Upload the organisation's energy use (multipart, field ``file``: CSV or .xlsx with the
    columns organisation, year, sector, carrier, mwh, source). Each year in the file replaces
    the year held; every row must be this organisation's. Its editors and the platform."""
    organisation = organisation_for(request.user, Permission.CHANGE_ORGANISATION, code)
    return _import(request, file, organisation)


@router.post("/imports/energy", auth=django_auth, response=UPLOAD_RESPONSES)
def import_energy_file(request: HttpRequest, file: File[UploadedFile]) -> Any:
    """Upload the energy use of any organisations (as :func:`upload_energy`). Platform only."""
    ensure_permission(request.user, Permission.IMPORT_DATA)
    return _import(request, file, None)
