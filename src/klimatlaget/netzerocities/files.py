"""A :class:`~klimatlaget.netzerocities.report.Report` as an Excel workbook (one sheet per
table, through the one table writer) and as a Word document (one table per module)."""

import io
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from openpyxl import Workbook

from klimatlaget.contracts.word import cell_text
from klimatlaget.exports.cells import is_number, plain_text
from klimatlaget.exports.columns import Column, Kind
from klimatlaget.exports.workbook import BOLD, append_row, save, sheet_name, write_table
from klimatlaget.investments import netzerocities as cost_summary
from klimatlaget.netzerocities.report import (
    ACTION_COLUMNS,
    INDICATOR_COLUMNS,
    METADATA_COLUMNS,
    Report,
)


def file_stem(report: Report) -> str:
    return f"netzerocities-{report.organisation.code}-{report.year}"


def facts(report: Report) -> list[tuple[str, Any]]:
    """What the file is of: the organisation, the year, the investment plan and the drafts."""
    plan = report.investments.plan if report.investments else None
    return [
        (_("Organisation"), report.organisation.name),
        (_("Code"), report.organisation.code),
        (_("Year"), report.year),
        (_("Investment plan"), str(plan) if plan else _("None")),
        (_("Investment plan status"), plan.get_status_display() if plan else ""),
        (_("Drafts included"), _("Yes") if report.with_drafts else _("No")),
        (_("Source"), _("Klimatläget; empty cells: not known to the platform")),
    ]


def tables(report: Report) -> list[tuple[str, Sequence[Mapping[str, Any]], list[Column]]]:
    """Each table with its title, in the order of the NetZeroCities modules."""
    return [
        (_("B-2 Action outlines"), report.actions, ACTION_COLUMNS),
        (_("B-3 Indicators"), report.indicators, INDICATOR_COLUMNS),
        (_("B-3 Indicator metadata"), report.metadata, METADATA_COLUMNS),
        (_("C-3 Investment summary"), report.cost_summary, cost_summary.COLUMNS),
    ]


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    about = book.active
    assert about is not None
    taken: set[str] = set()
    about.title = sheet_name(_("About"), taken)
    append_row(about, [_("NetZeroCities Climate City Contract tables")], BOLD)
    for label, value in facts(report):
        append_row(about, [label, value])
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 60
    for title, rows, columns in tables(report):
        write_table(book.create_sheet(sheet_name(title, taken)), rows, columns)
    return save(book)


def shown(column: Column, value: Any) -> str:
    """A Word cell's text: numbers with their column's decimals, years as written, text
    formula-safe."""
    if not is_number(value) or column.kind == Kind.TEXT:
        return cell_text(value)
    if column.kind == Kind.YEAR:
        return str(value)
    places = column.decimals if column.kind == Kind.DECIMAL else 0
    return number_format(value, decimal_pos=places, force_grouping=True)


def _table(document: WordDocument, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(cell_text(text)).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def report_docx(report: Report) -> bytes:
    """Landscape A4 pages: the tables are wide."""
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    title = _("NetZeroCities Climate City Contract tables")
    document.core_properties.title = plain_text(f"{title}: {report.organisation.name}")
    document.add_heading(plain_text(title), level=0)
    _table(document, [_("Fact"), _("Value")], [[k, cell_text(str(v))] for k, v in facts(report)])
    for heading, rows, columns in tables(report):
        document.add_heading(heading, level=1)
        if not rows:
            document.add_paragraph(_("Nothing to report."))
            continue
        _table(
            document,
            [column.heading for column in columns],
            [[shown(column, row.get(column.key)) for column in columns] for row in rows],
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
