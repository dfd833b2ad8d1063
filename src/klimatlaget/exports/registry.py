"""The registered exporters: every file the platform writes for reuse is built by one of them.

An exporter has a name (``inventory-gpc``), a title, the formats it writes, whom it serves (one
organisation, or the whole platform) and who may run it (asked through the one access layer).
Each capability registers its exporters in its own ``exporters`` module; :func:`exporters` finds
them the first time it is asked, as Django's admin finds ``admin`` modules. The Exports page, the
API and ``klimatlaget export --list`` all read this one list, and run an export through
:func:`run_export`, which checks the permission first.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

if TYPE_CHECKING:
    from klimatlaget.accounts.permissions import User
    from klimatlaget.organisations.models import Organisation


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    DOCX = "docx"
    PDF = "pdf"
    ZIP = "zip"


CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.JSON: "application/json",
    ExportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ExportFormat.PDF: "application/pdf",
    ExportFormat.ZIP: "application/zip",
}


class Scope(StrEnum):
    ORGANISATION = "organisation"  # run for one organisation (and usually a year)
    PLATFORM = "platform"  # run for everything the platform publishes


@dataclass(frozen=True)
class ExportRequest:
    """What to export: for whom, which year (when the exporter asks for one), in which format,
    and who reads it (whose access decides whether drafts are in the file; ``None``: the public)."""

    format: ExportFormat
    organisation: "Organisation | None" = None
    year: int | None = None
    options: dict[str, str] = field(default_factory=dict)
    reader: "User | None" = None


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    file_name: str
    format: ExportFormat

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


@dataclass(frozen=True)
class Exporter:
    name: str
    title: str | Promise
    description: str | Promise
    formats: tuple[ExportFormat, ...]
    write: Callable[[ExportRequest], ExportFile]
    #: May this user run it (for this organisation; ``None`` for a platform exporter)?
    may_run: Callable[["User", "Organisation | None"], bool]
    scope: Scope = Scope.ORGANISATION
    needs_year: bool = True
    #: The platform it reports to, when it fills in another platform's report (for the Exports
    #: page's grouping and the readiness page's links).
    platform: str = ""


_registry: dict[str, Exporter] = {}
_discovered = False


class UnknownExporter(LookupError):
    pass


def register(exporter: Exporter) -> Exporter:
    if exporter.name in _registry and _registry[exporter.name] != exporter:
        raise ValueError(f"Two exporters are named {exporter.name!r}")
    _registry[exporter.name] = exporter
    return exporter


def exporters() -> list[Exporter]:
    """Every registered exporter, by name."""
    global _discovered
    if not _discovered:
        autodiscover_modules("exporters")
        _discovered = True
    return sorted(_registry.values(), key=lambda exporter: exporter.name)


def get_exporter(name: str) -> Exporter:
    for exporter in exporters():
        if exporter.name == name:
            return exporter
    raise UnknownExporter(name)


def available_to(user: "User", organisation: "Organisation | None") -> list[Exporter]:
    """The exporters ``user`` may run for ``organisation`` (``None``: the platform's)."""
    scope = Scope.PLATFORM if organisation is None else Scope.ORGANISATION
    return [
        exporter
        for exporter in exporters()
        if exporter.scope == scope and exporter.may_run(user, organisation)
    ]


def run_export(user: "User", exporter: Exporter, request: ExportRequest) -> ExportFile:
    """Write ``request`` with ``exporter`` once the access layer lets ``user`` run it."""
    if not exporter.may_run(user, request.organisation):
        raise PermissionDenied(exporter.name)
    if request.format not in exporter.formats:
        written = ", ".join(exporter.formats)
        raise ValueError(f"{exporter.name} writes {written}, not {request.format}")
    return exporter.write(request)
