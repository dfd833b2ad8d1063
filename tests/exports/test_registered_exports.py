"""Every registered exporter, run over the hostile data of :mod:`test_formula_injection`, writes
no cell a spreadsheet would run, in every CSV, workbook and Word format it writes. The list is
the registry's own, so an exporter registered later is checked without being named here."""

import pytest

from exports.test_formula_injection import DOCX, XLSX, check, hostile_data  # noqa: F401
from klimatlaget.accounts.actors import command_line
from klimatlaget.exports.registry import (
    ExportFormat,
    ExportRequest,
    NothingToExport,
    Scope,
    exporters,
    run_export,
)
from klimatlaget.organisations.models import Organisation

CHECKED = {
    ExportFormat.CSV: "text/csv",
    ExportFormat.XLSX: XLSX,
    ExportFormat.DOCX: DOCX,
}
#: The hostile data's years: emissions up to 2022; contracts, plans, periods of 2024–2026.
YEARS = (2022, 2024, 2025, 2026)


@pytest.mark.usefixtures("hostile_data")
def test_no_registered_exporter_writes_a_formula():
    strandhamn = Organisation.objects.get(code="9102")
    operator = command_line()  # reads drafts too, so the hostile draft contract is written
    carrying = []
    for exporter in exporters():
        organisation = strandhamn if exporter.scope == Scope.ORGANISATION else None
        for export_format in set(exporter.formats) & set(CHECKED):
            written = 0
            for year in YEARS if exporter.needs_year else (None,):
                request = ExportRequest(export_format, organisation, year, reader=operator)
                try:
                    content = run_export(operator, exporter, request).content
                except NothingToExport:
                    continue
                try:
                    check(content, CHECKED[export_format], ())
                except AssertionError as error:
                    raise AssertionError(f"{exporter.name} {export_format} {year}") from error
                written += 1
                carrying += [exporter.name] if b"evil.example" in content else []
            assert written, f"{exporter.name} wrote no {export_format} from the hostile data"
    assert {"measures", "investment-plan"} <= set(carrying)  # in CSV, the text is readable
