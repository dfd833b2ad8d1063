"""The registered exporters: every file the platform writes for reuse is built by one of them.

An exporter has a name (``inventory-gpc``), a title, the formats it writes, whom it serves (one
organisation, or the whole platform) and who may run it (asked through the one access layer).
Each capability registers its exporters in its own ``exporters`` module; :func:`exporters` finds
them the first time it is asked, as Django's admin finds ``admin`` modules. The Exports page, the
API and ``klimatlaget export --list`` all read this one list, and run an export through
:func:`run_export`, which checks the permission first.

Who may run an exporter is one of the access layer's answers
(:func:`klimatlaget.accounts.permissions.anyone` for public data,
:func:`~klimatlaget.accounts.permissions.reports_for` for an organisation's own reporting). A
writer that reads drafts shows only those ``request.reader`` may read, as the pages do, and
raises :class:`NothingToExport` when the organisation has nothing for the year (a 404, or exit 1
on the command line). Tables are written with :func:`table_file` (the one, formula-safe, table
writer).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from klimatlaget.exports.columns import Column
from klimatlaget.exports.tabular import TableFormat, write_table

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
    #: page's grouping and the readiness page's links): a key of :data:`PLATFORMS`.
    platform: str = ""


#: The platforms' names by their keys (``Exporter.platform``); an unknown key names itself.
PLATFORMS: dict[str, str | Promise] = {
    "cdp": "CDP-ICLEI Track",
    "covenant": _("EU Covenant of Mayors"),
    "netzerocities": "NetZeroCities",
}


_registry: dict[str, Exporter] = {}
_discovered = False


class UnknownExporter(LookupError):
    pass


class InvalidRequest(ValueError):
    """The request does not fit the exporter: a format it does not write, a missing year, an
    organisation for a platform exporter or none for an organisation's (a 400)."""


class NothingToExport(LookupError):
    """The organisation has nothing this exporter writes for the year (or nothing its reader
    may read): a 404."""


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
    check_request(exporter, request)
    return exporter.write(request)


def check_request(exporter: Exporter, request: ExportRequest) -> None:
    """Raise :class:`InvalidRequest` unless ``exporter`` can write ``request``."""
    if request.format not in exporter.formats:
        written = ", ".join(exporter.formats)
        raise InvalidRequest(f"{exporter.name} writes {written}, not {request.format}")
    if exporter.needs_year and request.year is None:
        raise InvalidRequest(f"{exporter.name} needs a year")
    if (request.organisation is None) != (exporter.scope == Scope.PLATFORM):
        whom = "the platform" if exporter.scope == Scope.PLATFORM else "one organisation"
        raise InvalidRequest(f"{exporter.name} is written for {whom}")


def parse_format(text: str) -> ExportFormat:
    """The format named ``text`` (``InvalidRequest`` when there is none)."""
    try:
        return ExportFormat(text)
    except ValueError:
        known = ", ".join(ExportFormat)
        raise InvalidRequest(f"No format is named {text!r} (the formats: {known})") from None


def table_file(
    stem: str,
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str | Column],
    export_format: ExportFormat,
    title: str = "Data",
) -> ExportFile:
    """A table as CSV, a workbook or JSON, written by the one table writer."""
    content = write_table(rows, columns, TableFormat(export_format.value), title=title)
    return ExportFile(content, f"{stem}.{export_format}", export_format)
