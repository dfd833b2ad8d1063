"""A contract as a PDF (reportlab, as the survey reports): a title page with the parties and
their signatories, then every section in the programme's order, its heading numbered as in the
contract, its text, its linked figures and its commitments as tables, and at the end the
follow-up of the commitments year by year; page numbers at the foot."""

import io
from collections.abc import Sequence
from functools import cache
from typing import Any

from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from klimatlaget.contracts.export import ContractExport
from klimatlaget.contracts.word import cell_text, paragraphs
from klimatlaget.exports.cells import plain_text
from klimatlaget.surveys.report.pdf import ACCENT, LINE, plain

#: The heading styles by depth; deeper sections use the last.
HEADINGS = ("Heading1", "Heading2", "Heading3", "Heading4")
WIDTH = A4[0] - 4 * cm


@cache
def _styles() -> dict[str, ParagraphStyle]:
    sheet = getSampleStyleSheet()
    styles = {
        "title": ParagraphStyle("KcTitle", parent=sheet["Title"], fontSize=28, leading=34),
        "subtitle": ParagraphStyle("KcSub", parent=sheet["Heading2"], textColor=ACCENT),
        "body": sheet["BodyText"],
        "cell": ParagraphStyle("KcCell", parent=sheet["BodyText"], fontSize=8.5, leading=11),
    }
    for depth, name in enumerate(HEADINGS, start=1):
        styles[f"h{depth}"] = ParagraphStyle(f"KcH{depth}", parent=sheet[name], textColor=ACCENT)
    return styles


def _p(text: Any, style: str) -> Paragraph:
    return Paragraph(escape(plain(plain_text(text))), _styles()[style])


#: The columns' shares of the width of a section's commitments (party, commitment, due year,
#: latest status, year) and of the follow-up's first columns (section, party, commitment).
COMMITMENT_SHARES = (2, 5, 1.2, 1.8, 1)
FOLLOWUP_SHARES = (1, 2, 4)
#: The share of each year's column in the follow-up.
YEAR_SHARE = 1.6


def _table(
    header: Sequence[str], rows: Sequence[Sequence[Any]], shares: Sequence[float] = ()
) -> Table:
    data = [[_p(cell_text(value), "cell") for value in row] for row in [header, *rows]]
    shares = shares or [1] * len(header)
    widths = [WIDTH * share / sum(shares) for share in shares]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, LINE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef5f1")),
            ]
        )
    )
    return table


def _title_page(export: ContractExport) -> list[Flowable]:
    contract = export.contract
    flow: list[Flowable] = [
        Spacer(1, 4 * cm),
        _p(str(contract), "title"),
        _p(contract.organisation.name, "subtitle"),
        _p(f"{_('Status')}: {contract.get_status_display()}", "body"),
    ]
    if contract.signed_on:
        flow.append(_p(f"{_('Signed on')}: {contract.signed_on.isoformat()}", "body"))
    if export.parties:
        header = [_("Party"), _("Role"), capfirst(_("signatory")), capfirst(_("signatory's title"))]
        rows = [
            [p.party.name, p.get_role_display(), p.signatory_name, p.signatory_title]
            for p in export.parties
        ]
        flow += [Spacer(1, cm), _p(_("Parties"), "h2"), _table(header, rows)]
    return [*flow, PageBreak()]


def _page_number(canvas: Any, document: Any) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    page = _("Page %(page)s") % {"page": document.page}
    canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, plain(page))
    canvas.drawString(2 * cm, 1.2 * cm, plain(document.title))
    canvas.restoreState()


def contract_pdf(export: ContractExport) -> bytes:
    """The contract as a PDF file."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=plain(plain_text(export.title)),
        author=plain(plain_text(export.contract.organisation.name)),
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
    )
    flow = _title_page(export)
    for paragraph in paragraphs(export.contract.preamble):
        flow.append(_p(paragraph, "body"))
    for section in export.sections:
        flow.append(_p(section.heading, f"h{min(section.depth, len(HEADINGS))}"))
        for paragraph in paragraphs(section.view.section.text):
            flow.append(_p(paragraph, "body"))
        for table in section.tables:
            flow += [_table(table.header, table.rows), Spacer(1, 0.3 * cm)]
        if section.commitments:
            commitments = export.commitment_table(section)
            flow += [
                _table(commitments.header, commitments.rows, COMMITMENT_SHARES),
                Spacer(1, 0.3 * cm),
            ]
    if export.commitments:
        followup = export.followup_table()
        shares = [*FOLLOWUP_SHARES, *[YEAR_SHARE] * len(export.followed_up)]
        flow += [
            _p(_("Follow-up of the commitments"), "h1"),
            _table(followup.header, followup.rows, shares),
        ]
    document.build(flow, onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()
