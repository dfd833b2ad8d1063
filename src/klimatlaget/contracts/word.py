"""A contract as a Word document (python-docx): a title page with the parties and their
signatories, then every section in the programme's order, its heading numbered as in the
contract, its text, its linked figures and its commitments as tables, and at the end the
follow-up of the commitments year by year."""

import io
from collections.abc import Sequence
from typing import Any

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK

from klimatlaget.contracts.export import ContractExport
from klimatlaget.exports.cells import csv_text, plain_text

#: Word's deepest built-in heading style.
DEEPEST_HEADING = 9


def cell_text(value: Any) -> str:
    """A table cell's text: numbers as the site writes them, text formula-safe."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return number_format(value, force_grouping=True)
    return csv_text(str(value))


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs (separated by blank lines), without control characters."""
    return [part.strip() for part in plain_text(text).split("\n\n") if part.strip()]


def _table(document: WordDocument, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(cell_text(text)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = cell_text(value)
    document.add_paragraph()


def _title_page(document: WordDocument, export: ContractExport) -> None:
    contract = export.contract
    document.add_heading(plain_text(str(contract)), level=0)
    document.add_paragraph(plain_text(contract.organisation.name))
    facts = [f"{_('Status')}: {contract.get_status_display()}"]
    if contract.signed_on:
        facts.append(f"{_('Signed on')}: {contract.signed_on.isoformat()}")
    document.add_paragraph(" · ".join(facts))
    if export.parties:
        document.add_heading(_("Parties"), level=1)
        header = [_("Party"), _("Role"), capfirst(_("signatory")), capfirst(_("signatory's title"))]
        rows = [
            [p.party.name, p.get_role_display(), p.signatory_name, p.signatory_title]
            for p in export.parties
        ]
        _table(document, header, rows)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def contract_docx(export: ContractExport) -> bytes:
    """The contract as a .docx file."""
    document = Document()
    document.core_properties.title = plain_text(export.title)
    _title_page(document, export)
    if export.contract.preamble:
        for paragraph in paragraphs(export.contract.preamble):
            document.add_paragraph(paragraph)
    for section in export.sections:
        document.add_heading(plain_text(section.heading), level=min(section.depth, DEEPEST_HEADING))
        for paragraph in paragraphs(section.view.section.text):
            document.add_paragraph(paragraph)
        for table in section.tables:
            _table(document, table.header, table.rows)
        if section.commitments:
            commitments = export.commitment_table(section)
            _table(document, commitments.header, commitments.rows)
    if export.commitments:
        document.add_heading(_("Follow-up of the commitments"), level=1)
        followup = export.followup_table()
        _table(document, followup.header, followup.rows)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
